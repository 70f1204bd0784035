"""The view model: grouping by provision, numbering, ids, and nothing dropped."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, strategies as st

from diffs import identical_diff, sample_diff
from travaux.renderers.viewmodel import build, cite, slug


def rebuild(pieces, side, inline=False):
    """The text of one side from pieces: what a reader of that column sees."""
    keep = "del" if side == "old" else "ins"
    out = []
    for p in pieces:
        for s in p.segments:
            if s.op == "brk" and s.source in ("equal", keep):
                out.append("\n")
            elif s.op == "equal":
                out.append(s.masked or s.text if inline and side == "old" else s.text)
            elif s.op == keep:
                out.append(s.text)
    return "".join(out)


def _rows_with_pairs(diff, view):
    rows = [r for s in view.sections for r in s.rows if r.kind != "ghost"]
    pds = [pd for pd in diff.provisions if pd.changes] + list(diff.pairs)
    return rows, pds


def test_spans_of_fixture_rebuild_both_texts():
    diff = sample_diff()
    for pd in diff.pairs + diff.provisions:
        assert "".join(s.old for s in pd.spans) == pd.old_text
        assert "".join(s.new for s in pd.spans) == pd.new_text


def test_every_pair_is_one_row_and_columns_rebuild_their_texts():
    diff = sample_diff()
    view = build(diff)
    rows, pds = _rows_with_pairs(diff, view)
    assert len(rows) == len(pds)
    texts = {(pd.old_text, pd.new_text) for pd in pds}
    for row in rows:
        columns = (rebuild(row.old.pieces, "old"), rebuild(row.new.pieces, "new"))
        assert columns in texts
        assert (rebuild(row.inline, "old", True), rebuild(row.inline, "new", True)) == columns


@pytest.mark.parametrize("name", ["dma", "data-act"])
def test_real_pairs_each_appear_once_and_ghosts_point_back(name):
    """Moves inside one article put a ghost into the section being built: no row
    may be duplicated or overwritten on the way (the Data Act has such moves)."""
    from realpairs import real_diff

    diff = real_diff(name)
    view = build(diff)
    cites = lambda doc, idx: tuple(cite(doc.blocks[i].path) for i in idx)
    want = Counter((cites(diff.old, pd.pair.old), cites(diff.new, pd.pair.new)) for pd in diff.pairs)
    rows = [r for s in view.sections for r in s.rows if r.kind != "ghost" and not r.heading]
    got = Counter((r.old.cites, r.new.cites) for r in rows)
    assert got == want
    ids = [r.id for s in view.sections for r in s.rows if r.id]
    assert len(ids) == len(set(ids))
    ghosts = {r.id: r for s in view.sections for r in s.rows if r.kind == "ghost"}
    moved = [r for r in rows if r.moved_link]
    assert moved and all(ghosts[r.moved_link].moved_link in (r.id, "") for r in moved)


def test_changes_are_numbered_once_in_reading_order():
    view = build(sample_diff())
    numbers = [c.number for s in view.sections for r in s.rows for c in r.changes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert view.summary.total == len(numbers)
    assert view.summary.substantive + view.summary.editorial == len(numbers)
    anchors = [p.change for s in view.sections for r in s.rows for p in r.old.pieces + r.new.pieces
               if p.anchor]
    assert sorted(anchors) == numbers          # one anchor per change in the side-by-side


def test_sections_follow_provisions_and_moves_leave_a_ghost():
    view = build(sample_diff())
    labels = [s.label for s in view.sections]
    assert labels == ["Title", "Chapter I", "Article 1", "Article 2", "Article 2 bis", "Article 3",
                      "Article 4", "Article 5", "Article 6 \u2192 Article 5"]
    moved = [r for s in view.sections for r in s.rows if r.kind == "moved"][0]
    ghost = [r for s in view.sections for r in s.rows if r.kind == "ghost"][0]
    assert moved.moved_link == ghost.id and ghost.moved_link == moved.id
    assert ghost in next(s for s in view.sections if s.label == "Article 3").rows
    assert [s.label for s in view.toc] == [l for l in labels if l != "Chapter I"]


def test_ids_are_unique_and_safe():
    view = build(sample_diff())
    ids = [s.id for s in view.sections] + [r.id for s in view.sections for r in s.rows if r.id]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert re.fullmatch(r"[A-Za-z0-9-]+|_[A-Za-z0-9-]+", i), i
    assert "Article-2-bis-1" in ids and "old-Article-5" in ids and "Article-5" in ids


def test_identical_documents_have_no_changes():
    view = build(identical_diff())
    assert view.summary.total == 0 and view.toc == ()
    assert not any(s.changed for s in view.sections)


def test_cite_reads_like_a_citation():
    assert cite(("Article 8", "2", "(a)")) == "Article 8(2)(a)"
    assert cite(("para 39",)) == "para 39"
    assert slug("Artículo 5 > § 3 > ¶1") == "Articulo-5-s-3-p1"


@given(st.text())
def test_slug_is_always_safe(text):
    assert re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", slug(text))


def test_row_kinds_are_the_pair_kinds_plus_ghost():
    from travaux.diffing.model import PairKind
    from travaux.renderers.viewmodel import RowKind

    assert [k.value for k in RowKind] == [k.value for k in PairKind] + ["ghost"]


def test_big_pages_write_unchanged_runs_as_data_that_rebuild_the_rows(monkeypatch):
    """Above LAZY_ROWS rows, the runs of plain unchanged rows travel as data: every
    such row is there once, with the texts and citations the row would have shown."""
    from realpairs import real_diff
    from travaux.renderers import viewmodel

    diff = real_diff("dma")
    eager = build(diff)
    assert eager.lazy == ()
    monkeypatch.setattr(viewmodel, "LAZY_ROWS", 0)
    view = build(diff)
    assert view.lazy
    rows = {r.id or s.id: (r, s) for s in eager.sections for r in s.rows if r.run}
    seen = set()
    for number, data in view.lazy:
        run = next(r for s in view.sections for r in s.runs if r.number == number)
        assert run.lazy and run.count == len(data)
        for rid, old_id, kind, old_cite, old_text, new_cite, new_text, link in data:
            row, sec = rows[link]
            assert (rid, old_id, kind) == (row.id, row.old_id, str(row.kind))
            assert (old_cite, new_cite) == (row.old.cites[0], row.new.cites[0])
            assert (old_text, new_text) == (row.old.plain, row.new.plain)
            seen.add(link)
    assert len(seen) == sum(len(d) for _, d in view.lazy)


def test_deleted_block_inside_a_merged_group_comes_before_it():
    """DMA Article 9(2)(a) ("public morality") was deleted; 9(2), (b) and (c) merged
    into 10(3): the deleted row reads before the merged one, in the old order."""
    from realpairs import real_diff

    view = build(real_diff("dma"))
    sec = next(s for s in view.sections if s.label.startswith("Article 9"))
    olds = [r.old.cites for r in sec.rows if r.kind in ("merged", "deleted")]
    assert olds[:2] == [("Article 9(2)(a)",),
                        ("Article 9(2)", "Article 9(2)(b)", "Article 9(2)(c)")], olds
