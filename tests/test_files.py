from __future__ import annotations

import os
import stat

import pytest

from travaux.diffing.errors import InputError
from travaux.diffing.files import write_atomic


def test_write_atomic_writes_and_replaces(tmp_path):
    target = tmp_path / "out.html"
    write_atomic(target, "first")
    write_atomic(target, "second é")
    assert target.read_text(encoding="utf-8") == "second é"
    assert os.listdir(tmp_path) == ["out.html"]


def test_write_atomic_missing_folder_is_clear(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.html", "x")


def test_failure_leaves_previous_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["out.html"]


def test_new_file_follows_the_umask_and_a_replaced_file_keeps_its_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "redline.html", "<p>x</p>")
        assert stat.S_IMODE((tmp_path / "redline.html").stat().st_mode) == 0o644
        os.chmod(tmp_path / "redline.html", 0o640)
        write_atomic(tmp_path / "redline.html", "<p>y</p>")
        assert stat.S_IMODE((tmp_path / "redline.html").stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_dossier_pages_are_readable_like_any_new_file(tmp_path):
    from travaux.history.model import Dossier
    from travaux.renderers.history import write_dossier

    old = os.umask(0o022)
    try:
        write_dossier(Dossier((), ()), tmp_path)
        assert stat.S_IMODE((tmp_path / "index.html").stat().st_mode) == 0o644
    finally:
        os.umask(old)
