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

Besides the text, the XML reader returns ``Mark`` spans the segmenter cannot see
in plain text: US ``<quoted-block>`` paragraphs (matter the bill inserts into
another Act: "quoted") and the attestation, endorsement and action lines of a
bill's print ("furniture": "Passed the Senate January 20, 2025.", "Secretary").

Which elements are blocks: HTML has a fixed list.  XML has none, so an element
is a block when its parent holds no text of its own (a container), and inline
when it sits in running text (mixed content), with a few known names pinned
either way.  Only the lxml parser is used (the same walker serves HTML and
XML); DTDs and external entities are never loaded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from lxml import etree, html as lxml_html

from travaux.diffing.errors import InputError
from travaux.diffing.read.markup_meta import html_meta, iso_date, language_code, xml_meta
from travaux.diffing.read.revisions import keep_element

#: Put between the text and the footnotes moved to the end (the footnote
#: separator the segmenter knows from UN documents).
FOOTNOTE_RULE = "_______________"

_WS = re.compile(r"[ \t\n\r\f]+")     # HTML/XML whitespace; NBSP is text, kept


#: Mark kinds (``Mark.kind``).
QUOTED = "quoted"           # a paragraph of quoted matter (US <quoted-block>)
FURNITURE = "furniture"     # print furniture: attestation, endorsement, action lines
NOTE = "note"               # a footnote moved to the end ("12 Text"), ``number`` 12
NOTEREF = "noteref"         # where footnote ``number`` is cited (an empty span)

#: Stands in the text, while it is assembled, for a footnote reference (removed after).
_REF = "\ue000"


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the extracted text the markup says something about (see ``QUOTED``)."""

    kind: str
    start: int
    end: int
    number: int = 0     # NOTE / NOTEREF: the footnote's number in the text


#: XML elements whose paragraphs are furniture (US bills: who passed it when, signatures).
_FURNITURE = frozenset("attestation endorsement action".split())


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
        self.state: list[str] = []          # open QUOTED / FURNITURE elements, innermost last
        self.kinds: list[tuple[str, int]] = []  # per paragraph: (mark kind or "", length it covers)
        self.track = False                  # record footnote references (top-level walk only)
        self.state_wanted = "current"       # which state of marked changes to read
        self.changes = 0                    # elements marked changed="deleted"/"added"
        self.refs: list[str | int] = []     # per _REF in the text: a note number or an HTML id
        self.note_ids: dict[str, int] = {}  # HTML footnote id -> number
        self._marks: tuple[Mark, ...] = ()

    def ref(self, target: str | int) -> None:
        if self.track:
            self.refs.append(target)
            self.cur.append(_REF)

    def _para(self, para: str) -> None:
        self.paras.append(para)
        self.kinds.append((self.state[-1] if self.state else "", len(para)))

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
                if _REF in line:
                    line = _refs_zero_width(line)
                    if not line.strip(_REF) and not lines and self.paras:
                        self.paras[-1] += line      # a reference alone: with the paragraph before
                        line = ""
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
            self._para(para)

    def set_label(self, s: str, owner) -> None:
        s = _collapse(s)
        if not s:
            return
        self.flush()
        if self.label:                  # "(E)" then a clause with its own "(i)"
            self._para(self.label)
        self.label, self.label_owner = s, owner

    def end_block(self, el) -> None:
        self.flush()
        if self.label and self.label_owner is el:
            self._para(self.label)
            self.label = None

    # -- the walk
    def walk(self, el, inline: bool) -> None:
        tag = _local(el)
        if not tag:                     # comment, processing instruction, entity
            return
        v = self.v
        if tag in v.drop:
            return
        if not self.html and (tag in ("deleted-phrase", "added-phrase") or el.get("changed")):
            keep = keep_element(el.get("changed") or "", tag, self.state_wanted)
            if keep is not None:
                self.changes += 1
                if not keep:
                    return
        if self.html:
            cls = _classes(el)
            if cls & _NOTE_REF_CLASSES or el.get("role") == "doc-noteref":
                link = el if el.get("href") else next(el.iterfind(".//*[@href]"), None)
                self.ref((link.get("href") or "").lstrip("#") if link is not None else "")
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
            self.ref(len(self.notes))
            return
        if tag in v.labels:
            self.set_label("".join(el.itertext()), el.getparent())
            return
        if tag in v.append:
            self.flush()
            extra = _collapse("".join(el.itertext()))
            if extra and self.paras:
                self.paras[-1] += extra     # "”." closes the quotation: not quoted matter
            elif extra:
                self._para(extra)
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
        marked = "" if self.html else QUOTED if tag == "quoted-block" else \
            FURNITURE if tag in _FURNITURE else ""
        if marked:
            self.flush()
            self.state.append(marked)
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
        if marked:
            self.flush()
            if self.label and self.label_owner is el:
                self._para(self.label)
                self.label = None
            self.state.pop()

    def collect_note_list(self, el) -> None:
        """A footnote list (EUR-Lex ``<dl id="footnotes"><dd>``): one note per item."""
        items = [c for c in el if _local(c) in ("dd", "li", "div", "p", "aside")] or [el]
        for item in items:
            note = _flatten_note(item, self.v, self.html)
            if note:
                self.notes.append(note)
                if item.get("id"):
                    self.note_ids[item.get("id")] = len(self.notes)

    def result(self) -> str:
        self.flush()
        if self.label:
            self._para(self.label)
        out = list(self.paras)
        marks: list[Mark] = []
        pos = 0
        for para, (kind, length) in zip(self.paras, self.kinds):
            if kind:
                if marks and marks[-1].kind == kind and marks[-1].end + 2 == pos and kind == FURNITURE:
                    marks[-1] = Mark(kind, marks[-1].start, pos + length)
                else:
                    marks.append(Mark(kind, pos, pos + length))
            pos += len(para) + 2
        if self.notes:
            out.append(FOOTNOTE_RULE)
            pos += len(FOOTNOTE_RULE) + 2
            for i, n in enumerate(self.notes, 1):
                line = f"{i} {n}"
                out.append(line)
                marks.append(Mark(NOTE, pos, pos + len(line), i))
                pos += len(line) + 2
        text = "\n\n".join(out) + ("\n" if out else "")
        if not self.refs:
            self._marks = tuple(marks)
            return text
        # Take the reference stand-ins out; every offset after one moves back by one.
        cuts = [k for k, ch in enumerate(text) if ch == _REF]
        shift = lambda p: p - bisect_left(cuts, p)   # noqa: E731 (offsets in text with stand-ins)
        refs: list[Mark] = []
        for k, target in zip(cuts, self.refs):
            number = target if isinstance(target, int) else self.note_ids.get(target, 0)
            if number:
                refs.append(Mark(NOTEREF, shift(k), shift(k), number))
        moved = [Mark(m.kind, shift(m.start), shift(m.end), m.number) for m in marks]
        self._marks = tuple(sorted(moved + refs, key=lambda m: (m.start, m.end)))
        return text.replace(_REF, "")

    def marks(self) -> tuple[Mark, ...]:
        """The ``Mark`` spans of ``result()``'s text (call it after ``result``)."""
        return self._marks


