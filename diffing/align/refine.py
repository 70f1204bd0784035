"""Paragraph links that survive heavy rewriting: a second pass over what the first left.

In: the paragraph matches of the first pass (``(one_to_one, grouped, forced)`` as
positions in the two unit lists), the units, the provision pairs, a scorer and
the two languages.  Out: the same structure with more links: rewritten
paragraphs paired in place, the parts of a split and the sources of a merge,
chapeaux whose points moved with them.  Every unit still ends up in at most
one group (links are joined into connected groups).

The first pass (``matching``) pairs blocks whose texts are close.  Rewritten
text is found here by its place and its stems, always inside a pair of
provisions that the provision level already paired (a region), never over all
pairs of the document:

1. in place: between two consecutive paired blocks of a region, the blocks
   left over on each side are paired in order (a weighted longest common
   subsequence, ``pins.inside``) when their stems agree (``_GAP_FLOOR``);
2. moved inside the region: a leftover pair that is each other's best and
   clearly similar (``_MOVED_FLOOR``);
3. parts: a leftover block most of whose words sit in three-word phrases of a
   block on the other side (``stems.coverage``) joins that block's group — one
   half of a split paragraph, a point turned into a paragraph, a paragraph
   merged into another;
4. chapeaux: a leftover block whose sub-blocks all come from one block of the
   other side comes from it too ("a gatekeeper shall: (a) ..." turned into
   paragraphs keeps its chapeau with them).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Callable

from travaux.diffing.align import pins
from travaux.diffing.align import stems as S
from travaux.diffing.align.matching import lis
from travaux.diffing.model import Document

_GAP_FLOOR = 0.38        # in-place pairs: max(blend, stem cosine - margin) at least this
COS_MARGIN = 0.12       # stem cosines run higher than character ratios
_MOVED_FLOOR = 0.58      # a pair out of place needs this much
_BETTER_ELSEWHERE = 0.1  # an in-place pair loses to a partner elsewhere this much better
_PART = 0.6              # share of a block's words in phrases of its group partner
_PART_COS = 0.4          # ... and at least this stem cosine with it
_PREFILTER = 0.45        # share of distinct raw words before stems are compared
_PART_MIN = 4            # blocks with fewer content stems are never parts (too little evidence)
_MAX_REGION = 400        # blocks per side of one region: past that, skip the region (no all-pairs)

Found = tuple[list, list, set]


def refine(found: Found, old_units: list, new_units: list, old_doc: Document, new_doc: Document,
           prov_pairs: dict[int, set[int]], sim: Callable[[int, int], float],
           so: S.StemCache, sn: S.StemCache,
           compatible: Callable[[int, int], bool] = lambda o, n: True) -> Found:
    """More links (see the module docstring).  ``sim(o, n)`` scores two units
    (positions) in a way that survives rewording; ``compatible(o, n)`` says
    whether they may be linked at all (same document part)."""
    one_to_one, grouped, forced = found
    links_o: dict[int, set[int]] = defaultdict(set)
    links_n: dict[int, set[int]] = defaultdict(set)
    for o, n, _ in one_to_one:
        links_o[o].add(n)
        links_n[n].add(o)
    for og, ng, _ in grouped:
        for o in og:
            for n in ng:
                links_o[o].add(n)
                links_n[n].add(o)
    fixed_o = {o for o, _ in forced}
    fixed_n = {n for _, n in forced}

    added: list[tuple[int, int]] = []

    def add(o: int, n: int) -> None:
        if not compatible(o, n):
            return
        links_o[o].add(n)
        links_n[n].add(o)
        added.append((o, n))

    regions = _regions(old_units, new_units, prov_pairs)
    for olds, news in regions:
        free_o = [o for o in olds if not links_o.get(o) and o not in fixed_o]
        free_n = [n for n in news if not links_n.get(n) and n not in fixed_n]
        if not free_o and not free_n:
            continue
        _in_place(olds, news, links_o, links_n, fixed_o, fixed_n, sim, add)
        _moved(olds, news, links_o, links_n, fixed_o, fixed_n, sim, add)
        _parts(olds, news, links_o, links_n, fixed_o, fixed_n, so, sn, add)
    _chapeaux(old_units, new_units, old_doc, new_doc, links_o, links_n, fixed_o, fixed_n, add)
    return regroup(added, links_o, links_n, found, old_units, new_units)


def _regions(old_units, new_units, prov_pairs) -> list[tuple[list[int], list[int]]]:
    """(old positions, new positions) of the units inside each pair of provisions."""
    by_ctx_o: dict[object, list[int]] = defaultdict(list)
    by_ctx_n: dict[object, list[int]] = defaultdict(list)
    for p, u in enumerate(old_units):
        by_ctx_o[u.context].append(p)
    for p, u in enumerate(new_units):
        by_ctx_n[u.context].append(p)
    out = []
    for po in sorted(prov_pairs):
        olds = by_ctx_o.get(po, [])
        news = sorted(p for pn in prov_pairs[po] for p in by_ctx_n.get(pn, []))
        if olds and news and len(olds) <= _MAX_REGION and len(news) <= _MAX_REGION:
            out.append((olds, news))
    return out


def _in_place(olds, news, links_o, links_n, fixed_o, fixed_n, sim, add):
    """Leftovers between consecutive paired blocks, paired in order (step 1); a
    pair is refused when either block has a clearly better leftover partner
    elsewhere in the region (it moved: step 2 decides)."""
    free_o = [o for o in olds if not links_o.get(o) and o not in fixed_o]
    free_n = [n for n in news if not links_n.get(n) and n not in fixed_n]
    if not free_o or not free_n or len(free_o) * len(free_n) > 40_000:
        return
    scores = {(o, n): sim(o, n) for o in free_o for n in free_n}
    best_o = {o: max(scores[o, n] for n in free_n) for o in free_o}
    best_n = {n: max(scores[o, n] for o in free_o) for n in free_n}

    def in_place_sim(o: int, n: int) -> float:
        s = scores[o, n]
        return s if s >= max(best_o[o], best_n[n]) - _BETTER_ELSEWHERE else -1.0
    news_set = set(news)
    anchors = sorted((o, next(iter(links_o[o]))) for o in olds
                     if len(links_o.get(o, ())) == 1 and next(iter(links_o[o])) in news_set)
    chain = [anchors[i] for i in sorted(lis([n for _, n in anchors]))]
    bounds = [(-1, -1)] + chain + [(10 ** 12, 10 ** 12)]
    for (lo_o, lo_n), (hi_o, hi_n) in zip(bounds, bounds[1:]):
        gap_o = [o for o in olds[bisect_left(olds, lo_o + 1):bisect_left(olds, hi_o)]
                 if not links_o.get(o) and o not in fixed_o]
        gap_n = [n for n in news[bisect_left(news, lo_n + 1):bisect_left(news, hi_n)]
                 if not links_n.get(n) and n not in fixed_n]
        if not gap_o or not gap_n:
            continue
        for i, j, _ in pins.inside(gap_o, gap_n, in_place_sim, _GAP_FLOOR):
            add(gap_o[i], gap_n[j])


def _moved(olds, news, links_o, links_n, fixed_o, fixed_n, sim, add):
    """Leftovers that are each other's best, anywhere in the region (step 2)."""
    free_o = [o for o in olds if not links_o.get(o) and o not in fixed_o]
    free_n = [n for n in news if not links_n.get(n) and n not in fixed_n]
    if not free_o or not free_n or len(free_o) * len(free_n) > 40_000:
        return
    scores = {(o, n): sim(o, n) for o in free_o for n in free_n}
    best_o = {o: max(free_n, key=lambda n: (scores[o, n], -n)) for o in free_o}
    best_n = {n: max(free_o, key=lambda o: (scores[o, n], -o)) for n in free_n}
    for o in free_o:
        n = best_o[o]
        if best_n[n] == o and scores[o, n] >= _MOVED_FLOOR:
            add(o, n)


