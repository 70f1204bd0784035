"""Sequence matching of two lists of units: anchors, candidates, greedy pairing, groups.

In: two lists of ``AlignUnit`` (one per block to align, in document order), forced
pairs, a threshold and a scorer.  Out: 1:1 matches ``(old_pos, new_pos, score)``
and, separately, split/merge groups.  Positions index the unit lists, not the
documents.  ``diffing.align`` runs this once for provisions and once for
paragraphs, with the provision pairing as a hint for the paragraphs.

Cost stays close to linear: exact anchors are found by hashing; every other
unit is scored only against a few candidates (those near where the anchors say
it should be, plus the top hits of a shingle index unless a near one is already
a sure match), never against all units.  Groups are grown from neighbours, and
(for paragraphs) gathered from the same index candidates when their members are
far apart: a paragraph moved to another article and split there.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from collections.abc import Callable, Collection, Sequence
from typing import TypeAlias

from travaux.diffing.align.similarity import Index, blend, ratio, shingles

#: Bonuses added to a candidate's score when ranking (never when thresholding):
#: the structure is a hint, never the rule.
_NEAR_BONUS = 0.05       # where the anchors say it should be
_CONTEXT_BONUS = 0.08    # in the provision paired with its own provision
_LABEL_BONUS = 0.02      # same label ("2", "(a)")
_WINDOW = 4              # positional candidates each side of the expected place
_INDEX_K = 8             # index candidates per unit
_LOCAL_SURE = 0.9        # a near candidate this similar spares the index query
_PART = 0.6              # share of a block's words found in another: it is a part of it
_SCATTER_K = 5           # index candidates tried as members of a scattered group ...
_SCATTER_PART = 0.8      # ... each mostly made of the other block's words ...
_SCATTER_SURE = 0.8      # ... and the joined text this similar: far apart, only sure groups
_SCATTER_COVERED = 0.9   # a 1:1 partner holding this share of the words leaves nothing to find
_GROUP_GAIN = 0.1        # a group must beat its best single member by this much


class Memo:
    """Values derived from a unit on first use and kept for the rest of the alignment:
    anchored units never need them, so they are not computed up front."""

    __slots__ = ("shingles", "bag", "vector", "cands")

    def __init__(self) -> None:
        self.shingles: set[str] | None = None           # see ``grams``
        self.bag: Counter[str] | None = None            # see ``part_of``
        self.vector: dict[str, float] | None = None     # tf-idf vector (``side.provision_scorer``)
        self.cands: list[int] | None = None             # index candidates found by ``match``,
        #                                                 reused by ``groups``


@dataclass(frozen=True, slots=True)
class AlignUnit:
    """One block as the aligner sees it (a provision with everything below it, or a paragraph)."""
    index: int                      # block index in its document
    norm: str                       # normalised text (what is compared)
    key: str                        # exact-anchor key ("" = never anchor)
    words: list[str]
    label: str = ""
    sample: int = 1                 # shingle sampling (long provisions: one bigram in ``sample``)
    wstr: str = ""                  # the words as one character each (word-level ratio)
    context: int | None = None      # block index of the enclosing provision (a hint), or None
    raw: str | None = None          # the text compared for "edited" (None: the block's own text)
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)


def grams(u: AlignUnit) -> set[str]:
    """The unit's shingles, computed once when first needed: anchored units
    never need them."""
    if u.memo.shingles is None:
        u.memo.shingles = shingles(u.wstr, u.sample)
    return u.memo.shingles


def _bag(u: AlignUnit) -> Counter[str]:
    if u.memo.bag is None:
        u.memo.bag = Counter(u.words)
    return u.memo.bag


def part_of(part: AlignUnit, whole: AlignUnit) -> float:
    """``similarity.containment(part.words, whole.words)`` with each unit's word
    bag counted once (the same block is tested against many candidates)."""
    if not part.words:
        return 0.0
    p, w = _bag(part), _bag(whole)
    return sum(map(min, p.values(), map(w.get, p.keys(), repeat(0)))) / len(part.words)


Scorer = Callable[[AlignUnit, AlignUnit], float]
#: (old position, new position, score): one 1:1 match, positions in the unit lists.
Match: TypeAlias = tuple[int, int, float]
#: (old positions, new positions, score): a split (one old) or a merge (one new).
Group: TypeAlias = tuple[tuple[int, ...], tuple[int, ...], float]


def default_scorer(a: AlignUnit, b: AlignUnit) -> float:
    return ratio(a.norm, b.norm)


def lis(seq: list[int]) -> set[int]:
    """Positions (in ``seq``) of one longest strictly increasing subsequence;
    the earliest-ending one on ties, so the result is deterministic."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(i)
        else:
            tails[k] = v
            tail_pos[k] = i
        prev[i] = tail_pos[k - 1] if k else -1
    out: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def match(old: list[AlignUnit], new: list[AlignUnit], *, threshold: float,
          forced: Sequence[tuple[int, int]] = (), scorer: Scorer = default_scorer,
          same_context: Callable[[int | None, int | None], bool] | None = None,
          relaxed: float = 1.0, window: int = _WINDOW, k: int = _INDEX_K,
          ) -> list[Match]:
    """1:1 matches between ``old`` and ``new`` (positions), each scored >= threshold
    (forced pairs excepted; pairs placed by the structure need only
    ``relaxed * threshold``, see ``_relaxed_pass``).  Deterministic: ties are broken by position."""
    o_of: dict[int, int] = {}
    n_of: dict[int, int] = {}
    score: dict[int, float] = {}
    for o, n in forced:
        o_of[n], n_of[o], score[o] = o, n, scorer(old[o], new[n])
    # 1. exact anchors: a key found the same number of times on both sides
    by_key_old: dict[str, list[int]] = defaultdict(list)
    by_key_new: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(old):
        if u.key and i not in n_of:
            by_key_old[u.key].append(i)
    for j, u in enumerate(new):
        if u.key and j not in o_of:
            by_key_new[u.key].append(j)
    for key, olds in by_key_old.items():
        news = by_key_new.get(key)
        if news and len(news) == len(olds):
            for o, n in zip(olds, news):
                o_of[n], n_of[o] = o, n
                score[o] = 1.0 if old[o].norm == new[n].norm else scorer(old[o], new[n])
    # 2. where each free old unit is expected: after the partner of the last
    #    in-order anchor before it
    anchors = sorted(n_of.items())
    chain = lis([n for _, n in anchors])
    chain_pairs = [anchors[i] for i in sorted(chain)]
    chain_old = [o for o, _ in chain_pairs]
    free_new = [j for j in range(len(new)) if j not in o_of]
    free_new_set = set(free_new)
    free_old = [i for i in range(len(old)) if i not in n_of]
    index = Index({j: grams(new[j]) for j in free_new}) if free_new and free_old else None
    if index is None:
        free_old = []           # nothing left to pair on one side
    ranked: list[tuple[float, int, int, float]] = []
    for o in free_old:
        c = bisect_left(chain_old, o) - 1
        expected = (chain_pairs[c][1] + (o - chain_pairs[c][0])) if c >= 0 else o * len(new) // max(len(old), 1)
        pos = bisect_left(free_new, expected)
        near = set(free_new[max(0, pos - window):pos + window])
        scores = {n: scorer(old[o], new[n]) for n in sorted(near)}
        # the index (the costly part) is asked only when no near candidate is
        # already a sure match: a block edited in place needs no search
        if index is not None and max(scores.values(), default=0.0) < _LOCAL_SURE:
            hits = [n for _, n in index.query(grams(old[o]), k, free_new_set)]
            old[o].memo.cands = hits        # reused by ``groups``
            for n in hits:
                if n not in scores:
                    scores[n] = scorer(old[o], new[n])
        for n in sorted(scores):
            s = scores[n]
            if s < threshold * relaxed:
                continue
            bonus = _NEAR_BONUS if n in near else 0.0
            if same_context is not None and same_context(old[o].context, new[n].context):
                bonus += _CONTEXT_BONUS
            if old[o].label and old[o].label == new[n].label:
                bonus += _LABEL_BONUS
            ranked.append((-(s + bonus), o, n, s))
    ranked.sort()
    for _, o, n, s in ranked:
        if o in n_of or n in o_of or s < threshold:
            continue
        o_of[n], n_of[o], score[o] = o, n, s
    if relaxed < 1.0:
        _relaxed_pass(ranked, o_of, n_of, score, threshold * relaxed,
                      threshold * (1 + relaxed) / 2)
    return sorted((o, n, score[o]) for o, n in n_of.items())


