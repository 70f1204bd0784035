"""Printed lines of a PDF's pages -> text with paragraph breaks, plus its ``Layout``.

In: per page, the ``Line`` records ``read.pdf`` built (text, x range, baseline,
font size, raised digit runs, margin line number) and the page sizes.  Out:
the text (pages joined as pdftotext does: "\\n\\f" between pages) and a
``Layout`` whose artefacts and footnote entries index that text.

Decisions are taken per document, from patterns repeated across pages:

* furniture: a line in the top or bottom eighth of its page that is a bare
  page number, or whose text with digits blanked recurs on a third of the
  pages (the OJ's alternating heads each recur on half);
* margin line numbers: lines of a page numbered 1, 2, 3... (GPO prints);
* footnotes: the trailing lines of a page's body set in a smaller font than
  the body text, from the first that starts with a note label;
* paragraph breaks: see ``_breaks``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from travaux.diffing.model import Artefact, ArtefactKind as K, Layout, LayoutNote

_PAGE_NO = re.compile(r"(?:-\s*)?\d{1,4}(?:\s*-)?|Page \d{1,4}(?: of \d{1,4})?|\d{1,4}\s*/\s*\d{1,4}")
#: a line of numbers only: "2/4 24-07683", "24-07683 (E) 020524", "*2407683*"
_NUMERIC = re.compile(r"[\d\s/.\-–—*]*\d[\d\s/.\-–—*]*(?:\([A-Z]\)[\d\s/.\-–—*]*)?")
_NOTE_LABEL = re.compile(r"\((\d{1,3})\)|(\d{1,3})(?=[ \t]|$)")
_LABEL_START = re.compile(r"[‘“'\"„]?(?:\(?[0-9]{1,3}[.)]|\([a-zA-Z]{1,5}\)|[a-z][.)]|[IVXLC]{1,6}\.|[A-H]\.(?=\s+\D))(?=\s)")
_DIVIDED = re.compile(r"[^\W\d_]-$")
_DIVIDED_WORD = re.compile(r"[^\W\d_]+-$")
_SENTENCE_END = re.compile(r"[.;:!?](?:\s?[»'’”\")])?\s*\Z")


@dataclass(slots=True)
class Frag:
    text: str
    x0: float
    x1: float
    y: float                     # baseline
    size: float                  # glyph box height of the first character
    sups: list[tuple[int, int]] = field(default_factory=list)   # raised digit runs (offsets in text)
    text_x: float = -1.0         # x of the text after a leading "5 " (a margin line number?)


@dataclass(slots=True)
class Line:
    frags: list[Frag]
    x0: float
    x1: float
    y: float
    size: float
    lineno: Frag | None = None
    label_x: float = -1.0        # x where the text after a leading label starts (hanging indent)

    @property
    def text(self) -> str:
        return "".join(f.text for f in self.frags)


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text, max(0, len(text) - 10)))


def _divided(text: str) -> bool:
    return bool(_DIVIDED.search(text, max(0, len(text) - 2)))


def _key(text: str) -> str:
    """A running head's key: its words in order of sorting, digits blanked, so that the
    OJ's even and odd heads ("12.10.2022 EN Official Journal ... L 265/3" and "L 265/2 EN
    Official Journal ... 12.10.2022") are one head."""
    return " ".join(sorted(re.sub(r"\d+", "#", text).split()))


