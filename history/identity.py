"""Provision identity across versions, decided by aligning each version with the previous.

In: the previous version's Document and its stored records (id per provision
path), the new Document.  Out: the new version's ``ProvisionRecord`` list (each
with its stable id, what happened to it, where it came from, and its change
summary by kind), the ids deleted, and the text of each provision file.

A ``ProvisionFile`` is what gets one file: every provision (ARTICLE block, with
all the blocks below it); in documents without articles, every top-level numbered
paragraph/recital/preambular paragraph.  Blocks outside them go to
``_preamble`` (before the first unit) and ``_other`` (headings, annexes, ...).

Identity follows the alignment (``diffing.align.align``): a provision paired
one-to-one keeps its id, whatever its new number; in a split the first piece
keeps the id and the others get new ids that record their source; in a merge
the result keeps the first source's id.  New ids are slugs of the citation
("Article 31" -> ``article-31``), never reused, so ``git log --follow`` on a
provision file shows that provision and no other.
"""

from __future__ import annotations

from dataclasses import dataclass

from travaux.diffing.model import PROVISION_KINDS, BlockKind, Document
from travaux.history import safety
from travaux.history.model import ProvisionChange, ProvisionRecord

PREAMBLE = "_preamble"
OTHER = "_other"
SPECIAL_LABELS = {PREAMBLE: "(preamble)", OTHER: "(other text)"}
#: The catch-all units' paths (as cited by users) -> their fixed file ids.
SPECIAL_IDS: dict[tuple[str, ...], str] = {(label,): uid for uid, label in SPECIAL_LABELS.items()}
_TOP_KINDS = {BlockKind.PARAGRAPH, BlockKind.PREAMBLE, BlockKind.RECITAL}


@dataclass(frozen=True, slots=True)
class ProvisionFile:
    """One file of a version: a provision with everything below it, or a catch-all."""
    path: tuple[str, ...]       # ("Article 31",) or ("_preamble",)
    label: str                  # first line of the file: the citation as numbered here
    title: str
    content: str                # the text without its label: title line, then one line per block

    @property
    def file_text(self) -> str:
        return self.label + "\n" + self.content + "\n"


def units(doc: Document) -> list[ProvisionFile]:
    """The document cut into files, in document order.

    The catch-all units come first ("(preamble)") and last ("(other text)")."""
    blocks = doc.blocks
    heads = [i for i, b in enumerate(blocks) if b.kind in PROVISION_KINDS]
    if not heads:
        heads = [i for i, b in enumerate(blocks)
                 if len(b.path) == 1 and b.kind in _TOP_KINDS and not b.label.startswith("¶")]
    owned: set[int] = set()
    out: list[ProvisionFile] = []
    for h in heads:
        if h in owned:          # a head nested in another unit stays in that unit
            continue
        below = doc.descendants(h)
        owned.add(h)
        owned.update(below)
        head = blocks[h]
        lines = [head.text] if head.text else []
        lines += [_line(blocks[j], blocks[j].depth - head.depth - 1) for j in below]
        out.append(ProvisionFile(head.path, head.path[-1] if head.path else head.label, head.title,
                        "\n".join(lines)))
    first = min(heads) if heads else len(blocks)
    pre = [_line(b, 0) for i, b in enumerate(blocks) if i not in owned and i < first]
    rest = [_line(b, 0) for i, b in enumerate(blocks) if i not in owned and i >= first]
    if pre:
        out.insert(0, ProvisionFile((SPECIAL_LABELS[PREAMBLE],), SPECIAL_LABELS[PREAMBLE], "",
                           "\n".join(pre)))
    if rest:
        out.append(ProvisionFile((SPECIAL_LABELS[OTHER],), SPECIAL_LABELS[OTHER], "", "\n".join(rest)))
    return out


