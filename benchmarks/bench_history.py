"""Benchmark the drafting history: import, log and blame.

Run:  python3 benchmarks/bench_history.py [--runs 3] [--articles 100] [--versions 10]

1. A synthetic instrument of N articles in V versions (each version rewords a
   few articles, inserts one article near the top -- renumbering every article
   after it -- and deletes one): time to import all versions from a manifest,
   then ``log`` and ``blame`` of one provision that is renumbered in every
   version.
2. The largest fixture history (fixtures/history-de-vig, 7 versions): the same.
3. ``--big``: a history of 100 versions of a 100-article text (issue 13): import,
   ``log`` of one paragraph, ``blame``, ``log -S`` over the whole instrument and
   ``timeline --all``, against the issue's targets (60 s, 0.3 s, 0.5 s, 2 s, 60 s).

Prints medians (seconds) and, as a machine-independent figure, the ratio of
the import time to the time needed just to parse every version once (the
baseline, measured in the same process).  Targets: import < 10 s, log < 0.5 s,
blame < 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from travaux.diffing.parse import parse_bytes  # noqa: E402
from travaux.history import init_history  # noqa: E402

WORDS = ("the State Party shall take such measures as may be necessary to establish "
         "as criminal offences when committed intentionally the conduct set forth in "
         "paragraph of this article in accordance with fundamental principles of its "
         "domestic law including jurisdiction cooperation assistance").split()


def synthetic(n_articles: int, n_versions: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    arts = [[" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(3)]
            for _ in range(n_articles)]
    titles = [" ".join(rng.choice(WORDS) for _ in range(3)).capitalize() for _ in arts]
    out = []
    for v in range(n_versions):
        if v:
            for _ in range(5):                              # reword a few articles
                a = rng.randrange(len(arts))
                p = rng.randrange(len(arts[a]))
                ws = arts[a][p].split()
                ws[rng.randrange(len(ws))] = rng.choice(WORDS)
                arts[a][p] = " ".join(ws)
            arts.insert(1, [" ".join(rng.choice(WORDS) for _ in range(30))])   # renumbers
            titles.insert(1, f"New article of version {v + 1}")
            gone = rng.randrange(len(arts) // 2, len(arts))
            del arts[gone], titles[gone]
        lines = ["Draft convention", ""]
        for k, (t, paras) in enumerate(zip(titles, arts), start=1):
            lines += [f"Article {k}", "", t, ""]
            lines += [f"{i}. {p}" for i, p in enumerate(paras, start=1) for _ in [0]]
            lines.append("")
        out.append("\n".join(lines))
    return out


def median(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def bench(name: str, folder: Path, manifest: Path, files: list[Path], provision: str,
          runs: int) -> None:
    baseline, _ = median(lambda: [parse_bytes(f.read_bytes(), f.name) for f in files], runs)

    def do_import():
        target = Path(tempfile.mkdtemp(prefix="bench-hist-")) / "h"
        hist = init_history(target)
        hist.import_manifest(manifest)
        return hist

    t_import, hist = median(do_import, runs)
    t_log, log = median(lambda: hist.log(provision), runs)
    t_blame, blame = median(lambda: hist.blame(provision), runs)
    print(f"{name}: {len(files)} versions, {sum(f.stat().st_size for f in files) // 1024} KB")
    print(f"  parse every version once (baseline): {baseline:7.3f} s")
    print(f"  import:  {t_import:7.3f} s  ({t_import / baseline:5.1f} x baseline)  target < 10 s")
    print(f"  log {provision!r}: {t_log:7.3f} s  ({len(log.entries)} entries)  target < 0.5 s")
    print(f"  blame {provision!r}: {t_blame:7.3f} s  ({len(blame.words)} words)  target < 1 s")


def write_history(folder: Path, texts: list[str]) -> tuple[Path, list[Path]]:
    files = []
    rows = ["file,label,date"]
    for v, text in enumerate(texts, start=1):
        f = folder / f"v{v:03d}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(f)
        rows.append(f"{f.name},Rev.{v},{2001 + (v - 1) // 12}-{(v - 1) % 12 + 1:02d}-01")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest, files


def big(runs: int, n_versions: int = 100, n_articles: int = 100, keep: Path | None = None) -> None:
    """Issue 13's scale: 100 versions of a 100-article text (one import: it is the slow part).
    ``keep``: import into this folder, or reuse the history already there."""
    from travaux.history import open_history
    from travaux.renderers.history import write_dossier

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest, files = write_history(folder, synthetic(n_articles, n_versions))
        size = sum(f.stat().st_size for f in files) // 1024
        print(f"big: {n_versions} versions of {n_articles} articles ({size} KB in all)")
        target = keep if keep is not None else folder / "h"
        if keep is not None and (keep / ".git").exists():
            hist = open_history(keep)
            print("  import:            (reused)")
        else:
            hist = init_history(target)
            t, cpu = time.perf_counter(), time.process_time()
            hist.import_manifest(manifest)
            # CPU time too: on a shared machine the wall clock says as much about the neighbours
            print(f"  import:            {time.perf_counter() - t:7.2f} s   "
                  f"(CPU {time.process_time() - cpu:.2f} s)  target <= 60 s", flush=True)
        # an article of version 1 still there at the end, renumbered most often
        state = hist.state()
        first = {r.id for r in state.records[0]}

        def numbers(pid: str) -> int:
            return len({r.path for recs in state.records for r in recs if r.id == pid})

        rec = max((r for r in state.records[-1] if r.id in first and not r.id.startswith("_")),
                  key=lambda r: (numbers(r.id), r.id))
        para = paragraph_citation(hist, rec.citation)
        t_log, log = median(lambda: hist.log(para), runs)
        print(f"  log {para!r}: {t_log:7.3f} s   ({len(log.entries)} entries)  target <= 0.3 s")
        t_blame, blame = median(lambda: hist.blame(para), runs)
        print(f"  blame {para!r}: {t_blame:7.3f} s   ({len(blame.words)} words)  target <= 0.5 s")
        t_pick, steps = median(lambda: hist.phrase_log("fundamental principles"), runs)
        print(f"  log -S 'fundamental principles' (whole instrument): {t_pick:7.3f} s   "
              f"({len(steps)} versions)  target <= 2 s")
        t_all, written = median(lambda: write_dossier(hist.dossier(), folder / "dossier"), 1)
        print(f"  timeline --all:    {t_all:7.2f} s   ({len(written)} pages)  target <= 60 s")


def paragraph_citation(hist, article: str) -> str:
    """"Article 102 > 2" when the history cites paragraphs, else the article."""
    cand = f"{article} > 2"
    try:
        hist.resolve(cand)
        return cand
    except Exception:                    # paragraph citations not supported: the article
        return article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--versions", type=int, default=10)
    ap.add_argument("--big", action="store_true",
                    help="only the 100 versions x 100 articles history of issue 13")
    ap.add_argument("--keep", type=Path, default=None,
                    help="with --big: import into DIR, or reuse the history already there")
    args = ap.parse_args()
    if args.big:
        big(args.runs, 100, 100, args.keep)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        rows = ["file,label,date"]
        for v, text in enumerate(synthetic(args.articles, args.versions), start=1):
            f = folder / f"v{v:02d}.txt"
            f.write_text(text, encoding="utf-8")
            files.append(f)
            rows.append(f"{f.name},Rev.{v},2001-{(v - 1) % 12 + 1:02d}-01")
        manifest = folder / "manifest.csv"
        manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
        # Article 3 of version 1 is Article 3 + 9 in version 10 (one insertion per version).
        bench(f"synthetic {args.articles} articles", folder, manifest, files,
              f"Article {2 + args.versions}", args.runs)
    vig = ROOT / "fixtures" / "history-de-vig"
    from travaux.history.manifest import read_manifest

    files = [e.path for e in read_manifest(vig / "manifest.csv")]
    bench("fixtures/history-de-vig", vig, vig / "manifest.csv", files, "§ 2", args.runs)


if __name__ == "__main__":
    main()
