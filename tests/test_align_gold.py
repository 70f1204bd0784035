"""Alignment against hand-made gold (issue 11): real EU proposal -> regulation pairs
(DEV, tuned on) and pairs labelled by hand for this test (HELD-OUT, never tuned on).

The scoring rules are in ``benchmarks/aligngold.py`` (the benchmark
``benchmarks/bench_align_gold.py`` prints the same numbers).  Each bound below is
either the issue's target (once reached) or the number measured when the test
was written (a floor: the alignment may not get worse); the comment says which.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import aligngold  # noqa: E402
import legalgen  # noqa: E402

from travaux.diffing.align.aligner import align  # noqa: E402
from travaux.diffing.parse import parse_string  # noqa: E402

from test_align import check_exactly_once  # noqa: E402


@lru_cache(maxsize=None)
def _aligned(name: str, titles: bool):
    case = aligngold.load(name)
    old, new = aligngold.parse_pair(case, titles)
    alignment = align(old, new)
    check_exactly_once(alignment)
    return case, alignment


def _articles(names):
    total = aligngold.ArticleScore()
    for name in names:
        case, alignment = _aligned(name, False)
        a = aligngold.score_articles(case, alignment)
        for k in a.total:
            total.total[k] = total.total.get(k, 0) + a.total[k]
            total.found[k] = total.found.get(k, 0) + a.found.get(k, 0)
        total.missed += [f"{name}: {m}" for m in a.missed]
        total.false_links += [f"{name}: {m}" for m in a.false_links]
    return total


def _paragraphs(names):
    total = aligngold.ParagraphScore()
    for name in names:
        case, alignment = _aligned(name, True)
        total = total.add(aligngold.score_paragraphs(case, alignment))
    return total


def test_gold_ids_exist_in_the_parsed_texts():
    """Every id of every gold file names a block (with and without titles): a
    segmenter change that renames paths must not silently empty the gold."""
    for name in aligngold.DEV + aligngold.HELD_OUT:
        case = aligngold.load(name)
        for titles in (False, True):
            old, new = aligngold.parse_pair(case, titles)
            oc, nc = {b.citation for b in old.blocks}, {b.citation for b in new.blocks}
            rows = case.articles + (case.paragraphs if titles else [])
            bad = [r[:2] for r in rows if (r[0] and r[0] not in oc) or (r[1] and r[1] not in nc)]
            assert not bad, (name, titles, bad)


def test_scorer_counts_a_perfect_and_an_empty_alignment():
    """The scorer itself: the gold turned into pairs scores 1.0; no links score 0 recall."""
    case, alignment = _aligned("align-gold-held-out-de-vig", True)
    from dataclasses import replace
    from travaux.diffing.model import Pair, PairKind
    old, new = alignment.old, alignment.new
    gold_pairs = [Pair(PairKind.MODIFIED, (old.find(o),), (new.find(n),), 0.5)
                  for o, n, _, _ in case.paragraphs if o and n]
    perfect = aligngold.score_paragraphs(case, replace(alignment, paragraphs=tuple(gold_pairs)))
    assert perfect.f1 == 1.0 and perfect.exact_share == 1.0
    empty = aligngold.score_paragraphs(case, replace(alignment, paragraphs=()))
    assert empty.recall == 0.0 and empty.exact_share < 0.3


@pytest.mark.slow
def test_dev_articles_found_by_content():
    score = _articles(aligngold.DEV)
    same_f, same_t = score.share(aligngold.SAME)
    hard_f, hard_t = score.share(aligngold.HARD)
    assert same_t == 51 and hard_t == 36
    # target 99.5 % same-title (reached: 51/51); hard: before issue 11's work 31/36,
    # after it 33/36 (a floor: the target, 98 %, is not reached)
    assert same_f / same_t >= 0.995, score.missed
    assert hard_f >= 33, score.missed
    assert score.share(("new",))[0] == 22, score.missed


@pytest.mark.slow
def test_dev_paragraph_links_in_heavily_edited_articles():
    score = _paragraphs(aligngold.DEV)
    # before issue 11's work: P 0.964 R 0.692 F1 0.806, exact 73/96; after it
    # P 0.952 R 0.846 F1 0.896, exact 87/96 (floors: targets F1 0.97, exact 95 % not reached)
    assert score.f1 >= 0.895, score.wrong
    assert score.exact >= 87, score.wrong
    assert score.precision >= 0.95, score.wrong


@pytest.mark.slow
def test_held_out_gold():
    arts = _articles(aligngold.HELD_OUT)
    assert arts.share(aligngold.SAME) == (7, 7) and arts.share(aligngold.HARD) == (1, 1), arts.missed
    paras = _paragraphs(aligngold.HELD_OUT)
    # measured before and after issue 11's work: P 0.957 R 0.880 F1 0.917, exact 26/30
    assert paras.f1 >= 0.91, paras.wrong
    assert paras.exact >= 26, paras.wrong


def test_generated_pair_paragraph_links_match_the_known_truth():
    old_text, new_text, truth = legalgen.pair_with_truth(20_000, seed=7)
    alignment = align(parse_string(old_text, name="old"), parse_string(new_text, name="new"))
    precision, recall, f1 = legalgen.score(alignment, truth)
    assert f1 >= 0.99, (precision, recall)            # issue 11's target
