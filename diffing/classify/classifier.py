"""Classify the changes of a word diff: spans -> ``Change`` records.

In: the spans of one pair (``worddiff.word_diff``).  Out: ``classify(spans)``
gives one ``Change`` per maximal run of non-equal spans, plus one per EQUAL
span whose ``old != new`` (a difference masked by an ignore option: editorial
by construction).  The counts over a comparison are ``diffing.summary.summarize``.

How a change is classified (words around it are read: spans cut at tokens,
and "article 24" -> "article 31" only changes "24"):

1. **Editorial** when the smallest set of normalisations that makes the old
   and new text equal exists (``diffing.editorial``: whitespace, quote style,
   case, spelling variants, punctuation); plus NUMBERING when a paragraph
   label at the start of a line ("(a)", "3.") differs.  The kinds are the
   normalisations in that smallest set.
2. Otherwise **substantive** (``diffing.substantive``), reading a window of
   the change plus up to 12 tokens of context on each side: MODAL, NEGATION,
   REFERENCE / DATE / NUMBER, QUALIFIER, INSERTION / DELETION, WORDING.
"""

from __future__ import annotations

from itertools import accumulate

from travaux.diffing.classify.editorial import editorial_kinds, strip_labels, ws_name
from travaux.diffing.model import EDITORIAL_KINDS, Change, ChangeKind, Op, Span
from travaux.diffing.classify.substantive import ARROW, short, substantive_kinds
from travaux.diffing.words.tokens import label_spans

_ORDER = {k: i for i, k in enumerate(ChangeKind)}


def _classify(old: str, new: str, o0: int, o1: int, n0: int, n1: int,
              labels: tuple, ctx: tuple[int, int, int, int]) -> tuple[tuple[ChangeKind, ...], str]:
    o_rest, o_lab = strip_labels(old, o0, o1, labels[0])
    n_rest, n_lab = strip_labels(new, n0, n1, labels[1])
    numbering = o_lab != n_lab
    ed = editorial_kinds(o_rest, n_rest)
    if ed is not None and (ed or numbering):
        kinds = set(ed) | ({ChangeKind.NUMBERING} if numbering else set())
        if not (old[o0:o1].strip() or new[n0:n1].strip()):
            return _sorted(kinds), ws_name(old[o0:o1]) + ARROW + ws_name(new[n0:n1])
        return _sorted(kinds), short(old[o0:o1]) + ARROW + short(new[n0:n1])
    kinds, details = substantive_kinds(old, new, o0, o1, n0, n1, labels, ctx)
    return _sorted(kinds), "; ".join(details)


def _sorted(kinds) -> tuple[ChangeKind, ...]:
    return tuple(sorted(set(kinds), key=_ORDER.__getitem__))


def classify(spans: tuple[Span, ...]) -> tuple[Change, ...]:
    """One ``Change`` per run of non-equal spans and per masked EQUAL span."""
    olds, news = [s.old for s in spans], [s.new for s in spans]
    old, new = "".join(olds), "".join(news)
    labels = (tuple(label_spans(old)), tuple(label_spans(new)))
    # Character offsets of every span on each side (context = neighbouring EQUAL spans).
    o_at = list(accumulate(map(len, olds), initial=0))
    n_at = list(accumulate(map(len, news), initial=0))

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
                    kinds = (ChangeKind.WORDING,)   # an ignore option masked more than it should
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


__all__ = ["classify", "editorial_kinds"]
