"""Word diff of one aligned pair: ``str x str -> tuple[Span, ...]``.

In: the old and new text of a pair and ``CompareOptions`` (ignore options and
``backend``).  Out: spans (``model.Span``) that rebuild both texts exactly:
``"".join(s.old for s in spans) == old`` and ``"".join(s.new ...) == new``,
in every mode.  Adjacent spans of the same op are merged; no span is empty.

Method (diff-match-patch's own line mode, with tokens instead of lines):

1. ``tokens.tokenize`` both texts.  Each token gets a *key*: the token itself,
   or under the ignore options its case-folded form, or ``None`` (ignorable:
   whitespace under ``ignore_whitespace``, punctuation under
   ``ignore_punctuation``, a paragraph label under ``ignore_numbering``).
2. Every distinct key is mapped to one code point and diff-match-patch runs on
   the two encoded strings with ``Diff_Timeout = 0`` (exact, deterministic),
   ``checklines`` off, then ``diff_cleanupSemantic``.  The code points are
   handed out from the private-use planes first, then the unassigned planes
   4-13, then the rest, never a surrogate (U+D800-U+DFFF), so any number of
   distinct tokens up to 1,112,064 is exact.  Past that (``ALPHABET_LIMIT``),
   the rest of a text becomes one unit, as diff-match-patch's line mode does
   with lines: still exact texts, a coarser diff.
3. Readability (``diffing.readability``), on token units (never inside a token, so
   never a split word):
   a) each pure insertion/deletion between two equalities slides to the
      position with the best token-class boundary score (diff-match-patch's
      ``diff_cleanupSemanticLossless`` rule applied to tokens: text edge >
      blank line > line break > end of sentence > space > punctuation; ties go
      right, i.e. trailing rather than leading whitespace);
   b) *fold*: an equality between two changes that holds only whitespace and
      at most two function words ("and", "of the", "de la", see
      ``lexicon.FUNCTION_WORDS``) is folded into them, so "[prevent→detect]
      and [combat→punish]" reads "prevent and combat → detect and punish".
4. Spans are assembled from the units; ignorable tokens between two equal
   units become part of an EQUAL span whose ``old`` and ``new`` may differ
   (e.g. ``ignore_case``: EQUAL(old="Shall", new="shall")).

Backends: ``"python"`` (diff-match-patch) and ``"cpp"`` (fast-diff-match-patch,
the C++ port of the same algorithm: 7-8x faster as an engine on paragraph
pairs, but per pair tokenising and assembling dominate, see
benchmarks/bench_worddiff.py); ``"auto"`` picks cpp when it imports.  Both get the same encoded strings; steps 3-4 are
ours, so both give the same spans on every case tested (see
tests/test_worddiff.py).  Where they could legitimately differ: past 792,896
distinct tokens in one pair the code points used are letters, which the C++
and Python ports may classify differently in their boundary scoring; and on
platforms where the C++ build has 2-byte characters
(``fast_diff_match_patch.CHAR_WIDTH == 2``) a pair with more than 6,400
distinct tokens is diffed by the Python backend.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain, starmap

from diff_match_patch import diff_match_patch

from travaux.diffing.errors import OptionError
from travaux.diffing.model import Backend, CompareOptions, Op, Span
from travaux.diffing.words.bounded import bounded_ops
from travaux.diffing.words.readability import fold, regions, slide
from travaux.diffing.words.tokens import JOINERS, is_space, is_word, label_spans, tokenize, tokenized

try:  # the C++ build is optional: the pure-Python package is the fallback
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - depends on the environment
    _fast = None

__all__ = ["tokenize", "word_diff", "word_diff_noted", "resolve_backend", "BACKENDS",
           "ALPHABET_SIZE"]

BACKENDS = tuple(b.value for b in Backend)

# Code points handed out to keys, in this order.  Private use and unassigned
# code points first: no implementation calls them letters or spaces, so the
# boundary scoring inside diff_cleanupSemantic treats them all alike in both
# ports.  Surrogates are never used.
_ALPHABET_RANGES = (
    (0xE000, 0xF900),        # BMP private use (6,400)
    (0xF0000, 0xFFFFE),      # plane 15 private use
    (0x100000, 0x10FFFE),    # plane 16 private use
    (0x40000, 0xE0000),      # planes 4-13, unassigned
    (0x0000, 0xD800), (0xF900, 0x40000), (0xE0000, 0xF0000),
    (0xFFFFE, 0x100000), (0x10FFFE, 0x110000),
)
ALPHABET_SIZE = sum(b - a for a, b in _ALPHABET_RANGES)   # 1,112,064
_FIRST_CODES = [chr(cp) for cp in range(*_ALPHABET_RANGES[0])]   # enough for most pairs
#: How many code points the encoding may use (tests lower it to reach overflow).
ALPHABET_LIMIT = ALPHABET_SIZE

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0       # 0 = no deadline: exact and deterministic
_DROP_JOINERS = str.maketrans("", "", JOINERS)
_FAST_OPS = {"=": 0, "-": -1, "+": 1}


def resolve_backend(name: Backend | str) -> Backend:
    """``AUTO`` -> ``CPP`` if fast_diff_match_patch imports, else ``PYTHON``."""
    if name not in BACKENDS:
        raise OptionError(f"unknown word-diff backend {name!r}; use auto, cpp or python")
    if name == Backend.PYTHON:
        return Backend.PYTHON
    if _fast is None:
        if name == Backend.CPP:
            raise OptionError("the C++ word-diff backend is not installed; "
                              "run 'pip install fast-diff-match-patch' or pass --backend python")
        return Backend.PYTHON
    return Backend.CPP


def word_diff(old: str, new: str, options: CompareOptions = CompareOptions()) -> tuple[Span, ...]:
    """The spans of the word diff of ``old`` -> ``new`` (see the module docstring)."""
    return word_diff_noted(old, new, options)[0]


def word_diff_noted(old: str, new: str, options: CompareOptions = CompareOptions()
                    ) -> tuple[tuple[Span, ...], str | None]:
    """``word_diff``, and how a very long pair was bounded (``bounded.ANCHORED``
    or ``bounded.SHARES``; None when it was diffed in one piece)."""
    backend = resolve_backend(options.backend)
    if old == new:
        return ((Span(Op.EQUAL, old, old),) if old else ()), None
    a, b = _Side(old, options), _Side(new, options)
    enc_a, enc_b = _encode(a, b)
    if backend is Backend.CPP and _fast.CHAR_WIDTH == 2 and max(enc_a + enc_b, default="\0") > "\uffff":
        backend = Backend.PYTHON   # 2-byte wchar_t builds reject astral characters
    ops, how = bounded_ops(enc_a, enc_b, _ops_cpp if backend is Backend.CPP else _ops_python)
    runs = regions(ops)
    slide(runs, a, b)
    return _assemble(fold(runs, a), a, b), how


# ----------------------------------------------------------------------------- sides and units


class _Side:
    """One text: its tokens, their offsets, keys, significant tokens and units."""

    __slots__ = ("text", "tokens", "off", "keys", "sig", "starts", "unit_keys")

    def __init__(self, text: str, options: CompareOptions):
        self.text = text
        # Cached: classify() reads the same texts right after (never modified here).
        self.tokens, self.off = tokens, off = tokenized(text)
        self.keys = keys = _keys(text, tokens, off, options)
        # Indices of the significant tokens (all of them unless an ignore option
        # is on: a range then, not a list, as it is only indexed and sliced).
        self.sig = range(len(tokens)) if keys is tokens else \
            [i for i, k in enumerate(keys) if k is not None]
        self.starts: Sequence[int] = ()   # unit u covers sig[starts[u]:starts[u + 1]]
        self.unit_keys: list = []         # the key of each unit (see _encode)

    def unit_token(self, u: int, last: bool = False) -> str:
        """First (or last) significant token of unit ``u``."""
        k = self.starts[u + 1] - 1 if last else self.starts[u]
        return self.tokens[self.sig[k]]

    def unit_tokens(self, u0: int, u1: int) -> list[str]:
        if isinstance(self.sig, range) and isinstance(self.starts, range):
            return self.tokens[u0:u1]     # every token is a unit
        return [self.tokens[i] for i in self.sig[self.starts[u0]:self.starts[u1]]]

    # Character offsets of gap k (the ignorable tokens before significant token k).
    def gap_start(self, k: int) -> int:
        return self.off[self.sig[k - 1] + 1] if k > 0 else 0

    def gap_end(self, k: int) -> int:
        return self.off[self.sig[k]] if k < len(self.sig) else len(self.text)


def _keys(text: str, tokens: list[str], off: list[int], options: CompareOptions) -> list:
    ic, ip, iw, inum = (options.ignore_case, options.ignore_punctuation,
                        options.ignore_whitespace, options.ignore_numbering)
    if not (ic or ip or iw or inum):
        return tokens
    labels = label_spans(text) if inum else []
    keys: list[str | None] = []
    li = 0
    for i, t in enumerate(tokens):
        start = off[i]
        while li < len(labels) and labels[li][1] <= start:
            li += 1
        if li < len(labels) and labels[li][0] <= start:
            keys.append(None)                       # inside a paragraph label
        elif is_space(t):
            keys.append(None if iw else t)
        elif is_word(t):
            k = t.translate(_DROP_JOINERS) if ip else t
            keys.append(k.casefold() if ic else k)
        else:
            keys.append(None if ip else (t.casefold() if ic else t))
    return keys


def _encode(a: _Side, b: _Side) -> tuple[str, str]:
    """Map keys to code points; fill ``starts`` (token groups per unit) and
    ``unit_keys``.  Keys get code points in order of first appearance (old
    text, then new)."""
    keys_a = a.keys if isinstance(a.sig, range) else [a.keys[i] for i in a.sig]
    keys_b = b.keys if isinstance(b.sig, range) else [b.keys[i] for i in b.sig]
    distinct = dict.fromkeys(chain(keys_a, keys_b))
    if len(distinct) <= max(ALPHABET_LIMIT, 3) - 2:
        # The usual case, all in C: one unit per significant token.
        codes = dict(zip(distinct, _FIRST_CODES if len(distinct) <= len(_FIRST_CODES) else
                         map(chr, chain.from_iterable(starmap(range, _ALPHABET_RANGES)))))
        for side, keys in ((a, keys_a), (b, keys_b)):
            side.starts = range(len(keys) + 1)
            side.unit_keys = keys
        return "".join(map(codes.__getitem__, keys_a)), "".join(map(codes.__getitem__, keys_b))
    return _encode_overflow(a, b)


def _encode_overflow(a: _Side, b: _Side) -> tuple[str, str]:
    """``_encode`` past the alphabet: the rest of a text becomes one unit."""
    codes: dict = {}
    ranges = iter(_ALPHABET_RANGES)
    pool: Iterator[int] = iter(())
    limit = max(ALPHABET_LIMIT, 3)

    def next_code() -> str:
        nonlocal pool
        for cp in pool:
            return chr(cp)
        pool = iter(range(*next(ranges)))
        return next_code()

    out = []
    for side, reserve in ((a, 2), (b, 1)):
        chars, starts = [], []
        keys = [side.keys[i] for i in side.sig]
        for n, key in enumerate(keys):
            c = codes.get(key)
            if c is None:
                if len(codes) >= limit - 2:
                    # Alphabet exhausted: the rest of this text is one unit,
                    # keyed by its whole key sequence (so equal tails still match).
                    rest = tuple(keys[n:])
                    c = codes.get(rest)
                    if c is None:
                        c = codes[rest] = _reserved(limit - reserve)
                    chars.append(c)
                    starts.append(n)
                    break
                c = codes[key] = next_code()
            chars.append(c)
            starts.append(n)
        starts.append(len(keys))
        side.starts = starts
        side.unit_keys = [keys[starts[u]] if starts[u + 1] - starts[u] == 1 else ("*", u)
                          for u in range(len(starts) - 1)]
        out.append("".join(chars))
    return out[0], out[1]


def _reserved(index: int) -> str:
    for lo, hi in _ALPHABET_RANGES:
        if index < hi - lo:
            return chr(lo + index)
        index -= hi - lo
    raise AssertionError("alphabet index out of range")


# ----------------------------------------------------------------------------- engines


def _ops_python(a: str, b: str) -> list[tuple[int, int]]:
    diffs = _DMP.diff_main(a, b, False)
    _DMP.diff_cleanupSemantic(diffs)
    return [(op, len(t)) for op, t in diffs]


def _ops_cpp(a: str, b: str) -> list[tuple[int, int]]:
    return [(_FAST_OPS[op], n) for op, n in
            _fast.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True)]


# ----------------------------------------------------------------------------- spans


def _assemble(regions: list[list[int]], a: _Side, b: _Side) -> tuple[Span, ...]:
    if all(isinstance(r, range) for r in (a.sig, b.sig, a.starts, b.starts)):
        return _assemble_plain(regions, a, b)
    out: list[Span] = []

    def emit(op: Op, old: str, new: str) -> None:
        if not old and not new:
            return
        if out and out[-1].op is op:
            last = out.pop()
            old, new = last.old + old, last.new + new
        out.append(Span(op, old, new))

    A, B = a.text, b.text
    if not regions:
        emit(Op.EQUAL, A, B)
        return tuple(out)
    ou = nu = 0                        # unit positions
    for i, (change, d, n) in enumerate(regions):
        os_, oe = a.starts[ou], a.starts[ou + d]     # significant-token ranges
        ns, ne = b.starts[nu], b.starts[nu + n]
        if not change:
            if i == 0:
                emit(Op.EQUAL, A[:a.gap_end(0)], B[:b.gap_end(0)])
            emit(Op.EQUAL, A[a.gap_end(os_):a.gap_start(oe)], B[b.gap_end(ns):b.gap_start(ne)])
            if i + 1 == len(regions):
                emit(Op.EQUAL, A[a.gap_start(oe):], B[b.gap_start(ne):])
        else:
            emit(Op.EQUAL, A[a.gap_start(os_):a.gap_end(os_)], B[b.gap_start(ns):b.gap_end(ns)])
            if d and n:
                emit(Op.DELETE, A[a.gap_end(os_):a.gap_start(oe)], "")
                emit(Op.INSERT, "", B[b.gap_end(ns):b.gap_start(ne)])
                emit(Op.EQUAL, A[a.gap_start(oe):a.gap_end(oe)], B[b.gap_start(ne):b.gap_end(ne)])
            elif d:   # pure deletion: the new side's gap was used as the lead
                emit(Op.DELETE, A[a.gap_end(os_):a.gap_end(oe)], "")
            else:
                emit(Op.INSERT, "", B[b.gap_end(ns):b.gap_end(ne)])
        ou += d
        nu += n
    return tuple(out)


def _assemble_plain(regions: list[list[int]], a: _Side, b: _Side) -> tuple[Span, ...]:
    """``_assemble`` when every token is a unit (no ignore option, no alphabet
    overflow): there are no gaps and unit boundaries are token offsets.  Regions
    alternate (equal, change, equal ...), so no two spans have the same op."""
    A, B, oa, ob = a.text, b.text, a.off, b.off
    out: list[Span] = []
    append = out.append
    ou = nu = 0
    for change, d, n in regions:
        if not change:
            append(Span(Op.EQUAL, A[oa[ou]:oa[ou + d]], B[ob[nu]:ob[nu + n]]))
        else:
            if d:
                append(Span(Op.DELETE, A[oa[ou]:oa[ou + d]], ""))
            if n:
                append(Span(Op.INSERT, "", B[ob[nu]:ob[nu + n]]))
        ou += d
        nu += n
    if not regions and (A or B):
        append(Span(Op.EQUAL, A, B))
    return tuple(out)
