"""The second pass of the ordered alignment: what survives heavy rewriting.

In: the paragraph and provision matches of the first pass (``LevelMatches``),
the two ``Side``s, the paragraph and provision scorers and a ``rescue``
function (``aligner._rescue``: provisions paired by their paragraphs' votes).
Out: both levels' matches with more links.

1. ``within_parts`` cuts what the first pass must not have joined: a group
   spanning two document parts (a sentence of the financial statement "split"
   into an article), and a group holding two definitions of one term (a
   definition does not absorb its neighbours);
2. ``second_pass``: leftovers inside each pair of provisions (``refine``),
   then paragraphs of unpaired provisions searched in the whole other text
   (``orphans``), the provisions those links join paired (``rescue``) and
   refined in turn.

Blocks are linked only when ``compatible``: same document part, and two
definitions only when they define the same term.  Scores that survive
rewording (``sim``): the better of the paragraph blend and the cosine of the
stems (``stems``) less a margin.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from travaux.diffing.align import orphans, refine
from travaux.diffing.align import stems as stemming
from travaux.diffing.align.matching import Scorer
from travaux.diffing.align.side import Side, definition_key, paragraph_score


def _plain(found) -> tuple[list, list, set]:
    return list(found.one_to_one), list(found.grouped), set(found.forced)


def _back(found, plain):
    from dataclasses import replace

    one_to_one, grouped, _ = plain
    return replace(found, one_to_one=tuple(sorted(one_to_one)), grouped=tuple(grouped))


def within_parts(found, ov: Side, nv: Side):
    """``found`` without the groups that cross parts or join two definitions
    (see the module docstring); a definitions group keeps its same-term pairs."""
    one_to_one, grouped, forced = _plain(found)
    op, np_ = ov.parts, nv.parts
    kept = []
    for og, ng, s in grouped:
        found_parts = {op[ov.paragraphs[o].index] for o in og} | {np_[nv.paragraphs[n].index] for n in ng}
        if len(found_parts) != 1:
            continue
        terms_o = {definition_key(ov.doc.blocks[ov.paragraphs[o].index].text): o for o in og}
        same = [(terms_o[k], n) for n in ng
                if (k := definition_key(nv.doc.blocks[nv.paragraphs[n].index].text)) and k in terms_o]
        if same:
            one_to_one.extend((o, n, paragraph_score(ov.paragraphs[o], nv.paragraphs[n]))
                              for o, n in same)
            continue
        kept.append((og, ng, s))
    return _back(found, (one_to_one, kept, forced))


_WEAK_MOVE = 0.6     # a 1:1 pair into another provision pair needs at least this


def _weak_moves_undone(found, ov: Side, nv: Side, regions: dict[int, set[int]]):
    """Unpair the weak 1:1 matches that jump from one provision pair into another:
    a short generic sentence ("Paragraph 2 shall not apply ...") matched in
    another article while its own article pair is there to look in first."""
    one_to_one, grouped, forced = _plain(found)
    paired_new = {n for ns in regions.values() for n in ns}
    kept = []
    for o, n, s in one_to_one:
        co, cn = ov.paragraphs[o].context, nv.paragraphs[n].context
        if (s < _WEAK_MOVE and (o, n) not in forced and co in regions and cn in paired_new
                and cn not in regions[co]):
            continue
        kept.append((o, n, s))
    return _back(found, (kept, grouped, forced))


def second_pass(para_found, prov_found, ov: Side, nv: Side, para_score: Scorer,
                rescue: Callable):
    """(paragraph matches, provision matches) after the second pass."""
    stems = stemming.Stems(ov.doc.meta.language or nv.doc.meta.language)
    so, sn = stemming.StemCache(ov.paragraphs, stems), stemming.StemCache(nv.paragraphs, stems)
    op, np_ = ov.parts, nv.parts

    def compatible(o: int, n: int) -> bool:
        oi, ni = ov.paragraphs[o].index, nv.paragraphs[n].index
        if op[oi] is not np_[ni]:
            return False
        ko, kn = definition_key(ov.doc.blocks[oi].text), definition_key(nv.doc.blocks[ni].text)
        return not (ko and kn and ko != kn)

    def sim(o: int, n: int) -> float:
        a, b = ov.paragraphs[o], nv.paragraphs[n]
        return max(para_score(a, b), stemming.cosine(so.c(o), sn.c(n)) - refine.COS_MARGIN)

    def regions() -> dict[int, set[int]]:
        out: dict[int, set[int]] = defaultdict(set)
        for o, n, _ in prov_found.one_to_one:
            out[ov.provisions[o].index].add(nv.provisions[n].index)
        for og, ng, _ in prov_found.grouped:
            for o in og:
                out[ov.provisions[o].index].update(nv.provisions[n].index for n in ng)
        return out

    def inside(found):
        return _back(found, refine.refine(_plain(found), ov.paragraphs, nv.paragraphs, ov.doc,
                                          nv.doc, regions(), sim, so, sn, compatible))

    para_found = _weak_moves_undone(para_found, ov, nv, regions())
    para_found = inside(para_found)
    paired = regions()
    po = set(paired)
    pn = {n for ns in paired.values() for n in ns}
    para_found = _back(para_found, orphans.orphans(_plain(para_found), ov.paragraphs, nv.paragraphs,
                                                   so, sn, po, pn, sim, compatible))
    before = len(prov_found.one_to_one)
    prov_found = rescue(prov_found, para_found, ov, nv)
    if len(prov_found.one_to_one) > before:
        para_found = inside(para_found)        # the provisions just paired are regions too
    return para_found, prov_found
