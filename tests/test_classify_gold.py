"""The change classifier against the legal gold set (fixtures/classify-gold/, see its notes.md).

The gold set is judged by hand from real pairs of five legal traditions; matching and
scoring are in tests/classify_gold.py; ``benchmarks/bench_classify_gold.py --errors``
prints the numbers and every miss.  Targets (issue 10): precision and recall of the
substantive flag >= 0.95, and precision >= 0.95 of each of modal, negation, number,
date, reference, qualifier, on the DEV pairs (tuned on) and on the HELD-OUT pairs.
Where the classifier does not reach a target yet, ``FLOORS`` holds the measured value
(the gap is open and reported; the floor only stops regressions).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

import classify_gold as G

TARGET = 0.95
VERDICTS = {"substantive", "editorial", "unsure"}
SUBSTANTIVE_KINDS = {"modal", "negation", "number", "date", "reference", "qualifier", "insertion",
                     "deletion", "wording"}
EDITORIAL_KINDS = {"whitespace", "punctuation", "capitalisation", "quote_style", "numbering",
                   "spelling", "inflection", "abbreviation", "same_value", "citation_form",
                   "substitution", "reordering", "reformulation", "insertion"}


def test_gold_set_is_well_formed():
    pairs, items = G.pairs(), G.items()
    for p in pairs.values():
        assert p.old.is_file() and p.new.is_file(), p
        assert p.set in ("dev", "heldout")
    for it in items:
        assert it.pair in pairs, it
        assert it.verdict in VERDICTS, it
        assert it.reason.strip(), it
        kinds = SUBSTANTIVE_KINDS if it.verdict == "substantive" else EDITORIAL_KINDS
        assert it.verdict == "unsure" or it.kind in kinds, it
        for snippet in (it.old, it.new):
            assert snippet.count("[[") == 1 and snippet.count("]]") == 1, it
    # Every line is a JSON object (no trailing junk) and no item is judged twice.
    lines = (G.GOLD_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(isinstance(json.loads(x), dict) for x in lines if x.strip())
    dupes = Counter((i.pair, i.old, i.new) for i in items)
    assert max(dupes.values()) == 1, [k for k, n in dupes.items() if n > 1]


def test_gold_set_size_and_spread():
    pairs, items = G.pairs(), G.items()
    judged = [i for i in items if i.verdict != "unsure"]
    assert len(items) >= 400
    assert len({i.pair for i in items}) >= 5
    assert len({pairs[i.pair].tradition for i in items}) >= 3
    held = [i for i in judged if pairs[i.pair].set == "heldout"]
    assert len({i.pair for i in held}) >= 2 and len(held) >= 100


@pytest.mark.parametrize("set_", ["dev", "heldout"])
def test_every_gold_item_is_located(set_):
    """The snippets are text of the compared pairs: each must be found (else the gold or
    the pipeline's texts drifted, and the scores below would silently shrink)."""
    outs = G.outcomes(set_)
    missing = [o.item for o in outs if not o.found]
    assert not missing, missing[:5]


#: What the classifier reaches today where it does not reach the issue's 0.95 (measured
#: with benchmarks/bench_classify_gold.py, rounded down): a floor, so that a regression
#: fails.  These are the open gaps of issue 10, reported as such -- not targets met.
FLOORS = {
    ("dev", "flag precision"): 0.65, ("heldout", "flag precision"): 0.60,
    ("dev", "reference"): 0.40, ("heldout", "reference"): 0.15,
    ("heldout", "negation"): 0.30, ("heldout", "number"): 0.15, ("heldout", "qualifier"): 0.50,
}


def _need(set_: str, metric: str) -> float:
    return FLOORS.get((set_, metric), TARGET)


@pytest.mark.parametrize("set_", ["dev", "heldout"])
def test_substantive_flag(set_):
    s = G.score(G.outcomes(set_))
    assert s.recall >= TARGET, f"recall {s.recall:.3f}"
    assert s.precision >= _need(set_, "flag precision"), f"precision {s.precision:.3f}"


@pytest.mark.parametrize("set_", ["dev", "heldout"])
@pytest.mark.parametrize("kind", G.SCORED_KINDS)
def test_kind_precision(set_, kind):
    s = G.score(G.outcomes(set_))
    assert s.kind_precision(kind) >= _need(set_, kind), \
        f"{kind}: {s.kind_right[kind]}/{s.kind_labelled[kind]}"


def test_floors_are_below_the_target():
    """A floor is only for a gap: once a metric reaches 0.95, its floor must go."""
    assert all(v < TARGET for v in FLOORS.values())
