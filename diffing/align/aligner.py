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
4. kinds come from order: a pair inside a provision pair that keeps the relative
   order of its siblings (longest increasing subsequence) is unchanged,
   modified or renumbered; otherwise, or when the two provisions are not paired
   with each other, it is moved.
``match="any"`` ignores order: see ``diffing.anymatch``.

Speed: every block is normalised once, in one pass over the document; the
cyclic garbage collector is paused while aligning (see ``_no_gc``).
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from contextlib import contextmanager
from itertools import chain

from travaux.diffing.align import anymatch
from travaux.diffing.align import pins
from travaux.diffing.align import confidence, orphans, refine
from travaux.diffing.align import stems as stemming
from travaux.diffing.segment.parts import Part
from travaux.diffing.segment.parts import parts as parts_of
from travaux.diffing.errors import OptionError
from travaux.diffing.align.matching import Unit, groups, lis, match
from travaux.diffing.model import (PROVISION_KINDS, Alignment, CompareOptions, Document, Level, Pair,
                           PairKind)
from travaux.diffing.align.similarity import (TfIdf, Vocabulary, anchor_key, blend, cosine, normalize,
                                normalize_all)

#: Provisions placed by the structure (mutual best, between matched neighbours)
#: are paired down to this share of the threshold: tf-idf cosines of heavily
#: rewritten articles run lower than character ratios of paragraphs.
_PROVISION_RELAXED = 0.6
_RESCUE_SHARE = 0.3
#: Paragraphs inside two pinned provisions pair down to this share of the threshold.
_PIN_RELAXED = 0.5
_SAMPLE_FROM = 64       # provisions of this many words or more are indexed by ...
_SAMPLE = 8             # ... one bigram in eight (chosen by value)


class View:
    """The units of one document: one per provision, one per other block.

    Every block is normalised once (in one pass over the whole document) and a
    provision's content is the concatenation of its blocks' words, never
    re-normalised."""

    def __init__(self, doc: Document, vocabulary: Vocabulary):
        self.doc = doc
        blocks = doc.blocks
        self.prov_of: list[int | None] = []
        for i, b in enumerate(blocks):
            if b.kind in PROVISION_KINDS:
                self.prov_of.append(i)
            elif b.parent is not None and b.parent < i:
                self.prov_of.append(self.prov_of[b.parent])
            else:
                self.prov_of.append(None)
        norms, toks, keys = normalize_all([b.text or b.label for b in blocks])   # "" keys never anchor
        # each block is paired only within its part (enacting terms, memorandum,
        # financial statement, signatures ...): an anchor key names its part
        self.parts = parts_of(doc)
        keys = [k if not k or p is Part.ENACTING else f"{p.value}\x00{k}"
                for k, p in zip(keys, self.parts)]
        # a definition is keyed by the term it defines: "'personal data' means"
        # is the same definition whatever its number and wording
        keys = [definition_key(b.text) or k for k, b in zip(keys, blocks)]
        is_prov = [b.kind in PROVISION_KINDS for b in blocks]
        # codes in order of first use: paragraphs first, then provision headings
        # (the shingle sample of long provisions depends on the codes)
        vocabulary.learn(chain.from_iterable(t for t, p in zip(toks, is_prov) if not p))
        head = {i: (norms[i] if b.text else "") for i, b in enumerate(blocks) if is_prov[i]}
        content: dict[int, list[int]] = {i: [] for i in head}
        for i in range(len(blocks)):
            if not is_prov[i] and self.prov_of[i] is not None and self.parts[i] is Part.ENACTING:
                content[self.prov_of[i]].append(i)       # signatures are no article's content
        bare = {i for i in head if not head[i] and not any(norms[j] for j in content[i])}
        vocabulary.learn(chain.from_iterable(
            toks[i] if blocks[i].text else normalize(blocks[i].label).split() if i in bare else ()
            for i in head))
        codes = vocabulary.codes.__getitem__
        wstrs = ["" if p and not head[i] else "".join(map(codes, t))
                 for i, (t, p) in enumerate(zip(toks, is_prov))]
        self.paragraphs: list[Unit] = []
        self.provisions: list[Unit] = []
        for i, b in enumerate(blocks):
            if is_prov[i]:
                continue
            prov = self.prov_of[i]
            norm = norms[i]
            self.paragraphs.append(Unit(i, norm, keys[i], toks[i],
                                        None, b.label, 1, wstrs[i], prov))
        for i, members in content.items():
            b = blocks[i]
            parts = ([i] if head[i] else []) + [j for j in members if norms[j]]
            joined = " ".join(t for t in [b.text] + [blocks[j].text for j in members] if t)
            if parts:
                norm = " ".join(norms[j] for j in parts)
                words_ = list(chain.from_iterable(toks[j] for j in parts))
                wstr = "".join(wstrs[j] for j in parts)
            else:
                norm = normalize(b.label)
                words_ = norm.split()
                wstr = vocabulary.encode(words_)
            sample = 1 if len(wstr) < _SAMPLE_FROM else _SAMPLE
            self.provisions.append(Unit(i, norm, anchor_key(norm) if joined else "", words_,
                                        None, b.label, sample, wstr, None, {"raw": joined}))

    def raw(self, unit: Unit) -> str:
        return unit.extra.get("raw", self.doc.blocks[unit.index].text)


