"""Word (.docx) and PDF -> plain text.

In: the raw bytes of a .docx or a PDF with a text layer, and the file name for
messages.  Out: the text and the ``DocumentMeta`` fields the file states.

docx (python-docx for the package, our own walk of the XML for the text):

* body paragraphs and table cells in document order (nested tables and content
  controls included), one paragraph per line group, blank line between;
* Word's automatic numbering (``w:numPr`` on the paragraph or its style) is
  recomputed from the numbering part and written before the text ("1.",
  "(a)", "Article 3"), so the segmenter sees the numbers the reader saw;
  bullets become "•";
* tracked changes are read as if accepted: inserted text kept, deleted text
  (``w:del``, ``w:moveFrom``) left out; comments, footnotes, headers and
  text boxes are not read.

PDF (pypdf): the text layer of each page; as in pdftotext output, a page ends
with a newline and the next one starts with "\\f", so the segmenter can find
running heads and page numbers.  A PDF whose pages have no
text is refused (scanned image); an encrypted PDF is opened only if it has an
empty user password.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from contextlib import contextmanager

from travaux.diffing.errors import InputError
from travaux.diffing.read.markup import language_code

# --------------------------------------------------------------------------- docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SKIP = {f"{{{_W}}}{t}" for t in ("del", "moveFrom", "txbxContent", "instrText", "delText",
                                   "footnoteReference", "endnoteReference", "commentReference",
                                   "pPr", "rPr")}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                          (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                          (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa... (the letter repeated)
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    return {
        "lowerLetter": lambda: _letters(n), "upperLetter": lambda: _letters(n).upper(),
        "lowerRoman": lambda: _roman(n), "upperRoman": lambda: _roman(n).upper(),
        "decimalZero": lambda: f"{n:02d}",
    }.get(fmt, lambda: str(n))()


class _Numbering:
    """Recomputes Word list numbers: counters per list instance (numId) and level."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}   # (numId, ilvl) -> fmt, text, start
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._load(numbering)
        self._load_styles(document)

    def _load(self, numbering) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.iter(_w("abstractNum")):
            levels = {}
            for lvl in an.iter(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = self._level(lvl, ("decimal", "%1.", 1))
            abstract[an.get(_w("abstractNumId"))] = levels
        for num in numbering.iter(_w("num")):
            num_id = num.get(_w("numId"))
            ref = num.find(_w("abstractNumId"))
            levels = dict(abstract.get(ref.get(_w("val")) if ref is not None else "", {}))
            for override in num.iter(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl"), "0"))
                base = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    base = self._level(lvl, base)
                start = override.find(_w("startOverride"))
                if start is not None:
                    base = (base[0], base[1], int(start.get(_w("val"), "1")))
                levels[ilvl] = base
            for ilvl, spec in levels.items():
                self.levels[(num_id, ilvl)] = spec

    @staticmethod
    def _level(lvl, base: tuple[str, str, int]) -> tuple[str, str, int]:
        fmt, text, start = base
        el = lvl.find(_w("numFmt"))
        fmt = el.get(_w("val"), fmt) if el is not None else fmt
        el = lvl.find(_w("lvlText"))
        text = el.get(_w("val"), text) if el is not None else text
        el = lvl.find(_w("start"))
        start = int(el.get(_w("val"), start)) if el is not None else start
        return fmt, text, start

    def _load_styles(self, document) -> None:
        try:
            styles = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        based: dict[str, str] = {}
        for style in styles.iter(_w("style")):
            sid = style.get(_w("styleId"))
            b = style.find(_w("basedOn"))
            if b is not None:
                based[sid] = b.get(_w("val"))
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                got = self._num_pr(num_pr)
                if got:
                    self.style_num[sid] = got
        for sid in list(based):                 # inherit numbering through basedOn (bounded)
            cur, seen = sid, set()
            while cur not in self.style_num and cur in based and cur not in seen:
                seen.add(cur)
                cur = based[cur]
            if cur in self.style_num:
                self.style_num.setdefault(sid, self.style_num[cur])

    @staticmethod
    def _num_pr(num_pr) -> tuple[str, int] | None:
        nid = num_pr.find(_w("numId"))
        ilvl = num_pr.find(_w("ilvl"))
        if nid is None:
            return None
        return nid.get(_w("val")), int(ilvl.get(_w("val"), "0")) if ilvl is not None else 0

    def label(self, p) -> str:
        """The number Word shows before paragraph ``p`` ("" if none)."""
        ppr = p.find(_w("pPr"))
        ref = None
        if ppr is not None:
            num_pr = ppr.find(_w("numPr"))
            if num_pr is not None:
                ref = self._num_pr(num_pr)
                if ref is None:     # numPr with ilvl only: level of the style's list
                    style = ppr.find(_w("pStyle"))
                    base = self.style_num.get(style.get(_w("val"))) if style is not None else None
                    ilvl = num_pr.find(_w("ilvl"))
                    if base and ilvl is not None:
                        ref = (base[0], int(ilvl.get(_w("val"), "0")))
            elif (style := ppr.find(_w("pStyle"))) is not None:
                ref = self.style_num.get(style.get(_w("val")))
        if not ref or ref[0] == "0" or (ref[0], ref[1]) not in self.levels:
            return ""
        num_id, ilvl = ref
        counts = self.counters.setdefault(num_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        fmt, text, start = self.levels[(num_id, ilvl)]
        if fmt == "none":
            return ""
        counts[ilvl] = start if counts[ilvl] == 0 else counts[ilvl] + 1
        for deeper in range(ilvl + 1, 9):       # a higher level restarts the lower ones
            counts[deeper] = 0
        if fmt == "bullet":
            return "•"

        def fill(m: re.Match) -> str:
            k = int(m[1]) - 1
            n = counts[k] or self.levels.get((num_id, k), ("decimal", "", 1))[2]
            f = self.levels.get((num_id, k), ("decimal", "", 1))[0]
            return _format_number(n, f)

        return re.sub(r"%([1-9])", fill, text).strip()


def _paragraph_text(p) -> str:
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _w("t"):
                out.append(child.text or "")
            elif tag == _w("tab"):
                out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("\u2011")
            elif tag == _w("sym"):
                ch = child.get(_w("char"), "")
                if re.fullmatch(r"[0-9A-Fa-f]{4}", ch) and not ch.upper().startswith("F0"):
                    out.append(chr(int(ch, 16)))
            else:
                walk(child)

    walk(p)
    return "\n".join(line.strip() for line in "".join(out).split("\n")).strip()


def _blocks(container, numbering: _Numbering):
    for el in container:
        if el.tag == _w("p"):
            text = _paragraph_text(el)
            label = numbering.label(el)
            if text or label:
                yield f"{label} {text}".strip() if label else text
        elif el.tag == _w("tbl"):
            for tc in el.iter(_w("tc")):
                if tc.getparent() is not None and _owner_table(tc) is el:
                    yield from _blocks(tc, numbering)
        elif el.tag in (_w("sdt"), _w("sdtContent"), _w("customXml"), _w("ins"), _w("smartTag")):
            yield from _blocks(el, numbering)


def _owner_table(tc):
    node = tc.getparent()
    while node is not None and node.tag != _w("tbl"):
        node = node.getparent()
    return node


def read_docx(data: bytes, name: str) -> tuple[str, dict[str, str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name} is not a readable .docx ({type(exc).__name__}); "
                         "open and re-save it in Word, or pass a .txt") from None
    except Exception as exc:    # lxml errors from a damaged part: still the user's file
        raise InputError(f"{name} is a damaged .docx ({type(exc).__name__}); "
                         "open and re-save it in Word, or pass a .txt") from None
    numbering = _Numbering(document)
    text = "\n\n".join(_blocks(document.element.body, numbering))
    props = document.core_properties
    meta = {}
    if props.title:
        meta["title"] = " ".join(props.title.split())
    if props.language and language_code(props.language):
        meta["language"] = language_code(props.language)
    return (text + "\n") if text else "", meta


# --------------------------------------------------------------------------- pdf


@contextmanager
def _quiet_pypdf():
    """pypdf logs warnings about damaged files; the CLI must print one line only."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def read_pdf(data: bytes, name: str) -> tuple[str, dict[str, str]]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = bool(reader.decrypt(""))     # PasswordType.NOT_DECRYPTED is 0
                except (DependencyError, NotImplementedError):
                    ok = False
                if not ok:
                    raise InputError(f"{name} is an encrypted PDF; remove the password "
                                     "(print to a new PDF) or pass a .txt")
            pages = [(page.extract_text() or "") for page in reader.pages]
            meta = _pdf_meta(reader)
        except InputError:
            raise
        except (PdfReadError, FileNotDecryptedError) as exc:
            raise InputError(f"{name} is a damaged or unreadable PDF ({exc}); "
                             "re-export it or pass a .txt") from None
        except RecursionError:
            raise InputError(f"{name} is a damaged PDF (nesting too deep); re-export it or "
                             "pass a .txt") from None
        except Exception as exc:   # pypdf raises many types on damaged files
            raise InputError(f"{name} is a damaged or unreadable PDF ({type(exc).__name__}); "
                             "re-export it or pass a .txt") from None
    if not pages:
        raise InputError(f"{name} has no pages; re-export it or pass a .txt")
    if not any(p.strip() for p in pages):
        raise InputError(f"{name} has no text layer (scanned image?); run OCR first or pass a .txt")
    # pypdf ends lines with "\n" but may leave "\r" from the content stream.
    pages = [p.replace("\r\n", "\n").replace("\r", "\n").strip("\n") for p in pages]
    # As pdftotext does: each page ends with a newline, "\f" starts the next one.
    return "\n\f".join(pages) + "\n", meta


def _pdf_meta(reader) -> dict[str, str]:
    meta: dict[str, str] = {}
    info = reader.metadata
    if info is not None and info.title:
        title = " ".join(str(info.title).split())
        if title and not re.search(r"\.(?:docx?|html?|pdf)$|^Microsoft Word", title, re.I):
            meta["title"] = title
    try:
        lang = reader.trailer["/Root"].get("/Lang")
    except (KeyError, AttributeError, TypeError):
        lang = None
    if lang and language_code(str(lang)):
        meta["language"] = language_code(str(lang))
    return meta


__all__ = ["read_docx", "read_pdf"]
