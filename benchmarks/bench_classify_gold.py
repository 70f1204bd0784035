"""Score the change classifier against the legal gold set (fixtures/classify-gold/).

    python3 benchmarks/bench_classify_gold.py [--set dev|heldout|all] [--errors]

Prints, per set (DEV: the pairs tuned on; HELD-OUT: judged, never tuned on), the number
of judged items (unsure left out), precision and recall of the substantive flag, and the
precision of each change kind the tool assigned (targets: flag P/R >= 0.95; modal,
negation, number, date, reference, qualifier P >= 0.95).  ``--errors`` lists every item
the tool gets wrong.  How gold items are matched to the tool's changes:
tests/classify_gold.py.  Not a timing benchmark: the numbers are quality, not speed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import classify_gold as G  # noqa: E402

def _all_kinds() -> tuple[str, ...]:
    from travaux.diffing.model import ChangeKind

    return G.SCORED_KINDS + tuple(k.value for k in ChangeKind if k.value not in G.SCORED_KINDS)


ALL_KINDS = _all_kinds()


def report(name: str, outs: list) -> G.Scores:
    s = G.score(outs)
    per_pair = Counter(o.item.pair for o in outs if o.found)
    print(f"== {name}: {s.items} judged items ({s.substantive} substantive) from "
          f"{len(per_pair)} pairs; {len(s.missing)} not located")
    print(f"   substantive flag: precision {s.precision:.3f} ({s.true_flagged}/{s.flagged})  "
          f"recall {s.recall:.3f} ({s.true_flagged}/{s.substantive})")
    for k in ALL_KINDS:
        n = s.kind_labelled[k]
        if n:
            mark = "  *" if k in G.SCORED_KINDS else ""
            print(f"   {k:<15} precision {s.kind_precision(k):.3f} ({s.kind_right[k]}/{n}){mark}")
    return s


def errors(outs: list) -> None:
    for o in outs:
        it = o.item
        if not o.found:
            print(f"  NOT LOCATED line {it.line}: {it.old!r}")
            continue
        wrong_flag = o.flagged != (it.verdict == "substantive")
        wrong_kinds = sorted(k for k in o.kinds if k in G.SCORED_KINDS and k not in it.kinds)
        if wrong_flag or wrong_kinds:
            print(f"  line {it.line} [{it.pair}] gold {it.verdict}/{it.kind}; tool "
                  f"{'substantive' if o.flagged else 'editorial'} {sorted(o.kinds)} "
                  f"{'; '.join(d for d in o.details if d)}")
            print(f"     O: {it.old[:160]}\n     N: {it.new[:160]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("dev", "heldout", "all"), default="all")
    ap.add_argument("--errors", action="store_true", help="list the items the tool gets wrong")
    args = ap.parse_args(argv)
    sets = ("dev", "heldout") if args.set == "all" else (args.set,)
    for set_ in sets:
        outs = G.outcomes(set_)
        report({"dev": "DEV", "heldout": "HELD-OUT"}[set_], outs)
        if args.errors:
            errors(outs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
