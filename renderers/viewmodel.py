"""The view model of a comparison: ``Diff`` -> ``View`` (small frozen dataclasses).

In: a ``diffing.model.Diff``.  Out: a ``View`` that every comparison renderer
(text, Markdown, side-by-side and redline HTML) only loops over, so that the
grouping, numbering and counting are decided once, here, and tested once:

- ``sections``: one per provision pair (``Article 7 -> Article 8``) in reading
  order of the new text, each holding the rows of its paragraph pairs; blocks
  outside any article (title, citations, recitals, chapter headings) are grouped
  by the first element of their path (``Recital 12``).  A provision whose
  heading changed starts with a heading row.
- ``rows``: one per aligned pair; a moved pair sits at its new place and a
  ``ghost`` row at its old place points to it (and back).
- ``pieces``: the word diff of a row cut into the runs shown in the old column,
  the new column and the one-column redline; a run that belongs to a classified
  ``Change`` carries its number (1..N in reading order), which is what
  "change 12 of 57" and the n/p keys step through.

Anchor ids: permalinks are made from paths (``Article-8-2``: only
``[A-Za-z0-9-]``, unique in the page); ids of our own furniture start with
``_`` (``_c12``, ``_toc``) so no path can collide with them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from travaux.diffing.model import (EDITORIAL_KINDS, BlockKind, Diff, DocumentMeta, Op,
                           PairDiff, PairKind, TextEnum)
from travaux.diffing.citation import cite
from travaux.renderers.pieces import Piece, Segment, cut  # noqa: F401  (re-exported for templates)


@dataclass(frozen=True, slots=True)
class ChangeView:
    number: int                     # 1-based, in reading order; 0 for none
    kinds: tuple[str, ...]
    substantive: bool
    old: str
    new: str
    detail: str


@dataclass(frozen=True, slots=True)
class Chip:
    """A labelled mark beside a row's citation: what kind of change it is, in print too."""

    label: str                      # "MODAL", "REFERENCE · DELETION", "PUNCTUATION ×3", "+4 more"
    text: str                       # "shall → may" (may be "")
    substantive: bool
    number: int = 0                 # the change it stands for (0: a group or "more")


@dataclass(frozen=True, slots=True)
class Cell:
    cites: tuple[str, ...]          # "Article 8(2)" for each block of this side
    pieces: tuple[Piece, ...]
    labels: tuple[str, ...] = ()    # each block's own label ("(a)"), shown where a group's block starts

    @property
    def empty(self) -> bool:
        return not self.cites

    @property
    def plain(self) -> str | None:
        """The cell's text when it has no mark at all (most rows of a big instrument):
        the template then writes it as is, without walking pieces and segments."""
        if len(self.pieces) != 1 or self.labels:
            return None
        piece = self.pieces[0]
        if piece.change or len(piece.segments) != 1:
            return None
        seg = piece.segments[0]
        return seg.text if seg.op == "equal" and not seg.masked else None


_EDITORIAL = frozenset(k.value for k in EDITORIAL_KINDS)
_CHIPS = 3            # substantive changes shown as chips; the rest say "+N more"
_DASH = "\u2014"
_CHIP_SIDE = 28       # characters of each side of "old → new" on a chip


