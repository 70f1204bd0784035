"""Renderers: structured ``Document``/``Diff`` objects -> str, one module per format.

``render(diff, fmt)`` is the one entry point for a comparison.  Every format but
JSON goes through the same view model (``renderers.viewmodel.build``: sections
per provision, rows per aligned pair, numbered changes, summary, contents), so
the terminal report, the Markdown, the side-by-side and the redline HTML count
and number the same things.  JSON serialises the ``Diff`` itself (its contract
is in ``renderers.json_``).  Renderers take structured diffs, never serialized
ones, and never import the history store or the CLI.
"""

from __future__ import annotations

from travaux.diffing.model import Diff, TextEnum


def _reasons(diff: Diff) -> dict[tuple[tuple[str, ...], str, str], str]:
    """Why each substantive change matters (``Change.reason``), by (kinds, old, new): the
    view's change records do not carry it.  Equal keys are equal changes; the first
    reason is kept."""
    out: dict[tuple[tuple[str, ...], str, str], str] = {}
    for pd in diff.pairs + diff.provisions:
        for c in pd.changes:
            if c.reason:
                out.setdefault((tuple(str(k) for k in c.kinds), c.old, c.new), c.reason)
    return out


class Format(TextEnum):
    """The output formats of a comparison (``--format``)."""

    TEXT = "text"          # the terminal report
    JSON = "json"          # the JSON contract (renderers.json_)
    HTML = "html"          # side-by-side HTML
    REDLINE = "redline"    # one-column redline HTML
    MD = "md"              # Markdown


FORMATS = tuple(f.value for f in Format)


def render(diff: Diff, fmt: Format | str, *, colour: bool = False, timestamp: bool = False) -> str:
    """``diff`` in format ``fmt`` (text, json, html, redline or md).

    ``colour``: ANSI colour in the text report (the CLI decides: a terminal and
    no NO_COLOR).  ``timestamp``: stamp HTML with the time of rendering (without
    it the same inputs give byte-identical output).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    fmt = Format(fmt)
    if fmt is Format.JSON:
        from travaux.renderers import json_

        return json_.render(diff)
    from travaux.renderers.viewmodel import build

    view = build(diff)
    if fmt in (Format.TEXT, Format.MD):
        from travaux.renderers import markdown, text
        from travaux.renderers.uncertainty import notes

        if fmt is Format.TEXT:
            return text.render(view, colour=colour, uncertain=notes(diff), reasons=_reasons(diff),
                               substitutions=diff.summary.substitutions)
        return markdown.render(view, uncertain=notes(diff))
    from travaux.renderers import html

    return html.render(view, "sbs" if fmt is Format.HTML else "redline", timestamp=timestamp)


__all__ = ["render", "Format", "FORMATS"]
