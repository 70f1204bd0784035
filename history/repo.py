"""``History``: the questions a drafter asks of a git-backed drafting history.

In: a folder made by ``init_history`` and user words (labels, citations).
Out: bytes of a stored version (``show``), a provision's text
(``show_provision``), a ``Diff`` between two versions (``diff``), and the
``ProvisionLog``/``Blame``/``Timeline``/``Dossier`` dataclasses the renderers
turn into text, JSON and HTML.

Labels and citations are looked up in the stored metadata; they never reach
git, so ``--upload-pack=x``, ``HEAD~1`` or ``../../etc`` are just labels that
either exist in the history or produce a "no such version" message.
"""

from __future__ import annotations

import re
from pathlib import Path

from travaux.diffing.citation import normalise
from travaux.diffing.errors import HistoryError
from travaux.history import blame as _blame
from travaux.history import importer, layout, log as _log, safety, timeline as _timeline
from travaux.history.manifest import Entry, read_manifest
from travaux.history.model import ProvisionRecord, VersionInfo
from travaux.history.store import Store


def init_history(directory: Path) -> "History":
    return History(Store.init(Path(directory)))


def open_history(directory: Path) -> "History":
    return History(Store.open(Path(directory)))


class History:
    def __init__(self, store: Store):
        self.store = store
        self._state: layout.State | None = None

    @property
    def root(self) -> Path:
        return self.store.root

    # ------------------------------------------------------------------ state

    def state(self) -> layout.State:
        head = self.store.head()
        if self._state is None or self._state.head != head:
            self._state = layout.load(self.store, head)
        return self._state

    @property
    def versions(self) -> tuple[VersionInfo, ...]:
        return self.state().versions

    # ------------------------------------------------------------------ writing

    def add(self, file: Path, *, label: str, date: str, body: str = "", note: str = "",
            progress: bool = False) -> VersionInfo:
        entry = Entry(Path(file), safety.check_label(label), safety.check_date(date),
                      safety.check_text(body, "body"), safety.check_text(note, "note"))
        if not entry.path.is_file():
            raise HistoryError(f"{file} does not exist or is not a file; check the path")
        return self._append([entry], progress)[0]

    def import_manifest(self, manifest: Path, *, progress: bool = False) -> list[VersionInfo]:
        entries = read_manifest(Path(manifest), frozenset(v.label for v in self.versions))
        return self._append(entries, progress)

    def _append(self, entries: list[Entry], progress: bool) -> list[VersionInfo]:
        with self.store.lock():
            self._state = None
            return importer.append(self.state(), entries, progress=progress)

    # ------------------------------------------------------------------ lookup

    def version(self, label: str) -> VersionInfo:
        versions = self.versions
        if not versions:
            raise HistoryError("the history is empty; add a version with travaux history add "
                               "FILE --label ... --date ...")
        for v in versions:
            if v.label == label:
                return v
        for v in versions:
            if v.tag == label:
                return v
        folded = [v for v in versions if v.label.casefold() == (label or "").casefold()]
        if len(folded) == 1:
            return folded[0]
        names = ", ".join(repr(v.label) for v in versions[:12])
        more = " ..." if len(versions) > 12 else ""
        shown = label if len(label or "") <= 80 else label[:77] + "..."
        raise HistoryError(f"no version labelled {shown!r} in this history; labels are: "
                           f"{names}{more}")

    def resolve(self, provision: str, at: str | None = None) -> tuple[VersionInfo, ProvisionRecord]:
        """The provision named ``provision`` as numbered in version ``at`` (default: latest)."""
        state = self.state()
        version = self.version(at) if at is not None else self.version(state.versions[-1].label) \
            if state.versions else self.version("")
        rec = _find(state.records[version.n - 1], provision)
        if rec is not None:
            return version, rec
        elsewhere = [v.label for v in state.versions if _find(state.records[v.n - 1], provision)]
        shown = provision if len(provision) <= 80 else provision[:77] + "..."
        if elsewhere:
            raise HistoryError(f"{shown!r} is not a provision of {version.label!r}; it is numbered "
                               f"so in {', '.join(repr(x) for x in elsewhere[-3:])}: add "
                               f'--at "{elsewhere[-1]}"')
        sample = ", ".join(r.citation for r in state.records[version.n - 1][:6])
        raise HistoryError(f"no provision {shown!r} in {version.label!r}; provisions there "
                           f"include {sample}")

    # ------------------------------------------------------------------ reading

    def show(self, label: str) -> bytes:
        v = self.version(label)
        return self.store.read(self.state().source_blobs[v.n - 1])

    def show_provision(self, label: str, provision: str) -> str:
        v, rec = self.resolve(provision, at=label)
        return self.state().text(rec.blob)

    def parse(self, label: str):
        """The stored version re-read through the pipeline (for diff)."""
        v = self.version(label)
        return importer.parse_version(self.show(label), v.file)

    def diff(self, label1: str, label2: str, provision: str | None = None, *, options=None):
        from travaux.diffing.compare import compare
        from travaux.diffing.model import CompareOptions

        v1, v2 = self.version(label1), self.version(label2)
        old, new = self.parse(v1.label), self.parse(v2.label)
        if provision is not None:
            old, new = self._narrow(v1, v2, old, new, provision)
        return compare(old, new, options or CompareOptions())

    def _narrow(self, v1, v2, old, new, provision):
        """Both documents cut down to the provision (followed by identity)."""
        state = self.state()
        try:
            _, rec = self.resolve(provision, at=v2.label)
            here, there, rec_v = new, old, v2
        except HistoryError:
            _, rec = self.resolve(provision, at=v1.label)
            here, there, rec_v = old, new, v1
        other_v = v1 if rec_v is v2 else v2
        other = _follow(state, rec.id, rec_v.n, other_v.n)
        a = _subdocument(here, rec.path)
        b = _subdocument(there, other.path if other else None)
        return (a, b) if rec_v is v1 else (b, a)

    def log(self, provision: str, at: str | None = None):
        version, rec = self.resolve(provision, at)
        return _log.provision_log(self.state(), rec.id, provision)

    def blame(self, provision: str, at: str | None = None):
        version, rec = self.resolve(provision, at)
        return _blame.blame(self.state(), rec.id, version.n, provision)

    def timeline(self, provision: str, at: str | None = None):
        version, rec = self.resolve(provision, at)
        return _timeline.timeline(self.state(), rec.id)

    def dossier(self):
        return _timeline.dossier(self.state())