def _clip(text: str, n: int = _CHIP_SIDE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "\u2026"


def _short(c: "ChangeView") -> str:
    """"shall → may": the change's own detail when it has one, else its two sides."""
    if c.detail and " \u2192 " not in c.detail:
        return _clip(c.detail, 2 * _CHIP_SIDE)
    a, b = c.detail.split(" \u2192 ", 1) if c.detail else (c.old, c.new)
    a, b = _clip(a), _clip(b)
    if not a or a == _DASH:         # a pure insertion reads "+ for all businesses,"
        return f"+ {b}"
    if not b or b == _DASH:
        return f"\u2212 {a}"
    return f"{a} \u2192 {b}"


_EDITABLE = frozenset(k.value for k in (PairKind.RENUMBERED, PairKind.MOVED,
                                        PairKind.SPLIT, PairKind.MERGED))


class RowKind(TextEnum):
    """What a row shows: an aligned pair (its ``PairKind``, same values) or a ghost."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    INSERTED = "inserted"
    DELETED = "deleted"
    GHOST = "ghost"       # the old place of a moved row: a link to where it went


@dataclass(frozen=True, slots=True)
class Row:
    id: str                         # permalink id ("" when the section's id serves)
    kind: RowKind                   # the pair's kind, or GHOST (the old place of a moved row)
    old: Cell
    new: Cell
    inline: tuple[Piece, ...]       # the one-column redline
    changes: tuple[ChangeView, ...]
    moved_link: str = ""            # moved: id of the ghost at the old place; ghost: id of the row
    moved_cite: str = ""            # the other place, as a citation
    heading: bool = False           # the provision's heading (label + title)
    score: float = 0.0              # similarity of the pairing, 0..1
    show_score: bool = False        # moved/split/merged, or any-match: say how sure the pairing is
    uncertain: bool = False         # the pairing is a guess (the aligner says so)
    runner_up: str = ""             # the next-best counterpart, as a citation
    runner_up_score: float = 0.0
    old_id: str = ""                # permalink by the old numbering (when it differs from ``id``)
    run: int = 0                    # unchanged row: number of its run of unchanged rows (folds)

    @property
    def changed(self) -> bool:
        return self.kind != PairKind.UNCHANGED.value

    @property
    def edited(self) -> bool:
        """A renumbered, moved, split or merged pair whose words changed too
        (beyond the number that made it renumbered)."""
        return self.kind in _EDITABLE and any(
            set(c.kinds) != {"numbering"} for c in self.changes)

    @property
    def editorial_only(self) -> bool:
        """Modified only by editorial changes: hidden by the editorial filter."""
        return (self.kind == PairKind.MODIFIED.value and bool(self.changes)
                and not any(c.substantive for c in self.changes))

    @property
    def substantive(self) -> bool:
        return any(c.substantive for c in self.changes)

    @property
    def kinds(self) -> str:
        """Every change kind in the row, space-separated (the kind filters select on it)."""
        seen: list[str] = []
        for c in self.changes:
            seen += [k for k in c.kinds if k not in seen]
        return " ".join(seen)

    @property
    def chips(self) -> tuple[Chip, ...]:
        """Substantive changes one chip each (the first ``_CHIPS``), editorial ones
        one chip per kind; an inserted/deleted row's own badge says it all."""
        if self.kind in (PairKind.INSERTED.value, PairKind.DELETED.value):
            return ()
        out: list[Chip] = []
        sub = [c for c in self.changes if c.substantive]
        for c in sub[:_CHIPS]:
            kinds = [k for k in c.kinds if k not in _EDITORIAL][:2]
            out.append(Chip(" · ".join(k.replace("_", " ").upper() for k in kinds),
                            _short(c), True, c.number))
        if len(sub) > _CHIPS:
            out.append(Chip(f"+{len(sub) - _CHIPS} more", "", True))
        editorial: dict[str, list[ChangeView]] = {}
        for c in self.changes:
            if not c.substantive:
                editorial.setdefault(c.kinds[0] if c.kinds else "editorial", []).append(c)
        for kind, cs in editorial.items():
            label = kind.replace("_", " ").upper()
            if len(cs) == 1:
                out.append(Chip(label, _short(cs[0]), False, cs[0].number))
            else:
                out.append(Chip(f"{label} \u00d7{len(cs)}", "", False))
        return tuple(out)

    @property
    def stop(self) -> int:
        """Number of the first change in this row (0: none)."""
        return self.changes[0].number if self.changes else 0

    @property
    def cite(self) -> str:
        """``Article 7(2) -> Article 8(2)``, or one side when only one exists or both agree."""
        old, new = ", ".join(self.old.cites), ", ".join(self.new.cites)
        if not old or not new or old == new:
            return new or old
        return f"{old} \u2192 {new}"


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive unchanged rows of a section: one line in changes-only mode."""

    number: int
    count: int
    first: str                      # citation of the first row
    last: str
    renumbered: bool = False        # some rows of the run only changed number
    lazy: bool = False              # its rows are written as data (View.lazy), made by the script


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    kind: str                       # the provision pair's kind ("" outside provisions)
    old_label: str
    new_label: str
    old_title: str
    new_title: str
    rows: tuple[Row, ...]
    runs: tuple["Run", ...] = ()    # runs of unchanged rows, by number
    front: bool = False             # front matter (cover page, title): folded, not numbered stops

    @property
    def lazy_runs(self) -> frozenset[int]:
        return frozenset(r.number for r in self.runs if r.lazy)

    def run(self, number: int) -> "Run":
        return next(r for r in self.runs if r.number == number)

    @property
    def label(self) -> str:
        if self.old_label and self.new_label and self.old_label != self.new_label:
            return f"{self.old_label} \u2192 {self.new_label}"
        return self.new_label or self.old_label

    @property
    def title(self) -> str:
        return self.new_title or self.old_title

    @property
    def changed(self) -> bool:
        return self.kind not in ("", PairKind.UNCHANGED.value) or any(
            r.changed for r in self.rows if r.kind != "ghost")

    @property
    def editorial_only(self) -> bool:
        rows = [r for r in self.rows if r.changed]
        return (self.kind in ("", PairKind.UNCHANGED.value, PairKind.MODIFIED.value)
                and bool(rows) and all(r.editorial_only for r in rows))

    @property
    def change_count(self) -> int:
        return sum(len(r.changes) for r in self.rows)

    @property
    def kinds(self) -> str:
        """Every change kind in the section, space-separated (for the kind filters)."""
        seen: list[str] = []
        for r in self.rows:
            seen += [k for k in r.kinds.split() if k not in seen]
        return " ".join(seen)

    @property
    def badge(self) -> str:
        """"renumbered + edited (3 substantive)": the provision pair's kind, whether its
        words changed too and how many of its changes are substantive."""
        if not self.kind:
            return ""
        out = self.kind
        if self.kind in _EDITABLE and self.change_count:
            out += " + edited"
        n = self.substantive_count
        return out + (f" ({n} substantive)" if n else "")

    @property
    def substantive_count(self) -> int:
        return sum(c.substantive for r in self.rows for c in r.changes)


@dataclass(frozen=True, slots=True)
class MetaView:
    name: str
    format: str
    symbol: str
    title: str
    date: str
    language: str

    @property
    def heading(self) -> str:
        return self.symbol or self.name or "(unnamed)"


@dataclass(frozen=True, slots=True)
class Count:
    name: str
    count: int
    editorial: bool = False


@dataclass(frozen=True, slots=True)
class SummaryView:
    provisions: tuple[Count, ...]   # provision pairs per kind (non-zero, in PairKind order)
    pairs: tuple[Count, ...]        # paragraph pairs per kind
    changes: tuple[Count, ...]      # changes per classification, substantive first
    substantive: int
    editorial: int
    total: int                      # numbered changes (every nav stop)


@dataclass(frozen=True, slots=True)
class View:
    old: MetaView
    new: MetaView
    summary: SummaryView
    sections: tuple[Section, ...]
    toc: tuple[Section, ...]        # the sections that changed
    backend: str
    notes: tuple[str, ...]
    options: tuple[str, ...]        # "ignoring case", ...
    language: str
    lazy: tuple = ()                # big pages: rows of unchanged runs as data (see _lazy)

    @property
    def columns(self) -> tuple[str, str]:
        """Column heads: the document and the date it states, unless its heading
        already says it ("S. 269 · 2025-01-28"; a print that states no date: no guess)."""
        out = []
        for m in (self.old, self.new):
            out.append(m.heading + (f" \u00b7 {m.date}" if m.date and m.date not in m.heading else ""))
        return out[0], out[1]

    @property
    def front_changes(self) -> int:
        """Changes in the front matter: shown there, but not stops of the n/p keys."""
        return sum(s.change_count for s in self.sections if s.front)

    @property
    def stops(self) -> int:
        return self.summary.total - self.front_changes


# ----------------------------------------------------------------------------- ids

#: Blocks outside articles that read as one run: shown as one section, not one each.
_GROUPED = {BlockKind.PREAMBLE: "Preamble", BlockKind.RECITAL: "Recitals"}
_DETAIL_MAX = 90

_SYMBOLS = {"§": "s", "¶": "p"}
_SYMBOL_TABLE = str.maketrans(_SYMBOLS)
_NOT_SLUG = re.compile(r"[^A-Za-z0-9]+")


def slug(text: str) -> str:
    """A permalink-safe form of ``text``: ASCII letters, digits and single hyphens."""
    text = text.translate(_SYMBOL_TABLE)
    if not text.isascii():          # accents off: "Artículo" -> "Articulo"
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_SLUG.sub("-", text).strip("-") or "x"


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str) -> str:
        base = slug(text)
        out, n = base, 2
        while out in self.used:
            out, n = f"{base}-{n}", n + 1
        self.used.add(out)
        return out


# ----------------------------------------------------------------------------- build

def _meta(meta: DocumentMeta) -> MetaView:
    return MetaView(meta.name, meta.format, meta.symbol, meta.title, meta.date, meta.language)


#: Pairings whose similarity the page states: the reader should judge them.
_SCORED = frozenset({PairKind.MOVED, PairKind.SPLIT, PairKind.MERGED})


class _Numberer:
    def __init__(self) -> None:
        self.n = 0

    def changes(self, pd: PairDiff) -> tuple[ChangeView, ...]:
        out = []
        for c in pd.changes:
            self.n += 1
            detail = c.detail if len(c.detail) <= _DETAIL_MAX else \
                c.detail[:_DETAIL_MAX - 1].rstrip() + "\u2026"     # a hint, not the text
            out.append(ChangeView(self.n, tuple(str(k) for k in c.kinds), c.substantive,
                                  c.old, c.new, detail))
        return tuple(out)


def _row(pd: PairDiff, diff: Diff, numberer: _Numberer, heading: bool = False) -> Row:
    changes = numberer.changes(pd)
    old_cites = tuple(cite(diff.old.blocks[i].path) for i in pd.pair.old)
    new_cites = tuple(cite(diff.new.blocks[i].path) for i in pd.pair.new)
    old, new, inline = cut(pd, changes)
    pair = pd.pair
    grouped = len(pair.old) > 1 or len(pair.new) > 1
    old_labels = tuple(diff.old.blocks[i].label for i in pair.old) if grouped else ()
    new_labels = tuple(diff.new.blocks[i].label for i in pair.new) if grouped else ()
    runner_doc = diff.new if pair.old else diff.old
    runner_up = ", ".join(cite(runner_doc.blocks[i].path) for i in pair.runner_up
                          if 0 <= i < len(runner_doc.blocks))
    paired = bool(pair.old) and bool(pair.new)
    show = paired and (pair.kind in _SCORED or diff.options.match != "order" or pair.uncertain)
    return Row("", RowKind(pair.kind.value), Cell(old_cites, old, old_labels), Cell(new_cites, new, new_labels), inline,
               changes, heading=heading, score=pair.score, show_score=show,
               uncertain=pair.uncertain, runner_up=runner_up,
               runner_up_score=pair.runner_up_score)


class _Keys:
    """Which section a pair belongs to: its provision pair, a group (preamble,
    recitals), or the first element of its path (title, chapter headings)."""

    def __init__(self, diff: Diff) -> None:
        self.diff = diff
        self.prov_of: dict[str, dict[int, int]] = {"old": {}, "new": {}}
        for k, pd in enumerate(diff.provisions):
            self.prov_of["old"].update((i, k) for i in pd.pair.old)
            self.prov_of["new"].update((i, k) for i in pd.pair.new)

    def _side(self, pd: PairDiff, side: str):
        return (self.diff.new, pd.pair.new) if side == "new" else (self.diff.old, pd.pair.old)

    def of(self, pd: PairDiff, sides: tuple[str, ...] = ("new", "old")) -> tuple:
        for side in sides:
            doc, blocks = self._side(pd, side)
            if blocks:
                p = doc.provision_of(blocks[0])
                if p is not None and p in self.prov_of[side]:
                    return ("prov", self.prov_of[side][p])
        for side in sides:
            doc, blocks = self._side(pd, side)
            if blocks:
                block = doc.blocks[blocks[0]]
                if block.kind in _GROUPED:     # citations, recitals: one section each
                    return ("group", _GROUPED[block.kind])
                return (side, block.path[:1])
        return ("none",)


def _order(diff: Diff, keys: _Keys) -> tuple[list[tuple], dict[tuple, list[PairDiff]]]:
    """Pass 1: section keys in reading order of new, with their pairs.  A provision
    pair is emitted when its first paragraph is, after the provision pairs listed
    before it that had none (an article with no paragraphs still gets its section)."""
    order: list[tuple] = []
    members: dict[tuple, list[PairDiff]] = {}
    next_prov = 0
    for pd in diff.pairs:
        key = keys.of(pd)
        if key not in members:
            if key[0] == "prov":
                while next_prov <= key[1]:
                    if ("prov", next_prov) not in members:
                        order.append(("prov", next_prov))
                        members[("prov", next_prov)] = []
                    next_prov += 1
            else:
                order.append(key)
                members[key] = []
        members[key].append(pd)
    for k in range(next_prov, len(diff.provisions)):
        order.append(("prov", k))
        members[("prov", k)] = []
    return order, members


def _sections(diff: Diff, order: list[tuple], members: dict[tuple, list[PairDiff]],
              ids: "_Ids") -> list["_Sec"]:
    """Pass 2: one section per key with its label, title and rows; changes numbered
    in reading order; section ids."""
    numberer = _Numberer()
    sections: list[_Sec] = []
    for key in order:
        sec = _Sec(key, diff)
        if key[0] == "prov":
            ppd = diff.provisions[key[1]]
            ob = [diff.old.blocks[i] for i in ppd.pair.old]
            nb = [diff.new.blocks[i] for i in ppd.pair.new]
            sec.kind = str(ppd.pair.kind)
            sec.old_label = ", ".join(b.label for b in ob)
            sec.new_label = ", ".join(b.label for b in nb)
            sec.old_title = " / ".join(b.title for b in ob if b.title)
            sec.new_title = " / ".join(b.title for b in nb if b.title)
            if ppd.changes:       # the heading itself changed: show it as the first row
                sec.add(_row(ppd, diff, numberer, heading=True), None)
        elif key[0] == "group":
            sec.old_label = sec.new_label = key[1]
        else:
            first = members[key][0]
            if first.pair.old:
                sec.old_label = diff.old.blocks[first.pair.old[0]].path[0]
            if first.pair.new:
                sec.new_label = diff.new.blocks[first.pair.new[0]].path[0]
        for pd in members[key]:
            sec.add(_row(pd, diff, numberer), pd)
        sec.id = ids.make(sec.new_label if sec.new_label else "old " + sec.old_label)
        sections.append(sec)
    return sections


def _deleted_in_old_order(sections: list["_Sec"]) -> None:
    """Pass 2b: a deleted block whose old place lies inside a merged group ("9(2)(a)"
    between 9(2) and 9(2)(b), merged into 10(3)) is shown before the group's row,
    not after it: the old column then reads in the old order."""
    for sec in sections:
        i = 1
        while i < len(sec.rows):
            pd, prev = sec.pds[i], sec.pds[i - 1]
            if (pd is not None and prev is not None and pd.pair.kind is PairKind.DELETED
                    and prev.pair.kind is PairKind.MERGED and pd.pair.old and prev.pair.old
                    and min(prev.pair.old) < min(pd.pair.old) < max(prev.pair.old)):
                sec.rows[i - 1], sec.rows[i] = sec.rows[i], sec.rows[i - 1]
                sec.pds[i - 1], sec.pds[i] = pd, prev
                i = max(i - 1, 1)
                continue
            i += 1


def _permalinks(sections: list["_Sec"], ids: "_Ids") -> None:
    """Pass 3: every row's permalink by its new citation (or "old ..." for a deleted
    one), and a second one by its old citation when the numbering changed."""
    for sec in sections:
        for r_i, row in enumerate(sec.rows):
            if row.heading:
                continue
            path = row.new.cites[0] if row.new.cites else "old " + row.old.cites[0]
            if slug(path) != sec.id:
                row = sec.rows[r_i] = _replace(row, id=ids.make(path))
            if row.new.cites and row.old.cites and row.old.cites[0] != row.new.cites[0]:
                sec.rows[r_i] = _replace(row, old_id=ids.make("old " + row.old.cites[0]))


def _ghosts(sections: list["_Sec"], keys: _Keys) -> None:
    """Pass 4: a moved row links to a ghost row at its old place, and back (unless the
    old place is right beside it, where a ghost would say nothing)."""
    by_key = {s.key: s for s in sections}
    ghosts: list[tuple[_Sec, PairDiff, _Sec, int, Row]] = []
    for sec in sections:
        for r_i, (row, moved) in enumerate(zip(sec.rows, sec.pds)):
            if moved is None or moved.pair.kind is not PairKind.MOVED or not moved.pair.old:
                continue
            target = by_key.get(keys.of(moved, sides=("old",)))
            old_cite = ", ".join(row.old.cites)
            if target is None:
                sec.rows[r_i] = _replace(row, moved_cite=old_cite)
                continue
            row_id = row.id or sec.id
            ghost_id = "_from-" + row_id           # row ids are unique, so are ghost ids
            sec.rows[r_i] = _replace(row, moved_link=ghost_id, moved_cite=old_cite)
            ghosts.append((sec, moved, target, min(moved.pair.old), Row(
                ghost_id, RowKind.GHOST, Cell(row.old.cites, ()), Cell((), ()), (), (),
                moved_link=row_id, moved_cite=", ".join(row.new.cites))))
    for sec, pd, target, first_old, ghost in ghosts:   # inserted once no row index is in use
        at = next((j for j, other in enumerate(target.pds)
                   if other is not None and other.pair.old and min(other.pair.old) > first_old),
                  len(target.rows))
        if target is sec:
            here = next(j for j, other in enumerate(sec.pds) if other is pd)
            if at in (here, here + 1):
                sec.rows[here] = _replace(sec.rows[here], moved_link="")
                continue
        target.rows.insert(at, ghost)
        target.pds.insert(at, None)


def build(diff: Diff) -> View:
    """Group, number and count ``diff`` for the renderers (see the module docstring),
    in named passes: order the sections, build their rows, give permalinks, link
    moves to their ghosts, find the runs of unchanged rows and the front matter."""
    keys, ids = _Keys(diff), _Ids()
    order, members = _order(diff, keys)
    sections = _sections(diff, order, members, ids)
    _deleted_in_old_order(sections)
    _permalinks(sections, ids)
    _ghosts(sections, keys)
    runs = _runs(sections)
    front = _front(sections)
    runs, lazy = _lazy(sections, runs)
    secs = tuple(Section(s.id, s.kind, s.old_label, s.new_label, s.old_title, s.new_title,
                         tuple(s.rows), runs.get(s.id, ()), s.id in front) for s in sections)
    return View(
        old=_meta(diff.old.meta), new=_meta(diff.new.meta),
        summary=_summary(diff), sections=secs,
        toc=tuple(s for s in secs if s.changed),
        backend=diff.backend, notes=tuple(diff.notes), options=_options(diff),
        language=diff.new.meta.language or diff.old.meta.language or "en",
        lazy=lazy,
    )


def _runs(sections: list["_Sec"]) -> dict[str, tuple["Run", ...]]:
    """Number the runs of unchanged rows (what changes-only mode folds into one line)."""
    out: dict[str, tuple[Run, ...]] = {}
    n = 0
    for sec in sections:
        found: list[Run] = []
        for r_i, row in enumerate(sec.rows):
            if row.heading or row.changes or row.kind not in _FOLDABLE:
                continue
            renumbered = row.kind == PairKind.RENUMBERED.value
            if found and r_i > 0 and sec.rows[r_i - 1].run == found[-1].number:
                last = found[-1]
                found[-1] = Run(last.number, last.count + 1, last.first, row.cite,
                                last.renumbered or renumbered)
            else:
                n += 1
                found.append(Run(n, 1, row.cite, row.cite, renumbered))
            sec.rows[r_i] = _replace(row, run=found[-1].number)
        out[sec.id] = tuple(found)
    return out


#: Rows without a word changed: folded in changes-only mode (a renumbering is said by
#: the citation "Article 7(2) -> Article 8(2)" in the fold line and the provision's badge).
_FOLDABLE = frozenset({PairKind.UNCHANGED.value, PairKind.RENUMBERED.value})


#: A page with more rows than this writes the rows of unchanged runs as data that the
#: page's script turns into rows after it has opened (a 1M-word instrument: 29,000 rows).
LAZY_ROWS = 5000

LazyRow = tuple[str, str, str, str, str, str, str, str]


def _lazy(sections: list["_Sec"], runs: dict[str, tuple["Run", ...]]
          ) -> tuple[dict[str, tuple["Run", ...]], tuple[tuple[int, tuple[LazyRow, ...]], ...]]:
    """Pass 6 (big pages only): the runs whose rows are all plain text become data:
    ``(run, ((id, old_id, kind, old cite, old text, new cite, new text, link), ...))``.
    The HTML parser then reads one string per run instead of ten elements per row,
    which is what opening a 28 MB page in Chromium was spending its seconds on."""
    if sum(len(s.rows) for s in sections) <= LAZY_ROWS:
        return runs, ()
    out: list[tuple[int, tuple[LazyRow, ...]]] = []
    new_runs: dict[str, tuple[Run, ...]] = {}
    for sec in sections:
        members: dict[int, list[Row]] = {}
        for row in sec.rows:
            if row.run:
                members.setdefault(row.run, []).append(row)
        marked = []
        for run in runs.get(sec.id, ()):
            rows = members.get(run.number, [])
            data = []
            for row in rows:
                o, n = row.old.plain, row.new.plain
                if o is None or n is None or len(row.old.cites) != 1 or len(row.new.cites) != 1:
                    break
                data.append((row.id, row.old_id, str(row.kind), row.old.cites[0], o,
                             row.new.cites[0], n, row.id or sec.id))
            else:
                out.append((run.number, tuple(data)))
                run = Run(run.number, run.count, run.first, run.last, run.renumbered, True)
            marked.append(run)
        new_runs[sec.id] = tuple(marked)
    return new_runs, tuple(out)


#: What a cover page and title are made of: unnumbered text before the first provision.
_FRONT_KINDS = frozenset({BlockKind.TITLE, BlockKind.TEXT})


def _front(sections: list["_Sec"]) -> set[str]:
    """Ids of the leading sections that are front matter (title page, cover, letterhead)."""
    out: set[str] = set()
    for sec in sections:
        if sec.key[0] not in ("new", "old") or not sec.pds:
            break
        if not all(pd is not None and pd.pair.kind is not PairKind.MOVED
                   and all(b.kind in _FRONT_KINDS for b in sec.blocks(pd)) for pd in sec.pds):
            break
        out.add(sec.id)
    return out


class _Sec:
    """A section while it is being built (mutable; frozen into ``Section`` at the end)."""

    def __init__(self, key: tuple, diff: Diff) -> None:
        self.key, self.id, self.kind, self.diff = key, "", "", diff
        self.old_label = self.new_label = self.old_title = self.new_title = ""
        self.rows: list[Row] = []
        self.pds: list[PairDiff | None] = []

    def blocks(self, pd: PairDiff):
        return [self.diff.old.blocks[i] for i in pd.pair.old] + \
            [self.diff.new.blocks[i] for i in pd.pair.new]

    def add(self, row: Row, pd: PairDiff | None) -> None:
        self.rows.append(row)
        self.pds.append(pd)


def _replace(row: Row, **kw) -> Row:
    fields = {f: getattr(row, f) for f in Row.__dataclass_fields__}
    fields.update(kw)
    return Row(**fields)


def _summary(diff: Diff) -> SummaryView:
    """The core's ``diff.summary``, formatted: changes ordered substantive first, then by count."""
    s = diff.summary
    ordered = sorted(s.changes, key=lambda kv: (kv[0] in EDITORIAL_KINDS, -kv[1], str(kv[0])))
    return SummaryView(tuple(Count(str(k), n) for k, n in s.provisions),
                       tuple(Count(str(k), n) for k, n in s.pairs),
                       tuple(Count(str(k), n, k in EDITORIAL_KINDS) for k, n in ordered),
                       s.substantive, s.editorial, s.total)


def _options(diff: Diff) -> tuple[str, ...]:
    o = diff.options
    out = [name for flag, name in ((o.ignore_case, "ignoring case"),
                                   (o.ignore_punctuation, "ignoring punctuation"),
                                   (o.ignore_whitespace, "ignoring whitespace"),
                                   (o.ignore_numbering, "ignoring numbering")) if flag]
    if o.match != "order":
        out.append(f"matching: {o.match}")
    if o.pins:
        out.append(f"{len(o.pins)} pinned pair" + ("s" if len(o.pins) > 1 else ""))
    return tuple(out)


__all__ = ["View", "Section", "Row", "RowKind", "Cell", "ChangeView", "Piece", "Segment", "MetaView",
           "SummaryView", "Count", "Chip", "Run", "build", "slug", "cite", "Op"]
