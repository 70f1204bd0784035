"""The dossier of a provision, and of the whole instrument.

In: a loaded ``State`` and a provision id (or nothing, for the whole
instrument).  Out: a ``Timeline`` — the provision's full text in each version,
the redline from the previous version, renumbering stated, unchanged runs
compressed — and a ``Dossier``: the concordance table (every provision with its
citation in each version) plus one timeline per provision.  This is what the
printed travaux préparatoires assemble by hand.
"""

from __future__ import annotations

from travaux.history.identity import OTHER, PREAMBLE
from travaux.history.layout import State
from travaux.history.log import compress, spans_of, walk
from travaux.history.model import ProvisionChange, ConcordanceRow, Dossier, Timeline, TimelineStep


def timeline(state: State, pid: str) -> Timeline:
    steps = []
    citation = ""
    for group in compress(walk(state, pid)):
        first, last = group[0], group[-1]
        steps.append(TimelineStep(
            change=first.change, versions=tuple(s.version for s in group), path=last.path,
            old_path=first.old_path, related=first.related, summary=first.summary,
            text=last.text if first.change is not ProvisionChange.DELETED else "",
            spans=() if first.change is ProvisionChange.UNCHANGED else spans_of(first)))
        if first.change is not ProvisionChange.DELETED:
            citation = " > ".join(last.path)
    return Timeline(id=pid, citation=citation, steps=tuple(steps))


def order(state: State) -> list[str]:
    """Every provision id ever, in reading order: by the latest version in which it
    exists, placed after its predecessor in that version; preamble first, other last."""
    ids: list[str] = []
    for recs in state.records:
        for k, r in enumerate(recs):
            if r.id in ids:
                continue
            # insert after the nearest preceding record already listed
            pos = len(ids)
            for prev in reversed(recs[:k]):
                if prev.id in ids:
                    pos = ids.index(prev.id) + 1
                    break
            else:
                pos = 0
            ids.insert(pos, r.id)
    special_first = [i for i in ids if i == PREAMBLE]
    special_last = [i for i in ids if i == OTHER]
    return special_first + [i for i in ids if i not in (PREAMBLE, OTHER)] + special_last


def dossier(state: State, with_timelines: bool = True) -> Dossier:
    rows = []
    ids = order(state)
    for pid in ids:
        paths = []
        for v in state.versions:
            rec = state.record(v.n, pid)
            paths.append(rec.citation if rec is not None else "")
        rows.append(ConcordanceRow(pid, tuple(paths)))
    timelines = tuple(timeline(state, pid) for pid in ids) if with_timelines else ()
    return Dossier(versions=state.versions, rows=tuple(rows), timelines=timelines)
