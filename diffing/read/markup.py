"""HTML, XHTML and XML -> plain text: one paragraph per block, blank-line separated.

In: the raw bytes of an HTML page or an XML document (EU Formex, US GPO bill
XML, or any other vocabulary) and the file name for messages.  Out: the text
and the ``DocumentMeta`` fields the markup states (title, date, language,
symbol).

The text follows the renderings beside the corpus files (``SOURCES.md``):

* one paragraph per block element, paragraphs separated by a blank line;
  whitespace runs collapsed to one space (ASCII whitespace only: a
  non-breaking space as in ``Article\u00a05`` is kept); ``<br>`` -> line break;
* a number element (Formex ``NO.P``/``NO.PARAG``, US ``<enum>``, EUR-Lex
  ``span.num``) is put before the text that follows it, with one space, so
  "(a)" and its text make one line; a US ``<header>`` stays on the enum's line;
* ``<script>``, ``<style>``, ``<head>``, US ``<metadata>``, Formex
  ``BIB.INSTANCE`` are dropped; Formex ``QUOT.START``/``QUOT.END`` become the
  character named by their ``CODE``; US ``<after-quoted-block>`` is appended to
  the paragraph before it;
* footnotes (Formex ``NOTE``, the EUR-Lex ``dl#footnotes`` list) are taken out
  of the running text and put at the end, after a ``_______________`` line,
  as "1 Text of the note"; the markers pointing to them are left out.

Which elements are blocks: HTML has a fixed list.  XML has none, so an element
is a block when its parent holds no text of its own (a container), and inline
when it sits in running text (mixed content), with a few known names pinned
either way.  Only the lxml parser is used (the same walker serves HTML and
XML); DTDs and external entities are never loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html as lxml_html

from travaux.diffing.errors import InputError

#: Put between the text and the footnotes moved to the end (the footnote
#: separator the segmenter knows from UN documents).
FOOTNOTE_RULE = "_______________"

_WS = re.compile(r"[ \t\n\r\f]+")     # HTML/XML whitespace; NBSP is text, kept


@dataclass(frozen=True, slots=True)
class TagRules:
    blocks: frozenset[str]      # always open a paragraph
    inline: frozenset[str]      # always run on in the current paragraph
    drop: frozenset[str]        # left out with their content (their tail is kept)
    labels: frozenset[str]      # numbers put before the next paragraph
    notes: frozenset[str]       # footnote bodies, moved to the end
    append: frozenset[str]      # appended to the previous paragraph
    infer: bool                 # XML: children of text-less containers are blocks


_HTML = TagRules(
    blocks=frozenset("""address article aside blockquote body caption center dd details dialog
        dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr
        html legend li main menu nav ol p pre section summary table tbody td tfoot th thead tr
        ul""".split()),
    inline=frozenset(),
    drop=frozenset("head script style noscript template".split()),
    labels=frozenset(), notes=frozenset(), append=frozenset(), infer=False,
)

_XML = TagRules(
    blocks=frozenset("""TI.ART STI.ART TI STI P ALINEA TXT PARAG CONSID VISA ITEM
        text header section subsection paragraph subparagraph clause subclause item subitem
        quoted-block""".split()),
    # Inline names pinned for the cases where their parent has no text of its own
    # (``<text><quote>...</quote></text>``, ``<P><HT>CHAPTER I</HT></P>``).
    inline=frozenset("""HT DATE FT IE QUOT.START QUOT.END REF.DOC.OJ REF.DOC INCL.ELEMENT LINK
        quote short-title external-xref internal-xref term act-name sponsor cosponsor
        committee-name italic bold superscript subscript fraction""".split()),
    drop=frozenset("metadata BIB.INSTANCE toc".split()),
    labels=frozenset("NO.P NO.PARAG enum".split()),
    notes=frozenset({"NOTE"}),
    append=frozenset({"after-quoted-block"}),
    infer=True,
)

_NOTE_REF_CLASSES = frozenset({"footnotereference", "footnoteref", "footnote-ref", "noteref"})


def _local(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def _classes(el) -> set[str]:
    return {c.lower() for c in (el.get("class") or "").split()}


def _collapse(s: str) -> str:
    return _WS.sub(" ", s).strip()


class _Flattener:
    """Walks an lxml tree and collects paragraphs (see the module docstring)."""

    def __init__(self, vocab: TagRules, is_html: bool):
        self.v = vocab
        self.html = is_html
        self.paras: list[str] = []
        self.notes: list[str] = []
        self.cur: list[str | None] = []     # None marks a <br>
        self.label: str | None = None
        self.label_owner = None
        self.pre = 0

    # -- paragraph assembly
    def text(self, s: str | None) -> None:
        if not s:
            return
        if self.pre:
            lines = s.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.cur.append(None)
                self.cur.append(line)
        else:
            self.cur.append(s)

    def flush(self) -> None:
        lines: list[str] = []
        seg: list[str] = []
        for piece in self.cur + [None]:
            if piece is None:
                line = _collapse("".join(seg))
                if line:
                    lines.append(line)
                seg = []
            else:
                seg.append(piece)
        self.cur = []
        if lines:
            para = "\n".join(lines)
            if self.label:
                para = f"{self.label} {para}"
                self.label = None
            self.paras.append(para)

    def set_label(self, s: str, owner) -> None:
        s = _collapse(s)
        if not s:
            return
        self.flush()
        if self.label:                  # "(E)" then a clause with its own "(i)"
            self.paras.append(self.label)
        self.label, self.label_owner = s, owner

    def end_block(self, el) -> None:
        self.flush()
        if self.label and self.label_owner is el:
            self.paras.append(self.label)
            self.label = None

    # -- the walk
    def walk(self, el, inline: bool) -> None:
        tag = _local(el)
        if not tag:                     # comment, processing instruction, entity
            return
        v = self.v
        if tag in v.drop:
            return
        if self.html:
            cls = _classes(el)
            if cls & _NOTE_REF_CLASSES or el.get("role") == "doc-noteref":
                return
            if el.get("id") == "footnotes" or el.get("role") in ("doc-endnotes", "doc-footnotes"):
                self.collect_note_list(el)
                return
            if tag == "br":
                self.cur.append(None)
                return
            if "num" in cls:
                self.set_label(el.text_content(), el.getparent())
                return
            if "tab" in cls:
                self.text(" ")
                return
        if tag in v.notes:
            self.notes.append(_flatten_note(el, v, self.html))
            return
        if tag in v.labels:
            self.set_label("".join(el.itertext()), el.getparent())
            return
        if tag in v.append:
            self.flush()
            extra = _collapse("".join(el.itertext()))
            if extra and self.paras:
                self.paras[-1] += extra
            elif extra:
                self.paras.append(extra)
            return
        if tag in ("QUOT.START", "QUOT.END"):
            code = el.get("CODE") or ""
            value = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{2,6}", code) else None
            # a code past U+10FFFF or a lone surrogate cannot be written as UTF-8:
            # the quotation mark Formex means by default, as for a missing CODE
            ok = value is not None and value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF \
                and value >= 0x20
            self.text(chr(value) if ok and value is not None else '"')
            return

        if self.html:
            block = tag in v.blocks
        else:
            block = tag in v.blocks or (not inline and tag not in v.inline)
        if tag == "pre":
            self.pre += 1
        if block:
            self.flush()
        self.text(el.text)
        # XML: running text makes everything inside it inline; HTML: the tag decides.
        children_inline = v.infer and (not block or _has_own_text(el))
        for child in el:
            self.walk(child, children_inline)
            self.text(child.tail)
        if tag == "pre":
            self.pre -= 1
        if block:
            self.end_block(el)

    def collect_note_list(self, el) -> None:
        """A footnote list (EUR-Lex ``<dl id="footnotes"><dd>``): one note per item."""
        items = [c for c in el if _local(c) in ("dd", "li", "div", "p", "aside")] or [el]
        for item in items:
            note = _flatten_note(item, self.v, self.html)
            if note:
                self.notes.append(note)

    def result(self) -> str:
        self.flush()
        if self.label:
            self.paras.append(self.label)
        out = list(self.paras)
        if self.notes:
            out.append(FOOTNOTE_RULE)
            out.extend(f"{i} {n}" for i, n in enumerate(self.notes, 1))
        return "\n\n".join(out) + ("\n" if out else "")


def _has_own_text(el) -> bool:
    if el.text and el.text.strip():
        return True
    return any(c.tail and c.tail.strip() for c in el)


def _flatten_note(el, vocab: TagRules, is_html: bool) -> str:
    """The text of a footnote on one line, without its own number."""
    sub = _Flattener(vocab, is_html)
    sub.text(el.text)
    for child in el:
        if not (is_html and "num" in _classes(child)):   # EUR-Lex "(1)": renumbered at the end
            sub.walk(child, False)
        sub.text(child.tail)
    sub.flush()
    if sub.label:
        sub.paras.append(sub.label)
    return _collapse(" ".join(sub.paras + sub.notes))


# --------------------------------------------------------------------------- entry points

_SAFE_XML = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml_root(data: bytes, name: str):
    """The root element of well-formed XML, or InputError saying where it breaks."""
    parser = etree.XMLParser(remove_comments=False, **_SAFE_XML)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name} is not well-formed XML ({exc.msg}, line {exc.lineno}); "
                         "fix the file or pass a .txt") from None


def read_xml(data: bytes, name: str) -> tuple[str, dict[str, str]]:
    root = parse_xml_root(data, name)
    flat = _Flattener(_XML, is_html=False)
    flat.walk(root, False)
    return flat.result(), _xml_meta(root)


def read_html(text: str, name: str) -> tuple[str, dict[str, str]]:
    # huge_tree: libxml2 otherwise stops at 256 levels and silently drops the
    # deep element and everything after it; past its hard limit (2048) we say so.
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True,
                                  huge_tree=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name} cannot be read as HTML ({exc}); pass a .txt instead") from None
    for err in parser.error_log:
        if err.type_name == "ERR_RESOURCE_LIMIT" or "depth" in err.message.lower():
            raise InputError(f"{name} is nested too deeply to read whole (line {err.line}: "
                             f"{err.message.strip().split(',')[0].lower()}); the rest would be "
                             "lost: flatten the HTML or pass a .txt")
    meta = _html_meta(root)
    body = root.find("body")
    flat = _Flattener(_HTML, is_html=True)
    flat.walk(body if body is not None else root, False)
    return flat.result(), meta


# --------------------------------------------------------------------------- metadata

_DC = "http://purl.org/dc/elements/1.1/"
_LANG3 = {"eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es",
          "nld": "nl", "dut": "nl", "ita": "it", "por": "pt"}


def language_code(value: str) -> str:
    """ISO 639-1 from "EN", "en-GB", "eng"; "" when unrecognised."""
    v = value.strip().lower().replace("_", "-")
    head = v.split("-", 1)[0]
    if re.fullmatch(r"[a-z]{2}", head):
        return head
    return _LANG3.get(head, "")


def iso_date(value: str) -> str:
    """ISO 8601 from "2025-01-28" or "20220914"; "" otherwise."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", v)
    return f"{m[1]}-{m[2]}-{m[3]}" if m else ""


