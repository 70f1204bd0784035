"""Self-contained HTML of a comparison: ``View`` -> one HTML5 file.

In: the view model; the layout, ``"sbs"`` (side by side: ``--format html``) or
``"redline"`` (one column with ``<del>``/``<ins>``: ``--format redline``); and
``timestamp`` (stamp the time of rendering; off by default so that the same
inputs give byte-identical files).  Out: one HTML file with its CSS and
JavaScript inlined: it opens offline from an e-mail attachment, asks for
nothing over the network (a Content-Security-Policy with ``default-src 'none'``
and the hashes of our own style and script forbids anything else, so text
that slipped through as markup could still not run) and prints with both
columns (see ``templates/compare.css``).

The templates only loop over the view model; jinja2 autoescapes every value
(``undefined=StrictUndefined`` turns a typo into an error, not a blank).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from travaux.renderers.viewmodel import View

TEMPLATES = Path(__file__).resolve().parent / "templates"
LAYOUTS = ("sbs", "redline")

# Two columns of legal prose need the width of a landscape page; one column does not.
_PAGE = {"sbs": "@page { size: A4 landscape; margin: 12mm 11mm 14mm; }\n",
         "redline": "@page { size: A4; margin: 18mm 16mm 18mm; }\n"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def render(view: View, layout: str = "sbs", timestamp: bool = False) -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown HTML layout {layout!r}")
    css = _PAGE[layout] + _asset("compare.css")
    js = _asset("compare.js")
    csp = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    stamp = ""
    if timestamp:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return environment().get_template("compare.html").render(
        view=view, layout=layout, css=Markup(css), js=Markup(js), csp=csp, stamp=stamp,
    )


def print_templates(view: View) -> tuple[str, str]:
    """Header and footer for a headless Chromium print (Playwright ``page.pdf(
    display_header_footer=True, header_template=..., footer_template=...)``): both
    documents' identifiers and "page X of Y" on every page.  Chromium ignores CSS
    ``@page`` margin boxes, so a PDF made by a program gets them this way; a reader
    printing from the browser gets the page's own running head (``.runhead``)."""
    ids = escape(f"{view.old.heading} \u2192 {view.new.heading}")
    style = "font: 7pt sans-serif; color: #444; width: 100%; padding: 0 11mm;"
    header = f'<div style="{style}">{ids}</div>'
    footer = (f'<div style="{style} display: flex; justify-content: space-between;">'
              f'<span>{ids}</span><span>page <span class="pageNumber"></span> of '
              f'<span class="totalPages"></span></span></div>')
    return header, footer
