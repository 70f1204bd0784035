"""Tests of diffing.compare on real texts: EU article-pair recall (with and without
title lines), UNTOC editions (editorial only), the UNTOC seed excerpt against the
full text, and the PairDiff contract (spans rebuild both texts).

Documents come from the real parser (``diffing.parse.parse_string``) once it
exists; until then from the stand-in ``tests/docbuild.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from travaux.diffing.compare import compare
from travaux.diffing.model import ChangeKind, CompareOptions, Op, PairKind
from travaux.diffing.align.similarity import blend, normalize

from docbuild import build

try:
    from travaux.diffing.parse import parse_string
except ImportError:          # the reader helper's module is not there yet
    parse_string = None

FIX = Path(__file__).resolve().parent.parent / "fixtures"
_TITLE_AFTER = re.compile(r"^(Article\s+\d+\w*)[ \t]*\n(\s*\n)*[^\n]*\n", re.M)


def parse(text: str, name: str):
    return parse_string(text, name=name) if parse_string else build(text, name)


def drop_titles(text: str) -> str:
    """Remove the title line that follows each "Article N" heading line."""
    return _TITLE_AFTER.sub(lambda m: m.group(1) + "\n", text)


def _label(s: str) -> str:
    return " ".join(s.split())


def _article_pairs(diff) -> dict[str, set[str]]:
    old, new = diff.old, diff.new
    out: dict[str, set[str]] = {}
    for p in diff.alignment.provisions:
        for o in p.old:
            out.setdefault(_label(old.blocks[o].label), set()).update(
                _label(new.blocks[n].label) for n in p.new)
    return out


def recall(case: str, titles: bool) -> tuple[int, int]:
    folder = FIX / f"compare-{case}"
    old_text = (folder / "proposal.txt").read_text(encoding="utf-8")
    new_text = (folder / "final.txt").read_text(encoding="utf-8")
    if not titles:
        old_text, new_text = drop_titles(old_text), drop_titles(new_text)
    diff = compare(parse(old_text, "proposal.txt"), parse(new_text, "final.txt"))
    found = _article_pairs(diff)
    rows = [line.split("\t")[:2] for line in (folder / "mapping.tsv").read_text(encoding="utf-8")
            .splitlines()[1:] if line.strip()]
    hits = sum(1 for o, n in rows if _label(n) in found.get(_label(o), set()))
    return hits, len(rows)


@pytest.mark.slow
@pytest.mark.parametrize("titles", [True, False], ids=["titles", "no-titles"])
@pytest.mark.parametrize("case", ["eu-dma", "eu-data-act"])
def test_eu_article_pairs_found(case, titles):
    hits, total = recall(case, titles)
    assert hits / total >= 0.99, f"{case}: {hits}/{total} mapping pairs found"


def test_drop_titles_removes_only_title_lines():
    text = "Article 5\n\nObligations for gatekeepers\n\n1. A gatekeeper shall:\n"
    assert drop_titles(text) == "Article 5\n\n1. A gatekeeper shall:\n"


@pytest.mark.slow
def test_eu_paragraphs_inside_mapped_articles_pair_with_their_best_match():
    """For mapped article pairs: every 1:1 paragraph pair inside them joins the
    old paragraph that matches the new one best among that old article's
    paragraphs (ties allowed)."""
    folder = FIX / "compare-eu-dma"
    old = parse((folder / "proposal.txt").read_text(encoding="utf-8"), "proposal.txt")
    new = parse((folder / "final.txt").read_text(encoding="utf-8"), "final.txt")
    diff = compare(old, new)
    mapped = {_label(o): _label(n) for o, n in (line.split("\t")[:2] for line in
              (folder / "mapping.tsv").read_text(encoding="utf-8").splitlines()[1:] if line.strip())}
    best = checked = 0
    for pd in diff.pairs:
        p = pd.pair
        if len(p.old) != 1 or len(p.new) != 1:
            continue
        ob, nb = old.blocks[p.old[0]], new.blocks[p.new[0]]
        if mapped.get(_label(ob.path[0])) != _label(nb.path[0]):
            continue
        siblings = [b for b in old.blocks if b.path and b.path[0] == ob.path[0] and len(b.path) > 1]
        scores = {b.citation: _score(b.text, nb.text) for b in siblings}
        checked += 1
        best += scores[ob.citation] >= max(scores.values()) - 1e-9
    assert checked > 100
    assert best / checked >= 0.95, f"{best}/{checked}"


def _score(a: str, b: str) -> float:
    from travaux.diffing.align.similarity import Vocabulary
    v = Vocabulary()
    na, nb = normalize(a), normalize(b)
    return blend(na, nb, v.encode(na.split()), v.encode(nb.split()))


def test_untoc_editions_differ_only_editorially():
    folder = FIX / "compare-untoc-editions"
    old = parse((folder / "final-2004-06-25.txt").read_text(encoding="utf-8"), "2004")
    new = parse((folder / "final.txt").read_text(encoding="utf-8"), "2012")
    diff = compare(old, new)
    kinds = {p.pair.kind for p in diff.pairs}
    assert PairKind.INSERTED not in kinds and PairKind.DELETED not in kinds
    assert not any(p.pair.kind is PairKind.MOVED for p in diff.pairs)
    assert diff.summary.substantive == 0, [c for p in diff.pairs for c in p.changes if c.substantive][:3]


def test_seed_excerpt_pairs_each_paragraph_with_its_article_paragraph():
    folder = FIX / "compare-untoc-editions"
    excerpt = parse((folder / "UNTOC-art30-31-adopted-excerpt.txt").read_text(encoding="utf-8"), "x")
    full = parse((folder / "final.txt").read_text(encoding="utf-8"), "full")
    diff = compare(excerpt, full)
    paired = 0
    for pd in diff.pairs:
        if not pd.pair.old:
            continue
        assert len(pd.pair.old) == 1 and len(pd.pair.new) == 1, pd.pair
        eb, fb = excerpt.blocks[pd.pair.old[0]], full.blocks[pd.pair.new[0]]
        article = "Article 31" if eb.path[0] == "Article 31" else "Article 30"
        assert fb.path[0] == article, (eb.citation, fb.citation)
        if not eb.label.startswith("¶"):          # a numbered paragraph keeps its number
            assert fb.path[-1] == eb.path[-1].removeprefix("para "), (eb.citation, fb.citation)
        assert normalize(eb.text) == normalize(fb.text)
        paired += 1
    assert paired == sum(1 for b in excerpt.blocks if b.kind != "article")


def _kinds_docs():
    folder = FIX / "align-kinds"
    return (build((folder / "old.txt").read_text(encoding="utf-8"), "old.txt"),
            build((folder / "new.txt").read_text(encoding="utf-8"), "new.txt"))


def test_pair_diffs_rebuild_both_texts_and_follow_the_pair_kind():
    old, new = _kinds_docs()
    diff = compare(old, new)
    assert diff.changed and diff.backend
    assert [pd.pair for pd in diff.pairs] == list(diff.alignment.paragraphs)
    for pd in diff.pairs + diff.provisions:
        assert "".join(s.old for s in pd.spans) == pd.old_text
        assert "".join(s.new for s in pd.spans) == pd.new_text
        if pd.pair.kind is PairKind.INSERTED:
            assert [s.op for s in pd.spans] == [Op.INSERT]
            # a whole new block is one insertion, whatever "shall" or number it holds
            assert [c.kinds for c in pd.changes] == [(ChangeKind.INSERTION,)]
        elif pd.pair.kind is PairKind.DELETED:
            assert [s.op for s in pd.spans] == [Op.DELETE]
            assert [c.kinds for c in pd.changes] == [(ChangeKind.DELETION,)]
        elif pd.old_text == pd.new_text:
            assert [s.op for s in pd.spans] == [Op.EQUAL] and pd.changes == ()
    merged = next(pd for pd in diff.pairs if pd.pair.kind is PairKind.MERGED)
    assert merged.old_text.count("\n") == 1
    heads = {pd.new_text for pd in diff.provisions}
    assert "Article 25 Protection of witnesses" in heads
    assert diff.summary.pair_count("split") == 1


def test_identical_documents_compare_unchanged():
    old, _ = _kinds_docs()
    diff = compare(old, old, CompareOptions())
    assert not diff.changed
    assert diff.summary.substantive == 0
