"""Markdown report of a comparison (``--format md``): ``View`` -> GitHub-flavoured Markdown.

In: the view model.  Out: Markdown for pasting into issues and e-mails: a table
of the two documents, the summary, then every changed provision with its changed
paragraphs, deletions as ``~~struck~~`` and insertions as ``**bold**``.

Every character that comes from a document is escaped (``\\*``, ``\\_``,
``\\[``, ``\\<``, ``\\&`` ...), so a draft cannot produce links, HTML, headings
or emphasis of its own.  Emphasis marks never touch whitespace on their inside
(``~~ a~~`` would not render as strike-through), so leading and trailing
whitespace of a mark is moved outside it; whitespace-only insertions and
deletions are written as plain whitespace.
"""

from __future__ import annotations

import re

from renderers.pieces import Piece
from renderers.viewmodel import Count, MetaView, Row, Section, View

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones
# that can start markup somewhere in a line (or a table cell).
_META = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:=\"'$^])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """Document text as literal Markdown (one line: newlines become spaces)."""
    text = _CONTROL.sub("\ufffd", text).replace("\n", " ")
    return _META.sub(r"\\\1", text)


def _mark(text: str, mark: str) -> str:
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{escape(core)}{mark}{trail}"


def _redline(pieces: tuple[Piece, ...]) -> str:
    out: list[str] = []
    for piece in pieces:
        for seg in piece.segments:
            if seg.op == "del":
                out.append(_mark(seg.text, "~~"))
            elif seg.op == "ins":
                out.append(_mark(seg.text, "**"))
            elif seg.op == "brk":
                out.append("  \n")          # hard line break between blocks of a group
            else:
                out.append(escape(seg.text))
    return "".join(out).strip()


def _counts(counts: tuple[Count, ...]) -> str:
    return ", ".join(f"{c.count} {c.name}" for c in counts) or "none"


def _meta_table(old: MetaView, new: MetaView) -> list[str]:
    lines = ["| | Old | New |", "|---|---|---|"]
    for label, attr in (("Document", "heading"), ("Title", "title"), ("Date", "date"),
                        ("File", "name"), ("Language", "language")):
        a, b = getattr(old, attr), getattr(new, attr)
        if a or b:
            lines.append(f"| {label} | {escape(a)} | {escape(b)} |")
    return lines


def _row(row: Row) -> list[str]:
    head = f"**{escape(row.cite)}** \u00b7 *{row.kind}*"
    if row.kind == "moved" and row.moved_cite:
        head += f" (from {escape(row.moved_cite)})"
    if row.changes:
        kinds = "; ".join(
            "/".join(c.kinds) + (f" ({escape(c.detail)})" if c.detail else "")
            for c in row.changes)
        head += f" \u00b7 {len(row.changes)} change{'s' * (len(row.changes) > 1)}: {kinds}"
    lines = [head, ""]
    body = _redline(row.inline)
    if body:
        lines += [body, ""]
    return lines


def _section(sec: Section) -> list[str]:
    title = f" \u2014 {escape(sec.title)}" if sec.title else ""
    badge = f" \u00b7 *{sec.kind}*" if sec.kind else ""
    lines = [f"## {escape(sec.label)}{title}{badge}", ""]
    for row in sec.rows:
        if row.kind == "ghost":
            lines += [f"**{escape(row.cite)}** \u00b7 *moved to {escape(row.moved_cite)}*", ""]
        elif row.changed:
            lines += _row(row)
    return lines


def render(view: View) -> str:
    s = view.summary
    lines = [f"# Comparison: {escape(view.old.heading)} \u2192 {escape(view.new.heading)}", ""]
    lines += _meta_table(view.old, view.new) + [""]
    lines += [f"**Provisions:** {_counts(s.provisions)}  ",
              f"**Paragraphs:** {_counts(s.pairs)}  ",
              f"**Changes:** {s.total} ({s.substantive} substantive, {s.editorial} editorial)"
              + (": " + ", ".join(f"{c.name} {c.count}" for c in s.changes) if s.changes else ""),
              ""]
    if view.options:
        lines += [f"*Options: {escape(', '.join(view.options))}*", ""]
    lines += ["Marks: ~~deleted~~, **inserted**.", ""]
    changed = [sec for sec in view.sections if sec.changed]
    if not changed:
        lines += ["No differences.", ""]
    for sec in changed:
        lines += _section(sec)
    return "\n".join(lines).rstrip("\n") + "\n"
