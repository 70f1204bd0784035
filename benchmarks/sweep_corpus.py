"""Compare every consecutive pair of versions in the shared corpus and check the invariants.

    python3 benchmarks/sweep_corpus.py [--corpus DIR]

For each pair (laws kept in git, the Spanish bill, the US bills, the EU proposal/final
pairs as text and as XHTML -> Formex): parse, compare, check that every pair's spans
rebuild both texts, render all five formats, parse the HTML with a strict HTML5 parser
and check its ids are unique.  Prints the wall time, the change counts and the pair
kinds per comparison, and the number of failures (exit status 1 if any).  Not a test:
the corpus lives outside the repository (tests use the trimmed copies in fixtures/).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import html5lib

from travaux.diffing.compare import compare
from travaux.diffing.parse import parse_path
from travaux.renderers import render

FORMATS = ("html", "redline", "md", "text", "json")


def pairs(corpus: Path) -> list[tuple[Path, Path]]:
    out = []
    folders = sorted((corpus / "laws-in-git").glob("*")) + sorted((corpus / "es-bills").glob("*")) \
        + sorted((corpus / "us-bills").glob("*"))
    for folder in folders:
        files = sorted(f for f in folder.iterdir() if f.suffix in (".md", ".txt"))
        out += list(zip(files, files[1:]))
    for name in ("eu-dma", "eu-data-act"):
        folder = corpus / name
        out.append((folder / "proposal.txt", folder / "final.txt"))
        out.append((next(folder.glob("proposal-*.xhtml")), next(folder.glob("final-*.xml"))))
    return out


def check(old: Path, new: Path) -> str:
    diff = compare(parse_path(old), parse_path(new))
    for pd in diff.pairs + diff.provisions:
        if "".join(s.old for s in pd.spans) != pd.old_text or \
                "".join(s.new for s in pd.spans) != pd.new_text:
            raise AssertionError(f"spans do not rebuild {pd.pair}")
    for fmt in FORMATS:
        page = render(diff, fmt)
        if fmt == "html":
            html5lib.HTMLParser(strict=True).parse(page)
            ids = Counter(re.findall(r' id="([^"]+)"', page))
            dup = [i for i, n in ids.items() if n > 1]
            if dup:
                raise AssertionError(f"duplicate ids {dup[:3]}")
    kinds = Counter(str(pd.pair.kind) for pd in diff.pairs)
    return (f"{diff.summary.substantive:5d} substantive {diff.summary.editorial:5d} editorial  "
            + " ".join(f"{k}={n}" for k, n in sorted(kinds.items())))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"error: no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    failures = 0
    todo = pairs(args.corpus)
    for old, new in todo:
        start = time.perf_counter()
        try:
            result = "ok   " + check(old, new)
        except Exception as exc:            # report and go on: the sweep is a survey
            failures += 1
            result = f"FAIL {type(exc).__name__}: {str(exc)[:160]}"
        took = time.perf_counter() - start
        print(f"{old.relative_to(args.corpus)} -> {new.name}  {took:5.2f} s  {result}", flush=True)
    print(f"{len(todo)} comparisons, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
