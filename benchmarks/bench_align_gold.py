"""Alignment quality against hand-made gold: every number of issue 11's targets.

Run:  python3 benchmarks/bench_align_gold.py [--verbose] [--cases NAME,...]

Prints, for the DEV gold (fixtures/align-gold-eu-*, tuned on) and the HELD-OUT gold
(fixtures/align-gold-held-out-*, never tuned on) separately:
- article level, article titles removed: share of same-title rows found and of
  renamed/split/merged rows found, new articles left unpaired, false article links;
- paragraph level (titles kept) on the heavily edited articles: link precision,
  recall, F1 and the share of old paragraphs with exactly the right target set;
- the generated pair (benchmarks/legalgen.py, known truth): paragraph link F1;
- alignment time of each case (median of 3).
``--verbose`` lists every missed row, false link and wrong target set.

Baseline, measured before issue 11's changes (commit 0378dd2, 2026-11-29):

    DEV      articles same-title 51/51 = 100.0%, renamed/split/merged 31/36 = 86.1%,
             new 22/22, false links 6
    DEV      paragraphs P 0.964 R 0.692 F1 0.806, exact 73/96 = 76.0%
    HELD-OUT articles same-title 7/7, renamed/split/merged 1/1, new 1/1, false links 0
    HELD-OUT paragraphs P 0.957 R 0.880 F1 0.917, exact 26/30 = 86.7%
    generated 100k (seed 7): paragraphs P 1.0000 R 0.9989 F1 0.9994

After issue 11's changes (document parts, second pass, confidence; 2026-11-29):

    DEV      articles same-title 51/51 = 100.0%, renamed/split/merged 33/36 = 91.7%,
             new 22/22, false links 5
    DEV      paragraphs P 0.952 R 0.846 F1 0.896, exact 87/96 = 90.6%
    HELD-OUT articles same-title 7/7, renamed/split/merged 1/1, new 1/1, false links 0
    HELD-OUT paragraphs P 0.957 R 0.880 F1 0.917, exact 26/30 = 86.7%
    generated 100k (seed 7): paragraphs P 1.0000 R 0.9989 F1 0.9994
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks")]

import aligngold  # noqa: E402
import legalgen  # noqa: E402
from travaux.diffing.align.aligner import align  # noqa: E402


def _pct(found_total: tuple[int, int]) -> str:
    f, t = found_total
    return f"{f}/{t} = {100 * f / t:.1f}%" if t else "-"


def _timed_align(old, new) -> tuple[object, float]:
    times, result = [], None
    for _ in range(3):
        t = time.perf_counter()
        result = align(old, new)
        times.append(time.perf_counter() - t)
    return result, statistics.median(times)


def run(names: tuple[str, ...], label: str, verbose: bool) -> None:
    print(f"== {label} ==")
    tot_a = aligngold.ArticleScore()
    tot_p = aligngold.ParagraphScore()
    for name in names:
        case = aligngold.load(name)
        old, new = aligngold.parse_pair(case, titles=False)
        alignment, secs = _timed_align(old, new)
        a = aligngold.score_articles(case, alignment)
        for k in a.total:
            tot_a.total[k] = tot_a.total.get(k, 0) + a.total[k]
            tot_a.found[k] = tot_a.found.get(k, 0) + a.found.get(k, 0)
        tot_a.false_links += a.false_links
        print(f"{name}: articles (titles removed): same-title {_pct(a.share(aligngold.SAME))}, "
              f"renamed/split/merged {_pct(a.share(aligngold.HARD))}, new {_pct(a.share(('new',)))}, "
              f"false links {len(a.false_links)}; align {secs * 1000:.0f} ms")
        if verbose:
            for m in a.missed:
                print(f"    missed {m}")
            for m in a.false_links:
                print(f"    false  {m}")
        if case.paragraphs:
            old, new = aligngold.parse_pair(case, titles=True)
            p = aligngold.score_paragraphs(case, align(old, new))
            tot_p = tot_p.add(p)
            print(f"{name}: paragraphs: P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f}, "
                  f"exact target set {p.exact}/{p.olds} = {100 * p.exact_share:.1f}%")
            if verbose:
                for w in p.wrong:
                    print(f"    {w}")
    print(f"ALL {label}: articles same-title {_pct(tot_a.share(aligngold.SAME))}, "
          f"renamed/split/merged {_pct(tot_a.share(aligngold.HARD))}, "
          f"new {_pct(tot_a.share(('new',)))}, false links {len(tot_a.false_links)}")
    if tot_p.olds:
        print(f"ALL {label}: paragraphs P {tot_p.precision:.3f} R {tot_p.recall:.3f} "
              f"F1 {tot_p.f1:.3f}, exact {tot_p.exact}/{tot_p.olds} = {100 * tot_p.exact_share:.1f}%")


def generated(words: int, seed: int) -> None:
    from travaux.diffing.parse import parse_string

    old_text, new_text, truth = legalgen.pair_with_truth(words, seed)
    old, new = parse_string(old_text, name="old"), parse_string(new_text, name="new")
    t = time.perf_counter()
    alignment = align(old, new)
    secs = time.perf_counter() - t
    p = legalgen.score(alignment, truth)
    print(f"generated {words // 1000}k (seed {seed}): paragraphs P {p[0]:.4f} R {p[1]:.4f} "
          f"F1 {p[2]:.4f}; align {secs:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--cases", default="")
    ap.add_argument("--generated", default="100000")
    args = ap.parse_args()
    if args.cases:
        run(tuple(args.cases.split(",")), "selected", args.verbose)
        return
    run(aligngold.DEV, "DEV (tuned on)", args.verbose)
    held = tuple(n for n in aligngold.HELD_OUT if (aligngold.FIXTURES / n).exists())
    if held:
        run(held, "HELD-OUT (never tuned on)", args.verbose)
    for size in (int(s) for s in args.generated.split(",") if s):
        generated(size, seed=7)


if __name__ == "__main__":
    main()
