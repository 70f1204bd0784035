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

import difflib
import re
from pathlib import Path

from travaux.diffing.citation import key, parse as parse_citation, same as same_component
from travaux.diffing.errors import HistoryError
from travaux.diffing.model import PROVISION_KINDS
from travaux.history import blame as _blame
from travaux.history import importer, layout, log as _log, safety, timeline as _timeline
from travaux.history import cited as _cited, overview as _overview
from travaux.history.identity import PREAMBLE
from travaux.history.manifest import Entry, read_manifest
from travaux.history.model import ProvisionRecord, VersionInfo
from travaux.history.lock import DEFAULT_WAIT
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
            progress: bool = False, wait: float = DEFAULT_WAIT, on_wait=None,
            allow_out_of_order: bool = False) -> VersionInfo:
        entry = Entry(Path(file), safety.check_label(label), safety.check_date(date),
                      safety.check_text(body, "body"), safety.check_text(note, "note"))
        if not entry.path.is_file():
            raise HistoryError(f"{file} does not exist or is not a file; check the path")
        return self._append([entry], progress, wait, on_wait, allow_out_of_order)[0]

    def import_manifest(self, manifest: Path, *, progress: bool = False,
                        wait: float = DEFAULT_WAIT, on_wait=None, allow_outside: bool = False,
                        allow_out_of_order: bool = False) -> list[VersionInfo]:
        entries = read_manifest(Path(manifest), frozenset(v.label for v in self.versions),
                                allow_outside=allow_outside)
        return self._append(entries, progress, wait, on_wait, allow_out_of_order)

    def _append(self, entries: list[Entry], progress: bool, wait: float, on_wait,
                allow_out_of_order: bool) -> list[VersionInfo]:
        with self.store.writing(wait=wait, on_wait=on_wait) as branch:
            self._state = None
            return importer.append(self.state(), entries, progress=progress, branch=branch,
                                   allow_out_of_order=allow_out_of_order)

    def remove(self, label: str, *, wait: float = DEFAULT_WAIT, on_wait=None) -> VersionInfo:
        """Take the newest version off the history (it must be named: ``label``)."""
        with self.store.writing(wait=wait, on_wait=on_wait) as branch:
            self._state = None
            return importer.remove_last(self.state(), self.version(label), branch=branch)

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
        t = self.target(provision, at)
        return t.version, t.record

    def target(self, citation: str, at: str | None = None) -> _cited.Target:
        """What ``citation`` names in version ``at`` (default: latest): a provision, or
        exactly one paragraph of it; a citation naming nothing is an error that
        lists the nearest paths that exist."""
        state = self.state()
        if not state.versions:
            self.version("")                                 # raises: empty history
        version = self.version(at) if at is not None else state.versions[-1]
        want = _citation_path(citation)
        shown = citation if len(citation) <= 80 else citation[:77] + "..."
        rec = _find(state.records[version.n - 1], citation, want)
        if rec is not None:
            try:
                return _cited.locate(state, version, rec, want, _same)
            except HistoryError:
                if at is None:
                    elsewhere = self._elsewhere(citation, want)
                    if elsewhere:
                        raise HistoryError(f"{shown!r} is not in {version.label!r}; it is numbered "
                                           f"so in {', '.join(repr(x) for x in elsewhere[-3:])}: "
                                           f'add --at "{elsewhere[-1]}"') from None
                raise
        elsewhere = self._elsewhere(citation, want)
        if elsewhere:
            raise HistoryError(f"{shown!r} is not a provision of {version.label!r}; it is numbered "
                               f"so in {', '.join(repr(x) for x in elsewhere[-3:])}: add "
                               f'--at "{elsewhere[-1]}"')
        names = [r.citation for r in state.records[version.n - 1]]
        near = difflib.get_close_matches(" > ".join(want), names, n=4, cutoff=0.5) or names[:6]
        raise HistoryError(f"no provision {shown!r} in {version.label!r}; nearest: "
                           f"{', '.join(near)}")

    def _elsewhere(self, citation: str, want: tuple[str, ...]) -> list[str]:
        state = self.state()
        out = []
        for v in state.versions:
            rec = _find(state.records[v.n - 1], citation, want)
            if rec is None:
                continue
            try:
                _cited.locate(state, v, rec, want, _same)
            except HistoryError:
                continue
            out.append(v.label)
        return out

    # ------------------------------------------------------------------ reading

    def show(self, label: str) -> bytes:
        v = self.version(label)
        return self.store.read(self.state().source_blobs[v.n - 1])

    def show_provision(self, label: str, provision: str) -> str:
        t = self.target(provision, at=label)
        if t.paragraph:
            return _cited.paragraph_text(self.state(), t)
        return self.state().text(t.record.blob)

    def parse(self, label: str):
        """The stored version re-read through the pipeline (for diff), named as a
        version of the history: label, date and body, never the file it came from
        nor a date found inside the text (a law's own date is not the version's)."""
        from dataclasses import replace

        v = self.version(label)
        doc = importer.parse_version(self.show(label), v.file)
        return replace(doc, meta=replace(doc.meta, name="", symbol=version_name(v), date=v.date))

    def diff(self, label1: str, label2: str, provision: str | None = None, *, options=None):
        from travaux.diffing.compare import compare
        from travaux.diffing.model import CompareOptions

        v1, v2 = self.version(label1), self.version(label2)
        old, new = self.parse(v1.label), self.parse(v2.label)
        options = options or CompareOptions()
        if provision is not None:
            old, new = self._narrow(v1, v2, old, new, provision)
            options = _pin_paragraph(old, new, options)
        return compare(old, new, options)

    def _narrow(self, v1, v2, old, new, provision):
        """Both documents cut down to the provision or paragraph (followed by identity)."""
        state = self.state()
        try:
            t = self.target(provision, at=v2.label)
            here, there, other_v = new, old, v1
        except HistoryError:
            t = self.target(provision, at=v1.label)
            here, there, other_v = old, new, v2
        if t.paragraph:
            where = _cited.track(state, t).get(other_v.n, ())
            rec = state.record(other_v.n, t.record.id)
            other_path = _cited.path_at(state, rec, where[0]) if rec and where else None
        else:
            other = _follow(state, t.record.id, t.version.n, other_v.n)
            other_path = other.path if other else None
        a = _subdocument(here, t.path)
        b = _subdocument(there, other_path)
        return (a, b) if other_v is v2 else (b, a)

    def log(self, provision: str, at: str | None = None):
        t = self.target(provision, at)
        if t.paragraph:
            return _cited.paragraph_log(self.state(), t, provision)
        return _log.provision_log(self.state(), t.record.id, provision)

    def blame(self, provision: str, at: str | None = None):
        t = self.target(provision, at)
        if t.paragraph:
            return _cited.paragraph_blame(self.state(), t, provision)
        return _blame.blame(self.state(), t.record.id, t.version.n, provision)

    def timeline(self, provision: str, at: str | None = None):
        t = self.target(provision, at)
        if t.paragraph:
            return _cited.paragraph_timeline(self.state(), t)
        return _timeline.timeline(self.state(), t.record.id)

    def dossier(self):
        return _timeline.dossier(self.state())

    def overview(self):
        """What changed in each version, provision by provision (``log`` with no provision)."""
        if not self.versions:
            self.version("")                # raises: the history is empty
        return _overview.overview(self.state())

    def phrase_log(self, phrase: str, provision: str | None = None, at: str | None = None, *,
                   regex: bool = False, ignore_case: bool = False):
        """Each version in which ``phrase`` appeared, disappeared or changed its count."""
        pattern = _overview.compile_phrase(phrase, regex=regex, ignore_case=ignore_case)
        if not self.versions:
            self.version("")
        ids = None
        if provision is not None:
            _, rec = self.resolve(provision, at)
            ids = {rec.id}
        return _overview.phrase_log(self.state(), pattern, ids)


