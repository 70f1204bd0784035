"""History answers -> text, JSON and HTML: log, blame, timeline, dossier.

In: the dataclasses the history hands out (``ProvisionLog``, ``Blame``,
``Timeline``, ``Dossier``; read by attribute: this package never imports
``history``).  Out: strings (and, for the dossier, files in a folder).

Text output is git-like: ``log`` prints one paragraph per version with
``[-deleted-]{+inserted+}`` word diffs under ``-p``; ``blame`` aligns a version
column and a date column before each run of words, like ``git blame``.  HTML
is self-contained (inline CSS, no scripts), rendered by jinja2 with
autoescape, so a label or provision text is always text, never markup.
Output is deterministic: the same history gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from travaux.diffing.citation import cite
from travaux.diffing.files import write_atomic
from travaux.renderers.html import environment

#: One background per version (cycled): light, distinct, readable under black text.
# ColorBrewer "Set3" (12 qualitative colours, told apart at a glance), lightened 45 %
# towards white so black text stays readable on it.
PALETTE = ("#c0e7e0", "#ffffd5", "#dbd9eb", "#fdb9b1", "#b9d4e7", "#fed6a9",
           "#d5edac", "#fde4f1", "#eaeaea", "#dab9db", "#e3f4df", "#fff5b0")
_RED, _GREEN, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"


# --------------------------------------------------------------------------- words

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


def summary_text(summary) -> str:
    return ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in summary)


def version_line(v) -> str:
    return " \u00b7 ".join(x for x in (v.label, v.date, v.body) if x)


def _version_json(v) -> dict:
    return {"n": v.n, "label": v.label, "date": v.date, "body": v.body, "note": v.note,
            "file": v.file, "tag": v.tag, "commit": v.commit}


def _span_json(s) -> dict:
    return {"op": str(s.op), "old": s.old, "new": s.new}


def word_diff_text(spans, colour: bool = False) -> str:
    out = []
    for s in spans:
        op = str(s.op)
        if op == "equal":
            out.append(s.new)
        elif op == "delete":
            out.append(f"{_RED}[-{s.old}-]{_RESET}" if colour else f"[-{s.old}-]")
        else:
            out.append(f"{_GREEN}{{+{s.new}+}}{_RESET}" if colour else f"{{+{s.new}+}}")
    return "".join(out)


# --------------------------------------------------------------------------- log

def log(plog, fmt: str = "text", *, patch: bool = False, colour: bool = False) -> str:
    if fmt == "json":
        return json.dumps({
            "provision": plog.query, "id": plog.id, "file": f"provisions/{plog.id}.txt",
            "entries": [{"change": str(e.change), "description": describe(e),
                         "versions": [_version_json(v) for v in e.versions],
                         "path": list(e.path), "old_path": list(e.old_path),
                         "related": list(e.related), "summary": dict(e.summary),
                         **({"spans": [_span_json(s) for s in e.spans]} if patch else {})}
                        for e in plog.entries],
        }, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for e in plog.entries:
        if str(e.change) == "unchanged":
            lines += [(_DIM if colour else "") + describe(e) + (_RESET if colour else ""), ""]
            continue
        v = e.versions[0]
        lines.append(f"version {version_line(v)}")
        lines.append(f"    {describe(e)}")
        if e.summary:
            lines.append(f"    changes: {summary_text(e.summary)}")
        if v.note:
            lines.append(f"    note: {v.note}")
        if patch and any(str(s.op) != "equal" for s in e.spans):
            lines.append("")
            lines += ["    " + ln for ln in word_diff_text(e.spans, colour).split("\n")]
        lines.append("")
    head = f"provision {plog.query} (provisions/{plog.id}.txt)\n\n"
    return head + "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- blame

def runs(blame):
    """(version n, text) runs: consecutive words of one version on one line."""
    out: list[list] = []
    last_end = 0
    for w in blame.words:
        gap = blame.text[last_end:w.start]
        if out and out[-1][0] == w.n and "\n" not in gap:
            out[-1][1] += gap + blame.text[w.start:w.end]
        else:
            out.append([w.n, blame.text[w.start:w.end], "\n" in gap or not out])
        last_end = w.end
    return out


def blame(b, fmt: str = "text", *, colour: bool = False) -> str:
    if fmt == "json":
        return json.dumps({
            "provision": b.query, "id": b.id, "path": list(b.path),
            "version": _version_json(b.version), "text": b.text,
            "versions": [_version_json(v) for v in b.versions],
            "words": [{"start": w.start, "end": w.end, "word": b.text[w.start:w.end],
                       "n": w.n, "label": b.info(w.n).label} for w in b.words],
        }, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return environment().get_template("history_blame.html").render(
            b=b, title=f"{cite(b.path)} \u2014 blame at {b.version.label}",
            runs=_html_runs(b), versions=_legend(b.versions, {w.n for w in b.words}))
    width = min(max((len(b.info(w.n).label) for w in b.words), default=8), 30)
    lines = [f"{cite(b.path)} as in {b.version.label} ({b.version.date})", ""]
    for n, text, _ in runs(b):
        v = b.info(n)
        label = v.label if len(v.label) <= width else v.label[:width - 1] + "\u2026"
        lines.append(f"{label:<{width}}  {v.date}  {text}")
    return "\n".join(lines) + "\n"


def _legend(versions, used) -> list[dict]:
    return [{"n": v.n, "label": v.label, "date": v.date, "body": v.body,
             "colour": PALETTE[(v.n - 1) % len(PALETTE)], "used": v.n in used} for v in versions]


def _html_runs(b) -> list[dict]:
    """Runs of the text (whitespace included) with their version, for the HTML view."""
    out: list[dict] = []
    pos = 0
    for w in b.words:
        if w.start > pos:
            out.append({"text": b.text[pos:w.start], "n": 0})
        if out and out[-1]["n"] == w.n:
            out[-1]["text"] += b.text[w.start:w.end]
        elif len(out) >= 2 and out[-1]["n"] == 0 and out[-2]["n"] == w.n \
                and "\n" not in out[-1]["text"]:
            gap = out.pop()
            out[-1]["text"] += gap["text"] + b.text[w.start:w.end]
        else:
            out.append({"text": b.text[w.start:w.end], "n": w.n})
        pos = w.end
    if pos < len(b.text):
        out.append({"text": b.text[pos:], "n": 0})
    for r in out:
        if r["n"]:
            v = b.info(r["n"])
            r["colour"] = PALETTE[(v.n - 1) % len(PALETTE)]
            r["hover"] = f"{v.label} ({v.date})"
    return out


# --------------------------------------------------------------------------- timeline

def _steps(tl) -> list[dict]:
    out = []
    for s in tl.steps:
        change = str(s.change)
        redline = change not in ("introduced", "inserted", "unchanged") and bool(s.spans)
        out.append({
            "change": change, "description": describe(s),
            "versions": [{"label": v.label, "date": v.date, "body": v.body, "note": v.note}
                         for v in s.versions],
            "citation": cite(s.path), "text": s.text,
            "summary": ", ".join(f"{n} {kind}" for kind, n in s.summary) if redline else "",
            "spans": [{"op": str(x.op), "text": x.text} for x in s.spans] if redline else [],
        })
    return out


def timeline(tl, *, back: str = "") -> str:
    return environment().get_template("history_timeline.html").render(
        tl=tl, title=f"{tl.citation or tl.id} \u2014 drafting history", steps=_steps(tl),
        back=back)


def index(dossier) -> str:
    rows = [{"id": r.id, "paths": list(r.paths),
             "name": next((p for p in reversed(r.paths) if p), r.id)} for r in dossier.rows]
    return environment().get_template("history_index.html").render(
        versions=[{"label": v.label, "date": v.date, "body": v.body} for v in dossier.versions],
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
