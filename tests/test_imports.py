"""The import graph of the travaux package, as tests: no cycle between modules, no private
name borrowed across modules, and every module imports.

The graph is read with ``ast`` from the repository's folders mapped to their installed
names (``diffing/align/aligner.py`` -> ``travaux.diffing.align.aligner``), and it counts
every import, deferred ones inside functions included: a deferred import hides a cycle
from Python, not from the design.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"travaux": "travaux", "diffing": "travaux.diffing", "history": "travaux.history",
           "renderers": "travaux.renderers"}


def module_files() -> dict[str, Path]:
    """Installed module name -> source file, for every module of the package."""
    out: dict[str, Path] = {}
    for folder, prefix in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([prefix, *parts])] = path
    return out


MODULES = module_files()


def _target(name: str) -> str | None:
    """The package module an imported dotted name lives in (its longest known prefix)."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in MODULES:
            return ".".join(parts)
        parts.pop()
    return None


def imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import in ``module``,
    at any depth; ``from package import submodule`` counts as importing the submodule."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _target(alias.name)
                if target:
                    out.append((target, None, node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                if sub in MODULES:
                    out.append((sub, None, node.lineno))
                elif (target := _target(node.module)) is not None:
                    out.append((target, alias.name, node.lineno))
    return out


def private_uses(module: str) -> list[tuple[str, str, int]]:
    """(module, name, line) for every ``_name`` taken from another package module, by
    ``from m import _name`` or as ``m._name`` on a module bound by an import."""
    out = [(t, n, line) for t, n, line in imports(module)
           if n and n.startswith("_") and not n.startswith("__") and t != module]
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in MODULES:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in MODULES:
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__") and aliases[node.value.id] != module):
            out.append((aliases[node.value.id], node.attr, node.lineno))
    return out


def graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (a package's ``__init__`` counts as a module,
    but importing ``a.b.c`` is not counted as importing ``a.b``: the edges are the design's)."""
    return {m: {t for t, _, _ in imports(m) if t != m} for m in MODULES}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (first == last), or None; depth-first, deterministic."""
    state: dict[str, int] = {}          # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for t in sorted(edges.get(m, ())):
            if state.get(t) == 1:
                return path[path.index(t):] + [t]
            if t not in state and (found := visit(t)):
                return found
        path.pop()
        state[m] = 2
        return None

    for m in sorted(edges):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_graph_sees_modules_and_deferred_imports():
    """The checks below are only as good as the graph: it must hold the known modules and an
    import made inside a function."""
    assert "travaux.diffing.align.aligner" in MODULES
    assert "travaux.diffing.align" in MODULES           # a package's __init__
    edges = graph()
    assert "travaux.diffing.align.aligner" in edges["travaux.history.identity"]    # deferred
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_no_private_name_across_modules():
    """``from travaux.x import _name`` reaches into another module's internals: a name shared
    between modules is public (no underscore) or lives in the module that uses it."""
    borrowed = [f"{MODULES[m].relative_to(ROOT)}:{line} uses {name} of {target}"
                for m in MODULES for target, name, line in private_uses(m)]
    assert not borrowed, "\n".join(borrowed)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.endswith("__main__")))
def test_every_module_imports(module):
    """(``travaux.__main__`` runs the CLI when imported: ``test_cli`` covers it.)"""
    importlib.import_module(module)
