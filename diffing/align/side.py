"""What both matchers share: one document prepared for alignment, the scorers, the score of
a 1:1 pair, and the reading order of pairs.

In: a ``Document`` (and a ``Vocabulary`` shared by the two sides).  Out: a ``Side`` holding
its ``AlignUnit`` lists (one per provision, one per other block); scorers over two units;
``pair_score`` and ``reading_order`` over ``Pair`` lists.  ``aligner`` (matching in order)
and ``anymatch`` (matching without order) both build on this module and on nothing of each
other.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import chain

from travaux.diffing.align.matching import AlignUnit, Scorer
from travaux.diffing.align.similarity import (TfIdf, Vocabulary, anchor_key, blend, cosine,
                                              normalize, normalize_all)
from travaux.diffing.model import PROVISION_KINDS, Document, Pair, PairKind
from travaux.diffing.segment.parts import Part
from travaux.diffing.segment.parts import parts as parts_of

_SAMPLE_FROM = 64       # provisions of this many words or more are indexed by ...
_SAMPLE = 8             # ... one bigram in eight (chosen by value)
_DEFINITION = re.compile(r"^\s*[\u2018\u201c'\"]([^\u2019\u201d'\"]{1,80})[\u2019\u201d'\"]\s*,?\s*"
                         r"(means|shall mean|refers to|has the meaning|is defined)\b", re.I)


def definition_key(text: str) -> str:
    """Anchor key of a definition ("" for any other text): the term it defines, so
    that "'personal data' means ..." pairs with its successor whatever its number
    and wording."""
    m = _DEFINITION.match(text)
    return f"\x01definition\x00{normalize(m.group(1))}" if m else ""


class Side:
    """The units of one document: one per provision, one per other block, and the
    document part of every block (``parts``, see ``diffing.segment.parts``).

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
        # financial statement, signatures ...): an anchor key names its part; a
        # definition is keyed by its defined term
        self.parts = parts_of(doc)
        keys = [definition_key(b.text) or (k if not k or p is Part.ENACTING else f"{p.value}\x00{k}")
                for k, p, b in zip(keys, self.parts, blocks)]
        is_prov = [b.kind in PROVISION_KINDS for b in blocks]
        # codes in order of first use: paragraphs first, then provision headings
        # (the shingle sample of long provisions depends on the codes)
        vocabulary.learn(chain.from_iterable(t for t, p in zip(toks, is_prov) if not p))
        head = {i: (norms[i] if b.text else "") for i, b in enumerate(blocks) if is_prov[i]}
        content: dict[int, list[int]] = {i: [] for i in head}
        for i in range(len(blocks)):
            prov = self.prov_of[i]
            if not is_prov[i] and prov is not None and self.parts[i] is Part.ENACTING:
                content[prov].append(i)         # signatures are no article's content
        bare = {i for i in head if not head[i] and not any(norms[j] for j in content[i])}
        vocabulary.learn(chain.from_iterable(
            toks[i] if blocks[i].text else normalize(blocks[i].label).split() if i in bare else ()
            for i in head))
        codes = vocabulary.codes.__getitem__
        wstrs = ["" if p and not head[i] else "".join(map(codes, t))
                 for i, (t, p) in enumerate(zip(toks, is_prov))]
        self.paragraphs: list[AlignUnit] = []
        self.provisions: list[AlignUnit] = []
        for i, b in enumerate(blocks):
            if is_prov[i]:
                continue
            prov = self.prov_of[i]
            norm = norms[i]
            self.paragraphs.append(AlignUnit(i, norm, keys[i], toks[i], label=b.label,
                                             wstr=wstrs[i], context=prov))
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
            self.provisions.append(AlignUnit(i, norm, anchor_key(norm) if joined else "", words_,
                                             label=b.label, sample=sample, wstr=wstr, raw=joined))

    def raw(self, unit: AlignUnit) -> str:
        """The text whose change makes a pair "edited": a provision's whole content."""
        return self.doc.blocks[unit.index].text if unit.raw is None else unit.raw


def paragraph_score(a: AlignUnit, b: AlignUnit) -> float:
    """Paragraphs compared by a blend of character and word ratios."""
    return blend(a.norm, b.norm, a.wstr, b.wstr)


def provision_scorer(old: list[AlignUnit], new: list[AlignUnit]) -> Scorer:
    """Provisions' content compared by tf-idf cosine (1.0 for the same normalised text)."""
    model = TfIdf([u.words for u in old] + [u.words for u in new])

    def vec(u: AlignUnit) -> dict[str, float]:
        if u.memo.vector is None:
            u.memo.vector = model.vector(u.words)
        return u.memo.vector

    def score(a: AlignUnit, b: AlignUnit) -> float:
        if a.norm == b.norm:
            return 1.0
        return max(0.0, min(1.0, cosine(vec(a), vec(b))))
    return score


def pair_score(similarity: float, edited: bool) -> float:
    """The score a 1:1 pair reports: 1.0 exactly when nothing changed, otherwise the
    similarity rounded to four places and kept below 1.0 (an edited pair never reads as
    identical)."""
    return 1.0 if not edited else min(round(similarity, 4), 0.9999)


def reading_order(pairs: list[Pair]) -> tuple[Pair, ...]:
    """Pairs in reading order of the new document; a deleted pair goes right after
    the pair holding the nearest preceding old block that did not move."""
    new_of_old: dict[int, int] = {}
    for p in pairs:
        if p.new and p.kind is not PairKind.MOVED:    # a moved neighbour says nothing of place
            for o in p.old:
                new_of_old[o] = min(p.new)
    olds = sorted(new_of_old)

    def key(p: Pair) -> tuple[int, int, int]:
        if p.new:
            return (min(p.new), 0, min(p.old) if p.old else -1)
        o = min(p.old)
        k = bisect_left(olds, o) - 1
        return (new_of_old[olds[k]] if k >= 0 else -1, 1, o)
    return tuple(sorted(pairs, key=key))
