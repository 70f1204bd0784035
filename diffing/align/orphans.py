"""Blocks whose provision found no partner: searched in the whole other text.

In: paragraph matches (positions, as ``refine``), the units, the set of old and
new provisions that are paired, a scorer and a compatibility test.  Out: the
same matches with more links.  Both searches go through an inverted index of
stems (``stems.StemIndex``) over the blocks still free: a few candidates per
block, never all pairs.

- ``orphans``: every free paragraph of an unpaired provision (an article the
  provision level called deleted or inserted) is searched against the free
  paragraphs of the whole other text; a pair that is each other's best and
  similar enough (``_ORPHAN_FLOOR``) is linked.  The provision level then pairs
  the provisions these links join (``aligner._rescue``): a merged or rewritten
  article is found by its paragraphs.

(A search of every free paragraph for a partner paragraph in another
provision, by phrase coverage, was measured on the DEV gold: it found no true
link the passes inside provision pairs had missed and cost a third of the
alignment time, so it is not done.)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from travaux.diffing.align import stems as S

_ORPHAN_FLOOR = 0.5      # both blocks in unpaired provisions
_LEFT_FLOOR = 0.45       # one of them inside a provision pair
_K = 6


class Links:
    """The links of a set of matches, both ways, with helpers to read them back."""

    def __init__(self, found):
        one_to_one, grouped, forced = found
        self.o: dict[int, set[int]] = defaultdict(set)
        self.n: dict[int, set[int]] = defaultdict(set)
        for o, n, _ in one_to_one:
            self.o[o].add(n)
            self.n[n].add(o)
        for og, ng, _ in grouped:
            for o in og:
                for n in ng:
                    self.o[o].add(n)
                    self.n[n].add(o)
        self.fixed_o = {o for o, _ in forced}
        self.fixed_n = {n for _, n in forced}
        self.added: list[tuple[int, int]] = []

    def add(self, o: int, n: int) -> None:
        self.o[o].add(n)
        self.n[n].add(o)
        self.added.append((o, n))

    def free_o(self, o: int) -> bool:
        return not self.o.get(o) and o not in self.fixed_o

    def free_n(self, n: int) -> bool:
        return not self.n.get(n) and n not in self.fixed_n


def orphans(found, old_units, new_units, so: S.StemCache, sn: S.StemCache,
            paired_old: set, paired_new: set, sim: Callable[[int, int], float],
            compatible: Callable[[int, int], bool]):
    """Link free paragraphs of unpaired provisions (see the module docstring)."""
    from travaux.diffing.align.refine import regroup

    links = Links(found)
    lone_o = [o for o, u in enumerate(old_units)
              if u.context is not None and u.context not in paired_old and links.free_o(o)]
    lone_n = [n for n, u in enumerate(new_units)
              if u.context is not None and u.context not in paired_new and links.free_n(n)]
    if not lone_o and not lone_n:
        return found
    # candidates: free paragraphs inside provisions (not the memorandum, recitals ...)
    free_o = [o for o, u in enumerate(old_units) if u.context is not None and links.free_o(o)]
    free_n = [n for n, u in enumerate(new_units) if u.context is not None and links.free_n(n)]
    index_n = S.StemIndex(sn, free_n) if lone_o else None
    index_o = S.StemIndex(so, free_o) if lone_n else None
    best_o: dict[int, tuple[float, int]] = {}
    best_n: dict[int, tuple[float, int]] = {}

    def offer(o: int, n: int) -> None:
        if not compatible(o, n):
            return
        s = sim(o, n)
        if s > best_o.get(o, (0.0, -1))[0]:
            best_o[o] = (s, n)
        if s > best_n.get(n, (0.0, -1))[0]:
            best_n[n] = (s, o)

    if index_n is not None:
        for o in lone_o:
            for n in index_n.query(so.c(o), _K):
                offer(o, n)
    if index_o is not None:
        for n in lone_n:
            for o in index_o.query(sn.c(n), _K):
                offer(o, n)
    lone_o_set, lone_n_set = set(lone_o), set(lone_n)
    for o, (s, n) in sorted(best_o.items()):
        # both in unpaired provisions: a rewritten article; one of them inside
        # a provision pair: it left that pair, and needs more evidence
        floor = _ORPHAN_FLOOR if o in lone_o_set and n in lone_n_set else _LEFT_FLOOR
        if s >= floor and best_n.get(n, (0.0, -1))[1] == o:
            links.add(o, n)
    return regroup(links.added, links.o, links.n, found, old_units, new_units)
