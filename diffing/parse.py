"""Read and segment: a file, bytes or a string -> ``Document``.

In: a path, raw bytes with an optional file name, or text already extracted.
Out: the ``Document`` (structure with offsets into the extracted text) that
``align``/``compare`` and the renderers take.  This module only composes the
two steps ``diffing.read`` (bytes -> text + metadata) and
``diffing.segment.segment`` (text -> Document); errors a user can fix arrive
as ``InputError`` from the reader.
"""

from __future__ import annotations

from pathlib import Path

from travaux.diffing.model import Document, DocumentMeta, SourceFormat
from travaux.diffing.read.reader import Extracted, normalise_newlines, read_bytes, read_path


def _segment(extracted: Extracted) -> Document:
    # Imported here so that reading works (and is tested) on its own.
    from travaux.diffing.segment.segmenter import segment

    return segment(extracted.text, extracted.meta, extracted.layout)


def parse_path(path: Path) -> Document:
    """Read the file at ``path`` (txt, md, docx, pdf, html, xml) and segment it."""
    return _segment(read_path(Path(path)))


def parse_bytes(data: bytes, name: str = "") -> Document:
    """Read ``data`` (the content of a file called ``name``) and segment it."""
    return _segment(read_bytes(data, name))


def parse_string(text: str, name: str = "",
                 format: SourceFormat | str = SourceFormat.TEXT) -> Document:
    """Segment ``text`` that is already plain text (``format`` is recorded in the meta).

    Line endings are normalised as for a text file; nothing else is changed.
    """
    text = normalise_newlines(text)
    meta = DocumentMeta(name=Path(name).name if name else "", format=SourceFormat(format))
    return _segment(Extracted(text=text, format=format, meta=meta))


__all__ = ["parse_path", "parse_bytes", "parse_string"]
