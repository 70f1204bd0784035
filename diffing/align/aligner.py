"""Alignment: two Documents -> an ``Alignment`` of provision pairs and paragraph pairs.

In: the old and new ``Document`` and ``CompareOptions`` (threshold, pins, match
mode).  Out: ``Alignment`` whose ``provisions`` pair the ARTICLE blocks and whose
``paragraphs`` pair every other block; at each level every block of each side is
in exactly one pair.

How (``match="order"``):
1. provisions are compared by content (title + every text below them); exact
   anchors first, then a few candidates each (near the place the anchors
   predict, plus the best hits of a shingle index), scored by tf-idf cosine;
2. paragraphs are aligned over the whole document the same way, scored by
   rapidfuzz, with a bonus (a hint, not a rule) for staying inside the
   provision paired with their own provision;
3. splits and merges are looked for among the blocks left over next to a match,
   and among a block's index candidates anywhere (a paragraph moved and split);
   the paragraphs left over inside two pinned provisions are paired in order
   down to half the threshold (``diffing.pins.inside``);
4. a second pass finds what survives heavy rewriting (``diffing.align.rewrites``):
   leftovers inside each provision pair paired in place or by their stems,
   parts of splits and merges, chapeaux, paragraphs of unpaired provisions
   searched in the whole other text; a block pairs only within its document
   part (``diffing.segment.parts``);
5. every pair gets its confidence (``diffing.align.confidence``);
6. kinds come from order: a pair inside a provision pair that keeps the relative
   order of its siblings (longest increasing subsequence) is unchanged,
   modified or renumbered; otherwise, or when the two provisions are not paired
   with each other, it is moved.
``match="any"`` ignores order: see ``diffing.anymatch``.

Speed: every block is normalised once, in one pass over the document; the
cyclic garbage collector is paused while aligning (see ``_no_gc``).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, replace

from travaux.diffing.align import anymatch, confidence, pins, rewrites
from travaux.diffing.align.matching import AlignUnit, Group, Match, Scorer, groups, lis, match
from travaux.diffing.align.side import (Side, pair_score, paragraph_score, provision_scorer,
                                        reading_order)
from travaux.diffing.align.similarity import Vocabulary, normalize
from travaux.diffing.errors import OptionError
from travaux.diffing.model import Alignment, CompareOptions, Document, Level, MatchMode, Pair, PairKind

#: Provisions placed by the structure (mutual best, between matched neighbours)
#: are paired down to this share of the threshold: tf-idf cosines of heavily
#: rewritten articles run lower than character ratios of paragraphs.
_PROVISION_RELAXED = 0.6
_RESCUE_SHARE = 0.3
#: Paragraphs inside two pinned provisions pair down to this share of the threshold.
_PIN_RELAXED = 0.5


def _check(options: CompareOptions) -> None:
    if not 0.0 <= options.threshold <= 1.0:
        raise OptionError(f"threshold {options.threshold} is outside 0..1; give e.g. --threshold 0.5")


@dataclass(frozen=True, slots=True)
class LevelMatches:
    """What matching found at one level, as positions in the unit lists."""
    one_to_one: tuple[Match, ...]               # sorted
    grouped: tuple[Group, ...]                  # splits and merges
    forced: frozenset[tuple[int, int]]          # the pinned pairs among ``one_to_one``

    def used(self) -> tuple[set[int], set[int]]:
        """Old and new positions already in a match or a group."""
        used_o = {o for o, _, _ in self.one_to_one} | {o for g in self.grouped for o in g[0]}
        used_n = {n for _, n, _ in self.one_to_one} | {n for g in self.grouped for n in g[1]}
        return used_o, used_n

    def adding(self, more: list[Match]) -> LevelMatches:
        """The same with ``more`` 1:1 matches (between unused positions)."""
        return replace(self, one_to_one=tuple(sorted(self.one_to_one + tuple(more))))


def _positions(units: list[AlignUnit]) -> dict[int, int]:
    return {u.index: p for p, u in enumerate(units)}


def _kinds(pairs_1to1, old_units, new_units, old_view: Side, new_view: Side, same_context, level,
           pinned, grouped) -> list[Pair]:
    """Turn matches (positions) into Pairs with kinds; see the module docstring."""
    by_ctx: dict[tuple, list[tuple[int, int, float]]] = defaultdict(list)
    moved_ctx = []
    for o, n, s in pairs_1to1:
        co, cn = old_units[o].context, new_units[n].context
        if same_context is None or same_context(co, cn):
            by_ctx[(co, cn)].append((o, n, s))
        else:
            moved_ctx.append((o, n, s))
    out = []
    for key in sorted(by_ctx, key=lambda k: (k[0] is None, k[0] or 0, k[1] is None, k[1] or 0)):
        items = sorted(by_ctx[key])
        in_order = lis([n for _, n, _ in items])
        for pos, (o, n, s) in enumerate(items):
            out.append(_pair(o, n, s, pos in in_order, old_units, new_units, old_view, new_view,
                             level, pinned))
    for o, n, s in moved_ctx:
        out.append(_pair(o, n, s, False, old_units, new_units, old_view, new_view, level, pinned))
    for og, ng, s in grouped:
        kind = PairKind.SPLIT if len(ng) > 1 else PairKind.MERGED
        old_text = " ".join(old_view.raw(old_units[p]) for p in og)
        new_text = " ".join(new_view.raw(new_units[p]) for p in ng)
        out.append(Pair(kind, tuple(old_units[p].index for p in og), tuple(new_units[p].index for p in ng),
                        round(s, 4), level, edited=old_text != new_text))
    return out


def _pair(o, n, s, in_order, old_units, new_units, old_view, new_view, level, pinned) -> Pair:
    ou, nu = old_units[o], new_units[n]
    ob, nb = old_view.doc.blocks[ou.index], new_view.doc.blocks[nu.index]
    edited = old_view.raw(ou) != new_view.raw(nu)
    if not in_order:
        kind = PairKind.MOVED
    elif ob.path != nb.path:
        kind = PairKind.RENUMBERED
    else:
        kind = PairKind.MODIFIED if edited else PairKind.UNCHANGED
    return Pair(kind, (ou.index,), (nu.index,), pair_score(s, edited), level, edited=edited,
                pinned=(o, n) in pinned)


def _match_level(old_units, new_units, *, threshold, forced, scorer, same_context, relaxed,
                 scatter=False, **kw) -> LevelMatches:
    """Matches and groups of one level, as positions in the unit lists."""
    old_pos, new_pos = _positions(old_units), _positions(new_units)
    forced_pos = {(old_pos[o], new_pos[n]) for o, n in forced}
    matches = match(old_units, new_units, threshold=threshold, forced=sorted(forced_pos),
                    scorer=scorer, same_context=same_context, relaxed=relaxed, **kw)
    grouped, one_to_one = groups(old_units, new_units, matches, threshold, forced_pos,
                                 scatter=scatter)
    return LevelMatches(tuple(one_to_one), tuple(grouped), frozenset(forced_pos))


def _finish(found: LevelMatches, old_units, new_units, ov: Side, nv: Side, same_context,
            level) -> tuple[Pair, ...]:
    pairs = _kinds(found.one_to_one, old_units, new_units, ov, nv, same_context, level,
                   found.forced, found.grouped)
    used_old = {i for p in pairs for i in p.old}
    used_new = {i for p in pairs for i in p.new}
    pairs += [Pair(PairKind.DELETED, (u.index,), (), 0.0, level) for u in old_units
              if u.index not in used_old]
    pairs += [Pair(PairKind.INSERTED, (), (u.index,), 0.0, level) for u in new_units
              if u.index not in used_new]
    return reading_order(pairs)


def _rescue(prov_found: LevelMatches, para_found: LevelMatches, ov: Side, nv: Side,
            scorer: Scorer) -> LevelMatches:
    """Pair provisions left unpaired whose paragraphs were paired with each other:
    when the paired paragraphs hold at least a third of the words of the smaller
    provision and each provision is the other's best, the provisions are the same (a provision that grew trailing matter,
    or was rewritten around a kept core).  Keeps the two levels consistent.
    Returns ``prov_found`` with the rescued pairs added."""
    o_pos, n_pos = _positions(ov.provisions), _positions(nv.provisions)
    used_o, used_n = prov_found.used()
    votes: dict[tuple[int, int], int] = defaultdict(int)
    pairs = ([((o,), (n,)) for o, n, _ in para_found.one_to_one]
             + [(g[0], g[1]) for g in para_found.grouped])
    for og, ng in pairs:
        co, cn = ov.paragraphs[og[0]].context, nv.paragraphs[ng[0]].context
        if co is None or cn is None or o_pos[co] in used_o or n_pos[cn] in used_n:
            continue
        votes[(o_pos[co], n_pos[cn])] += sum(len(ov.paragraphs[p].words) for p in og)
    # identical titles vote too (with their word count): the title is the
    # drafters' own name for the provision
    free_titles: dict[str, list[int]] = defaultdict(list)
    for n, u in enumerate(nv.provisions):
        if n not in used_n:
            free_titles[normalize(nv.doc.blocks[u.index].text)].append(n)
    for o, u in enumerate(ov.provisions):
        title = normalize(ov.doc.blocks[u.index].text)
        if o not in used_o and title and len(free_titles.get(title, ())) == 1:
            votes[(o, free_titles[title][0])] += len(title.split())
    best_o: dict[int, tuple[int, int]] = {}
    best_n: dict[int, tuple[int, int]] = {}
    for (o, n), w in sorted(votes.items()):
        if w > best_o.get(o, (0, -1))[0]:
            best_o[o] = (w, n)
        if w > best_n.get(n, (0, -1))[0]:
            best_n[n] = (w, o)
    rescued: list[Match] = []
    for n, (w, o) in sorted(best_n.items()):
        smaller = min(len(ov.provisions[o].words), len(nv.provisions[n].words))
        if best_o[o][1] != n or w < _RESCUE_SHARE * smaller:
            continue
        rescued.append((o, n, scorer(ov.provisions[o], nv.provisions[n])))
    return prov_found.adding(rescued)


def _inside_pins(prov_pins: list[tuple[int, int]], para_found: LevelMatches, ov: Side, nv: Side,
                 threshold: float) -> LevelMatches:
    """Pair the paragraphs left over inside each pinned provision pair with each
    other, in order, down to ``_PIN_RELAXED`` of the threshold: a user who pins
    Article 7 = Article 8 expects their paragraphs matched even when rewritten.
    Returns ``para_found`` with those pairs added."""
    used_o, used_n = para_found.used()
    left_o: dict[int, list[int]] = defaultdict(list)
    left_n: dict[int, list[int]] = defaultdict(list)
    for p, u in enumerate(ov.paragraphs):
        if p not in used_o and u.context is not None:
            left_o[u.context].append(p)
    for p, u in enumerate(nv.paragraphs):
        if p not in used_n and u.context is not None:
            left_n[u.context].append(p)
    inside: list[Match] = []
    for o_idx, n_idx in prov_pins:
        olds, news = left_o.get(o_idx, []), left_n.get(n_idx, [])
        found = pins.inside([ov.paragraphs[p] for p in olds], [nv.paragraphs[p] for p in news],
                            paragraph_score, threshold * _PIN_RELAXED)
        inside.extend((olds[i], news[j], s) for i, j, s in found)
    return para_found.adding(inside)


@contextmanager
def _no_gc():
    """Alignment allocates hundreds of thousands of small objects and no
    reference cycles; the cyclic collector would walk the whole heap (both
    Documents included) again and again, which made a 1M-word alignment
    superlinear.  Reference counting still frees everything."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def align(old: Document, new: Document, options: CompareOptions = CompareOptions()) -> Alignment:
    """Pair the blocks of ``old`` and ``new`` at provision and paragraph level."""
    with _no_gc():
        return _align(old, new, options)


