"""The whole instrument across versions (issue 13, items 5 and 6).

``travaux log`` with no provision (per-version overview, like git log --stat),
``travaux versions``, ``log -p -U N`` (only changed paragraphs), and ``log -S``
(phrase search, git's pickaxe), on the fixture histories.  Expected values are
computed from the stored texts independently of the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from travaux.history import init_history
from travaux.history.identity import content_of
from travaux.renderers import history as R

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
from conftest import HISTORY_CASES as CASES  # noqa: E402  (the histories: conftest's ``hists``)


from conftest import cli  # noqa: E402  (the command line in-process)


# ----------------------------------------------------------------------------- overview

@pytest.mark.parametrize("name", sorted(CASES))
def test_overview_lists_exactly_the_changed_provisions(hists, name):
    """A provision is listed in version n iff it is new, gone, renumbered/moved, or its
    text differs from its predecessor's — computed here from the stored texts."""
    h = hists[name]
    state = h.state()
    for o in h.overview():
        n = o.version.n
        if n == 1:
            assert o.changes == ()
            continue
        before = {r.id: r for r in state.records[n - 2]}
        expected = set()
        for r in state.records[n - 1]:
            srcs = [before[s] for s in r.sources if s in before]
            old = "\n".join(content_of(state.text(s.blob)) for s in srcs)
            if not srcs or old != content_of(state.text(r.blob)) or srcs[0].path != r.path \
                    or len(srcs) > 1:
                expected.add(r.id)
        expected |= set(before) - {r.id for r in state.records[n - 1]}
        assert {c.id for c in o.changes} == expected, (name, n)
        assert o.provisions == len(state.records[n - 1])


def test_vig_overview_text(hists):
    h = hists["vig"]
    code, out, _ = cli("-C", str(h.root), "log")
    assert code == 0
    blocks = out.split("\n\n")
    assert blocks[0].startswith("version VIG 2012-08-02 (8e9e7a10) · 2012-08-02")
    assert "introduced with 7 provisions" in blocks[0]
    assert "no change to the text (7 provisions)" in blocks[1]
    amend = blocks[3]
    assert "8 provisions: 1 inserted, 6 renumbered" in amend
    assert re.search(r"^    § 1 +inserted  \[substantive\]$", amend, re.M)
    for k in range(1, 7):
        assert re.search(rf"^    § {k + 1} +renumbered § {k} → § {k + 1}; modified  \[substantive: ",
                         amend, re.M), k
    assert "editorial: 2 punctuation" in amend        # § 2: kinds split by weight
    data = json.loads(cli("-C", str(h.root), "log", "--format", "json")[1])
    assert [v["label"] for v in data["versions"]] == [v.label for v in h.versions]
    four = data["versions"][3]["changes"]
    assert {c["path"][0] for c in four if c["change"] == "renumbered"} == {f"§ {k}" for k in range(2, 8)}


def test_versions_command_lists_labels_dates_bodies(hists):
    h = hists["us"]
    code, out, _ = cli("-C", str(h.root), "versions")
    assert code == 0
    rows = out.splitlines()
    assert len(rows) == 3
    for row, v in zip(rows, h.versions):
        assert row.split()[0] == str(v.n)
        assert v.label in row and v.date in row and v.body in row
    data = json.loads(cli("-C", str(h.root), "versions", "--format", "json")[1])
    assert [(v["label"], v["date"], v["body"]) for v in data["versions"]] == \
        [(v.label, v.date, v.body) for v in h.versions]


def test_overview_of_an_empty_history_says_what_to_do(tmp_path):
    init_history(tmp_path / "e")
    code, _, err = cli("-C", str(tmp_path / "e"), "log")
    assert code == 2 and "history is empty" in err and "history add" in err


# ----------------------------------------------------------------------------- log -p -U

def test_patch_shows_only_changed_paragraphs_with_context(hists):
    h = hists["vig"]
    plog = h.log("§ 2")
    entry = next(e for e in plog.entries if e.versions[0].date == "2012-12-02")
    full = R.patch_lines(entry.spans, context=None)
    markers = [k for k, ln in enumerate(full) if "[-" in ln or "{+" in ln]
    assert 0 < len(markers) < len(full) // 3           # a small edit in a long provision
    for u in (0, 1, 2):
        got = R.patch_lines(entry.spans, context=u)
        keep = sorted({x for k in markers for x in range(k - u, k + u + 1) if 0 <= x < len(full)})
        assert [ln for ln in got if ln != R.ELISION] == [full[k] for k in keep]
        assert len(got) < len(full)
    code, out, _ = cli("-C", str(h.root), "log", "§ 2", "-p", "-U", "0")
    assert code == 0 and R.ELISION in out
    section = out.split("version VIG 2012-12-02")[1].split("\n\n")[1]
    body = [ln for ln in section.splitlines() if ln.strip() != R.ELISION]
    assert body and all("[-" in ln or "{+" in ln for ln in body)


