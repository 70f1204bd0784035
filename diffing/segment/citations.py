"""Which block cites each footnote: footnotes hang under the paragraph that cites them.

In: the body blocks and the footnote blocks being built (``outline.Proto``: spans,
labels "fn 7" / "fn *", depths) and, per footnote number, the offset of its first
citation (the reader's references in EUR-Lex XHTML and Formex, else the markers found
in the text; the asterisk note is number 0).  Out: nothing; each cited footnote gets the
innermost body block whose span holds the citation as its ``parent`` (and the depth
below it).  Renderers can then show a footnote with its paragraph, and the aligner pairs
it within its provision instead of with every other document's notes.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

#: ``outline.Proto`` (not imported: outline imports this module)
Proto = Any

__all__ = ["attach"]


def attach(blocks: list[Proto], foot: list[Proto], cites: dict[int, int]) -> None:
    """Each footnote under the innermost block whose span holds its first citation."""
    order = sorted(range(len(blocks)), key=lambda i: _span_start(blocks[i]))
    starts = [_span_start(blocks[i]) for i in order]
    for p in foot:
        token = p.label[3:]
        pos = cites.get(0 if token == "*" else int(token) if token.isdigit() else -1)
        if pos is None:
            continue
        k = bisect_right(starts, pos) - 1
        for j in range(k, max(-1, k - 64), -1):
            b = blocks[order[j]]
            if _span_start(b) <= pos < b.end or (pos == b.end and _span_start(b) < pos):
                p.parent, p.depth = order[j], b.depth + 1
                break


def _span_start(b: Proto) -> int:
    return b.label_start if b.label_start >= 0 else b.start
