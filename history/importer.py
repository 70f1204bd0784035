"""Appending versions: parse, assign provision ids, write commits, publish at once.

In: validated manifest ``Entry`` records and the ``State`` at the branch head
(read under the writer lock).  Out: the new ``VersionInfo`` records, after one
atomic ref transaction (see ``store.Store.publish``): an import of ten versions
is all ten or none, whatever fails or kills it on the way.

Parsing the previous version again (to align the new one with it) is done
once per import, then the new Document is carried forward in memory.
"""

from __future__ import annotations

import sys
import time

from travaux.diffing.errors import HistoryError, InputError
from travaux.history import layout, safety
from travaux.history.identity import assign
from travaux.history.manifest import Entry
from travaux.history.model import ProvisionChange, VersionInfo
from travaux.history.store import BRANCH, REMOVED_REFS, TAG_PREFIX, TAG_REFS


def parse_version(data: bytes, name: str):
    """A stored version's bytes -> its ``Document`` (the same pipeline as ``travaux parse``)."""
    from travaux.diffing.parse import parse_bytes

    return parse_bytes(data, name)


def append(state: layout.State, entries: list[Entry], *, progress: bool = False,
           parse=None, branch: str = BRANCH, allow_out_of_order: bool = False
           ) -> list[VersionInfo]:
    """Write ``entries`` as new versions on ``branch`` (caller holds the lock)."""
    parse = parse if parse is not None else parse_version
    store = state.store
    if not entries:
        return []
    known = {v.label for v in state.versions}
    for e in entries:
        if e.label in known:
            raise HistoryError(f"label {e.label!r} is already in the history; choose another label")
    disorder = check_order(state.versions, entries, allow_out_of_order)
    bar = Progress(len(entries), enabled=progress)
    taken = state.ids_ever
    tags_taken = set(store.tags())
    keep = store.user_entries(state.head)
    n0 = len(state.versions)
    prev_doc = None
    prev_records = state.records[-1] if state.records else ()
    prev_texts = state.texts_at(n0) if n0 else {}
    if n0:
        last = state.versions[-1]
        prev_doc = parse(store.read(state.source_blobs[-1]), last.file)
    vtrees: dict[str, tuple[str, str] | dict[str, str]] = {
        name: ("tree", sha) for name, sha in state.version_trees.items()}
    head = state.head
    new_tags: dict[str, str] = {}
    out: list[VersionInfo] = []
    for k, e in enumerate(entries, start=1):
        n = n0 + k
        bar.step(f"{e.label}")
        try:
            data = e.path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {e.path} ({exc.strerror}); check the file") from None
        doc = parse(data, e.path.name)
        done = assign(prev_doc, prev_records, prev_texts, doc, taken)
        blobs = {pid: store.blob(text.encode("utf-8")) for pid, text in done.files.items()}
        records = tuple(_with_blob(r, blobs[r.id]) for r in done.records)
        tag = safety.unique(TAG_PREFIX + safety.tag_name(e.label, n), tags_taken)
        tags_taken.add(tag)
        info = VersionInfo(n=n, label=e.label, date=e.date, body=e.body, note=e.note,
                           file=e.path.name, format=getattr(doc.meta, "format", "text") or "text",
                           tag=tag, summary_line=summary_line(records, done.deleted),
                           out_of_order=e.label in disorder)
        source = layout.source_name(e.path.name)
        source_blob = store.blob(data)
        vtrees[layout.version_dir(n)] = {
            "meta.json": store.blob(layout.meta_json(info, source, source_blob)),
            "index.json": store.blob(layout.index_json(records, done.deleted)),
            source: source_blob,
        }
        tree = store.tree({
            "provisions": {f"{pid}.txt": sha for pid, sha in blobs.items()},
            "versions": vtrees,
        } if blobs else {"versions": vtrees}, keep)
        message = f"{e.label}\n\n" + "\n".join(x for x in (e.body, e.note, info.summary_line) if x)
        head = store.commit(tree, head, author=safety.ident(e.body),
                            timestamp=safety.git_timestamp(e.date), message=message)
        new_tags[tag] = store.tag(tag, head, message=e.label, author=safety.ident(e.body),
                                  timestamp=safety.git_timestamp(e.date))
        out.append(_with_commit(info, head))
        prev_doc, prev_records, prev_texts = doc, records, done.files
    bar.step("publishing")
    if head is None:            # no entry: nothing to publish
        bar.done()
        return out
    store.land(branch, state.head, head, new_tags)
    bar.done()
    return out


