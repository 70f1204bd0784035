"""The word diff of one provision between two versions, paragraph by paragraph.

In: the stored contents of a provision in two versions (one line per block:
label and text, indented by depth).  Out: ``Span``s that rebuild both texts
exactly, and the word rule that log, blame and phrase search share.

Why not one word diff over the whole provision: diff-match-patch over several
paragraphs, after an item is inserted or split, pairs the words of item 2 with
those of item 3 and reports "von einem Erzeugnis ... ausgehende Gefahren" as
rewritten when only "oder einem Verbraucherprodukt" was added — the compare
pipeline, which aligns paragraphs first, shows it right.  So here too the lines
are aligned first: identical lines by difflib (in order), the remaining ones by
an order-keeping best match on word similarity; each matched pair is
word-diffed, and so is each run of unmatched lines against the unmatched run
facing it (a split item, a rewrite); a run facing nothing is inserted or
deleted whole.  Log (``-p``), timeline
redlines and blame all use this one function, so blame agrees with the diff.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from travaux.diffing.model import CompareOptions, Op, Span

#: Two paragraphs are the same paragraph edited when their word similarity
#: reaches this (the compare pipeline's default threshold is 0.5 on a blend of
#: character and word ratios; word Indel alone runs a little lower).
THRESHOLD = 0.4
#: A paragraph found elsewhere in the provision counts as moved from there when
#: it is at least this similar (stricter: nothing else vouches for the pair).
MOVE_THRESHOLD = 0.5
#: Beyond this many candidate pairs the fuzzy matching is skipped (the gap is
#: word-diffed as one block): a bound on time for pathological rewrites.
_MAX_CELLS = 40_000
_CORE = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
_LABEL = re.compile(r"^\s*(?:\(\w{1,5}\)|\d{1,3}[a-z]?[.)]?|[a-z][.)]|§+\s*\d+\w*)\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Move:
    """A paragraph moved within the provision: its old line at ``old_start``, its
    new line at ``new_start``, and the word diff between the two lines."""

    old_start: int
    new_start: int
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ProvisionDiff:
    """The spans (a moved line shows as deleted there, inserted here) and the moves."""

    spans: tuple[Span, ...]
    moves: tuple[Move, ...] = ()
    #: Which lines became which: (old line numbers, new line numbers) per group,
    #: every line of each side in exactly one group (a paragraph's identity).
    groups: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()


def provision_diff(old: str, new: str, options: CompareOptions | None = None) -> tuple[Span, ...]:
    """Spans from ``old`` to ``new`` (both rebuilt exactly), aligned line by line."""
    return diff_provision(old, new, options).spans


def diff_provision(old: str, new: str, options: CompareOptions | None = None) -> ProvisionDiff:
    if old == new:
        return ProvisionDiff((Span(Op.EQUAL, old, new),) if old else (),
                             groups=tuple(((k,), (k,)) for k in range(len(_lines(old)))))
    if not old:
        return ProvisionDiff((Span(Op.INSERT, "", new),),
                             groups=tuple(((), (k,)) for k in range(len(_lines(new)))))
    if not new:
        return ProvisionDiff((Span(Op.DELETE, old, ""),),
                             groups=tuple(((k,), ()) for k in range(len(_lines(old)))))
    from travaux.diffing.words.worddiff import word_diff

    options = options or CompareOptions()
    a, b = _lines(old), _lines(new)
    oa, ob = _offsets(a), _offsets(b)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    plan: list[tuple] = []                 # ("eq", i0, i1, j0, j1) | ("gap", i0, i1, j0, j1, pairs)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag == "equal":
            plan.append(("eq", i0, i1, j0, j1))
        else:
            too_big = (i1 - i0) * (j1 - j0) > _MAX_CELLS
            pairs = [] if too_big or not (i1 > i0 and j1 > j0) else \
                [(i0 + x, j0 + y) for x, y in _match(a[i0:i1], b[j0:j1])]
            plan.append(("gap", i0, i1, j0, j1, _widen(a, b, pairs, i0, i1, j0, j1), too_big))
    moved = _moves(a, b, plan)
    moved_a = {i for i, _ in moved}
    moved_b = {j for _, j in moved}
    out: list[Span] = []
    groups: list[tuple[tuple[int, ...], tuple[int, ...]]] = [((i,), (j,)) for i, j in moved]

    def group(ra, rb) -> None:
        groups.append((tuple(ra), tuple(rb)))

    for step in plan:
        if step[0] == "eq":
            _, i0, i1, j0, j1 = step
            out.append(Span(Op.EQUAL, "".join(a[i0:i1]), "".join(b[j0:j1])))
            groups.extend(((i0 + k,), (j0 + k,)) for k in range(i1 - i0))
            continue
        _, i0, i1, j0, j1, pairs, too_big = step
        if too_big:
            out.extend(word_diff("".join(a[i0:i1]), "".join(b[j0:j1]), options))
            group(range(i0, i1), range(j0, j1))
            continue
        i, j = i0, j0
        for pi, gi, pj, gj in pairs + [(i1, i1, j1, j1)]:
            ra, rb = range(i, pi), range(j, pj)
            if ra and rb and not (moved_a & set(ra) or moved_b & set(rb)):
                # unmatched on both sides (a split, a rewrite): word-diffed together
                out.extend(word_diff("".join(a[i:pi]), "".join(b[j:pj]), options))
                group(ra, rb)
            else:
                if ra:
                    out.append(Span(Op.DELETE, "".join(a[i:pi]), ""))
                    groups.extend(((x,), ()) for x in ra if x not in moved_a)
                if rb:
                    out.append(Span(Op.INSERT, "", "".join(b[j:pj])))
                    groups.extend(((), (y,)) for y in rb if y not in moved_b)
            if pi < i1 and pj < j1:
                out.extend(_line_diff("".join(a[pi:gi]), "".join(b[pj:gj]), options))
                group(range(pi, gi), range(pj, gj))
            i, j = gi, gj
    moves = tuple(Move(oa[i], ob[j], _line_diff(a[i], b[j], options)) for i, j in moved)
    return ProvisionDiff(_merge(out), moves, tuple(sorted(groups, key=_group_order)))


def _group_order(g) -> tuple[int, int]:
    return (g[1][0] if g[1] else -1, g[0][0] if g[0] else -1)


def _line_diff(x: str, y: str, options: CompareOptions) -> tuple[Span, ...]:
    """Two lines of one paragraph: label (with indent) and text diffed apart, so a
    label dropped or renumbered never drags the paragraph's first words with it."""
    from travaux.diffing.words.worddiff import word_diff

    mx, my = _LABEL.match(x), _LABEL.match(y)
    px = mx.group(0) if mx else x[:len(x) - len(x.lstrip())]
    py = my.group(0) if my else y[:len(y) - len(y.lstrip())]
    return tuple(word_diff(px, py, options)) + tuple(word_diff(x[len(px):], y[len(py):], options))