def _likely_part(part: set, whole: set) -> bool:
    """Cheap test before the phrase coverage: most distinct words of ``part`` are
    in ``whole`` (raw words; the stems decide afterwards)."""
    return len(part & whole) >= _PREFILTER * len(part)


def _parts(olds, news, links_o, links_n, fixed_o, fixed_n, so, sn, add):
    """Leftovers that are a part of a block on the other side (step 3)."""
    for n in news:
        if links_n.get(n) or n in fixed_n or len(sn.c(n)) < _PART_MIN:
            continue
        wn = sn.w(n)
        best = max(((S.coverage(sn.s(n), so.ph(o), so.s(o)), -o) for o in olds
                    if o not in fixed_o and _likely_part(wn, so.w(o))), default=(0.0, 0))
        o = -best[1]
        if best[0] >= _PART and S.cosine(sn.c(n), so.c(o)) >= _PART_COS:
            add(o, n)
    for o in olds:
        if links_o.get(o) or o in fixed_o or len(so.c(o)) < _PART_MIN:
            continue
        wo = so.w(o)
        best = max(((S.coverage(so.s(o), sn.ph(n), sn.s(n)), -n) for n in news
                    if n not in fixed_n and _likely_part(wo, sn.w(n))), default=(0.0, 0))
        n = -best[1]
        if best[0] >= _PART and S.cosine(so.c(o), sn.c(n)) >= _PART_COS:
            add(o, n)