def _furniture(pages: list[list[Line]], sizes: list[tuple[float, float]]) -> list[set[int]]:
    """Per page, the indices of its furniture lines."""
    cands: list[list[int]] = []
    counts: Counter[str] = Counter()
    for lines, (_, height) in zip(pages, sizes):
        band = [i for i, ln in enumerate(lines) if ln.y > height * 0.875 or ln.y < height * 0.1]
        cands.append(band)
        counts.update({_key(lines[i].text) for i in band})
    need = max(2, len(pages) // 3)
    out = []
    for lines, band in zip(pages, cands):
        chosen, repeated = set(), set()
        for i in band:
            text = lines[i].text.strip()
            k = _key(text)
            if counts[k] >= need and len(k) <= 160 and len(pages) > 1:
                repeated.add(i)
            elif _PAGE_NO.fullmatch(text) or (_NUMERIC.fullmatch(text) and not text.endswith((".", ","))):
                chosen.add(i)
        # a head of several lines: the line next to a repeated one belongs to it
        # (UN: the title over two lines, then its last line with the symbol)
        grew = True
        while grew:
            grew = False
            for i in band:
                if i not in repeated and any(abs(lines[i].y - lines[j].y) < 1.6 * lines[j].size
                                             and lines[i].size <= lines[j].size * 1.1 for j in repeated):
                    repeated.add(i)
                    grew = True
        out.append(chosen | repeated)
    return out


def _numbered(lines: list[Line], keep: list[int], strict: bool) -> bool:
    """Whether the page's margin numbers count 1, 2, 3... down the page (``strict``: and
    number most of its lines, as a GPO print's full pages do)."""
    nums = [int(n.text) for i in keep if (n := lines[i].lineno) is not None]
    if len(nums) < 2 or nums[0] > 3 or nums[-1] > 40:
        return False
    if strict:
        return all(b > a for a, b in zip(nums, nums[1:])) and len(nums) >= 0.6 * len(keep)
    return nums == list(range(1, len(nums) + 1))


def _line_numbers(lines: list[Line], keep: list[int], ok: bool) -> None:
    """Keep the page's margin numbers when ``ok``; else put the digits back into the text."""
    if ok:
        return
    for i in keep:      # not a numbered page: put the digits back into the text
        ln = lines[i]
        if ln.lineno is not None and ln.lineno.x0 <= ln.frags[0].x0:
            ln.frags[0].text = ln.lineno.text + " " + ln.frags[0].text
            ln.frags[0].x0 = ln.x0 = ln.lineno.x0
            ln.frags[0].sups = [(s + len(ln.lineno.text) + 1, e + len(ln.lineno.text) + 1)
                                for s, e in ln.frags[0].sups]
        ln.lineno = None


def _body_size(pages: list[list[Line]]) -> float:
    weights: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            weights[round(ln.size, 1)] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _notes_from(lines: list[Line], body: list[int], size: float, height: float) -> int:
    """Index into ``body`` where the page's footnotes start (len(body) if none)."""
    k = len(body)
    while k > 0 and lines[body[k - 1]].size < 0.93 * size and lines[body[k - 1]].y < height * 0.6:
        k -= 1
    for j in range(k, len(body)):
        ln = lines[body[j]]
        if _note_label(ln) is not None:
            return j
    return len(body)


def _note_label(ln: Line) -> tuple[int, int] | None:
    """(number, label length) when the line starts with a footnote label."""
    m = _NOTE_LABEL.match(ln.text)
    if not m:
        return None
    return int(m[1] or m[2]), m.end()


def _spacing(pages: list[list[Line]], size: float) -> float:
    gaps = []
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            d = a.y - b.y
            if abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and 0.8 * size < d < 2.5 * size:
                gaps.append(d)
    return statistics.median(gaps) if gaps else 1.2 * size


def _centred(ln: Line, col: tuple[float, float], size: float) -> bool:
    """A line set centred in its column (a heading), not a full justified line."""
    left, right = col
    return ln.x1 - ln.x0 < 0.8 * (right - left) and ln.x0 > left + 2 * size and \
        abs((ln.x0 + ln.x1) / 2 - (left + right) / 2) < 1.5 * size


def _breaks(lines: list[Line], idx: list[int], spacing: float, size: float,
            width: float, prev_break_first: bool) -> list[bool]:
    """For each line of ``idx`` (one page's body or notes), whether a paragraph starts there."""
    if not idx:
        return []
    words = [i for i in idx if any(c.isalnum() for c in lines[i].text)] or idx
    right = max(lines[i].x1 for i in words)
    left = min(lines[i].x0 for i in words)
    col = (left, right) if right - left > width / 3 else (width * 0.12, width * 0.88)
    out = [prev_break_first]
    starts_para = prev_break_first
    for a_i, b_i in zip(idx, idx[1:]):
        a, b = lines[a_i], lines[b_i]
        s = max(a.size, b.size, 1.0)
        gap = a.y - b.y
        brk = False
        column_jump = gap < 0 or b.x0 > a.x1
        if abs(a.size - b.size) > 0.12 * s:
            brk = True
        elif not column_jump and gap > 1.45 * spacing * (s / size):
            brk = True
        elif _centred(a, col, s) != _centred(b, col, s) and not column_jump \
                and abs(a.x0 - b.x0) > 0.8 * s:
            brk = True          # a centred heading starts or ends
        elif _centred(a, col, s) and _centred(b, col, s) and not column_jump:
            brk = False
        elif b.x0 > a.x0 + 0.8 * s and not column_jump:
            # indented: a new paragraph, unless it continues a hanging label ("(1) Digital ...")
            hanging = _LABEL_START.match(a.text) and (starts_para or b.x0 - a.x0 < 6 * s)
            brk = not hanging and not (_LABEL_START.match(a.text) and a.x0 <= left + 0.5 * s)
        elif b.x0 < a.x0 - 0.8 * s and not column_jump:
            brk = bool(_LABEL_START.match(b.text)) or not starts_para
        if not brk and _ends_sentence(a.text) and a.x1 < right - 0.25 * (right - left) \
                and not _centred(a, col, s):
            brk = True
        if not brk and column_jump and (_LABEL_START.match(b.text) and _ends_sentence(a.text)
                                        or a.x1 - a.x0 < 0.5 * (right - left)):
            brk = True          # a new column after a short line (signature blocks side by side)
        if brk and _divided(a.text) and (b.text[:1].islower() or a.text.isupper()):
            brk = False         # "INTEL-" / "LIGENCE, ...": one word across the line end
        out.append(brk)
        starts_para = brk
    return out


def _bottom(pages: list[list[Line]], furniture: list[set[int]], size: float,
            sizes: list[tuple[float, float]]) -> float:
    """The usual baseline of the last body line of a full page (pages without notes)."""
    ends = []
    for p, lines in enumerate(pages):
        body = [ln for i, ln in enumerate(lines) if i not in furniture[p]]
        if body and all(ln.size >= 0.93 * size for ln in body[-3:]):
            ends.append(min(ln.y for ln in body))
    return statistics.median(ends) if ends else 0.0


def _page_break(last: Line, first: Line, edges: tuple[float, float, bool], bottom: float,
                spacing: float) -> bool:
    """Whether the first body line of a page starts a new paragraph."""
    left, right, had_notes = edges
    ended = bool(_ends_sentence(last.text))
    s = max(last.size, first.size, 1.0)
    if abs(first.size - last.size) > 0.12 * s or _centred(first, (left, right), s):
        return True
    if not had_notes and last.y > bottom + 2.5 * spacing:
        return True         # the previous page stopped early: its last paragraph ended there
    if ended and (_LABEL_START.match(first.text) or last.x1 < right - 0.25 * (right - left)
                  or first.x1 - first.x0 < 0.5 * (right - left)):
        return True
    return False


_WORD = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_PREFIXES = frozenset("non pre self cross post anti multi quasi semi ex co".split())


def _words(pages: list[list[Line]]) -> tuple[set[str], set[str]]:
    """The words and hyphenated words of the document, leaving out the halves of words
    divided at a line end ("diversi-" / "fied" are not words)."""
    kept: list[str] = []
    divided = False
    for lines in pages:
        for ln in lines:
            text = ln.text
            if divided:
                text = _WORD.sub("", text, count=1)
            half = _DIVIDED_WORD.search(text) if _divided(text) else None
            divided = half is not None
            if half is not None:
                text = text[:half.start()]
            kept.append(text)
    text = "\n".join(kept).lower()
    compounds = {m[0] for tok in text.split() if "-" in tok for m in _COMPOUND.finditer(tok)}
    return set(_WORD.findall(text)), compounds


def _hyphen(left: str, right: str, words: tuple[set[str], set[str]]) -> str:
    """How a line ending in "-" joins the next: "soft" (a word divided: the hyphen goes),
    "compound" (a hyphenated word: the hyphen stays, no space), "" (not a divided word)."""
    if not _divided(left):
        return ""
    m = _DIVIDED_WORD.search(left, max(0, len(left) - 60))
    r = _WORD.match(right)
    if not m or not r or not (right[0].islower() or (m[0].isupper() and r[0].isupper())):
        return ""
    lw, rw = m[0][:-1].lower(), r[0].lower()
    plain, hyphenated = words
    if f"{lw}-{rw}" in hyphenated:
        return "compound"
    if lw + rw in plain:
        return "soft"
    if lw in _PREFIXES or (lw in plain and rw in plain and len(lw) > 2 and len(rw) > 2):
        return "compound"
    return "soft"


def lay_out(pages: list[list[Line]], sizes: list[tuple[float, float]]) -> tuple[str, Layout]:
    furniture = _furniture(pages, sizes)
    size = _body_size(pages)
    spacing = _spacing(pages, size)
    parts: list[str] = []
    arts: list[Artefact] = []
    notes: list[LayoutNote] = []
    pos = 0
    last_body: Line | None = None
    last_edges = (0.0, 0.0, False)
    bottom = _bottom(pages, furniture, size, sizes)
    words = _words(pages)
    numbered = sum(_numbered(lines, [i for i in range(len(lines)) if i not in furniture[p]], True)
                   for p, lines in enumerate(pages))
    gpo = numbered >= max(1, len(pages) / 2)      # a bill print: every page numbers its lines

    def emit(s: str) -> int:
        nonlocal pos
        at = pos
        parts.append(s)
        pos += len(s)
        return at

    def emit_line(ln: Line, marker_ok: bool, skip_label: int = 0) -> tuple[int, int]:
        start = pos
        off = 0
        for f in ln.frags:
            at = emit(f.text)
            for s, e in f.sups:
                if off + s < skip_label:
                    continue
                arts.append(_marker(f.text, at, s, e)) if marker_ok else None
            off += len(f.text)
        return start, pos

    for p, (lines, (width, height)) in enumerate(zip(pages, sizes)):
        if p:
            emit("\f")
        furn = furniture[p]
        body = [i for i in range(len(lines)) if i not in furn]
        _line_numbers(lines, body, _numbered(lines, body, strict=True) or
                      (gpo and _numbered(lines, body, strict=False)))
        heads = sorted((i for i in furn if lines[i].y > height / 2), key=lambda i: -lines[i].y)
        feet = sorted((i for i in furn if lines[i].y <= height / 2), key=lambda i: -lines[i].y)
        for i in heads:
            s, e = emit_line(lines[i], False)
            arts.append(_furniture_art(lines[i], parts, s, e))
            emit("\n")
        k = _notes_from(lines, body, size, height)
        text_part, note_part = body[:k], body[k:]
        first_break = True
        if text_part and last_body is not None:
            first_break = _page_break(last_body, lines[text_part[0]], last_edges, bottom,
                                      spacing)
        brk = _breaks(lines, text_part, spacing, size, width, first_break)
        for j, i in enumerate(text_part):
            if brk[j] and pos > 0:
                emit("\n")
            emit_line(lines[i], True)
            nxt = text_part[j + 1] if j + 1 < len(text_part) and not brk[j + 1] else None
            broken = _hyphen(lines[i].text, lines[nxt].text, words) if nxt is not None else ""
            if broken == "compound":
                continue        # "cross-" / "border": one word, no line break in between
            if broken == "soft":
                arts.append(Artefact(K.HYPHEN, "-", pos - 1, pos))
            emit("\n")
        if text_part:
            last_body = lines[text_part[-1]]
            last_edges = (min(lines[i].x0 for i in text_part), max(lines[i].x1 for i in text_part),
                          bool(note_part))
        entry: list[int] = []
        for j, i in enumerate(note_part):
            ln = lines[i]
            label = _note_label(ln)
            if label is not None and (not entry or label[0] == entry[0] + 1):
                if entry:
                    _close(notes, entry, parts, pos)
                emit("\n")
                s, e = emit_line(ln, False, skip_label=label[1])
                entry = [label[0], s, s + label[1]]
            else:
                emit_line(ln, False)
            nxt = note_part[j + 1] if j + 1 < len(note_part) else None
            broken = _hyphen(ln.text, lines[nxt].text, words) if nxt is not None else ""
            if broken == "compound":
                continue
            if broken == "soft":
                arts.append(Artefact(K.HYPHEN, "-", pos - 1, pos))
            emit("\n")
        if entry:
            _close(notes, entry, parts, pos)
        numbers = [n for i in body if (n := lines[i].lineno) is not None]
        for j, num in enumerate(numbers):     # margin line numbers: one line of artefacts
            at = emit(num.text)
            arts.append(Artefact(K.FURNITURE, num.text, at, pos))
            emit(" " if j + 1 < len(numbers) else "\n")
        for i in feet:
            s, e = emit_line(lines[i], False)
            arts.append(_furniture_art(lines[i], parts, s, e))
            emit("\n")
    text = "".join(parts)
    arts = _tidy(text, arts)
    return text, Layout(tuple(arts), tuple(notes))


def _close(notes: list[LayoutNote], entry: list[int], parts: list[str], pos: int) -> None:
    number, ls, le = entry
    text_end = pos
    tail = "".join(parts[-3:]) if parts else ""
    text_end -= len(tail) - len(tail.rstrip())
    body = le
    notes.append(LayoutNote(number, ls, le, body, max(body, text_end)))
    entry.clear()


def _marker(text: str, at: int, s: int, e: int) -> Artefact:
    return Artefact(K.FOOTNOTE_MARKER, text[s:e], at + s, at + e)


def _furniture_art(ln: Line, parts: list[str], s: int, e: int) -> Artefact:
    kind = K.PAGE_NUMBER if _PAGE_NO.fullmatch(ln.text.strip()) else K.RUNNING_HEAD
    return Artefact(kind, "", s, e)


def _tidy(text: str, arts: list[Artefact]) -> list[Artefact]:
    """Artefacts with their text filled in, trimmed of whitespace, sorted, disjoint; a
    marker takes the space before it ("Committee (1)," reads "Committee,")."""
    out: list[Artefact] = []
    for a in sorted(arts, key=lambda a: (a.start, -a.end)):
        s, e = a.start, a.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if a.kind is K.FOOTNOTE_MARKER:
            if s > 0 and text[s - 1] == "(" and text[e:e + 1] == ")":
                s, e = s - 1, e + 1
            if text[s] == "(" and s > 0 and text[s - 1] == " ":
                s -= 1
        if s >= e or (out and s < out[-1].end):
            continue
        out.append(Artefact(a.kind, text[s:e], s, e))
    return out


__all__ = ["Frag", "Line", "lay_out"]
