"""segment(): structure recovered from real texts, and the offset invariants.

Invariants first (every fixture, then hypothesis on generated and arbitrary text):
block text == clean(span), spans well-formed, artefacts exact and disjoint,
blocks + labels + artefacts cover every non-whitespace character, paths unique,
parents precede their children.  Then explicit structural assertions per
document, then golden outlines (refreshed with --update-goldens).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from travaux.diffing.model import ArtefactKind as K, BlockKind as B, Document, DocumentMeta
from travaux.diffing.segment.segmenter import block_text, clean, holes_of, segment

FIX = Path(__file__).resolve().parent.parent / "fixtures"

# the EU texts are read from the compare-eu-* cases (byte-identical copies were dropped;
# fixtures/parse-eu/notes.md says so)
SOURCES = {
    "a-conf": "parse-a-conf-187-6/source.txt",
    "res-56-120": "parse-res-56-120/source.txt",
    "res-56-261": "parse-res-56-261/source.txt",
    "cop-2-6": "parse-cop-2-6/source.txt",
    "untoc-excerpt": "parse-untoc-excerpt/source.txt",
    "untoc": "parse-untoc/source.txt",
    "dma-proposal": "compare-eu-dma/proposal.txt",
    "dma-final": "compare-eu-dma/final.txt",
    "data-act-proposal": "compare-eu-data-act/proposal.txt",
    "data-act-final": "compare-eu-data-act/final.txt",
    "us-s269": "parse-us-bills/s269-es.txt",
    "us-s5": "parse-us-bills/s5-enr.txt",
    "de-vig": "parse-laws-in-git/de-vig.md",
    "nl-gratiewet": "parse-laws-in-git/nl-gratiewet.md",
    "es-bulletin": "parse-es-bulletin/source.txt",
}
def discover_goldens() -> dict[str, str]:
    """Every outline golden of a parse case, found by folder: ``fixtures/parse-*/outline.txt``
    goes with ``source.txt`` beside it, ``<name>.outline.txt`` with ``<name>.txt`` or
    ``<name>.md``.  Keyed by the source's path under fixtures/, valued by the golden's."""
    found: dict[str, str] = {}
    for golden in sorted(FIX.glob("parse-*/*outline.txt")):
        stem = golden.name.removesuffix("outline.txt").removesuffix(".") or "source"
        sources = [p for p in (golden.parent / f"{stem}.txt", golden.parent / f"{stem}.md")
                   if p.exists()]
        assert len(sources) == 1, f"{golden.relative_to(FIX)}: no single source beside it"
        found[sources[0].relative_to(FIX).as_posix()] = golden.relative_to(FIX).as_posix()
    return found


GOLDENS = discover_goldens()
_CACHE: dict[str, Document] = {}


def doc(case: str) -> Document:
    """The segmented source of a case name (``SOURCES``) or of a path under fixtures/."""
    rel = SOURCES.get(case, case)
    if rel not in _CACHE:
        path = FIX / rel
        _CACHE[rel] = segment(path.read_text(encoding="utf-8"), DocumentMeta(name=path.name))
    return _CACHE[rel]


def check_invariants(d: Document) -> None:
    src = d.source
    covered = bytearray(len(src))
    prev_end = 0
    for a in d.artefacts:
        assert 0 <= a.start < a.end <= len(src)
        assert a.text == src[a.start:a.end]
        assert a.start >= prev_end, "artefacts overlap"
        prev_end = a.end
        covered[a.start:a.end] = b"\1" * (a.end - a.start)
    seen = set()
    for i, b in enumerate(d.blocks):
        assert 0 <= b.start <= b.end <= len(src), (i, b.citation)
        assert b.text == block_text(d, i), b.citation
        if not holes_of(d.blocks, i):
            assert b.text == clean(src, b.start, b.end, d.artefacts)
        covered[b.start:b.end] = b"\1" * (b.end - b.start)
        if b.label_start >= 0:
            assert 0 <= b.label_start <= b.label_end <= len(src)
            covered[b.label_start:b.label_end] = b"\1" * (b.label_end - b.label_start)
        assert b.path and b.path not in seen, b.path
        seen.add(b.path)
        if b.parent is not None:
            assert b.parent < i and b.depth == d.blocks[b.parent].depth + 1
        else:
            assert b.depth == 0
        if b.kind in (B.ARTICLE, B.CHAPTER, B.PART, B.SECTION):
            assert b.title == b.text
    missing = [k for k, c in enumerate(covered) if not c and not src[k].isspace()]
    assert not missing, f"uncovered source at {missing[0]}: {src[max(0, missing[0] - 20):missing[0] + 20]!r}"


@pytest.mark.parametrize("case", sorted(SOURCES))
def test_invariants_on_fixtures(case):
    check_invariants(doc(case))


def test_goldens_are_discovered():
    """Every parse case folder with an outline golden is found (and every case source with a
    golden is among them)."""
    assert len(GOLDENS) >= 11
    assert {s for s in SOURCES.values() if s.startswith("parse-")} <= set(GOLDENS)


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_golden_outline(case, golden):
    d = doc(case)
    check_invariants(d)
    lines = [f"{b.citation}\t{b.kind}\t{b.text[:50]}" for b in d.blocks]
    golden.check(FIX / GOLDENS[case], "\n".join(lines) + "\n")


# --------------------------------------------------------------------------- A/CONF.187/6

def _kids(d: Document, kind: B):
    return [b for b in d.blocks if b.kind is kind]


def test_a_conf_paragraphs_chapters_footnotes():
    d = doc("a-conf")
    assert d.meta.symbol == "A/CONF.187/6" and d.meta.date == "1999-12-15" and d.meta.language == "en"
    assert d.meta.title == ("International Cooperation in Combating Transnational Crime: "
                            "New Challenges in the Twenty-first Century")
    paras = _kids(d, B.PARAGRAPH)
    assert [b.label for b in paras] == [f"para {n}" for n in range(1, 44)]
    chapters = _kids(d, B.CHAPTER)
    assert [c.label for c in chapters] == ["I", "II", "III", "IV", "V", "VI"]
    assert chapters[0].title == "Introduction"
    ranges = {"I": (1, 3), "II": (4, 6), "III": (7, 11), "IV": (12, 25), "V": (26, 37), "VI": (38, 43)}
    for p in paras:
        chapter = d.blocks[p.parent]
        lo, hi = ranges[chapter.label]
        assert lo <= int(p.label.split()[1]) <= hi, p.label
    notes = _kids(d, B.FOOTNOTE)
    assert [n.label for n in notes] == [f"fn {n}" for n in range(1, 19)]
    assert notes[0].text.startswith("Fijnaut and others")
    assert notes[-1].text.endswith("pp. 57-72.")
    p41 = d.blocks[d.find("para 41")]
    assert "Fijnaut" not in p41.text and "Passas" not in p41.text
    assert "provide advisory services to assist States" in p41.text
    toc = _kids(d, B.TOC)
    assert len(toc) == 1 and "Introduction" in toc[0].text
    for p in paras:
        assert "A/CONF.187/6" not in p.text
    # footnote markers removed; "para. 9" and "resolution 53/111" untouched
    assert "profits. It could also be argued" in d.blocks[d.find("para 5")].text
    assert "(A/CONF.169/15/Add.1, para. 9)" in d.blocks[d.find("para 4")].text
    kinds = {a.kind for a in d.artefacts}
    assert {K.RUNNING_HEAD, K.FOOTNOTE_MARKER, K.FURNITURE} <= kinds
    assert sum(a.kind is K.RUNNING_HEAD for a in d.artefacts) == 7
    assert d.blocks[d.find("para 14 > (b)")].text.startswith("Political conflicts")


# --------------------------------------------------------------------------- UN resolutions, decisions

def test_resolution_56_120_preamble_and_operative():
    d = doc("res-56-120")
    assert d.meta.symbol == "A/RES/56/120" and d.meta.date == "2002-01-23"
    pre = _kids(d, B.PREAMBLE)
    assert [b.label for b in pre] == ["PP1", "PP2", "PP3", "PP4", "PP5"]
    assert pre[0].text.startswith("Deeply concerned") and pre[3].text.startswith("Recalling its resolution 55/25")
    assert pre[2].text.endswith("Twenty-first Century,")
    ops = _kids(d, B.PARAGRAPH)
    assert [b.label for b in ops] == ["1", "2"]
    assert ops[1].text.endswith("pre-ratification seminars on")
    assert [b.text for b in _kids(d, B.FOOTNOTE)] == ["Resolution 55/59, annex."]
    debris = [a.text for a in d.artefacts if a.kind is K.DEBRIS]
    assert debris == ["Select target paragraph3"]
    assert all("Select target" not in b.text for b in d.blocks)


def test_resolution_56_261_operative_and_section():
    d = doc("res-56-261")
    assert [b.label for b in _kids(d, B.PARAGRAPH)] == ["3", "4"]
    assert d.blocks[d.find("3 > (c)")].text.startswith("To strengthen international cooperation")
    assert d.blocks[d.find("4 > (d)")].text.endswith("in consultation with interested States;")
    section = _kids(d, B.SECTION)
    assert [(s.label, s.title) for s in section] == [("B", "International actions")]
    assert {a.kind for a in d.artefacts} >= {K.RUNNING_HEAD, K.PAGE_NUMBER, K.DEBRIS}


def test_cop_decision_subparagraphs():
    d = doc("cop-2-6")
    top = [b.label for b in d.blocks if b.kind is B.SUBPARAGRAPH and b.parent is None]
    assert top == [f"({c})" for c in "abcdefghi"]
    assert [b.label for b in d.blocks if b.parent == d.find("(c)")] == ["(i)", "(ii)", "(iii)", "(iv)"]
    assert d.blocks[d.find("(a)")].text.count("Transnational Organized Crime, and rule 2") == 1
    assert [b.text for b in _kids(d, B.FOOTNOTE)] == ["General Assembly resolution 55/25, annex I."]
    assert [a.text for a in d.artefacts if a.kind is K.FOOTNOTE_MARKER] == ["¹"]


def test_untoc_excerpt_articles_30_31():
    d = doc("untoc-excerpt")
    art = d.find("Article 31")
    assert d.blocks[art].title == "Prevention"
    assert [d.blocks[i].label for i in d.children(art)] == ["1", "2"]
    assert d.blocks[d.find("Article 31 > 2 > (a)")].text.startswith("The strengthening of cooperation")
    assert [d.blocks[d.find(f"para {n}")].kind for n in (2, 3, 4)] == [B.PARAGRAPH] * 3
    assert len([b for b in d.blocks if b.parent == d.find("para 2")]) == 4


# --------------------------------------------------------------------------- UNTOC, EU

def test_untoc_41_articles_with_titles():
    d = doc("untoc")
    arts = _kids(d, B.ARTICLE)
    assert [a.label for a in arts] == [f"Article {n}" for n in range(1, 42)]
    assert all(a.title for a in arts)
    assert arts[0].title == "Statement of purpose" and arts[30].title == "Prevention"
    a2 = d.find("Article 2")
    assert [d.blocks[i].label for i in d.children(a2) if d.blocks[i].kind is B.SUBPARAGRAPH] == \
        [f"({c})" for c in "abcdefghij"]
    a18 = d.find("Article 18")
    assert [d.blocks[i].label for i in d.children(a18)] == [str(n) for n in range(1, 31)]
    assert [d.blocks[i].label for i in d.children(d.find("Article 18 > 3"))] == [f"({c})" for c in "abcdefghi"]
    assert [d.blocks[i].label for i in d.children(d.find("Article 18 > 10"))] == ["(a)", "(b)"]
    a31 = d.find("Article 31")
    assert [d.blocks[i].label for i in d.children(a31)] == [str(n) for n in range(1, 8)]
    assert [d.blocks[i].label for i in d.children(d.find("Article 31 > 2"))] == [f"({c})" for c in "abcd"]
    assert [d.blocks[i].label for i in d.children(d.find("Article 31 > 2 > (d)"))] == ["(i)", "(ii)", "(iii)", "(iv)"]
    assert d.blocks[d.find("Article 3 > 2")].text.startswith("For the purpose of paragraph 1")


@pytest.mark.parametrize("case,count", [("dma-proposal", 39), ("dma-final", 54),
                                        ("data-act-proposal", 42), ("data-act-final", 50)])
def test_eu_article_counts(case, count):
    d = doc(case)
    arts = _kids(d, B.ARTICLE)
    assert [a.label for a in arts] == [f"Article {n}" for n in range(1, count + 1)]
    assert all(a.title for a in arts)
    # no numbered paragraph outside an article body except memorandum/statement headings
    for i, b in enumerate(d.blocks):
        if b.kind is B.SECTION and b.text.isupper():
            anc = b.parent
            while anc is not None:
                assert d.blocks[anc].kind is not B.ARTICLE
                anc = d.blocks[anc].parent


def test_eu_structure_details():
    final = doc("dma-final")
    a5 = final.find("Article 5")
    assert final.blocks[a5].title == "Obligations for gatekeepers"
    assert final.blocks[final.find("Article 5 > 2 > (a)")].text.startswith("process, for the purpose")
    assert [b.label for b in _kids(final, B.RECITAL)][:3] == ["Recital 1", "Recital 2", "Recital 3"]
    assert _kids(final, B.PREAMBLE)[0].text.startswith("Having regard to the Treaty")
    assert final.meta.symbol == "Regulation (EU) 2022/1925" and final.meta.date == "2022-09-14"
    prop = doc("dma-proposal")
    assert prop.meta.symbol == "COM(2020) 842 final" and prop.meta.date == "2020-12-15"
    assert prop.meta.title == ("Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on "
                               "contestable and fair markets in the digital sector (Digital Markets Act)")
    memo = [b for b in prop.blocks if b.kind is B.SECTION and b.title == "CONTEXT OF THE PROPOSAL"]
    assert len(memo) == 1 and memo[0].label == "1"
    assert len(_kids(prop, B.RECITAL)) == 79
    d2 = prop.find("Article 2 > (2) > (a)")
    assert prop.blocks[d2].text == "online intermediation services;"
    assert [c.label for c in _kids(final, B.CHAPTER)] == [f"Chapter {r}" for r in ("I", "II", "III", "IV", "V", "VI")]


# --------------------------------------------------------------------------- US, laws in git, Spanish

def test_us_bill_sections():
    d = doc("us-s269")
    assert d.meta.symbol == "S. 269"
    secs = _kids(d, B.ARTICLE)
    assert [(s.label, s.title) for s in secs][:2] == [("Sec. 1", "Short title"),
                                                      ("Sec. 2", "Improving coordination between Federal and "
                                                                 "State agencies and the Do Not Pay working system")]
    a = d.find("Sec. 2 > (a)")
    assert d.blocks[a].title == "In general"
    assert d.blocks[d.children(a)[0]].text.startswith("Section 205(r) of the Social Security Act")
    assert [s.label for s in _kids(doc("us-s5"), B.ARTICLE)] == ["Sec. 1", "Sec. 2", "Sec. 3"]


def test_german_law_markdown():
    d = doc("de-vig")
    assert d.meta.language == "de"
    assert d.blocks[d.find("§ 1")].title == "Anwendungsbereich"
    assert d.blocks[d.find("§ 2 > (1) > 1 > (a)")].text.startswith("des Lebensmittel- und Futtermittelgesetzbuches")
    markup = [a for a in d.artefacts if a.kind is K.MARKUP]
    assert markup[0].start == 0 and markup[0].text.startswith("---") and "jurabk: VIG" in markup[0].text
    assert all(not b.text.startswith("#") for b in d.blocks)


def test_dutch_law_markdown():
    d = doc("nl-gratiewet")
    assert d.meta.language == "nl"
    arts = _kids(d, B.ARTICLE)
    assert arts[0].label == "Artikel 1"
    assert [d.blocks[i].label for i in d.children(d.find("Artikel 3 > 1"))] == ["(a)", "(b)", "(c)", "(d)"]
    assert any(a.kind is K.MARKUP and a.text.startswith("<meta") for a in d.artefacts)
    assert all("](" not in b.text for b in d.blocks), "Markdown link targets are markup"


def test_spanish_bulletin():
    d = doc("es-bulletin")
    assert d.meta.language == "es" and d.meta.date == "2024-01-19" and d.meta.symbol == "BOCG-15-A-4-1"
    a1 = d.find("Artículo 1")
    assert d.blocks[a1].title == "Objeto y fines de la ley."
    assert d.blocks[d.blocks[a1].parent].label == "Capítulo I"
    assert d.blocks[d.blocks[a1].parent].title == "Disposiciones generales"
    assert [d.blocks[i].label for i in d.children(d.find("Artículo 1 > 2"))] == [f"({c})" for c in "abcdefg"]
    # the page break inside Artículo 1.2 (b) is furniture, not text
    b = d.blocks[d.find("Artículo 1 > 2 > (b)")]
    assert b.text.endswith("favorecer actividades de concienciación en el ámbito de la prevención y "
                           "reducción de las pérdidas y el desperdicio alimentario.")
    for blk in d.blocks:
        assert "cve:" not in blk.text and "BOLETÍN OFICIAL" not in blk.text and "Pág." not in blk.text
    assert d.blocks[d.find("Artículo 9")].title.endswith("aptos para el consumo humano.")
    assert {K.RUNNING_HEAD, K.PAGE_NUMBER, K.FURNITURE} <= {a.kind for a in d.artefacts}


def test_hyphenated_line_break_is_joined():
    text = "Artículo 1.  Objeto.\n\n     1.  Las pérdidas y el desper-\ndicio alimentario; el desperdicio.\n"
    d = segment(text, DocumentMeta(name="t"))
    check_invariants(d)
    assert d.blocks[d.find("Artículo 1 > 1")].text == "Las pérdidas y el desperdicio alimentario; el desperdicio."
    assert [a.kind for a in d.artefacts] == [K.HYPHEN]


def test_sequence_check_rejects_references():
    text = ("I. Scope 1. The Conference decided, in accordance with article 32, paragraph 3, of the Convention "
            "and resolution 55/25, to act. 2. It requested the secretariat to report; and 3 (b) nothing more. "
            "3. It decided to review the matter at its fourth session in 2008 and to report on paragraph 2. "
            "It also decided to remain seized. ")
    d = segment(text * 1, DocumentMeta(name="t"))
    check_invariants(d)
    assert [b.label for b in d.blocks if b.kind is B.PARAGRAPH] == ["para 1", "para 2", "para 3"]


# --------------------------------------------------------------------------- properties

_words = st.sampled_from(["shall", "States", "Parties", "the", "Convention", "article", "paragraph", "3,",
                          "55/25", "measures", "crime;", "and", "of", "1", "2.", "(a)", "Article", "i)",
                          "—", "desper-", "A/CONF.187/6", "Century,1", "¹", "###", "Pág.", "cve:", "BOCG-1"])
_sentence = st.lists(_words, min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
_sep = st.sampled_from([" ", "\n", "\n\n", "  \n", "\u00a0", "\f", "\n     ", "\t"])


@st.composite
def legal_text(draw):
    parts = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        parts.append(draw(st.sampled_from([f"Article {n}", f"### Article  {n}", f"Artículo {n}.", f"§ {n}",
                                           f"CHAPTER {'I' * n}", f"{'I' * n}. Scope"])))
        parts.append(draw(_sep))
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(["Definitions", "####Prevention", "Use of terms"])))
            parts.append(draw(_sep))
        for p in range(1, draw(st.integers(0, 4)) + 1):
            parts.append(draw(st.sampled_from([f"{p}.", f"({p})", f"{p}.  "])) + " ")
            parts.append(draw(_sentence))
            for s in range(draw(st.integers(0, 3))):
                parts.append(draw(_sep))
                parts.append(draw(st.sampled_from(["(", ""])) + "abcdefghi"[s] + ")" + " ")
                parts.append(draw(_sentence))
            parts.append(draw(_sep))
            if draw(st.integers(0, 5)) == 0:
                parts.append(draw(st.sampled_from(["A/CONF.187/6 2 ", "_____ 1 Resolution 55/59.", "Select target "
                                                   "paragraph3", "cve: BOCG-15-A-4-1", "Pág. 5", "<meta x='1' />"])))
                parts.append(draw(_sep))
    return "".join(parts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(legal_text())
def test_invariants_on_generated_legal_text(text):
    check_invariants(segment(text, DocumentMeta(name="gen")))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_invariants_on_arbitrary_text(text):
    check_invariants(segment(text, DocumentMeta(name="any")))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("1234567890.()abiv IVX-\n\n_¹,;:#§ArticleTÍ\f\u00a0")), max_size=300))
def test_invariants_on_label_soup(text):
    check_invariants(segment(text, DocumentMeta(name="soup")))


def test_clean_removes_artefacts_and_joins_hyphens():
    from travaux.diffing.model import Artefact
    src = "desper-\n  dicio A/X 2 tail"
    arts = (Artefact(K.HYPHEN, "-", 6, 7), Artefact(K.RUNNING_HEAD, "A/X 2", 16, 21))
    assert clean(src, 0, len(src), arts) == "desperdicio tail"
    assert clean(src, 0, len(src), arts, holes=[(8, 15)]) == "desper tail"


# --------------------------------------------------------------------------- no word is dropped

_WORD = __import__("re").compile(r"[^\W_]+")


def _words(text: str) -> Counter:
    return Counter(_WORD.findall(text))


_plain = st.sampled_from(["shall", "States", "Parties", "the", "Convention", "measures", "crime;", "and",
                          "of", "1", "2.", "55/25", "in", "accordance", "with", "domestic", "law,", "—"])
_plain_sentence = st.lists(_plain, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")


@st.composite
def plain_legal_text(draw):
    """Legal-looking text with nothing markup-like in it (no "#", "*", "<", "[")."""
    parts = []
    for n in range(1, draw(st.integers(1, 3)) + 1):
        parts.append(draw(st.sampled_from([f"Article {n}", f"Artículo {n}.", f"CHAPTER {'I' * n}", "Preamble"])))
        parts.append(draw(st.sampled_from(["\n\n", "\n", " "])))
        for p in range(1, draw(st.integers(0, 3)) + 1):
            parts.append(draw(st.sampled_from([f"{p}. ", f"({p}) ", "", "(a) "])))
            parts.append(" ".join(draw(st.lists(_plain_sentence, min_size=1, max_size=3))))
            parts.append(draw(st.sampled_from(["\n\n", "\n", " ", "\n\f"])))
    return "".join(parts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_legal_text(), st.sampled_from(["text", "markdown", "html", "xml", "docx", "pdf"]))
def test_words_of_blocks_are_words_of_source_minus_artefacts(text, fmt):
    d = segment(text, DocumentMeta(name="gen", format=fmt))
    check_invariants(d)
    labels = [(b.label_start, b.label_end) for b in d.blocks if b.label_start >= 0]
    expected = _words(clean(d.source, 0, len(d.source), d.artefacts, holes=labels))
    got = _words(" ".join(b.text for b in d.blocks))
    assert got == expected


_TRICKY = ["<in accordance>", "<b>", "</b>", "<br>", "<meta name='x' content='y'>", "**bold**", "# hash",
           "[link](target)", "A/CONF.187/6 2", "Distr.: General", "V.99-90986 (E)", "cve: BOCG-15-A-4-1",
           "Select target paragraph3", "Back to top", "Skip to content", "Pág. 5", "- 3 -", "12", "Notes",
           "Serie A Núm. 4-1 Pág. 5", "BOLETÍN OFICIAL", "Page 4", "_____", "desper-", "Century,1", "¹"]
_MIDDLE = st.lists(st.one_of(_plain, st.sampled_from(_TRICKY)), min_size=1, max_size=10).map(" ".join)
_REMOVES_WORDS_OK = {K.HYPHEN, K.FOOTNOTE_MARKER, K.PAGE_NUMBER}


@st.composite
def markup_format_text(draw):
    """Paragraphs (one line each, as the html/xml readers write them) whose middle
    sentence holds markup-like and furniture-like words; returns (text, middle spans)."""
    text, middles = "", []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        if draw(st.booleans()):
            text += f"Article {n}\n\n"
        text += draw(st.sampled_from(["", f"{n}. ", "(a) "])) + draw(_plain_sentence) + " "
        middle = draw(_MIDDLE)
        middles.append((len(text), len(text) + len(middle)))
        text += middle + " " + draw(_plain_sentence) + "\n\n"
    return text, middles


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup_format_text(), st.sampled_from(["html", "xml", "docx"]))
def test_no_word_in_mid_sentence_is_dropped_in_markup_formats(case, fmt):
    text, middles = case
    d = segment(text, DocumentMeta(name="gen", format=fmt))
    check_invariants(d)
    assert not [a for a in d.artefacts if a.kind is K.MARKUP]
    for a in d.artefacts:
        if a.kind in _REMOVES_WORDS_OK:
            continue
        for s, e in middles:
            assert not (a.start < e and s < a.end), (a, text[s:e])
    for s, e in middles:
        if not any(a.start < e and s < a.end for a in d.artefacts):
            assert any(b.start <= s and e <= b.end and " ".join(text[s:e].split()) in b.text
                       for b in d.blocks), text[s:e]


def test_angle_bracketed_words_are_text_but_real_tags_are_markup():
    text = "1. adopt measures <in accordance> with <b>domestic</b> law;<br>\n"
    html = segment(text, DocumentMeta(name="x.html", format="html"))
    assert html.blocks[0].text == "adopt measures <in accordance> with <b>domestic</b> law;<br>"
    assert not html.artefacts
    txt = segment(text, DocumentMeta(name="x.txt", format="text"))
    assert txt.blocks[0].text == "adopt measures <in accordance> with domestic law;"
    assert [a.text for a in txt.artefacts] == ["<b>", "</b>", "<br>"]


# --------------------------------------------------------------------------- PDF text (pages split by \f)

def test_pdf_running_head_and_bare_article_headings():
    from travaux.diffing.parse import parse_path

    pdf = parse_path(FIX / "formats" / "treaty.pdf")
    check_invariants(pdf)
    assert pdf.meta.format == "pdf" and "\f" in pdf.source
    assert [a.text for a in pdf.artefacts if a.kind is K.RUNNING_HEAD] == ["A/AC.254/4", "A/AC.254/4"]
    assert all("A/AC.254/4" not in b.text for b in pdf.blocks)
    assert pdf.blocks[pdf.find("Article 1")].title == "Statement of purpose"
    assert pdf.blocks[pdf.find("Article 1 > 2 > (a)")].text == "adopt measures in accordance with domestic law;"
    assert pdf.blocks[pdf.find("Article 2")].title == "Use of terms"
    # the printed HTML the PDF was made from has the same structure
    html = parse_path(FIX / "formats" / "treaty-print.html")
    assert [(b.path, b.text) for b in pdf.blocks] == [(b.path, b.text) for b in html.blocks]


def test_page_furniture_lines_but_not_repeated_headings():
    titles = ["Purpose", "Scope of application", "Use of terms"]
    pages = [f"S/2024/1\nArticle {n}\n{titles[n - 1]}\nThe States shall act.\n- {n} -\n" for n in range(1, 4)]
    d = segment("\f".join(pages), DocumentMeta(name="p.pdf", format="pdf", symbol="S/2024/1"))
    check_invariants(d)
    assert [(a.kind, a.text) for a in d.artefacts] == [
        x for n in range(1, 4) for x in ((K.RUNNING_HEAD, "S/2024/1"), (K.PAGE_NUMBER, f"- {n} -"))]
    assert [b.label for b in _kids(d, B.ARTICLE)] == ["Article 1", "Article 2", "Article 3"]
    assert d.blocks[d.find("Article 2")].title == "Scope of application"
    assert d.blocks[d.find("Article 2 > ¶1")].text == "The States shall act."
