"""Label grammar of legal texts: what a paragraph or heading label looks like.

In: a line of (masked) text.  Out: a ``Label`` (the label's span, its style and
ordinal value, its normalised form) or a ``Heading`` (article, division,
numbered chapter) recognised at the start of the line, or ``None``.

Styles are the numbering families that nest inside each other ("1." > "(a)" >
"(i)").  ``ordinal`` and ``is_next`` let callers check that a candidate label
continues a sequence, which is what tells a real paragraph start from
"article 32, paragraph 3," in running text.  The roman/letter ambiguity of
"(i)", "(v)", "(x)" is decided by ``resolve_style`` from the previous sibling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from travaux.diffing.model import BlockKind

# --------------------------------------------------------------------------- ordinals

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^(?=[ivxlc])m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")


def is_roman(token: str) -> bool:
    return bool(token) and bool(_ROMAN_RE.match(token.lower()))


def roman_value(token: str) -> int:
    total, prev = 0, 0
    for ch in reversed(token.lower()):
        v = _ROMAN.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def letter_value(token: str) -> int:
    """a=1 .. z=26, aa=27 (German "aa)"), bb=28 ..."""
    t = token.lower()
    if len(t) == 1:
        return ord(t) - 96
    if len(t) == 2 and t[0] == t[1]:
        return 26 + ord(t[0]) - 96
    return 0


# --------------------------------------------------------------------------- styles

NUM_DOT = "1."      # 1.  2.
NUM_PAREN = "(1)"   # (1) 1)
LOWER = "(a)"       # (a) a) a.
LOWER2 = "(aa)"     # aa) bb)
UPPER = "(A)"       # (A)
ROMAN = "(i)"       # (i) i)
UROMAN = "(I)"      # (I)
SUPER = "sup"       # superscript footnote number

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass(frozen=True, slots=True)
class Label:
    style: str
    token: str        # "12", "a", "iv", "A"
    start: int        # span of the label in the text (incl. brackets/dot)
    end: int
    value: int        # ordinal within the style (0 when unknown)

    @property
    def norm(self) -> str:
        """The normalised label: "1." -> "1", "a)" -> "(a)"."""
        if self.style == NUM_DOT:
            return self.token
        return f"({self.token})"


_LABEL_RE = re.compile(
    r"(?:(?P<dot>\d{1,3}[a-z]?)\.(?!\d)"
    r"|\((?P<pnum>\d{1,3}[a-z]?)\)"
    r"|(?P<bnum>\d{1,3})\)"
    r"|\((?P<plow>[a-z]{1,5})\)"
    r"|(?P<blow>[a-z]{1,5})[).]"
    r"|\((?P<pup>[A-Z]{1,5})\)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
    r"(?=[\s\u00a0]|$|(?<=\))[A-Z“\"])"   # "(i)The conversion" (space lost in the source)
)


_DIGITS = re.compile(r"\d+")


def _leading_number(token: str) -> int:
    """The number a numeric label token starts with ("12a" -> 12)."""
    m = _DIGITS.match(token)
    return int(m[0]) if m else 0


def match_label(text: str, pos: int = 0, end: int | None = None) -> Label | None:
    """The numbering label at ``text[pos:]`` (no leading whitespace), if any."""
    m = _LABEL_RE.match(text, pos, len(text) if end is None else end)
    if not m:
        return None
    s, e = m.span()
    if m["dot"]:
        tok = m["dot"]
        return Label(NUM_DOT, tok, s, e, _leading_number(tok))
    if m["pnum"] or m["bnum"]:
        tok = m["pnum"] or m["bnum"]
        return Label(NUM_PAREN, tok, s, e, _leading_number(tok))
    if m["sup"]:
        tok = "".join(str(_SUPERSCRIPTS.index(c)) for c in m["sup"])
        return Label(SUPER, tok, s, e, int(tok))
    low = m["plow"] or m["blow"]
    if low:
        if len(low) == 1:
            return Label(LOWER, low, s, e, letter_value(low))
        if len(low) == 2 and low[0] == low[1] and not is_roman(low):
            return Label(LOWER2, low, s, e, letter_value(low))
        if is_roman(low):
            return Label(ROMAN, low, s, e, roman_value(low))
        return None
    up = m["pup"]
    if len(up) == 1 and up not in "IVX":
        return Label(UPPER, up, s, e, letter_value(up))
    if is_roman(up):
        return Label(UROMAN if len(up) > 1 or up in "IVX" else UPPER, up, s, e, roman_value(up))
    return None


def resolve_style(label: Label, prev_values: dict[str, int]) -> Label:
    """Decide letter or roman for one-character tokens ("i", "v", "x", "c", "I", "V").

    ``prev_values`` maps each open style to the value of its last sibling.  "(i)"
    after "(h)" is a letter; "(i)" with no letter run at "h" is roman; "(v)"
    after "(iv)" is roman, after "(u)" a letter.
    """
    tok = label.token
    for letters, romans, numerals in ((LOWER, ROMAN, "ivxlc"), (UPPER, UROMAN, "IVXLC")):
        if label.style in (letters, romans) and len(tok) == 1 and tok in numerals:
            letter, roman = letter_value(tok), roman_value(tok)
            if prev_values.get(letters) == letter - 1:
                return Label(letters, tok, label.start, label.end, letter)
            if prev_values.get(romans) == roman - 1 or tok == numerals[0]:
                return Label(romans, tok, label.start, label.end, roman)
            return Label(letters, tok, label.start, label.end, letter)
    return label


# --------------------------------------------------------------------------- headings

@dataclass(frozen=True, slots=True)
class Heading:
    kind: BlockKind
    label: str          # normalised: "Article 5", "Chapter I", "I", "1"
    start: int          # label span
    end: int
    title_start: int    # inline title span (== title_end when none)
    title_end: int


_ARTICLE_WORDS = {
    "article": "Article", "artículo": "Artículo", "articulo": "Artículo", "artikel": "Artikel",
    "art": "Art", "art.": "Art.", "§": "§", "sec.": "Sec.", "article premier": "Article",
}
_DIVISION_WORDS = {
    "part": BlockKind.PART, "título": BlockKind.PART, "titulo": BlockKind.PART, "title": BlockKind.PART,
    "libro": BlockKind.PART, "teil": BlockKind.PART, "titel": BlockKind.PART, "deel": BlockKind.PART,
    "titre": BlockKind.PART,
    "chapter": BlockKind.CHAPTER, "capítulo": BlockKind.CHAPTER, "capitulo": BlockKind.CHAPTER,
    "kapitel": BlockKind.CHAPTER, "hoofdstuk": BlockKind.CHAPTER, "chapitre": BlockKind.CHAPTER,
    "section": BlockKind.SECTION, "sección": BlockKind.SECTION, "seccion": BlockKind.SECTION,
    "abschnitt": BlockKind.SECTION, "unterabschnitt": BlockKind.SECTION, "afdeling": BlockKind.SECTION,
    "paragraaf": BlockKind.SECTION,
}
_WS = r"[^\S\n]"
_ARTICLE_RE = re.compile(
    rf"(?P<word>Article|ARTICLE|Artículo|ARTÍCULO|Articulo|Artikel|ARTIKEL|Art\.?|ART\.?|§|Sec\.|SEC\.)"
    rf"{_WS}*(?P<num>\d{{1,6}}er|\d{{1,6}}[a-z]?(?:{_WS}(?:bis|ter|quater))?|[IVXLC]{{1,7}}|premier)"
    rf"(?P<dot>\.)?(?=[\s\u00a0]|$)")
_DIVISION_RE = re.compile(
    rf"(?P<word>{'|'.join(sorted({w for w in _DIVISION_WORDS} | {w.upper() for w in _DIVISION_WORDS} | {w.capitalize() for w in _DIVISION_WORDS}, key=len, reverse=True))})"
    rf"{_WS}+(?P<num>(?:[IVXLC]{{1,7}}|\d{{1,3}})er|[IVXLC]{{1,7}}|\d{{1,3}}[a-z]?|[A-Z])(?P<dot>\.)?(?=[\s\u00a0]|$)")
_DISPOSICION_RE = re.compile(
    r"(?P<word>Disposición (?:adicional|transitoria|derogatoria|final)(?: [a-záéíóú]+)?)\.(?=\s|$)")
_ROMAN_HEAD_RE = re.compile(rf"(?P<num>[IVXLC]{{1,7}}[a-z]?)(?P<dot>\.)?(?={_WS}|$)")
_LETTER_HEAD_RE = re.compile(rf"(?P<num>[A-H])\.(?={_WS})")
#: every character a heading can start with (a cheap test before the regexes, per line)
_HEAD_FIRST = frozenset("AaSD§IVXLCBEFGH") | frozenset(w[0] for w in _DIVISION_WORDS) | \
    frozenset(w[0].upper() for w in _DIVISION_WORDS)
_SEP_RE = re.compile(rf"{_WS}*(?:[.:]|[-–—]){_WS}*|{_WS}+")


def _ordinal(num: str) -> str:
    """French first: "1er" / "Ier" (Article 1er, TITRE Ier) is number 1 / I."""
    return num[:-2] if num.endswith("er") and num[:-2] and num[-3] in "0123456789IVXLC" else num


def _title_after(line: str, pos: int) -> tuple[int, int, str]:
    """Span of an inline title after a heading label (empty span when none)."""
    m = _SEP_RE.match(line, pos)
    tpos = m.end() if m else pos
    rest = line[tpos:].rstrip()
    return tpos, tpos + len(rest), rest


def _heading_like(title: str) -> bool:
    return len(title) <= 250 and not title.endswith((",", ";")) and (not title or title[0].isupper()
                                                                     or title[0] in "“\"‘'(")


def match_heading(line: str, pos: int = 0, *, bare_roman: bool = True) -> Heading | None:
    """An article or division heading at ``line[pos:]`` (``line`` is one line).

    Accepts "Article 5", "Article 31 Prevention", "Artículo 1.  Objeto.", "§ 1 Titel",
    "CHAPTER III", "Capítulo II", "I. Introduction", "I" alone, "## I. - Die Grundrechte".
    A heading followed by running text ("Chapter I defines ...") is refused.
    """
    if pos >= len(line) or line[pos] not in _HEAD_FIRST:
        return None
    for regex, is_article in ((_ARTICLE_RE, True), (_DISPOSICION_RE, True), (_DIVISION_RE, False)):
        m = regex.match(line, pos)
        if not m:
            continue
        ts, te, title = _title_after(line, m.end())
        word = m["word"]
        # a US bill's "SEC. 103. (a) The Secretary ..., shall" runs its text in after the number
        if title and not _heading_like(title) and not (word in ("SEC.", "Sec.") and m["dot"]):
            continue
        if is_article:
            if regex is _DISPOSICION_RE:
                label = word
            else:
                w = _ARTICLE_WORDS.get(word.lower(), word)
                if w in ("Art", "Art.") and word.isupper():
                    w = word.capitalize()
                label = w + " " + _ordinal(" ".join(m["num"].split()))
                if title and w in ("§",) and title[0] in "(":
                    continue
            return Heading(BlockKind.ARTICLE, label, m.start(), m.end(), ts, te)
        kind = _DIVISION_WORDS[word.lower()]
        return Heading(kind, f"{word.capitalize()} {_ordinal(m['num'])}", m.start(), m.end(), ts, te)
    m = _ROMAN_HEAD_RE.match(line, pos)
    if m and is_roman(m["num"].rstrip("abcdefgh")):
        ts, te, title = _title_after(line, m.end())
        if m["dot"] and "–" in line[m.end():ts] and (len(title) > 80 or title.endswith((":", "."))):
            return None     # French "I. – Au début du chapitre ... :": a numbered subdivision
        if (m["dot"] and title and _heading_like(title) and not title.endswith(".")) or \
                (not title and (m["dot"] or bare_roman)):
            return Heading(BlockKind.CHAPTER, m["num"], m.start(), m.end(), ts, te)
    m = _LETTER_HEAD_RE.match(line, pos)
    if m:
        ts, te, title = _title_after(line, m.end())
        if title and _heading_like(title) and not title.endswith(".") and len(title) <= 120 \
                and len(title.split()) <= 12 and title[:1].isupper() and title[1:2].islower():
            return Heading(BlockKind.SECTION, m["num"], m.start(), m.end(), ts, te)
    return None


_MEMO_RE = re.compile(rf"(?P<num>\d{{1,2}})\.{_WS}+(?P<title>[^a-z\n]*[A-Z]{{3}}[^a-z\n]*)$")


def match_caps_heading(line: str, pos: int = 0) -> Heading | None:
    """A numbered all-capitals heading: "1. CONTEXT OF THE PROPOSAL" (a memorandum section)."""
    m = _MEMO_RE.match(line.rstrip(), pos)
    if not m:
        return None
    title = m["title"]
    if len(title) > 150 or title.endswith((",", ";", ":")) or not re.search(r"[A-Z]{2,}\W+[A-Z]{2,}", title):
        return None
    return Heading(BlockKind.SECTION, m["num"], m.start(), m.start("num") + len(m["num"]) + 1,
                   m.start("title"), m.start("title") + len(title.rstrip()))


def normalise_space(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()
