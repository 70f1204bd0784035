"""Markdown: ~~del~~/**ins** marks, and document text escaped so it stays text."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from diffs import sample_diff
from travaux.renderers import render
from travaux.renderers.markdown import escape

UNESCAPED = re.compile(r"(?<!\\)[`*_\[\]<>~&|#]")


def _unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@given(st.text())
def test_escape_round_trips_and_leaves_no_live_metacharacter(text):
    out = escape(text)
    # an escaped backslash is itself "\\": strip escaped pairs before looking
    live = re.sub(r"\\.", "", out)
    assert not UNESCAPED.search(live)
    assert _unescape(out) == re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", text).replace("\n", " ")


def test_line_starts_and_autolinks_are_defused():
    assert escape("1. item") == "1\\. item"
    assert escape("- dash") == "\\- dash"
    assert escape("see http://x.org") == "see http\\://x.org"


def test_report(golden, fixtures):
    md = render(sample_diff(), "md")
    assert "<script>" not in md and "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\&amp;" in md
    assert "~~shall be~~ **is** to promote" in md        # whitespace kept outside the marks
    assert "## Article 6 \u2192 Article 5 \u2014 Jurisdiction \u00b7 *renumbered*" in md
    for inner in re.findall(r"~~(.+?)~~", md) + re.findall(r"\*\*(.+?)\*\*", md):
        assert inner == inner.strip(), inner
    assert "jurisdiction<del>.</del>" in md
    golden.check(fixtures / "render-sample" / "sample.md", md)
