"""History answers -> text, JSON and HTML: log, blame, timeline, dossier.

In: the dataclasses the history hands out (``ProvisionLog``, ``Blame``,
``Timeline``, ``Dossier``; read by attribute: this package never imports
``history``).  Out: strings (and, for the dossier, files in a folder).

Text output is git-like: ``log`` prints one paragraph per version with
``[-deleted-]{+inserted+}`` word diffs under ``-p``; ``blame`` aligns a version
column and a date column before each run of words, like ``git blame``.  HTML
(``history_html``) is self-contained (inline CSS, no scripts), rendered by
jinja2 with autoescape, so a label or provision text is always text, never markup.
Output is deterministic: the same history gives the same bytes.
"""

from __future__ import annotations

import json

from travaux.diffing.citation import cite

_RED, _GREEN, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"


# --------------------------------------------------------------------------- words

# labels() and describe() live in history_html (the pages use them too; one direction
# of import only: history -> history_html)
from travaux.renderers.history_html import describe, labels  # noqa: E402,F401


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

def log(plog, fmt: str = "text", *, patch: bool = False, colour: bool = False,
        context: int = 1) -> str:
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
            lines += ["    " + ln for ln in patch_lines(e.spans, colour, context)]
        lines.append("")
    head = f"provision {plog.query} (provisions/{plog.id}.txt)\n\n"
    return head + "\n".join(lines).rstrip("\n") + "\n"


#: The line standing for paragraphs left out of a patch (as in a quotation).
ELISION = "[...]"


def patch_lines(spans, colour: bool = False, context: int | None = 1) -> list[str]:
    """The word diff as lines (one per paragraph), keeping only the changed ones
    and ``context`` paragraphs around them; runs left out read ``[...]``.
    ``context=None`` keeps every line."""
    rows: list[list] = [["", False]]            # [rendered text, changed]
    for s in spans:
        op = str(s.op)
        body = s.new if op == "equal" else s.old if op == "delete" else s.new
        pieces = body.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                rows.append(["", False])
            if op == "equal":
                rows[-1][0] += piece
                continue
            first, last = k == 0, k == len(pieces) - 1
            mark = ("[-" if op == "delete" else "{+") if first else ""
            end = ("-]" if op == "delete" else "+}") if last else ""
            text = mark + piece + end
            if colour and text:
                text = (_RED if op == "delete" else _GREEN) + text + _RESET
            rows[-1][0] += text
            rows[-1][1] = True
    if context is None:
        return [r[0] for r in rows]
    changed = [k for k, r in enumerate(rows) if r[1]]
    keep = {x for k in changed for x in range(k - context, k + context + 1)}
    out: list[str] = []
    for k, r in enumerate(rows):
        if k in keep:
            out.append(r[0])
        elif not out or out[-1] != ELISION:
            out.append(ELISION)
    return out


def _change_words(c) -> str:
    change = str(c.change)
    if change in ("renumbered", "moved") and c.old_path:
        text = f"{change} {cite(c.old_path)} \u2192 {cite(c.path)}"
    elif change in ("split", "merged") and c.old_path:
        text = f"{change} (from {cite(c.old_path)})"
    else:
        text = change
    if c.summary and change not in ("modified",):
        text += "; modified"
    return text


