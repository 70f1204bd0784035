"""Similarity that survives rewording: stemmed terms, their cosine and phrase coverage.

In: normalised block texts (``similarity.normalize``) and a language code.
Out: stem lists and scores in 0..1:
- ``cosine(a, b)``: cosine of the stem counts, function words left out — two
  paragraphs that say the same thing in other words ("the Commission may
  designate" / "designation by the Commission") keep most of their stems;
- ``coverage(part, whole)``: share of the words of ``part`` that sit inside a
  run of three stems also found in ``whole`` — a piece of a split paragraph is
  covered by its source, a merely similar paragraph is not (single shared words
  do not count, phrases do).

Stemming: the Snowball stemmers of PyStemmer (MIT/BSD) for the document's
language; an unknown language falls back to a crude suffix cut, so that the
scores still work (less well) on any text.  Each distinct word is stemmed once
(a cache shared by both documents).
"""

from __future__ import annotations

import math
from collections import Counter

try:
    import Stemmer as _pystemmer
except ImportError:            # pragma: no cover - the dependency is declared
    _pystemmer = None

_LANGUAGES = {"en": "english", "de": "german", "es": "spanish", "fr": "french", "nl": "dutch",
              "it": "italian", "pt": "portuguese", "da": "danish", "sv": "swedish",
              "fi": "finnish", "ro": "romanian", "hu": "hungarian", "el": "greek",
              "ru": "russian", "pl": "polish"}

#: Function words that every paragraph shares (left out of the cosine only).
_FUNCTION = frozenset("""
the of and to in a an or for by with as on at that be such any other which its their this
these those is are was were shall may not from it has have been into under all where when
de la le les des du et en un une que qui dans pour par sur est au aux
el los las y del con por para se su sus lo al que una
der die das und den dem des ein eine einer eines zu von mit im auf für ist oder nach
het een van en te voor met op door aan zijn
""".split())

_N = 3      # phrase length of ``coverage``


class Stems:
    """Stem lists of texts in one language, each word stemmed once."""

    def __init__(self, language: str = ""):
        name = _LANGUAGES.get((language or "").lower()[:2], "english" if not language else "")
        self._stemmer = _pystemmer.Stemmer(name) if _pystemmer and name else None
        self._cache: dict[str, str] = {}

    def _stem(self, word: str) -> str:
        if self._stemmer is not None:
            return self._stemmer.stemWord(word)
        return word[:6] if len(word) > 6 else word      # crude, language-free

    def of(self, words: list[str]) -> list[str]:
        cache = self._cache
        out = []
        for w in words:
            s = cache.get(w)
            if s is None:
                s = cache[w] = self._stem(w)
            out.append(s)
        return out


def content(stems: list[str]) -> Counter:
    """Stem counts without function words (what ``cosine`` compares)."""
    return Counter(s for s in stems if s not in _FUNCTION and not s.isdigit())


def cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    num = sum(v * b.get(w, 0) for w, v in a.items())
    if not num:
        return 0.0
    return num / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def phrases(stems: list[str]) -> set[tuple[str, ...]]:
    return {tuple(stems[i:i + _N]) for i in range(len(stems) - _N + 1)}


def coverage(part: list[str], whole_phrases: set[tuple[str, ...]], whole: list[str]) -> float:
    """Share of the stems of ``part`` inside a three-stem phrase found in the whole
    (``whole_phrases = phrases(whole)``).  A part shorter than a phrase is
    covered when all its stems are in ``whole``."""
    n = len(part)
    if n < _N:
        return 1.0 if n and set(part) <= set(whole) else 0.0
    covered = [False] * n
    for i in range(n - _N + 1):
        if tuple(part[i:i + _N]) in whole_phrases:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    return sum(covered) / n


class StemCache:
    """Stems, content counts and phrases of a list of units (anything with
    ``.words``), each computed when first asked for."""

    def __init__(self, units: list, stems: Stems):
        self.units = units
        self.stems = stems
        self._s: dict[int, list[str]] = {}
        self._c: dict[int, Counter] = {}
        self._p: dict[int, set] = {}
        self._w: dict[int, set] = {}

    def s(self, p: int) -> list[str]:
        v = self._s.get(p)
        if v is None:
            v = self._s[p] = self.stems.of(self.units[p].words)
        return v

    def w(self, p: int) -> set:
        """Distinct raw words (no stemming: a cheap first test)."""
        v = self._w.get(p)
        if v is None:
            v = self._w[p] = set(self.units[p].words)
        return v

    def c(self, p: int) -> Counter:
        v = self._c.get(p)
        if v is None:
            v = self._c[p] = content(self.s(p))
        return v

    def ph(self, p: int) -> set:
        v = self._p.get(p)
        if v is None:
            v = self._p[p] = phrases(self.s(p))
        return v


class StemIndex:
    """Inverted index of the content stems of some units of one side: the few
    best candidates of a query by idf-weighted overlap, never all pairs (stems
    found in more than ``cap`` units are left out, as in ``similarity.Index``)."""

    def __init__(self, cache: StemCache, positions: list[int], cap: int = 50):
        postings: dict[str, list[int]] = {}
        for p in positions:
            for w in cache.c(p):
                postings.setdefault(w, []).append(p)
        n = max(len(positions), 1)
        self.postings = {w: ps for w, ps in postings.items() if len(ps) <= cap}
        self.idf = {w: math.log(1 + n / len(ps)) for w, ps in self.postings.items()}

    def query(self, counts: Counter, k: int) -> list[int]:
        acc: dict[int, float] = {}
        for w in counts:
            ps = self.postings.get(w)
            if ps is None:
                continue
            weight = self.idf[w]
            for p in ps:
                acc[p] = acc.get(p, 0.0) + weight
        return [p for _, p in sorted(((-v, p) for p, v in acc.items()))[:k]]
