"""The metadata an HTML page or an XML document states: title, date, language, symbol.

In: the lxml root element (``diffing.read.markup`` parsed it).  Out: the ``DocumentMeta``
fields found, as a dict (Dublin Core in US bill XML, Formex ``BIB.INSTANCE``, the HTML
``<title>``, ``lang`` and ``<meta>`` tags); ``language_code`` and ``iso_date`` normalise
the values (also used for docx properties).
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["language_code", "iso_date", "xml_meta", "html_meta"]

_WS = re.compile(r"[ \t\n\r\f]+")     # HTML/XML whitespace; NBSP is text, kept


def _collapse(s: str) -> str:
    return _WS.sub(" ", s).strip()


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


def xml_meta(root) -> dict[str, str]:
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
        # The printing's stage ("PCS", "ES", "ENR") is the code GPO puts in dc:title
        # ("119 S5 PCS: Laken Riley Act"): it tells two versions of one bill apart.
        stage = re.match(r"\s*(?:\d+\s+)?[A-Z]+\s*\d+\s+([A-Z0-9]{2,6})\s*:", meta.get("title", ""))
        if stage:
            meta["symbol"] += " " + stage.group(1)
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


def html_meta(root) -> dict[str, str]:
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