def _xml_meta(root) -> dict[str, str]:
    meta: dict[str, str] = {}
    for el in root.iter(f"{{{_DC}}}title", f"{{{_DC}}}date", f"{{{_DC}}}language"):
        key = etree.QName(el).localname
        value = _collapse("".join(el.itertext()))
        if key == "date":
            value = iso_date(value)
        elif key == "language":
            value = language_code(value)
        if value and key not in meta:
            meta[key] = value
    num = root.find(".//legis-num")
    if num is not None and _collapse("".join(num.itertext())):
        meta["symbol"] = _collapse("".join(num.itertext()))
    bib = root.find("BIB.INSTANCE")
    if bib is not None:          # Formex: date of the act and its language
        date = bib.find("DATE")
        if date is not None and iso_date(date.get("ISO", "")):
            meta.setdefault("date", iso_date(date.get("ISO", "")))
        lang = bib.find("LG.DOC")
        if lang is not None and language_code(lang.text or ""):
            meta.setdefault("language", language_code(lang.text or ""))
    ti = root.find("TITLE/TI")
    if ti is not None:
        meta.setdefault("title", _collapse(" ".join(
            "".join(p.itertext()) for p in ti.iter("P"))))
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("lang")
    if lang and language_code(lang):
        meta.setdefault("language", language_code(lang))
    return meta


_FILE_NAME_TITLE = re.compile(r"\.(?:docx?|x?html?|xml|pdf|rtf)$|%[0-9A-F]{2}", re.I)


def _html_meta(root) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None:
        value = _collapse(title.text_content())
        # EUR-Lex titles are the internal file name: not a title.
        if value and not _FILE_NAME_TITLE.search(value):
            meta["title"] = value
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") \
        or root.get("xml:lang")
    if lang and language_code(lang):
        meta["language"] = language_code(lang)
    for m in root.iter("meta"):
        key = (m.get("name") or "").lower()
        content = m.get("content") or ""
        if key in ("dc.date", "dcterms.date", "date") and iso_date(content[:10]):
            meta.setdefault("date", iso_date(content[:10]))
        elif key in ("dc.language", "language") and language_code(content):
            meta.setdefault("language", language_code(content))
    return meta
