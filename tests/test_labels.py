"""Label grammar: styles, ordinals, roman/letter ambiguity, heading recognition."""

from travaux.diffing.segment import labels as L
from travaux.diffing.model import BlockKind as B


def test_label_styles_and_normal_forms():
    cases = {"1. The": (L.NUM_DOT, "1"), "(1) The": (L.NUM_PAREN, "(1)"), "1) x": (L.NUM_PAREN, "(1)"),
             "(a) x": (L.LOWER, "(a)"), "a) x": (L.LOWER, "(a)"), "a. de": (L.LOWER_DOT, "(a)"),
             "(iv) x": (L.ROMAN, "(iv)"), "aa) x": (L.LOWER2, "(aa)"), "(A) x": (L.UPPER, "(A)"),
             "(II) x": (L.UROMAN, "(II)"), "¹ General": (L.SUPER, "(1)"), "(ii)The": (L.ROMAN, "(ii)")}
    for text, (style, norm) in cases.items():
        lab = L.match_label(text)
        assert lab and (lab.style, lab.norm) == (style, norm), text


def test_not_labels():
    for text in ("55/25 of", "3, of the", "Article 5", "(Text with EEA relevance)", "1.5 per cent", "de. x"):
        assert L.match_label(text) is None, text


def test_roman_or_letter_decided_by_previous_sibling():
    i = L.match_label("(i) x")
    assert L.resolve_style(i, {L.LOWER: 8}).style == L.LOWER          # after (h)
    assert L.resolve_style(i, {L.LOWER: 3}).style == L.ROMAN          # under (c)
    v = L.match_label("(v) x")
    assert L.resolve_style(v, {L.ROMAN: 4}).style == L.ROMAN          # after (iv)
    assert L.resolve_style(v, {L.LOWER: 21}).style == L.LOWER         # after (u)
    assert L.roman_value("xiv") == 14 and L.letter_value("bb") == 28


def test_headings():
    h = L.match_heading("Article\u00a05")
    assert (h.kind, h.label) == (B.ARTICLE, "Article 5")
    h = L.match_heading("Artículo 1.\u2003 Objeto y fines de la ley.")
    assert h.label == "Artículo 1" and "Objeto y fines de la ley."[0] == "Objeto"[0]
    assert L.match_heading("CHAPTER III").label == "Chapter III"
    assert L.match_heading("Capítulo II").kind is B.CHAPTER
    assert L.match_heading("§ 1 Anwendungsbereich").label == "§ 1"
    assert L.match_heading("Article  31  ").label == "Article 31"
    assert L.match_heading("I. - Die Grundrechte").kind is B.CHAPTER
    assert L.match_heading("Chapter I defines the subject matter") is None
    assert L.match_heading("Section 205(r) of the Social Security Act") is None
    assert L.match_heading("Disposición final primera.  Título competencial.").label == "Disposición final primera"
    memo = L.match_caps_heading("1. CONTEXT OF THE PROPOSAL")
    assert (memo.kind, memo.label) == (B.SECTION, "1")
    assert L.match_caps_heading("1. The Commission shall") is None
