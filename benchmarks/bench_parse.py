"""Median parse time of segment() on the corpus documents, against a baseline.

Reads ../shared/corpus (and the seeds) directly; copies nothing.  For each
document prints its size, the median of ``segment`` over N runs, the median of a
baseline pass over the same text in the same process (``re.finditer(r"\\w+")``,
i.e. one regex scan tokenising every word) and the ratio.  Machines are shared:
compare ratios, not absolute times.

    python3 benchmarks/bench_parse.py [--runs 7] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from travaux.diffing.model import DocumentMeta  # noqa: E402
from travaux.diffing.segment.segmenter import segment  # noqa: E402

_WORD = re.compile(r"\w+")


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _files(corpus: Path) -> list[Path]:
    out = sorted(corpus.glob("untoc/*.txt")) + sorted(corpus.glob("eu-*/*.txt"))
    out += sorted(corpus.glob("us-bills/*/*.txt")) + sorted(corpus.glob("es-bills/*/*.txt"))
    for law in sorted(corpus.glob("laws-in-git/*")):
        versions = sorted(law.glob("*.md"))
        if versions:
            out.append(versions[-1])     # one version per law: they are near-identical
    seeds = corpus.parent / "seeds"
    out += sorted(seeds.glob("*.txt"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    print(f"{'document':58} {'KB':>6} {'blocks':>6} {'parse ms':>9} {'base ms':>8} {'ratio':>6}")
    worst = (0.0, "")
    for path in _files(args.corpus):
        text = path.read_text(encoding="utf-8")
        doc = segment(text, DocumentMeta(name=path.name))          # warm-up and block count
        parse = _median(lambda: segment(text, DocumentMeta(name=path.name)), args.runs)
        base = _median(lambda: sum(1 for _ in _WORD.finditer(text)), args.runs)
        name = str(path.relative_to(args.corpus.parent))
        print(f"{name[-58:]:58} {len(text.encode()) / 1024:6.0f} {len(doc.blocks):6d} "
              f"{parse * 1000:9.1f} {base * 1000:8.1f} {parse / base:6.1f}")
        worst = max(worst, (parse, name))
    print(f"slowest: {worst[1]} {worst[0] * 1000:.1f} ms (median of {args.runs})")


if __name__ == "__main__":
    main()
