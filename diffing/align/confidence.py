"""Confidence of each pair: which pairings are guesses, and what came second.

In: the pairs of one level (``Pair``), a scorer over block indices and, for
each block, the blocks of the other side it could have gone with (its
"rivals").  Out: the same pairs with ``uncertain``, ``runner_up`` and
``runner_up_score`` filled, so that a report never shows a guess as a fact.

A pair is uncertain when
- its score is low (``LOW``: the texts share little; the pairing rests on its
  place or on stems), or
- a runner-up is close behind (within ``CLOSE`` of the pair's score): another
  block of the other side that the old block matches nearly as well.
The runner-up is the best rival on the new side (block indices); for a
deleted pair, the best new block it nearly matched; for an inserted pair, the
best old block.  An inserted or deleted block is uncertain when its best rival
scores near the threshold (``NEAR`` of it): it may be a heavily rewritten pair.

Identical pairs (score 1.0) and pinned pairs are certain.  Only pairs scoring
below ``CHECK`` look for rivals: a close match needs no second opinion, and the
cost stays proportional to the edited pairs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from travaux.diffing.model import Pair, PairKind

LOW = 0.55               # paragraphs: blend of character and word ratios
LOW_PROVISION = 0.3      # provisions: tf-idf cosine of whole articles (runs lower)
CLOSE = 0.05
NEAR = 0.85
CHECK = 0.85


def mark(pairs: Iterable[Pair], score: Callable[[int, int], float],
         rivals_of_old: Callable[[int], Iterable[int]], rivals_of_new: Callable[[int], Iterable[int]],
         threshold: float, low: float = LOW) -> tuple[Pair, ...]:
    """``pairs`` with their confidence (see the module docstring).  ``score(o, n)``
    scores two blocks; ``rivals_of_old(o)`` lists new blocks ``o`` could have
    gone with, ``rivals_of_new(n)`` old blocks for ``n``."""
    out = []
    for p in pairs:
        out.append(_one(p, score, rivals_of_old, rivals_of_new, threshold, low))
    return tuple(out)


def _best(candidates: Iterable[int], exclude: tuple[int, ...], scored: Callable[[int], float]
          ) -> tuple[float, int]:
    best = (0.0, -1)
    for c in candidates:
        if c in exclude:
            continue
        s = scored(c)
        if s > best[0] or (s == best[0] and best[1] >= 0 and c < best[1]):
            best = (s, c)
    return best


def _one(p: Pair, score, rivals_of_old, rivals_of_new, threshold: float, low: float) -> Pair:
    if p.pinned or p.score >= 1.0:
        return p
    if p.kind is PairKind.DELETED:
        s, c = _best(rivals_of_old(p.old[0]), (), lambda n: score(p.old[0], n))
        if c >= 0 and s >= NEAR * threshold:
            return replace(p, uncertain=True, runner_up=(c,), runner_up_score=round(s, 4))
        return p
    if p.kind is PairKind.INSERTED:
        s, c = _best(rivals_of_new(p.new[0]), (), lambda o: score(o, p.new[0]))
        if c >= 0 and s >= NEAR * threshold:
            return replace(p, uncertain=True, runner_up=(c,), runner_up_score=round(s, 4))
        return p
    if p.score >= CHECK:
        return p
    uncertain = p.score < low
    runner, runner_score = (), 0.0
    if len(p.old) == 1:
        o = p.old[0]
        s, c = _best(rivals_of_old(o), p.new, lambda n: score(o, n))
        if c >= 0:
            runner, runner_score = (c,), round(s, 4)
            if s >= p.score - CLOSE:
                uncertain = True
    if not uncertain:
        return p
    return replace(p, uncertain=True, runner_up=runner, runner_up_score=runner_score)
