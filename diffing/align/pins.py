"""User-forced pairs: citations in ``CompareOptions.pins`` -> block indices.

In: two Documents and the pins ("Article 7", "Article 8") given with ``--pin``
or a mapping file.  Out: forced provision pairs and forced paragraph pairs as
(old index, new index).  A citation that names no block raises ``OptionError``
naming the citation and the nearest citations that do exist.

``inside`` pairs the paragraphs left over inside two pinned provisions: the
user said the provisions are the same, so their paragraphs are paired in
order even when heavily rewritten (a lowered threshold, chosen by the caller).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from travaux.diffing.citation import names, normalise
from travaux.diffing.errors import OptionError
from travaux.diffing.model import PROVISION_KINDS, Document


def _lookup(doc: Document, citation: str, side: str) -> int:
    """Exact citation first, then the same ignoring case and spacing, then the
    citation as people write it ("Art. 14(3)(a)", "§ 2 Abs. 4"; ``citation.names``)."""
    found = doc.find(citation)
    if found is not None:
        return found
    wanted = normalise(citation)
    for i, b in enumerate(doc.blocks):
        if normalise(b.citation) == wanted:
            return i
    named = [i for i, b in enumerate(doc.blocks) if names(b.path, citation)]
    if len(named) == 1:
        return named[0]
    cites = [b.citation for b in doc.blocks]
    near = process.extract(citation, cites, scorer=fuzz.WRatio, limit=3)
    hint = ", ".join(repr(c) for c, _, _ in near)
    name = doc.meta.name or f"the {side} document"
    raise OptionError(f"pin {citation!r} names no block of {name}; "
                      + (f"did you mean {hint}?" if hint else "that document has no blocks"))


def resolve(old: Document, new: Document, pins) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Split pins into (provision pairs, paragraph pairs) of block indices."""
    provisions: list[tuple[int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    seen_old: dict[int, str] = {}
    seen_new: dict[int, str] = {}
    for old_cite, new_cite in pins:
        o = _lookup(old, old_cite, "old")
        n = _lookup(new, new_cite, "new")
        o_prov = old.blocks[o].kind in PROVISION_KINDS
        n_prov = new.blocks[n].kind in PROVISION_KINDS
        if o_prov != n_prov:
            raise OptionError(f"pin {old_cite!r}={new_cite!r} pairs a provision with a paragraph; "
                              "pin provisions to provisions and paragraphs to paragraphs")
        if o in seen_old or n in seen_new:
            dup = old_cite if o in seen_old else new_cite
            raise OptionError(f"{dup!r} is pinned twice; give each block at most one pin")
        seen_old[o], seen_new[n] = old_cite, new_cite
        (provisions if o_prov else paragraphs).append((o, n))
    return provisions, paragraphs


#: Above this many candidate pairs inside one pinned provision pair, ``inside``
#: gives up (it scores every pair): no real article has that many leftovers.
_MAX_CELLS = 250_000


def inside(olds: list, news: list, scorer, floor: float) -> list[tuple[int, int, float]]:
    """Order-preserving pairs (i, j, score) of ``olds`` x ``news`` (positions in
    the two lists) with the largest total score, each scoring >= ``floor``:
    a weighted longest common subsequence, so a rewritten paragraph is paired
    with the one in the same place rather than with a look-alike further on.
    Ties: the earlier old paragraph is skipped first (deterministic)."""
    n, m = len(olds), len(news)
    if not n or not m or n * m > _MAX_CELLS:
        return []
    score = [[scorer(a, b) for b in news] for a in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        row, nxt, sc = best[i], best[i + 1], score[i]
        for j in range(m):
            take = row[j] + sc[j] if sc[j] >= floor else -1.0
            nxt[j + 1] = max(row[j + 1], nxt[j], take)
    out = []
    i, j = n, m
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            out.append((i - 1, j - 1, score[i - 1][j - 1]))
            i, j = i - 1, j - 1
    return out[::-1]
