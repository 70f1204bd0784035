"""Text -> Document: recover the structure of a legal text, losslessly.

In: the extracted text (``str``, never altered) and the reader's
``DocumentMeta``.  Out: a ``Document`` whose blocks (titles, divisions,
articles, numbered paragraphs, subparagraphs, preamble, recitals, footnotes,
table of contents) carry offsets into the text, and whose artefacts record
every piece of page furniture, markup or debris left out of block texts.

The pipeline is a row of small passes:

1. ``diffing.meta``       symbol, date, language, title stated by the text;
2. ``diffing.artefacts``  markup, running heads, page numbers, furniture, debris;
3. ``diffing.footnotes``  footnote lists and the markers glued to words;
4. ``diffing.units``      candidate block starts (lines, blank lines, flattened text);
5. ``diffing.outline``    labels judged in sequence, nesting, paths.

``clean`` is the one definition of a block's text: its span with artefacts
(and nested footnote lists) removed, hyphenated line breaks joined, whitespace
collapsed.  Invariant (tested): ``block.text == block_text(doc, i)``, and block
bodies + labels + artefacts cover every non-whitespace character.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from travaux.diffing.segment import artefacts
from travaux.diffing.segment import footnotes
from travaux.diffing.segment.meta import detect as detect_meta
from travaux.diffing.model import (Artefact, ArtefactKind, Block, BlockKind, Document, DocumentMeta,
                                   Layout, SourceFormat)
from travaux.diffing.segment.outline import Flavour, build
from travaux.diffing.segment.units import FORMULA, find_toc, split

__all__ = ["segment", "clean", "block_text", "holes_of"]

_MD_HEADING_LINE = re.compile(r"^#{1,6}[ \t]*\S", re.M)


def clean(source: str, start: int, end: int, artefacts: Sequence[Artefact] = (),
          holes: Sequence[tuple[int, int]] = ()) -> str:
    """The text of ``source[start:end]`` without artefacts and holes.

    Artefacts are removed (a hyphen artefact also swallows the line break after
    it, re-joining the word); holes (footnote lists inside a paragraph) count as
    a space; whitespace runs become one space; the result is stripped.
    ``artefacts`` must be sorted and non-overlapping (as in ``Document``).
    """
    cuts: list[tuple[int, int, bool | None]] = []
    i = bisect_right(artefacts, start, key=lambda a: a.end)
    while i < len(artefacts) and artefacts[i].start < end:
        a = artefacts[i]
        cuts.append((max(a.start, start), min(a.end, end), a.kind is ArtefactKind.HYPHEN))
        i += 1
    for s, e in holes:
        if s < end and e > start:
            cuts.append((max(s, start), min(e, end), None))
    if not cuts:
        return " ".join(source[start:end].split())
    cuts.sort()
    out: list[str] = []
    pos, join = start, False
    for s, e, hyphen in cuts:
        if e <= pos:
            continue
        s = max(s, pos)
        piece = source[pos:s]
        if join:
            stripped = piece.lstrip()
            join = not stripped
            piece = stripped
        out.append(piece)
        if hyphen is None:
            out.append(" ")
        elif hyphen:
            join = True
        pos = e
    tail = source[pos:end]
    out.append(tail.lstrip() if join else tail)
    return " ".join("".join(out).split())


def holes_of(blocks: Sequence[Block], index: int) -> list[tuple[int, int]]:
    """Spans of the other blocks lying inside block ``index``'s body (footnote lists
    printed in the middle of a paragraph)."""
    b = blocks[index]
    out = []
    for j, o in enumerate(blocks):
        if j == index or o.kind is not BlockKind.FOOTNOTE:
            continue
        s = o.label_start if o.label_start >= 0 else o.start
        if b.start <= s and o.end <= b.end and (s, o.end) != (b.start, b.end):
            out.append((s, o.end))
    return out


def block_text(doc: Document, index: int) -> str:
    """Recompute block ``index``'s text from its span (the invariant ``clean`` defines)."""
    b = doc.blocks[index]
    return clean(doc.source, b.start, b.end, doc.artefacts, holes_of(doc.blocks, index))


