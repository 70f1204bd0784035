"""Reader throughput on the corpus: median seconds per file and MB/s.

Run: python3 benchmarks/bench_read.py [repeats]
The plain-text read is the baseline (ratio = time / time of the .txt of the
same document, measured in the same process).  Machines are shared: compare
ratios, not absolute times.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from travaux.diffing.read.reader import read_path

CORPUS = Path("/work/shared/corpus")
FIX = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
CASES = [
    (CORPUS / "eu-dma/proposal.txt", None),
    (CORPUS / "eu-dma/proposal-52020PC0842.xhtml", CORPUS / "eu-dma/proposal.txt"),
    (CORPUS / "eu-dma/final.txt", None),
    (CORPUS / "eu-dma/final-32022R1925.formex.xml", CORPUS / "eu-dma/final.txt"),
    (CORPUS / "us-bills/s5-119/03-enr.xml", CORPUS / "us-bills/s5-119/03-enr.txt"),
    (FIX / "treaty.docx", FIX / "treaty.txt"),
    (FIX / "treaty.pdf", FIX / "treaty.txt"),
    # real PDFs read by layout (pypdfium2): 66-page OJ act, 29-page COM proposal, 104-page bill
    (CORPUS / "pdf/eu-OJ-32022R1925-dma.pdf", CORPUS / "eu-dma/final.txt"),
    (CORPUS / "pdf/eu-COM-2022-496-ai-liability-proposal.pdf", CORPUS / "eu-dma/final.txt"),
    (CORPUS / "pdf/us-BILLS-118hr8752eh.pdf", CORPUS / "eu-dma/final.txt"),
]


def median_time(path: Path, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        read_path(path)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    base: dict[Path, float] = {}
    print(f"{'file':45} {'bytes':>8} {'median s':>9} {'MB/s':>7} {'x .txt':>7}")
    for path, baseline in CASES:
        if not path.exists():
            print(f"{path.name:45} missing")
            continue
        t = median_time(path, repeats)
        base[path] = t
        if baseline is not None and baseline not in base:
            base[baseline] = median_time(baseline, repeats)
        ratio = f"{t / base[baseline]:7.1f}" if baseline is not None else "    1.0"
        size = path.stat().st_size
        print(f"{path.name:45} {size:8d} {t:9.4f} {size / t / 1e6:7.2f} {ratio}")


if __name__ == "__main__":
    main()
