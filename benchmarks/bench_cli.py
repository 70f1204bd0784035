"""The whole command, end to end: ``travaux compare OLD NEW --format F`` on
generated legal-style pairs (benchmarks/legalgen.py), timed from process start
to exit, with the child's peak resident memory (``ru_maxrss``).

Run:  python3 benchmarks/bench_cli.py [--sizes 100000,1000000] [--formats json,html] [--repeat 3]

Prints per size and format the median wall time, the peak memory, and, as a
same-run baseline, the time of ``python -c "import travaux.cli"`` (interpreter
and import start-up, part of every command).  Issue 9 item 7 targets at 1M
words: json <= 3 s, html <= 4 s, peak <= 400 MB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks")]

import legalgen  # noqa: E402


def peak_of(cmd: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of ``cmd`` alone, through a fresh wrapper process."""
    code = ("import resource,subprocess,sys,time;t=time.perf_counter();"
            "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "w=time.perf_counter()-t;"
            "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, p.returncode)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    if out[2] not in ("0", "1"):
        sys.exit(f"{' '.join(cmd)} exited {out[2]}")
    return float(out[0]), float(out[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--formats", default="json,html")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    startup = [peak_of([sys.executable, "-c", "import travaux.cli"])[0] for _ in range(args.repeat)]
    print(f"start-up (python -c 'import travaux.cli'): {statistics.median(startup):.2f} s")
    print(f"{'words':>9} {'format':>6} {'median s':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            old_text, new_text = legalgen.pair(size, seed=7)
            old, new = Path(tmp) / "old.txt", Path(tmp) / "new.txt"
            old.write_text(old_text, encoding="utf-8")
            new.write_text(new_text, encoding="utf-8")
            for fmt in args.formats.split(","):
                out = Path(tmp) / f"out.{fmt}"
                cmd = [sys.executable, "-m", "travaux", "compare", str(old), str(new),
                       "--format", fmt, "-o", str(out)]
                runs = [peak_of(cmd) for _ in range(args.repeat)]
                print(f"{size:>9} {fmt:>6} {statistics.median(r[0] for r in runs):>9.2f} "
                      f"{max(r[1] for r in runs):>8.0f}", flush=True)


if __name__ == "__main__":
    main()