def test_patch_lines_rebuild_the_texts_without_context():
    from travaux.history.pdiff import provision_diff

    old, new = "A\n(1) one two\n(2) three\n(3) four", "A\n(1) one two\n(2) three five\n(3) four"
    lines = R.patch_lines(provision_diff(old, new), context=None)
    assert lines == ["A", "(1) one two", "(2) three{+ five+}", "(3) four"]
    assert R.patch_lines(provision_diff(old, new), context=0) == [R.ELISION, "(2) three{+ five+}",
                                                                 R.ELISION]


# ----------------------------------------------------------------------------- log -S

def brute_force(h, pattern: re.Pattern, ids=None):
    """(version n, id, before, after) for every change of count, from show_provision."""
    state = h.state()
    prev: dict[str, int] = {}
    out = []
    for v in h.versions:
        now = {r.id: len(pattern.findall(content_of(h.show_provision(v.label, r.id))))
               for r in state.records[v.n - 1] if ids is None or r.id in ids}
        for pid in sorted(set(now) | set(prev)):
            if now.get(pid, 0) != prev.get(pid, 0):
                out.append((v.n, pid, prev.get(pid, 0), now.get(pid, 0)))
        prev = now
    return out


@pytest.mark.parametrize("name,phrase", [("vig", "Verbraucherprodukt"), ("vig", "Abs."),
                                         ("us", "Social Security"), ("eu", "gatekeeper")])
def test_phrase_log_matches_brute_force(hists, name, phrase):
    h = hists[name]
    steps = h.phrase_log(phrase)
    got = sorted((s.version.n, c.id, c.before, c.after) for s in steps for c in s.counts)
    assert got == sorted(brute_force(h, re.compile(re.escape(phrase))))
    assert got, f"{phrase!r} never found: a test that cannot fail"


def test_phrase_log_on_vig(hists):
    h = hists["vig"]
    code, out, _ = cli("-C", str(h.root), "log", "-S", "Abs.")
    assert code == 0
    assert out.startswith("phrase 'Abs.' in the whole instrument")
    assert "version VIG 2012-12-02 (a79a7ca6)" in out and "occurrences: 5 → 0" in out
    assert re.search(r"disappeared from:\n(      .*\n)*      § 6 \(had 3\): was § 5\(1\), was § 5\(2\)\n", out)
    # where: the paragraphs, checked against the paragraph texts of that version
    amend = h.phrase_log("Verbraucherprodukt")[0]
    two = next(c for c in amend.counts if c.path == ("§ 2",))
    latest = h.versions[3].label
    for p in two.where:
        assert "Verbraucherprodukt" in h.show_provision(latest, " > ".join(p)).split("\n", 1)[1]
    assert ("§ 2", "(1)", "2") in two.where and ("§ 2", "(1)", "6") not in two.where
    # entered with the 2012-09-16 amendment, never before
    steps = h.phrase_log("Verbraucherprodukt")
    assert [s.version.date for s in steps] == ["2012-09-16"]
    # one provision only; whitespace in the phrase matches any run of spaces
    one = h.phrase_log("Lebensmittel-  und\nFuttermittelgesetzbuch", "§ 2")
    assert {c.path for s in one for c in s.counts} <= {("§ 1",), ("§ 2",)}
    assert [(c.before, c.after) for s in one for c in s.counts][0][0] == 0
    # regex and case
    rx = h.phrase_log(r"Abs\.\s+\d", regex=True)
    assert sorted((s.version.n, c.id, c.before, c.after) for s in rx for c in s.counts) == \
        sorted(brute_force(h, re.compile(r"Abs\.\s+\d")))
    assert h.phrase_log("abs.", ignore_case=True) != () and h.phrase_log("abs.") == ()


def test_phrase_log_bad_input_exits_2(hists):
    root = str(hists["vig"].root)
    code, _, err = cli("-C", root, "log", "-S", "(", "--regex")
    assert code == 2 and "not a valid regular expression" in err
    code, _, err = cli("-C", root, "log", "-S", "  ")
    assert code == 2 and "empty" in err
    code, _, err = cli("-C", root, "log", "--regex")
    assert code == 2 and "-S" in err
    code, out, _ = cli("-C", root, "log", "-S", "no such words anywhere")
    assert code == 0 and "never found" in out


def test_overview_patch_is_each_provisions_log_patch(hists):
    """`log -p` with no provision shows, under each changed provision, the same diff
    as `log -p PROVISION` for that version (and the same -U context)."""
    h = hists["vig"]
    checked = 0
    for o in h.overview(patch=True):
        for c in o.changes:
            if str(c.change) == "deleted":
                continue
            entry = next(e for e in h.log(c.id).entries if e.versions[0].n == o.version.n)
            assert c.spans == entry.spans, (o.version.label, c.path)
            checked += 1
    assert checked >= 10
    code, out, _ = cli("-C", str(h.root), "log", "-p", "-U", "0")
    assert code == 0 and R.ELISION in out and "{+oder einem Verbraucherprodukt+}" in out
