"""History answers -> HTML pages: blame, timeline, dossier index.

In: ``Blame``, ``Timeline`` and ``Dossier`` (read by attribute; this package
never imports ``history``).  Out: self-contained pages (no scripts, no web
fonts) styled by the comparison's stylesheet, ``templates/compare.css``, plus
the few rules only history pages need (``templates/history.css``): one look
for every page travaux writes.

Readable without colour and in print: every run of blamed words starts with
its version's number (the legend says which version that is), so a black and
white printout still answers "who wrote this"; texts keep the provision's
structure with hanging indents; a timeline step may break across pages (a
long first text used to push everything but the title to page two).
Rendering is deterministic and autoescaped (jinja2 ``autoescape=True``).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from travaux.diffing.citation import cite
from travaux.diffing.files import write_atomic
from travaux.renderers.html import TEMPLATES, environment

_ENV = environment()        # the comparison pages' settings (autoescape, StrictUndefined)
#: Version backgrounds cycle through this many classes (c1..c12, in history.css).
COLOURS = 12
_EDITORIAL = frozenset({"whitespace", "punctuation", "capitalisation", "quote_style",
                        "numbering", "spelling"})


def _css() -> Markup:
    text = (TEMPLATES / "compare.css").read_text(encoding="utf-8") + "\n" + \
        (TEMPLATES / "history.css").read_text(encoding="utf-8")
    return Markup(text)    # our own files, never user text


def _page(template: str, **kw) -> str:
    return _ENV.get_template(template).render(css=_css(), **kw)


def names(v) -> str:
    return " \u00b7 ".join(x for x in (v.label, v.date, v.body) if x)


def weighted(summary) -> str:
    """"substantive: 1 modal, 2 wording; editorial: 1 punctuation"."""
    def words(items):
        return ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in items)

    sub = [(k, n) for k, n in summary if k not in _EDITORIAL]
    edi = [(k, n) for k, n in summary if k in _EDITORIAL]
    return "; ".join(x for x in (f"substantive: {words(sub)}" if sub else "",
                                 f"editorial: {words(edi)}" if edi else "") if x)


def labels(versions) -> str:
    """"Rev.7", "Rev.7 and Rev.8", "Rev.6, Rev.7 and Rev.8"."""
    names = [v.label for v in versions]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def describe(entry) -> str:
    """What happened, in words: "renumbered Article 24 -> Article 31; modified"."""
    change = str(entry.change)
    edited = bool(entry.summary)
    here = cite(entry.path)
    if change == "introduced":
        return f"introduced as {here}"
    if change == "inserted":
        return f"inserted as {here}"
    if change == "unchanged":
        return f"unchanged in {labels(entry.versions)}"
    if change == "modified":
        return "modified"
    if change in ("renumbered", "moved"):
        was = f" {cite(entry.old_path)} \u2192 {here}" if entry.old_path else ""
        return f"{change}{was}" + ("; modified" if edited else "")
    if change == "split":
        return f"split from {' and '.join(entry.related) or cite(entry.old_path)} (now {here})" \
            + ("; modified" if edited else "")
    if change == "merged":
        return f"merged from {' and '.join(entry.related)} into {here}"
    if change == "deleted":
        return "deleted" + (f" (merged into {' and '.join(entry.related)})" if entry.related else "")
    return change


# --------------------------------------------------------------------------- lines

def _split(pieces):
    """[(tag, text)] -> lines: {"depth", "pieces": [(tag, text)]}; the leading
    two-space indents of a provision line become its depth (a hanging indent)."""
    lines: list[list] = [[]]
    for tag, text in pieces:
        for k, part in enumerate(text.split("\n")):
            if k:
                lines.append([])
            if part:
                lines[-1].append((tag, part))
    out = []
    for ps in lines:
        depth = 0
        if ps:
            tag, first = ps[0]
            stripped = first.lstrip(" ")
            depth = (len(first) - len(stripped)) // 2
            ps = ([(tag, stripped)] if stripped else []) + ps[1:]
        out.append({"depth": min(depth, 6), "pieces": ps})
    return out


def span_lines(spans):
    return _split([(str(s.op), s.text) for s in spans])


def text_lines(text: str):
    return _split([("equal", text)])


# --------------------------------------------------------------------------- blame

def blame_lines(b):
    """Lines of runs: ("n", text) with n the version (0: spaces between runs)."""
    pieces: list[tuple[int, str]] = []
    pos = 0
    for w in b.words:
        if w.start > pos:
            pieces.append((0, b.text[pos:w.start]))
        if pieces and pieces[-1][0] == w.n:
            pieces[-1] = (w.n, pieces[-1][1] + b.text[w.start:w.end])
        elif len(pieces) >= 2 and pieces[-1][0] == 0 and pieces[-2][0] == w.n \
                and "\n" not in pieces[-1][1]:
            gap = pieces.pop()
            pieces[-1] = (w.n, pieces[-1][1] + gap[1] + b.text[w.start:w.end])
        else:
            pieces.append((w.n, b.text[w.start:w.end]))
        pos = w.end
    if pos < len(b.text):
        pieces.append((0, b.text[pos:]))
    lines = _split(pieces)
    for ln in lines:
        ln["pieces"] = [{"n": n, "text": t, "cls": f"c{(n - 1) % COLOURS + 1}" if n else "",
                         "hover": f"{b.info(n).label} ({b.info(n).date})" if n else ""}
                        for n, t in ln["pieces"]]
    return lines


def blame(b) -> str:
    used = {w.n for w in b.words}
    legend = [{"n": v.n, "name": names(v), "cls": f"c{(v.n - 1) % COLOURS + 1}",
               "used": v.n in used} for v in b.versions]
    return _page("history_blame.html", b=b, title=f"{cite(b.path)} \u2014 who wrote each word",
                 version=names(b.version), lines=blame_lines(b), legend=legend)


# --------------------------------------------------------------------------- timeline

def steps(tl) -> list[dict]:
    out = []
    for s in tl.steps:
        change = str(s.change)
        redline = change not in ("introduced", "inserted", "unchanged") and bool(s.spans)
        out.append({
            "change": change, "description": describe(s),
            "versions": [{"label": v.label, "date": v.date, "body": v.body, "note": v.note}
                         for v in s.versions],
            "citation": cite(s.path),
            "summary": weighted(s.summary) if redline else "",
            "lines": span_lines(s.spans) if redline else text_lines(s.text) if s.text else [],
        })
    return out


def timeline(tl, *, back: str = "") -> str:
    return _page("history_timeline.html", tl=tl, title=f"{tl.citation or tl.id} \u2014 drafting history",
                 steps=steps(tl), back=back)


def index(dossier) -> str:
    rows = [{"id": r.id, "paths": list(r.paths),
             "name": next((p for p in reversed(r.paths) if p), r.id)} for r in dossier.rows]
    return _page("history_index.html",
                 versions=[{"label": v.label, "date": v.date, "body": v.body}
                           for v in dossier.versions],
                 rows=rows, title="Drafting history \u2014 concordance of provisions")


def write_dossier(dossier, out_dir: Path) -> list[Path]:
    """index.html + one <id>.html per provision (ids are safe slugs) in ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_atomic(out_dir / "index.html", index(dossier))]
    for tl in dossier.timelines:
        written.append(write_atomic(out_dir / f"{_safe(tl.id)}.html", timeline(tl, back="index.html")))
    return written


def _safe(name: str) -> str:
    # Ids come from the history's sanitiser; re-check, since a file name must never escape.
    if not name or any(c not in "abcdefghijklmnopqrstuvwxyz0123456789-_" for c in name):
        raise ValueError(f"unsafe provision id {name!r}")
    return name
