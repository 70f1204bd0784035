"""Classify the changes of a word diff: spans -> ``Change`` records.

In: the spans of one pair (``worddiff.word_diff``) and its ``PairContext``.  Out:
``classify(spans, pc)`` gives one ``Change`` per maximal run of non-equal spans, plus one
per EQUAL span whose ``old != new`` (a difference masked by an ignore option: editorial
by construction).  The counts over a comparison are ``diffing.summary.summarize``.

How a change is classified (words around it are read: spans cut at tokens, and "article
24" -> "article 31" only changes "24"):

1. **Editorial** when the smallest set of normalisations that makes the old and new text
   equal exists (``editorial``: whitespace, quote style, case, spelling variants,
   punctuation); plus NUMBERING when a paragraph label (or a heading's own number)
   differs.
2. **Editorial** when the same words are written otherwise (``forms``: INFLECTION by
   Snowball stems, ABBREVIATION, SAME_VALUE, FUNCTION_WORDS), the same provision is cited
   otherwise (CITATION, ``refs``), or the subject and operator only moved between a
   list's chapeau and its point (REORDERED).
3. Otherwise ``substantive`` decides (MODAL, NEGATION, REFERENCE / DATE / NUMBER,
   QUALIFIER, INSERTION / DELETION, WORDING) and gives the reason; a change it finds only
   renumbered or cited otherwise is editorial after all.
4. Over the pair: words deleted in one place and inserted nearby are REORDERED.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import accumulate

from travaux.diffing.classify.context import PairContext
from travaux.diffing.classify.deontic import force_of
from travaux.diffing.classify.editorial import editorial_kinds, strip_labels, ws_name
from travaux.diffing.classify.forms import content, same_words
from travaux.diffing.classify.refs import same_citation
from travaux.diffing.model import EDITORIAL_KINDS, Change, ChangeKind, Op, Span
from travaux.diffing.classify.substantive import ARROW, short, substantive_kinds
from travaux.diffing.words.tokens import label_spans

K = ChangeKind
_ORDER = {k: i for i, k in enumerate(ChangeKind)}


def _classify(old: str, new: str, o0: int, o1: int, n0: int, n1: int,
              labels: tuple, ctx: tuple[int, int, int, int],
              pc: PairContext) -> tuple[tuple[ChangeKind, ...], str, str]:
    o_rest, o_lab = strip_labels(old, o0, o1, labels[0])
    n_rest, n_lab = strip_labels(new, n0, n1, labels[1])
    numbering = {K.NUMBERING} if o_lab != n_lab else set()
    ed = editorial_kinds(o_rest, n_rest)
    plain = short(old[o0:o1]) + ARROW + short(new[n0:n1])
    if ed is not None and (ed or numbering):
        if not (old[o0:o1].strip() or new[n0:n1].strip()):
            return _sorted(set(ed) | numbering), ws_name(old[o0:o1]) + ARROW + ws_name(new[n0:n1]), ""
        return _sorted(set(ed) | numbering), plain, ""
    if ed is None:
        # The same words written otherwise: inflected, abbreviated, the same value, or
        # only function words changed; or the same provision cited in another form.
        same = same_words(o_rest, n_rest, pc.language)
        if same:
            return _sorted(set(same) | numbering), plain, ""
        if _same_modal(o_rest, n_rest):
            return _sorted({K.INFLECTION} | numbering), plain, ""
        if same_citation(o_rest, n_rest, old[max(0, o0 - 80):o0], old[o1:o1 + 40]):
            return _sorted({K.CITATION} | numbering), plain, ""
    if _chapeau_moved(old[o0:o1], new[n0:n1], o0, n0, pc):
        return (K.REORDERED,), "chapeau restructured: " + plain, ""
    kinds, details, reasons = substantive_kinds(old, new, o0, o1, n0, n1, labels, ctx, pc)
    if kinds <= EDITORIAL_KINDS:
        return _sorted(kinds | numbering), plain, ""
    return _sorted(kinds), "; ".join(details), "; ".join(reasons)


def _same_modal(a: str, b: str) -> bool:
    """Two forms of one modal verb with the same force ("können" -> "könnten")."""
    a, b = a.strip(), b.strip()
    fa, fb = force_of(a), force_of(b)
    return fa is not None and fa == fb and a.casefold()[:2] == b.casefold()[:2]


_OPERATOR_WORDS = frozenset({"shall", "not", "refrain", "from", "must", "may"})


def _chapeau_moved(o: str, n: str, o0: int, n0: int, pc: PairContext) -> bool:
    """At the start of a point, words that only move between the chapeau and the point
    ("a gatekeeper shall: (g) provide" -> "The gatekeeper shall provide"): once the
    subject and operator that the other side's chapeau holds are set aside, the same
    words remain.  The polarity is checked apart (NEGATION counts the chapeau too)."""
    if o0 or n0 or not (pc.chapeaus[0] or pc.chapeaus[1]):
        return False
    lang = pc.language
    in_old_chapeau = set(content(pc.chapeaus[0], lang)) | _OPERATOR_WORDS
    in_new_chapeau = set(content(pc.chapeaus[1], lang)) | _OPERATOR_WORDS
    rest_o = [w for w in content(o, lang) if w not in in_new_chapeau]
    rest_n = [w for w in content(n, lang) if w not in in_old_chapeau]
    if rest_o == [w for w in content(o, lang)] and rest_n == [w for w in content(n, lang)]:
        return False                          # nothing came from or went to a chapeau
    polarity = lambda t: sum(w in ("not", "refrain") for w in t.casefold().split())  # noqa: E731
    if (polarity(o) + pc.chapeau_negations[0]) % 2 != (polarity(n) + pc.chapeau_negations[1]) % 2:
        return False
    return rest_o == rest_n or same_words(" ".join(rest_o), " ".join(rest_n), lang) is not None


def _sorted(kinds) -> tuple[ChangeKind, ...]:
    return tuple(sorted(set(kinds), key=_ORDER.__getitem__))


def classify(spans: tuple[Span, ...], pc: PairContext = PairContext()) -> tuple[Change, ...]:
    """One ``Change`` per run of non-equal spans and per masked EQUAL span."""
    olds, news = [s.old for s in spans], [s.new for s in spans]
    old, new = "".join(olds), "".join(news)
    labels = (tuple(label_spans(old)), tuple(label_spans(new)))
    if pc.heading_labels != (0, 0):
        # A provision heading "Article 9 Title": its own number is a label (NUMBERING).
        lo, ln = pc.heading_labels
        labels = (((0, lo),) + labels[0] if lo else labels[0],
                  ((0, ln),) + labels[1] if ln else labels[1])
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
                kinds, detail, reason = _classify(old, new, o_pos, o_pos + len(s.old),
                                                  n_pos, n_pos + len(s.new), labels, context(i, i + 1), pc)
                if not set(kinds) <= EDITORIAL_KINDS:
                    kinds = (K.WORDING,)   # an ignore option masked more than it should
                    reason = "wording changed (masked by an ignore option): " + detail
                changes.append(Change(kinds, s.old, s.new, i, i + 1, detail, reason))
            o_pos += len(s.old)
            n_pos += len(s.new)
            i += 1
            continue
        j = i
        while j < len(spans) and spans[j].op is not Op.EQUAL:
            j += 1
        d = "".join(spans[k].old for k in range(i, j) if spans[k].op is Op.DELETE)
        a = "".join(spans[k].new for k in range(i, j) if spans[k].op is Op.INSERT)
        kinds, detail, reason = _classify(old, new, o_pos, o_pos + len(d), n_pos, n_pos + len(a),
                                          labels, context(i, j), pc)
        changes.append(Change(kinds, d, a, i, j, detail, reason))
        o_pos += len(d)
        n_pos += len(a)
        i = j
    return _moved(tuple(changes), pc.language)


def _moved(changes: tuple[Change, ...], lang: str) -> tuple[Change, ...]:
    """Words deleted in one place and inserted in another of the same pair (or the same
    words reordered within one change) are REORDERED: editorial, the text says the same."""
    keys = {}
    for idx, c in enumerate(changes):
        if c.substantive:
            keys[idx] = (tuple(sorted(content(c.old, lang))), tuple(sorted(content(c.new, lang))))
    out = list(changes)
    dels = {idx: k[0] for idx, k in keys.items() if k[0] and not k[1]}
    ins = {idx: k[1] for idx, k in keys.items() if k[1] and not k[0]}
    for a, ka in dels.items():
        for b, kb in list(ins.items()):
            if ka == kb and abs(a - b) <= 3:      # nearby: the same words moved in the sentence
                out[a] = replace(out[a], kinds=(K.REORDERED,), reason="", detail="moved: " + short(changes[a].old))
                out[b] = replace(out[b], kinds=(K.REORDERED,), reason="", detail="moved: " + short(changes[b].new))
                del ins[b]
                break
    for idx, (ko, kn) in keys.items():
        if ko and ko == kn and changes[idx].kinds != (K.REORDERED,) and changes[idx].old and changes[idx].new:
            out[idx] = replace(out[idx], kinds=(K.REORDERED,), reason="",
                               detail="reordered: " + short(changes[idx].old) + ARROW + short(changes[idx].new))
    return tuple(out)


__all__ = ["classify", "editorial_kinds"]
