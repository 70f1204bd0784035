"""Citations as people write them (issue 13, item 2).

One parser (``diffing.citation.parse``/``key``/``names``) for every command: the
printed form "Article 14(3)(a)", the path form "Article 14 > 3 > (a)", language
abbreviations (Art./Article/Artikel/Artículo, §, Sec./Section, para./Abs.), case
and spaces ignored; ``--pin`` and the history commands accept the same; "Title"
(parse's name for the text before the first article) names the history's
"(preamble)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from travaux.diffing.citation import cite, key, names, parse
from travaux.history import init_history

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"


@pytest.mark.parametrize("text,parts", [
    ("Article 14(3)(a)", ("Article 14", "(3)", "(a)")),
    ("Article 14 > 3 > (a)", ("Article 14", "3", "(a)")),
    ("Art. 14(3) > (a)", ("Art. 14", "(3)", "(a)")),
    ("Article 14, paragraph 3 (a)", ("Article 14", "paragraph 3", "(a)")),
    ("§ 2 Abs. 4", ("§ 2", "Abs. 4")),
    ("§2 (4)", ("§2", "(4)")),
    ("Sec. 2(a)(1)", ("Sec. 2", "(a)", "(1)")),
    ("(preamble)", ("(preamble)",)),
    ("  article\u00a014  >  3 ", ("article 14", "3")),
])
def test_parse_forms(text, parts):
    assert parse(text) == parts


@pytest.mark.parametrize("a,b", [
    ("Art. 93", "Article 93"), ("Artikel 93", "art 93"), ("Artículo 93", "ARTICLE 93"),
    ("§ 2", "Sec. 2"), ("Section 2", "§2"), ("(3)", "3"), ("para. 3", "(3)"),
    ("Abs. 4", "(4)"), ("(aa)", "aa)"),
])
def test_keys_fold_abbreviations_case_and_spaces(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("a,b", [("Article 9", "Article 93"), ("(a)", "(b)"), ("§ 2", "§ 3"),
                                 ("Article 3", "3")])
def test_keys_keep_different_things_apart(a, b):
    assert key(a) != key(b)


def test_printed_form_round_trips_through_the_parser():
    """What the reports print (cite) is a citation every command accepts (names)."""
    for path in [("Article 14", "3", "(a)"), ("§ 2", "(1)", "2"), ("Sec. 2", "(a)", "(1)"),
                 ("Article 28", "3", "¶1")]:
        assert names(path, cite(path)), (path, cite(path))
        assert names(path, " > ".join(path))
    assert not names(("Article 14", "3"), "Article 14(4)")


@pytest.fixture(scope="module")
def hists(tmp_path_factory):
    out = {}
    for name, manifest in (("vig", FIX / "history-de-vig" / "manifest.csv"),
                           ("eu", FIX / "history-eu-dma" / "manifest.toml")):
        h = init_history(tmp_path_factory.mktemp(name) / "h")
        h.import_manifest(manifest)
        out[name] = h
    return out


from conftest import cli  # noqa: E402  (the command line in-process)


@pytest.mark.parametrize("citation", ["§ 2 > (4)", "§2(4)", "§ 2 Abs. 4", "sec. 2 > ( 4 )",
                                      "§ 2 para. 4", "§ 2(4)"])
def test_history_accepts_every_form(hists, citation):
    h = hists["vig"]
    latest = h.versions[-1].label
    assert h.show_provision(latest, citation) == h.show_provision(latest, "§ 2 > (4)")
    assert h.log(citation).entries == h.log("§ 2 > (4)").entries


@pytest.mark.parametrize("citation", ["Art. 26", "artikel 26", "ARTICLE 26", "Artículo 26"])
def test_eu_article_abbreviations(hists, citation):
    h = hists["eu"]
    assert h.log(citation).id == h.log("Article 26").id
    code, out, _ = cli("-C", str(h.root), "blame", citation)
    assert code == 0 and out.startswith("Article 26 as in Regulation (EU) 2022/1925")


def test_printed_paragraph_citations_in_history(hists):
    h = hists["eu"]
    final = h.versions[-1].label
    expected = h.show_provision(final, "Article 26 > 1")
    for form in ("Article 26(1)", "Art. 26 para. 1", "Article 26, paragraph 1"):
        assert h.show_provision(final, form) == expected
    # the printed form the log itself shows is accepted back
    log = h.log("Article 28(3) > ¶1")
    assert log.entries and log.entries[0].path == ("Article 28", "3", "¶1")


def test_title_names_the_preamble(hists):
    h = hists["eu"]
    final = h.versions[-1].label
    assert h.show_provision(final, "Title") == h.show_provision(final, "(preamble)")


def test_pin_accepts_printed_and_abbreviated_forms(tmp_path):
    from travaux.diffing.compare import compare
    from travaux.diffing.options import build_options
    from travaux.diffing.parse import parse_path

    old = parse_path(FIX / "history-eu-dma" / "proposal.txt")
    new = parse_path(FIX / "history-eu-dma" / "final.txt")

    def pair_of(pins):
        d = compare(old, new, build_options(pins=pins))
        for pd in d.pairs:
            o = {old.blocks[i].path for i in pd.pair.old}
            if ("Article 24", "1") in o:
                return {new.blocks[j].path for j in pd.pair.new}
        return None

    want = pair_of(("Article 24 > 1=Article 26 > 2",))
    assert want == {("Article 26", "2")}
    assert pair_of(("Art. 24(1)=Artikel 26(2)",)) == want
    assert pair_of(("article 24, paragraph 1=ARTICLE 26 para. 2",)) == want
    code, _, err = cli("compare", str(FIX / "history-eu-dma" / "proposal.txt"),
                       str(FIX / "history-eu-dma" / "final.txt"), "--pin", "Art. 24(9)=Art. 26(2)")
    assert code == 2 and "names no block" in err
