"""PDF -> text laid out as printed, plus the layout artefacts and footnotes found.

In: the raw bytes of a PDF with a text layer and the file name for messages.
Out: ``(text, meta, layout)``: the text the segmenter parses, the
``DocumentMeta`` fields the file states, and a ``Layout`` (model) holding the
pieces of that text the page layout shows to be furniture (running heads,
page numbers, margin line numbers, footnote markers) and the footnote entries
printed at page bottoms, all as offsets into the text.

Reading (pypdfium2, Apache-2.0/BSD): pdfium's text page gives each page's
characters in content order, broken into fragments where the baseline moves;
per fragment we ask for the baseline, the box of its first and last character
(height = font size), and for digit runs their baseline (a raised digit is a
footnote marker).  Fragments on one baseline are joined into printed lines.

Layout, decided per document:

* page furniture: lines in the top or bottom band of the page whose text
  (digits ignored) repeats on many pages, or which are a bare page number;
* margin line numbers (GPO bill prints): a 1-2 digit fragment left of the
  text column at a line's baseline; written after its line, an artefact;
* footnotes: the run of lines at the bottom of the body, in a smaller font
  than the body text, starting with a footnote label ("(1)", "1", "*");
  written after the body of the page, each entry a ``Layout`` note;
* paragraph breaks: a blank line where the vertical gap, the indentation
  (first-line indent or a hanging label), a short last line ending a sentence
  or a change of font size says a new paragraph starts.

As in pdftotext output, a page ends with a newline and the next one starts
with "\\f".  Every character of the text layer is written out once (nothing is
dropped: removed pieces are artefacts); pdfium's marker for a hyphen at a line
end (U+FFFE) is written as the "-" printed there.
"""

from __future__ import annotations

import ctypes
import math
import re

from travaux.diffing.errors import InputError
from travaux.diffing.model import Layout
from travaux.diffing.read.layout import Frag, Line, lay_out

_LINE_NO = re.compile(r"\d{1,2}")


# --------------------------------------------------------------------------- reading


class _Page:
    """One page's fragments, read through pdfium's text API (a few calls per fragment)."""

    def __init__(self, page, raw_module):
        self.width, self.height = page.get_size()
        self.frags: list[Frag] = []
        tp = page.get_textpage()
        try:
            self._read(tp, raw_module)
        finally:
            tp.close()

    def _read(self, tp, R) -> None:
        raw = tp.raw
        text = tp.get_text_range()
        n = R.FPDFText_CountChars(raw)
        if len(text) != n:           # surrogate pairs: fall back to one fragment per line
            text = text[:n]
        x, y = ctypes.c_double(), ctypes.c_double()
        rect = R.FS_RECTF()

        def origin(k: int) -> tuple[float, float]:
            R.FPDFText_GetCharOrigin(raw, k, x, y)
            return x.value, y.value

        matrix = R.FS_MATRIX()

        def font_size(k: int) -> float:
            # the size the glyph is drawn at: font size times the text matrix's vertical scale
            if not R.FPDFText_GetMatrix(raw, k, matrix):
                return 0.0
            return R.FPDFText_GetFontSize(raw, k) * math.hypot(matrix.c, matrix.d)

        def box(k: int) -> tuple[float, float, float]:
            R.FPDFText_GetLooseCharBox(raw, k, rect)
            return rect.left, rect.right, rect.top - rect.bottom

        # pdfium writes U+FFFE for a hyphen that ends a line and goes on without a break
        pieces = re.split(r"\r\n|(?<=\ufffe)", text)
        pos = 0
        for piece in pieces:
            start = pos
            pos += len(piece) + (0 if piece.endswith("\ufffe") else 2)
            body = piece.rstrip()
            if not body.strip():
                continue
            lead = len(body) - len(body.lstrip())
            k0, k1 = start + lead, start + len(body) - 1
            if k1 >= n:
                k1 = n - 1
            ox, oy = origin(k0)
            x0, _, size = box(k0)
            _, x1, size1 = box(k1)
            letter = _LETTER.search(body, lead)
            if letter:          # the font size of a letter ("(1) OJ ...": not of the bracket)
                size = font_size(start + letter.start()) or size
            if k1 > k0:
                _, oy1 = origin(k1)
                if oy - oy1 > 0.2 * size1:     # starts with a raised marker: the baseline is later
                    oy, size = oy1, max(size, size1)
            frag = Frag(body.lstrip().replace("\ufffe", "-"), min(ox, x0), x1, oy, size)
            if _SPACED.fullmatch(frag.text):
                frag.text = _unspace(frag.text, k0, box, size)
                self.frags.append(frag)
                continue
            num = _NUMBERED.match(frag.text)
            if num:                  # "5 For necessary ...": where the text after a margin number starts
                frag.text_x = origin(k0 + num.end())[0]
            def raised(k: int) -> bool:
                return origin(k)[1] - oy > 0.2 * size and box(k)[2] < 0.85 * size

            for m in re.finditer(r"\d+", frag.text):
                if m.start() == 0 and len(frag.text) == m.end():
                    continue        # a fragment of its own: judged by its baseline later
                if m.start() == 0 and frag.text[m.end():m.end() + 1].isalpha():
                    continue        # "118TH": the letters are raised, not the number
                # the raised tail of the run: "2020/182840" ends with the marker "40"
                s0 = m.end()
                while s0 > max(m.start(), m.end() - 3) and raised(k0 + s0 - 1):
                    s0 -= 1
                if s0 < m.end():
                    frag.sups.append((s0, m.end()))
            # French "n°", "1°" printed as a raised "o": write the degree sign the reader sees
            for m in _RAISED_O.finditer(frag.text):
                if raised(k0 + m.start()):
                    frag.text = frag.text[:m.start()] + "°" + frag.text[m.end():]
            self.frags.append(frag)


