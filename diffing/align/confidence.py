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

``mark_alignment`` does it for both levels of an ordered alignment: the rivals
of a block are the few units around its partner's place; for a block without
partner, the blocks of the provision(s) paired with its own; two definitions
of different terms are never rivals.

Identical pairs (score 1.0) and pinned pairs are certain.  Only pairs scoring
below ``CHECK`` look for rivals: a close match needs no second opinion, and the
cost stays proportional to the edited pairs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Callable, Iterable

from travaux.diffing.align.side import Side, definition_key
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
    runner: tuple[int, ...] = ()
    runner_score = 0.0
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


_RIVALS = 5      # units each side of a partner's place that could have been chosen instead


def mark_alignment(provisions, paragraphs, ov: Side, nv: Side, paired, para_score, prov_scorer,
                   threshold: float):
    """Fill ``Pair.uncertain`` / ``runner_up`` (``diffing.align.confidence``).
    Rivals of a block: the few units around its partner's place; for a block
    without partner, the blocks of the provision(s) paired with its own."""
    def level(pairs, o_units, n_units, score, low, regional):
        pos_o = {u.index: p for p, u in enumerate(o_units)}
        pos_n = {u.index: p for p, u in enumerate(n_units)}
        partner_o: dict[int, int] = {}
        partner_n: dict[int, int] = {}
        for pr in pairs:
            for o in pr.old:
                partner_o[o] = min(pr.new) if pr.new else -1
            for n in pr.new:
                partner_n[n] = min(pr.old) if pr.old else -1
        by_ctx_n: dict[object, list[int]] = defaultdict(list)
        by_ctx_o: dict[object, list[int]] = defaultdict(list)
        if regional:
            for u in n_units:
                by_ctx_n[u.context].append(u.index)
            for u in o_units:
                by_ctx_o[u.context].append(u.index)
        back: dict[object, set] = defaultdict(set)
        for co, cns in paired.items():
            for cn in cns:
                back[cn].add(co)

        reach = _RIVALS if regional else 2      # provisions: long texts, costly vectors

        def near(units, pos, index):
            p = pos.get(index)
            if p is None:
                return []
            return [u.index for u in units[max(0, p - reach):p + reach + 1]]

        def rivals_of_old(o: int):
            out = near(n_units, pos_n, partner_o.get(o, -1))
            if regional and partner_o.get(o, -1) < 0:       # deleted: its provision's partner
                for cn in sorted(paired.get(o_units[pos_o[o]].context, ()), key=lambda c: (c is None, c or 0)):
                    if cn is not None:
                        out += by_ctx_n.get(cn, [])[:15]
            return out

        def rivals_of_new(n: int):
            out = near(o_units, pos_o, partner_n.get(n, -1))
            if regional and partner_n.get(n, -1) < 0:       # inserted: its provision's partner
                for co in sorted(back.get(n_units[pos_n[n]].context, ()), key=lambda c: (c is None, c or 0)):
                    if co is not None:
                        out += by_ctx_o.get(co, [])[:15]
            return out

        def scored(o: int, n: int) -> float:
            if regional:            # definitions of two different terms are no rivals
                ko, kn = definition_key(ov.doc.blocks[o].text), definition_key(nv.doc.blocks[n].text)
                if ko and kn and ko != kn:
                    return 0.0
            return score(o_units[pos_o[o]], n_units[pos_n[n]])
        return mark(pairs, scored, rivals_of_old, rivals_of_new, threshold, low)

    return (level(provisions, ov.provisions, nv.provisions, prov_scorer, LOW_PROVISION, False),
            level(paragraphs, ov.paragraphs, nv.paragraphs, para_score, LOW, True))
