"""The words around one change: what the substantive rules read.

In: one side's text, the character range of the change in it, the range of
the equal text around the change (its context) and the text's paragraph
labels.  Out: a ``Window``: ``words`` (the non-space tokens of the change,
with up to ``CONTEXT`` tokens of context before and after), their character
``spans`` and ``lo``/``hi``, the indices of the change's first word and one
past its last.

The definition: the context is read from at most ``CONTEXT_CHARS``
characters each way (enough for CONTEXT words); where that bound cuts into
the context, the token at the cut is dropped (it may be a piece of a word),
and the tokens are those of ``tokenize`` on the bounded text.

How it is computed, fast: the tokens of the whole text are usually at hand
(``tokens.tokenized`` caches what ``word_diff`` just tokenised), and
tokenising a slice that starts and ends on token boundaries gives the same
tokens as the whole text there.  Only where the bound cuts inside the text is
a little of it tokenised again, from the cut to the first token boundary the
two tokenisations share (left), or over the last few characters, where
tokenising the cut text could end a token differently (right: a token's
extent depends on at most 4 characters after it, see ``tokens._NUMBER``).
If a change does not start and end on token boundaries (spans not made by
``word_diff``), the bounded text is tokenised as the definition says.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from travaux.diffing.words.tokens import token_pattern, token_spans, tokenized

CONTEXT = 12                          # tokens of context read on each side
CONTEXT_CHARS = 40 * CONTEXT          # enough characters for CONTEXT words
#: How far past its end tokenising may look to end a token (see module docstring).
_LOOKAHEAD = 4

Located = tuple[str, int, int]        # (token, start, end)


def _located(text: str, a: int, b: int) -> list[Located]:
    """Non-space tokens of text[a:b] with their offsets in ``text``."""
    return [t for t in token_spans(text, a, b) if not t[0].isspace()]


class Window:
    """Words of one side: left context, the change, right context.  The context
    is the equal text next to the change (never another change), at most
    ``CONTEXT`` words each way; ``spans[i]`` is the (start, end) of ``words[i]``."""

    __slots__ = ("words", "spans", "lo", "hi", "text", "labels")

    def __init__(self, text: str, a: int, b: int, ctx_lo: int, ctx_hi: int, labels=()):
        lo_cut, hi_cut = max(ctx_lo, a - CONTEXT_CHARS), min(ctx_hi, b + CONTEXT_CHARS)
        located = _from_tokens(text, a, b, lo_cut, hi_cut, ctx_lo, ctx_hi)
        if located is None:
            left, mid, right = _located(text, lo_cut, a), _located(text, a, b), \
                _located(text, b, hi_cut)
            if lo_cut > ctx_lo and left:
                left = left[1:]
            if hi_cut < ctx_hi and right:
                right = right[:-1]
            located = (left[-CONTEXT:], mid, right[:CONTEXT])
        left, mid, right = located
        words = left + mid + right
        self.words = [w for w, _, _ in words]
        self.spans = [(x, y) for _, x, y in words]
        self.lo = len(left)
        self.hi = self.lo + len(mid)
        self.text = text
        self.labels = labels

    def in_label(self, i: int) -> bool:
        x, y = self.spans[i]
        return any(ls <= x and y <= le for ls, le in self.labels)

    def slice(self, i: int, j: int) -> str:
        """The source text of words[i:j], whitespace runs shown as one space."""
        if i >= j:
            return ""
        return " ".join(self.text[self.spans[i][0]:self.spans[j - 1][1]].split())

    def touches(self, i: int, j: int) -> bool:
        """Does words[i:j] overlap the change or sit right next to it?"""
        return i <= self.hi and j >= self.lo


def _nonspace(tokens: list[str], off: list[int], i: int, j: int) -> list[Located]:
    """Non-space tokens i..j-1 (a token is space iff it is a whitespace run)."""
    return [(t, off[k], off[k + 1]) for k, t in enumerate(tokens[i:j], i) if not t.isspace()]


#: Tokens looked at first on each side: CONTEXT words and the spaces between.
_STRIDE = 2 * CONTEXT + 2


def _from_tokens(text: str, a: int, b: int, lo_cut: int, hi_cut: int, ctx_lo: int,
                 ctx_hi: int) -> tuple[list[Located], list[Located], list[Located]] | None:
    """(left, mid, right) as the definition gives them, from the tokens of the
    whole text; None when a, b or an uncut context edge is not a token boundary."""
    tokens, off = tokenized(text)
    ia, ib = bisect_left(off, a), bisect_left(off, b)
    if off[ia] != a or off[ib] != b:
        return None
    mid = _nonspace(tokens, off, ia, ib)

    # Left: the non-space tokens before a, down to where the tokens of
    # text[lo_cut:a] rejoin those of the whole text; CONTEXT + 1 are enough.
    partial: list[Located] = []
    if lo_cut == ctx_lo:
        stop = bisect_left(off, lo_cut)
        if off[stop] != lo_cut:
            return None
    else:
        stop = ia
        for m in token_pattern(text).finditer(text, lo_cut, a):
            t, e = m.group(), m.end()
            if not t.isspace():
                partial.append((t, m.start(), e))
            k = bisect_left(off, e)
            if off[k] == e:
                stop = k
                break
    i = max(stop, ia - _STRIDE)
    left = _nonspace(tokens, off, i, ia)
    while len(left) <= CONTEXT and i > stop:
        i, j = max(stop, i - _STRIDE), i
        left = _nonspace(tokens, off, i, j) + left
    if len(left) <= CONTEXT:              # all of text[lo_cut:a] was read
        left = partial + left
        if lo_cut > ctx_lo and left:
            left = left[1:]
    left = left[-CONTEXT:]

    # Right: the non-space tokens after b that end far enough from the cut to
    # be the same in text[b:hi_cut]; CONTEXT + 1 are enough.
    if hi_cut == ctx_hi:
        end = bisect_left(off, hi_cut)
        if off[end] != hi_cut:
            return None
    else:
        end = max(ib, bisect_right(off, hi_cut - _LOOKAHEAD - 1) - 1)
    j = min(end, ib + _STRIDE)
    right = _nonspace(tokens, off, ib, j)
    while len(right) <= CONTEXT and j < end:
        i, j = j, min(end, j + _STRIDE)
        right += _nonspace(tokens, off, i, j)
    if len(right) <= CONTEXT and hi_cut < ctx_hi:   # read the cut end as the definition does
        right += _located(text, off[end], hi_cut)
        if right:
            right = right[:-1]
    return left, mid, right[:CONTEXT]
