"""Markdown report of a comparison (``--format md``): ``View`` -> GitHub-flavoured Markdown.

In: the view model.  Out: Markdown for pasting into issues and e-mails: a table
of the two documents, the summary, then every changed provision with its changed
paragraphs, deletions as ``~~struck~~`` and insertions as ``**bold**``.

Every character that comes from a document is escaped (``\\*``, ``\\_``,
``\\[``, ``\\<``, ``\\&`` ...), so a draft cannot produce links, HTML, headings
or emphasis of its own.  Emphasis marks never touch whitespace on their inside
(``~~ a~~`` would not render as strike-through), so leading and trailing
whitespace of a mark is moved outside it; whitespace-only insertions and
deletions are written as plain whitespace.  Where CommonMark would not see a
mark (punctuation glued to a word: ``jurisdiction~~.~~``), ``<del>``/``<ins>``
are written instead, which GitHub and most mail clients render.
"""

from __future__ import annotations

import re

from travaux.diffing.unsafe import scrub
from travaux.renderers.pieces import Piece, SegOp
from travaux.renderers.viewmodel import Count, MetaView, Row, Section, View

# CommonMark lets any ASCII punctuation be backslash-escaped.  These can open
# markup anywhere in a line (emphasis, code, links, HTML, entities, tables) ...
_INLINE = re.compile(r"([\\`*_{}\[\]<>~&|#])")
# ... these only at the start of a line (lists, quotes, headings, rules) ...
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=>])", re.M)
# ... and these would become links through GFM's autolink extension.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=www)(\.)")


def escape(text: str) -> str:
    """Document text as literal Markdown (one line: newlines become spaces)."""
    text = scrub(text).replace("\n", " ")
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(0), text)
    return _LINE_START.sub(lambda m: (f"{m.group(1)}{m.group(2)}\\{m.group(3)}" if m.group(2)
                                      else f"{m.group(4)}\\{m.group(5)}"), text)


def _mark(text: str, op: SegOp, before: str, after: str) -> str:
    """``text`` struck through or bolded; ``before``/``after``: the characters around it."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    # CommonMark: a mark that opens on punctuation right after a letter (or closes
    # on punctuation right before one) is not a mark ("jurisdiction~~.~~"), so
    # there the HTML element is written instead.
    tight = (not lead and before[-1:].isalnum() and not core[0].isalnum()) or \
        (not trail and after[:1].isalnum() and not core[-1].isalnum())
    if tight:
        tag = "del" if op is SegOp.DEL else "ins"
        return f"{lead}<{tag}>{escape(core)}</{tag}>{trail}"
    mark = "~~" if op is SegOp.DEL else "**"
    return f"{lead}{mark}{escape(core)}{mark}{trail}"


def _redline(pieces: tuple[Piece, ...]) -> str:
    segs = [seg for piece in pieces for seg in piece.segments]
    out: list[str] = []
    for i, seg in enumerate(segs):
        if seg.op in (SegOp.DEL, SegOp.INS):
            before = segs[i - 1].text if i and segs[i - 1].op is not SegOp.BRK else ""
            after = segs[i + 1].text if i + 1 < len(segs) and segs[i + 1].op is not SegOp.BRK else ""
            out.append(_mark(seg.text, seg.op, before, after))
        elif seg.op is SegOp.BRK:
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


def _row(row: Row, uncertain: dict | None = None) -> list[str]:
    head = f"**{escape(row.cite)}** \u00b7 *{row.kind}{' + edited' if row.edited else ''}*"
    note = (uncertain or {}).get((row.old.cites, row.new.cites))
    if note:                                    # a guess is never shown as fact
        head += f" \u00b7 [{escape(note)}]"
    if row.kind == "moved" and row.moved_cite:
        head += f" (from {escape(row.moved_cite)})"
    if row.changes:
        kinds = "; ".join(
            "/".join(c.kinds) + (f" ({escape(c.detail)})" if c.detail else "")
            for c in row.changes)
        head += f" \u00b7 {len(row.changes)} change{'s' * (len(row.changes) > 1)}: {kinds}"
    lines = [head, ""]
    body = _redline(row.inline) if row.changes or row.kind in ("inserted", "deleted") else ""
    if body:
        lines += [body, ""]
    return lines


def _section(sec: Section, uncertain: dict | None = None) -> list[str]:
    title = f" \u2014 {escape(sec.title)}" if sec.title else ""
    badge = f" \u00b7 *{sec.kind}*" if sec.kind else ""
    lines = [f"## {escape(sec.label)}{title}{badge}", ""]
    for row in sec.rows:
        if row.kind == "ghost":
            lines += [f"**{escape(row.cite)}** \u00b7 *moved to {escape(row.moved_cite)}*", ""]
        elif row.changed or (uncertain or {}).get((row.old.cites, row.new.cites)):
            lines += _row(row, uncertain)
    return lines


def render(view: View, uncertain: dict | None = None) -> str:
    """The Markdown report; ``uncertain`` maps a row's (old cites, new cites) to
    its uncertainty note (``renderers.uncertainty.notes``)."""
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
        lines += _section(sec, uncertain)
    return "\n".join(lines).rstrip("\n") + "\n"