def _chapeaux(old_units, new_units, old_doc, new_doc, links_o, links_n, fixed_o, fixed_n, add):
    """A leftover block whose sub-blocks all link to one block (step 4)."""
    pos_o = {u.index: p for p, u in enumerate(old_units)}
    pos_n = {u.index: p for p, u in enumerate(new_units)}
    kids_o: dict[int, list[int]] = defaultdict(list)
    kids_n: dict[int, list[int]] = defaultdict(list)
    for p, u in enumerate(old_units):
        parent = old_doc.blocks[u.index].parent
        if parent in pos_o:
            kids_o[pos_o[parent]].append(p)
    for p, u in enumerate(new_units):
        parent = new_doc.blocks[u.index].parent
        if parent in pos_n:
            kids_n[pos_n[parent]].append(p)
    for n, kids in sorted(kids_n.items()):
        if links_n.get(n) or n in fixed_n:
            continue
        sources = {o for k in kids for o in links_n.get(k, ())}
        if len(sources) == 1 and sum(1 for k in kids if links_n.get(k)) >= 2:
            add(next(iter(sources)), n)
    for o, kids in sorted(kids_o.items()):
        if links_o.get(o) or o in fixed_o:
            continue
        targets = {n for k in kids for n in links_o.get(k, ())}
        parents = {pos_n.get(new_doc.blocks[new_units[n].index].parent) for n in targets}
        if len(targets) >= 2 and len(parents) == 1:
            head = next(iter(parents))
            if head is not None and not links_n.get(head) and head not in fixed_n:
                add(o, head)


def regroup(added: list[tuple[int, int]], links_o: dict[int, set[int]],
            links_n: dict[int, set[int]], found: Found, old_units, new_units) -> Found:
    """``found`` with the ``added`` links joined in: the groups they touch are
    rebuilt as connected components of the links (the others stay as they
    were, with their scores); cost proportional to what changed."""
    if not added:
        return found
    one_to_one, grouped, forced = found
    seen_o: set[int] = set()
    seen_n: set[int] = set()
    comps: list[tuple[list[int], list[int]]] = []
    for start, _ in added:
        if start in seen_o:
            continue
        olds, news, stack = [], [], [(0, start)]
        seen_o.add(start)
        while stack:
            side, x = stack.pop()
            if side == 0:
                olds.append(x)
                for n in links_o.get(x, ()):
                    if n not in seen_n:
                        seen_n.add(n)
                        stack.append((1, n))
            else:
                news.append(x)
                for o in links_n.get(x, ()):
                    if o not in seen_o:
                        seen_o.add(o)
                        stack.append((0, o))
        comps.append((sorted(olds), sorted(news)))
    out_1 = [t for t in one_to_one if t[0] not in seen_o]
    out_g = [g for g in grouped if g[0][0] not in seen_o]
    for olds, news in comps:
        if len(olds) == 1 and len(news) == 1:
            out_1.append((olds[0], news[0], _joined(olds, news, old_units, new_units)))
        else:
            out_g.append((tuple(olds), tuple(news), _joined(olds, news, old_units, new_units)))
    return sorted(out_1), sorted(out_g), forced


def _joined(olds, news, old_units, new_units) -> float:
    from travaux.diffing.align.similarity import Vocabulary, blend

    a = " ".join(old_units[o].norm for o in olds)
    b = " ".join(new_units[n].norm for n in news)
    v = Vocabulary()
    return blend(a, b, v.encode(a.split()), v.encode(b.split()))