def _offsets(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for ln in lines:
        out.append(pos)
        pos += len(ln)
    return out


def _moves(a: list[str], b: list[str], plan) -> list[tuple[int, int]]:
    """Lines left unmatched on both sides that are the same paragraph (word
    similarity >= MOVE_THRESHOLD), best first: paragraphs moved within the provision."""
    matched_a = {i for st in plan if st[0] == "gap" for g in st[5] for i in range(g[0], g[1])}
    matched_b = {j for st in plan if st[0] == "gap" for g in st[5] for j in range(g[2], g[3])}
    free_a = [i for st in plan if st[0] == "gap" and not st[6]
              for i in range(st[1], st[2]) if i not in matched_a and a[i].strip()]
    free_b = [j for st in plan if st[0] == "gap" and not st[6]
              for j in range(st[3], st[4]) if j not in matched_b and b[j].strip()]
    if not free_a or not free_b or len(free_a) * len(free_b) > _MAX_CELLS:
        return []
    ka = {i: _key(a[i]) for i in free_a}
    kb = {j: _key(b[j]) for j in free_b}
    cands = []
    for i in free_a:
        for j in free_b:
            s = Indel.normalized_similarity(ka[i], kb[j]) if ka[i] and kb[j] else 0.0
            if s >= MOVE_THRESHOLD:
                cands.append((-s, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, i, j in sorted(cands):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return sorted(out, key=lambda ij: ij[1])


def _lines(text: str) -> list[str]:
    """Lines with their "\n" (only "\n" separates paragraphs in a stored provision)."""
    if not text:
        return []
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _key(line: str) -> list[str]:
    """The words that say which paragraph a line is (its label left out: renumbering)."""
    return _WORDS.findall(_LABEL.sub("", line, count=1).casefold())


def _widen(a: list[str], b: list[str], pairs, i0: int, i1: int, j0: int,
           j1: int) -> list[tuple[int, int, int, int]]:
    """Matched lines grown into groups (a[i:gi], b[j:gj]): a line next to a match,
    facing nothing on the other side, joins it when that makes the two sides more
    alike — a paragraph merged into its neighbour, or split off from it."""
    groups = []
    lo_a, lo_b = i0, j0
    for k, (i, j) in enumerate(pairs):
        hi_a, hi_b = (pairs[k + 1] if k + 1 < len(pairs) else (i1, j1))
        gi0, gi1, gj0, gj1 = i, i + 1, j, j + 1
        best = _sim(a[gi0:gi1], b[gj0:gj1])
        for side in ("before", "after"):
            if side == "before":
                cands = ([(x, gi1, gj0, gj1) for x in range(lo_a, gi0)] if lo_b == gj0 else []) + \
                        ([(gi0, gi1, y, gj1) for y in range(lo_b, gj0)] if lo_a == gi0 else [])
            else:
                cands = ([(gi0, x, gj0, gj1) for x in range(gi1 + 1, hi_a + 1)] if gj1 == hi_b
                         else []) + \
                        ([(gi0, gi1, gj0, y) for y in range(gj1 + 1, hi_b + 1)] if gi1 == hi_a
                         else [])
            for cand in cands[:50]:         # a bound: runs of unmatched lines are short
                score = _sim(a[cand[0]:cand[1]], b[cand[2]:cand[3]])
                if score > best:
                    best, (gi0, gi1, gj0, gj1) = score, cand
        groups.append((gi0, gi1, gj0, gj1))
        lo_a, lo_b = gi1, gj1
    return groups


def _sim(a: list[str], b: list[str]) -> float:
    ka = [w for x in a for w in _key(x)]
    kb = [w for x in b for w in _key(x)]
    return Indel.normalized_similarity(ka, kb) if ka and kb else 0.0


def _match(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Order-keeping pairs (i, j) maximising the summed similarity (>= THRESHOLD)."""
    ka, kb = [_key(x) for x in a], [_key(x) for x in b]
    n, m = len(a), len(b)
    sim = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            s = Indel.normalized_similarity(ka[i], kb[j]) if ka[i] and kb[j] else \
                (1.0 if a[i].strip() == b[j].strip() else 0.0)
            sim[i][j] = s if s >= THRESHOLD else 0.0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, nxt = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + nxt[j + 1] if sim[i][j] else 0.0
            row[j] = max(take, nxt[j], row[j + 1])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Adjacent spans of one kind joined (output reads as one run)."""
    out: list[Span] = []
    for s in spans:
        if not s.old and not s.new:
            continue
        if out and out[-1].op is s.op:
            out[-1] = Span(s.op, out[-1].old + s.old, out[-1].new + s.new)
        else:
            out.append(s)
    return tuple(out)


# --------------------------------------------------------------------------- words

def words(text: str):
    """The words of a text: maximal runs of non-space characters (start, end)."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def core(text: str, start: int, end: int) -> list[int]:
    """The positions that decide a word's origin: its letters and digits, so a
    comma added after "Verbrauchern" does not make the word new; a word of
    punctuation only is decided by all its characters."""
    keep = [k for k in range(start, end) if _CORE.match(text[k])]
    return keep or list(range(start, end))


def inserted_words(diff) -> list[tuple[int, int]]:
    """Words of the new text that the diff inserts (a core character inserted);
    a moved paragraph's words count only where its own word diff inserts them.
    ``diff`` is a ``ProvisionDiff`` or a sequence of spans."""
    spans, moves = (diff.spans, diff.moves) if isinstance(diff, ProvisionDiff) else (diff, ())
    flags: list[bool] = []
    for s in spans:
        if s.op is Op.INSERT:
            flags.extend([True] * len(s.new))
        elif s.op is Op.EQUAL:
            flags.extend([False] * len(s.new))
    for mv in moves:
        k = mv.new_start
        for s in mv.spans:
            if s.op is not Op.DELETE:
                flags[k:k + len(s.new)] = [s.op is Op.INSERT] * len(s.new)
                k += len(s.new)
    new = "".join(s.new for s in spans if s.op is not Op.DELETE)
    return [(a, b) for a, b in words(new) if any(flags[k] for k in core(new, a, b))]
