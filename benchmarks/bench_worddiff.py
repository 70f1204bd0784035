"""Benchmark the word diff of aligned paragraph pairs: each backend of
``word_diff`` against ``difflib.SequenceMatcher`` on the same tokens, in the
same process, engines interleaved round by round (the machine is shared).

Pairs: the UNTOC 2004 and 2012 texts paired by line (typography-only edits),
plus the 2012 lines with generated edits (seeded: word replaced, inserted,
deleted, modal swapped, number changed).  Prints the median µs per pair of
each engine and its ratio to difflib.

    python3 benchmarks/bench_worddiff.py [--rounds 7] [--corpus /work/shared/corpus]
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from travaux.diffing.model import CompareOptions  # noqa: E402
from travaux.diffing.classify.classifier import classify  # noqa: E402
from travaux.diffing.words.tokens import tokenize  # noqa: E402
from travaux.diffing.words import worddiff
from travaux.diffing.words.worddiff import word_diff  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def load_pairs(corpus: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    untoc = corpus / "untoc"
    if untoc.exists():
        old = (untoc / "final-2004-06-25.txt").read_text(encoding="utf-8").split("\n")
        new = (untoc / "final.txt").read_text(encoding="utf-8").split("\n")
    else:   # the fixture holds the first 120 lines
        fx = ROOT / "fixtures" / "worddiff-untoc"
        old = (fx / "old.txt").read_text(encoding="utf-8").split("\n")
        new = (fx / "new.txt").read_text(encoding="utf-8").split("\n")
    typo = [(a, b) for a, b in zip(old, new) if a.strip() and b.strip()]
    rng = random.Random(20240601)
    vocab = ["measures", "appropriate", "competent", "authorities", "cooperation", "offence",
             "domestic", "law", "where", "possible", "including", "request"]
    edited = []
    for _, b in typo:
        tokens = tokenize(b)
        words = [i for i, t in enumerate(tokens) if t[:1].isalnum()]
        if not words:
            continue
        for _ in range(rng.randint(1, 4)):
            i = rng.choice(words)
            op = rng.randrange(5)
            if op == 0:
                tokens[i] = rng.choice(vocab)
            elif op == 1:
                tokens[i] = tokens[i] + " " + rng.choice(vocab)
            elif op == 2:
                tokens[i] = ""
            elif op == 3:
                tokens[i] = {"shall": "may", "may": "shall"}.get(tokens[i], tokens[i])
            else:
                tokens[i] = str(rng.randint(1, 99)) if tokens[i].isdigit() else tokens[i]
        edited.append((b, "".join(tokens)))
    return typo, edited


def difflib_tokens(a: str, b: str):
    if a == b:
        return []
    return difflib.SequenceMatcher(None, tokenize(a), tokenize(b), autojunk=False).get_opcodes()


def run(pairs, engines, rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(rounds):
        for name, fn in engines.items():      # interleaved: every engine every round
            t0 = time.perf_counter()
            for a, b in pairs:
                fn(a, b)
            times[name].append((time.perf_counter() - t0) / len(pairs) * 1e6)
    return {name: statistics.median(v) for name, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    args = ap.parse_args()
    py, cpp = CompareOptions(backend="python"), CompareOptions(backend="cpp")
    engines = {
        "tokenize both (floor)": lambda a, b: (tokenize(a), tokenize(b)),
        "difflib.SequenceMatcher on tokens": difflib_tokens,
        "word_diff backend=python": lambda a, b: word_diff(a, b, py),
        "word_diff backend=cpp": lambda a, b: word_diff(a, b, cpp),
        "word_diff cpp + classify": lambda a, b: classify(word_diff(a, b, cpp)),
    }
    typo, edited = load_pairs(args.corpus)
    for label, pairs in (("UNTOC 2004 vs 2012 by line (typography)", typo),
                         ("UNTOC 2012 lines vs generated edits", edited)):
        words = sum(len(a.split()) + len(b.split()) for a, b in pairs)
        print(f"\n{label}: {len(pairs)} pairs, {words} words, median of {args.rounds} rounds")
        # The engine alone, on the token-encoded strings word_diff hands it
        # (encoded once, outside the timing; identical pairs are skipped as word_diff does).
        encoded = {}
        for a, b in pairs:
            if a != b:
                sa, sb = worddiff._Side(a, py), worddiff._Side(b, py)
                encoded[(a, b)] = worddiff._encode(sa, sb)
        spans = {(a, b): word_diff(a, b, cpp) for a, b in pairs}
        engines["classify only (spans given)"] = lambda a, b: classify(spans[(a, b)])
        engines["engine only: diff-match-patch (py)"] = \
            lambda a, b: worddiff._ops_python(*encoded[(a, b)]) if a != b else None
        engines["engine only: fast-diff-match-patch"] = \
            lambda a, b: worddiff._ops_cpp(*encoded[(a, b)]) if a != b else None
        medians = run(pairs, engines, args.rounds)
        base = medians["difflib.SequenceMatcher on tokens"]
        for name, us in medians.items():
            print(f"  {name:36s} {us:9.1f} µs/pair   {us / base:5.2f} × difflib")
        print(f"  word_diff python / cpp = "
              f"{medians['word_diff backend=python'] / medians['word_diff backend=cpp']:.1f};  engine only "
              f"python / cpp = {medians['engine only: diff-match-patch (py)'] / medians['engine only: fast-diff-match-patch']:.1f}")


if __name__ == "__main__":
    main()
