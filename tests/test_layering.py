"""The architecture, as a test: data flows one way and each library stays in its layer.

diffing/ imports no click, git, jinja2, history or renderers; renderers/ does not
import history's git store or click; click only in travaux/cli.py; git only in history/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


FORBIDDEN = {
    "diffing": {"click", "git", "jinja2", "history", "renderers", "travaux"},
    "renderers": {"click", "git", "history", "travaux"},
    "history": {"click", "travaux"},
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_stay_in_layer(package):
    assert modules(package), f"{package}/ has no modules"
    for path in modules(package):
        bad = imported_modules(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_click_only_in_cli():
    users = [p for pkg in ("travaux", "diffing", "history", "renderers")
             for p in modules(pkg) if "click" in imported_modules(p)]
    assert [p.relative_to(ROOT).as_posix() for p in users] == ["travaux/cli.py"]


def test_git_only_in_history():
    for pkg in ("travaux", "diffing", "renderers"):
        for path in modules(pkg):
            assert "git" not in imported_modules(path), f"{path.relative_to(ROOT)} imports git"


def test_layering_check_detects_a_violation(tmp_path):
    """The checker itself must be able to fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("import click\nfrom git import Repo\n")
    assert {"click", "git"} <= imported_modules(bad)
