"""Word (.docx) -> plain text (PDFs: ``read.pdf``).

In: the raw bytes of a .docx, and the file name for messages.  Out: the text
and the ``DocumentMeta`` fields the file states.

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
"""

from __future__ import annotations

import io
import re
import zipfile

from travaux.diffing.errors import InputError
from travaux.diffing.read.markup import language_code

# --------------------------------------------------------------------------- docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SKIP = {f"{{{_W}}}{t}" for t in ("del", "moveFrom", "txbxContent", "instrText", "delText",
                                   "footnoteReference", "endnoteReference", "commentReference",
                                   "pPr", "rPr")}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


MAX_ROMAN = 3999        # beyond "mmmcmxcix" roman numerals need overlines: shown as digits
MAX_LETTER_REPEAT = 12   # "aaaaaaaaaaaa" (n = 312); beyond, digits (never a huge string)


def _roman(n: int) -> str:
    """From the number, digit by digit (a list starting at 10^12 costs nothing)."""
    if not 1 <= n <= MAX_ROMAN:
        return str(n)
    out = []
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                          (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                          (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa... (the letter repeated)
    if n < 1 or (n - 1) // 26 + 1 > MAX_LETTER_REPEAT:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _where(el, attr: str) -> str:
    """"w:start" for <w:start w:val=...>, "w:ilvl" for an ilvl attribute."""
    if attr != "val":
        return f"w:{attr}"
    tag = el.tag if isinstance(el.tag, str) else ""
    return "w:" + tag.rsplit("}", 1)[-1]


def _int(el, attr: str, default: int, name: str) -> int:
    """An integer attribute of the numbering part; a damaged value is the user's file."""
    raw = el.get(_w(attr)) if el is not None else None
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        shown = raw if len(raw) <= 20 else raw[:17] + "..."
        raise InputError(f"{name} has damaged list numbering ({_where(el, attr)} {shown!r} is "
                         "not a whole number); open and re-save it in Word, or pass a .txt") \
            from None
    if abs(value) > 10**15:
        raise InputError(f"{name} has damaged list numbering ({_where(el, attr)} {value} is out "
                         "of range); open and re-save it in Word, or pass a .txt")
    return value


def _format_number(n: int, fmt: str) -> str:
    return {
        "lowerLetter": lambda: _letters(n), "upperLetter": lambda: _letters(n).upper(),
        "lowerRoman": lambda: _roman(n), "upperRoman": lambda: _roman(n).upper(),
        "decimalZero": lambda: f"{n:02d}",
    }.get(fmt, lambda: str(n))()


class _Numbering:
    """Recomputes Word list numbers: counters per list instance (numId) and level."""

    def __init__(self, document, name: str = "the document"):
        self.name = name
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
                levels[_int(lvl, "ilvl", 0, self.name)] = self._level(lvl, ("decimal", "%1.", 1))
            abstract[an.get(_w("abstractNumId"))] = levels
        for num in numbering.iter(_w("num")):
            num_id = num.get(_w("numId"))
            ref = num.find(_w("abstractNumId"))
            levels = dict(abstract.get(ref.get(_w("val")) if ref is not None else "", {}))
            for override in num.iter(_w("lvlOverride")):
                ilvl = _int(override, "ilvl", 0, self.name)
                base = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    base = self._level(lvl, base)
                start = override.find(_w("startOverride"))
                if start is not None:
                    base = (base[0], base[1], _int(start, "val", 1, self.name))
                levels[ilvl] = base
            for ilvl, spec in levels.items():
                self.levels[(num_id, ilvl)] = spec

    def _level(self, lvl, base: tuple[str, str, int]) -> tuple[str, str, int]:
        fmt, text, start = base
        el = lvl.find(_w("numFmt"))
        fmt = el.get(_w("val"), fmt) if el is not None else fmt
        el = lvl.find(_w("lvlText"))
        text = el.get(_w("val"), text) if el is not None else text
        el = lvl.find(_w("start"))
        start = _int(el, "val", start, self.name)
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

    def _num_pr(self, num_pr) -> tuple[str, int] | None:
        nid = num_pr.find(_w("numId"))
        if nid is None:
            return None
        return nid.get(_w("val")), _int(num_pr.find(_w("ilvl")), "val", 0, self.name)

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
                        ref = (base[0], _int(ilvl, "val", 0, self.name))
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


def _run_text(t) -> str:
    """The text of a ``w:t``, entity references included: an unresolved entity
    (kept as a node by the safe parser) is written as itself ("&name;"), and the
    text after it is kept (``.text`` alone stops at the first child)."""
    parts = [t.text or ""]
    for sub in t:
        if not isinstance(sub.tag, str):          # an entity reference or a comment
            parts.append(sub.text if sub.text and sub.text.startswith("&") else "")
        parts.append(sub.tail or "")
    return "".join(parts)


def _paragraph_text(p, name: str = "the document") -> str:
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _w("t"):
                out.append(_run_text(child))
            elif tag == _w("tab"):
                out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("\u2011")
            elif tag == _w("sym"):
                ch = child.get(_w("char"), "")
                if re.fullmatch(r"[0-9A-Fa-f]{4}", ch) and not ch.upper().startswith("F0"):
                    code = int(ch, 16)
                    if 0xD800 <= code <= 0xDFFF:
                        raise InputError(f"{name} has a damaged symbol (w:sym U+{code:04X} is "
                                         "half a surrogate pair); open and re-save it in Word, "
                                         "or pass a .txt")
                    out.append(chr(code))
            else:
                walk(child)

    walk(p)
    return "\n".join(line.strip() for line in "".join(out).split("\n")).strip()


def _blocks(container, numbering: _Numbering):
    for el in container:
        if el.tag == _w("p"):
            if len(el) == 0:                 # <w:p/>: an empty line, nothing to number
                continue
            text = _paragraph_text(el, numbering.name)
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


MAX_UNZIPPED = 100 * 1024 * 1024   # bytes of parts, as the reader's limit on files
MAX_RATIO = 100                    # Word's XML compresses 5-25x; a ZIP bomb 1000x
SMALL = 1024 * 1024                # below this, any ratio is harmless


def _check_unzipped(data: bytes, name: str) -> None:
    """Refuse a .docx whose parts would expand beyond the limits, before
    decompressing anything (zipfile never writes more than a part's declared
    size, so the declared sizes bound the work)."""
    try:
        total = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise InputError(f"{name} is not a readable .docx (damaged ZIP); open and re-save it in "
                         "Word, or pass a .txt") from None
    if total > MAX_UNZIPPED or (total > SMALL and total > MAX_RATIO * len(data)):
        raise InputError(f"{name} expands to {total / 2**20:.0f} MB when unzipped from "
                         f"{len(data) / 1024:.0f} kB (limits: {MAX_UNZIPPED // 2**20} MB, "
                         f"{MAX_RATIO} times the file); it looks like a ZIP bomb: open and "
                         "re-save it in Word, or pass a .txt")


def read_docx(data: bytes, name: str) -> tuple[str, dict[str, str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_unzipped(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name} is not a readable .docx ({type(exc).__name__}); "
                         "open and re-save it in Word, or pass a .txt") from None
    except Exception as exc:    # lxml errors from a damaged part: still the user's file
        raise InputError(f"{name} is a damaged .docx ({type(exc).__name__}); "
                         "open and re-save it in Word, or pass a .txt") from None
    numbering = _Numbering(document, name)
    text = "\n\n".join(_blocks(document.element.body, numbering))
    props = document.core_properties
    meta = {}
    if props.title:
        meta["title"] = " ".join(props.title.split())
    if props.language and language_code(props.language):
        meta["language"] = language_code(props.language)
    return (text + "\n") if text else "", meta


__all__ = ["read_docx"]
