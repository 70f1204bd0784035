"""What a citation names in the history, and the history of a cited paragraph.

In: a loaded ``State``, a version, and a citation path (``("§ 2", "(4)")``).
Out: a ``Target`` — the provision and, for a paragraph, the lines of its stored
text the paragraph covers (the block and everything below it) — or a
``HistoryError`` naming the nearest paths that exist.  Then, for a paragraph,
the same answers as for a provision, restricted to exactly that block:
``paragraph_log`` (versions in which *it* changed), ``paragraph_blame``,
``paragraph_text`` and ``paragraph_timeline``.

Identity across versions: the paragraph's lines are followed from version to
version through the line groups of the provision's diff (``pdiff``), the same
alignment log and blame use — so a paragraph renumbered, moved within its
provision, split or merged is still the same paragraph, and one deleted ends
its log.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from travaux.diffing.errors import HistoryError
from travaux.history.identity import content_of
from travaux.history.layout import State
from travaux.history.log import diff_of, walk
from travaux.history.model import (Blame, BlameWord, LogEntry, ProvisionChange, ProvisionLog,
                                   ProvisionRecord, Timeline, TimelineStep, VersionInfo)
from travaux.history.paragraph import covered, lines_of


@dataclass(frozen=True, slots=True)
class Target:
    record: ProvisionRecord
    version: VersionInfo
    path: tuple[str, ...]            # the cited path as the history names it there
    lines: tuple[int, ...] = ()      # () for the whole provision

    @property
    def paragraph(self) -> bool:
        return bool(self.lines)


def locate(state: State, version: VersionInfo, rec: ProvisionRecord, want: tuple[str, ...],
           same) -> Target:
    """The block ``want`` (full path, provision first) inside provision ``rec`` of ``version``.

    ``same(a, b)`` says whether two path components name the same thing."""
    if len(want) <= len(rec.path):
        return Target(rec, version, rec.path)
    lines = lines_of(rec.path, rec.title, content_of(state.text(rec.blob)))
    tail = want[len(rec.path):]
    hits = [k for k, ln in enumerate(lines) if len(ln.path) == len(want)
            and all(same(a, b) for a, b in zip(ln.path[len(rec.path):], tail))]
    # "(3)" and "3" share a key; when a provision has both, the one written so wins
    exact = [k for k in hits if tuple(x.casefold() for x in lines[k].path[len(rec.path):])
             == tuple(x.casefold() for x in tail)]
    for k in (exact or hits)[:1]:
        return Target(rec, version, lines[k].path, tuple(covered(lines, k)))
    names = [" > ".join(ln.path) for ln in lines if ln.path != rec.path]
    asked = " > ".join(rec.path + want[len(rec.path):])
    near = difflib.get_close_matches(asked, names, n=4, cutoff=0.5) or names[:4]
    hint = f"; nearest: {', '.join(near)}" if near else f"; {rec.citation} has no paragraphs"
    raise HistoryError(f"no paragraph {asked!r} in {version.label!r}{hint}")


# --------------------------------------------------------------------------- identity

def track(state: State, target: Target) -> dict[int, tuple[int, ...]]:
    """Version n -> the paragraph's line numbers in its provision there (absent: no key)."""
    steps = walk(state, target.record.id)
    by_n = {s.version.n: s for s in steps}
    out = {target.version.n: target.lines}
    cur = set(target.lines)
    n = target.version.n
    while cur and (n + 1) in by_n and by_n[n + 1].change is not ProvisionChange.DELETED:
        cur = _across(by_n[n + 1], cur, forward=True)
        n += 1
        if cur:
            out[n] = tuple(sorted(cur))
    cur, n = set(target.lines), target.version.n
    while cur and n in by_n and (n - 1) in by_n and by_n[n].old_text:
        cur = _across(by_n[n], cur, forward=False)
        n -= 1
        if cur:
            out[n] = tuple(sorted(cur))
    return out


def _across(step, lines: set[int], forward: bool) -> set[int]:
    if step.change is ProvisionChange.UNCHANGED or step.old_text == step.text:
        return set(lines)
    out: set[int] = set()
    for old, new in diff_of(step).groups:
        here, there = (old, new) if forward else (new, old)
        if lines & set(here):
            out.update(there)
    return out


def _text(state: State, step, lines: tuple[int, ...]) -> str:
    """The paragraph's lines, dedented to its first line (so "(a)" reads as typed)."""
    rows = step.text.split("\n")
    picked = [rows[k] for k in lines if k < len(rows)]
    cut = len(picked[0]) - len(picked[0].lstrip(" ")) if picked else 0
    return "\n".join(r[cut:] if r[:cut].strip() == "" else r.lstrip(" ") for r in picked)


def path_at(state: State, rec: ProvisionRecord, k: int) -> tuple[str, ...]:
    """The path of line ``k`` of provision ``rec``'s stored text."""
    return _line_path(content_of(state.text(rec.blob)), rec.path, rec.title, k)


