"""Substantive changes: what a change does to the words around it.

In: the old and new text of a pair, the character range of one change on
each side, the range of the equal text around it (its context) and the
paragraph labels of each text.  Out: ``substantive_kinds(...)``, the set of
``ChangeKind`` that apply and the details ("shall → may", "article 24 →
article 31").

Each side is read as a ``Window``: the words of the change plus up to
``CONTEXT`` words of context on each side (the context is the same on both
sides, so only the change can make the two windows differ):
MODAL (the deontic phrases differ: shall/may/must, "shall endeavour"),
NEGATION (the number of negations differs), REFERENCE / DATE / NUMBER (a
number in the change differs; a reference word such as "article" before it
makes it a REFERENCE, a month next to it a DATE), QUALIFIER (a qualifying
phrase added or removed), INSERTION / DELETION (pure insertions and
deletions), WORDING (any other reworded word left once these are set
aside).  The word tables are in ``diffing.lexicon``; the words of a window
come from ``diffing.window``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import compress, count

from travaux.diffing.classify.lexicon import (MODAL_PHRASES, MONTHS, NEGATIONS, NUMBER_WORDS, QUALIFIER_PHRASES,
                             REFERENCE_WORDS)
from travaux.diffing.model import ChangeKind
from travaux.diffing.words.tokens import is_word
from travaux.diffing.classify.window import Window

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
_QUALIFIERS_BY_FIRST = _by_first(QUALIFIER_PHRASES)


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


def _modal(o: _Reading, n: _Reading) -> str | None:
    po = _phrases(o.low, _MODALS_BY_FIRST, o.not_modal)
    pn = _phrases(n.low, _MODALS_BY_FIRST, n.not_modal)
    if sorted(p for *_, p in po) == sorted(p for *_, p in pn):   # same multiset
        return None
    old = " ".join(" ".join(p) for i, j, p in po if o.w.touches(i, j)) or "—"
    new = " ".join(" ".join(p) for i, j, p in pn if n.w.touches(i, j)) or "—"
    return old + ARROW + new


def _negations(r: _Reading) -> Counter:
    c: Counter = Counter()
    words, low = r.words, r.low     # low: lower case, "’" as "'" (no negation has either)
    if NEGATIONS.isdisjoint(low) and "n't" not in " ".join(low):
        return c                    # most windows
    for i, x in enumerate(low):
        if x in NEGATIONS and not (x == "no" and i + 1 < len(words) and words[i + 1] == "."):
            c[x] += 1
        elif x.endswith("n't"):
            c["not"] += 1
    return c


def _negation(o: _Reading, n: _Reading) -> str | None:
    co, cn = _negations(o), _negations(n)
    if sum(co.values()) == sum(cn.values()):
        return None
    added, removed = cn - co, co - cn
    if sum(cn.values()) > sum(co.values()):
        return "negation added: " + " ".join(sorted(added.elements()))
    return "negation removed: " + " ".join(sorted(removed.elements()))


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
        x = words[j].lower().rstrip(".")
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


def _changed_numbers(w: Window) -> list[tuple[int, ChangeKind]]:
    out = []
    words = w.words
    for i in range(w.lo, w.hi):
        if w.in_label(i):
            continue          # "(b)" -> "3." is numbering, not a number
        if _is_number(words[i]):
            out.append((i, _number_kind(words, i)))
        elif _point(words, i) and _number_kind(words, i) is ChangeKind.REFERENCE:
            out.append((i, ChangeKind.REFERENCE))
    return out


def _numbers(o: Window, n: Window) -> tuple[set, str]:
    no, nn = _changed_numbers(o), _changed_numbers(n)
    if sorted(o.words[i] for i, _ in no) == sorted(n.words[i] for i, _ in nn):
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


def _qualifier(o: _Reading, n: _Reading, old: str, new: str) -> str | None:
    if not o.qualifiers() and not n.qualifiers():
        return None
    qo = Counter(p for *_, p in o.qualifiers())
    qn = Counter(p for *_, p in n.qualifiers())
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
              | frozenset(w for p in QUALIFIER_PHRASES for w in p))


def _residual(w: Window) -> list[str]:
    """Changed words once modal, negation, number, point and qualifier words are set aside."""
    words = w.words
    return [x.lower() for i, x in enumerate(words[w.lo:w.hi], w.lo)
            if is_word(x) and not _is_number(x) and not _point(words, i)
            and x.lower() not in _SET_ASIDE]


def substantive_kinds(old: str, new: str, o0: int, o1: int, n0: int, n1: int,
                      labels: tuple, ctx: tuple[int, int, int, int]) -> tuple[set, list[str]]:
    """Kinds and details of the change old[o0:o1] -> new[n0:n1], whose
    context is old[ctx[0]:ctx[1]] / new[ctx[2]:ctx[3]]."""
    o = Window(old, o0, o1, ctx[0], ctx[1], labels[0])
    n = Window(new, n0, n1, ctx[2], ctx[3], labels[1])
    ro, rn = _Reading(o), _Reading(n)
    kinds: set[ChangeKind] = set()
    details = []
    for kind, detail in ((ChangeKind.MODAL, _modal(ro, rn)), (ChangeKind.NEGATION, _negation(ro, rn))):
        if detail:
            kinds.add(kind)
            details.append(detail)
    num_kinds, num_detail = _numbers(o, n)
    if num_kinds:
        kinds |= num_kinds
        details.append(num_detail)
    q = _qualifier(ro, rn, old[o0:o1], new[n0:n1])
    if q:
        kinds.add(ChangeKind.QUALIFIER)
        details.append(q)
    if not o.hi - o.lo:
        kinds.add(ChangeKind.INSERTION)
    elif not n.hi - n.lo:
        kinds.add(ChangeKind.DELETION)
    elif not kinds or _residual(o) != _residual(n):
        kinds.add(ChangeKind.WORDING)
    return kinds, details
