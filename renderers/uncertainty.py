"""Uncertain pairings, as the reports word them: ``Diff`` -> a note per row.

In: a ``Diff`` whose pairs carry ``uncertain`` / ``runner_up`` /
``runner_up_score`` (filled by ``diffing.align.confidence``).  Out: for every
uncertain pair, its note — "uncertain: runner-up Article 9(2), 0.61" or
"uncertain: low similarity 0.42" — keyed by the row's citations (old cites,
new cites), which identify a pair because every block is in exactly one pair
of its level.  The text and Markdown reports print the note beside the row,
so that a pairing that is a guess is never shown as fact.
"""

from __future__ import annotations

from travaux.diffing.model import Diff, Pair
from travaux.diffing.citation import cite

Key = tuple[tuple[str, ...], tuple[str, ...]]


def note(diff: Diff, pair: Pair) -> str:
    """The note of one pair ("" when it is certain)."""
    if not pair.uncertain:
        return ""
    if pair.runner_up:
        side = diff.new if pair.old else diff.old       # no old block: the runner-up is old
        where = cite(side.blocks[pair.runner_up[0]].path)
        return f"uncertain: runner-up {where}, {pair.runner_up_score:.2f}"
    return f"uncertain: low similarity {pair.score:.2f}"


def notes(diff: Diff) -> dict[Key, str]:
    out: dict[Key, str] = {}
    for pd in diff.provisions + diff.pairs:
        text = note(diff, pd.pair)
        if text:
            key = (tuple(cite(diff.old.blocks[i].path) for i in pd.pair.old),
                   tuple(cite(diff.new.blocks[i].path) for i in pd.pair.new))
            out[key] = text
    return out
