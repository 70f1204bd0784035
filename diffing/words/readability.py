"""Readability of a word diff: where its changes start and end.

In: the runs of a diff (``regions(ops)``: ``[is_change, old_units, new_units]``,
equalities and changes alternating) and the two sides of ``worddiff`` (their
units, the tokens of each unit and the key of each unit).  Out: the runs,
moved and merged so that the diff reads well, never cutting inside a unit:

a) ``slide``: each pure insertion/deletion between two equalities slides to the
   position with the best token-class boundary score (diff-match-patch's
   ``diff_cleanupSemanticLossless`` rule applied to tokens: text edge > blank
   line > line break > end of sentence > space > punctuation; ties go right,
   i.e. trailing rather than leading whitespace);
b) ``fold``: an equality between two changes that holds only whitespace and at
   most ``FOLD_MAX_WORDS`` function words ("and", "of the", "de la", see
   ``lexicon.FUNCTION_WORDS``) is folded into them, so "[prevent→detect] and
   [combat→punish]" reads "prevent and combat → detect and punish".
"""

from __future__ import annotations

from travaux.diffing.classify.lexicon import FUNCTION_WORDS
from travaux.diffing.words.tokens import is_punct, is_space

#: Fold rule: an equality between two changes with at most this many
#: non-whitespace tokens, all function words, is folded into the changes.
FOLD_MAX_WORDS = 2


def regions(ops) -> list[list[int]]:
    """[is_change, old_units, new_units] runs: equalities and changes alternate."""
    regions: list[list[int]] = []
    for op, n in ops:
        if not n:
            continue
        change = 1 if op else 0
        if not regions or regions[-1][0] != change:
            regions.append([change, 0, 0])
        r = regions[-1]
        if op <= 0:
            r[1] += n
        if op >= 0:
            r[2] += n
    return regions


def _score(left: str | None, right: str | None) -> int:
    """diff_cleanupSemanticScore on tokens: how good a boundary between two tokens is."""
    if left is None or right is None:
        return 6
    ls, rs = is_space(left), is_space(right)
    if (ls and left.count("\n") >= 2) or (rs and right.count("\n") >= 2):
        return 5
    if (ls and "\n" in left) or (rs and "\n" in right):
        return 4
    if rs and left in ".;:!?":
        return 3
    if ls or rs:
        return 2
    if is_punct(left) or is_punct(right):
        return 1
    return 0


def slide(regions: list[list[int]], a, b) -> None:
    """Step 3a: move each pure insertion/deletion to its best boundary (in place)."""
    ou = nu = 0
    for i, (change, d, n) in enumerate(regions):
        if change and (d == 0) != (n == 0):
            side, start, length = (b, nu, n) if d == 0 else (a, ou, d)
            enc = side.unit_token
            units = side.starts
            key = side.unit_keys
            prev = regions[i - 1][1] if i > 0 else 0      # equal units before / after
            nxt = regions[i + 1][1] if i + 1 < len(regions) else 0
            # Never empty an equality that separates two changes.
            lo = -(prev if i <= 1 else prev - 1)
            hi = nxt if i + 2 >= len(regions) else nxt - 1
            k = 0
            while k > lo and key[start + k - 1] == key[start + k + length - 1]:
                k -= 1
            best, best_k = -1, 0
            while True:
                s = start + k
                left = enc(s - 1, last=True) if s > 0 else None
                right = enc(s + length) if s + length < len(units) - 1 else None
                score = _score(left, enc(s)) + _score(enc(s + length - 1, last=True), right)
                if score >= best:
                    best, best_k = score, k
                if k >= hi or key[s] != key[s + length]:
                    break
                k += 1
            if best_k:
                if i > 0:
                    regions[i - 1][1] += best_k
                    regions[i - 1][2] += best_k
                if i + 1 < len(regions):
                    regions[i + 1][1] -= best_k
                    regions[i + 1][2] -= best_k
                ou += best_k          # the equality before grew on both sides
                nu += best_k
        ou += regions[i][1]
        nu += regions[i][2]
    regions[:] = [r for r in regions if r[1] or r[2]]


def fold(regions: list[list[int]], a) -> list[list[int]]:
    """Step 3b: fold equal islands of whitespace and function words into the changes."""
    out: list[list[int]] = []
    ou = 0
    for i, r in enumerate(regions):
        if (not r[0] and out and out[-1][0] and i + 1 < len(regions)
                and _foldable(a.unit_tokens(ou, ou + r[1]))):
            out[-1][1] += r[1]
            out[-1][2] += r[2]
        elif r[0] and out and out[-1][0]:
            out[-1][1] += r[1]
            out[-1][2] += r[2]
        else:
            out.append(list(r))
        ou += r[1]
    return out


def _foldable(tokens: list[str]) -> bool:
    """At most FOLD_MAX_WORDS non-space tokens, all function words."""
    words = 0
    for t in tokens:
        if not is_space(t):
            if words == FOLD_MAX_WORDS or t.casefold() not in FUNCTION_WORDS:
                return False      # most equalities stop at their first word
            words += 1
    return True
