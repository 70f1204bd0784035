"""bytes/file -> text: the reader in front of the segmenter.

In: a path, or bytes with an optional file name.  Out: ``Extracted(text,
format, meta)``: the plain text the segmenter parses, the detected format
("text", "markdown", "docx", "pdf", "html", "xml") and the ``DocumentMeta``
fields the file itself states (name, format; title, date, language, symbol
from XML/HTML/PDF/docx metadata).  The text is what every offset of the
``Document`` indexes into; it is not altered after this point.

The format is detected from the content, the extension only breaks ties:
``%PDF`` magic -> pdf; a ZIP holding ``word/document.xml`` -> docx;
``<!DOCTYPE html``/``<html`` or an XML root named ``html`` -> html; ``<?xml``
or another root element -> xml; anything else that decodes -> text (markdown
if it has '#' headings or a .md name).  Office 97 .doc, RTF, OpenDocument,
images and archives are refused with a message saying what to do.

Text files: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without
BOM, else the encoding charset-normalizer finds (cp1252 preferred over the
other Latin code pages it cannot tell apart on short texts).  Line endings
CRLF and CR become LF; nothing else is changed (no Unicode normalisation, no
whitespace trimming), so a UTF-8 text reads back as itself modulo newlines.
HTML, XML, docx and PDF are flattened by ``read_markup``, ``read_office`` and
``read_pdf`` (which also returns the ``Layout`` its pages show).

Every failure a user can fix is an ``InputError`` with a one-line message.
"""

from __future__ import annotations

import io
import re
import stat
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from travaux.diffing.errors import InputError
from travaux.diffing.model import DocumentMeta, Layout, SourceFormat

#: Largest input read, in bytes (checked with stat() before reading).
MAX_BYTES = 100 * 1024 * 1024

FORMATS = tuple(f.value for f in SourceFormat)

_HTML_EXT = {".html", ".htm", ".xhtml", ".xht"}
_MD_EXT = {".md", ".markdown", ".mdown"}
_MD_HEADING = re.compile(r"^#{1,6}[ \t]*[^\s#]", re.M)     # "## Article 1", "##Article 1"
_CLOSING_BLOCK = re.compile(r"</(?:p|div|body|table|td|li|h[1-6]|section|article)\s*>")
_HTML_START_TAGS = set("""html head body div p h1 h2 h3 h4 h5 h6 table ul ol section article
    main header span title meta""".split())


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    format: SourceFormat | str     # a SourceFormat value
    meta: DocumentMeta
    layout: Layout | None = None    # PDF: artefacts and footnotes the page layout shows


# --------------------------------------------------------------------------- entry points


def read_path(path: Path) -> Extracted:
    """Read the file at ``path`` (any supported format) into text."""
    path = Path(path)
    shown = printable_name(str(path))
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{shown} does not exist; check the path") from None
    except PermissionError:
        raise InputError(f"cannot read {shown}: permission denied; check its permissions") from None
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}; check the path") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{shown} is a directory; pass a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{shown} is not a regular file; save it to a file first")
    if st.st_size > MAX_BYTES:
        raise InputError(f"{shown} is too large ({st.st_size // (1024 * 1024)} MB, limit "
                         f"{MAX_BYTES // (1024 * 1024)} MB); split it into smaller files")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"cannot read {shown}: permission denied; check its permissions") from None
    except IsADirectoryError:
        raise InputError(f"{shown} is a directory; pass a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}; check the file") from None
    return _read(data, shown, path.name)


def read_bytes(data: bytes, name: str = "") -> Extracted:
    """Read ``data`` (the content of a file called ``name``) into text."""
    return _read(bytes(data), name or "the input", Path(name).name if name else "")


