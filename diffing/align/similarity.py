"""Similarity of block texts: normalisation, anchor keys, a sparse candidate index, scores.

In: plain strings (block texts, provision contents).  Out: normalised strings,
exact-match keys, top-k candidate lists and scores in 0..1.  Nothing here knows
about documents; ``diffing.align`` decides what the texts are.

Why a hand-rolled index: comparing every paragraph with every other one is
quadratic (measured: at 1M words, 28k x 28k = 792M pairs, every scorer tried
needed from 24 s to ~10 min).  An inverted index of word shingles, with
the commonest shingles left out, gives each block a handful of candidates at a
cost close to linear in the document length; only those candidates are scored
with rapidfuzz.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00a0": " ", "\u2013": "-", "\u2014": "-"})
_DIGITS = re.compile(r"\d+")
_ANY_DIGIT = re.compile(r"\d")
#: Shingles found in more than this many blocks say nothing about which block
#: is which ("shall", "of the"): they are left out of the index.  A constant,
#: not a share: a query then costs at most (shingles x cap), whatever the size.
_DF_CAP = 50
_SAME_NEXT = re.compile(r"(?=(.)\1)", re.S)


def normalize(text: str) -> str:
    """Case-folded words joined by one space: punctuation, quote styles and
    whitespace do not make two blocks different for alignment purposes."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = text.casefold()
    return " ".join(_WORD.findall(text))


_NOT_WORD_OR_NL = re.compile(r"[^\w\n]+")
_ASCII_NOT_WORD = {c: " " for c in range(128) if not re.match(r"[\w\n]", chr(c))}
_DIGIT_TO_HASH = {c: "#" for c in range(ord("0"), ord("9") + 1)}
_HASHES = re.compile(r"#+")       # "#" is never in a normalised text: only blanked digits


def normalize_all(texts: list[str]) -> tuple[list[str], list[list[str]], list[str]]:
    """``normalize``, ``words`` and ``anchor_key`` of every text, in a few passes
    over the joined texts (one call instead of three per block: the per-call
    overhead dominated on documents of tens of thousands of blocks).
    Returns (normalised texts, their words, their anchor keys)."""
    big = "\n".join(texts)
    if big.count("\n") == len(texts) - 1 and big.isascii():
        # ASCII \w is [A-Za-z0-9_]: a translation table beats the regex 3:1
        toks = [p.split() for p in big.translate(_ASCII_NOT_WORD).lower().split("\n")]
        norms = [" ".join(t) for t in toks]
        joined = "\n".join(norms)
        hashed = joined.translate(_DIGIT_TO_HASH)
        if hashed == joined:
            return norms, toks, norms
        keys = [_HASHES.sub("#", k) if "#" in k else k for k in hashed.split("\n")]
        return norms, toks, keys
    if big.isascii() or big.count("\n") != len(texts) - 1:
        norms = [normalize(t) for t in texts]        # a text holds a line break
    else:
        big = unicodedata.normalize("NFKC", big).translate(_QUOTES)
        if big.count("\n") == len(texts) - 1:
            norms = [p.strip() for p in _NOT_WORD_OR_NL.sub(" ", big.casefold()).split("\n")]
        else:
            norms = [normalize(t) for t in texts]
    return norms, [n.split() for n in norms], [anchor_key(n) for n in norms]


def anchor_key(normalized: str) -> str:
    """Key for exact anchoring: the normalised text with numbers blanked, so that
    a paragraph whose cross-references were renumbered still anchors."""
    return _DIGITS.sub("#", normalized) if _ANY_DIGIT.search(normalized) else normalized


def words(normalized: str) -> list[str]:
    return normalized.split()


def shingles(wstr: str, sample: int = 1) -> set[str]:
    """Word bigrams of a ``Vocabulary``-encoded text (and the single word of a
    one-word block): more telling than single words in legal text, where every
    block says "shall" and "States".  ``sample`` > 1 keeps one bigram in
    ``sample`` chosen by value (the same bigrams in both documents, like a
    MinHash sketch), to index long provisions cheaply."""
    if len(wstr) < 2:
        return {wstr} if wstr else set()
    if sample > 1 and 32 % sample == 0:
        # 31 = -1 (mod sample): the kept bigrams are those whose two codes are
        # equal modulo ``sample``; found by a regex over the residues, not a loop
        res = wstr.translate({c: c % sample for c in map(ord, set(wstr))})
        kept = {wstr[m.start():m.start() + 2] for m in _SAME_NEXT.finditer(res)}
        return kept or set(map(str.__add__, wstr, wstr[1:]))
    grams = set(map(str.__add__, wstr, wstr[1:]))
    if sample > 1:
        grams = {g for g in grams if (ord(g[0]) * 31 + ord(g[1])) % sample == 0} or grams
    return grams