def _relaxed_pass(ranked, o_of, n_of, score, floor, loose_floor) -> None:
    """Accept a weaker pair when it is each unit's best free candidate and either
    sits exactly where its matched neighbours say it should (between the
    partners of the previous and next matched old units; needs ``floor``) or
    reaches ``loose_floor`` anywhere.  A heavily rewritten article stays paired
    with its counterpart instead of becoming a deletion plus an insertion."""
    best_o: dict[int, tuple[float, int]] = {}
    best_n: dict[int, tuple[float, int]] = {}
    for _, o, n, s in ranked:
        if o in n_of or n in o_of:
            continue
        if o not in best_o or s > best_o[o][0]:
            best_o[o] = (s, n)
        if n not in best_n or s > best_n[n][0]:
            best_n[n] = (s, o)
    matched = sorted(n_of)
    for o in sorted(best_o):
        s, n = best_o[o]
        if s < floor or best_n.get(n, (0, -1))[1] != o or n in o_of:
            continue
        k = bisect_left(matched, o)
        lo = n_of[matched[k - 1]] if k > 0 else -1
        hi = n_of[matched[k]] if k < len(matched) else float("inf")
        if lo < n < hi or s >= loose_floor:
            o_of[n], n_of[o], score[o] = o, n, s
            insort(matched, o)


