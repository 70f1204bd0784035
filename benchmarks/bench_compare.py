"""Benchmark of the compare pipeline: parse, align and word diff timed separately.

Run:  python3 benchmarks/bench_compare.py [--sizes 10000,100000,1000000] [--cap 30]

Prints, for the corpus pairs (fixtures/compare-*) and generated legal-style pairs
(benchmarks/legalgen.py) of the given sizes in draft words: the median time of
parse (both texts), align and word diff (one diff per aligned pair), the total,
and the growth exponent k (t ~ words^k) between consecutive sizes; next to it,
in the same run, difflib.SequenceMatcher over the whole texts' words and plain
diff-match-patch (pure Python, Diff_Timeout=0, char mode) over the whole texts,
each in a child process killed after --cap seconds ("> cap" in the table).
"""

from __future__ import annotations

import argparse
import difflib
import math
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

import legalgen  # noqa: E402
from travaux.diffing.align.aligner import align  # noqa: E402
from travaux.diffing.compare import diff_pair  # noqa: E402
from travaux.diffing.model import CompareOptions  # noqa: E402

try:
    from travaux.diffing.parse import parse_string
    PARSER = "travaux.diffing.parse.parse_string"
except ImportError:
    from docbuild import build as _build

    def parse_string(text, name=""):
        return _build(text, name)
    PARSER = "tests/docbuild.py (diffing.parse not available yet)"


def run_pipeline(old_text: str, new_text: str) -> tuple[float, float, float, int]:
    options = CompareOptions()
    t0 = time.perf_counter()
    old, new = parse_string(old_text, name="old"), parse_string(new_text, name="new")
    t1 = time.perf_counter()
    alignment = align(old, new, options)
    t2 = time.perf_counter()
    for p in alignment.paragraphs:
        diff_pair(alignment, p, options)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, len(alignment.paragraphs)


def _difflib(old_text, new_text):
    difflib.SequenceMatcher(None, old_text.split(), new_text.split()).get_opcodes()


def _dmp(old_text, new_text):
    import diff_match_patch
    d = diff_match_patch.diff_match_patch()
    d.Diff_Timeout = 0
    d.diff_main(old_text, new_text)


def _timed_child(fn, old_text, new_text, queue):
    t = time.perf_counter()
    fn(old_text, new_text)
    queue.put(time.perf_counter() - t)


def capped(fn, old_text, new_text, cap: float) -> float | None:
    """Time ``fn`` in a child process; None when it runs past ``cap`` seconds."""
    queue = mp.Queue()
    proc = mp.Process(target=_timed_child, args=(fn, old_text, new_text, queue))
    proc.start()
    proc.join(cap)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None
    return queue.get()


def fmt(t: float | None, cap: float) -> str:
    if t is None:
        return f"> {cap:g} s"
    return f"{t * 1000:.0f} ms" if t < 1 else f"{t:.2f} s"


def measure(name, old_text, new_text, repeat, cap, baselines=True):
    runs = [run_pipeline(old_text, new_text) for _ in range(repeat)]
    parse, al, wd, pairs = (statistics.median(r[i] for r in runs) for i in range(4))
    words = len(old_text.split())
    base = [capped(_difflib, old_text, new_text, cap), capped(_dmp, old_text, new_text, cap)] \
        if baselines else [None, None]
    total = parse + al + wd
    print(f"{name:<22} {words:>9} {int(pairs):>7} {fmt(parse, cap):>9} {fmt(al, cap):>9} "
          f"{fmt(wd, cap):>9} {fmt(total, cap):>9} {fmt(base[0], cap):>10} {fmt(base[1], cap):>10}",
          flush=True)
    return words, total, (parse, al, wd)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--cap", type=float, default=30.0)
    args = ap.parse_args()
    print(f"parser: {PARSER}; medians; baselines on the whole texts, capped at {args.cap:g} s")
    print(f"{'input':<22} {'words':>9} {'pairs':>7} {'parse':>9} {'align':>9} {'worddiff':>9} "
          f"{'total':>9} {'difflib':>10} {'dmp-py':>10}")
    fix = ROOT / "fixtures"
    for case, old, new in (("compare-eu-dma", "proposal.txt", "final.txt"),
                           ("compare-eu-data-act", "proposal.txt", "final.txt"),
                           ("compare-untoc-editions", "final-2004-06-25.txt", "final.txt")):
        measure(case, (fix / case / old).read_text(encoding="utf-8"),
                (fix / case / new).read_text(encoding="utf-8"), 3, args.cap)
    points = []
    for size in (int(s) for s in args.sizes.split(",")):
        old_text, new_text = legalgen.pair(size, seed=7)
        repeat = 5 if size <= 20_000 else 3 if size <= 200_000 else 1
        points.append(measure(f"generated {size // 1000}k", old_text, new_text, repeat, args.cap))
    for (w1, t1, s1), (w2, t2, s2) in zip(points, points[1:]):
        k = [math.log(b / a) / math.log(w2 / w1) for a, b in zip(s1, s2)]
        print(f"growth {w1 // 1000}k -> {w2 // 1000}k: total k={math.log(t2 / t1) / math.log(w2 / w1):.2f} "
              f"(parse {k[0]:.2f}, align {k[1]:.2f}, worddiff {k[2]:.2f})")


if __name__ == "__main__":
    main()
