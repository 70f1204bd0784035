"""Tokens of the word diff: words, numbers, punctuation marks and whitespace runs.

In: a ``str``.  Out: ``tokenize(text) -> list[str]`` whose concatenation is the
text, exactly (any code point, including NUL, astral characters and lone
surrogates).  The word diff only ever cuts between tokens, so a word is never
split by a mark.

What one token is:

- a **word**: letters/digits with the combining marks that follow them
  (``"e\\u0301"`` stays whole), and with internal hyphens or apostrophes
  (``co-operation``, ``State's``, ``State’s``, ``follow‐up``) -- a leading or
  trailing hyphen/apostrophe is a punctuation token of its own (``States'`` is
  ``States`` + ``'``);
- a **number** with internal separators: ``10,000``, ``7,5``, ``3.1.2``, and
  ``10 000`` only when the group separator is a no-break or thin space
  (U+00A0, U+202F, U+2009) followed by exactly three digits.  With an ordinary
  space ``10 000`` is two tokens: in legal text a plain space between numbers
  is as often a list ("Articles 5 6") as a thousands separator, and a change
  of one group still shows as a whole-token change;
- a **whitespace run** (spaces, tabs, newlines, no-break spaces together);
- anything else: **one character per token** (punctuation, symbols, ``_``).

Also here, because the ignore options and the classifier both need it:
``label_spans(text)`` finds paragraph/list labels ("(a)", "3.", "iv)", "2.1")
at the start of the text or of a line.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate

#: Characters that join two word parts into one word token.
JOINERS = "-'\u2019\u2010\u2011"
#: Separators that may sit inside a number ("10,000", "7,5", "3.1", "10\u00a0000").
_NARROW_SPACES = "\u00a0\u202f\u2009"


def _mark_ranges() -> list[tuple[int, int]]:
    """Every combining mark (Mn, Mc, Me) plus ZWNJ/ZWJ, as code point ranges:
    Python's ``\\w`` leaves them out, and a word must not be cut before the
    accent that belongs to it.  Marks live in planes 0, 1 and 14."""
    ranges: list[tuple[int, int]] = []
    for cp in (*range(0x300, 0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(cp))[0] == "M" or cp in (0x200C, 0x200D):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return ranges


def _class_body(ranges) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)


_MARK_RANGES = _mark_ranges()
_MARKS = _class_body(_MARK_RANGES)
_WCHAR = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = rf"{_WCHAR}+(?:[{re.escape(JOINERS)}]{_WCHAR}+)*"
_NUMBER = rf"\d+(?:(?:[.,]|[{_NARROW_SPACES}](?=\d{{3}}(?!\d)))\d+)+"
#: The definition above, as one regex: exact for any text.
_TOKEN_RE = re.compile(rf"{_NUMBER}|{_WORD}|\s+|.", re.DOTALL)

# The same tokens, ~2.5x faster, for text with no "_" and no astral character
# (nearly all text).  Why each difference is safe there:
# - without "_", ``\w`` is ``[^\W_]``, so a word character is one class;
# - without astral characters the astral marks can never match, and leaving
#   them out lets sre compile the class to one bitmap (astral ranges are kept
#   as a list that every non-word character is tested against, one by one);
# - a word that starts with a letter is tried first (the usual token), then
#   whitespace, then numbers and words starting with a digit or a mark, in the
#   original order: the alternatives start with disjoint characters, so the
#   first one that matches is the one the original regex takes;
# - possessive quantifiers: no token ever gives characters back (each
#   repetition is followed by a character the repeated class cannot match).
_BMP_MARKS = _class_body((a, min(b, 0xFFFF)) for a, b in _MARK_RANGES if a <= 0xFFFF)
_BWCHAR = rf"[\w{_BMP_MARKS}]"
_J = rf"[{re.escape(JOINERS)}]"
_FAST_NUMBER = rf"\d++(?:(?:[.,]|[{_NARROW_SPACES}](?=\d{{3}}(?!\d)))\d++)++"
_FAST_UNPUNCT = (rf"[^\W\d]{_BWCHAR}*+(?:{_J}{_BWCHAR}++)*+|\s++|{_FAST_NUMBER}"
                 rf"|{_BWCHAR}++(?:{_J}{_BWCHAR}++)*+")
_FAST_TOKEN_RE = re.compile(rf"{_FAST_UNPUNCT}|.", re.DOTALL)
# Words, numbers and whitespace only: ``findall`` skips exactly the characters
# the token regexes give the last alternative "." (punctuation tokens).
_UNPUNCT_RE = re.compile(rf"{_NUMBER}|{_WORD}|\s+")
_FAST_UNPUNCT_RE = re.compile(_FAST_UNPUNCT)
_WORD_START_RE = re.compile(_WCHAR)


def _plain(text: str) -> bool:
    """No "_" and no astral character: the fast regex applies.  (A str holds
    an astral character iff its UTF-16 form is longer than two bytes per
    character; encoding is a C loop, ~3x cheaper than a regex search.)"""
    return "_" not in text and (text.isascii() or
                                len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text))


#: A paragraph/list label at the start of the text or of a line: "(a)", "(12)",
#: "(iv)", "a)", "a.", "3.", "3)", "2.1", "2.1.", "iv.".  It must be followed by
#: whitespace or the end, so "3.5 million" or "a.m." are not labels.
LABEL_RE = re.compile(
    r"^[ \t\u00a0]*(\((?:\d+[a-z]?|[a-z]{1,2}|[A-Z]|[ivxlc]+|[IVXLC]+)\)"
    r"|\d+(?:\.\d+)+\.?|\d+[.)]|[a-zA-Z][.)]|[ivxlc]+[.)]|[IVXLC]+[.)])(?=\s|$)",
    re.MULTILINE)   # case-sensitive: "(EU)" is not a label, "(aa)" and "(A)" are


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens; ``"".join(tokenize(t)) == t`` always."""
    return (_FAST_TOKEN_RE if _plain(text) else _TOKEN_RE).findall(text)


