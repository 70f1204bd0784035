"""Render and open times of comparison output (prints numbers; not a test).

Usage: python3 benchmarks/bench_render.py [CORPUS_DIR] [--repeat N] [--no-browser]

For each EU proposal/final pair under CORPUS_DIR (default: ../shared/corpus beside
the repository, else fixtures/example-dma): the time of compare() once, then the
median time to render every format (view model included), and the median time for
headless Chromium to open the side-by-side file (navigation until the load event,
which includes parsing, layout and running the script).  Ratios are against the
JSON render of the same diff in the same process (machines are shared).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from travaux.diffing.compare import compare  # noqa: E402
from realpairs import parse_file  # noqa: E402
from travaux.renderers import render  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def pairs(corpus: Path) -> list[tuple[str, Path, Path]]:
    found = [(d.name, d / "proposal.txt", d / "final.txt") for d in sorted(corpus.glob("eu-*"))
             if (d / "proposal.txt").exists()]
    return found or [("example-dma", ROOT / "fixtures/example-dma/proposal.txt",
                      ROOT / "fixtures/example-dma/final.txt")]


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main(argv: list[str]) -> None:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    browser = "--no-browser" not in argv
    positional = [a for a in argv if not a.startswith("--") and not a.isdigit()]
    corpus = Path(positional[0]) if positional else ROOT.parent / "shared" / "corpus"
    tmp = Path(tempfile.mkdtemp(prefix="travaux-bench-"))
    results = []
    for name, old, new in pairs(corpus):
        t = time.perf_counter()
        a, b = parse_file(old), parse_file(new)
        t_parse = time.perf_counter() - t
        t = time.perf_counter()
        diff = compare(a, b)
        t_compare = time.perf_counter() - t
        print(f"{name}: {len(a.blocks)} + {len(b.blocks)} blocks, {len(diff.pairs)} pairs; "
              f"parse {t_parse:.2f} s, compare {t_compare:.2f} s (backend {diff.backend})")
        base, _ = timed(lambda: render(diff, "json"), repeat)
        for fmt in ("json", "text", "md", "html", "redline"):
            med, out = timed(lambda: render(diff, fmt), repeat)
            print(f"  render {fmt:8s} median {med * 1000:7.1f} ms  ({med / base:4.2f}x json)  "
                  f"{len(out) / 1024:8.1f} KiB")
            if fmt == "html":
                (tmp / f"{name}.html").write_text(out, encoding="utf-8")
                results.append((name, tmp / f"{name}.html"))
    if not browser:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, path in results:
            times = []
            for _ in range(repeat):
                page = b.new_page(viewport={"width": 1280, "height": 900})
                t = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                times.append(time.perf_counter() - t)
                page.close()
            print(f"  open {name}.html in Chromium: median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f})")
        b.close()


if __name__ == "__main__":
    main(sys.argv[1:])
