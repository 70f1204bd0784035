"""The architecture, as a test: data flows one way and each library stays in its layer.

Everything installs under one import name, ``travaux``: the folders diffing/, history/ and
renderers/ are ``travaux.diffing``, ``travaux.history`` and ``travaux.renderers``.
diffing/ imports no click, git, jinja2, history or renderers; renderers/ imports no click,
git or history; history/ imports no click or renderers; click only in travaux/cli.py; git
only in history/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("diffing", "history", "renderers")


def layer_of(module: str) -> str:
    """'travaux.diffing.align.aligner' -> 'diffing'; 'travaux.cli' -> 'travaux'; 'git' -> 'git'."""
    parts = module.split(".")
    if parts[0] == "travaux":
        return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "travaux"
    return parts[0]


def imported_modules(path: Path) -> set[str]:
    """Layers and third-party top-level names a module imports (absolute imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(layer_of(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "travaux":            # from travaux import diffing, history
                names.update(layer_of(f"travaux.{alias.name}") for alias in node.names)
            else:
                names.add(layer_of(node.module))
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


FORBIDDEN = {
    "diffing": {"click", "git", "jinja2", "history", "renderers", "travaux"},
    "renderers": {"click", "git", "history", "travaux"},
    "history": {"click", "travaux", "renderers", "jinja2"},
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_stay_in_layer(package):
    assert modules(package), f"{package}/ has no modules"
    for path in modules(package):
        bad = imported_modules(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_no_relative_imports():
    """One spelling for every import, so the checks above see them all."""
    for pkg in ("travaux",) + LAYERS:
        for path in modules(pkg):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            rel = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
            assert not rel, f"{path.relative_to(ROOT)} uses a relative import"


def test_click_only_in_cli():
    users = [p for pkg in ("travaux",) + LAYERS
             for p in modules(pkg) if "click" in imported_modules(p)]
    assert [p.relative_to(ROOT).as_posix() for p in users] == ["travaux/cli.py"]


def test_git_only_in_history():
    for pkg in ("travaux", "diffing", "renderers"):
        for path in modules(pkg):
            assert "git" not in imported_modules(path), f"{path.relative_to(ROOT)} imports git"


def test_layering_check_detects_a_violation(tmp_path):
    """The checker itself must be able to fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("import click\nfrom git import Repo\nfrom travaux.history import store\n"
                   "from travaux import renderers\nimport travaux.diffing.model\n")
    assert {"click", "git", "history", "renderers", "diffing"} <= imported_modules(bad)


# ----------------------------------------------------------------------------- stages of diffing/

#: The stage folders of diffing/ in pipeline order.  A stage may import the shared modules at
#: the top of diffing/ (model, errors, files, options) and the stages BEFORE it, never one after
#: it; compare.py and parse.py, the pipelines, may import every stage.
STAGES = ("read", "segment", "align", "words", "classify")
#: Known back-edges, each with its reason; a new one fails the test.
BACK_EDGES = {
    # the function-word list is the classifier's lexicon; readability (words/) counts them too
    ("diffing/words/readability.py", "travaux.diffing.classify.lexicon"),
}


def stage_imports(path: Path) -> set[str]:
    """The ``travaux.diffing.<stage>...`` modules a module imports (at any depth)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        found.update(n for n in names if n.startswith("travaux.diffing."))
    return found


def test_diffing_stages_import_only_earlier_stages():
    bad = []
    for rank, stage in enumerate(STAGES):
        later = STAGES[rank + 1:]
        for path in modules(f"diffing/{stage}"):
            rel = path.relative_to(ROOT).as_posix()
            for name in stage_imports(path):
                if name.split(".")[2] in later and (rel, name) not in BACK_EDGES:
                    bad.append(f"{rel} imports {name}")
    assert not bad, "\n".join(bad)


def test_stage_check_detects_a_back_edge(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from travaux.diffing.classify.window import tokenized\n")
    assert stage_imports(bad) == {"travaux.diffing.classify.window"}