def version_name(v: VersionInfo) -> str:
    """"S. 269 ES · 2025-09-19 · Engrossed in Senate": how every history output names a version."""
    return " \u00b7 ".join(x for x in (v.label, v.date, v.body) if x)


def _citation_path(citation: str) -> tuple[str, ...]:
    """A citation in any accepted form -> its components ("§ 2 Abs. 4" -> ("§ 2", "Abs. 4"))."""
    return parse_citation(citation)


def _same(a: str, b: str) -> bool:
    """Two path components name the same block ("Art. 93" and "Artikel 93" do)."""
    return same_component(a, b)


def _find(records, provision: str, want: tuple[str, ...] | None = None) -> ProvisionRecord | None:
    """The provision a citation starts with: its whole path, or its file id."""
    want = _citation_path(provision) if want is None else want
    if not want:
        return None
    best = None
    for r in records:
        n = len(r.path)
        if n <= len(want) and all(_same(a, b) for a, b in zip(r.path, want[:n])):
            if best is None or n > len(best.path):
                best = r
    if best is not None:
        return best
    file_id = re.sub(r"^provisions/|\.txt$", "", provision.strip())
    for r in records:
        if r.id == file_id:
            return r
    if len(want) == 1 and key(want[0]) in _PREAMBLE_KEYS:
        # parse names the text before the first article "Title"/"Preamble"; the
        # history keeps it as one unit, "(preamble)"
        return next((r for r in records if r.id == PREAMBLE), None)
    return None


_PREAMBLE_KEYS = {"title", "preamble", "(preamble)"}


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


def _pin_paragraph(old, new, options):
    """A cited paragraph followed by identity is paired even when rewritten: the
    history says it is the same paragraph (unless the user pinned something)."""
    from dataclasses import replace

    if options.pins or not old.blocks or not new.blocks:
        return options
    a, b = old.blocks[0], new.blocks[0]
    if a.kind in PROVISION_KINDS or b.kind in PROVISION_KINDS:
        return options
    return replace(options, pins=((" > ".join(a.path), " > ".join(b.path)),))


def _subdocument(doc, path):
    """A Document holding only the unit at ``path`` (same source, blocks re-indexed)."""
    return doc.subdocument((path,) if path is not None else ())
