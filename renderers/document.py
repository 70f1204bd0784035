"""Document -> str: the output of ``travaux parse``.

In: a ``Document`` (from ``diffing.parse``) and a format name.  Out: the text
outline or the JSON structure, deterministic (same document, same bytes).

``text``: a header line (name, format, language, symbol, date, title), then
one line per block in document order -- indentation by depth, the citation
path, the kind in brackets, the first words of the text (about 60 characters)
-- then one line of counts: blocks per kind and artefacts per kind.  Control
characters from the document are shown as U+FFFD so a hostile file cannot
drive the terminal.

JSON contract of ``travaux parse --format json``
-------------------------------------------------

One object, keys always in this order, UTF-8 (``ensure_ascii=False``),
indented by 2, ending with a newline::

    {
      "version": 1,
      "document": {"name": "...", "format": "text|markdown|docx|pdf|html|xml",
                   "symbol": "...", "title": "...", "date": "YYYY-MM-DD or empty",
                   "language": "ISO 639-1 or empty"},
      "blocks": [
        {"path": ["Article 31", "2", "(a)"], "kind": "subparagraph", "label": "(a)",
         "title": "", "text": "...", "start": 0, "end": 0,
         "label_start": 0, "label_end": 0, "parent": 12, "depth": 2}
      ],
      "artefacts": [{"kind": "running_head", "text": "...", "start": 0, "end": 0}]
    }

* ``version`` -- the schema version (1); it changes only when a key is removed
  or its meaning changes (new keys may be added).
* ``blocks`` are in document order.  ``kind`` is one of title, part, chapter,
  section, article, preamble, recital, paragraph, subparagraph, text, footnote,
  toc.  ``path`` is the citation path (unique in the document); ``label`` the
  normalised label ("Article 31", "2", "(a)", "¶1"); ``title`` the heading of an
  article or division ("" if none); ``text`` the cleaned body (whitespace
  collapsed, artefacts removed).
* ``start``/``end`` index the block body, ``label_start``/``label_end`` its
  label (-1 when there is none) in the text the reader extracted from the file
  (Python ``str`` indices, i.e. Unicode code points); ``parent`` is the index
  of the enclosing block in ``blocks`` (``null`` at top level), ``depth`` its
  nesting level (0 at top level).
* ``artefacts`` are the pieces of source text kept out of block texts (running
  heads, page numbers, footnote markers, furniture, markup, hyphens,
  separators), with the same kind of offsets; ``text`` is the source slice.
"""

from __future__ import annotations

import json
from collections import Counter

from travaux.diffing.errors import OptionError
from travaux.diffing.unsafe import scrub
from travaux.diffing.model import ArtefactKind, BlockKind, Document, TextEnum


class ParseFormat(TextEnum):
    """The output formats of ``travaux parse`` (``--format``)."""

    TEXT = "text"          # the outline: path, kind, first words
    JSON = "json"          # the full structure (schema below)


FORMATS = tuple(f.value for f in ParseFormat)
SCHEMA_VERSION = 1
PREVIEW = 60



def render(doc: Document, fmt: ParseFormat | str) -> str:
    if fmt == ParseFormat.JSON:
        return render_json(doc)
    if fmt == ParseFormat.TEXT:
        return render_text(doc)
    raise OptionError(f"unknown parse output format {fmt!r}; use one of: {', '.join(FORMATS)}")


# --------------------------------------------------------------------------- json


def to_dict(doc: Document) -> dict:
    m = doc.meta
    return {
        "version": SCHEMA_VERSION,
        "document": {"name": m.name, "format": m.format, "symbol": m.symbol, "title": m.title,
                     "date": m.date, "language": m.language},
        "blocks": [
            {"path": list(b.path), "kind": str(b.kind), "label": b.label, "title": b.title,
             "text": b.text, "start": b.start, "end": b.end, "label_start": b.label_start,
             "label_end": b.label_end, "parent": b.parent, "depth": b.depth}
            for b in doc.blocks
        ],
        "artefacts": [
            {"kind": str(a.kind), "text": a.text, "start": a.start, "end": a.end}
            for a in doc.artefacts
        ],
    }


def render_json(doc: Document) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- text


def _safe(s: str) -> str:
    return scrub(s)


def preview(text: str, width: int = PREVIEW) -> str:
    """The first words of ``text``, cut at a word boundary, "…" when cut."""
    text = " ".join(_safe(text).split())
    if len(text) <= width:
        return text
    cut = text[:width + 1].rsplit(" ", 1)[0] if " " in text[:width + 1] else text[:width]
    return cut.rstrip(" ,;:") + "…"


def _counts(counter: Counter, order) -> str:
    return ", ".join(f"{counter[str(k)]} {k}" for k in order if counter[str(k)])


def render_text(doc: Document) -> str:
    m = doc.meta
    head = [m.name or "(unnamed)", f"format={m.format}"]
    head += [f"{k}={_safe(v)}" for k, v in (("language", m.language), ("symbol", m.symbol),
                                            ("date", m.date)) if v]
    lines = [" ".join(head)]
    if m.title:
        lines.append(f"title: {preview(m.title, 100)}")

    cites = ["  " * b.depth + _safe(b.citation) for b in doc.blocks]
    width = min(max((len(c) for c in cites), default=0), 40)
    kind_width = max((len(str(k)) for k in BlockKind), default=0) + 2
    for cite, b in zip(cites, doc.blocks):
        kind = f"[{b.kind}]".ljust(kind_width)
        lines.append(f"{cite.ljust(width)}  {kind}  {preview(b.text)}".rstrip())

    blocks = Counter(str(b.kind) for b in doc.blocks)
    arts = Counter(str(a.kind) for a in doc.artefacts)
    summary = f"{len(doc.blocks)} block{'s' * (len(doc.blocks) != 1)}"
    if blocks:
        summary += f" ({_counts(blocks, BlockKind)})"
    summary += f"; {len(doc.artefacts)} artefact{'s' * (len(doc.artefacts) != 1)}"
    if arts:
        summary += f" ({_counts(arts, ArtefactKind)})"
    lines.append(summary)
    return "\n".join(lines) + "\n"


__all__ = ["render", "ParseFormat", "render_json", "render_text", "to_dict", "preview", "FORMATS",
           "SCHEMA_VERSION"]