def _open(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise InputError(f"{name} is an encrypted PDF; remove the password "
                             "(print to a new PDF) or pass a .txt") from None
        raise InputError(f"{name} is a damaged or unreadable PDF ({exc}); "
                         "re-export it or pass a .txt") from None


def read_pdf(data: bytes, name: str) -> tuple[str, dict[str, str], Layout]:
    import pypdfium2.raw as R

    doc = _open(data, name)
    try:
        if len(doc) == 0:
            raise InputError(f"{name} has no pages; re-export it or pass a .txt")
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            try:
                pages.append(_Page(page, R))
            finally:
                page.close()
    except InputError:
        raise
    except Exception as exc:     # pdfium raises on damaged pages
        raise InputError(f"{name} is a damaged or unreadable PDF ({type(exc).__name__}); "
                         "re-export it or pass a .txt") from None
    finally:
        doc.close()
    if not any(p.frags for p in pages):
        raise InputError(f"{name} has no text layer (scanned image?); run OCR first or pass a .txt")
    text, layout = lay_out([_lines(p) for p in pages], [(p.width, p.height) for p in pages])
    # Title and language are read from the text by the segmenter: the Info dictionary and
    # /Lang of real PDFs hold a producer's name ("Publications Office") or a wrong language.
    return text, {}, layout


# --------------------------------------------------------------------------- lines


def _lines(page: _Page) -> list[Line]:
    """Fragments joined into printed lines (one baseline, left to right), in content order."""
    lines: list[Line] = []
    for f in page.frags:
        cur = lines[-1] if lines else None
        if cur is not None and f.x0 >= cur.x1 - 2 and abs(f.y - cur.y) < 0.55 * max(cur.size, 1.0) \
                and f.x0 - cur.x1 < 6 * max(cur.size, 1.0):
            raised = f.y - cur.y > 0.2 * cur.size and _NOTE_DIGITS.fullmatch(f.text.strip())
            if raised:
                f.sups.append((0, len(f.text)))
            if f.x0 - cur.x1 > 0.15 * cur.size and not cur.text.endswith(" ") and not raised:
                f.text = " " + f.text
            cur.frags.append(f)
            cur.x1 = max(cur.x1, f.x1)
            if not raised and f.size > cur.size and abs(f.y - cur.y) < 0.1 * cur.size:
                cur.size = f.size
            continue
        if cur is not None and f.x1 < cur.x0 and abs(f.y - cur.y) < 0.3 * max(cur.size, 1.0) \
                and _LINE_NO.fullmatch(f.text.strip()) and cur.lineno is None:
            cur.lineno = f           # a margin number written after its line (rare order)
            continue
        lines.append(Line([f], f.x0, f.x1, f.y, f.size))
    # GPO: "5 For necessary..." — a margin number heading the line, left of its text
    # (kept only if the page's numbers count 1, 2, 3...: ``layout`` decides)
    for ln in lines:
        first = ln.frags[0]
        m = _NUMBERED.match(first.text)
        if m and ln.lineno is None and first.text_x - first.x0 > 1.2 * first.size:
            ln.lineno = Frag(m[1], first.x0, first.x0, first.y, first.size)
            first.text = first.text[m.end():]
            first.sups = [(a - m.end(), b - m.end()) for a, b in first.sups if a >= m.end()]
            first.x0 = ln.x0 = first.text_x
    return lines


#: letter-spaced text as pdfium gives it: "O l a f S c h o l z" (one space after each glyph)
_SPACED = re.compile(r"(?:\S ){5,}\S")


def _unspace(text: str, k0: int, box, size: float) -> str:
    """ "O l a f S c h o l z" -> "Olaf Scholz": the gaps between the glyphs say where the
    words end (a word gap is wider than the letter spacing by about a space)."""
    glyphs = [(k0 + i, c) for i, c in enumerate(text) if c != " "]
    edges = [box(k)[:2] for k, _ in glyphs]
    gaps = [edges[i + 1][0] - edges[i][1] for i in range(len(edges) - 1)]
    letter = sorted(gaps)[len(gaps) // 4]
    if letter > 0.22 * size:        # spaces as wide as a word gap: real one-letter words
        return text
    out = [glyphs[0][1]]
    for gap, (_, c) in zip(gaps, glyphs[1:]):
        if gap > letter + 0.2 * size:
            out.append(" ")
        out.append(c)
    return "".join(out)


_RAISED_O = re.compile(r"(?<=\d)o\b|(?<=\bn)o\b|(?<=\bN)o\b")
_LETTER = re.compile(r"[^\W\d_]")
_NUMBERED = re.compile(r"(\d{1,2}) (?=\S)")


_NOTE_DIGITS = re.compile(r"\(?\d{1,3}\)?|[*†‡]")


__all__ = ["read_pdf"]
