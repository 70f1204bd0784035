"""Artefact detection and the footnote passes, on small hand-made inputs."""

from travaux.diffing.segment import artefacts as A
from travaux.diffing.segment import footnotes as F
from travaux.diffing.model import ArtefactKind as K


def kinds(text, symbol=""):
    return [(a.kind, a.text) for a in A.find_artefacts(text, symbol)]


def test_markup():
    text = "---\nTitle: X\n---\n\n# Gesetz\n\n<meta http-equiv='a' />\n\nSee [Grondwet](../x/README.md) **now**."
    got = kinds(text)
    assert (K.MARKUP, "---\nTitle: X\n---") in got and (K.MARKUP, "#") in got
    assert (K.MARKUP, "<meta http-equiv='a' />") in got
    assert (K.MARKUP, "[") in got and (K.MARKUP, "](../x/README.md)") in got and (K.MARKUP, "**") in got


def test_furniture_and_debris():
    text = ("body line one                       cve: BOCG-15-A-4-1\nSerie A  Núm. 4-1  19 de enero de 2024"
            "        Pág. 15\nV.99-90986 (E) Distr.: General\nend.\n\nSelect target paragraph3")
    got = kinds(text)
    assert (K.FURNITURE, "cve: BOCG-15-A-4-1") in got and (K.PAGE_NUMBER, "Pág. 15") in got
    assert (K.RUNNING_HEAD, "Serie A  Núm. 4-1  19 de enero de 2024") in got
    assert (K.FURNITURE, "V.99-90986 (E)") in got and (K.FURNITURE, "Distr.: General") in got
    assert (K.DEBRIS, "Select target paragraph3") in got


def test_symbol_running_heads_and_page_lines():
    text = "United Nations A/CONF.187/6 Tenth Congress. most A/CONF.187/6 3 powerful groups"
    assert kinds(text, "A/CONF.187/6") == [(K.RUNNING_HEAD, "A/CONF.187/6 3")]
    pages = "\f".join(f"HEAD OF THE BULLETIN\n\nbody {n} text here.\n\n- {n} -\n" for n in range(4))
    got = kinds(pages)
    assert got.count((K.RUNNING_HEAD, "HEAD OF THE BULLETIN")) == 4
    assert (K.PAGE_NUMBER, "- 2 -") in got


def test_hyphens_join_broken_words_not_compounds():
    text = "el desper-\ndicio y el desperdicio; modelos logístico-\norganizativos y organizativos; Bundes-\noder"
    got = A.hyphens(text, text)
    assert [(a.start, a.kind) for a in got] == [(text.index("-"), K.HYPHEN)]


def test_footnote_list_and_markers():
    text = ("profits. 1 It could be argued, 2 and more. A/X 8 1 Fijnaut and others (1998). 2 H. Abadinsky, "
            "Crime, No. 1 (Westport, 1983). services to assist. The paper (para. 9) says 2 things.")
    arts = A.find_artefacts(text, "A/X")
    masked = A.mask(text, arts)
    notes, _ = F.find_lists(text, masked, arts)
    assert [(n.number, text[n.start:n.end]) for n in notes] == [
        (1, "Fijnaut and others (1998)."), (2, "H. Abadinsky, Crime, No. 1 (Westport, 1983).")]
    markers = F.find_markers(text, masked, {1, 2}, [(notes[0].label_start, notes[-1].end)])
    assert [(m.text, m.start) for m in markers] == [("1", 9), ("2", text.index("2 and"))]
    sup = F.find_markers("Crime,¹ and\n¹ General", "Crime,¹ and\n¹ General", set(), [])
    assert [m.start for m in sup] == [6]


# ------------------------------------------------------------------ fast scans == the plain patterns
# The large-input shortcuts must find exactly what the original whole-text scans found.

import re  # noqa: E402

import pytest  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from travaux.diffing.model import Artefact  # noqa: E402

_soup = st.text(alphabet=st.sampled_from(list("V.9-0123456789 (E)\n\tAB/x,;:¹²³Notes.-ab ")), max_size=120)


@settings(max_examples=400, deadline=None)
@given(_soup)
def test_job_number_scan_equals_finditer(text):
    assert [m.span() for m in A._job_numbers(text)] == [m.span() for m in A._JOB_NUMBER.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab-ñ1 \t\n_ZÉ")), max_size=80))
def test_hyphen_pattern_equals_lookbehind_first_pattern(text):
    old = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=([a-zß-öø-ÿ]+))")
    assert [(m.span(), m[1]) for m in A._HYPHEN.finditer(text)] == \
        [(m.span(), m[1]) for m in old.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_soup)
def test_notes_tail_and_trailing_page_number_equal_whole_text_scans(text):
    assert [m.span(1) for m in A._NOTES_TAIL.finditer(text, A._tail_start(text, 21))] == \
        [m.span(1) for m in A._NOTES_TAIL.finditer(text)]
    text = "x. " * 80 + text                     # long enough for a trailing page number
    found = [Artefact(A.K.DEBRIS, text[m.start():m.end()], m.start(), m.end())
             for m in re.finditer(r"AB", text)]
    masked = A.mask(text, A.merge(found)).rstrip()
    m = A._TRAILING_PAGE.search(masked)
    want = [m.span(1)] if m and len(masked) > 200 and \
        masked[:m.start(1)].rstrip().endswith((";", ".", ":")) else []
    assert [(a.start, a.end) for a in A._trailing_page_number(text, found)] == want


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" a¹²\n³x\t⁴,")), max_size=40))
def test_superscript_scan_equals_lookbehind_pattern(text):
    want = [(m.start(2), m.end(2), F._num(m[2]), True) for m in F._SUPER_ONLY.finditer(text)]
    assert F._superscripts(text) == want


@pytest.mark.parametrize("tail", [" 12\n", " 1234\n", ",12", " ٣\n", ""])
def test_trailing_page_number_looks_past_long_masked_stretches(tail):
    text = "x. " * 80 + "The end." + " AB" * 3000 + tail
    found = [Artefact(A.K.DEBRIS, "AB", m.start(), m.end()) for m in re.finditer("AB", text)]
    masked = A.mask(text, A.merge(found)).rstrip()
    m = A._TRAILING_PAGE.search(masked)
    want = [m.span(1)] if m and masked[:m.start(1)].rstrip().endswith((";", ".", ":")) else []
    assert [(a.start, a.end) for a in A._trailing_page_number(text, found)] == want
    assert bool(want) == (tail in (" 12\n", " ٣\n"))
