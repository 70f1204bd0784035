"""PDFs as printed: page furniture, footnotes, margin line numbers and paragraph breaks.

Fixtures are page ranges cut from real PDFs (``fixtures/pdf-*/notes.md``): an Official
Journal act (2022 layout and the 2001 two-column one), a GPO bill print and a UN resolution.
Every case keeps the segmenter's invariants (blocks + labels + artefacts cover every
non-whitespace character of the extracted text).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_segment import check_invariants
from travaux.diffing.model import ArtefactKind as K, BlockKind as B, Document
from travaux.diffing.parse import parse_path
from travaux.diffing.read.layout import Frag, Line, _hyphen, _key, lay_out
from travaux.diffing.read.reader import read_path

FIX = Path(__file__).resolve().parent.parent / "fixtures"
CASES = ["pdf-oj-dma", "pdf-gpo-bill", "pdf-un-res", "pdf-oj-2col", "pdf-bgbl"]
_DOCS: dict[str, Document] = {}


def doc(case: str) -> Document:
    if case not in _DOCS:
        _DOCS[case] = parse_path(FIX / case / "source.pdf")
    return _DOCS[case]


def texts(d: Document, kind: B | None = None) -> list[str]:
    return [b.text for b in d.blocks if kind is None or b.kind is kind]


@pytest.mark.parametrize("case", CASES)
def test_invariants_and_pages(case):
    d = doc(case)
    check_invariants(d)
    assert d.meta.format == "pdf"
    pages = {"pdf-oj-dma": 2, "pdf-gpo-bill": 5, "pdf-un-res": 4, "pdf-oj-2col": 3, "pdf-bgbl": 2}[case]
    assert d.source.count("\f") == pages - 1
    # the reader's text is deterministic
    assert read_path(FIX / case / "source.pdf").text == d.source


def test_oj_running_heads_footnotes_and_markers():
    d = doc("pdf-oj-dma")
    heads = [a.text for a in d.artefacts if a.kind is K.RUNNING_HEAD]
    assert heads == ["L 265/2 EN Official Journal of the European Union 12.10.2022",
                     "12.10.2022 EN Official Journal of the European Union L 265/3"]
    notes = [b for b in d.blocks if b.kind is B.FOOTNOTE]
    assert [b.label for b in notes] == ["fn 4", "fn 5"]
    assert notes[0].text.startswith("Regulation (EU) 2016/679 of the European Parliament")
    assert notes[1].text.endswith("(OJ L 186, 11.7.2019, p. 57).")
    # the recitals continue across the page break and keep no footnote or running head
    recitals = [b for b in d.blocks if b.kind is B.PARAGRAPH]
    assert [b.label for b in recitals] == [f"({n})" for n in range(3, 13)]
    assert not any("OJ L 119" in t or "Official Journal" in t for t in texts(d, B.PARAGRAPH))
    # raised markers "(4)" "(5)" are artefacts, with the space before them
    markers = [a.text for a in d.artefacts if a.kind is K.FOOTNOTE_MARKER]
    assert markers == [" (4)", " (5)"]
    assert "Regulations (EU) 2016/679 and (EU) 2019/1150 of the European Parliament" in recitals[-1].text


def test_gpo_line_numbers_sections_and_divided_words():
    d = doc("pdf-gpo-bill")
    numbers = [a for a in d.artefacts if a.kind is K.FURNITURE and a.text.isdigit()]
    # 2 numbered lines on the cover, 24 or 25 on each of the four full pages
    assert len(numbers) >= 2 + 4 * 24
    for a in numbers:     # each on a line of numbers only, never inside a sentence
        line = d.source[d.source.rfind("\n", 0, a.start) + 1:d.source.find("\n", a.end)]
        assert re.fullmatch(r"[\d ]+", line)
    assert not any(re.search(r"\b(?:1 2 3|2\d \w+-)\b", t) for t in texts(d))
    heads = [(b.kind, b.label) for b in d.blocks if b.kind in (B.PART, B.ARTICLE)]
    assert heads == [(B.PART, "Title I"), (B.ARTICLE, "Sec. 101"), (B.ARTICLE, "Sec. 102"),
                     (B.ARTICLE, "Sec. 103")]
    assert d.blocks[0].text.startswith("118TH CONGRESS 2D SESSION H. R. 8752 AN ACT Making "
                                       "appropriations for the Department of Homeland Security for")
    assert any(t.startswith("DEPARTMENTAL MANAGEMENT, INTELLIGENCE, SITUATIONAL AWARENESS, AND "
                            "OVERSIGHT") for t in texts(d))
    sec101 = next(b for b in d.blocks if b.label == "Sec. 101")
    assert sec101.text.startswith("(a) The Secretary of Homeland Security shall submit a report")
    page_heads = {a.text for a in d.artefacts if a.kind in (K.RUNNING_HEAD, K.PAGE_NUMBER)}
    assert "•HR 8752 EH" in page_heads and {"2", "3", "4", "5"} <= page_heads


def test_un_resolution_preamble_operative_footnotes():
    d = doc("pdf-un-res")
    assert d.meta.symbol == "A/RES/78/272" and d.meta.language == "en"
    pre = [b for b in d.blocks if b.kind is B.PREAMBLE]
    assert [b.label for b in pre] == [f"PP{n}" for n in range(1, 9)]
    assert [b.label for b in d.blocks if b.kind is B.PARAGRAPH] == [str(n) for n in range(1, 18)]
    assert [b.label for b in d.blocks if b.kind is B.FOOTNOTE] == [f"fn {n}" for n in range(1, 7)]
    assert "Law of the Sea on the conservation" in pre[0].text
    assert pre[1].text.endswith("National Jurisdiction, by consensus,")
    assert next(b for b in d.blocks if b.label == "fn 3").text == "A/CONF.232/2023/4."
    assert not any("24-07683" in t or "A/RES/78/272" in t for t in texts(d, B.PARAGRAPH))
    assert [a.text for a in d.artefacts if a.kind is K.FOOTNOTE_MARKER] == ["1", "2", "3", "4", "5", "6"]


def test_two_column_oj_reading_order_hyphens_and_page_footnotes():
    d = doc("pdf-oj-2col")
    recitals = [b for b in d.blocks if b.kind is B.PARAGRAPH]
    assert [b.label for b in recitals] == [f"({n})" for n in range(1, 34)]
    r5 = next(b for b in recitals if b.label == "(5)")
    assert r5.text.startswith("Technological development has multiplied and diversified the "
                              "vectors for creation, production and exploitation.")
    # footnotes restart at (1) on each page: three on the first, then (1)-(3), then (4)-(6)
    notes = [b for b in d.blocks if b.kind is B.FOOTNOTE]
    assert [b.text[:8] for b in notes[:3]] == ["OJ C 108", "OJ C 407", "Opinion "]
    assert len(notes) == 9
    assert not any("Official Journal of the European Communities" in t for t in texts(d, B.PARAGRAPH))


def test_letter_spaced_signatures_read_as_words():
    d = doc("pdf-bgbl")
    # (the quoted "§ 31a" of an amending instruction is still read as an article: issue 17, item 6)
    arts = [b.label for b in d.blocks if b.kind is B.ARTICLE and b.label.startswith("Artikel")]
    assert arts == ["Artikel 6", "Artikel 7", "Artikel 8"]
    art8 = [b for b in d.blocks if b.path[:1] == ("Artikel 8",) and b.kind is B.PARAGRAPH]
    assert [b.label for b in art8] == [f"({n})" for n in range(1, 8)]
    signed = " ".join(texts(d))
    for name in ("Manuela Schwesig", "Olaf Scholz", "Christian Lindner", "Robert Habeck",
                 "Der Bundesminister für Wirtschaft und Klimaschutz"):
        assert name in signed
    assert "O l a f" not in d.source


# --------------------------------------------------------------------------- units


def _line(text: str, x0: float, y: float, x1: float = 500.0, size: float = 10.0) -> Line:
    return Line([Frag(text, x0, x1, y, size)], x0, x1, y, size)


def test_paragraph_breaks_from_indents_gaps_and_short_lines():
    page = [
        _line("Recalling its resolution of 2017, in which it decided to", 120, 700),
        _line("convene a conference, and relevant resolutions", 100, 688),
        _line("of the conference,", 100, 676, x1=200),
        _line("Noting that the Agreement was opened for signature in", 120, 664),
        _line("New York,", 100, 652, x1=160),
        _line("1. Welcomes the opening for signature of the", 120, 620),
        _line("Agreement;", 100, 608, x1=170),
    ]
    text, layout = lay_out([page], [(600.0, 800.0)])
    paras = [" ".join(p.split()) for p in text.split("\n\n")]
    assert paras == ["Recalling its resolution of 2017, in which it decided to convene a conference, "
                     "and relevant resolutions of the conference,",
                     "Noting that the Agreement was opened for signature in New York,",
                     "1. Welcomes the opening for signature of the Agreement;"]
    assert layout.artefacts == () and layout.notes == ()


def test_footnotes_in_smaller_font_at_page_foot_and_raised_markers():
    body = _line("Having regard to the opinion of the Committee", 70, 500)
    body.frags[0].text += " (1),"
    body.frags[0].sups = [(len(body.frags[0].text) - 3, len(body.frags[0].text) - 2)]
    page = [body, _line("Whereas:", 70, 480, x1=120),
            _line("(1) Digital services in general and online platforms in particular play an", 70, 460),
            _line("increasingly important role in the economy, in particular in the internal", 95, 448),
            _line("market.", 95, 436, x1=140),
            _line("(1) OJ C 286, 16.7.2021, p. 64.", 70, 80, size=8.0),
            _line("(2) OJ C 440, 29.10.2021, p. 67.", 70, 70, size=8.0)]
    text, layout = lay_out([page], [(600.0, 800.0)])
    assert [(n.number, text[n.label_start:n.label_end], text[n.start:n.end]) for n in layout.notes] == \
        [(1, "(1)", " OJ C 286, 16.7.2021, p. 64."), (2, "(2)", " OJ C 440, 29.10.2021, p. 67.")]
    assert [(a.kind, a.text) for a in layout.artefacts] == [(K.FOOTNOTE_MARKER, " (1)")]


def test_divided_words():
    words = ({"ending", "cross", "border", "the"}, {"non-discriminatory"})
    assert _hyphen("for the fiscal year end-", "ing September 30", words) == "soft"
    assert _hyphen("by facilitating cross-", "border trade", words) == "compound"
    assert _hyphen("in a non-", "discriminatory way", words) == "compound"
    assert _hyphen("pre-", "installed software", words) == "compound"         # a prefix
    assert _hyphen("of the Management Direc-", "torate for operations", words) == "soft"
    assert _hyphen("DEPARTMENTAL MANAGEMENT, INTEL-", "LIGENCE, SITUATIONAL", words) == "soft"
    assert _hyphen("the years 2020-", "2024", words) == ""
    assert _hyphen("and-", "Then", words) == ""


def test_running_head_key_ignores_order_and_digits():
    assert _key("12.10.2022 EN Official Journal of the European Union L 265/3") == \
        _key("L 265/2 EN Official Journal of the European Union 12.10.2022")
    assert _key("A/RES/78/272 2/4") != _key("Agreement under the United Nations")


def test_french_conventions_in_headings():
    from travaux.diffing.segment.labels import match_heading

    art = match_heading("Article 1er")
    assert art is not None and art.kind is B.ARTICLE and art.label == "Article 1"
    titre = match_heading("TITRE Ier")
    assert titre is not None and titre.kind is B.PART and titre.label == "Titre I"
    # "I. – Au début du chapitre V ... :" numbers a subdivision of an article, not a chapter
    assert match_heading("I. – Au début du chapitre V du titre IV du livre II du code électoral, "
                         "l’article L. 306 est ainsi rétabli :") is None
    head = match_heading("I. Introduction")
    assert head is not None and head.kind is B.CHAPTER