def paragraph_score(a: Unit, b: Unit) -> float:
    return blend(a.norm, b.norm, a.wstr, b.wstr)


def _check(options: CompareOptions) -> None:
    if options.match not in ("order", "any"):
        raise OptionError(f"match mode {options.match!r} is unknown; use 'order' or 'any'")
    if not 0.0 <= options.threshold <= 1.0:
        raise OptionError(f"threshold {options.threshold} is outside 0..1; give e.g. --threshold 0.5")


def _positions(units: list[Unit]) -> dict[int, int]:
    return {u.index: p for p, u in enumerate(units)}


def _provision_scorer(old: list[Unit], new: list[Unit]):
    model = TfIdf([u.words for u in old] + [u.words for u in new])

    def vec(u: Unit) -> dict[str, float]:
        v = u.extra.get("vec")
        if v is None:
            v = u.extra["vec"] = model.vector(u.words)
        return v

    def score(a: Unit, b: Unit) -> float:
        if a.norm == b.norm:
            return 1.0
        return max(0.0, min(1.0, cosine(vec(a), vec(b))))
    return score


def _kinds(pairs_1to1, old_units, new_units, old_view, new_view, same_context, level,
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
    score = 1.0 if not edited else min(round(s, 4), 0.9999)
    return Pair(kind, (ou.index,), (nu.index,), score, level, edited=edited,
                pinned=(o, n) in pinned)


def _match_level(old_units, new_units, *, threshold, forced, scorer, same_context, relaxed,
                 scatter=False, **kw):
    """Matches and groups of one level, as positions in the unit lists."""
    old_pos, new_pos = _positions(old_units), _positions(new_units)
    forced_pos = {(old_pos[o], new_pos[n]) for o, n in forced}
    matches = match(old_units, new_units, threshold=threshold, forced=sorted(forced_pos),
                    scorer=scorer, same_context=same_context, relaxed=relaxed, **kw)
    grouped, one_to_one = groups(old_units, new_units, matches, threshold, forced_pos,
                                 scatter=scatter)
    return one_to_one, grouped, forced_pos


def _finish(found, old_units, new_units, ov, nv, same_context, level) -> tuple[Pair, ...]:
    one_to_one, grouped, forced_pos = found
    pairs = _kinds(one_to_one, old_units, new_units, ov, nv, same_context, level,
                   forced_pos, grouped)
    used_old = {i for p in pairs for i in p.old}
    used_new = {i for p in pairs for i in p.new}
    pairs += [Pair(PairKind.DELETED, (u.index,), (), 0.0, level) for u in old_units
              if u.index not in used_old]
    pairs += [Pair(PairKind.INSERTED, (), (u.index,), 0.0, level) for u in new_units
              if u.index not in used_new]
    return reading_order(pairs)


def _rescue(prov_found, para_found, ov: View, nv: View, scorer) -> None:
    """Pair provisions left unpaired whose paragraphs were paired with each other:
    when the paired paragraphs hold at least a third of the words of the smaller
    provision and each provision is the other's best, the provisions are the same (a provision that grew trailing matter,
    or was rewritten around a kept core).  Keeps the two levels consistent."""
    one_to_one, grouped, _ = prov_found
    o_pos, n_pos = _positions(ov.provisions), _positions(nv.provisions)
    used_o = {o for o, _, _ in one_to_one} | {o for g in grouped for o in g[0]}
    used_n = {n for _, n, _ in one_to_one} | {n for g in grouped for n in g[1]}
    votes: dict[tuple[int, int], int] = defaultdict(int)
    pairs = [((o,), (n,)) for o, n, _ in para_found[0]] + [(g[0], g[1]) for g in para_found[1]]
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
    for n, (w, o) in sorted(best_n.items()):
        smaller = min(len(ov.provisions[o].words), len(nv.provisions[n].words))
        if best_o[o][1] != n or w < _RESCUE_SHARE * smaller:
            continue
        one_to_one.append((o, n, scorer(ov.provisions[o], nv.provisions[n])))
    one_to_one.sort()


def _inside_pins(prov_pins, para_found, ov: View, nv: View, threshold: float) -> None:
    """Pair the paragraphs left over inside each pinned provision pair with each
    other, in order, down to ``_PIN_RELAXED`` of the threshold: a user who pins
    Article 7 = Article 8 expects their paragraphs matched even when rewritten."""
    one_to_one, grouped, _ = para_found
    used_o = {o for o, _, _ in one_to_one} | {o for g in grouped for o in g[0]}
    used_n = {n for _, n, _ in one_to_one} | {n for g in grouped for n in g[1]}
    left_o: dict[int, list[int]] = defaultdict(list)
    left_n: dict[int, list[int]] = defaultdict(list)
    for p, u in enumerate(ov.paragraphs):
        if p not in used_o and u.context is not None:
            left_o[u.context].append(p)
    for p, u in enumerate(nv.paragraphs):
        if p not in used_n and u.context is not None:
            left_n[u.context].append(p)
    for o_idx, n_idx in prov_pins:
        olds, news = left_o.get(o_idx, []), left_n.get(n_idx, [])
        found = pins.inside([ov.paragraphs[p] for p in olds], [nv.paragraphs[p] for p in news],
                            paragraph_score, threshold * _PIN_RELAXED)
        one_to_one.extend((olds[i], news[j], s) for i, j, s in found)
    one_to_one.sort()


def _second_pass(para_found, prov_found, ov: View, nv: View, paired, para_score, prov_scorer):
    """What survives heavy rewriting (``refine``, ``orphans``): leftovers inside
    each provision pair, then paragraphs of unpaired provisions searched in the
    whole other text and the provisions their links join paired (and refined in
    turn).  Returns (paragraph matches, provision matches)."""
    stems = stemming.Stems(ov.doc.meta.language or nv.doc.meta.language)
    so, sn = stemming.StemCache(ov.paragraphs, stems), stemming.StemCache(nv.paragraphs, stems)
    op, np_ = ov.parts, nv.parts

    def compatible(o: int, n: int) -> bool:
        """Same part; and two definitions only when they define the same term."""
        oi, ni = ov.paragraphs[o].index, nv.paragraphs[n].index
        if op[oi] is not np_[ni]:
            return False
        ko, kn = definition_key(ov.doc.blocks[oi].text), definition_key(nv.doc.blocks[ni].text)
        return not (ko and kn and ko != kn)

    def sim(o: int, n: int) -> float:
        a, b = ov.paragraphs[o], nv.paragraphs[n]
        return max(para_score(a, b), stemming.cosine(so.c(o), sn.c(n)) - refine.COS_MARGIN)

    def paired_sets():
        po = {ov.provisions[o].index for o, _, _ in prov_found[0]}
        po |= {ov.provisions[o].index for g in prov_found[1] for o in g[0]}
        pn = {nv.provisions[n].index for _, n, _ in prov_found[0]}
        pn |= {nv.provisions[n].index for g in prov_found[1] for n in g[1]}
        return po, pn

    def regions() -> dict[int, set[int]]:
        out: dict[int, set[int]] = defaultdict(set)
        for o, n, _ in prov_found[0]:
            out[ov.provisions[o].index].add(nv.provisions[n].index)
        for og, ng, _ in prov_found[1]:
            for o in og:
                out[ov.provisions[o].index].update(nv.provisions[n].index for n in ng)
        return out

    def inside(found):
        return refine.refine(found, ov.paragraphs, nv.paragraphs, ov.doc, nv.doc, regions(),
                             sim, so, sn, compatible)

    para_found = inside(para_found)
    po, pn = paired_sets()
    before = len(prov_found[0])
    para_found = orphans.orphans(para_found, ov.paragraphs, nv.paragraphs, so, sn, po, pn, sim, compatible)
    _rescue(prov_found, para_found, ov, nv, prov_scorer)
    if len(prov_found[0]) > before:
        para_found = inside(para_found)        # the provisions just paired are regions too
    return para_found, prov_found


_DEFINITION = re.compile(r"^\s*[\u2018\u201c'\"]([^\u2019\u201d'\"]{1,80})[\u2019\u201d'\"]\s*,?\s*"
                         r"(means|shall mean|refers to|has the meaning|is defined)\b", re.I)


def definition_key(text: str) -> str:
    """Anchor key of a definition ("" for any other text): its defined term."""
    m = _DEFINITION.match(text)
    return f"\x01definition\x00{normalize(m.group(1))}" if m else ""


_RIVALS = 5     # units each side of a partner's place that could have been chosen instead


def _confidence(provisions, paragraphs, ov: View, nv: View, paired, para_score, prov_scorer,
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
        return confidence.mark(pairs, scored, rivals_of_old, rivals_of_new, threshold, low)

    return (level(provisions, ov.provisions, nv.provisions, prov_scorer, confidence.LOW_PROVISION, False),
            level(paragraphs, ov.paragraphs, nv.paragraphs, para_score, confidence.LOW, True))


def _within_parts(found, ov: View, nv: View):
    """Drop the groups (splits, merges) that join blocks of different parts: a
    sentence of the financial statement is never a part of an article.  (1:1
    matches are kept within parts by the scorer and the anchor keys.)  A group
    holding two definitions of the same term is cut back to that pair: one
    definition does not absorb its neighbours."""
    one_to_one, grouped, forced = found
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
            one_to_one.extend((o, n, paragraph_score(ov.paragraphs[o], nv.paragraphs[n])) for o, n in same)
            continue
        kept.append((og, ng, s))
    one_to_one.sort()
    return one_to_one, kept, forced


def reading_order(pairs: list[Pair]) -> tuple[Pair, ...]:
    """Pairs in reading order of the new document; a deleted pair goes right after
    the pair holding the nearest preceding old block that did not move."""
    new_of_old: dict[int, int] = {}
    for p in pairs:
        if p.new and p.kind is not PairKind.MOVED:    # a moved neighbour says nothing of place
            for o in p.old:
                new_of_old[o] = min(p.new)
    olds = sorted(new_of_old)
    from bisect import bisect_left

    def key(p: Pair):
        if p.new:
            return (min(p.new), 0, min(p.old) if p.old else -1)
        o = min(p.old)
        k = bisect_left(olds, o) - 1
        return (new_of_old[olds[k]] if k >= 0 else -1, 1, o)
    return tuple(sorted(pairs, key=key))


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
    ov, nv = View(old, vocabulary), View(new, vocabulary)
    if options.match == "any":
        return anymatch.align_any(ov, nv, options.threshold, prov_pins, para_pins)
    scorer = _provision_scorer(ov.provisions, nv.provisions)
    prov_found = _match_level(ov.provisions, nv.provisions, threshold=options.threshold,
                              forced=prov_pins, scorer=scorer, same_context=None,
                              relaxed=_PROVISION_RELAXED, window=2, k=4)
    paired: dict[int | None, set[int | None]] = {None: {None}}

    def same_context(co, cn) -> bool:
        return cn in paired.get(co, ())

    def note_pairs() -> None:
        for o, n, _ in prov_found[0]:
            paired.setdefault(ov.provisions[o].index, set()).add(nv.provisions[n].index)
        for og, ng, _ in prov_found[1]:
            for o in og:
                paired.setdefault(ov.provisions[o].index, set()).update(nv.provisions[n].index for n in ng)

    note_pairs()
    o_parts, n_parts = ov.parts, nv.parts

    def para_score(a: Unit, b: Unit) -> float:
        return paragraph_score(a, b) if o_parts[a.index] is n_parts[b.index] else 0.0

    para_found = _match_level(ov.paragraphs, nv.paragraphs, threshold=options.threshold,
                              forced=para_pins, scorer=para_score,
                              same_context=same_context, relaxed=1.0, scatter=True)
    para_found = _within_parts(para_found, ov, nv)
    if prov_pins:
        _inside_pins(prov_pins, para_found, ov, nv, options.threshold)
    _rescue(prov_found, para_found, ov, nv, scorer)
    note_pairs()
    para_found, prov_found = _second_pass(para_found, prov_found, ov, nv, paired, para_score, scorer)
    note_pairs()
    provisions = _finish(prov_found, ov.provisions, nv.provisions, ov, nv, None, Level.PROVISION)
    paragraphs = _finish(para_found, ov.paragraphs, nv.paragraphs, ov, nv, same_context,
                         Level.PARAGRAPH)
    provisions, paragraphs = _confidence(provisions, paragraphs, ov, nv, paired, para_score, scorer,
                                         options.threshold)
    return Alignment(old, new, provisions, paragraphs)