def printable_name(name: str) -> str:
    """A file name as text that can be printed and written as UTF-8: bytes that
    were not UTF-8 (surrogate escapes) become U+FFFD, controls become "?"."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in name)


def _read(data: bytes, shown: str, base: str) -> Extracted:
    shown, base = printable_name(shown), printable_name(base)
    if len(data) > MAX_BYTES:
        raise InputError(f"{shown} is too large (over {MAX_BYTES // (1024 * 1024)} MB); "
                         "split it into smaller files")
    if not data:
        raise InputError(f"{shown} is empty; nothing to parse")
    fmt = detect_format(data, base)
    extra: dict[str, str] = {}
    layout = None
    if fmt == "pdf":
        from travaux.diffing.read.pdf import read_pdf
        text, extra, layout = read_pdf(data, shown)
    elif fmt == "docx":
        from travaux.diffing.read.office import read_docx
        text, extra = read_docx(data, shown)
    elif fmt == "xml":
        from travaux.diffing.read.markup import read_xml
        text, extra = _guard(read_xml, data, shown)
    elif fmt == "html":
        from travaux.diffing.read.markup import read_html
        text, extra = _guard(read_html, decode_text(data, shown, html=True), shown)
    else:
        repaired: list[str] = []
        text = normalise_newlines(decode_text(data, shown, repaired=repaired))
        if repaired:
            extra["warnings"] = tuple(repaired)       # type: ignore[assignment]
        if fmt == "text" and looks_like_markdown(text):
            fmt = "markdown"
    if not text.strip():
        if fmt in ("text", "markdown"):
            raise InputError(f"{shown} contains only whitespace; nothing to parse")
        raise InputError(f"{shown} contains no text ({fmt}); check that it is the right file")
    fields: dict[str, Any] = {"name": base, "format": SourceFormat(fmt), **extra}
    meta = DocumentMeta(**fields)
    return Extracted(text=text, format=fmt, meta=meta, layout=layout)


def _guard(fn, arg, shown: str):
    # The flatteners recurse once per element level: allow the 2048 levels the
    # parsers accept (Python frames, not C stack), then refuse in one line.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        return fn(arg, shown)
    except RecursionError:
        raise InputError(f"{shown} is nested too deeply to read; simplify it or pass a .txt") from None
    finally:
        sys.setrecursionlimit(limit)


# --------------------------------------------------------------------------- detection


def detect_format(data: bytes, name: str = "") -> str:
    """The format of ``data`` from its content (the extension of ``name`` breaks ties)."""
    shown = name or "the input"
    ext = Path(name).suffix.lower() if name else ""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, shown)
    _refuse_known_binary(data, shown)
    head = _sniff_text(data)
    if head is None:                     # binary, or an encoding we cannot sniff: decode_text decides
        return "markdown" if ext in _MD_EXT else "text"
    h = head.lstrip().lower()
    if h.startswith("<"):
        root = _first_element(h)
        if root == "html" or h.startswith("<!doctype html"):
            return "html"
        if h.startswith("<?xml") or (root and ext == ".xml"):
            return "xml"
        if ext in _MD_EXT:              # Markdown may start with inline HTML
            return "markdown"
        # A stray <meta> line above Markdown (the BWB files) is not an HTML page.
        if ext in _HTML_EXT or (root in _HTML_START_TAGS and _CLOSING_BLOCK.search(h)):
            return "html"
        if root and root not in _HTML_START_TAGS and _is_xml(data):
            return "xml"
    elif ext in _HTML_EXT and re.search(r"<(?:p|div|br|body|html)\b", h):
        return "html"
    if ext in _MD_EXT:
        return "markdown"
    return "text"


def looks_like_markdown(text: str) -> bool:
    headings = _MD_HEADING.findall(text, 0, 200_000)
    first = text.lstrip()[:7]
    return len(headings) >= 2 or bool(_MD_HEADING.match(first))


def _zip_kind(data: bytes, shown: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise InputError(f"{shown} is a damaged ZIP/.docx file; open and re-save it, "
                         "or pass a .txt") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise InputError(f"{shown} is an OpenDocument file; save it as .docx or .txt")
    raise InputError(f"{shown} is a ZIP archive, not a .docx; unpack it and pass the document")


_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is a legacy Office 97-2003 file (.doc); save it as .docx or .txt"),
    (b"{\\rtf", "is an RTF file; save it as .docx or .txt"),
    (b"\x89PNG", "is an image (scanned page?); run OCR first or pass a .txt"),
    (b"\xff\xd8\xff", "is an image (scanned page?); run OCR first or pass a .txt"),
    (b"GIF8", "is an image (scanned page?); run OCR first or pass a .txt"),
    (b"II*\x00", "is an image (scanned page?); run OCR first or pass a .txt"),
    (b"MM\x00*", "is an image (scanned page?); run OCR first or pass a .txt"),
    (b"\x1f\x8b", "is gzip-compressed; decompress it first"),
)


def _refuse_known_binary(data: bytes, shown: str) -> None:
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{shown} {message}")


def _sniff_text(data: bytes) -> str | None:
    """The first few KB as text, for sniffing markup (None if not obviously text)."""
    chunk = data[:4096]
    for bom, enc in _BOMS:
        if chunk.startswith(bom):
            return chunk[len(bom):].decode(enc, errors="ignore")
    if b"\x00" in chunk:
        return None
    return chunk.decode("utf-8", errors="replace")


def _first_element(head: str) -> str:
    """Name of the first element after the prolog (XML declaration, comments, DOCTYPE)."""
    pos = 0
    while True:
        m = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)", re.S | re.I).match(head, pos)
        if not m:
            break
        pos = m.end()
    m = re.compile(r"\s*<([a-z_][\w.:-]*)", re.I).match(head, pos)
    return m[1].split(":")[-1].lower() if m else ""


def _is_xml(data: bytes) -> bool:
    from lxml import etree

    try:
        etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                      load_dtd=False))
    except etree.XMLSyntaxError:
        return False
    return True


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_LATIN_LOOKALIKES = {"cp1250", "cp1252", "cp1257", "latin_1", "iso8859_15", "iso8859_2",
                     "cp850", "cp857", "cp437", "mac_roman", "mac_latin2"}


def decode_text(data: bytes, shown: str, html: bool = False,
                repaired: list[str] | None = None) -> str:
    """Decode text bytes: BOM, (HTML: declared charset), UTF-8, UTF-16, else detected."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(enc), shown)
            except UnicodeDecodeError:
                raise InputError(f"{shown} starts with a {enc.upper()} byte-order mark but is "
                                 f"not valid {enc.upper()}; re-save it as UTF-8") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{shown} looks like binary data, not text, PDF, docx, HTML or XML; "
                             "pass the document as .txt, .docx, .pdf, .html or .xml")
        return _checked(text, shown)
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                return _checked(data.decode(m[1].decode("ascii").lower()), shown)
            except (LookupError, UnicodeDecodeError):
                pass            # a wrong declaration: fall through to detection
    try:
        return _checked(data.decode("utf-8"), shown)
    except UnicodeDecodeError:
        pass
    mended = _mostly_utf8(data, shown, repaired)
    if mended is not None:
        return _checked(mended, shown)
    return _checked(_detected(data, shown), shown)


