"""Editorial changes: which normalisations make two texts equal.

In: the old and new text of one change (labels already cut out, see
``strip_labels``).  Out: ``editorial_kinds(old, new)``, the smallest set of
normalisations that makes them equal, or None when none does (the change is
substantive; ``diffing.substantive`` reads it).  The normalisations, applied
in this order: whitespace removed, quote style unified (``\\`\\```, ``''``,
curly and straight quotes), case folded, spelling variants keyed
(``lexicon.spelling_key``), punctuation removed.

Also here, for ``classify``: ``strip_labels`` (paragraph labels inside a change
are NUMBERING, not text) and ``ws_name`` (whitespace made readable in a detail).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations, groupby

from travaux.diffing.classify.lexicon import spelling_key
from travaux.diffing.model import ChangeKind
from travaux.diffing.words.tokens import strip_punct


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'"})
_WORD_RE = re.compile(r"[^\W_][\w'’\-‐‑]*")


def _no_space(s: str) -> str:
    return "".join(s.split())


def _quotes(s: str) -> str:
    return s.replace("``", '"').replace("''", '"').translate(_QUOTES)


def _spelling(s: str) -> str:
    return _WORD_RE.sub(_spelling_of_match, s)


def _spelling_of_match(m: re.Match) -> str:
    return spelling_key(m.group())


def _no_punct(s: str) -> str:
    return strip_punct(s).replace("-", "").replace("'", "").replace("’", "")


# Applied in this order (spelling before punctuation: "co-operation" needs its hyphen).
_NORMALISERS = ((ChangeKind.WHITESPACE, _no_space), (ChangeKind.QUOTE_STYLE, _quotes),
                (ChangeKind.CAPITALISATION, str.casefold), (ChangeKind.SPELLING, _spelling),
                (ChangeKind.PUNCTUATION, _no_punct))
_ALL = tuple(k for k, _ in _NORMALISERS)
#: Every subset of the normalisations, smallest first (ties in _NORMALISERS order).
_SUBSETS = tuple(subset for size in range(1, len(_ALL) + 1) for subset in combinations(_ALL, size))


def _apply(s: str, subset) -> str:
    for kind, f in _NORMALISERS:
        if kind in subset:
            s = f(s)
    return s


@lru_cache(maxsize=1 << 14)
def _normal_form(s: str) -> str:
    """``s`` under every normalisation (cached: the same words change often)."""
    return _apply(s, _ALL)


def editorial_kinds(old: str, new: str) -> tuple[ChangeKind, ...] | None:
    """The smallest set of normalisations that makes ``old`` equal ``new``
    (ties broken by the order of ``_NORMALISERS``); None if there is none."""
    if old == new:
        return ()
    if _normal_form(old) != _normal_form(new):
        return None            # the usual case: a substantive change
    for subset in _SUBSETS:
        if _apply(old, subset) == _apply(new, subset):
            return subset
    return None   # pragma: no cover - the full set matched above


_WS_NAMES = {" ": "space", "\u00a0": "no-break space", "\n": "line break", "\t": "tab",
             "\u202f": "narrow no-break space", "\u2009": "thin space", "\r": "carriage return"}


def ws_name(s: str) -> str:
    """'2 × space', 'no-break space', 'none': whitespace made readable in a detail."""
    parts = []
    for ch, run in groupby(s):
        n, name = len(list(run)), _WS_NAMES.get(ch, f"U+{ord(ch):04X}")
        parts.append(name if n == 1 else f"{n} × {name}")
    return " + ".join(parts) or "none"


def strip_labels(text: str, a: int, b: int, labels) -> tuple[str, str]:
    """text[a:b] without the label characters in it, and the label text removed."""
    keep, lab = [], []
    pos = a
    for ls, le in labels:
        if le <= a or ls >= b:
            continue
        keep.append(text[pos:max(ls, a)])
        lab.append(text[max(ls, a):min(le, b)])
        pos = min(le, b)
    keep.append(text[pos:b])
    return "".join(keep), "".join(lab)