def ratio(a: str, b: str) -> float:
    """Character-level similarity of two normalised strings (rapidfuzz Indel)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b) / 100.0


class Vocabulary:
    """Words -> single characters, shared by both documents, so that a word-level
    edit distance runs on plain strings (rapidfuzz is fastest on str)."""

    def __init__(self):
        self.codes: dict[str, str] = {}

    def learn(self, tokens) -> None:
        """Give codes to the unknown words of ``tokens`` in order of first use."""
        codes = self.codes
        for t in dict.fromkeys(tokens):         # distinct words, in order: C speed
            if t in codes:
                continue
            n = len(codes) + 0x100
            codes[t] = chr(n if n < 0xD800 else n + 0x800)   # skip surrogates

    def encode(self, tokens: list[str]) -> str:
        self.learn(tokens)
        return "".join(map(self.codes.__getitem__, tokens))


def blend(a_norm: str, b_norm: str, a_w: str, b_w: str, cutoff: float = 0.0) -> float:
    """Paragraph similarity: mean of the character ratio (robust to spelling
    edits) and the word ratio (robust to chance character overlap, which makes
    two unrelated short lines look 50 % alike)."""
    if a_norm == b_norm:
        return 1.0
    if not a_w or not b_w:
        return 0.0
    c = fuzz.ratio(a_norm, b_norm, score_cutoff=max(0.0, 2 * cutoff - 1) * 100) / 100.0
    if c == 0.0:
        return 0.0
    return (c + Indel.normalized_similarity(a_w, b_w)) / 2


def containment(part: list[str], whole: list[str]) -> float:
    """Share of the words of ``part`` (as a multiset) found in ``whole``."""
    if not part:
        return 0.0
    p, w = Counter(part), Counter(whole)
    return sum(min(c, w[t]) for t, c in p.items()) / len(part)


class Index:
    """Inverted index of the shingles of a list of texts (one side).

    ``query`` returns the ids sharing the most informative shingles with the
    given shingle set, scored by a cosine of idf-weighted binary vectors.
    Ties are broken by id (determinism).
    """

    def __init__(self, items: dict[int, set[str]]):
        self.n = max(len(items), 1)
        postings: dict[str, list[int]] = defaultdict(list)
        for i in sorted(items):
            for s in items[i]:
                postings[s].append(i)
        self.postings = {s: ids for s, ids in postings.items() if len(ids) <= _DF_CAP}
        idf = {s: math.log(1 + self.n / len(ids)) for s, ids in self.postings.items()}
        self.idf2 = {s: w * w for s, w in idf.items()}
        get = self.idf2.get
        self.norm = {i: math.sqrt(sum(get(s, 0.0) for s in sh)) or 1.0 for i, sh in items.items()}

    def query(self, sh: set[str], k: int, allowed=None) -> list[tuple[float, int]]:
        acc: dict[int, float] = {}
        get = acc.get
        postings, idf2 = self.postings, self.idf2
        qn = 0.0
        for s in sh:
            ids = postings.get(s)
            if ids is None:
                continue
            w2 = idf2[s]
            qn += w2
            for i in ids:
                acc[i] = get(i, 0.0) + w2
        if not acc:
            return []
        qn = math.sqrt(qn) or 1.0
        norm = self.norm
        items = acc.items() if allowed is None else [(i, v) for i, v in acc.items() if i in allowed]
        # top k by score, ties by smallest id; a heap, not a sort of every hit
        top = heapq.nlargest(k, [(v / (qn * norm[i]), -i) for i, v in items])
        return [(v, -m) for v, m in top]


class TfIdf:
    """Unit-length tf-idf vectors (sublinear tf) of word lists, for long texts.
    Document frequencies come from all the texts at once; a vector is built
    only when asked for (most provisions anchor exactly and never need one)."""

    def __init__(self, texts: list[list[str]]):
        df: Counter[str] = Counter()
        for t in texts:
            df.update(set(t))
        n = max(len(texts), 1)
        self.idf = {w: math.log(1 + n / d) for w, d in df.items()}

    def vector(self, text: list[str]) -> dict[str, float]:
        idf = self.idf
        vec = {w: (1.0 if c == 1 else 1 + math.log(c)) * idf[w] for w, c in Counter(text).items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum([v * get(w, 0.0) for w, v in a.items()])