def _line_path(content: str, rec_path, title: str, k: int) -> tuple[str, ...]:
    for ln in lines_of(rec_path, title, content):
        if ln.index == k:
            return ln.path
    return rec_path


# --------------------------------------------------------------------------- answers

def paragraph_log(state: State, target: Target, query: str = "") -> ProvisionLog:
    from travaux.history.pdiff import provision_diff

    where = track(state, target)
    entries: list[LogEntry] = []
    prev_text: str = ""
    prev_path: tuple[str, ...] = ()
    title_of = {v.n: (state.record(v.n, target.record.id) or target.record).title
                for v in state.versions}
    for step in walk(state, target.record.id):
        n = step.version.n
        lines = where.get(n, ())
        if not lines:
            if prev_text:
                entries.append(LogEntry(ProvisionChange.DELETED, (step.version,), target.record.id,
                                        prev_path, spans=provision_diff(prev_text, "")))
            prev_text, prev_path = "", ()
            continue
        text = _text(state, step, lines)
        path = _line_path(step.text, step.path, title_of[n], lines[0])
        if not prev_text:
            change = ProvisionChange.INTRODUCED if n == 1 else ProvisionChange.INSERTED
            entry = LogEntry(change, (step.version,), target.record.id, path,
                             spans=provision_diff("", text))
        elif text == prev_text and path == prev_path:
            entry = LogEntry(ProvisionChange.UNCHANGED, (step.version,), target.record.id, path)
        else:
            old_path = prev_path if path != prev_path else ()
            change = ProvisionChange.RENUMBERED if old_path else ProvisionChange.MODIFIED
            summary = _summary(prev_text, text) if text != prev_text else ()
            entry = LogEntry(change, (step.version,), target.record.id, path, old_path,
                             summary=summary, spans=provision_diff(prev_text, text))
        if entries and entry.change is ProvisionChange.UNCHANGED and entries[-1].change is ProvisionChange.UNCHANGED:
            last = entries[-1]
            entries[-1] = replace(last, versions=last.versions + entry.versions, path=path)
        else:
            entries.append(entry)
        prev_text, prev_path = text, path
    return ProvisionLog(query=query, id=target.record.id, entries=tuple(entries))


def _summary(old: str, new: str) -> tuple[tuple[str, int], ...]:
    """Change counts by kind between two texts of the paragraph (the core's summary)."""
    from travaux.diffing.compare import diff_texts
    from travaux.diffing.model import CompareOptions
    from travaux.diffing.summary import summarize

    summary = summarize([diff_texts(old, new, CompareOptions())])
    return tuple((str(kind), n) for kind, n in summary.changes)


def paragraph_text(state: State, target: Target) -> str:
    """The paragraph as stored in the target's version: its citation, then its lines."""
    step = next(s for s in walk(state, target.record.id) if s.version.n == target.version.n)
    return " > ".join(target.path) + "\n" + _text(state, step, target.lines) + "\n"


def paragraph_blame(state: State, target: Target, query: str = "") -> Blame:
    """The provision's blame cut to the paragraph's lines (the same origins)."""
    from travaux.history.blame import blame

    whole = blame(state, target.record.id, target.version.n, query)
    rows = whole.text.split("\n")
    starts = [0]
    for r in rows:
        starts.append(starts[-1] + len(r) + 1)
    first = target.lines[0]
    cut = len(rows[first]) - len(rows[first].lstrip(" "))
    parts: list[str] = []
    words: list[BlameWord] = []
    pos = 0
    for k in target.lines:
        row = rows[k]
        drop = cut if row[:cut].strip() == "" else len(row) - len(row.lstrip(" "))
        lo, hi = starts[k] + drop, starts[k] + len(row)
        if parts:
            pos += 1                       # the "\n" between kept lines
        for w in whole.words:
            if lo <= w.start < hi:
                words.append(BlameWord(w.start - lo + pos, w.end - lo + pos, w.n))
        parts.append(row[drop:])
        pos += len(row) - drop
    return Blame(query=query, id=whole.id, path=target.path, version=whole.version,
                 text="\n".join(parts), words=tuple(words), versions=whole.versions)


def paragraph_timeline(state: State, target: Target) -> Timeline:
    plog = paragraph_log(state, target)
    where = track(state, target)
    steps_by_n = {s.version.n: s for s in walk(state, target.record.id)}
    out = []
    for e in plog.entries:
        n = e.versions[-1].n
        text = _text(state, steps_by_n[n], where[n]) if n in where else ""
        out.append(TimelineStep(e.change, e.versions, e.path, e.old_path, e.related, e.summary,
                                "" if e.change is ProvisionChange.DELETED else text,
                                () if e.change is ProvisionChange.UNCHANGED else e.spans))
    return Timeline(id=target.record.id, citation=" > ".join(target.path), steps=tuple(out))