def _flavour(text: str, meta: DocumentMeta) -> tuple[Flavour, bool]:
    lines = text.splitlines() or [""]
    longest = max(map(len, lines))
    body = len(text.strip())
    flat = body > 0 and longest > 0.5 * body and longest > 300
    markdown = meta.format is SourceFormat.MARKDOWN or len(_MD_HEADING_LINE.findall(text, 0, 200000)) >= 2
    head = text[:20000]
    formula = FORMULA.search(head)
    resolution = "/RES/" in meta.symbol or bool(re.match(r"\s*Decision \d+/\d+", text)) or \
        bool(formula and not formula[0].isupper())
    us_bill = bool(re.search(r"\b\d+(?:st|nd|rd|th) CONGRESS\b|Congress of the United States", text[:1500], re.I))
    return Flavour(markdown=markdown, layout="\f" in text, resolution=resolution, us_bill=us_bill), flat


def segment(text: str, meta: DocumentMeta = DocumentMeta(), layout: Layout | None = None) -> Document:
    """Parse ``text`` into a ``Document`` (blocks + artefacts, offsets into ``text``).

    ``layout`` (PDF) gives artefacts and footnote entries the page layout shows;
    they are taken first, and footnotes are then not looked for in the text."""
    meta = detect_meta(text, meta)
    arts = artefacts.find_artefacts(text, meta.symbol, meta.format)
    if layout is not None:      # the page layout knows better: text-found pieces yield to it
        taken = layout.artefacts
        arts = artefacts.merge(list(taken), [a for a in arts if not any(
            t.start < a.end and a.start < t.end for t in taken[bisect_left(taken, a.start, key=lambda t: t.end):][:8])])
    masked = artefacts.mask(text, arts)
    if layout is not None and layout.notes:
        notes = [footnotes.Footnote(n.number, n.label_start, n.label_end, n.start, n.end)
                 for n in layout.notes]
    else:
        notes, extra = footnotes.find_lists(text, masked, arts)
        arts = artefacts.merge(arts, extra)
    masked = artefacts.mask(text, arts)
    toc = find_toc(masked)
    regions = [(n.label_start, n.end) for n in notes]
    skip = regions + ([(toc[0], toc[2])] if toc else [])
    if layout is None or not layout.notes:
        arts = artefacts.merge(arts, footnotes.find_markers(text, masked, {n.number for n in notes}, skip))
    masked = artefacts.mask(text, arts)
    arts = artefacts.merge(arts, artefacts.hyphens(text, masked))
    masked = artefacts.mask(text, arts)

    flavour, flat = _flavour(text, meta)
    whole = [(toc[0], toc[2], "toc")] if toc else []
    units = split(text, masked, layout=flavour.layout, flat=flat, markdown=flavour.markdown,
                  whole=whole, holes=regions, blank_breaks=layout is not None)
    protos = build(masked, units, notes, flavour)

    arts_t = tuple(arts)
    note_spans = sorted((p.label_start if p.label_start >= 0 else p.start, p.end)
                        for p in protos if p.kind is BlockKind.FOOTNOTE)
    note_starts = [s for s, _ in note_spans]
    blocks = []
    for p in protos:
        holes = []
        if p.kind is not BlockKind.FOOTNOTE and note_spans:
            k = bisect_left(note_starts, p.start)
            while k < len(note_spans) and note_spans[k][0] < p.end:
                if note_spans[k][1] <= p.end:
                    holes.append(note_spans[k])
                k += 1
        text_ = clean(text, p.start, p.end, arts_t, holes)
        blocks.append(Block(
            kind=p.kind, label=p.label, path=p.path, text=text_, start=p.start, end=p.end,
            label_start=p.label_start, label_end=p.label_end,
            title=text_ if p.heading else "", parent=p.parent, depth=p.depth))
    return Document(meta=meta, source=text, blocks=tuple(blocks), artefacts=arts_t)
