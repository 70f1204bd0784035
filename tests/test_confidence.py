"""Confidence of pairs (diffing.align.confidence) and how every report shows it:
JSON ``uncertain`` / ``runner_up``, the text and Markdown notes
"[uncertain: runner-up Article 3(1)(b), 0.41]".
"""

from __future__ import annotations

import json
from pathlib import Path

from travaux.diffing.align.confidence import CLOSE, LOW, mark
from travaux.diffing.compare import compare
from travaux.diffing.model import Pair, PairKind
from travaux.diffing.parse import parse_path
from travaux.renderers import render

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _mark(pairs, scores, rivals_old=(), rivals_new=()):
    return mark(pairs, lambda o, n: scores.get((o, n), 0.0), lambda o: list(rivals_old),
                lambda n: list(rivals_new), threshold=0.5)


def test_low_score_close_runner_up_and_near_miss_are_uncertain_identical_is_not():
    same = Pair(PairKind.UNCHANGED, (1,), (1,), 1.0)
    low = Pair(PairKind.MODIFIED, (2,), (2,), LOW - 0.1, edited=True)
    close = Pair(PairKind.MODIFIED, (3,), (3,), 0.7, edited=True)
    clear = Pair(PairKind.MODIFIED, (4,), (4,), 0.7, edited=True)
    gone = Pair(PairKind.DELETED, (5,), (), 0.0)
    scores = {(3, 9): 0.7 - CLOSE / 2, (4, 9): 0.3, (5, 9): 0.46, (2, 9): 0.1}
    out = _mark([same, low, close, clear, gone], scores, rivals_old=[9, 3, 4])
    assert [p.uncertain for p in out] == [False, True, True, False, True]
    assert out[2].runner_up == (9,) and out[2].runner_up_score == round(0.7 - CLOSE / 2, 4)
    assert out[4].runner_up == (9,) and out[4].runner_up_score == 0.46   # a near miss
    assert out[3].runner_up == () and out[3].runner_up_score == 0.0     # certain: nothing named


def test_reports_name_the_runner_up_of_an_uncertain_pair():
    old = parse_path(FIX / "example-dma" / "proposal.txt")
    new = parse_path(FIX / "example-dma" / "final.txt")
    diff = compare(old, new)
    uncertain = [pd.pair for pd in diff.pairs if pd.pair.uncertain]
    assert uncertain, "the DMA chapters I-III have rewritten paragraphs"
    assert not any(pd.pair.uncertain for pd in diff.pairs if pd.pair.kind is PairKind.UNCHANGED)
    data = json.loads(render(diff, "json"))
    flagged = [p for p in data["pairs"] if p["uncertain"]]
    assert len(flagged) == len(uncertain)
    named = [p for p in flagged if p["runner_up"]]
    assert named and all(set(p["runner_up"]) == {"path", "score"} for p in named)
    assert all(p["runner_up"] is None for p in data["pairs"] if not p["uncertain"])
    # Article 3(2) of the proposal: a rewritten chapeau, paired in place with a weak score
    chapeau = next(p for p in flagged if p["old"] == [["Article 3", "2"]])
    assert chapeau["new"] == [["Article 3", "2"]]
    where = " ".join(chapeau["runner_up"]["path"])
    text = render(diff, "text")
    assert "[uncertain: runner-up " in text
    line = next(l for l in text.splitlines() if l.startswith("-- Article 3(2)  "))
    assert "uncertain: runner-up" in line and f"{chapeau['runner_up']['score']:.2f}" in line, line
    md = render(diff, "md")
    assert "[uncertain: runner-up " in md
    assert where.split()[0] in md
