"""Classify the changes of a word diff: spans -> ``Change`` records; and summarise.

In: the spans of one pair (``worddiff.word_diff``).  Out: ``classify(spans)``
gives one ``Change`` per maximal run of non-equal spans, plus one per EQUAL
span whose ``old != new`` (a difference masked by an ignore option: editorial
by construction).  ``summarize(pair_diffs)`` counts pairs per ``PairKind`` and
changes per ``ChangeKind``.

How a change is classified (words around it are read: spans cut at tokens,
and "article 24" -> "article 31" only changes "24"):

1. **Editorial** when the smallest set of normalisations that makes the old
   and new text equal exists: whitespace removed, quote style unified
   (``\\`\\``, ``''``, curly and straight quotes), case folded, spelling variants
   keyed (lexicon + -ise/-ize, -yse/-yze, -our/-or rules), punctuation removed;
   plus NUMBERING when a paragraph label at the start of a line ("(a)", "3.")
   differs.  The kinds are the normalisations in that smallest set.
2. Otherwise **substantive**, reading a window of the change plus up to 12
   tokens of context on each side (the context is the same on both sides, so
   only the change can make the two windows differ):
   MODAL (the deontic phrases differ: shall/may/must, "shall endeavour"),
   NEGATION (the number of negations differs), REFERENCE / DATE / NUMBER (a
   number in the change differs; a reference word such as "article" before it
   makes it a REFERENCE, a month next to it a DATE), QUALIFIER (a qualifying
   phrase added or removed), INSERTION / DELETION (pure insertions and
   deletions), WORDING (any other reworded word left once these are set
   aside).  The word tables are in ``diffing.lexicon``.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations, groupby

from diffing.lexicon import (MODAL_PHRASES, MONTHS, NEGATIONS, NUMBER_WORDS, QUALIFIER_PHRASES,
                             REFERENCE_WORDS, spelling_key)
from diffing.model import EDITORIAL_KINDS, Change, ChangeKind, Op, PairKind, Span, Summary
from diffing.tokens import is_space, is_word, label_spans, tokenize

K = ChangeKind
_ORDER = {k: i for i, k in enumerate(ChangeKind)}
CONTEXT = 12                          # tokens of context read on each side
_CONTEXT_CHARS = 40 * CONTEXT         # enough characters for CONTEXT words
_ARROW = " → "

# ----------------------------------------------------------------------------- editorial


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'"})
_WORD_RE = re.compile(r"[^\W_][\w'’\-‐‑]*")


def _no_space(s: str) -> str:
    return "".join(s.split())


def _quotes(s: str) -> str:
    return s.replace("``", '"').replace("''", '"').translate(_QUOTES)


def _spelling(s: str) -> str:
    return _WORD_RE.sub(lambda m: spelling_key(m.group()), s)


def _no_punct(s: str) -> str:
    return "".join(t for t in tokenize(s) if is_space(t) or is_word(t)).replace("-", "") \
        .replace("'", "").replace("’", "")


# Applied in this order (spelling before punctuation: "co-operation" needs its hyphen).
_NORMALISERS = ((K.WHITESPACE, _no_space), (K.QUOTE_STYLE, _quotes),
                (K.CAPITALISATION, str.casefold), (K.SPELLING, _spelling),
                (K.PUNCTUATION, _no_punct))


def _apply(s: str, subset) -> str:
    for kind, f in _NORMALISERS:
        if kind in subset:
            s = f(s)
    return s


def editorial_kinds(old: str, new: str) -> tuple[ChangeKind, ...] | None:
    """The smallest set of normalisations that makes ``old`` equal ``new``
    (ties broken by the order of ``_NORMALISERS``); None if there is none."""
    if old == new:
        return ()
    kinds = [k for k, _ in _NORMALISERS]
    if _apply(old, kinds) != _apply(new, kinds):
        return None
    for size in range(1, len(kinds) + 1):
        for subset in combinations(kinds, size):
            if _apply(old, subset) == _apply(new, subset):
                return subset
    return None   # pragma: no cover - the full set matched above


_WS_NAMES = {" ": "space", "\u00a0": "no-break space", "\n": "line break", "\t": "tab",
             "\u202f": "narrow no-break space", "\u2009": "thin space", "\r": "carriage return"}


def _ws_name(s: str) -> str:
    """'2 × space', 'no-break space', 'none': whitespace made readable in a detail."""
    parts = []
    for ch, run in groupby(s):
        n, name = len(list(run)), _WS_NAMES.get(ch, f"U+{ord(ch):04X}")
        parts.append(name if n == 1 else f"{n} × {name}")
    return " + ".join(parts) or "none"


def _strip_labels(text: str, a: int, b: int, labels) -> tuple[str, str]:
    """text[a:b] without the label characters in it, and the label text removed."""
    keep, lab = [], []
    pos = a
    for ls, le in labels:
        if le <= a or ls >= b:
            continue
        keep.append(text[pos:max(ls, a)])
        lab.append(text[max(ls, a):min(le, b)])
        pos = min(le, b)
    keep.append(text[pos:b])
    return "".join(keep), "".join(lab)


# ----------------------------------------------------------------------------- substantive


def _located(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """Non-space tokens of text[a:b] with their offsets in ``text``."""
    out, pos = [], a
    for t in tokenize(text[a:b]):
        if not is_space(t):
            out.append((t, pos, pos + len(t)))
        pos += len(t)
    return out


def _is_number(tok: str) -> bool:
    return any(c.isdigit() for c in tok) or tok.lower() in NUMBER_WORDS


_BY_FIRST: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _phrases(words: list[str], phrases, skip=lambda i: False) -> list[tuple[int, int, tuple]]:
    """Greedy longest-first matches of ``phrases`` in lower-cased ``words``."""
    low = [w.lower().replace("’", "'") for w in words]
    by_first = _BY_FIRST.get(id(phrases))
    if by_first is None:
        by_first = _BY_FIRST[id(phrases)] = {}
        for p in phrases:                      # keeps longest-first order per first word
            by_first.setdefault(p[0], []).append(p)
    out, i = [], 0
    while i < len(low):
        for p in by_first.get(low[i], ()):
            if tuple(low[i:i + len(p)]) == p and not skip(i):
                out.append((i, i + len(p), p))
                i += len(p)
                break
        else:
            i += 1
    return out


class _Window:
    """Words of one side: left context, the change, right context.  The context
    is the equal text next to the change (never another change), at most
    ``CONTEXT`` words each way; ``spans[i]`` is the (start, end) of ``words[i]``."""

    def __init__(self, text: str, a: int, b: int, ctx_lo: int, ctx_hi: int, labels=()):
        # Only CONTEXT words are read: bound the text tokenised (a word cut at
        # the far edge of the bound is dropped).
        lo_cut, hi_cut = max(ctx_lo, a - _CONTEXT_CHARS), min(ctx_hi, b + _CONTEXT_CHARS)
        left, mid, right = _located(text, lo_cut, a), _located(text, a, b), _located(text, b, hi_cut)
        if lo_cut > ctx_lo and left:
            left = left[1:]
        if hi_cut < ctx_hi and right:
            right = right[:-1]
        located = left[-CONTEXT:] + mid + right[:CONTEXT]
        self.words = [w for w, _, _ in located]
        self.spans = [(x, y) for _, x, y in located]
        self.lo = min(len(left), CONTEXT)
        self.hi = self.lo + len(mid)
        self.text = text
        self._qualified: set[int] | None = None
        self.labels = labels

    def in_label(self, i: int) -> bool:
        x, y = self.spans[i]
        return any(ls <= x and y <= le for ls, le in self.labels)

    def slice(self, i: int, j: int) -> str:
        """The source text of words[i:j], whitespace runs shown as one space."""
        if i >= j:
            return ""
        return " ".join(self.text[self.spans[i][0]:self.spans[j - 1][1]].split())

    def touches(self, i: int, j: int) -> bool:
        """Does words[i:j] overlap the change or sit right next to it?"""
        return i <= self.hi and j >= self.lo

    def not_modal(self, i: int) -> bool:
        """The month May ("15 May 2000"), or a modal inside a qualifying
        phrase ("such measures as may be necessary")."""
        w = self.words
        if w[i] == "May" and ((i > 0 and w[i - 1].isdigit())
                              or (i + 1 < len(w) and re.fullmatch(r"\d{4}", w[i + 1]) is not None)):
            return True
        if self._qualified is None:
            self._qualified = {k for a, b, _ in _phrases(w, QUALIFIER_PHRASES) for k in range(a, b)}
        return i in self._qualified


def _modal(o: _Window, n: _Window) -> str | None:
    po = _phrases(o.words, MODAL_PHRASES, o.not_modal)
    pn = _phrases(n.words, MODAL_PHRASES, n.not_modal)
    if Counter(p for *_, p in po) == Counter(p for *_, p in pn):
        return None
    old = " ".join(" ".join(p) for i, j, p in po if o.touches(i, j)) or "—"
    new = " ".join(" ".join(p) for i, j, p in pn if n.touches(i, j)) or "—"
    return old + _ARROW + new


def _negations(w: _Window) -> Counter:
    c: Counter = Counter()
    for i, word in enumerate(w.words):
        low = word.lower()
        if low in NEGATIONS and not (low == "no" and i + 1 < len(w.words) and w.words[i + 1] == "."):
            c[low] += 1
        elif low.endswith(("n't", "n’t")):
            c["not"] += 1
    return c


def _negation(o: _Window, n: _Window) -> str | None:
    co, cn = _negations(o), _negations(n)
    if sum(co.values()) == sum(cn.values()):
        return None
    added, removed = cn - co, co - cn
    if sum(cn.values()) > sum(co.values()):
        return "negation added: " + " ".join(sorted(added.elements()))
    return "negation removed: " + " ".join(sorted(removed.elements()))


_REF_GLUE = frozenset({"(", ")", ",", "/", ".", "-", "–", "and", "or", "to", "of", "no", "nos",
                       "eu", "ec", "eec", "euratom", "cfsp", "jha", "ue", "ce"})


def _number_kind(w: _Window, i: int) -> ChangeKind:
    """REFERENCE if a reference word comes shortly before ("Article 2(a)",
    "Regulation (EU) 2016/679"), DATE if a month is next to it or it ends a
    d/m/yyyy date, else NUMBER."""
    words = w.words
    j = i - 1
    while j >= 0 and i - j <= 16:
        x = words[j].lower().rstrip(".")
        if x in REFERENCE_WORDS:
            return K.REFERENCE
        if not (x in _REF_GLUE or _is_number(x) or re.fullmatch(r"[a-z]{1,2}|[ivx]+", x)):
            break
        j -= 1
    near = words[max(0, i - 2):i + 3]
    if any(x.lower() in MONTHS and x.lower() != "may" for x in near) or "May" in near:
        return K.DATE
    if (re.fullmatch(r"\d{4}", words[i]) and i >= 4 and words[i - 1] == words[i - 3]
            and words[i - 1] in "/.-" and re.fullmatch(r"\d{1,2}", words[i - 2])
            and re.fullmatch(r"\d{1,2}", words[i - 4])):
        return K.DATE   # 15/11/2000, 15.11.2000
    return K.NUMBER


def _point(w: _Window, i: int) -> bool:
    """A letter or roman numeral in parentheses: "(a)", "(iv)" -- a point label."""
    words = w.words
    return (0 < i < len(words) - 1 and words[i - 1] == "(" and words[i + 1] == ")"
            and re.fullmatch(r"[a-z]{1,2}|[ivxlc]+", words[i], re.IGNORECASE) is not None)


def _numbers(o: _Window, n: _Window) -> tuple[set, str]:
    def changed(w: _Window) -> list[tuple[int, ChangeKind]]:
        out = []
        for i in range(w.lo, w.hi):
            if w.in_label(i):
                continue          # "(b)" -> "3." is numbering, not a number
            if _is_number(w.words[i]):
                out.append((i, _number_kind(w, i)))
            elif _point(w, i) and _number_kind(w, i) is K.REFERENCE:
                out.append((i, K.REFERENCE))
        return out
    no, nn = changed(o), changed(n)
    if Counter(o.words[i] for i, _ in no) == Counter(n.words[i] for i, _ in nn):
        return set(), ""
    kinds = {k for _, k in no} | {k for _, k in nn}
    best = next(k for k in (K.REFERENCE, K.DATE, K.NUMBER) if k in kinds)
    return kinds, _phrase_detail(o, n, best)


def _phrase_detail(o: _Window, n: _Window, kind: ChangeKind) -> str:
    """'article 24 → article 31', '30 days → 60 days', '15 November 2000 → ...'."""
    def side(w: _Window) -> str:
        lo, hi = w.lo, w.hi
        if kind is K.REFERENCE:
            k = lo
            while k > 0 and w.words[k - 1].lower().rstrip(".") not in REFERENCE_WORDS \
                    and w.lo - k < 6:
                k -= 1
            if k > 0 and w.words[k - 1].lower().rstrip(".") in REFERENCE_WORDS:
                lo = k - 1                            # start at "article" of "article 24"
            if hi < len(w.words) and w.words[hi] == ")" and "(" in w.words[lo:hi]:
                hi += 1                               # "point (b)", "Article 2(a)"
        elif kind is K.DATE:
            while lo > 0 and (_is_number(w.words[lo - 1]) or w.words[lo - 1].lower() in MONTHS):
                lo -= 1
            while hi < len(w.words) and (_is_number(w.words[hi]) or w.words[hi].lower() in MONTHS):
                hi += 1
        elif hi < len(w.words) and (is_word(w.words[hi]) or w.words[hi] in "%‰") and hi > lo \
                and _is_number(w.words[hi - 1]):
            hi += 1                                   # the unit: "30 days"
        return w.slice(lo, hi) or "—"
    return side(o) + _ARROW + side(n)


def _qualifier(o: _Window, n: _Window, old: str, new: str) -> str | None:
    qo = Counter(p for *_, p in _phrases(o.words, QUALIFIER_PHRASES))
    qn = Counter(p for *_, p in _phrases(n.words, QUALIFIER_PHRASES))
    if qo == qn:
        return None
    if sum((qn - qo).values()) >= sum((qo - qn).values()):
        return "qualifier added: " + _short(new or " ".join(" ".join(p) for p in qn - qo))
    return "qualifier removed: " + _short(old or " ".join(" ".join(p) for p in qo - qn))


def _short(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


_QUALIFIER_WORDS = frozenset(w for p in QUALIFIER_PHRASES for w in p)
_MODAL_WORDS = frozenset(w for p in MODAL_PHRASES for w in p)


def _residual(w: _Window) -> list[str]:
    """Changed words once modal, negation, number, point and qualifier words are set aside."""
    return [x.lower() for i, x in enumerate(w.words[w.lo:w.hi], w.lo)
            if is_word(x) and not _is_number(x) and not _point(w, i)
            and x.lower() not in _MODAL_WORDS | NEGATIONS | _QUALIFIER_WORDS]


# ----------------------------------------------------------------------------- classify


def _classify(old: str, new: str, o0: int, o1: int, n0: int, n1: int,
              labels: tuple, ctx: tuple[int, int, int, int]) -> tuple[tuple[ChangeKind, ...], str]:
    o_rest, o_lab = _strip_labels(old, o0, o1, labels[0])
    n_rest, n_lab = _strip_labels(new, n0, n1, labels[1])
    numbering = o_lab != n_lab
    ed = editorial_kinds(o_rest, n_rest)
    if ed is not None and (ed or numbering):
        kinds = set(ed) | ({K.NUMBERING} if numbering else set())
        if not (old[o0:o1].strip() or new[n0:n1].strip()):
            return _sorted(kinds), _ws_name(old[o0:o1]) + _ARROW + _ws_name(new[n0:n1])
        return _sorted(kinds), _short(old[o0:o1]) + _ARROW + _short(new[n0:n1])
    o = _Window(old, o0, o1, ctx[0], ctx[1], labels[0])
    n = _Window(new, n0, n1, ctx[2], ctx[3], labels[1])
    kinds: set[ChangeKind] = set()
    details = []
    for kind, detail in ((K.MODAL, _modal(o, n)), (K.NEGATION, _negation(o, n))):
        if detail:
            kinds.add(kind)
            details.append(detail)
    num_kinds, num_detail = _numbers(o, n)
    if num_kinds:
        kinds |= num_kinds
        details.append(num_detail)
    q = _qualifier(o, n, old[o0:o1], new[n0:n1])
    if q:
        kinds.add(K.QUALIFIER)
        details.append(q)
    if not o.hi - o.lo:
        kinds.add(K.INSERTION)
    elif not n.hi - n.lo:
        kinds.add(K.DELETION)
    elif not kinds or _residual(o) != _residual(n):
        kinds.add(K.WORDING)
    return _sorted(kinds), "; ".join(details)


def _sorted(kinds) -> tuple[ChangeKind, ...]:
    return tuple(sorted(set(kinds), key=_ORDER.__getitem__))


def classify(spans: tuple[Span, ...]) -> tuple[Change, ...]:
    """One ``Change`` per run of non-equal spans and per masked EQUAL span."""
    old = "".join(s.old for s in spans)
    new = "".join(s.new for s in spans)
    labels = (tuple(label_spans(old)), tuple(label_spans(new)))
    # Character offsets of every span on each side (context = neighbouring EQUAL spans).
    o_at, n_at = [0], [0]
    for s in spans:
        o_at.append(o_at[-1] + len(s.old))
        n_at.append(n_at[-1] + len(s.new))

    def context(i: int, j: int) -> tuple[int, int, int, int]:
        lo = i - 1 if i > 0 and spans[i - 1].op is Op.EQUAL else i
        hi = j + 1 if j < len(spans) and spans[j].op is Op.EQUAL else j
        return o_at[lo], o_at[hi], n_at[lo], n_at[hi]

    changes: list[Change] = []
    o_pos = n_pos = 0
    i = 0
    while i < len(spans):
        s = spans[i]
        if s.op is Op.EQUAL:
            if s.old != s.new:
                kinds, detail = _classify(old, new, o_pos, o_pos + len(s.old),
                                          n_pos, n_pos + len(s.new), labels, context(i, i + 1))
                if not set(kinds) <= EDITORIAL_KINDS:
                    kinds = (K.WORDING,)   # an ignore option masked more than it should
                changes.append(Change(kinds, s.old, s.new, i, i + 1, detail))
            o_pos += len(s.old)
            n_pos += len(s.new)
            i += 1
            continue
        j = i
        while j < len(spans) and spans[j].op is not Op.EQUAL:
            j += 1
        d = "".join(spans[k].old for k in range(i, j) if spans[k].op is Op.DELETE)
        a = "".join(spans[k].new for k in range(i, j) if spans[k].op is Op.INSERT)
        kinds, detail = _classify(old, new, o_pos, o_pos + len(d), n_pos, n_pos + len(a), labels,
                                  context(i, j))
        changes.append(Change(kinds, d, a, i, j, detail))
        o_pos += len(d)
        n_pos += len(a)
        i = j
    return tuple(changes)


def summarize(pair_diffs) -> Summary:
    """Counts over pairs: per PairKind, per ChangeKind, substantive/editorial changes."""
    pairs: Counter = Counter()
    kinds: Counter = Counter()
    substantive = editorial = 0
    for pd in pair_diffs:
        pairs[pd.pair.kind] += 1
        for c in pd.changes:
            kinds.update(set(c.kinds))
            if c.substantive:
                substantive += 1
            else:
                editorial += 1
    return Summary(
        pairs=tuple((k.value, pairs[k]) for k in PairKind if pairs[k]),
        changes=tuple((k.value, kinds[k]) for k in ChangeKind if kinds[k]),
        substantive=substantive, editorial=editorial)


__all__ = ["classify", "summarize", "editorial_kinds"]
