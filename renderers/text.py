"""Terminal report of a comparison: ``View`` -> text.

In: the view model of a ``Diff``; ``colour`` (the CLI asks for it only on a
terminal without NO_COLOR).  Out: a report that reads top to bottom:

    travaux: A/AC.254/4 (draft.txt, 1999-01-19) -> A/RES/55/25 (final.txt, 2000-11-15)
    Provisions: 2 modified, 1 renumbered ...
    Changes: 17 (14 substantive, 3 editorial): wording 5, insertion 4, ...

    == Article 6 -> Article 5  Jurisdiction  [renumbered]
    -- Article 6(1), Article 6(2) -> Article 5(1)  [merged]  #17 wording
       Each State Party shall establish its jurisdiction[-.-]{+, including+} ...

Only what changed is listed (unchanged provisions and paragraphs are counted,
not printed).  The word diff uses the marks of ``git diff --word-diff``:
``[-deleted-]`` and ``{+inserted+}``; with colour they are also red/green, the
marks stay so that the report survives copy-paste and colour blindness.
Blocks of a split/merged group start on their own line; a break that only one
side has is also marked (``{+↵+}``).  Control characters in the documents are shown as U+FFFD: a draft must not be
able to move the cursor or recolour the terminal.
"""

from __future__ import annotations


from travaux.diffing.unsafe import scrub
from travaux.renderers.pieces import Piece, SegOp
from travaux.renderers.viewmodel import Count, MetaView, Row, Section, View

BREAK = "\u21b5"      # a line break between blocks of a group that only one side has

RESET, BOLD, DIM, RED, GREEN, CYAN, YELLOW = ("\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m",
                                              "\x1b[32m", "\x1b[36m", "\x1b[33m")


def clean(text: str) -> str:
    """Untrusted text made safe for a terminal (tabs and newlines kept)."""
    return scrub(text)


class _Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour and text else text


def _meta(m: MetaView) -> str:
    extra = ", ".join(x for x in (m.name, m.date) if x and x not in m.heading)
    return clean(m.heading + (f" ({extra})" if extra else ""))


def _counts(counts: tuple[Count, ...]) -> str:
    return ", ".join(f"{c.count} {c.name}" for c in counts) or "none"


def _word_diff(pieces: tuple[Piece, ...], style: _Style, indent: str) -> str:
    out: list[str] = []
    for piece in pieces:
        for seg in piece.segments:
            text = clean(seg.text)
            if seg.op is SegOp.DEL:
                out.append(style(RED, f"[-{text}-]"))
            elif seg.op is SegOp.INS:
                out.append(style(GREEN, f"{{+{text}+}}"))
            elif seg.op is SegOp.BRK and seg.source is SegOp.DEL:   # a break only the old text has
                out.append(style(RED, f"[-{BREAK}-]"))
            elif seg.op is SegOp.BRK:
                mark = style(GREEN, f"{{+{BREAK}+}}") if seg.source is SegOp.INS else ""
                out.append(mark + "\n" + indent)
            else:
                out.append(text)
    return indent + "".join(out)


def _change_list(row: Row) -> str:
    parts = []
    for c in row.changes:
        label = "/".join(c.kinds) + (f" ({c.detail})" if c.detail else "")
        parts.append(f"#{c.number} {label}")
    return "  ".join(parts)


def _reason_lines(row: Row, style: _Style, reasons) -> list[str]:
    """One line per substantive change that says why it matters (``Change.reason``)."""
    out = []
    for c in row.changes:
        r = reasons.get((tuple(c.kinds), c.old, c.new), "") if reasons else ""
        if r:
            out.append("   " + style(DIM, f"(#{c.number} {clean(r)})"))
    return out


def _row(row: Row, style: _Style, uncertain: dict | None = None, reasons=None) -> list[str]:
    head = f"-- {style(CYAN, clean(row.cite))}  [{row.kind}{' + edited' if row.edited else ''}]"
    note = (uncertain or {}).get((row.old.cites, row.new.cites))
    if note:                                    # a guess is never shown as fact
        head += "  " + style(YELLOW, f"[{clean(note)}]")
    if row.moved_cite and row.kind == "moved" and row.moved_cite not in row.cite:
        head += f"  (from {clean(row.moved_cite)})"
    if row.changes:
        head += "  " + style(DIM, _change_list(row))
    lines = [head]
    if row.inline and (row.changes or row.kind in ("inserted", "deleted")):
        lines.append(_word_diff(row.inline, style, "   "))
    lines += _reason_lines(row, style, reasons)
    return lines


def _section(sec: Section, style: _Style, uncertain: dict | None = None, reasons=None) -> list[str]:
    title = f"  {clean(sec.title)}" if sec.title else ""
    badge = f"  [{sec.kind}]" if sec.kind else ""
    lines = [style(BOLD, f"== {clean(sec.label)}{title}") + style(YELLOW, badge)]
    unchanged = 0
    for row in sec.rows:
        if row.kind == "ghost":
            lines.append(f"-- {clean(row.cite)}  moved to {clean(row.moved_cite)}")
        elif row.changed or (uncertain or {}).get((row.old.cites, row.new.cites)):
            lines += _row(row, style, uncertain, reasons)
        else:
            unchanged += 1
    if unchanged:
        lines.append(style(DIM, f"   ({unchanged} unchanged paragraph{'s' * (unchanged > 1)})"))
    return lines


def render(view: View, colour: bool = False, uncertain: dict | None = None, reasons=None,
           substitutions=()) -> str:
    """The terminal report; ``uncertain`` maps a row's (old cites, new cites) to
    its uncertainty note (``renderers.uncertainty.notes``); ``reasons`` maps a change to
    the reason it is substantive; ``substitutions`` are the document-wide ones."""
    style = _Style(colour)
    s = view.summary
    lines = [
        style(BOLD, "travaux: ") + f"{_meta(view.old)} \u2192 {_meta(view.new)}",
        f"Provisions: {_counts(s.provisions)}",
        f"Paragraphs: {_counts(s.pairs)}",
        f"Changes: {s.total} ({s.substantive} substantive, {s.editorial} editorial)"
        + (": " + ", ".join(f"{c.name} {c.count}" for c in s.changes) if s.changes else ""),
    ]
    if substitutions:
        lines.append("Substitutions (document-wide, each counted once): " + ", ".join(
            f"{clean(x.old)} \u2192 {clean(x.new)} ({x.count}\u00d7)" for x in substitutions))
    if view.options:
        lines.append("Options: " + ", ".join(view.options))
    for note in view.notes:
        lines.append(f"Note: {clean(note)}")
    changed = [sec for sec in view.sections if sec.changed]
    if not changed:
        lines += ["", "No differences."]
    for sec in changed:
        lines.append("")
        lines += _section(sec, style, uncertain, reasons)
    hidden = len(view.sections) - len(changed)
    if hidden and changed:
        lines += ["", style(DIM, f"({hidden} unchanged section{'s' * (hidden > 1)} not shown)")]
    return "\n".join(lines) + "\n"