def _refs_zero_width(line: str) -> str:
    """Spaces around reference stand-ins as if they were not there ("JED \ue000" -> "JED\ue000")."""
    line = line.replace(" " + _REF + " ", _REF + " ")
    # (``str.strip`` also takes a no-break space off the ends: so do we, refs or not)
    line = re.sub(f"[\\s{_REF}]+$", lambda m: "".join(c for c in m[0] if c == _REF), line)
    return re.sub(f"^[\\s{_REF}]+", lambda m: "".join(c for c in m[0] if c == _REF), line)


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
    text, meta, _, _ = read_xml_marked(data, name)
    return text, meta


def read_xml_marked(data: bytes, name: str, revisions: str = "current"
                    ) -> tuple[str, dict[str, str], tuple[Mark, ...], int]:
    """The text, the metadata, the ``Mark`` spans (quoted matter, furniture, footnotes)
    of XML, and how many elements are marked as changed (a reported bill's
    ``changed="deleted"``/``"added"``: the ``revisions`` state is read)."""
    root = parse_xml_root(data, name)
    flat = _Flattener(_XML, is_html=False)
    flat.track = _REF.encode() not in data
    flat.state_wanted = revisions
    flat.walk(root, False)
    text = flat.result()
    return text, xml_meta(root), flat.marks(), flat.changes


def read_html(text: str, name: str) -> tuple[str, dict[str, str]]:
    out, meta, _ = read_html_marked(text, name)
    return out, meta


def read_html_marked(text: str, name: str) -> tuple[str, dict[str, str], tuple[Mark, ...]]:
    """The text, the metadata and the ``Mark`` spans (footnotes and their citations)."""
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
    meta = html_meta(root)
    body = root.find("body")
    flat = _Flattener(_HTML, is_html=True)
    flat.track = _REF not in text
    flat.walk(body if body is not None else root, False)
    return flat.result(), meta, flat.marks()