def _line(block, indent: int) -> str:
    label = block.label if block.label and not block.label.startswith("¶") else ""
    text = " ".join(x for x in (label, block.text) if x)
    return "  " * max(indent, 0) + text


def content_of(file_text: str) -> str:
    """The unit content stored in a provision file (its first line is the label)."""
    body = file_text.split("\n", 1)[1] if "\n" in file_text else ""
    return body[:-1] if body.endswith("\n") else body


@dataclass(frozen=True, slots=True)
class Assigned:
    records: tuple[ProvisionRecord, ...]   # blob is "" here: the store fills it
    files: dict                            # id -> file text
    deleted: tuple[tuple[str, tuple[str, ...]], ...]   # (id, path in previous version)


@dataclass(frozen=True, slots=True)
class Placed:
    """What ``assign`` decided for one new file: its id, what happened to it, the old ids it
    comes from and its path in the previous version (``()``: new, or not taken from one)."""
    id: str
    change: ProvisionChange
    sources: tuple[str, ...] = ()
    old_path: tuple[str, ...] = ()


def assign(old_doc: Document | None, old_records: tuple[ProvisionRecord, ...],
           old_texts: dict[str, str], new_doc: Document, taken: set[str],
           options=None) -> Assigned:
    """Give every unit of ``new_doc`` its id, by aligning it with ``old_doc``.

    ``old_texts`` maps old ids to their file texts; ``taken`` is every id ever
    used (updated in place with the new ids).
    """
    new_units = units(new_doc)
    files: dict[str, str] = {}
    by_new: dict[int, Placed] = {}
    deleted: list[tuple[str, tuple[str, ...]]] = []
    old_id_of = {r.path: r.id for r in old_records}
    old_path_of = {r.id: r.path for r in old_records}

    if old_doc is None:
        for k, u in enumerate(new_units):
            by_new[k] = Placed(_new_id(u, taken), ProvisionChange.INTRODUCED)
    else:
        groups = _groups(old_doc, new_doc, new_units, options)
        used_old: set[str] = set()
        for olds, news in groups:
            old_ids = [old_id_of[p] for p in olds if p in old_id_of and old_id_of[p] not in used_old]
            used_old.update(old_ids)
            if not old_ids:
                for k in news:
                    by_new[k] = Placed(_new_id(new_units[k], taken), ProvisionChange.INSERTED)
                continue
            if not news:
                deleted.extend((i, old_path_of[i]) for i in old_ids)
                continue
            if len(news) == 1 and len(old_ids) == 1:
                k, oid = news[0], old_ids[0]
                u = new_units[k]
                if old_path_of[oid] != u.path:
                    change = (ProvisionChange.MOVED if old_path_of[oid] in groups.moved_paths
                              else ProvisionChange.RENUMBERED)
                elif content_of(old_texts.get(oid, "")) == u.content:
                    change = ProvisionChange.UNCHANGED
                else:
                    change = ProvisionChange.MODIFIED
                by_new[k] = Placed(oid, change, (oid,), old_path_of[oid])
            elif len(old_ids) == 1:      # split: the first piece keeps the id
                for pos, k in enumerate(news):
                    nid = old_ids[0] if pos == 0 else _new_id(new_units[k], taken)
                    by_new[k] = Placed(nid, ProvisionChange.SPLIT, tuple(old_ids), old_path_of[old_ids[0]])
            else:                        # merge (or many-to-many): the first keeps its id
                for pos, k in enumerate(news):
                    nid = old_ids[0] if pos == 0 else _new_id(new_units[k], taken)
                    by_new[k] = Placed(nid, ProvisionChange.MERGED, tuple(old_ids), old_path_of[old_ids[0]])
                keep = {by_new[k].id for k in news}
                deleted.extend((i, old_path_of[i]) for i in old_ids if i not in keep)
        for r in old_records:
            if r.id not in used_old:
                deleted.append((r.id, r.path))
        for k, u in enumerate(new_units):
            if k not in by_new:
                by_new[k] = Placed(_new_id(u, taken), ProvisionChange.INSERTED)

    records = []
    for k, u in enumerate(new_units):
        uid, change, sources, old_path = (by_new[k].id, by_new[k].change, by_new[k].sources,
                                          by_new[k].old_path)
        files[uid] = u.file_text
        summary: tuple[tuple[str, int], ...] = ()
        if old_doc is not None and change not in (ProvisionChange.INTRODUCED, ProvisionChange.INSERTED,
                                                  ProvisionChange.UNCHANGED):
            before = "\n".join(content_of(old_texts.get(s, "")) for s in sources)
            summary = summarise(old_doc, tuple(old_path_of[s] for s in sources), new_doc, u.path,
                                (before, u.content), options)
        records.append(ProvisionRecord(uid, u.path, u.title, "", change, sources,
                                       old_path if old_path != u.path else (), summary))
    return Assigned(tuple(records), files, tuple(deleted))


