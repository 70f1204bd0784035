"""The one summary of a comparison: counts computed once, here, and only formatted downstream.

In: the paragraph-level ``PairDiff``s of a comparison and its provision-level
ones (whose texts are the headings, label + title).  Out: a ``Summary`` (see
``diffing.model``): pairs per ``PairKind`` at each level, changes per
``ChangeKind``, and the number of substantive and editorial changes.

Heading changes are counted IN, on purpose: a provision heading that changed
("Article 5 Prevention" -> "Article 6 Prevention and detection") is shown to the
reader as a numbered change like any other, so every output (JSON, text,
Markdown, HTML, and the history's log and diff) gives the same number, and that
number is the count of changes a reader can step through.  ``Summary.headings``
says how many of them are heading changes, for a caller who wants the
paragraph-level count alone (``substantive + editorial - headings``).

Every change counts once in ``substantive`` or ``editorial``; in ``changes`` it
counts once under each of its kinds (a "reference/insertion" change counts
under both).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from travaux.diffing.model import ChangeKind, PairDiff, PairKind, Substitution, Summary


def _per_pair_kind(pds: Iterable[PairDiff]) -> tuple[tuple[PairKind, int], ...]:
    counts = Counter(pd.pair.kind for pd in pds)
    return tuple((k, counts[k]) for k in PairKind if counts[k])


def summarize(pairs: Iterable[PairDiff], provisions: Iterable[PairDiff] = (),
              substitutions: Iterable[Substitution] = ()) -> Summary:
    """Counts over the paragraph pairs and the provision (heading) pairs of a comparison;
    ``substitutions``: the document-wide substitutions found (``classify.substitution``),
    listed as they are (each of their occurrences is already an editorial change)."""
    pairs, provisions = tuple(pairs), tuple(provisions)
    kinds: Counter[ChangeKind] = Counter()
    substantive = editorial = headings = 0
    for level, pds in ((0, pairs), (1, provisions)):
        for pd in pds:
            for c in pd.changes:
                kinds.update(set(c.kinds))
                if c.substantive:
                    substantive += 1
                else:
                    editorial += 1
                headings += level
    return Summary(
        pairs=_per_pair_kind(pairs),
        changes=tuple((k, kinds[k]) for k in ChangeKind if kinds[k]),
        substantive=substantive, editorial=editorial,
        provisions=_per_pair_kind(provisions), headings=headings,
        substitutions=tuple(substitutions))


__all__ = ["summarize"]