def _find(records, provision: str) -> ProvisionRecord | None:
    want = normalise(provision)
    if not want:
        return None
    for r in records:
        if normalise(r.citation) == want:
            return r
    head = want.split(" > ")[0]
    file_id = re.sub(r"^provisions/|\.txt$", "", provision.strip())
    for r in records:
        if r.id == file_id or normalise(r.citation) == head:
            return r
    return None


def _follow(state: layout.State, pid: str, frm: int, to: int) -> ProvisionRecord | None:
    """The record in version ``to`` of the provision ``pid`` of version ``frm``."""
    ids = {pid}
    step = 1 if to > frm else -1
    n = frm
    while n != to:
        if step > 0:
            nxt = [r for r in state.records[n] if r.id in ids or set(r.sources) & ids]
        else:
            cur = [r for r in state.records[n - 1] if r.id in ids]
            srcs = {s for r in cur for s in r.sources}
            nxt = [r for r in state.records[n - 2] if r.id in srcs]
        if not nxt:
            return None
        ids = {r.id for r in nxt}
        n += step
    for r in state.records[to - 1]:
        if r.id in ids:
            return r
    return None


def _subdocument(doc, path):
    """A Document holding only the unit at ``path`` (same source, blocks re-indexed)."""
    return doc.subdocument((path,) if path is not None else ())