def _mostly_utf8(data: bytes, shown: str, repaired: list[str] | None) -> str | None:
    """UTF-8 with a few stray bytes of another code page ("caf\xe9" pasted into
    a UTF-8 file): decode it as UTF-8 and read only the invalid bytes as cp1252,
    with a warning naming their offsets.  None when the file is not mostly UTF-8
    (then the whole file's encoding is detected)."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    good = sum(1 for ch in text if ch > "\x7f") - len(bad)
    if not bad or good < len(bad):
        return None
    chars = list(text)
    for i in bad:
        byte = bytes([ord(chars[i]) - 0xDC00])
        chars[i] = byte.decode("cp1252", errors="replace") if byte not in b"\x81\x8d\x8f\x90\x9d" \
            else byte.decode("latin-1")
    where = ", ".join(str(i) for i in bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
    if repaired is not None:
        repaired.append(f"{shown}: {len(bad)} byte(s) not valid UTF-8 read as cp1252 at character "
                        f"offset(s) {where}; check those characters")
    return "".join(chars)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without BOM: every other byte is NUL for Latin scripts."""
    if len(data) % 2 or len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return None if "\x00" in text else text
    return None


def _detected(data: bytes, shown: str) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(f"{shown} is not text in any encoding we recognise (binary data?); "
                         "re-save it as UTF-8 text")
    best = matches[0]
    # charset-normalizer cannot tell cp1252 from cp1250/cp1257 on short Western texts
    # (equal chaos); legal texts in our languages are far more often cp1252.
    if best.encoding in _LATIN_LOOKALIKES:
        for m in matches:
            if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01:
                best = m
                break
    return str(best)


def _checked(text: str, shown: str) -> str:
    """Refuse text that is mostly control characters (a binary file that happened to decode)."""
    if "\x00" in text:
        raise InputError(f"{shown} contains NUL bytes (binary data?); pass the document as text, "
                         ".docx, .pdf, .html or .xml")
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ch not in "\t\n\r\f\v\x1b"
                   and unicodedata.category(ch) == "Cc")
    if sample and controls > 0.05 * len(sample):
        raise InputError(f"{shown} looks like binary data, not text; pass the document as text, "
                         ".docx, .pdf, .html or .xml")
    return text


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR -> LF (the only change made to a text file)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


__all__ = ["Extracted", "MAX_BYTES", "FORMATS", "read_path", "read_bytes", "detect_format",
           "decode_text", "normalise_newlines", "looks_like_markdown"]
