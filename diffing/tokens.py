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

#: Characters that join two word parts into one word token.
JOINERS = "-'\u2019\u2010\u2011"
#: Separators that may sit inside a number ("10,000", "7,5", "3.1", "10\u00a0000").
_NARROW_SPACES = "\u00a0\u202f\u2009"


def _mark_class() -> str:
    """A regex character class body listing every combining mark (Mn, Mc, Me)
    plus ZWNJ/ZWJ: Python's ``\\w`` leaves them out, and a word must not be
    cut before the accent that belongs to it.  Marks live in planes 0, 1 and 14."""
    ranges: list[tuple[int, int]] = []
    for cp in (*range(0x300, 0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(cp))[0] == "M" or cp in (0x200C, 0x200D):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)


_MARKS = _mark_class()
_WCHAR = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = rf"{_WCHAR}+(?:[{re.escape(JOINERS)}]{_WCHAR}+)*"
_NUMBER = rf"\d+(?:(?:[.,]|[{_NARROW_SPACES}](?=\d{{3}}(?!\d)))\d+)+"
_TOKEN_RE = re.compile(rf"{_NUMBER}|{_WORD}|\s+|.", re.DOTALL)
# Same tokens, 2-3x faster, for the common text without "_": one character
# class instead of an alternation per character.
_FAST_WCHAR = rf"[\w{_MARKS}]"
_FAST_WORD = rf"{_FAST_WCHAR}+(?:[{re.escape(JOINERS)}]{_FAST_WCHAR}+)*"
_FAST_TOKEN_RE = re.compile(rf"{_NUMBER}|{_FAST_WORD}|\s+|.", re.DOTALL)
_WORD_START_RE = re.compile(_WCHAR)

#: A paragraph/list label at the start of the text or of a line: "(a)", "(12)",
#: "(iv)", "a)", "a.", "3.", "3)", "2.1", "2.1.", "iv.".  It must be followed by
#: whitespace or the end, so "3.5 million" or "a.m." are not labels.
LABEL_RE = re.compile(
    r"^[ \t\u00a0]*(\((?:\d+[a-z]?|[a-z]{1,2}|[A-Z]|[ivxlc]+|[IVXLC]+)\)"
    r"|\d+(?:\.\d+)+\.?|\d+[.)]|[a-zA-Z][.)]|[ivxlc]+[.)]|[IVXLC]+[.)])(?=\s|$)",
    re.MULTILINE)   # case-sensitive: "(EU)" is not a label, "(aa)" and "(A)" are


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens; ``"".join(tokenize(t)) == t`` always."""
    return (_TOKEN_RE if "_" in text else _FAST_TOKEN_RE).findall(text)


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
    return [m.span(1) for m in LABEL_RE.finditer(text)]
