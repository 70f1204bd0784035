"""Artefact detection: source text that belongs to no block.

In: the source text (and the document symbol when known).  Out: a sorted list
of non-overlapping ``Artefact`` records (kind, text, offsets) for markup (YAML
front matter, ``<meta>`` lines, Markdown ``#``/links), page furniture (running
heads repeated on every page, page numbers, "cve:" codes, bulletin heads, UN
job numbers), web-page debris, footnote separators and the hyphens of words
broken across lines.  Nothing is deleted here: later passes read a *masked*
copy of the text (``mask``) in which artefact characters are blanked, so every
offset still indexes the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from travaux.diffing.segment.labels import match_heading, match_label
from travaux.diffing.model import Artefact, ArtefactKind as K, SourceFormat

# Markup -------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*\n){0,60}?---[ \t]*(?:\n|\Z)")
# Only real tags: a known HTML element name (lower or upper case), then attributes that all
# have values.  "<in accordance>" (the text of "&lt;in accordance&gt;") is words, not markup.
_TAG_NAMES = ("a abbr b big blockquote body br caption center cite code col colgroup dd del details "
              "div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 head header hr html i "
              "iframe img ins kbd li link main meta nav noscript ol p pre q s small span strike "
              "strong style sub summary sup table tbody td tfoot th thead title tr tt u ul").split()
_TAG_NAME = "|".join(sorted({n for t in _TAG_NAMES for n in (t, t.upper())}, key=lambda n: (-len(n), n)))
_ATTR = r"""[ \t]+[A-Za-z_:][-\w:.]*[ \t]*=[ \t]*(?:"[^"<>\n]{0,300}"|'[^'<>\n]{0,300}'|[^\s"'<>=`]{1,100})"""
_HTML_TAG = re.compile(rf"<(?:/(?:{_TAG_NAME})[ \t]*>|(?:{_TAG_NAME})(?:{_ATTR}){{0,12}}[ \t]*/?>)")
#: formats whose text may still hold markup (the reader strips it from html/xml/docx/pdf)
MARKUP_FORMATS = frozenset({SourceFormat.TEXT, SourceFormat.MARKDOWN})
#: formats without pages: furniture there is only taken when it fills its own line
UNPAGED_FORMATS = frozenset({SourceFormat.HTML, SourceFormat.XML, SourceFormat.DOCX})
_MD_HEADING = re.compile(r"^[ \t]*(#{1,6})(?=[^#\n]|$)", re.M)
_MD_LINK = re.compile(r"(\[)[^\[\]\n]{1,300}(\]\([^()\s]{1,400}\))")
_MD_EMPH = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)[^\n]{1,300}?(?<=\S)(\1)(?![\w*])")

# Furniture ---------------------------------------------------------------------
_CVE = re.compile(r"\bcve: ?[A-Z][A-Z0-9-]*[A-Z0-9]")
_BULLETIN_LINE = re.compile(
    r"^[ \t]*(BOLET[IÍ]N OFICIAL(?: DE LAS CORTES GENERALES)?|DE LAS CORTES GENERALES"
    r"|CONGRESO DE LOS DIPUTADOS|SENADO|[XVI]+ LEGISLATURA)[ \t]*$", re.M)
_SERIE_LINE = re.compile(r"^[ \t]*(Serie [A-D]\b[^\n]*?N[uú]m\.[^\n]*?)[ \t]+(P[aá]g\.[ \t]*\d+)[ \t]*$", re.M)
_END_FURNITURE = re.compile(
    r"^[ \t]*((?:https?://www\.congreso\.es|D\.\s?L\.:\s?M-|Edición electrónica preparada por)[^\n]*?)[ \t]*$",
    re.M)
