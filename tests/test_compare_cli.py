"""`travaux compare` end to end: exit status like diff, ignore options, every format."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from travaux.cli import cli

ART = """Article 1
Scope

1. States Parties shall adopt such measures as may be necessary.

2. This Convention shall apply to the prevention of offences.

Article 2
Use of terms

For the purposes of this Convention:

(a) "Property" shall mean assets of every kind;
"""


def run(*args):
    return CliRunner().invoke(cli, ["compare", *args])


@pytest.fixture
def pair(tmp_path):
    def make(old: str, new: str):
        a, b = tmp_path / "old.txt", tmp_path / "new.txt"
        a.write_text(old, encoding="utf-8")
        b.write_text(new, encoding="utf-8")
        return str(a), str(b)
    return make


def test_same_text_exits_0(pair):
    a, b = pair(ART, ART)
    result = run(a, b)
    assert result.exit_code == 0, result.output


def test_substantive_change_exits_1_and_is_reported(pair):
    a, b = pair(ART, ART.replace("shall adopt", "may adopt"))
    result = run(a, b, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    kinds = {k for p in data["pairs"] for c in p["changes"] for k in c["kinds"]}
    assert "modal" in kinds
    assert data["summary"]["substantive"] >= 1


def test_case_change_is_masked_by_ignore_case(pair):
    a, b = pair(ART, ART.replace("shall adopt", "Shall Adopt"))
    assert run(a, b).exit_code == 1
    masked = run(a, b, "--ignore-case", "--format", "json")
    assert masked.exit_code == 0, masked.output
    data = json.loads(masked.stdout)
    # the masked difference is still reported, as editorial, and both texts survive
    changes = [c for p in data["pairs"] for c in p["changes"]]
    assert changes and all(not c["substantive"] for c in changes)
    assert all(c["kinds"] == ["capitalisation"] for c in changes)


def test_runs_of_spaces_are_layout_not_change(pair):
    # block text collapses whitespace runs (line wraps, PDF layout): not a change
    a, b = pair(ART, ART.replace("adopt such", "adopt   such").replace("may be", "may\nbe"))
    assert run(a, b).exit_code == 0


def test_whitespace_change_is_masked_by_ignore_whitespace(pair):
    a, b = pair(ART, ART.replace("necessary.", "necessary ."))
    assert run(a, b).exit_code == 1
    assert run(a, b, "--ignore-whitespace").exit_code == 0


@pytest.mark.parametrize("fmt", ["text", "json", "html", "redline", "md"])
def test_every_format_writes_a_file(pair, tmp_path, fmt):
    a, b = pair(ART, ART.replace("shall apply", "applies"))
    out = tmp_path / f"out.{fmt}"
    result = run(a, b, "--format", fmt, "-o", str(out))
    assert result.exit_code == 1, result.output
    text = out.read_text(encoding="utf-8")
    assert "applies" in text


def test_directory_argument_is_one_clear_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "travaux", "compare", str(tmp_path), str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "director" in lines[0].lower()


def test_output_is_deterministic(pair, tmp_path):
    a, b = pair(ART, ART.replace("assets of every kind", "assets of any kind"))
    outs = []
    for i in range(2):
        out = tmp_path / f"r{i}.html"
        run(a, b, "--format", "html", "-o", str(out))
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