def _joined_score(one: AlignUnit, seq: list[AlignUnit], group: list[int]) -> float:
    return blend(one.norm, " ".join(seq[p].norm for p in group), one.wstr,
                 "".join(seq[p].wstr for p in group))


def _grow(one: AlignUnit, seq: list[AlignUnit], start: list[int], free: set[int], threshold: float,
          ) -> tuple[list[int], float]:
    """Extend ``start`` (positions in ``seq``) with free neighbours of the same
    context while the joined text matches ``one`` better; keep the group only
    when it beats the single start block by ``_GROUP_GAIN`` and reaches the
    threshold."""
    group = list(start)
    ctx = seq[group[0]].context
    if not any(p in free and seq[p].context == ctx for p in (group[0] - 1, group[-1] + 1)):
        return group, 0.0       # no free neighbour: nothing to grow (the score is unused)
    base = best = _joined_score(one, seq, group)
    while True:
        options = []
        for p in (group[0] - 1, group[-1] + 1):
            if p in free and seq[p].context == seq[group[0]].context \
                    and part_of(seq[p], one) >= 0.5:
                trial = sorted(group + [p])
                options.append((_joined_score(one, seq, trial), p, trial))
        if not options:
            break
        r, _, trial = max(options, key=lambda t: (t[0], -t[1]))
        if r <= best + 0.02:
            break
        group, best = trial, r
    if len(group) < 2 or best < base + _GROUP_GAIN or best < threshold:
        return list(start), base
    return group, best


