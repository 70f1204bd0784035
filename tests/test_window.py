"""Tests of diffing.window: the fast window (built from the cached tokens of
the whole text) equals the window as defined (the bounded text tokenised
again), for any text, any change on token boundaries and any context bound."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from travaux.diffing.classify import window
from travaux.diffing.words.tokens import tokenize
from travaux.diffing.classify.window import CONTEXT, Window

PIECES = ["shall", "May", "2000", "10,000", "10\u00a0000", "10\u00a00000", "1,5", "co-operation",
          "State's", "'", "-", " ", "  ", "\n", "\u00a0", ",", ".", "(a)", "e\u0301", "_", "\U0001F600",
          "article", "24", "not", "x"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), min_size=1, max_size=60) \
    .map("".join)


def defined(text, a, b, ctx_lo, ctx_hi, chars):
    """The definition, as the first implementation computed it."""
    def located(x, y):
        out, pos = [], x
        for t in tokenize(text[x:y]):
            if not t[:1].isspace():
                out.append((t, pos, pos + len(t)))
            pos += len(t)
        return out
    lo_cut, hi_cut = max(ctx_lo, a - chars), min(ctx_hi, b + chars)
    left, mid, right = located(lo_cut, a), located(a, b), located(b, hi_cut)
    if lo_cut > ctx_lo and left:
        left = left[1:]
    if hi_cut < ctx_hi and right:
        right = right[:-1]
    words = left[-CONTEXT:] + mid + right[:CONTEXT]
    lo = min(len(left), CONTEXT)
    return [w for w, _, _ in words], [(x, y) for _, x, y in words], lo, lo + len(mid)


@settings(max_examples=400, deadline=None)
@given(texts, st.data(), st.integers(1, 40))
def test_window_as_defined(text, data, chars):
    cuts = sorted({0, len(text)} | {sum(map(len, tokenize(text)[:k])) for k in range(len(tokenize(text)))})
    ctx_lo, a, b, ctx_hi = sorted(data.draw(st.lists(st.sampled_from(cuts), min_size=4, max_size=4)))
    saved = window.CONTEXT_CHARS
    window.CONTEXT_CHARS = chars          # small bounds, so that the cuts are exercised
    try:
        w = Window(text, a, b, ctx_lo, ctx_hi)
    finally:
        window.CONTEXT_CHARS = saved
    assert (w.words, w.spans, w.lo, w.hi) == defined(text, a, b, ctx_lo, ctx_hi, chars)


@pytest.mark.parametrize("a, b", [(1, 3), (0, 2)])
def test_change_off_token_boundaries_uses_the_definition(a, b):
    text = "Each State Party shall adopt"
    w = Window(text, a, b, 0, len(text))
    assert (w.words, w.spans, w.lo, w.hi) == defined(text, a, b, 0, len(text), window.CONTEXT_CHARS)


def test_long_context_is_cut_at_context_words():
    words = [f"w{i}" for i in range(200)]
    text = " ".join(words)
    a = text.index("w100")
    w = Window(text, a, a + 4, 0, len(text))
    assert w.words == words[88:113] and (w.lo, w.hi) == (12, 13)
