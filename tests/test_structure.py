"""Structure of real documents, round two (issue 12): one section per item.

Each test parses a fixture cut from the real document named in the issue (see the
fixture's notes.md) and checks the structure a user cites, pairs and counts.
"""

from __future__ import annotations

from pathlib import Path

from travaux.diffing.model import ArtefactKind as K, BlockKind as B, Document
from travaux.diffing.parse import parse_path

from test_segment import check_invariants

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _paths(d: Document) -> list[str]:
    return [b.citation for b in d.blocks]


# --------------------------------------------------------------------------- 1, 2: US bill XML

def test_quoted_matter_nests_under_its_instruction():
    d = parse_path(FIX / "parse-us-quoted" / "s5-es-excerpt.xml")
    check_invariants(d)
    paths = _paths(d)
    assert not [p for p in paths if "[" in p], "no path needs a [2]"
    # INA § 236(f), inserted by Sec. 3 (b)(2), is quoted matter under that instruction ...
    f = d.blocks[d.find("Sec. 3 > (b) > (2) > “(f)”")]
    assert f.title == "Enforcement by attorney general of a State"
    assert d.blocks[f.parent].text == "by adding at the end the following:"
    assert d.find("Sec. 3 > (b) > (2) > “(f)” > “¶1”") is not None
    # ... and the bill's own (f) keeps its path.
    own = d.blocks[d.find("Sec. 3 > (f)")]
    assert own.title == "Limit on injunctive relief" and own.kind is B.SUBPARAGRAPH
    # a quotation introduced by unlabelled lead-in text hangs under the lead-in's block
    assert d.blocks[d.find("Sec. 3 > (f) > “(3)”")].title == "Certain actions"
    # two quoted paragraphs inserted by one instruction are siblings under it
    assert [d.blocks[i].label for i in d.children(d.find("Sec. 2 > (3)"))] == ["“(2)”", "“(3)”"]
    assert d.blocks[d.find("Sec. 2 > (3) > “(2)”")].title == "Definition"
    assert d.find("Sec. 2 > (2)") is None
    assert [b.label for b in d.blocks if b.kind is B.ARTICLE] == ["Sec. 1", "Sec. 2", "Sec. 3"]


def test_quoted_matter_is_never_a_provision_and_labels_are_quoted():
    d = parse_path(FIX / "parse-us-quoted" / "s269-enr.xml")
    check_invariants(d)
    assert [b.label for b in d.blocks if b.kind is B.ARTICLE] == ["Sec. 1", "Sec. 2"]
    quoted = [b.citation for b in d.blocks if "“" in b.label]
    assert quoted == ["Sec. 2 > (a) > “(11)”", "Sec. 2 > (a) > “(12)”", "Sec. 2 > (b) > “(C)”"]
    # the label span still points at the source's own "(11)"
    b = d.blocks[d.find("Sec. 2 > (a) > “(11)”")]
    assert d.source[b.label_start:b.label_end] == "(11)"


def test_attestation_lines_are_furniture():
    es = parse_path(FIX / "parse-us-quoted" / "s5-es-excerpt.xml")
    last = es.blocks[-1]
    # (the second "." is the bill's own, after the quotation: <after-quoted-block>)
    assert last.text.endswith("or section 241(a)(2)(B)..")
    assert not [b for b in es.blocks if "Passed the Senate" in b.text or b.text == "Secretary"]
    furniture = " ".join(a.text for a in es.artefacts if a.kind is K.FURNITURE)
    assert "Passed the Senate January 20, 2025." in furniture and "Secretary" in furniture
    enr = parse_path(FIX / "parse-us-quoted" / "s269-enr.xml")
    assert not [b for b in enr.blocks if "Speaker of the House" in b.text or "President of the" in b.text]
    furniture = " ".join(a.text for a in enr.artefacts if a.kind is K.FURNITURE)
    assert "Speaker of the House of Representatives" in furniture
    assert "Vice President of the United States and President of the Senate" in furniture


# --------------------------------------------------------------------------- 5: nested list styles

def test_a_dot_under_a_paren_is_a_deeper_level():
    d = parse_path(FIX / "parse-nested-styles" / "untoc-art5.md")
    check_invariants(d)
    assert not [p for p in _paths(d) if "[" in p]
    ii = d.find("Article 5 > 1 > (a) > (ii)")
    kids = [d.blocks[i] for i in d.children(ii)]
    assert [(k.label, k.text[:28]) for k in kids] == [
        ("(a)", "Criminal activities of the o"), ("(b)", "Other activities of the orga")]
    b = d.blocks[d.find("Article 5 > 1 > (b)")]
    assert b.text.startswith("Organizing, directing, aiding")
    assert [d.blocks[i].label for i in d.children(d.find("Article 5 > 1"))] == ["(a)", "(b)"]