def token_pattern(text: str) -> re.Pattern:
    """The regex ``tokenize`` uses on ``text`` (also right on any slice of it):
    ``token_pattern(t).finditer(t, start, end)`` are the tokens of
    ``t[start:end]``, without slicing, as the regexes have no anchors or lookbehind."""
    return _FAST_TOKEN_RE if _plain(text) else _TOKEN_RE


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(token, start, end) for each token of ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    found = token_pattern(text).findall(text, start, end)
    off = list(accumulate(map(len, found), initial=start))
    return list(zip(found, off, off[1:]))


#: tokenized(): the last few texts tokenised, with their token offsets.
_CACHE: dict[str, tuple[list[str], list[int]]] = {}
_CACHE_SIZE = 32


def tokenized(text: str) -> tuple[list[str], list[int]]:
    """``(tokenize(text), offsets)``: ``offsets[i]`` is where token i starts,
    ``offsets[-1] == len(text)``.  The last few texts are kept, because
    ``word_diff`` tokenises a pair and ``classify`` reads the same two texts
    right after.  Callers must not modify the lists."""
    hit = _CACHE.get(text)
    if hit is None:
        tokens = tokenize(text)
        hit = (tokens, list(accumulate(map(len, tokens), initial=0)))
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()       # simpler than LRU, and a pair's texts are read together
        _CACHE[text] = hit
    return hit


def strip_punct(text: str) -> str:
    """``text`` without its punctuation tokens (those neither space nor word)."""
    return "".join((_FAST_UNPUNCT_RE if _plain(text) else _UNPUNCT_RE).findall(text))


def is_space(token: str) -> bool:
    return token[:1].isspace()


def is_word(token: str) -> bool:
    """Words and numbers (a token that starts with a letter, digit or mark)."""
    return _WORD_START_RE.match(token) is not None


def is_punct(token: str) -> bool:
    return bool(token) and not is_space(token) and not is_word(token)


def label_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph/list label at the start of the text or of
    a line.  Label boundaries fall on token boundaries of ``tokenize(text)``."""
    if "\n" not in text:      # one line (most paragraphs): only position 0 can match
        m = LABEL_RE.match(text)
        return [m.span(1)] if m else []
    return [m.span(1) for m in LABEL_RE.finditer(text)]
