"""Cross-references: renumbered with the text, cited otherwise, or pointing elsewhere.

In: the alignment of a comparison (``renumbering(alignment)`` reads which old provision
and paragraph became which new one) and, per change, the words of each side
(``Window``).  Out: a ``Renumbering`` (old number -> new number of the provisions, and of
the paragraphs within each provision, for the one-to-one pairs of the alignment), and
``consequential(o, n, renumbering, own)``: whether every reference the change alters
now names the same target under its new number ("Article 26" -> "Article 30" where old
Article 26 is new Article 30; "paragraph 7" -> "paragraph 9" inside old Article 3 whose
paragraph 7 is now 9) -- editorial NUMBERING, not a substantive REFERENCE.  Also
``same_citation(old, new)``: the same provision or act cited in another form ("point 7 of
Article 2" -> "Article 2, point (7)", "Directive (EU) 2010/13" -> "Directive 2010/13/EU",
"of the European Parliament and of the Council" dropped after an act's number).

A reference followed by "of Regulation ...", "of Directive ...", "des ... gesetzes" and
the like is a reference into another act: the comparison's renumbering says nothing
about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from travaux.diffing.model import Alignment, Document

PROVISION_WORDS = frozenset({"article", "articles", "art", "§", "§§", "artikel", "artikelen",
                             "artículo", "artículos", "articulo"})
PARAGRAPH_WORDS = frozenset({"paragraph", "paragraphs", "para", "paras", "absatz", "absätze",
                             "abs", "lid", "leden", "apartado", "apartados", "paragraphe",
                             "absatzes"})
SENTENCE_WORDS = frozenset({"satz", "satzes", "sätze", "sentence", "sentences", "zin"})
_GLUE = frozenset({"(", ")", ",", "and", "or", "to", "und", "oder", "bis", "en", "of", "y", "o",
                   "et", "ou", "-", "–"})
#: After a reference: words that make it a reference into another act.
_EXTERNAL = re.compile(r"(?i)^(?:of|des|der|van|del|de la|de)\s+(?:(?:the|that|het|la|el)\s+)?"
                       r"(?:regulation|directive|decision|treaty|convention|verordening|richtlijn|"
                       r"verdrag|reglamento|directiva|ley|real|règlement|directive|\S*gesetz|"
                       r"\S*ordnung|\S*buch)")
_NUM = re.compile(r"\d+[a-z]?|[ivxlc]+|[a-z]", re.IGNORECASE)


def number_of(label: str) -> str:
    """The number in a label: "Article 7" -> "7", "(3)" -> "3", "§ 2a" -> "2a"."""
    m = re.search(r"([0-9]+[a-z]?|[ivxlc]+|[a-z])[).]*\s*$", label.strip(), re.IGNORECASE)
    return m.group(1).casefold() if m else ""


@dataclass(frozen=True, slots=True)
class Renumbering:
    provisions: dict = field(default_factory=dict)   # old number -> new number
    paragraphs: dict = field(default_factory=dict)   # (old provision, old paragraph) -> new paragraph
    #: (old provision, old paragraph, old sentence) -> new sentence number ("Satz 3" -> "Satz 4"
    #: when a sentence was inserted before it)
    sentences: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.provisions or self.paragraphs or self.sentences)


def renumbering(alignment: Alignment) -> Renumbering:
    """Old -> new numbers of the provisions and paragraphs paired one to one."""
    old, new = alignment.old, alignment.new
    provs: dict[str, str] = {}
    for p in alignment.provisions:
        if len(p.old) == 1 and len(p.new) == 1:
            a, b = number_of(old.blocks[p.old[0]].label), number_of(new.blocks[p.new[0]].label)
            if a and b:
                provs[a] = b
    paras: dict[tuple[str, str], str] = {}
    sents: dict[tuple[str, str, str], str] = {}
    for p in alignment.paragraphs:
        # A paragraph merged with its own points ("2." + "(b)", "(c)") still maps.
        olds = [k for k in map(lambda i: _para_key(old, i), p.old) if k]
        news = [k for k in map(lambda i: _para_key(new, i), p.new) if k]
        if len(olds) == 1 and news:
            paras[olds[0]] = news[0][1]
            if len(p.old) == 1 and len(p.new) == 1:
                for sa, sb in _sentence_map(old.blocks[p.old[0]].text, new.blocks[p.new[0]].text):
                    sents[olds[0] + (str(sa),)] = str(sb)
    return Renumbering(provs, paras, sents)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÄÖÜ])")


def _sentence_map(old: str, new: str) -> list[tuple[int, int]]:
    """Old -> new sentence numbers (1-based) of one paragraph: each old sentence to the
    first new sentence, after the previous match, that is mostly the same text."""
    a, b = _SENTENCE_END.split(old), _SENTENCE_END.split(new)
    if len(a) < 2 and len(b) < 2:
        return []
    out, j = [], 0
    for i, x in enumerate(a):
        for k in range(j, len(b)):
            if SequenceMatcher(None, x, b[k], autojunk=False).ratio() >= 0.6:
                out.append((i + 1, k + 1))
                j = k + 1
                break
    return out


def _para_key(doc: Document, i: int) -> tuple[str, str] | None:
    path = doc.blocks[i].path
    if len(path) != 2:
        return None
    a, b = number_of(path[0]), number_of(path[1])
    return (a, b) if a and b and b.isdigit() else None


def _refs(w, own: str, own_para: str = "") -> list[tuple[str, str, str]] | None:
    """(kind, provision, number) of every reference number in the changed words of
    window ``w``; None if a changed number is not a reference this module can resolve."""
    words, low = w.words, [x.casefold().rstrip(".") for x in w.words]
    out = []
    for i in range(w.lo, w.hi):
        x = low[i]
        if x in _GLUE or x in PROVISION_WORDS or x in PARAGRAPH_WORDS or x in SENTENCE_WORDS \
                or not x[:1].isalnum():
            continue
        if not (x[:1].isdigit() or (_NUM.fullmatch(x) and i > 0 and words[i - 1] == "(")):
            continue          # a word of the rewording around the reference, not a number
        j = i - 1
        while j >= 0 and (low[j] in _GLUE or _NUM.fullmatch(low[j])) and i - j <= 12:
            j -= 1
        if j >= 0 and low[j] in SENTENCE_WORDS:
            # "Absatz 1 Satz 3", "Absatzes 1 Satz 3": sentence 3 of paragraph 1; "Satz 3":
            # of the paragraph the pair is.
            para = own_para
            if j >= 2 and low[j - 2] in PARAGRAPH_WORDS and low[j - 1][:1].isdigit():
                para = low[j - 1]
            out.append(("sentence", para, x))
            continue
        if j < 0 or (low[j] not in PROVISION_WORDS and low[j] not in PARAGRAPH_WORDS):
            return None
        rest = " ".join(words[i + 1:i + 6])
        if _EXTERNAL.match(re.sub(r"^[\s\d().,]*", "", rest)):
            return None
        if low[j] in PROVISION_WORDS:
            if i > 0 and words[i - 1] == "(" and j < i - 2:
                prov = _first_number(low, j + 1, i)     # "Article 3(7)": paragraph 7 of 3
                out.append(("paragraph", prov, x))
            else:
                out.append(("provision", "", x))
        else:
            m = re.match(r"(?i)\s*of\s+article\s+(\d+[a-z]?)", rest)
            out.append(("paragraph", m.group(1).casefold() if m else own, x))
    return out


def _first_number(low: list[str], a: int, b: int) -> str:
    for k in range(a, b):
        if low[k][:1].isdigit():
            return low[k]
    return ""


def consequential(o, n, ren: Renumbering, own: str = "", own_para: str = "") -> bool:
    """Do the changed references of windows ``o`` -> ``n`` name the same targets under
    the renumbering (``own``: the number of the old provision the pair is in)?"""
    if not ren:
        return False
    ro, rn = _refs(o, own, own_para), _refs(n, own, own_para)
    if not ro or not rn or len(ro) != len(rn):
        return False
    for (ka, pa, a), (kb, _pb, b) in zip(ro, rn):
        if ka != kb:
            return False
        if ka == "provision":
            if ren.provisions.get(a) != b:
                return False
        elif ka == "sentence":
            if ren.sentences.get((own, pa, a)) != b:
                return False
        elif ren.paragraphs.get((pa, a)) != b:
            return False
    return True


_COUNCIL = re.compile(r"(?i)^[\s,]*of the European Parliament and of the Council[\s,]*$|"
                      r"^[\s,]*of the Council[\s,]*$")
_CITE_DROP = frozenset({"of", "the", "no", "nr", "n", "núm", "point", "points"})
_ACT = re.compile(r"(?i)(?:regulation|directive|decision|verordening|richtlijn|reglamento|directiva)"
                  r"\s*(?:\((?:eu|ec|eec|euratom)\))?\s*(?:no\.?\s*)?\d+/\d+(?:/(?:eu|ec|eec))?\s*$")


_ANAPHORA = re.compile(r"(?i)^\W*(?:of\s+)?(?:that|this|the said|the same)\s+"
                       r"(regulation|directive|decision|convention|treaty)\W*$")
_CITED = re.compile(r"(?i)^\W*(?:of\s+)?(?:the\s+)?(regulation|directive|decision|convention|treaty)"
                    r"\s*(?:\((?:eu|ec|eec|euratom)\))?\s*(?:no\.?\s*)?\d+/\d+(?:/(?:eu|ec|eec))?\W*$")
_SERIES = re.compile(r"\((EU|EC|EEC|Euratom)\)")


def same_citation(old: str, new: str, before: str = "", after: str = "") -> bool:
    """The same provision or act cited in another form (see the module docstring);
    ``before`` is the text just before the change (for a dropped "of the Council")."""
    if not old.strip() or not new.strip():
        text = old or new
        return bool(_COUNCIL.match(text)) and bool(_ACT.search(before))
    for a, b in ((old, new), (new, old)):
        # "Directive (EU) 2018/1972" -> "that Directive": the act just cited, named again.
        m, k = _CITED.match(a), _ANAPHORA.match(b)
        if m and k and m.group(1).casefold() == k.group(1).casefold():
            return True
    series = {"eu", "ec", "eec", "euratom"}
    if old.strip().casefold() in series and new.strip().casefold() in series \
            and before.rstrip().endswith("(") and re.match(r"\)\s*(?:No\.?\s*)?\d+/\d+", after):
        return True           # "Regulation (EU) No 139/2004" -> "(EC)": the series letters only
    if _SERIES.sub("", old).split() == _SERIES.sub("", new).split() and _SERIES.search(old + new) \
            and re.search(r"\d+/\d+", before[-30:] + old + after[:30]):
        return True           # "Regulation (EU) No 139/2004" -> "(EC)": the series letters only
    ta, tb = _cite_tokens(old), _cite_tokens(new)
    return ta == tb and any(t[:1].isdigit() for t in ta) and old.strip() != new.strip()


def _cite_tokens(s: str) -> list[str]:
    toks = [t.casefold() for t in re.findall(r"\w+", s)]
    return sorted(t for t in toks if t not in _CITE_DROP)


__all__ = ["Renumbering", "renumbering", "consequential", "same_citation", "number_of"]
