"""Artefact detection and the footnote passes, on small hand-made inputs."""

from diffing import artefacts as A, footnotes as F
from diffing.model import ArtefactKind as K


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