def _scatter(one: AlignUnit, seq: list[AlignUnit], partner: int | None, base: float, cands: list[int],
             threshold: float) -> tuple[list[int], float]:
    """A group whose members are not neighbours: a paragraph moved to another
    article and split there around other text, or split across two articles.
    Members are ``partner`` (``one``'s 1:1 match, if any) and leftovers among
    ``cands`` (``one``'s index candidates) that are mostly made of ``one``'s words; they
    join in document order while the joined text matches better.  Kept only
    when it beats ``base`` (the 1:1 score, or the best single member) by
    ``_GROUP_GAIN`` and is a close match (``_SCATTER_SURE``): blocks far
    apart need stronger evidence than neighbours."""
    parts = sorted(p for p in cands if part_of(seq[p], one) >= _SCATTER_PART)
    if not parts or (partner is None and len(parts) < 2):
        return [], 0.0
    if partner is None:
        base, start = max((_joined_score(one, seq, [p]), -p) for p in parts)
        partner = -start
        parts.remove(partner)
    group, best = [partner], base
    while parts:
        r, p = max((_joined_score(one, seq, sorted(group + [p])), -p) for p in parts)
        if r <= best + 0.02:
            break
        group, best = sorted(group + [-p]), r
        parts.remove(-p)
    if len(group) < 2 or best < base + _GROUP_GAIN or best < max(threshold, _SCATTER_SURE):
        return [], 0.0
    return group, best


def groups(old: list[AlignUnit], new: list[AlignUnit], matches: list[Match],
           threshold: float, pinned: Collection[tuple[int, int]] = frozenset(), scatter: bool = False,
           ) -> tuple[list[Group], list[Match]]:
    """Find splits (one old -> consecutive new) and merges (consecutive old -> one
    new) among the units left unmatched next to a match, or among free units;
    with ``scatter``, also groups of blocks that are not neighbours (see
    ``_scatter``: paragraphs, not provisions, whose shared vocabulary would
    make any short inserted article look like a part of a long one).

    Returns (groups, remaining 1:1 matches)."""
    out_groups: list[Group] = []
    remaining = {o: (n, s) for o, n, s in matches}
    for flip in (False, True):
        a_side, b_side = (new, old) if flip else (old, new)
        pairs = {(n if flip else o): ((o if flip else n), s) for o, (n, s) in remaining.items()}
        used_b = {b for b, _ in pairs.values()}
        used_b.update(b for g in out_groups for b in (g[0] if flip else g[1]))
        used_a = set(pairs)
        used_a.update(a for g in out_groups for a in (g[1] if flip else g[0]))
        free_b = set(range(len(b_side))) - used_b
        index = Index({j: grams(b_side[j]) for j in sorted(free_b)}) if free_b else None
        for a in range(len(a_side)):
            if a in pairs:
                b, s = pairs[a]
                if (flip and (b, a) in pinned) or (not flip and (a, b) in pinned):
                    continue
                group, r = _grow(a_side[a], b_side, [b], free_b, threshold)
                if len(group) < 2 and scatter and index is not None and s + _GROUP_GAIN <= 1.0 \
                        and part_of(a_side[a], b_side[b]) < _SCATTER_COVERED:
                    # (a partner holding nearly all the words leaves nothing to find)
                    cands = a_side[a].memo.cands if not flip else None
                    if cands is None:
                        cands = [p for _, p in index.query(grams(a_side[a]), _SCATTER_K, free_b)]
                    cands = [p for p in cands[:_SCATTER_K] if p in free_b]
                    group, r = _scatter(a_side[a], b_side, b, s, cands, threshold)
            elif a not in used_a and index is not None:
                group, r = [], 0.0
                hits = [p for _, p in index.query(grams(a_side[a]), _SCATTER_K, free_b)]
                for seed in hits[:3]:
                    if part_of(b_side[seed], a_side[a]) < _PART:
                        continue
                    g, gr = _grow(a_side[a], b_side, [seed], free_b, threshold)
                    if len(g) > 1 and gr >= threshold and gr > r:
                        group, r = g, gr
                if not group and scatter:
                    group, r = _scatter(a_side[a], b_side, None, 0.0, hits, threshold)
            else:
                continue
            if len(group) < 2:
                continue
            free_b.difference_update(group)
            if a in pairs:
                del pairs[a]
            olds, news = ((tuple(group), (a,)) if flip else ((a,), tuple(group)))
            out_groups.append((olds, news, r))
        remaining = {(b if flip else a): ((a if flip else b), s) for a, (b, s) in pairs.items()}
    return out_groups, sorted((o, n, s) for o, (n, s) in remaining.items())
