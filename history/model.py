"""The data the history hands out: frozen dataclasses, never GitPython objects.

In: nothing (types only).  Out: ``VersionInfo`` (one stored version),
``ProvisionRecord`` (one provision in one version's index), and the answers to
the questions a drafter asks: ``ProvisionLog`` (log), ``Blame``, ``Timeline``
and ``Dossier``.  Renderers read these by attribute; they never import this
package (layering), so the fields below are the contract with
``renderers/history.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from travaux.diffing.model import Span, TextEnum


class ProvisionChange(TextEnum):
    """What happened to a provision between the previous version and this one."""

    INTRODUCED = "introduced"    # present in the first version of the history
    INSERTED = "inserted"        # new in this version
    UNCHANGED = "unchanged"      # same number, same text
    MODIFIED = "modified"        # same number, text edited
    RENUMBERED = "renumbered"    # number changed (text may be edited too)
    MOVED = "moved"              # order changed (text may be edited too)
    SPLIT = "split"              # this provision came out of a split of an older one
    MERGED = "merged"            # several older provisions were merged into this one
    DELETED = "deleted"          # gone in this version


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One version as stored: its metadata and where git keeps it."""

    n: int                      # 1-based position in the history
    label: str                  # free text as given ("A/AC.254/4/Rev.1")
    date: str                   # YYYY-MM-DD
    body: str = ""
    note: str = ""
    file: str = ""              # original file name (display only)
    format: str = "text"
    tag: str = ""               # sanitised git tag name carrying the label
    commit: str = ""            # hex sha of the version's commit
    summary_line: str = ""      # "41 provisions: 2 inserted, 3 modified, 36 unchanged"
    out_of_order: bool = False  # dated before a version added earlier (--allow-out-of-order)


@dataclass(frozen=True, slots=True)
class ProvisionRecord:
    """One provision in one version's index (``versions/NNNN/index.json``)."""

    id: str                         # stable file id: provisions/<id>.txt
    path: tuple[str, ...]           # citation path in this version: ("Article 31",)
    title: str                      # article title, "" when none
    blob: str                       # hex sha of provisions/<id>.txt in this version
    change: ProvisionChange
    sources: tuple[str, ...] = ()   # ids in the previous version it comes from
    old_path: tuple[str, ...] = ()  # its path in the previous version (renumbered/moved)
    summary: tuple[tuple[str, int], ...] = ()   # ChangeKind value -> count, vs previous

    @property
    def citation(self) -> str:
        return " > ".join(self.path)


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One step of a provision's log.  An unchanged run lists several versions."""

    change: ProvisionChange
    versions: tuple[VersionInfo, ...]
    id: str
    path: tuple[str, ...]
    old_path: tuple[str, ...] = ()
    related: tuple[str, ...] = ()   # citations of the split/merge partners (previous version)
    summary: tuple[tuple[str, int], ...] = ()
    spans: tuple[Span, ...] = ()    # word diff from the previous version (filled for -p)

    @property
    def citation(self) -> str:
        return " > ".join(self.path)


@dataclass(frozen=True, slots=True)
class ProvisionLog:
    query: str
    id: str
    entries: tuple[LogEntry, ...]   # oldest first


@dataclass(frozen=True, slots=True)
class BlameWord:
    """A word of the blamed text: ``text[start:end]`` introduced in version ``n``."""

    start: int
    end: int
    n: int


@dataclass(frozen=True, slots=True)
class Blame:
    query: str
    id: str
    path: tuple[str, ...]
    version: VersionInfo            # the version whose text is blamed
    text: str                       # the provision's text in that version (label excluded)
    words: tuple[BlameWord, ...]
    versions: tuple[VersionInfo, ...]   # every version of the history (n -> info)

    def info(self, n: int) -> VersionInfo:
        return self.versions[n - 1]


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """The provision in one version (or a compressed run of unchanged versions)."""

    change: ProvisionChange
    versions: tuple[VersionInfo, ...]
    path: tuple[str, ...]
    old_path: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    summary: tuple[tuple[str, int], ...] = ()
    text: str = ""                  # full text in this version ("" when deleted)
    spans: tuple[Span, ...] = ()    # redline from the previous version's text


@dataclass(frozen=True, slots=True)
class Timeline:
    id: str
    citation: str                   # as numbered in its latest version
    steps: tuple[TimelineStep, ...]


@dataclass(frozen=True, slots=True)
class ConcordanceRow:
    id: str
    paths: tuple[str, ...]          # citation in each version, "" when absent


@dataclass(frozen=True, slots=True)
class Dossier:
    versions: tuple[VersionInfo, ...]
    rows: tuple[ConcordanceRow, ...]
    timelines: tuple[Timeline, ...] = field(default_factory=tuple)
