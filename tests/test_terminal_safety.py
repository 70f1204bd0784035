"""Hostile text never reaches the terminal as itself (issue 9 item 4).

ESC sequences (OSC window title, CSI screen clear), C1 controls (U+009B is a
one-character CSI) and bidi overrides go through every command and every
format: text and Markdown show them as U+FFFD, JSON keeps them as ``\\u``
escapes (the same data), HTML isolates user text; error messages and labels
cannot carry them either.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from travaux.cli import cli

EVIL = "\x1b]0;pwned\x07 \x1b[2J \x9b31m \u202eevil\u202c \x07"
FILLER = "This Convention applies to the prevention, investigation and prosecution of offences. " * 3
OLD = f"Article 1\n\nScope {EVIL}\n\n1. {FILLER}The Party shall act {EVIL} now.\n"
NEW = f"Article 1\n\nScope {EVIL}\n\n1. {FILLER}The Party may act {EVIL} today.\n"
BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def invoke(*args: str):
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout_bytes.decode("utf-8"), r.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evil")
    (tmp / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp / "new.txt").write_text(NEW, encoding="utf-8")
    h = tmp / "h"
    assert invoke("history", "init", str(h))[0] == 0
    assert invoke("-C", str(h), "history", "add", str(tmp / "old.txt"), "--label", "V1",
                  "--date", "2020-01-01")[0] == 0
    assert invoke("-C", str(h), "history", "add", str(tmp / "new.txt"), "--label", "V2",
                  "--date", "2020-02-01")[0] == 0
    return tmp, h


def clean(out: str) -> None:
    assert not BAD.search(out), repr(BAD.search(out).group())


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_parse(files, fmt):
    tmp, _ = files
    code, out, _ = invoke("parse", str(tmp / "new.txt"), "--format", fmt)
    assert code == 0
    clean(out)
    if fmt == "json":
        assert EVIL.strip() in json.loads(out)["blocks"][-1]["text"]   # lossless


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html", "redline"])
def test_compare(files, fmt):
    tmp, _ = files
    code, out, _ = invoke("compare", str(tmp / "old.txt"), str(tmp / "new.txt"), "--format", fmt)
    assert code == 1
    if fmt in ("html", "redline"):
        assert "unicode-bidi: isolate" in out
        return
    clean(out)
    if fmt == "json":
        spans = json.loads(out)["pairs"][-1]["spans"]
        assert "".join(s.get("old", s["text"]) for s in spans if s["op"] != "insert") == \
            FILLER + "The Party shall act " + EVIL + " now."


@pytest.mark.parametrize("args", [
    ("log", "Article 1"), ("log", "Article 1", "-p"), ("log", "Article 1", "--format", "json"),
    ("blame", "Article 1"), ("blame", "Article 1", "--format", "json"),
    ("show", "V2", "Article 1"), ("diff", "V1", "V2"), ("diff", "V1", "V2", "--format", "json"),
    ("diff", "V1", "V2", "--format", "md"),
])
def test_history_commands(files, args):
    _, h = files
    code, out, err = invoke("-C", str(h), *args)
    assert code in (0, 1), err
    clean(out)


def test_history_html_isolates_user_text(files, tmp_path):
    _, h = files
    out = tmp_path / "b.html"
    assert invoke("-C", str(h), "blame", "Article 1", "--format", "html", "-o", str(out))[0] == 0
    assert "unicode-bidi: isolate" in out.read_text(encoding="utf-8")


def test_labels_notes_and_errors_carry_no_controls(files, tmp_path):
    tmp, h = files
    for option, value in (("--label", "v2 \u202eevil"), ("--label", "x\x1b[2J"),
                          ("--note", "n\x1b]0;t\x07"), ("--body", "b\x9b2J")):
        args = ["--label", "V3", "--date", "2020-03-01"]
        if option == "--label":
            args = ["--label", value, "--date", "2020-03-01"]
        else:
            args += [option, value]
        code, out, err = invoke("-C", str(h), "history", "add", str(tmp / "new.txt"), *args)
        assert code == 2, (option, err)
        clean(err)
    code, _, err = invoke("parse", str(tmp / "no\x1b]0;x\x07such.txt"))
    assert code == 2 and err.count("\n") == 1
    clean(err)
    code, _, err = invoke("-C", str(h), "show", "\x1b[2J\u202e")
    assert code == 2
    clean(err)


def test_show_keeps_bytes_when_piped(files):
    _, h = files
    code, out, _ = invoke("-C", str(h), "show", "V1")
    assert code == 0 and out == OLD          # not a terminal: the file, byte for byte


def test_readme_example_label_cannot_hide_its_order(files):
    tmp, h = files
    code, _, err = invoke("-C", str(h), "history", "add", str(tmp / "new.txt"), "--label",
                          "v2 \u202eevil", "--date", "2020-03-01")
    assert code == 2 and "bidirectional" in err
    assert Path(h).exists()