def remove_last(state: layout.State, version: VersionInfo, *, branch: str = BRANCH
                ) -> VersionInfo:
    """Take the newest version off (caller holds the lock); all or nothing.

    When the version's commit is the branch tip, the branch goes back to its
    parent; when commits were made on top of it (the user's notes), a new
    commit drops the version and keeps them.  Either way its tag moves to
    ``refs/travaux/removed/``, so its objects stay reachable until the user
    deletes that ref.
    """
    store = state.store
    last = state.versions[-1]
    if version.n != last.n:
        raise HistoryError(f"{version.label!r} is not the newest version; history remove takes "
                           f"off the newest one ({last.label!r}): remove that first")
    n = version.n
    if state.head == version.commit:
        new_head = store.commit_parent(version.commit)
    else:
        vtrees = {name: ("tree", sha) for name, sha in state.version_trees.items()
                  if name != layout.version_dir(n)}
        files = {f"{r.id}.txt": r.blob for r in state.records[n - 2]} if n > 1 else {}
        owned: dict = {"versions": vtrees} if vtrees else {}
        if files:
            owned["provisions"] = files
        tree = store.tree(owned, store.user_entries(state.head))
        new_head = store.commit(tree, state.head, author="travaux",
                                timestamp=safety.git_timestamp(version.date),
                                message=f"Remove {version.label}\n\ntravaux history remove")
    tag_ref = TAG_REFS + version.tag
    tag_sha = store.ref(tag_ref)
    keep = safety.unique(REMOVED_REFS + version.tag, store.refs(REMOVED_REFS))
    store.land(branch, state.head, new_head, {}, delete={tag_ref: tag_sha} if tag_sha else {},
               create={keep: tag_sha or version.commit})
    return version


def check_order(versions, entries: list[Entry], allowed: bool) -> set[str]:
    """Labels of entries dated before a version added earlier; refused unless allowed."""
    late: set[str] = set()
    latest = (versions[-1].label, versions[-1].date) if versions else None
    for e in entries:
        if latest is not None and e.date < latest[1]:
            if not allowed:
                where = f"line {e.line}: " if e.line else ""
                raise HistoryError(f"{where}{e.label!r} is dated {e.date}, before {latest[0]!r} "
                                   f"({latest[1]}), the latest version; add versions in date "
                                   "order, or pass --allow-out-of-order (log and blame then follow "
                                   "the order in which versions were added)")
            late.add(e.label)
        else:
            latest = (e.label, e.date)
    return late


def summary_line(records, deleted) -> str:
    counts: dict[str, int] = {}
    for r in records:
        counts[str(r.change)] = counts.get(str(r.change), 0) + 1
    if deleted:
        counts[str(ProvisionChange.DELETED)] = len(deleted)
    order = [str(c) for c in ProvisionChange]
    parts = [f"{counts[c]} {c}" for c in order if c in counts]
    return f"{len(records)} provisions" + (": " + ", ".join(parts) if parts else "")


def _with_blob(r, blob):
    from dataclasses import replace

    return replace(r, blob=blob)


def _with_commit(info, commit):
    from dataclasses import replace

    return replace(info, commit=commit)


class Progress:
    """A one-line progress bar on stderr (only when asked: never in pipes or tests)."""

    def __init__(self, total: int, *, enabled: bool, stream=None, width: int = 30):
        self.total, self.enabled, self.width = total, enabled, width
        self.stream = stream or sys.stderr
        self.count = 0
        self.start = time.monotonic()

    def step(self, what: str) -> None:
        if not self.enabled:
            return
        shown = min(self.count, self.total)
        filled = self.width * shown // max(self.total, 1)
        what = "".join(ch if ch.isprintable() else " " for ch in what)[:40]
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{shown}/{self.total} {what:<40}")
        self.stream.flush()
        self.count += 1

    def done(self) -> None:
        if self.enabled:
            secs = time.monotonic() - self.start
            self.stream.write(f"\r[{'#' * self.width}] {self.total}/{self.total} "
                              f"done in {secs:.1f} s{' ' * 30}\n")
            self.stream.flush()