_JOB_NUMBER = re.compile(r"(?<![\w/.-])(?:[A-Z]\.)?\d{2}-\d{5}(?:[ \t]*\([A-Z]\))?(?![\w-])")
_DISTR = re.compile(r"\bDistr\.: ?(?:General|Limited|Restricted)\b")
# Debris ------------------------------------------------------------------------
_DEBRIS = re.compile(r"Select target paragraph\d*|Back to top|Skip to (?:main )?content")
_SEPARATOR = re.compile(r"_{5,}")
_NOTES_TAIL = re.compile(r"(?<=[.;:])\s+(Notes|Footnotes|Notas|Notes de bas de page)\s*\Z")
_DIGIT_RUN = re.compile(r"\d*\Z")
_TRAILING_PAGE = re.compile(r"(?<=\s)(\d{1,3})\s*\Z")
_PAGE_LINE = re.compile(r"^[ \t]*(-[ \t]*\d{1,4}[ \t]*-|\d{1,4}|Page \d{1,4}(?: of \d{1,4})?)[ \t]*$", re.M)


def mask(text: str, artefacts: list[Artefact] | tuple[Artefact, ...]) -> str:
    """``text`` with artefact characters replaced by spaces (line breaks kept)."""
    if not artefacts:
        return text
    parts, pos = [], 0
    for a in artefacts:
        parts.append(text[pos:a.start])
        parts.append(re.sub(r"[^\n]", " ", text[a.start:a.end]))
        pos = a.end
    parts.append(text[pos:])
    return "".join(parts)


def merge(*groups: list[Artefact]) -> list[Artefact]:
    """Sorted union of artefact lists; on overlap the earlier (then longer) one wins."""
    out: list[Artefact] = []
    for a in sorted((a for g in groups for a in g), key=lambda a: (a.start, -a.end)):
        if a.end <= a.start:
            continue
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


def _art(text: str, kind: K, start: int, end: int) -> Artefact:
    return Artefact(kind, text[start:end], start, end)


def _markup(text: str) -> list[Artefact]:
    out = []
    m = _FRONT_MATTER.match(text)
    if m:
        out.append(_art(text, K.MARKUP, 0, len(m[0].rstrip())))
    for m in _HTML_TAG.finditer(text):
        out.append(_art(text, K.MARKUP, *m.span()))
    # (each scan is skipped when the text lacks the characters it needs: large inputs)
    for m in _MD_HEADING.finditer(text) if "#" in text else ():
        out.append(_art(text, K.MARKUP, *m.span(1)))
    for m in _MD_LINK.finditer(text):
        out.append(_art(text, K.MARKUP, *m.span(1)))
        out.append(_art(text, K.MARKUP, *m.span(2)))
    for m in _MD_EMPH.finditer(text) if "**" in text or "__" in text else ():
        out.append(_art(text, K.MARKUP, *m.span(1)))
        out.append(_art(text, K.MARKUP, *m.span(2)))
    return out


def _furniture(text: str) -> list[Artefact]:
    # each scan is skipped when the text lacks the literal it needs (large inputs)
    out = [_art(text, K.FURNITURE, *m.span()) for m in _CVE.finditer(text)] if "cve:" in text else []
    # the line-anchored patterns are slow to scan: run them only on bulletins
    if "CORTES GENERALES" in text or "LEGISLATURA" in text or "DIPUTADOS" in text or "SENADO" in text:
        out += [_art(text, K.RUNNING_HEAD, *m.span(1)) for m in _BULLETIN_LINE.finditer(text)]
    if "Serie " in text:
        for m in _SERIE_LINE.finditer(text):
            out.append(_art(text, K.RUNNING_HEAD, *m.span(1)))
            out.append(_art(text, K.PAGE_NUMBER, *m.span(2)))
    if "congreso.es" in text or "Edición electrónica" in text or "L.:" in text:
        out += [_art(text, K.FURNITURE, *m.span(1)) for m in _END_FURNITURE.finditer(text)]
    out += [_art(text, K.FURNITURE, *m.span()) for m in _job_numbers(text)]
    if "Distr.:" in text:
        out += [_art(text, K.FURNITURE, *m.span()) for m in _DISTR.finditer(text)]
    if "Select target paragraph" in text or "Back to top" in text or "Skip to " in text:
        out += [_art(text, K.DEBRIS, *m.span()) for m in _DEBRIS.finditer(text)]
    if "_____" in text:
        out += [_art(text, K.SEPARATOR, *m.span()) for m in _SEPARATOR.finditer(text)]
    # the heading of a footnote list left dangling at the end of flattened text
    out += [_art(text, K.FURNITURE, *m.span(1)) for m in _NOTES_TAIL.finditer(text, _tail_start(text, 21))]
    return out