def overview(items, fmt: str = "text", *, colour: bool = False) -> str:
    """``travaux log`` with no provision: per version, what changed where."""
    if fmt == "json":
        return json.dumps({"versions": [{
            **_version_json(o.version), "provisions": o.provisions,
            "changes": [{"id": c.id, "path": list(c.path), "change": str(c.change),
                         "old_path": list(c.old_path), "summary": dict(c.summary),
                         "substantive": c.substantive} for c in o.changes]}
            for o in items]}, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for o in items:
        v = o.version
        lines.append(f"version {version_line(v)}")
        if v.note:
            lines.append(f"    note: {v.note}")
        if v.n == 1:
            lines += [f"    introduced with {o.provisions} provisions", ""]
            continue
        if not o.changes:
            lines += [f"    no change to the text ({o.provisions} provisions)", ""]
            continue
        counts: dict[str, int] = {}
        for c in o.changes:
            counts[str(c.change)] = counts.get(str(c.change), 0) + 1
        subst = sum(c.substantive for c in o.changes)
        edit = sum(c.editorial for c in o.changes)
        lines.append(f"    {o.provisions} provisions: "
                     + ", ".join(f"{n} {k}" for k, n in counts.items())
                     + f" ({subst} substantive, {edit} editorial only)")
        width = min(max(len(cite(c.path)) for c in o.changes), 28)
        for c in o.changes:
            tail = _weight(c)
            name = cite(c.path)
            row = f"    {name:<{width}}  {_change_words(c)}{tail}"
            if colour and c.substantive:
                row = "\x1b[1m" + row + _RESET
            lines.append(row)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _weight(c) -> str:
    """"  [substantive: 2 negation; editorial: 1 punctuation]" (kinds as counted at import)."""
    if not c.substantive and not c.editorial:
        return ""
    sub = summary_text([(k, n) for k, n in c.summary if k not in _EDITORIAL_KINDS])
    edi = summary_text([(k, n) for k, n in c.summary if k in _EDITORIAL_KINDS])
    parts = ([f"substantive: {sub}" if sub else "substantive"] if c.substantive else []) + \
        ([f"editorial: {edi}"] if edi else [])
    return "  [" + "; ".join(parts) + "]"


#: ChangeKind values of editorial changes (kept as strings: renderers read data).
_EDITORIAL_KINDS = frozenset({"whitespace", "punctuation", "capitalisation", "quote_style",
                              "numbering", "spelling"})


def versions_list(versions, fmt: str = "text") -> str:
    """The versions of the history: number, label, date, body (and the stored summary)."""
    if fmt == "json":
        return json.dumps({"versions": [{**_version_json(v), "summary": v.summary_line}
                                        for v in versions]}, ensure_ascii=False, indent=2) + "\n"
    if not versions:
        return ""
    wl = min(max(len(v.label) for v in versions), 40)
    wb = min(max((len(v.body) for v in versions), default=0), 32)
    out = []
    for v in versions:
        label = v.label if len(v.label) <= wl else v.label[:wl - 1] + "\u2026"
        body = v.body if len(v.body) <= wb else v.body[:wb - 1] + "\u2026"
        out.append(f"{v.n:>3}  {label:<{wl}}  {v.date}  {body:<{wb}}  {v.summary_line}".rstrip())
    return "\n".join(out) + "\n"


def phrase_log(steps, phrase: str, where: str = "", fmt: str = "text") -> str:
    """``log -S``: each version in which the phrase appeared, disappeared or changed count."""
    if fmt == "json":
        return json.dumps({"phrase": phrase, "provision": where or None, "versions": [{
            **_version_json(s.version), "total_before": s.total_before, "total_after": s.total_after,
            "provisions": [{"id": c.id, "path": list(c.path), "before": c.before, "after": c.after,
                            "where": [list(p) for p in c.where],
                            "where_before": [list(p) for p in c.where_before]}
                           for c in s.counts]} for s in steps]}, ensure_ascii=False, indent=2) + "\n"
    scope = where or "the whole instrument"
    lines = [f"phrase {phrase!r} in {scope}", ""]
    if not steps:
        return "\n".join(lines + ["never found in any version"]) + "\n"
    for s in steps:
        lines.append(f"version {version_line(s.version)}")
        groups = (("appeared in", [c for c in s.counts if c.before == 0]),
                  ("disappeared from", [c for c in s.counts if c.after == 0]),
                  ("more often in", [c for c in s.counts if 0 < c.before < c.after]),
                  ("less often in", [c for c in s.counts if 0 < c.after < c.before]))
        for name, cs in groups:
            if cs:
                lines.append(f"    {name}:")
                lines += [f"      {_count_words(c)}" for c in cs]
        lines.append(f"    occurrences: {s.total_before} \u2192 {s.total_after}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _count_words(c) -> str:
    if c.before == 0:
        text = f"{cite(c.path)} ({c.after})"
    elif c.after == 0:
        text = f"{cite(c.path)} (had {c.before})"
    else:
        text = f"{cite(c.path)} ({c.before} \u2192 {c.after})"
    where = [cite(p) for p in c.where] + [f"was {cite(p)}" for p in c.where_before]
    if where:
        text += ": " + ", ".join(where[:6] + (["\u2026"] if len(where) > 6 else []))
    return text


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
        from travaux.renderers import history_html

        return history_html.blame(b)
    width = min(max((len(b.info(w.n).label) for w in b.words), default=8), 30)
    lines = [f"{cite(b.path)} as in {version_line(b.version)}", ""]
    for n, text, _ in runs(b):
        v = b.info(n)
        label = v.label if len(v.label) <= width else v.label[:width - 1] + "\u2026"
        lines.append(f"{label:<{width}}  {v.date}  {text}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- pages

# The HTML pages live in history_html (one module per output family); kept
# reachable from here, the module the CLI and callers know.
from travaux.renderers.history_html import index, timeline, write_dossier  # noqa: E402,F401
