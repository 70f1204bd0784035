"""Paragraph-level citations act on exactly the cited block (issue 13, item 1).

On the fixture histories: the paths the history gives the lines of a stored
provision are the parser's; `log`, `show`, `blame`, `diff` and `timeline` of
"§ 2 > (4)" see (4) and nothing else, following it through the 2012-09-16
renumbering (§ 1 -> § 2) and through items renumbered inside the section;
a citation naming nothing exits 2 with the nearest paths that exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from travaux.history import init_history
from travaux.history.identity import content_of
from travaux.history.paragraph import lines_of

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
from conftest import HISTORY_CASES as CASES  # noqa: E402  (the histories: conftest's ``hists``)


from conftest import cli  # noqa: E402  (the command line in-process)


@pytest.mark.parametrize("name", sorted(CASES))
def test_line_paths_are_the_parsers_paths(hists, name):
    h = hists[name]
    state = h.state()
    checked = 0
    for v in h.versions:
        doc = h.parse(v.label)
        heads = {b.path: i for i, b in enumerate(doc.blocks)}
        for r in state.records[v.n - 1]:
            if r.id.startswith("_"):
                continue
            i = heads[r.path]
            expected = ([doc.blocks[i].path] if doc.blocks[i].text else []) + \
                [doc.blocks[j].path for j in doc.descendants(i)]
            got = [ln.path for ln in lines_of(r.path, r.title, content_of(state.text(r.blob)))]
            assert got == expected, (v.label, r.citation)
            checked += len(got)
    assert checked > 20


def _parsed_text(h, label: str, path: tuple[str, ...]) -> str:
    """The block at ``path`` and everything below it, as the parser reads that version."""
    doc = h.parse(label)
    i = doc.find(path)
    assert i is not None, path
    return " ".join(" ".join(x for x in (doc.blocks[j].label, doc.blocks[j].text) if x
                             and not doc.blocks[j].label.startswith("¶") or x == doc.blocks[j].text)
                    for j in [i, *doc.descendants(i)])


def test_log_of_a_paragraph_lists_only_its_changes(hists):
    h = hists["vig"]
    log = h.log("§ 2 > (4)")
    changed = [(str(e.change), e.versions[0].date) for e in log.entries if str(e.change) != "unchanged"]
    assert changed == [("introduced", "2012-08-02"), ("renumbered", "2012-09-16")]
    # computed independently: (4)'s text differs only across 2012-09-16
    texts = [_parsed_text(h, v.label, ("§ 1" if v.n <= 3 else "§ 2", "(4)")) for v in h.versions]
    assert [v.date for k, v in enumerate(h.versions) if k and texts[k] != texts[k - 1]] == \
        ["2012-09-16"]
    # the whole section changed in 2012-12-02 and 2018-11-08; (4) did not
    whole = {e.versions[0].date for e in h.log("§ 2").entries if str(e.change) == "modified"}
    assert {"2012-12-02", "2018-11-08"} <= whole
    assert log.entries[1].versions == h.versions[1:3]
    assert log.entries[2].old_path == ("§ 1", "(4)") and log.entries[2].path == ("§ 2", "(4)")


def test_item_followed_through_renumbering_inside_the_section(hists):
    h = hists["vig"]
    log = h.log("§ 2 > (1) > 4")         # "die Kennzeichnung ...": item 3 of § 1 (1) in 2012
    first, amend = log.entries[0], log.entries[2]
    assert first.path == ("§ 1", "(1)", "3")
    assert str(amend.change) == "renumbered" and amend.path == ("§ 2", "(1)", "4")
    assert amend.old_path == ("§ 1", "(1)", "3") and amend.summary
    assert all("die Kennzeichnung" in s.new for s in amend.spans if str(s.op) == "equal"
               and "Kennzeichnung" in s.new)
    # --at names it as numbered then
    assert h.log("§ 1 > (1) > 3", at=h.versions[0].label).entries == log.entries


def test_show_prints_exactly_the_cited_block(hists):
    h = hists["vig"]
    latest = h.versions[-1].label
    code, out, _ = cli("-C", str(h.root), "show", latest, "§ 2 > (4)")
    assert code == 0
    assert out.splitlines() == ["§ 2 > (4)", "(4) " + h.parse(latest).blocks[
        h.parse(latest).find(("§ 2", "(4)"))].text]
    out = h.show_provision(latest, "§ 2 > (1) > 1")        # an item with its sub-items
    assert out.splitlines()[2].startswith("  (a) des")          # nesting kept, dedented
    assert [ln.strip() for ln in out.splitlines()[1:]] == [
        ln.strip() for ln in h.show_provision(latest, "§ 2").splitlines()
        if ln.strip().startswith(("1 von den", "(a) des", "(b) der", "(c) unmittelbar"))]


@pytest.mark.parametrize("args", [("log", "§ 2 > (99)"), ("blame", "§ 2 > (99)"),
                                  ("timeline", "§ 2 > (99)", "-o", "x.html"),
                                  ("show", "VIG 2018-11-08 (5710c0a6)", "§ 2 > (99)"),
                                  ("log", "§ 99")])
def test_citation_naming_nothing_exits_2_with_nearest(hists, args, tmp_path):
    code, _, err = cli("-C", str(hists["vig"].root), *args)
    assert code == 2 and "nearest" in err
    if "§ 2 > (99)" in args:
        assert "§ 2 > (4)" in err


def test_us_bill_paragraph_that_does_not_exist(hists):
    code, _, err = cli("-C", str(hists["us"].root), "show", "S. 269 ES", "Sec. 2 > (9)")
    assert code == 2 and "no paragraph 'Sec. 2 > (9)'" in err and "Sec. 2 > (a)" in err
    code, out, _ = cli("-C", str(hists["us"].root), "show", "S. 269 ES", "Sec. 2 > (c)")
    assert code == 0 and out.splitlines()[1] == "(c) Effective date"


def test_blame_of_a_paragraph_is_the_provisions_blame_cut(hists):
    h = hists["vig"]
    whole = h.blame("§ 2")
    part = h.blame("§ 2 > (1) > 2")
    assert part.text.startswith("2 von einem Erzeugnis oder einem Verbraucherprodukt")
    at = whole.text.index(part.text)
    origin = {(w.start, w.end): w.n for w in whole.words}
    assert [(w.n, part.text[w.start:w.end]) for w in part.words] == \
        [(origin[w.start + at, w.end + at], part.text[w.start:w.end]) for w in part.words]
    assert {part.text[w.start:w.end] for w in part.words if w.n == 4} == \
        {"oder", "einem", "Verbraucherprodukt"}


def test_diff_and_timeline_of_a_paragraph(hists, tmp_path):
    h = hists["vig"]
    v3, v4 = h.versions[2].label, h.versions[3].label
    d = h.diff(v3, v4, "§ 2 > (4)")
    assert [b.path for b in d.old.blocks] == [("§ 1", "(4)")]
    assert [b.path for b in d.new.blocks] == [("§ 2", "(4)")]
    assert len(d.pairs) == 1 and "gelten nicht" in d.pairs[0].new_text
    code, out, _ = cli("-C", str(h.root), "diff", v3, v4, "§ 2 > (4)")
    assert code == 1 and "§ 1(4) → § 2(4)" in out and "(1)" not in out.split("==", 1)[1]
    tl = h.timeline("§ 2 > (4)")
    assert tl.citation == "§ 2 > (4)"
    assert [str(s.change) for s in tl.steps] == ["introduced", "unchanged", "renumbered", "unchanged"]
    code, _, _ = cli("-C", str(h.root), "timeline", "§ 2 > (4)", "-o", str(tmp_path / "t.html"))
    assert code == 0 and "Die Vorschriften dieses Gesetzes" in (tmp_path / "t.html").read_text()


def test_paragraph_moved_and_renumbered_inside_an_article(tmp_path):
    """(3) of V1 moves to the front in V2 and is renumbered (1); it keeps its history."""
    v1 = ("Article 1\n\n(1) The States Parties shall cooperate closely with one another.\n\n"
          "(2) Each State Party shall designate a central authority for this purpose.\n\n"
          "(3) Nothing in this article shall affect obligations under other treaties.\n")
    v2 = ("Article 1\n\n(1) Nothing in this article shall affect the obligations under other "
          "treaties.\n\n(2) The States Parties shall cooperate closely with one another.\n\n"
          "(3) Each State Party shall designate a central authority for this purpose.\n")
    h = init_history(tmp_path / "h")
    for k, text in enumerate((v1, v2), start=1):
        (tmp_path / f"v{k}.txt").write_text(text, encoding="utf-8")
        h.add(tmp_path / f"v{k}.txt", label=f"V{k}", date=f"2024-0{k}-01")
    log = h.log("Article 1 > (1)")
    assert [e.path for e in log.entries] == [("Article 1", "(3)"), ("Article 1", "(1)")]
    assert str(log.entries[1].change) == "renumbered"
    b = h.blame("Article 1 > (1)")
    assert {b.text[w.start:w.end] for w in b.words if w.n == 2} == {"(1)", "the"}


def test_paragraph_split_and_merged_keeps_its_history(tmp_path):
    """V2 splits (1) into (1) and (2); V3 merges them back. Each piece's log reaches V1."""
    v1 = ("Article 1\n\n(1) Each State Party shall designate a central authority, and the "
          "central authority shall transmit requests for assistance without delay.\n\n"
          "(2) Nothing in this article shall affect other treaties.\n")
    v2 = ("Article 1\n\n(1) Each State Party shall designate a central authority.\n\n"
          "(2) The central authority shall transmit requests for assistance without delay.\n\n"
          "(3) Nothing in this article shall affect other treaties.\n")
    v3 = ("Article 1\n\n(1) Each State Party shall designate a central authority, and the "
          "central authority shall transmit all requests for assistance without delay.\n\n"
          "(2) Nothing in this article shall affect other treaties.\n")
    h = init_history(tmp_path / "h")
    for k, text in enumerate((v1, v2, v3), start=1):
        (tmp_path / f"v{k}.txt").write_text(text, encoding="utf-8")
        h.add(tmp_path / f"v{k}.txt", label=f"V{k}", date=f"2024-0{k}-01")
    second = h.log("Article 1 > (2)", at="V2")        # split off in V2
    assert second.entries[0].path == ("Article 1", "(1)")      # its words were (1)'s in V1
    assert [e.versions[0].label for e in second.entries][:2] == ["V1", "V2"]
    merged = h.log("Article 1 > (1)")                 # V3: both pieces again
    assert [e.versions[0].label for e in merged.entries] == ["V1", "V2", "V3"]
    b = h.blame("Article 1 > (1)")
    # "and the" left in V2 and came back in V3 (so V3 wrote them again); "authority." ->
    # "authority," keeps its V1 origin
    assert {b.text[w.start:w.end] for w in b.words if w.n == 3} == {"all", "and", "the"}
    assert h.log("Article 1 > (2)").entries[0].path == ("Article 1", "(2)")   # never (1)'s


def test_history_reads_back_after_git_gc(hists, tmp_path):
    """Objects packed by `git gc` are read through git (loose ones directly)."""
    import shutil
    import subprocess

    from travaux.history import open_history

    copy = tmp_path / "gc"
    shutil.copytree(hists["vig"].root, copy)
    subprocess.run(["git", "-C", str(copy), "gc", "-q", "--prune=now"], check=True)
    assert not [p for p in (copy / ".git" / "objects").iterdir() if len(p.name) == 2]
    h = open_history(copy)
    for v in h.versions:
        assert h.show(v.label) == hists["vig"].show(v.label)
    assert h.log("§ 2 > (4)").entries == hists["vig"].log("§ 2 > (4)").entries