_JOB_HYPHEN = re.compile(r"-\d{5}")


def _job_numbers(text: str) -> list[re.Match]:
    """``_JOB_NUMBER.finditer(text)``, without trying the pattern at every position:
    a match holds "-" + 5 digits 2 or 4 characters after its start, so only those
    starts are tried, left to right, each past the previous match (as finditer does)."""
    starts = sorted({s for m in _JOB_HYPHEN.finditer(text) for s in (m.start() - 4, m.start() - 2) if s >= 0})
    out, pos = [], 0
    for s in starts:
        if s < pos:
            continue
        m = _JOB_NUMBER.match(text, s)
        if m:
            out.append(m)
            pos = m.end()
    return out


def _tail_start(text: str, width: int) -> int:
    """A position at or before the start of any whitespace run that ends within the last
    ``width`` characters of ``text`` (before trailing whitespace): where a pattern anchored
    at the end as "\\s+WORD\\s*\\Z" (WORD at most ``width`` long) can start."""
    q = max(0, len(text.rstrip()) - width)
    while q > 0 and text[q - 1].isspace():
        q -= 1
    return q


def _page_heads(text: str, symbol: str = "") -> list[Artefact]:
    """Page furniture of form-feed paginated text (pdftotext, pypdf): the first and
    last lines of each page that repeat on most pages (digits ignored), look like
    a page number, or are the document's symbol ("A/AC.254/4", "A/CONF.187/6 2")."""
    if "\f" not in text:
        return []
    pages, pos = [], 0
    for chunk in text.split("\f"):
        pages.append((pos, chunk))
        pos += len(chunk) + 1
    heads: list[list[tuple[int, int, str]]] = []
    for base, chunk in pages:
        lines, lpos = [], base
        for line in chunk.split("\n"):
            if line.strip():
                lines.append((lpos, lpos + len(line), line))
            lpos += len(line) + 1
        heads.append(lines[:5] + lines[-3:] if len(lines) > 8 else lines)
    key = lambda line: re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip()))
    counts = Counter(k for page in heads for k in {key(l[2]) for l in page})
    need = max(2, len(pages) // 2)
    own = _symbol_line(symbol)
    out = []
    for page in heads:
        for s, e, line in page:
            k = key(line)
            lead = len(line) - len(line.lstrip())
            content = line.strip()
            if _PAGE_LINE.fullmatch(line):
                out.append(_art(text, K.PAGE_NUMBER, s + lead, s + lead + len(content)))
            elif (own and own.fullmatch(content)) or \
                    (counts[k] >= need and len(k) <= 160 and not _numbered_heading(content, k)
                     and not _sentence(content)):
                out.append(_art(text, K.RUNNING_HEAD, s + lead, s + lead + len(content)))
    return out


def _numbered_heading(content: str, key: str) -> bool:
    """ "Article 3" repeated at the top of pages is structure, not a running head."""
    return "#" in key and bool(match_heading(content) or match_label(content))


def _sentence(content: str) -> bool:
    """A line of running text (a repeated sentence is text, never a running head)."""
    return content.endswith((".", ";", ":", ",")) and len(content.split()) >= 3 and \
        not _PAGE_LINE.search(content)


def _symbol_line(symbol: str) -> re.Pattern | None:
    """A line that is only the document symbol, maybe with a page number ("A/CONF.187/6 2")."""
    if not symbol or "/" not in symbol:
        return None
    return re.compile(r"(?:\d{1,4}[ \t]+)?" + re.escape(symbol) + r"(?:[ \t]+\d{1,4})?")


def _symbol_heads(text: str, symbol: str) -> list[Artefact]:
    """Running heads of flattened UN documents: "A/CONF.187/6 2" before each page."""
    if not symbol or "/" not in symbol:
        return []
    out = []
    for m in re.finditer(re.escape(symbol) + r"[ \t]+\d{1,3}(?![\w/.,-])", text):
        out.append(_art(text, K.RUNNING_HEAD, *m.span()))
    first = re.match(r"\s*(" + re.escape(symbol) + r")(?=\s+(?:\(?[a-z0-9]{1,4}[.)]|[A-Z]))", text)
    if first and not re.match(r"\s*United Nations", text):
        out.append(_art(text, K.RUNNING_HEAD, *first.span(1)))
    # the symbol alone on its own line, more than once: a printed running head
    lines = list(re.finditer(r"^[ \t]*(" + re.escape(symbol) + r")[ \t]*$", text, re.M))
    if len(lines) >= 2:
        out += [_art(text, K.RUNNING_HEAD, *m.span(1)) for m in lines]
    return out


def _mask_from(text: str, artefacts: list[Artefact], lo: int) -> str:
    """``mask(text, artefacts)[lo:]``, computed from ``lo`` only (``artefacts`` sorted)."""
    i = bisect_right(artefacts, lo, key=lambda a: a.end)
    return mask(text, [Artefact(a.kind, "", max(a.start, lo), a.end) for a in artefacts[i:]])[lo:] \
        if i < len(artefacts) else text[lo:]


def _trailing_page_number(text: str, found: list[Artefact]) -> list[Artefact]:
    """A lone page number ending the text (after a sentence end, before any debris)."""
    merged = merge(found)
    size = 4096
    while True:     # only the end matters: mask a window, wider until it holds text before the number
        lo = max(0, len(text) - size)
        window = _mask_from(text, merged, lo).rstrip()
        digits = _DIGIT_RUN.search(window)      # always matches (\d*\Z): the trailing digits
        if lo == 0 or window[:digits.start() if digits else len(window)].strip():
            break
        size *= 4
    masked_len = lo + len(window)
    m = _TRAILING_PAGE.search(window, max(0, len(window) - 4))
    if m and masked_len > 200 and window[:m.start(1)].rstrip().endswith((";", ".", ":")):
        return [_art(text, K.PAGE_NUMBER, lo + m.start(1), lo + m.end(1))]
    return []


_CONJUNCTIONS = {"und", "oder", "bzw", "sowie", "and", "or", "y", "e", "o", "u", "en", "of", "ou",
                 "et", "to", "bis", "noch", "als"}
# the look-behind follows the "-" so that the scan can jump from "-" to "-"
_HYPHEN = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\n\s*(?=([a-zß-öø-ÿ]+))")


def hyphens(text: str, masked: str) -> list[Artefact]:
    """The "-" of words broken across a line ("desper-\\ndicio"), on the masked text."""
    out = []
    words: set[str] | None = None
    for m in _HYPHEN.finditer(masked):
        if m[1] in _CONJUNCTIONS:
            continue
        if words is None:
            words = set(re.findall(r"[^\W\d_]+", masked.lower()))
        left = re.search(r"[^\W\d_]+$", masked[max(0, m.start() - 40):m.start()])
        joined = (left[0].lower() if left else "") + m[1]
        # a compound split at its own hyphen ("logístico-\norganizativos") keeps the hyphen:
        # its second half is a word of the document while the joined form is not
        if m[1] in words and joined not in words:
            continue
        out.append(_art(text, K.HYPHEN, m.start(), m.start() + 1))
    return out


def _own_lines(text: str, found: list[Artefact]) -> list[Artefact]:
    """The artefacts standing on lines made only of artefacts (and whitespace)."""
    masked = mask(text, found)
    out = []
    for a in found:
        ls = text.rfind("\n", 0, a.start) + 1
        le = text.find("\n", a.end)
        le = len(text) if le == -1 else le
        if not masked[ls:le].strip():
            out.append(a)
    return out


def find_artefacts(text: str, symbol: str = "", format: str = "text") -> list[Artefact]:
    """All artefacts except footnote markers and hyphens (see ``footnotes``, ``hyphens``).

    Markup is looked for only in text and Markdown (the reader already turned
    html/xml/docx/pdf into plain text: any "<...>" left there is words).  In
    formats without pages (html, xml, docx) furniture and debris are taken only
    when they fill their own line: a word inside a sentence is never dropped.
    """
    markup = _markup(text) if format in MARKUP_FORMATS else []
    found = merge(markup, _furniture(text), _page_heads(text, symbol), _symbol_heads(text, symbol))
    found = merge(found, _trailing_page_number(text, found))
    if format in UNPAGED_FORMATS:
        found = _own_lines(text, found)
    return found