def _new_id(unit: ProvisionFile, taken: set[str]) -> str:
    special = SPECIAL_IDS.get(unit.path)
    if special is not None and special not in taken:
        taken.add(special)
        return special
    uid = safety.unique(safety.slugify(unit.path[0] if unit.path else unit.label), taken)
    taken.add(uid)
    return uid


class _Groups(list):
    """Aligned groups (old unit paths, new unit indices) plus the paths the aligner moved."""

    def __init__(self, items, moved_paths):
        super().__init__(items)
        self.moved_paths = moved_paths


def _groups(old_doc: Document, new_doc: Document, new_units: list[ProvisionFile], options) -> _Groups:
    """Pairs of the alignment restricted to unit heads, as (old paths, new unit indices)."""
    from travaux.diffing.align.aligner import align
    from travaux.diffing.model import CompareOptions, PairKind

    alignment = align(old_doc, new_doc, options or CompareOptions())
    new_index = {u.path: k for k, u in enumerate(new_units)}
    old_unit_paths = {u.path for u in units(old_doc)}
    items = []
    moved: set[tuple[str, ...]] = set()
    for pair in tuple(alignment.provisions) + tuple(alignment.paragraphs):
        olds = [old_doc.blocks[i].path for i in pair.old if old_doc.blocks[i].path in old_unit_paths]
        news = [new_index[new_doc.blocks[j].path] for j in pair.new
                if new_doc.blocks[j].path in new_index]
        if not olds and not news:
            continue
        if pair.kind is PairKind.MOVED:
            moved.update(olds)
        items.append((olds, news))
    # The catch-all files always correspond to each other.
    for special in SPECIAL_IDS:
        if special in new_index or special in old_unit_paths:
            items.append(([special] if special in old_unit_paths else [],
                          [new_index[special]] if special in new_index else []))
    return _Groups(items, moved)


def summarise(old_doc: Document, old_paths: tuple[tuple[str, ...], ...], new_doc: Document,
              new_path: tuple[str, ...], texts: tuple[str, str],
              options=None) -> tuple[tuple[str, int], ...]:
    """Change counts by kind (``ChangeKind`` values, in enum order) of one provision's
    transition: the core summary (``diffing.summary``) of the comparison that
    ``History.diff`` runs on that provision (the two versions cut down to it), so
    ``log`` and ``diff`` give the same counts.  The catch-all units, which are not
    blocks of the document, are compared as texts (``texts``: old and new content)."""
    from travaux.diffing.compare import compare, diff_texts
    from travaux.diffing.model import CompareOptions
    from travaux.diffing.summary import summarize

    options = options or CompareOptions()
    old, new = old_doc.subdocument(old_paths), new_doc.subdocument((new_path,))
    if old.blocks and new.blocks:
        summary = compare(old, new, options).summary
    else:
        summary = summarize([diff_texts(*texts, options)])
    return tuple((str(kind), n) for kind, n in summary.changes)
