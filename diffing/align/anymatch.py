"""Order-free alignment (``--match any``): each block gets its best counterparts.

In: the two ``side.Side`` of ``aligner``, a threshold and forced pairs.
Out: an ``Alignment`` for documents of different kinds (a working-paper
paragraph against the convention article that adopted its idea).

How every block still ends up in exactly one pair: every block (on both
sides) draws one edge to its best counterpart scoring at least the threshold,
kept when the choice is mutual or when the block is a part of its counterpart
(80 % of its words are in it: one half of a split); pins are edges too, and
replace the pinned blocks' own choice.  The pairs are
the connected components of that graph: a component with one block on each side
is a 1:1 pair (unchanged/modified when the path is the same, else moved: order
means nothing here); one old and several new is SPLIT; several old and one new
is MERGED; several on both sides is SPLIT when the new side has at least as
many blocks, else MERGED.  A block without any edge is deleted or inserted.
"""

from __future__ import annotations

from travaux.diffing.align.matching import AlignUnit, Scorer, grams
from travaux.diffing.align.side import (Side, pair_score, paragraph_score, provision_scorer,
                                        reading_order)
from travaux.diffing.align.similarity import Index, containment, ratio
from travaux.diffing.model import Alignment, Level, Pair, PairKind

_K = 10
_PART = 0.8


def _best(units: list[AlignUnit], others: list[AlignUnit], index: Index, threshold: float,
          scorer: Scorer) -> list[tuple[float, int] | None]:
    """For each unit: (score, position in others) of its best counterpart, or None."""
    out: list[tuple[float, int] | None] = []
    for u in units:
        best: tuple[float, int] | None = None
        for _, j in index.query(grams(u), _K):
            s = scorer(u, others[j])
            if s >= threshold and (best is None or s > best[0]):
                best = (s, j)
        if best is None:
            # a short block may share no informative shingle: fall back on exact text
            for j, v in enumerate(others) if len(u.words) < 4 else ():
                if v.norm == u.norm and u.norm:
                    best = (1.0, j)
                    break
        out.append(best)
    return out


def _keep(unit: AlignUnit, target: AlignUnit, target_best: tuple[float, int] | None,
          me: int) -> bool:
    """An edge is kept when the choice is mutual, or when ``unit`` is a part of
    ``target`` (most of its words are in it): a block that merely resembles a
    block already taken does not join its group."""
    if target_best is not None and target_best[1] == me:
        return True
    return containment(unit.words, target.words) >= _PART


def _components(n_old: int, n_new: int, edges: list[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    parent = list(range(n_old + n_new))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for o, n in edges:
        a, b = find(o), find(n_old + n)
        if a != b:
            parent[max(a, b)] = min(a, b)
    comps: dict[int, tuple[list[int], list[int]]] = {}
    for x in range(n_old + n_new):
        olds, news = comps.setdefault(find(x), ([], []))
        (olds if x < n_old else news).append(x if x < n_old else x - n_old)
    return [comps[k] for k in sorted(comps)]


def _level(ov: Side, nv: Side, old_units: list[AlignUnit], new_units: list[AlignUnit],
           threshold: float, forced: list[tuple[int, int]], level: Level,
           scorer: Scorer) -> list[Pair]:
    old_pos = {u.index: p for p, u in enumerate(old_units)}
    new_pos = {u.index: p for p, u in enumerate(new_units)}
    forced_pos = {(old_pos[o], new_pos[n]) for o, n in forced}
    pinned_old = {o for o, _ in forced_pos}
    pinned_new = {n for _, n in forced_pos}
    edges = set(forced_pos)
    if old_units and new_units:
        new_index = Index({j: grams(u) for j, u in enumerate(new_units)})
        old_index = Index({i: grams(u) for i, u in enumerate(old_units)})
        best_old = _best(old_units, new_units, new_index, threshold, scorer)
        best_new = _best(new_units, old_units, old_index, threshold, lambda a, b: scorer(b, a))
        for i, best in enumerate(best_old):
            if best and i not in pinned_old and _keep(old_units[i], new_units[best[1]],
                                                      best_new[best[1]], i):
                edges.add((i, best[1]))
        for j, best in enumerate(best_new):
            if best and j not in pinned_new and _keep(new_units[j], old_units[best[1]],
                                                      best_old[best[1]], j):
                edges.add((best[1], j))
    pairs: list[Pair] = []
    for olds, news in _components(len(old_units), len(new_units), sorted(edges)):
        o_idx = tuple(old_units[p].index for p in olds)
        n_idx = tuple(new_units[p].index for p in news)
        if not news:
            pairs.append(Pair(PairKind.DELETED, o_idx, (), 0.0, level))
            continue
        if not olds:
            pairs.append(Pair(PairKind.INSERTED, (), n_idx, 0.0, level))
            continue
        old_text = " ".join(ov.raw(old_units[p]) for p in olds)
        new_text = " ".join(nv.raw(new_units[p]) for p in news)
        edited = old_text != new_text
        pinned = len(olds) == len(news) == 1 and (olds[0], news[0]) in forced_pos
        if len(olds) == len(news) == 1:
            s = scorer(old_units[olds[0]], new_units[news[0]])
            same = ov.doc.blocks[o_idx[0]].path == nv.doc.blocks[n_idx[0]].path
            kind = (PairKind.MODIFIED if edited else PairKind.UNCHANGED) if same else PairKind.MOVED
        else:
            s = ratio(" ".join(old_units[p].norm for p in olds), " ".join(new_units[p].norm for p in news))
            kind = PairKind.SPLIT if len(news) >= len(olds) else PairKind.MERGED
        pairs.append(Pair(kind, o_idx, n_idx, pair_score(s, edited), level, edited=edited,
                          pinned=pinned))
    return pairs


def align_any(ov: Side, nv: Side, threshold: float, prov_pins: list[tuple[int, int]],
              para_pins: list[tuple[int, int]]) -> Alignment:
    prov_scorer = provision_scorer(ov.provisions, nv.provisions)
    provisions = _level(ov, nv, ov.provisions, nv.provisions, threshold, prov_pins, Level.PROVISION,
                        prov_scorer)
    paragraphs = _level(ov, nv, ov.paragraphs, nv.paragraphs, threshold, para_pins, Level.PARAGRAPH,
                        paragraph_score)
    return Alignment(ov.doc, nv.doc, reading_order(provisions), reading_order(paragraphs))
