"""travaux: the drafting history of legal texts.

Public API::

    import travaux
    old = travaux.parse("proposal.txt")          # -> diffing.model.Document
    new = travaux.parse("final.txt")
    diff = travaux.compare(old, new)             # -> diffing.model.Diff
    html = travaux.render(diff, "html")          # side-by-side redline
    hist = travaux.open_history("negotiation/")  # -> history.History
"""

from __future__ import annotations

from pathlib import Path

from dataclasses import replace

from travaux.diffing.errors import TravauxError
from travaux.diffing.model import CompareOptions, Diff, Document

__all__ = ["parse", "parse_text", "compare", "render", "open_history", "init_history",
           "CompareOptions", "Document", "Diff", "TravauxError"]


def parse(path: str | Path) -> Document:
    """Read a file (.txt, .md, .docx, .pdf, .html, .xml) into a Document."""
    from travaux.diffing.parse import parse_path

    return parse_path(Path(path))


def parse_text(text: str, name: str = "") -> Document:
    """Segment text already in memory into a Document."""
    from travaux.diffing.parse import parse_string

    return parse_string(text, name=name)


def compare(old: Document | str | Path, new: Document | str | Path,
            options: CompareOptions | None = None, **kwargs) -> Diff:
    """Align two versions and word-diff every aligned pair.

    ``old``/``new`` are Documents or paths; keyword arguments are CompareOptions fields
    (``ignore_case=True``), applied over ``options`` when both are given; an unknown
    keyword raises TypeError.
    """
    from travaux.diffing.compare import compare as _compare

    options = replace(options or CompareOptions(), **kwargs)
    old_doc = old if isinstance(old, Document) else parse(old)
    new_doc = new if isinstance(new, Document) else parse(new)
    return _compare(old_doc, new_doc, options)


def render(diff: Diff, fmt: str = "text", **kwargs) -> str:
    """Render a Diff as text, json, html, redline or md."""
    from travaux.renderers import render as _render

    return _render(diff, fmt, **kwargs)


def open_history(directory: str | Path):
    """Open the drafting history kept in ``directory``."""
    from travaux.history import open_history as _open

    return _open(Path(directory))


def init_history(directory: str | Path):
    """Create an empty drafting history in ``directory``."""
    from travaux.history import init_history as _init

    return _init(Path(directory))
