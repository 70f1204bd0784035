"""`travaux parse`: bad input is one line on stderr, exit status 2, no output file left.

Uses click's CliRunner (click >= 8.2 keeps stderr apart: ``result.stderr``) and,
once, the real entry point in a subprocess.  The success cases need the
segmenter (diffing.segment).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from travaux.diffing.read import reader as read_module
from travaux.cli import cli

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "formats"


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, a key word the message must contain)."""
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp / "blank.txt"
    blank.write_bytes(b"  \n\n\t ")
    binary = tmp / "blob.txt"
    binary.write_bytes(random.Random(7).randbytes(4000))
    undecodable = tmp / "bom.txt"
    undecodable.write_bytes(b"\xff\xfe" + b"A\x00B")
    bad_pdf = tmp / "bad.pdf"
    bad_pdf.write_bytes((FIX / "treaty.pdf").read_bytes()[:500])
    bad_docx = tmp / "bad.docx"
    bad_docx.write_bytes((FIX / "treaty.docx").read_bytes()[:2000])
    huge = tmp / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(read_module.MAX_BYTES + 1)
    (tmp / "folder").mkdir()
    return {
        "missing": (tmp / "nope.txt", "does not exist"),
        "directory": (tmp / "folder", "directory"),
        "empty": (empty, "empty"),
        "whitespace": (blank, "whitespace"),
        "binary": (binary, "binary"),
        "undecodable": (undecodable, "UTF"),
        "scanned-pdf": (FIX / "scanned.pdf", "no text layer"),
        "encrypted-pdf": (FIX / "encrypted.pdf", "encrypted"),
        "corrupt-pdf": (bad_pdf, "PDF"),
        "corrupt-docx": (bad_docx, "docx"),
        "too-large": (huge, "too large"),
    }


CASES = ["missing", "directory", "empty", "whitespace", "binary", "undecodable", "scanned-pdf",
         "encrypted-pdf", "corrupt-pdf", "corrupt-docx", "too-large"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_input_is_one_error_line_and_exit_2(tmp_path, case, fmt):
    path, key = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["parse", str(path), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 2, (result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert key in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.json")]


def test_permission_denied_through_the_cli(tmp_path, monkeypatch):
    f = tmp_path / "draft.txt"
    f.write_text("Article 1")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    result = CliRunner().invoke(cli, ["parse", str(f)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "permission denied" in result.stderr


@pytest.mark.parametrize("case", ["scanned-pdf", "binary", "directory"])
def test_real_entry_point(tmp_path, case):
    path, key = _bad_inputs(tmp_path)[case]
    proc = subprocess.run([sys.executable, "-m", "travaux", "parse", str(path), "-o",
                           str(tmp_path / "o.json")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and key in lines[0]
    assert not (tmp_path / "o.json").exists()


# --------------------------------------------------------------------------- success (needs segment)


@pytest.mark.parametrize("name", ["treaty.txt", "treaty.docx", "treaty.pdf", "sample.html",
                                  "us-s269-is.xml"])
def test_parse_writes_json_atomically(tmp_path, name):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["parse", str(FIX / name), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, (result.output, result.exception)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["document"]["name"] == name
    assert data["blocks"], "no blocks"


def test_parse_text_outline_to_stdout():
    result = CliRunner().invoke(cli, ["parse", str(FIX / "treaty.txt")])
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout.splitlines()[0].startswith("treaty.txt format=text")
    assert "Article 1" in result.stdout and result.stdout.rstrip().splitlines()[-1].split()[1] == "blocks"
