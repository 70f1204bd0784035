"""The log of one provision: what happened to it in each version.

In: a loaded ``State`` (version indices and provision blobs: nothing is
re-parsed) and a provision id.  Out: a ``ProvisionLog`` whose entries are, in
version order, the versions in which the provision was introduced, inserted,
renumbered, moved, split, merged, modified or deleted — with the change summary
by kind stored at import and the word diff from the previous version — and
runs of versions in which it did not change, compressed into one entry.

The word diff is recomputed here (one provision, a few versions: fast) rather
than stored, so the history keeps texts, never derived output.
"""

from __future__ import annotations

from dataclasses import dataclass

from travaux.diffing.model import Op, Span
from travaux.history.identity import content_of
from travaux.history.layout import State
from travaux.history.model import ProvisionChange, LogEntry, ProvisionLog, VersionInfo
from travaux.history.pdiff import ProvisionDiff, diff_provision

_NO_DIFF = (ProvisionChange.INTRODUCED, ProvisionChange.INSERTED, ProvisionChange.UNCHANGED)


@dataclass(frozen=True, slots=True)
class Step:
    """The provision in one version, before compression."""

    change: ProvisionChange
    version: VersionInfo
    path: tuple[str, ...]
    old_path: tuple[str, ...]
    related: tuple[str, ...]
    summary: tuple[tuple[str, int], ...]
    old_text: str
    text: str


def walk(state: State, pid: str) -> list[Step]:
    """One Step per version from the provision's first appearance to its deletion."""
    steps: list[Step] = []
    present = False
    last_text = ""
    for v in state.versions:
        rec = state.record(v.n, pid)
        if rec is None:
            if present:
                path = dict(state.deleted[v.n - 1]).get(pid, ())
                into = [r.citation for r in state.records[v.n - 1]
                        if r.change is ProvisionChange.MERGED and pid in r.sources]
                steps.append(Step(ProvisionChange.DELETED, v, path, (), tuple(into), (), last_text, ""))
                present = False
            continue
        text = content_of(state.text(rec.blob))
        old_text = ""
        related: tuple[str, ...] = ()
        if rec.sources and v.n > 1:
            old_text = "\n".join(content_of(state.text(src.blob))
                                 for s in rec.sources
                                 if (src := state.record(v.n - 1, s)) is not None)
            if rec.change in (ProvisionChange.SPLIT, ProvisionChange.MERGED):
                related = tuple(src.citation for s in rec.sources
                                if (src := state.record(v.n - 1, s)) is not None)
        steps.append(Step(rec.change, v, rec.path, rec.old_path, related, rec.summary,
                          old_text, text))
        present = True
        last_text = text
    return steps


def spans_of(step: Step, options=None) -> tuple[Span, ...]:
    return diff_of(step, options).spans


def diff_of(step: Step, options=None) -> ProvisionDiff:
    """The provision's diff from the previous version (the one blame follows)."""
    if step.change is ProvisionChange.UNCHANGED:
        return ProvisionDiff((Span(Op.EQUAL, step.text, step.text),) if step.text else ())
    if step.change in (ProvisionChange.INTRODUCED, ProvisionChange.INSERTED) or (not step.old_text and step.text):
        return ProvisionDiff((Span(Op.INSERT, "", step.text),) if step.text else ())
    if step.change is ProvisionChange.DELETED:
        return ProvisionDiff((Span(Op.DELETE, step.old_text, ""),) if step.old_text else ())
    return diff_provision(step.old_text, step.text, options)


def compress(steps: list[Step]) -> list[list[Step]]:
    """Group consecutive unchanged steps; every other step stands alone."""
    groups: list[list[Step]] = []
    for s in steps:
        if (s.change is ProvisionChange.UNCHANGED and groups
                and groups[-1][0].change is ProvisionChange.UNCHANGED):
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def provision_log(state: State, pid: str, query: str = "") -> ProvisionLog:
    entries = []
    for group in compress(walk(state, pid)):
        first, last = group[0], group[-1]
        spans = () if first.change is ProvisionChange.UNCHANGED else spans_of(first)
        entries.append(LogEntry(
            change=first.change, versions=tuple(s.version for s in group), id=pid,
            path=last.path, old_path=first.old_path, related=first.related,
            summary=first.summary, spans=spans))
    return ProvisionLog(query=query, id=pid, entries=tuple(entries))
