"""A bound on the word diff's time: long pairs are cut at anchors before diffing.

In: the two encoded strings of a pair (one code point per token, see
``worddiff._encode``) and an engine (``str x str -> [(op, length)]``, op in
-1/0/1).  Out: the same kind of op list for the whole pair, and a note when
the pair was not diffed in one piece (``None`` otherwise).

diff-match-patch is exact with ``Diff_Timeout = 0``, but its cost grows with
(length x edit distance): two unrelated paragraphs of 200k words never
finish.  Up to ``DIRECT`` tokens per side (after the common prefix and
suffix) the engine runs as before, so ordinary paragraphs are diffed exactly
as always.  Longer pairs are cut first at *anchors*, tokens that occur
exactly once in each side, kept in order (the longest increasing run, as in
patience diff); each piece between anchors is diffed the same way, down to
``DIRECT``.  A piece still longer with no anchor is cut into equal shares of
each side (``SHARE`` tokens at most), paired in order (linear, coarser).  Everything is deterministic
(same input, same ops), the ops still rebuild both texts, and the note says
which of the two happened, so a report never shows a silent
"delete all, insert all".
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from travaux.diffing.align.matching import lis

Engine = Callable[[str, str], list[tuple[int, int]]]

DIRECT = 4000       # tokens per side diffed in one piece (~0.3 s worst case, C++ engine)
SHARE = 128         # tokens per side of a share when no anchor is left (cost ~ n x SHARE)

ANCHORED = "anchored"
SHARES = "shares"


def bounded_ops(a: str, b: str, engine: Engine, direct: int = DIRECT
                ) -> tuple[list[tuple[int, int]], str | None]:
    """Ops of ``a`` -> ``b``; the note is None, ANCHORED or SHARES."""
    if max(len(a), len(b)) <= direct:
        return engine(a, b), None
    out: list[tuple[int, int]] = []
    how = {ANCHORED}
    _ops(a, b, engine, direct, out, how)
    return _merge(out), (SHARES if SHARES in how else ANCHORED)


def _ops(a: str, b: str, engine: Engine, direct: int, out: list, how: set) -> None:
    # common prefix and suffix first: cheap, and exact
    p = _prefix(a, b)
    if p:
        out.append((0, p))
        a, b = a[p:], b[p:]
    s = _suffix(a, b)
    tail = s
    if s:
        a, b = a[:-s], b[:-s]
    if not a or not b:
        if a:
            out.append((-1, len(a)))
        if b:
            out.append((1, len(b)))
    elif max(len(a), len(b)) <= direct:
        out.extend(engine(a, b))
    else:
        anchors = _anchors(a, b)
        if anchors:
            i = j = 0
            for x, y in anchors:
                _ops(a[i:x], b[j:y], engine, direct, out, how)
                out.append((0, 1))
                i, j = x + 1, y + 1
            _ops(a[i:], b[j:], engine, direct, out, how)
        else:
            how.add(SHARES)
            k = -(-max(len(a), len(b)) // min(direct, SHARE))   # pieces, each <= SHARE a side
            for n in range(k):
                pa = a[len(a) * n // k: len(a) * (n + 1) // k]
                pb = b[len(b) * n // k: len(b) * (n + 1) // k]
                if pa and pb:
                    out.extend(engine(pa, pb))
                elif pa:
                    out.append((-1, len(pa)))
                elif pb:
                    out.append((1, len(pb)))
    if tail:
        out.append((0, tail))


def _anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions (i, j) of tokens unique in both sides, longest run increasing in both."""
    ca, cb = Counter(a), Counter(b)
    where_b = {ch: j for j, ch in enumerate(b) if cb[ch] == 1}
    pairs = [(i, where_b[ch]) for i, ch in enumerate(a) if ca[ch] == 1 and ch in where_b]
    if not pairs:
        return []
    # longest increasing subsequence of j (pairs are in order of i): O(n log n)
    keep = lis([j for _, j in pairs])
    return [pairs[k] for k in sorted(keep)]


def _prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo, hi = 0, n                      # binary search on slices: C speed
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _merge(ops: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent ops of one kind joined, and in each change run deletions before
    insertions (the order the engines give and ``regions`` expects)."""
    out: list[tuple[int, int]] = []
    dels = ins = 0
    for op, n in ops:
        if n <= 0:
            continue
        if op == -1:
            dels += n
        elif op == 1:
            ins += n
        else:
            if dels:
                out.append((-1, dels))
            if ins:
                out.append((1, ins))
            dels = ins = 0
            if out and out[-1][0] == 0:
                out[-1] = (0, out[-1][1] + n)
            else:
                out.append((0, n))
    if dels:
        out.append((-1, dels))
    if ins:
        out.append((1, ins))
    return out