def _align(old: Document, new: Document, options: CompareOptions) -> Alignment:
    _check(options)
    prov_pins, para_pins = pins.resolve(old, new, options.pins)
    vocabulary = Vocabulary()
    ov, nv = Side(old, vocabulary), Side(new, vocabulary)
    if options.match is MatchMode.ANY:
        return anymatch.align_any(ov, nv, options.threshold, prov_pins, para_pins)
    scorer = provision_scorer(ov.provisions, nv.provisions)
    prov_found = _match_level(ov.provisions, nv.provisions, threshold=options.threshold,
                              forced=prov_pins, scorer=scorer, same_context=None,
                              relaxed=_PROVISION_RELAXED, window=2, k=4)
    paired: dict[int | None, set[int | None]] = {None: {None}}

    def same_context(co, cn) -> bool:
        return cn in paired.get(co, ())

    def note_pairs() -> None:
        for o, n, _ in prov_found.one_to_one:
            paired.setdefault(ov.provisions[o].index, set()).add(nv.provisions[n].index)
        for og, ng, _ in prov_found.grouped:
            for o in og:
                paired.setdefault(ov.provisions[o].index, set()).update(nv.provisions[n].index for n in ng)

    note_pairs()
    o_parts, n_parts = ov.parts, nv.parts

    def para_score(a: AlignUnit, b: AlignUnit) -> float:
        """Blocks of two different document parts never pair."""
        return paragraph_score(a, b) if o_parts[a.index] is n_parts[b.index] else 0.0

    para_found = _match_level(ov.paragraphs, nv.paragraphs, threshold=options.threshold,
                              forced=para_pins, scorer=para_score,
                              same_context=same_context, relaxed=1.0, scatter=True)
    para_found = rewrites.within_parts(para_found, ov, nv)
    if prov_pins:
        para_found = _inside_pins(prov_pins, para_found, ov, nv, options.threshold)
    prov_found = _rescue(prov_found, para_found, ov, nv, scorer)
    note_pairs()
    para_found, prov_found = rewrites.second_pass(
        para_found, prov_found, ov, nv, para_score,
        lambda pf, paf, o, n: _rescue(pf, paf, o, n, scorer))
    note_pairs()
    provisions = _finish(prov_found, ov.provisions, nv.provisions, ov, nv, None, Level.PROVISION)
    paragraphs = _finish(para_found, ov.paragraphs, nv.paragraphs, ov, nv, same_context,
                         Level.PARAGRAPH)
    provisions, paragraphs = confidence.mark_alignment(provisions, paragraphs, ov, nv, paired,
                                                       para_score, scorer, options.threshold)
    return Alignment(old, new, provisions, paragraphs)
