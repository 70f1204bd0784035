"""renderers/history.py on hand-made history answers: words, escaping, determinism."""

from __future__ import annotations

import json

import html5lib
import pytest

from travaux.diffing.model import Op, Span
from travaux.history.model import (Blame, BlameWord, ProvisionChange, ConcordanceRow, Dossier, LogEntry,
                           ProvisionLog, Timeline, TimelineStep, VersionInfo)
from travaux.renderers import history as R

EVIL = '<script>alert("x")</script> & Co'
V = (VersionInfo(1, "Rev.1", "1999-03-01", "Ad Hoc Committee"),
     VersionInfo(2, EVIL, "1999-05-01", "Body & <b>"),
     VersionInfo(3, "Rev.7", "1999-07-01"), VersionInfo(4, "Rev.8", "1999-08-01"))


def plog() -> ProvisionLog:
    spans = (Span(Op.EQUAL, "States ", "States "), Span(Op.DELETE, "may", ""),
             Span(Op.INSERT, "", "shall"), Span(Op.EQUAL, " act <now> & then", " act <now> & then"))
    return ProvisionLog("Article 31", "article-24", (
        LogEntry(ProvisionChange.INTRODUCED, V[:1], "article-24", ("Article 24",),
                 spans=(Span(Op.INSERT, "", "States may act"),)),
        LogEntry(ProvisionChange.RENUMBERED, V[1:2], "article-24", ("Article 31",), ("Article 24",),
                 summary=(("modal", 1),), spans=spans),
        LogEntry(ProvisionChange.UNCHANGED, V[2:], "article-24", ("Article 31",)),
    ))


def test_log_text_says_what_happened():
    out = R.log(plog(), "text", patch=True)
    assert "renumbered Article 24 \u2192 Article 31; modified" in out
    assert "changes: 1 modal" in out
    assert "unchanged in Rev.7 and Rev.8" in out
    assert "States [-may-]{+shall+} act" in out
    assert "[-may-]" not in R.log(plog(), "text", patch=False)
    assert "\x1b[" not in out and "\x1b[31m" in R.log(plog(), "text", patch=True, colour=True)


def test_log_json_round_trips():
    data = json.loads(R.log(plog(), "json", patch=True))
    assert [e["change"] for e in data["entries"]] == ["introduced", "renumbered", "unchanged"]
    assert data["entries"][2]["versions"][1]["label"] == "Rev.8"
    assert data["entries"][1]["spans"][1] == {"op": "delete", "old": "may", "new": ""}
    assert data["entries"][1]["versions"][0]["label"] == EVIL


def blame() -> Blame:
    text = "States shall <act>\n& cooperate"
    words = (BlameWord(0, 6, 1), BlameWord(7, 12, 2), BlameWord(13, 18, 2), BlameWord(19, 20, 1),
             BlameWord(21, 30, 1))
    return Blame("Article 31", "article-24", ("Article 31",), V[2], text, words, V)


def test_blame_text_is_aligned_and_json_complete():
    out = R.blame(blame(), "text").splitlines()
    rows = out[2:]
    assert rows[0].startswith("Rev.1") and rows[0].endswith("States")
    assert rows[1].endswith("shall <act>")
    assert len({r.index("1999-") for r in rows}) == 1           # date column aligned
    data = json.loads(R.blame(blame(), "json"))
    assert [w["word"] for w in data["words"]] == ["States", "shall", "<act>", "&", "cooperate"]
    assert data["words"][1]["label"] == EVIL


def parse_html(doc: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(doc)


def test_html_escapes_everything():
    tl = Timeline("article-24", "Article 31", (
        TimelineStep(ProvisionChange.INTRODUCED, V[:1], ("Article 24",), text="States may <act> & go"),
        TimelineStep(ProvisionChange.RENUMBERED, V[1:2], ("Article 31",), ("Article 24",),
                     summary=(("modal", 1),), text="States shall <act> & go",
                     spans=(Span(Op.EQUAL, "States ", "States "), Span(Op.DELETE, "may", ""),
                            Span(Op.INSERT, "", "shall"),
                            Span(Op.EQUAL, " <act> & go", " <act> & go"))),
        TimelineStep(ProvisionChange.UNCHANGED, V[2:], ("Article 31",), text="States shall <act> & go"),
    ))
    pages = [R.blame(blame(), "html"), R.timeline(tl),
             R.index(Dossier(V, (ConcordanceRow("article-24", ("Article 24", EVIL, "", "")),)))]
    for page in pages:
        assert "<script>" not in page and "&lt;script&gt;" in page
        assert "<act>" not in page
        parse_html(page)
    assert "<del>may</del><ins>shall</ins>" in pages[1]
    assert "unchanged in Rev.7 and Rev.8" in pages[1]
    assert "changes: substantive: 1 modal" in pages[1]          # weight named (issue 13)
    assert 'title="Rev.1 (1999-03-01)"' in pages[0]
    assert pages[1] == R.timeline(tl)                          # deterministic


def test_dossier_files(tmp_path):
    tl = Timeline("article-24", "Article 31", (
        TimelineStep(ProvisionChange.INTRODUCED, V[:1], ("Article 24",), text="x"),))
    d = Dossier(V[:1], (ConcordanceRow("article-24", ("Article 24",)),), (tl,))
    written = R.write_dossier(d, tmp_path / "out")
    assert sorted(p.name for p in written) == ["article-24.html", "index.html"]
    assert 'href="article-24.html"' in (tmp_path / "out" / "index.html").read_text()
    bad = Dossier(V[:1], (), (Timeline("../x", "x", ()),))
    with pytest.raises(ValueError):
        R.write_dossier(bad, tmp_path / "out2")


def test_history_pages_share_the_compare_stylesheet():
    """One look for every page: history pages inline compare.css, then history.css."""
    from travaux.renderers.history_html import TEMPLATES

    compare_css = (TEMPLATES / "compare.css").read_text(encoding="utf-8")
    tl = Timeline("article-24", "Article 31", (
        TimelineStep(ProvisionChange.INTRODUCED, V[:1], ("Article 24",), text="Title\n1 one\n  (a) two"),
        TimelineStep(ProvisionChange.MODIFIED, V[1:2], ("Article 31",), summary=(("punctuation", 1),
                     ("modal", 2)), text="x", spans=(Span(Op.DELETE, "may", ""),
                                                      Span(Op.INSERT, "", "shall"))),))
    pages = [R.blame(blame(), "html"), R.timeline(tl), R.index(Dossier(V, ()))]
    for page in pages:
        assert compare_css in page and ".ln.d1" in page
        assert " style=" not in page                 # colours by class: no inline styles
    assert "changes: substantive: 2 modal; editorial: 1 punctuation" in pages[1]
    assert '<div class="ln d1">(a) two</div>' in pages[1]     # depth kept, hanging indent
    assert '<span class="vn" aria-hidden="true">1</span>' in pages[0]   # number on each run
