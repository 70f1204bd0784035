"""The whole instrument across versions: what changed in each version, and phrase search.

In: a loaded ``State`` (version indices and provision blobs; nothing is
re-parsed).  Out: ``VersionOverview`` per version — every provision that was
inserted, modified, renumbered, moved, split, merged or deleted, with its change
summary and whether any change was substantive (``travaux log`` with no
provision, like ``git log --stat``) — and ``PhraseStep`` per version in which a
phrase appeared, disappeared or changed its number of occurrences, and in which
provisions (``travaux log -S``, git's pickaxe for a negotiation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from travaux.diffing.errors import HistoryError
from travaux.diffing.model import EDITORIAL_KINDS, ChangeKind
from travaux.history.identity import content_of
from travaux.history.layout import State
from travaux.history.model import ProvisionChange, ProvisionRecord, VersionInfo
from travaux.history.paragraph import lines_of

_EDITORIAL = {str(k) for k in EDITORIAL_KINDS}
_KINDS = {str(k) for k in ChangeKind}


@dataclass(frozen=True, slots=True)
class ChangedProvision:
    """One provision's change in one version."""

    id: str
    path: tuple[str, ...]               # as numbered in this version (the old path when deleted)
    change: ProvisionChange
    old_path: tuple[str, ...] = ()
    summary: tuple[tuple[str, int], ...] = ()

    @property
    def substantive(self) -> bool:
        """Whether any change is substantive; inserted/deleted provisions are."""
        if self.change in (ProvisionChange.INSERTED, ProvisionChange.DELETED, ProvisionChange.SPLIT, ProvisionChange.MERGED):
            return True
        return any(k in _KINDS and k not in _EDITORIAL for k, _ in self.summary)

    @property
    def editorial(self) -> bool:
        """Edited, but only editorially (punctuation, numbering, spelling ...)."""
        return bool(self.summary) and not self.substantive


@dataclass(frozen=True, slots=True)
class VersionOverview:
    version: VersionInfo
    provisions: int                                  # how many provisions this version has
    changes: tuple[ChangedProvision, ...]             # in this version's order, deletions last

    def count(self, change: ProvisionChange) -> int:
        return sum(c.change is change for c in self.changes)


def overview(state: State) -> tuple[VersionOverview, ...]:
    out = []
    for v in state.versions:
        recs = state.records[v.n - 1]
        changes = [ChangedProvision(r.id, r.path, r.change, r.old_path, r.summary)
                   for r in recs if r.change not in (ProvisionChange.UNCHANGED, ProvisionChange.INTRODUCED)]
        changes += [ChangedProvision(pid, path, ProvisionChange.DELETED) for pid, path in state.deleted[v.n - 1]]
        out.append(VersionOverview(v, len(recs), tuple(changes)))
    return tuple(out)


# --------------------------------------------------------------------------- phrase search

@dataclass(frozen=True, slots=True)
class PhraseCount:
    """Occurrences of the phrase in one provision: before (previous version) and now."""

    id: str
    path: tuple[str, ...]
    before: int
    after: int
    #: the paragraphs whose count changed, as numbered now ...
    where: tuple[tuple[str, ...], ...] = ()
    #: ... and those that had it and are gone, as numbered in the previous version
    where_before: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class PhraseStep:
    """A version in which the phrase's occurrences changed somewhere."""

    version: VersionInfo
    counts: tuple[PhraseCount, ...]      # only the provisions whose count changed
    total_before: int
    total_after: int


def compile_phrase(phrase: str, *, regex: bool = False, ignore_case: bool = False) -> re.Pattern:
    """The phrase as a pattern: literal words matched across any run of spaces
    (a line break in a PDF is a space); ``regex`` takes it as a Python regex."""
    if not phrase or not phrase.strip():
        raise HistoryError("the phrase to search for is empty; give -S \"some words\"")
    flags = re.IGNORECASE if ignore_case else 0
    if regex:
        try:
            return re.compile(phrase, flags)
        except re.error as exc:
            raise HistoryError(f"--regex {phrase!r} is not a valid regular expression ({exc}); "
                               "escape special characters or drop --regex") from None
    words = phrase.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words), flags)


def phrase_log(state: State, pattern: re.Pattern, ids: set[str] | None = None) -> tuple[PhraseStep, ...]:
    """Every version in which ``pattern``'s count changed in a provision (of ``ids``,
    or of the whole instrument), oldest first; the first version lists where it is."""
    counted: dict[str, int] = {}

    def count(blob: str) -> int:
        if blob not in counted:
            counted[blob] = sum(1 for m in pattern.finditer(content_of(state.text(blob)))
                                if m.end() > m.start())
        return counted[blob]

    def per_line(rec) -> dict[tuple[str, ...], int]:
        """Paragraph (path inside the provision, so renumbering does not count) -> hits."""
        lines = lines_of(rec.path, rec.title, content_of(state.text(rec.blob)))
        return {ln.path[len(rec.path):]: n for ln in lines
                if (n := sum(1 for m in pattern.finditer(ln.text) if m.end() > m.start()))}

    def where(old, new) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
        a = per_line(old) if old is not None else {}
        b = per_line(new) if new is not None else {}
        now = tuple(p for k in b if b[k] != a.get(k, 0) if len(p := new.path + k) > 1)
        gone = tuple(p for k in a if k not in b if len(p := old.path + k) > 1)
        return now, gone

    steps = []
    prev: dict[str, ProvisionRecord] = {}
    for v in state.versions:
        now = {r.id: r for r in state.records[v.n - 1] if ids is None or r.id in ids}
        changed = []
        for pid, rec in now.items():
            b = count(prev[pid].blob) if pid in prev else 0
            c = count(rec.blob)
            if b != c:
                changed.append(PhraseCount(pid, rec.path, b, c, *where(prev.get(pid), rec)))
        for pid, rec in prev.items():
            if pid not in now and count(rec.blob):
                changed.append(PhraseCount(pid, rec.path, count(rec.blob), 0, *where(rec, None)))
        if changed:
            steps.append(PhraseStep(v, tuple(changed), sum(count(r.blob) for r in prev.values()),
                                    sum(count(r.blob) for r in now.values())))
        prev = now
    return tuple(steps)
