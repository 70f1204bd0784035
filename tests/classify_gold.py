"""The legal gold set of change classifications: load, match onto the tool's changes, score.

In: ``fixtures/classify-gold/pairs.tsv`` (name, set dev|heldout, tradition, old and new
file relative to ``fixtures/``) and ``fixtures/classify-gold/gold.jsonl`` (one judged
change a line: pair, old and new snippet with the changed text in ``[[...]]``, verdict
substantive|editorial|unsure, kind, reason).  Out: ``score(set)`` -> ``Scores``
(precision/recall of the substantive flag, precision of each kind) and the per-item
``Outcome`` list, used by ``tests/test_classify_gold.py`` and
``benchmarks/bench_classify_gold.py``.

Matching.  A gold item names text, not the tool's numbering: its old snippet is found in
the old text of one compared pair (paragraph or heading level) and its new snippet in the
same pair's new text.  The bracketed part marks the changed text (``[[]]`` marks where
something was inserted or deleted).  The tool's changes whose character range overlaps
the marked range on a side where the mark is not empty are the item's changes: the item
is flagged substantive if one of them is, and its kinds are the union of their kinds.  No
change there = not flagged (a miss if the gold says substantive).

Scoring.  Unsure items are left out.  Substantive flag: precision = flagged items that
are substantive / flagged items; recall = flagged substantive items / substantive items.
Kind K precision: items whose tool kinds include K and whose gold kinds (``kind`` plus
``also``) include K / items whose tool kinds include K.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLD_DIR = FIXTURES / "classify-gold"
#: The kinds whose precision the issue sets a target for.
SCORED_KINDS = ("modal", "negation", "number", "date", "reference", "qualifier")
MARK = ("[[", "]]")
#: The tool's editorial kinds and the gold set's names for the same judgement (only the
#: editorial kinds' informative precision uses them; the scored kinds have one name).
ALIASES = {"function_words": {"reformulation"}, "citation": {"citation_form"},
           "reordered": {"reordering", "reformulation"}, "same_value": {"same_value"},
           "substitution": {"substitution"}}


@dataclass(frozen=True)
class GoldPair:
    name: str
    set: str
    tradition: str
    old: Path
    new: Path


@dataclass(frozen=True)
class GoldItem:
    line: int
    pair: str
    old: str          # snippet, changed part in [[...]]
    new: str
    verdict: str      # substantive | editorial | unsure
    kind: str
    reason: str
    also: tuple[str, ...] = ()

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset((self.kind,) + self.also)


@dataclass
class Outcome:
    item: GoldItem
    found: bool = False               # both snippets located in one compared pair
    flagged: bool = False             # the tool calls it substantive
    kinds: frozenset[str] = frozenset()
    details: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def pairs() -> dict[str, GoldPair]:
    out = {}
    for line in (GOLD_DIR / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, set_, tradition, old, new = line.split("\t")
        out[name] = GoldPair(name, set_, tradition, FIXTURES / old, FIXTURES / new)
    return out


def items() -> list[GoldItem]:
    out = []
    path = GOLD_DIR / "gold.jsonl"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(GoldItem(n, d["pair"], d["old"], d["new"], d["verdict"], d["kind"],
                            d["reason"], tuple(d.get("also", ()))))
    return out


def unmark(snippet: str) -> tuple[str, int, int]:
    """The snippet's text and the range of its marked part."""
    a = snippet.index(MARK[0])
    b = snippet.index(MARK[1], a)
    text = snippet[:a] + snippet[a + 2:b] + snippet[b + 2:]
    return text, a, b - 2


@lru_cache(maxsize=None)
def diff_of(name: str):
    from travaux.diffing.compare import compare
    from travaux.diffing.parse import parse_path

    p = pairs()[name]
    return compare(parse_path(p.old), parse_path(p.new))


def _ranges(pd):
    """(old_start, old_end, new_start, new_end) of every change of a PairDiff."""
    o_at, n_at = [0], [0]
    for s in pd.spans:
        o_at.append(o_at[-1] + len(s.old))
        n_at.append(n_at[-1] + len(s.new))
    return [(c, o_at[c.span_start], o_at[c.span_end], n_at[c.span_start], n_at[c.span_end])
            for c in pd.changes]


def _overlaps(a: int, b: int, s: int, e: int) -> bool:
    return max(a, s) < min(b, e)


def locate(item: GoldItem, diff):
    """The pair diff holding both snippets, and the marked ranges in its texts."""
    old, oa, ob = unmark(item.old)
    new, na, nb = unmark(item.new)
    for pd in diff.pairs + diff.provisions:
        i = pd.old_text.find(old)
        j = pd.new_text.find(new)
        if i >= 0 and j >= 0:
            return pd, (i + oa, i + ob), (j + na, j + nb)
    return None


def outcome(item: GoldItem) -> Outcome:
    out = Outcome(item)
    hit = locate(item, diff_of(item.pair))
    if hit is None:
        return out
    pd, (oa, ob), (na, nb) = hit
    out.found = True
    kinds: set[str] = set()
    for c, co, ce, cn, cm in _ranges(pd):
        if (ob > oa and _overlaps(oa, ob, co, ce)) or (nb > na and _overlaps(na, nb, cn, cm)):
            kinds |= {k.value for k in c.kinds}
            out.flagged |= c.substantive
            out.details.append(c.detail)
            out.reasons.append(getattr(c, "reason", ""))
    out.kinds = frozenset(kinds)
    return out


@dataclass
class Scores:
    items: int = 0
    substantive: int = 0
    flagged: int = 0
    true_flagged: int = 0
    kind_labelled: dict = field(default_factory=lambda: defaultdict(int))
    kind_right: dict = field(default_factory=lambda: defaultdict(int))
    missing: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_flagged / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_flagged / self.substantive if self.substantive else 1.0

    def kind_precision(self, kind: str) -> float:
        n = self.kind_labelled[kind]
        return self.kind_right[kind] / n if n else 1.0


def outcomes(set_: str) -> list[Outcome]:
    names = {n for n, p in pairs().items() if p.set == set_}
    return [outcome(i) for i in items() if i.pair in names and i.verdict != "unsure"]


def score(outs: list[Outcome]) -> Scores:
    s = Scores()
    for o in outs:
        if not o.found:
            s.missing.append(o.item)
            continue
        s.items += 1
        gold_sub = o.item.verdict == "substantive"
        s.substantive += gold_sub
        s.flagged += o.flagged
        s.true_flagged += o.flagged and gold_sub
        for k in o.kinds:
            s.kind_labelled[k] += 1
            s.kind_right[k] += bool(({k} | ALIASES.get(k, set())) & o.item.kinds)
    return s
