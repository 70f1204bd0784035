"""Quoted matter: the text an amending bill inserts into another Act.

In: the candidate units of a document and the spans the reader marked as quoted
(US bill XML ``<quoted-block>``; ``diffing.read.markup.Mark``).  Out: the units
split into the document's own and the runs of quoted units (``partition``), and,
once each part has been built on its own, one list of blocks in document order
where every quoted run hangs under the provision whose instruction introduces it
(``graft``).

Why apart: quoted matter carries the numbering of the Act it amends ("(f)" of
INA § 236), not of the bill.  Judged in the bill's sequence it became a sibling
of the bill's own subsections ("Sec. 3 > (f)", and the bill's real (f) then
"(f) [2]").  Built on its own and grafted, it reads
``Sec. 3 > (b) > (2) > “(f)”``: every label inside quoted matter is written
between curly double quotes (an unnumbered quoted paragraph is ``“¶1”``), so a
path says at a glance which part of it is the bill's and which the quotation's.
The parent is the labelled block the instruction belongs to: the instruction
itself ("(2) by adding at the end the following:"), or the block whose unlabelled
lead-in text introduces the quotation ("(f) Limit on injunctive relief / Section
242(f) ... is amended by adding at the end following:").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, TypeVar

from travaux.diffing.model import BlockKind

#: ``outline.Proto`` (not imported: outline imports this module)
Proto = Any

__all__ = ["partition", "graft", "quote_label"]

U = TypeVar("U")

#: Kinds quoted matter never keeps: a quoted "SEC. 5." is text of another Act, not a
#: provision (or division) of this document.
_DEMOTE = frozenset({BlockKind.ARTICLE, BlockKind.PART, BlockKind.CHAPTER, BlockKind.SECTION,
                     BlockKind.RECITAL, BlockKind.TITLE, BlockKind.PREAMBLE})


def quote_label(label: str) -> str:
    """ "(f)" -> "“(f)”" (the mark of a quoted label in a path)."""
    return f"\u201c{label}\u201d" if label else label


def partition(units: Sequence[U], spans: Sequence[tuple[int, int]],
              start_of=lambda u: u.start) -> tuple[list[U], list[list[U]]]:
    """The units outside the quoted ``spans`` and the runs of consecutive quoted units."""
    main: list[U] = []
    runs: list[list[U]] = []
    if not spans:
        return list(units), runs
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    last_quoted = False
    for u in units:
        pos = start_of(u)
        k = bisect_right(starts, pos) - 1
        quoted = k >= 0 and spans[k][0] <= pos < spans[k][1]
        if quoted:
            if not last_quoted:
                runs.append([])
            runs[-1].append(u)
        else:
            main.append(u)
        last_quoted = quoted
    return main, runs


def _pos(b: Proto) -> int:
    return b.label_start if b.label_start >= 0 else b.start


def _anchor(blocks: Sequence[Proto], k: int) -> int | None:
    """The block a quotation following ``blocks[:k]`` hangs under (see the docstring)."""
    idx: int | None = k - 1 if k > 0 else None
    while idx is not None and blocks[idx].kind is BlockKind.TEXT and blocks[idx].parent is not None:
        idx = blocks[idx].parent
    return idx


def graft(main: list[Proto], runs: list[list[Proto]]) -> list[Proto]:
    """One list in document order: each run of quoted blocks under its anchor in ``main``.

    ``main`` is in document order; ``runs`` are blocks built apart (their parents index
    into their own run), in document order.  Parents are re-indexed; quoted blocks get
    ``quoted=True``, quoted labels and no provision or division kind.
    """
    runs = [r for r in runs if r]
    if not runs:
        return main
    # Where each run goes: after the main blocks that start before it.
    cuts = []
    k = 0
    for run in runs:
        at = _pos(run[0])
        while k < len(main) and _pos(main[k]) < at:
            k += 1
        cuts.append(k)
    order: list[tuple[int, int]] = []        # (group, index): group 0 = main, r = run r
    r = 0
    for i in range(len(main) + 1):
        while r < len(runs) and cuts[r] == i:
            order.extend((r + 1, j) for j in range(len(runs[r])))
            r += 1
        if i < len(main):
            order.append((0, i))
    anchors = [_anchor(main, k) for k in cuts]       # (before parents are re-indexed)
    new_index = {key: n for n, key in enumerate(order)}
    out: list[Proto] = []
    for g, i in order:
        if g == 0:
            b = main[i]
            b.parent = None if b.parent is None else new_index[(0, b.parent)]
        else:
            b = runs[g - 1][i]
            if b.parent is not None:
                b.parent = new_index[(g, b.parent)]
            else:
                anchor = anchors[g - 1]
                b.parent = None if anchor is None else new_index[(0, anchor)]
            b.quoted = True
            if b.kind in _DEMOTE:
                b.kind = BlockKind.PARAGRAPH
            if b.label.startswith("para "):
                b.label = b.label[5:]
            if b.kind is not BlockKind.TEXT:
                b.label = quote_label(b.label)
        out.append(b)
    return out
