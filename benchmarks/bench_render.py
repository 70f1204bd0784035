"""Render, open and step times of comparison pages (prints numbers; not a test).

Usage: python3 benchmarks/bench_render.py [--corpus DIR] [--repeat N] [--words N]
                                          [--no-browser] [--no-big] [--no-cli] [--only NAME]

1. Real pairs: every consecutive pair of versions in the corpus (default
   ../shared/corpus beside the repository, else fixtures/example-dma), the same
   list as sweep_corpus.py.  For each: compare() once, the median time to render
   the side-by-side HTML (view model included) with the JSON render of the same
   diff as the same-process baseline, then in headless Chromium the median time
   to open the file (navigation until the load event and two animation frames,
   i.e. parsed, laid out, script run and painted) and the median and worst time
   of one ``n`` key press (key event to the frame after it), over 20 presses.
2. A generated legal-style pair of --words draft words (benchmarks/legalgen.py,
   default 1,000,000): the same figures.
3. End to end: ``python -m travaux compare OLD NEW --format html -o FILE`` on that
   generated pair in a child process: wall time and peak memory (max RSS).

Targets (issue 14 item 8, issue 9 item 7): real pairs open in <= 1 s with <= 50 ms
per ``n``; the 1M-word page in <= 3 s with <= 100 ms per ``n``; the command <= 4 s
and <= 400 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

import legalgen  # noqa: E402
from travaux.diffing.compare import compare  # noqa: E402
from travaux.diffing.parse import parse_path, parse_string  # noqa: E402
from travaux.renderers import render  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# One key press, timed from the event to the frame after it (layout and paint included).
STEP_JS = """async () => {
  const t = performance.now();
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "n", bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t;
}"""
FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def real_pairs(corpus: Path) -> list[tuple[str, Path, Path]]:
    if not corpus.is_dir():
        return [("example-dma", ROOT / "fixtures/example-dma/proposal.txt",
                 ROOT / "fixtures/example-dma/final.txt")]
    out = []
    folders = sorted((corpus / "laws-in-git").glob("*")) + sorted((corpus / "es-bills").glob("*")) \
        + sorted((corpus / "us-bills").glob("*"))
    for folder in folders:
        files = sorted(f for f in folder.iterdir() if f.suffix in (".md", ".txt"))
        out += [(f"{folder.name}/{a.stem}..{b.stem}", a, b) for a, b in zip(files, files[1:])]
    for name in ("eu-dma", "eu-data-act", "untoc"):
        folder = corpus / name
        if (folder / "proposal.txt").exists():
            out.append((name, folder / "proposal.txt", folder / "final.txt"))
    return out


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def open_and_step(browser, path: Path, repeat: int, steps: int = 20) -> tuple[float, float, float]:
    """Median open time (s), median and worst ``n`` time (ms)."""
    opens, step_times = [], []
    for r in range(repeat):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        t = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        page.evaluate(FRAMES_JS)
        opens.append(time.perf_counter() - t)
        if r == 0:
            step_times = [page.evaluate(STEP_JS) for _ in range(steps)]
        page.close()
    return statistics.median(opens), statistics.median(step_times), max(step_times)


def end_to_end(old: Path, new: Path, out: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of the CLI writing the side-by-side HTML
    (the child's own rusage, from wait4: not the browser's)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "travaux", "compare", str(old), str(new),
                             "--format", "html", "-o", str(out)])
    _, _, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - t
    proc.returncode = 0          # reaped by wait4
    return took, usage.ru_maxrss / 1024


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-big", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--only", default="", help="only real pairs whose name contains this")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="travaux-bench-"))
    pages: list[tuple[str, Path, float, float]] = []

    def measure(name: str, diff) -> None:
        base, _ = median_time(lambda: render(diff, "json"), args.repeat)
        med, out = median_time(lambda: render(diff, "html"), args.repeat)
        path = tmp / (name.replace("/", "_") + ".html")
        path.write_text(out, encoding="utf-8")
        pages.append((name, path, med, base))
        print(f"{name}: {len(diff.pairs)} pairs, {diff.summary.substantive + diff.summary.editorial} "
              f"changes; render html {med * 1000:.0f} ms ({med / base:.2f}x json), "
              f"{len(out) / 2**20:.1f} MiB", flush=True)

    for name, old, new in real_pairs(args.corpus):
        if args.only in name:
            measure(name, compare(parse_path(old), parse_path(new)))
    big = None
    if not args.no_big:
        old_text, new_text = legalgen.pair(args.words, seed=7)
        big = (tmp / "big-old.txt", tmp / "big-new.txt")
        big[0].write_text(old_text, encoding="utf-8")
        big[1].write_text(new_text, encoding="utf-8")
        t = time.perf_counter()
        diff = compare(parse_string(old_text, name="old"), parse_string(new_text, name="new"))
        print(f"generated {args.words} words: compare {time.perf_counter() - t:.1f} s", flush=True)
        measure(f"generated-{args.words}", diff)
        del diff
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            worst_open = worst_step = 0.0
            for name, path, _, _ in pages:
                opened, step, step_max = open_and_step(browser, path, args.repeat)
                print(f"  Chromium {name}: open {opened:.2f} s, n {step:.1f} ms median, "
                      f"{step_max:.1f} ms worst", flush=True)
                if not name.startswith("generated"):
                    worst_open, worst_step = max(worst_open, opened), max(worst_step, step_max)
            browser.close()
            print(f"real pairs: worst open {worst_open:.2f} s, worst n {worst_step:.1f} ms")
    if big and not args.no_cli:
        took, peak = end_to_end(big[0], big[1], tmp / "big-cli.html")
        print(f"travaux compare --format html, {args.words} words: {took:.1f} s, peak {peak:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
