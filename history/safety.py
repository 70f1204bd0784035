"""Turning user text into safe names, and checking what users give us.

In: free text from users and documents (labels, dates, citations).  Out: names
that can never act as a git option, a revision expression or a path outside the
history: provision file ids (``[a-z0-9-]`` slugs), tag names (``git
check-ref-format`` rules, never starting with "-"), and validated labels/dates.
Labels themselves stay free text: they live in JSON metadata and are looked up
there, never handed to git.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from travaux.diffing.errors import HistoryError
from travaux.diffing.unsafe import scrub

MAX_LABEL = 500          # characters; a label is a document symbol, not a paragraph
MAX_SLUG = 60
MAX_TAG = 80

# Words a citation starts with, shortened so file names stay readable.
_WORD_MAP = {"§": " section ", "¶": " para ", "art.": "article", "sec.": "sec"}


def slugify(text: str, fallback: str = "provision") -> str:
    """``"Article 31"`` -> ``"article-31"``; ``"§ 5a"`` -> ``"section-5a"``.

    Only ``[a-z0-9-]``, no leading/trailing "-", at most MAX_SLUG characters, so
    the result is a safe file name and never starts with "-", "." or "_" (the
    "_" prefix is reserved for _preamble/_other).
    """
    s = text
    for key, value in _WORD_MAP.items():
        s = s.replace(key, value) if not key.endswith(".") else re.sub(
            rf"(?i)\b{re.escape(key)}", value, s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("ß", "ss").lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    s = s[:MAX_SLUG].strip("-")
    return s or fallback


def unique(name: str, taken: set[str] | frozenset[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` ... whichever is not in ``taken``."""
    if name not in taken:
        return name
    k = 2
    while f"{name}-{k}" in taken:
        k += 1
    return f"{name}-{k}"


def tag_name(label: str, n: int) -> str:
    """A git tag name for a label, valid under ``git check-ref-format``.

    ``"A/AC.254/4/Rev.1"`` -> ``"A_AC.254_4_Rev.1"``.  Slashes become "_" so a
    tag never nests under another; anything outside ``[A-Za-z0-9._-]`` becomes
    "-"; "..", a leading "-" or ".", a trailing "." or ".lock" are removed.
    """
    s = unicodedata.normalize("NFKD", label)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("/", "_")
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", s)
    s = re.sub(r"\.{2,}", ".", s)
    s = re.sub(r"-{2,}", "-", s)
    s = s[:MAX_TAG]
    while True:
        before = s
        s = s.lstrip("-._").rstrip("-.")
        if s.lower().endswith(".lock"):
            s = s[: -len(".lock")]
        if s == before:
            break
    if not s or s == "@" or s.upper() == "HEAD":
        s = f"version-{n}"
    return s


def check_label(label: str) -> str:
    """The label, stripped; raises HistoryError when it cannot be a label."""
    if not isinstance(label, str) or not label.strip():
        raise HistoryError("the version label is empty; give one with --label, "
                           'e.g. --label "A/AC.254/4/Rev.1"')
    label = label.strip()
    if len(label) > MAX_LABEL:
        raise HistoryError(f"the version label is {len(label)} characters long; "
                           f"keep it under {MAX_LABEL} (put longer text in --note)")
    if any(unicodedata.category(ch) == "Cc" for ch in label):
        raise HistoryError("the version label contains a line break or control character; "
                           "give it on one line")
    if any(ch in _INVISIBLE for ch in label):
        raise HistoryError("the version label contains a bidirectional control character "
                           "(U+202A-U+202E, U+2066-U+2069) that would make it display in "
                           "another order; remove it")
    return label


def check_date(date: str) -> str:
    """An ISO date YYYY-MM-DD (validated as a real calendar day)."""
    text = (date or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise HistoryError(f"date {date!r} is not of the form YYYY-MM-DD, e.g. 1999-03-01")
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        raise HistoryError(f"date {date!r} is not a calendar day; check month and day") from None
    return text


def check_text(value: str, what: str, limit: int = 10_000) -> str:
    """Free text for --body/--note: printable text and line breaks, bounded in size.

    NUL and other control characters are refused: a NUL makes the commit
    unreadable to ``git fsck --strict``, and ESC sequences would reach the
    terminal of whoever runs ``log``.
    """
    value = (value or "").strip()
    if len(value) > limit:
        raise HistoryError(f"the {what} is {len(value)} characters long; keep it under {limit}")
    for i, ch in enumerate(value):
        if ch not in "\t\n" and unicodedata.category(ch) == "Cc":
            name = "NUL" if ch == "\0" else f"U+{ord(ch):04X}"
            raise HistoryError(f"the {what} contains a control character ({name} at character "
                               f"{i + 1}); remove it")
    return value


# Bidirectional overrides and isolates: they make text display in another order
# than it is stored ("v2 \u202eevil" reads "v2 live").
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def git_timestamp(date: str) -> int:
    """Seconds since the epoch for noon UTC of ``date`` (clamped to 1970-01-02:
    git cannot record earlier dates; the true date stays in the metadata)."""
    day = _dt.date.fromisoformat(date)
    moment = _dt.datetime(day.year, day.month, day.day, 12, tzinfo=_dt.timezone.utc)
    return max(int(moment.timestamp()), 86_400 + 12 * 3600)


def ident(name: str) -> str:
    """A name usable in a git author line: no <, >, newlines; bounded."""
    name = re.sub(r"[<>\t\n]+", " ", scrub(name or "", " "))
    name = re.sub(r"\s+", " ", name).strip()[:200]
    return name or "travaux"
