"""What a history commit holds, and reading it back into dataclasses.

Tree of the commit of version n (everything plain text, so plain git works)::

    provisions/<id>.txt          one file per provision present in version n
                                 (first line: its citation as numbered in n)
    versions/0001/meta.json      label, date, body, note, file name, format, tag
    versions/0001/index.json     every provision of version 1: id, path, change,
                                 sources, change summary, blob of its file
    versions/0001/source.<ext>   the imported file, byte for byte
    ...                          (one folder per version so far)

In: a ``Store`` and the branch head.  Out: ``State`` — the versions, their
indices and cached provision texts — which log, blame and timeline read
without re-parsing any version.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from travaux.diffing.errors import HistoryError
from travaux.history.model import ProvisionChange, ProvisionRecord, VersionInfo
from travaux.history.store import Store


def version_dir(n: int) -> str:
    return f"{n:04d}"


def source_name(file_name: str) -> str:
    ext = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    return "source." + ext if re.fullmatch(r"[a-z0-9]{1,10}", ext) else "source"


def dump(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def meta_json(info: VersionInfo, source: str, source_blob: str) -> bytes:
    meta = {"n": info.n, "label": info.label, "date": info.date, "body": info.body,
            "note": info.note, "file": info.file, "format": info.format, "tag": info.tag,
            "summary": info.summary_line, "source": source, "source_blob": source_blob}
    if info.out_of_order:
        meta["out_of_order"] = True
    return dump(meta)


def index_json(records, deleted) -> bytes:
    return dump({
        "provisions": [{"id": r.id, "path": list(r.path), "title": r.title, "blob": r.blob,
                        "change": str(r.change), "sources": list(r.sources),
                        "old_path": list(r.old_path), "summary": [list(s) for s in r.summary]}
                       for r in records],
        "deleted": [{"id": i, "path": list(p)} for i, p in deleted],
    })


@dataclass
class State:
    """Everything stored at one branch head, loaded once per command."""

    store: Store
    head: str | None
    versions: tuple[VersionInfo, ...] = ()
    records: tuple[tuple[ProvisionRecord, ...], ...] = ()      # per version
    deleted: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = ()
    source_blobs: tuple[str, ...] = ()
    version_trees: dict = field(default_factory=dict)          # "0001" -> tree sha
    _texts: dict = field(default_factory=dict)

    @property
    def ids_ever(self) -> set[str]:
        return {r.id for recs in self.records for r in recs}

    def record(self, n: int, pid: str) -> ProvisionRecord | None:
        for r in self.records[n - 1]:
            if r.id == pid:
                return r
        return None

    def text(self, blob: str) -> str:
        if blob not in self._texts:
            self._texts[blob] = self.store.read(blob).decode("utf-8")
        return self._texts[blob]

    def texts_at(self, n: int) -> dict[str, str]:
        return {r.id: self.text(r.blob) for r in self.records[n - 1]}


def load(store: Store, head: str | None = None) -> State:
    head = store.head() if head is None else head
    state = State(store, head)
    if head is None:
        return state
    root = store.read_tree(store.commit_tree(head))
    if "versions" not in root:
        return state
    vtrees = {name: sha for name, (_, sha) in store.read_tree(root["versions"][1]).items()}
    tags = store.tags()
    versions, records, deleted, blobs = [], [], [], []
    for name in sorted(vtrees):
        try:
            meta, recs, gone = _read_version(store, vtrees[name])
            if not isinstance(meta["n"], int) or version_dir(meta["n"]) != name:
                raise ValueError("its number 'n' does not match its folder")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise HistoryError(
                f"versions/{name} of this history is not as travaux wrote it ({_what(exc)}); "
                f"undo the edit (git log -- versions/{name} shows who made it, git checkout "
                f"<commit> -- versions/{name} restores it)") from None
        versions.append(VersionInfo(
            n=meta["n"], label=meta["label"], date=meta["date"], body=meta["body"],
            note=meta["note"], file=meta["file"], format=meta["format"], tag=meta["tag"],
            commit=tags.get(meta["tag"], ""), summary_line=meta["summary"],
            out_of_order=bool(meta.get("out_of_order", False))))
        records.append(recs)
        deleted.append(gone)
        blobs.append(meta["source_blob"])
    if any(not v.commit for v in versions):
        versions = _commits_from_chain(store, head, versions)
    state.versions = tuple(versions)
    state.records = tuple(records)
    state.deleted = tuple(deleted)
    state.source_blobs = tuple(blobs)
    state.version_trees = vtrees
    return state


def _read_version(store: Store, tree: str):
    entries = store.read_tree(tree)
    meta = json.loads(store.read(entries["meta.json"][1]))
    index = json.loads(store.read(entries["index.json"][1]))
    for key in ("n", "label", "date", "body", "note", "file", "format", "tag", "summary",
                "source_blob"):
        if key not in meta:
            raise KeyError(key)
    recs = tuple(ProvisionRecord(
        id=p["id"], path=tuple(p["path"]), title=p["title"], blob=p["blob"],
        change=ProvisionChange(p["change"]), sources=tuple(p["sources"]),
        old_path=tuple(p["old_path"]), summary=tuple(tuple(s) for s in p["summary"]))
        for p in index["provisions"])
    gone = tuple((d["id"], tuple(d["path"])) for d in index["deleted"])
    return meta, recs, gone


def _what(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"{exc.args[0]!r} is missing"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg}"
    if isinstance(exc, ValueError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return type(exc).__name__


def _commits_from_chain(store: Store, head: str, versions: list[VersionInfo]) -> list:
    """Versions whose tag is gone: the first-parent commit that added versions/NNNN."""
    from dataclasses import replace

    found: dict[str, str] = {}
    commit: str | None = head
    while commit is not None:
        root = store.read_tree(store.commit_tree(commit))
        names = set(store.read_tree(root["versions"][1])) if "versions" in root else set()
        parent = store.commit_parent(commit)
        before: set[str] = set()
        if parent is not None:
            proot = store.read_tree(store.commit_tree(parent))
            before = set(store.read_tree(proot["versions"][1])) if "versions" in proot else set()
        for name in names - before:
            found.setdefault(name, commit)
        commit = parent
    return [v if v.commit else replace(v, commit=found.get(version_dir(v.n), ""))
            for v in versions]
