"""The word diff of one pair cut into what each column shows.

In: a ``PairDiff`` (spans + classified changes) and the numbers given to its
changes.  Out: three tuples of ``Piece`` -- the old column (equal + deleted
text), the new column (equal + inserted text) and the one-column redline
(equal, deleted and inserted text in reading order).

A ``Piece`` is a run of segments that is either plain (``change == 0``) or one
numbered ``Change``.  Nothing is dropped: spans that no change covers are still
shown as deletions/insertions, in a plain piece.  Group texts (split/merged
pairs) are joined with "\\n" by compare; the "\\n" becomes a ``brk`` segment so
that each block starts on its own line.  Where one column has nothing for a
change (a pure deletion seen from the new text), it gets a ``gap`` segment: a
visible mark "something was removed here".
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from travaux.diffing.model import Op, PairDiff, TextEnum
from travaux.diffing.words.tokens import tokenize


class SegOp(TextEnum):
    """What a segment of a column shows."""

    EQUAL = "equal"      # text both versions have
    DEL = "del"          # deleted text
    INS = "ins"          # inserted text
    BRK = "brk"          # a paragraph break (the "\n" joining the blocks of a group)
    GAP = "gap"          # nothing on this side for a change: "something was removed/added here"


@dataclass(frozen=True, slots=True)
class Segment:
    op: SegOp
    text: str = ""       # the text shown ("" for BRK and GAP)
    masked: str = ""     # an equal span whose two sides differ (ignore option): the other text
    source: SegOp | None = None   # BRK: the op of the span the break came from (DEL: old text only)


@dataclass(frozen=True, slots=True)
class Piece:
    segments: tuple[Segment, ...]
    change: int = 0      # 1-based change number; 0 = not (part of) a numbered change
    editorial: bool = False
    kinds: str = ""      # "modal, wording": for the title tooltip
    detail: str = ""
    anchor: bool = False  # this piece carries the change's id (one per change and layout)


def _split(op: SegOp, text: str, masked: str = "") -> list[Segment]:
    if "\n" not in text:           # the usual case: one block, one segment
        return [Segment(op, text, masked)] if text else []
    out: list[Segment] = []
    for i, part in enumerate(text.split("\n")):
        if i:
            out.append(Segment(SegOp.BRK, source=op))
        if part:
            out.append(Segment(op, part, masked if i == 0 else ""))
    return out


def _masked(old: str, new: str) -> list[tuple[str, str, bool]]:
    """An equal span whose sides differ (an ignore option, or the joins of a
    split/merged group) cut into runs ``(old, new, marked)``: only the words
    that really differ are marked; a difference of whitespace alone (a space
    that became a paragraph break) is not a mark."""
    a, b = tokenize(old), tokenize(new)
    runs: list[tuple[str, str, bool]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        o, n = "".join(a[i1:i2]), "".join(b[j1:j2])
        marked = tag != "equal" and o.split() != n.split()
        if runs and runs[-1][2] == marked:
            runs[-1] = (runs[-1][0] + o, runs[-1][1] + n, marked)
        else:
            runs.append((o, n, marked))
    # "criminal group" -> "Criminal Group" reads as one mark, not two
    out: list[tuple[str, str, bool]] = []
    for run in runs:
        if (run[2] and len(out) >= 2 and out[-2][2] and not out[-1][2]
                and not out[-1][0].strip() and not out[-1][1].strip()):
            gap = out.pop()
            prev = out.pop()
            run = (prev[0] + gap[0] + run[0], prev[1] + gap[1] + run[1], True)
        out.append(run)
    return out


def _sides(spans) -> tuple[list[Segment], list[Segment], list[Segment]]:
    old: list[Segment] = []
    new: list[Segment] = []
    inline: list[Segment] = []
    for s in spans:
        if s.op is Op.EQUAL and s.old != s.new:
            for o, n, marked in _masked(s.old, s.new):
                old += _split(SegOp.EQUAL, o, n if marked else "")
                new += _split(SegOp.EQUAL, n, o if marked else "")
                inline += _split(SegOp.EQUAL, n, o if marked else "")
        elif s.op is Op.EQUAL:
            old += _split(SegOp.EQUAL, s.old)
            new += _split(SegOp.EQUAL, s.new)
            inline += _split(SegOp.EQUAL, s.new)
        elif s.op is Op.DELETE:
            old += _split(SegOp.DEL, s.old)
            inline += _split(SegOp.DEL, s.old)
        else:
            new += _split(SegOp.INS, s.new)
            inline += _split(SegOp.INS, s.new)
    return old, new, inline


def cut(pd: PairDiff, numbered) -> tuple[tuple[Piece, ...], tuple[Piece, ...], tuple[Piece, ...]]:
    """(old column, new column, redline) pieces of ``pd``; ``numbered`` are the
    ``ChangeView`` of ``pd.changes`` in the same order (for their numbers)."""
    spans = pd.spans
    bounds = sorted(zip(pd.changes, numbered), key=lambda cn: cn[0].span_start)
    old_p: list[Piece] = []
    new_p: list[Piece] = []
    inl_p: list[Piece] = []

    def plain(lo: int, hi: int) -> None:
        if lo >= hi:
            return
        o, n, i = _sides(spans[lo:hi])
        if o:
            old_p.append(Piece(tuple(o)))
        if n:
            new_p.append(Piece(tuple(n)))
        if i:
            inl_p.append(Piece(tuple(i)))

    pos = 0
    for change, view in bounds:
        start, end = max(change.span_start, pos), max(change.span_end, pos)
        plain(pos, start)
        o, n, i = _sides(spans[start:end])
        meta = dict(change=view.number, editorial=not view.substantive,
                    kinds=", ".join(view.kinds), detail=view.detail)
        new_anchor = bool(n)
        old_p.append(Piece(tuple(o) or (Segment(SegOp.GAP),), anchor=not new_anchor, **meta))
        new_p.append(Piece(tuple(n) or (Segment(SegOp.GAP),), anchor=new_anchor, **meta))
        inl_p.append(Piece(tuple(i), anchor=True, **meta))
        pos = end
    plain(pos, len(spans))
    return tuple(old_p), tuple(new_p), tuple(inl_p)
