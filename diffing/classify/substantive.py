"""Substantive changes: what a change does to the words around it.

In: the old and new text of a pair, the character range of one change on each side, the
range of the equal text around it (its context), the paragraph labels of each text and
the pair's ``PairContext`` (language, renumbering, chapeaus).  Out:
``substantive_kinds(...)``: the set of ``ChangeKind`` that apply, the details ("shall →
may", "article 24 → article 31") and the reasons a lawyer can check ("permission becomes
obligation (stronger): may → shall, same action 'designate'", "number changed: 2 years →
3 years").

Each side is read as a ``Window``: the words of the change plus up to ``CONTEXT`` words
of context on each side.  MODAL: the force of the operator on the same action changed
(``deontic``); NEGATION: the polarity changed (``polarity``); REFERENCE / DATE / NUMBER: a
number in the change differs by value (a reference word before it makes it a REFERENCE
-- unless the target only moved with the renumbering (NUMBERING) or is cited otherwise
(CITATION), ``refs`` --; a month next to it a DATE; "third party" is no number);
QUALIFIER: a qualifying phrase added or removed ("in accordance with" and "pursuant to"
are one); INSERTION / DELETION; WORDING: other content words changed.  The specific kinds
are given only to a *focused* change (at most ``FOCUS`` other content words on a side)
or, for a qualifier, to a change that opens with one: in a rewritten passage the "shall",
the numbers and the references belong to the rewording.  The word tables are in
``lexicon``; the words of a window come from ``window``.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import compress, count

from travaux.diffing.classify.context import PairContext
from travaux.diffing.classify.deontic import modal_change, operators
from travaux.diffing.classify.polarity import polarity_change
from travaux.diffing.classify.forms import FUNCTION_WORDS, ORDINAL_TERMS, stem, value
from travaux.diffing.classify.lexicon import (MODAL_PHRASES, MONTHS, NEGATIONS, NUMBER_WORDS, QUALIFIER_PHRASES,
                             REFERENCE_WORDS)
from travaux.diffing.classify.refs import consequential, same_citation
from travaux.diffing.model import ChangeKind
from travaux.diffing.words.tokens import is_word
from travaux.diffing.classify.window import Window

K = ChangeKind
ARROW = " → "


@lru_cache(maxsize=1 << 16)
def _is_number(tok: str) -> bool:
    return any(c.isdigit() for c in tok) or tok.lower() in NUMBER_WORDS


def _by_first(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by first word, longest first (the order of ``phrases``)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return {w: tuple(ps) for w, ps in out.items()}


_MODALS_BY_FIRST = _by_first(MODAL_PHRASES)
#: Phrases that say "as that rule says": interchangeable, so one replacing another is no
#: change of qualifier ("in accordance with" -> "pursuant to").
_CONFORMITY = frozenset(tuple(p.split()) for p in (
    "in accordance with", "pursuant to", "consistent with", "in conformity with",
    "in compliance with", "under", "de conformidad con", "con arreglo a", "conformément à",
    "overeenkomstig", "nach maßgabe", "im einklang mit", "in accordance with domestic law"))
_QUALIFIERS_BY_FIRST = _by_first(tuple(sorted(set(QUALIFIER_PHRASES) | (_CONFORMITY - {("under",)}),
                                              key=lambda p: (-len(p), p))))


def _phrases(low: list[str], by_first, skip=None) -> list[tuple[int, int, tuple]]:
    """Greedy longest-first matches of the phrases ``by_first`` in the
    lower-cased words ``low``; a match starting at i is refused if skip(i)."""
    if by_first.keys().isdisjoint(low):
        return []                              # many windows: no phrase at all
    out, nxt = [], 0
    # Only positions holding a phrase's first word can start a match.
    for i in compress(count(), map(by_first.__contains__, low)):
        if i < nxt:
            continue                           # inside the previous match
        for p in by_first[low[i]]:
            if tuple(low[i:i + len(p)]) == p and not (skip and skip(i)):
                out.append((i, i + len(p), p))
                nxt = i + len(p)
                break
    return out


_YEAR = re.compile(r"\d{4}")
_DAY_OR_MONTH = re.compile(r"\d{1,2}")


class _Reading:
    """A window with what the rules ask of it more than once, computed once."""

    __slots__ = ("w", "words", "low", "_qualifiers", "_qualified")

    def __init__(self, w: Window):
        self.w = w
        self.words = w.words
        low = list(map(str.lower, w.words))
        if "’" in "".join(low):
            low = [x.replace("’", "'") for x in low]
        self.low = low                # lower case, "’" as "'"
        self._qualifiers: list | None = None
        self._qualified: set[int] | None = None

    def qualifiers(self) -> list[tuple[int, int, tuple]]:
        if self._qualifiers is None:
            self._qualifiers = _phrases(self.low, _QUALIFIERS_BY_FIRST)
        return self._qualifiers

    def not_modal(self, i: int) -> bool:
        """The month May ("15 May 2000"), or a modal inside a qualifying
        phrase ("such measures as may be necessary")."""
        w = self.words
        if w[i] == "May" and ((i > 0 and w[i - 1].isdigit())
                              or (i + 1 < len(w) and _YEAR.fullmatch(w[i + 1]) is not None)):
            return True
        if self._qualified is None:
            self._qualified = {k for a, b, _ in self.qualifiers() for k in range(a, b)}
        return i in self._qualified


def _modal(o: Window, n: Window, lang: str) -> tuple[str, str] | None:
    mc = modal_change(o, n, lang)
    return (mc.detail, mc.reason) if mc else None


_REF_GLUE = frozenset({"(", ")", ",", "/", ".", "-", "–", "and", "or", "to", "of", "no", "nos",
                       "eu", "ec", "eec", "euratom", "cfsp", "jha", "ue", "ce"})
_SHORT_LABEL = re.compile(r"[a-z]{1,2}|[ivx]+")
_POINT = re.compile(r"[a-z]{1,2}|[ivxlc]+", re.IGNORECASE)


def _number_kind(words: list[str], i: int) -> ChangeKind:
    """REFERENCE if a reference word comes shortly before ("Article 2(a)",
    "Regulation (EU) 2016/679"), DATE if a month is next to it or it ends a
    d/m/yyyy date, else NUMBER."""
    j = i - 1
    while j >= 0 and i - j <= 16:
        x = words[j].lower()
        x = x.rstrip(".") or x                 # "Abs." is "abs"; "." stays "."
        if x in REFERENCE_WORDS:
            return ChangeKind.REFERENCE
        if not (x in _REF_GLUE or _is_number(x) or _SHORT_LABEL.fullmatch(x)):
            break
        j -= 1
    near = words[max(0, i - 2):i + 3]
    if any(x.lower() in MONTHS and x.lower() != "may" for x in near) or "May" in near:
        return ChangeKind.DATE
    if (_YEAR.fullmatch(words[i]) and i >= 4 and words[i - 1] == words[i - 3]
            and words[i - 1] in "/.-" and _DAY_OR_MONTH.fullmatch(words[i - 2])
            and _DAY_OR_MONTH.fullmatch(words[i - 4])):
        return ChangeKind.DATE   # 15/11/2000, 15.11.2000
    return ChangeKind.NUMBER


def _point(words: list[str], i: int) -> bool:
    """A letter or roman numeral in parentheses: "(a)", "(iv)" -- a point label."""
    return (0 < i < len(words) - 1 and words[i - 1] == "(" and words[i + 1] == ")"
            and _POINT.fullmatch(words[i]) is not None)


def _ordinal_term(words: list[str], i: int) -> bool:
    """"third" of "third party", "third country": a name, not a count."""
    return bool(ORDINAL_TERMS.match(" ".join(words[i:i + 2])))


_REF_BEFORE = re.compile(r"(?i)(?:\b(?:articles?|paragraphs?|points?|art|artikel|absatz|abs|lid|"
                         r"apartados?|artículos?)\.?|§+)\s*[\w\s,()]{0,24}$")


def _ref_before(w: Window) -> bool:
    """A reference word just before the window's first word (the context stopped at the
    previous change: "Articles 5[ and 6]" -> "Article 5[, 6 or 7]")."""
    start = w.spans[0][0] if w.spans else 0
    return bool(_REF_BEFORE.search(w.text[max(0, start - 60):start]))


def _changed_numbers(w: Window) -> list[tuple[int, ChangeKind]]:
    out = []
    words = w.words
    before = None
    for i in range(w.lo, w.hi):
        if w.in_label(i):
            continue          # "(b)" -> "3." is numbering, not a number
        if _ordinal_term(words, i):
            continue
        if _is_number(words[i]):
            k = _number_kind(words, i)
            if k is K.NUMBER and all(x in _REF_GLUE or _is_number(x.lower()) or
                                     _SHORT_LABEL.fullmatch(x.lower()) for x in words[:i]):
                if before is None:
                    before = _ref_before(w)
                if before:
                    k = K.REFERENCE
            out.append((i, k))
        elif _point(words, i) and _number_kind(words, i) is K.REFERENCE:
            out.append((i, K.REFERENCE))
    return out


def _values(w: Window, found: list[tuple[int, ChangeKind]]) -> list[str]:
    """The changed numbers by value ("six", "6" -> "6"; "10" "000" -> "10000"); references
    as written."""
    out: list[str] = []
    prev = -2
    for i, k in found:
        x = w.words[i]
        v = value(x) if k is not K.REFERENCE else None
        if v is not None and prev == i - 1 and len(x) == 3 and x.isdigit() and out \
                and out[-1].isdigit():
            out[-1] += x      # "10 000" (an ordinary space): one number
        else:
            out.append(v if v is not None else x.casefold())
        prev = i
    return sorted(out)


def _numbers(o: Window, n: Window) -> tuple[set, str]:
    no, nn = _changed_numbers(o), _changed_numbers(n)
    if _values(o, no) == _values(n, nn):
        return set(), ""
    kinds = {k for _, k in no} | {k for _, k in nn}
    best = next(k for k in (ChangeKind.REFERENCE, ChangeKind.DATE, ChangeKind.NUMBER) if k in kinds)
    return kinds, _phrase_detail(o, n, best)


def _phrase_detail(o: Window, n: Window, kind: ChangeKind) -> str:
    """'article 24 → article 31', '30 days → 60 days', '15 November 2000 → ...'."""
    def side(w: Window) -> str:
        lo, hi = w.lo, w.hi
        if kind is ChangeKind.REFERENCE:
            k = lo
            while k > 0 and w.words[k - 1].lower().rstrip(".") not in REFERENCE_WORDS \
                    and w.lo - k < 6:
                k -= 1
            if k > 0 and w.words[k - 1].lower().rstrip(".") in REFERENCE_WORDS:
                lo = k - 1                            # start at "article" of "article 24"
            if hi < len(w.words) and w.words[hi] == ")" and "(" in w.words[lo:hi]:
                hi += 1                               # "point (b)", "Article 2(a)"
        elif kind is ChangeKind.DATE:
            while lo > 0 and (_is_number(w.words[lo - 1]) or w.words[lo - 1].lower() in MONTHS):
                lo -= 1
            while hi < len(w.words) and (_is_number(w.words[hi]) or w.words[hi].lower() in MONTHS):
                hi += 1
        elif hi < len(w.words) and (is_word(w.words[hi]) or w.words[hi] in "%‰") and hi > lo \
                and _is_number(w.words[hi - 1]):
            hi += 1                                   # the unit: "30 days"
        return w.slice(lo, hi) or "—"
    return side(o) + ARROW + side(n)


def _gapped(p: tuple, low: list[str]) -> bool:
    """Are the words of phrase ``p`` in ``low`` in order, at most 4 words apart?"""
    k, last = 0, -1
    for i, x in enumerate(low):
        if k < len(p) and x == p[k] and (k == 0 or i - last <= 5):
            k, last = k + 1, i
    return k == len(p)


def _qualifier(o: _Reading, n: _Reading, old: str, new: str) -> str | None:
    if not o.qualifiers() and not n.qualifiers():
        return None
    qo = Counter(("≈",) if p in _CONFORMITY else p for *_, p in o.qualifiers())
    qn = Counter(("≈",) if p in _CONFORMITY else p for *_, p in n.qualifiers())
    if qo == qn:
        return None
    # A phrase cut by an insertion ("to the extent [and the duration] necessary") or
    # turned around ("be made subject to" -> "subject the suspension to") is still there.
    for p in list(qo - qn):
        if p != ("≈",) and _gapped(p, n.low):
            qo[p] -= 1
    for p in list(qn - qo):
        if p != ("≈",) and _gapped(p, o.low):
            qn[p] -= 1
    qo, qn = +qo, +qn
    if qo == qn:
        return None
    if sum((qn - qo).values()) >= sum((qo - qn).values()):
        return "qualifier added: " + short(new or " ".join(" ".join(p) for p in qn - qo))
    return "qualifier removed: " + short(old or " ".join(" ".join(p) for p in qo - qn))


def short(s: str, limit: int = 60) -> str:
    """``s`` on one line, cut to ``limit`` characters."""
    s = " ".join(s.split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


#: Words set aside before deciding whether anything else was reworded.
_SET_ASIDE = (frozenset(w for p in MODAL_PHRASES for w in p) | NEGATIONS
              | frozenset(w for p in QUALIFIER_PHRASES for w in p) | {"refrain", "from"})


def _residual(w: Window, lang: str) -> list[str]:
    """Changed words once modal, negation, number, point, qualifier and function words
    are set aside, as stems (the modal and qualifier words by position: "law" of "in
    accordance with domestic law" is set aside, "law" of "applicable law" is not)."""
    words = w.words
    fw = FUNCTION_WORDS.get(lang or "en", FUNCTION_WORDS["en"])
    r = _Reading(w)
    aside = {k for a, b, _ in r.qualifiers() for k in range(a, b)}
    aside |= {k for op in operators(words, lang) for k in range(op.start, op.end)}
    return [stem(x, lang) for i, x in enumerate(words[w.lo:w.hi], w.lo)
            if is_word(x) and not _is_number(x) and not _point(words, i) and i not in aside
            and x.lower() not in NEGATIONS and x.lower() not in fw
            and x.lower().rstrip(".") not in REFERENCE_WORDS]


#: At most this many other content words on a side for a change to be read as a change
#: of its modal, negation, number, reference or qualifier (more: the words are part of a
#: reworded or inserted passage, whose kind is WORDING/INSERTION/DELETION).
FOCUS = 3


def _focused(o: Window, n: Window, lang: str) -> bool:
    ro, rn = _residual(o, lang), _residual(n, lang)
    so, sn = set(ro), set(rn)
    return len([x for x in ro if x not in sn]) <= FOCUS and len([x for x in rn if x not in so]) <= FOCUS


def _starts_with_qualifier(r: _Reading) -> bool:
    """Does the changed part open with a qualifying phrase ("unless ...", ", where
    appropriate, ...")?  Then it is a qualifier however long."""
    lo = r.w.lo
    while lo < r.w.hi and (not r.words[lo][:1].isalnum() or r.low[lo] in ("and", "or", "y", "und", "en", "et")):
        lo += 1
    return any(a == lo and p not in _CONFORMITY for a, _, p in r.qualifiers())


def substantive_kinds(old: str, new: str, o0: int, o1: int, n0: int, n1: int,
                      labels: tuple, ctx: tuple[int, int, int, int],
                      pc: PairContext = PairContext()) -> tuple[set, list[str], list[str]]:
    """Kinds, details and reasons of the change old[o0:o1] -> new[n0:n1], whose
    context is old[ctx[0]:ctx[1]] / new[ctx[2]:ctx[3]]."""
    lang = pc.language
    o = Window(old, o0, o1, ctx[0], ctx[1], labels[0])
    n = Window(new, n0, n1, ctx[2], ctx[3], labels[1])
    ro, rn = _Reading(o), _Reading(n)
    focused = _focused(o, n, lang)
    kinds: set[ChangeKind] = set()
    details: list[str] = []
    reasons: list[str] = []
    m = _modal(o, n, lang)
    if m:
        kinds.add(K.MODAL)
        details.append(m[0])
        reasons.append(m[1])
    neg = polarity_change(ro, rn, pc) if focused else None
    if neg:
        kinds.add(K.NEGATION)
        details.append(neg)
        reasons.append(neg.replace("negation", "polarity changed: negation", 1))
    num_kinds, num_detail = _numbers(o, n)
    if num_kinds and K.REFERENCE in num_kinds:
        # The same targets, renumbered with the text or cited otherwise: editorial.
        if consequential(o, n, pc.renumbering, pc.provision, pc.paragraph):
            kinds.add(K.NUMBERING)
            num_kinds = set()
        elif same_citation(old[o0:o1], new[n0:n1], old[max(0, o0 - 80):o0], old[o1:o1 + 40]):
            kinds.add(K.CITATION)
            num_kinds = set()
    if num_kinds and focused:
        kinds |= num_kinds
        details.append(num_detail)
        best = next(k for k in (K.REFERENCE, K.DATE, K.NUMBER) if k in num_kinds)
        reasons.append({K.REFERENCE: "reference changed: ", K.DATE: "date changed: ",
                        K.NUMBER: "number changed: "}[best] + num_detail)
    q = _qualifier(ro, rn, old[o0:o1], new[n0:n1])
    if q and (focused or _starts_with_qualifier(ro) or _starts_with_qualifier(rn)):
        kinds.add(K.QUALIFIER)
        details.append(q)
        reasons.append(q)
    if not o.hi - o.lo:
        kinds.add(K.INSERTION)
        reasons.append("text inserted: " + short(new[n0:n1]))
    elif not n.hi - n.lo:
        kinds.add(K.DELETION)
        reasons.append("text deleted: " + short(old[o0:o1]))
    elif _residual(o, lang) != _residual(n, lang) or not (kinds or num_kinds):
        kinds.add(K.WORDING)
        if not reasons:        # a modal/number/... reason already names the words
            reasons.append("wording changed: " + short(old[o0:o1], 40) + ARROW + short(new[n0:n1], 40))
    return kinds, details, reasons
