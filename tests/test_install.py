"""An installed travaux exposes exactly one top-level import name: ``travaux``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_one_top_level_import_name(tmp_path):
    """The installed distribution declares one top-level name and installs nothing beside it.

    Run from a folder outside the repository so that a source tree's egg-info is not read.
    """
    code = (
        "import importlib.metadata as md, json\n"
        "d = md.distribution('travaux')\n"
        "top = (d.read_text('top_level.txt') or '').split()\n"
        "files = [str(f) for f in d.files or ()]\n"
        "pkgs = sorted({f.split('/')[0] for f in files if f.endswith('.py') and '/' in f})\n"
        "print(json.dumps([top, pkgs]))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    top, pkgs = json.loads(out)
    assert top == ["travaux"]
    assert set(pkgs) <= {"travaux"}, pkgs


def test_stage_folders_import_as_one_namespace(tmp_path):
    """From a folder that is not the repository, only ``travaux`` is importable."""
    code = ("import importlib.util as u, travaux.diffing.align.aligner, travaux.history, "
            "travaux.renderers;"
            "print([n for n in ('diffing', 'history', 'renderers') if u.find_spec(n)])")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "[]"


def test_templates_are_package_data():
    import travaux.renderers
    assert (Path(travaux.renderers.__file__).parent / "templates" / "compare.html").exists()
