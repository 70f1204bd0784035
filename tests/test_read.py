"""diffing.read: every format into text, content-based detection, bad input as InputError.

Independent of the segmenter: only ``read_path``/``read_bytes`` are exercised.
Fixtures: fixtures/formats/ (see its notes.md; binaries from make_fixtures.py).
"""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from travaux.diffing.read import reader as read_module
from travaux.diffing.errors import InputError
from travaux.diffing.parse import parse_path
from travaux.diffing.read.reader import MAX_BYTES, detect_format, read_bytes, read_path
from travaux.diffing.read.markup import FOOTNOTE_RULE

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
QUOTES = "\"'‘’“”«»"


def words(text: str) -> list[str]:
    return text.translate({ord(c): " " for c in QUOTES}).split()


def body(text: str) -> str:
    """The text before the footnotes the reader moves to the end."""
    return text.split(f"\n\n{FOOTNOTE_RULE}\n\n")[0]


def paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


# --------------------------------------------------------------------------- plain text


def test_utf8_text_is_read_verbatim():
    raw = (FIX / "treaty.txt").read_bytes()
    got = read_path(FIX / "treaty.txt")
    assert got.format == "text"
    assert got.text == raw.decode("utf-8")
    assert got.meta.name == "treaty.txt" and got.meta.format == "text"


def test_markdown_by_extension_and_by_headings(tmp_path):
    assert read_path(FIX / "treaty.md").format == "markdown"
    renamed = tmp_path / "treaty.txt"
    renamed.write_bytes((FIX / "treaty.md").read_bytes())
    got = read_path(renamed)
    assert got.format == "markdown"
    assert got.text == (FIX / "treaty.md").read_text(encoding="utf-8")


def test_markdown_with_a_stray_meta_tag_is_not_html(tmp_path):
    # The BWB Markdown files start with <meta http-equiv=...>; they are Markdown.
    src = "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n" \
          "##Convention\n\n### Article  1\n\nThe purpose of this Convention.\n"
    f = tmp_path / "final.txt"
    f.write_text(src, encoding="utf-8")
    got = read_path(f)
    assert got.format == "markdown"
    assert got.text == src


TEXT = "Artículo 5. El Gobierno — «protección» de datos; 100 €.\nÉtats parties: “délai” ‘x’ œuvre.\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"),
    ("utf-16-le", b""),              # UTF-16 saved without BOM
    ("cp1252", b""),
])
def test_encodings(encoding, prefix):
    got = read_bytes(prefix + TEXT.encode(encoding), "draft.txt")
    assert got.text == TEXT
    assert "\ufeff" not in got.text


def test_latin1_without_cp1252_only_characters():
    text = "Artículo 5. Sección 2ª: año, «protección», § 3 Größe.\n" * 3
    assert read_bytes(text.encode("latin-1"), "a.txt").text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_are_normalised_to_lf(newline):
    src = "Article 1\n\n1. Text.\n\fPage 2\n"
    got = read_bytes(src.replace("\n", newline).encode("utf-8"), "a.txt")
    assert got.text == src


def test_crlf_in_utf16_with_bom():
    src = "Article 1\r\nText\r\n"
    assert read_bytes(b"\xff\xfe" + src.encode("utf-16-le"), "a.txt").text == "Article 1\nText\n"


# --------------------------------------------------------------------------- detection


def test_detection_from_content_not_extension():
    pdf = (FIX / "treaty.pdf").read_bytes()
    docx = (FIX / "treaty.docx").read_bytes()
    html = (FIX / "sample.html").read_bytes()
    xml = (FIX / "us-s269-is.xml").read_bytes()
    assert detect_format(pdf, "treaty.txt") == "pdf"
    assert detect_format(docx, "treaty.bin") == "docx"
    assert detect_format(html, "page.txt") == "html"
    assert detect_format(xml, "bill.txt") == "xml"
    assert detect_format(b"<bill><legis-body>x</legis-body></bill>", "") == "xml"
    assert detect_format(b"<p>Article 1</p><p>Text</p>", "") == "html"
    assert detect_format(b"Article 1 <b> is not markup", "a.txt") == "text"


def test_pdf_named_txt_reads_as_pdf(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_bytes((FIX / "treaty.pdf").read_bytes())
    got = read_path(f)
    assert got.format == "pdf" and "Statement of purpose" in got.text


def test_txt_that_is_html_is_flattened(tmp_path):
    f = tmp_path / "page.txt"
    f.write_bytes((FIX / "sample.html").read_bytes())
    got = read_path(f)
    assert got.format == "html"
    assert "<p>" not in got.text and "Statement of purpose" in got.text


# --------------------------------------------------------------------------- docx


def test_docx_paragraphs_numbering_tables_tracked_changes():
    got = read_path(FIX / "treaty.docx")
    assert got.format == "docx"
    paras = paragraphs(got.text)
    assert paras[:3] == ["Draft Convention on Cooperation in Criminal Matters", "Article 1",
                         "Statement of purpose"]
    # Word's automatic numbering, recomputed: levels restart under a new parent
    assert paras[3:11] == [
        "1. The purpose of this Convention is to promote cooperation.",
        "2. States Parties shall:",
        "(a) adopt measures in accordance with domestic law;",
        "(b) in particular:",
        "(i) criminal measures;",
        "(ii) civil measures; and",
        "(c) cooperate with one another.",
        "3. This article applies to all offences.",
    ]
    # tracked changes read as accepted: "shall" inserted, "may" deleted
    assert "Each State Party shall adopt such measures." in paras
    assert not re.search(r"\bmay\b", got.text)
    # numbering taken from the paragraph style (List Number)
    assert "1. First line" in paras and "2. Second line" in paras
    # table cells in order, a line break inside a paragraph
    i = paras.index("State")
    assert paras[i:i + 4] == ["State", "Signature", "Austria", "12 December 2000"]
    assert "Done at Palermo\non 15 December 2000." in paras
    assert got.meta.title == "Draft Convention on Cooperation" and got.meta.language == "en"


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_damaged_docx_is_an_input_error():
    bad = _zip({"word/document.xml": b"<w:document>not closed", "[Content_Types].xml": b"<x/>"})
    with pytest.raises(InputError, match="docx"):
        read_bytes(bad, "draft.docx")
    truncated = (FIX / "treaty.docx").read_bytes()[:3000]
    with pytest.raises(InputError, match="docx|ZIP"):
        read_bytes(truncated, "draft.docx")


def test_zip_and_opendocument_are_refused_with_advice():
    with pytest.raises(InputError, match="ZIP archive, not a .docx"):
        read_bytes(_zip({"a.txt": b"x"}), "a.zip")
    with pytest.raises(InputError, match="OpenDocument"):
        read_bytes(_zip({"content.xml": b"<x/>", "mimetype": b"x"}), "a.odt")


# --------------------------------------------------------------------------- pdf


def test_pdf_pages_in_order_separated_by_form_feed():
    got = read_path(FIX / "treaty.pdf")
    assert got.format == "pdf"
    pages = got.text.split("\n\f")
    assert len(pages) == 2
    assert "(a) adopt measures in accordance with domestic law;" in pages[0]
    assert "(b) cooperate with one another." in pages[1]
    assert words(got.text.replace("\f", " ")) == words(
        "A/AC.254/4 Draft Convention on Cooperation in Criminal Matters Article 1 Statement of "
        "purpose 1. The purpose of this Convention is to promote cooperation to prevent and "
        "combat crime. 2. States Parties shall: (a) adopt measures in accordance with domestic "
        "law; A/AC.254/4 (b) cooperate with one another. Article 2 Use of terms For the purposes "
        "of this Convention, “property” shall mean assets of every kind.")
    # Title and language come from the text, not the PDF's Info/Lang entries (issue 17:
    # real PDFs carry a producer's name or a wrong language there); parse finds them.
    assert got.meta.title == "" and got.meta.language == ""
    doc = parse_path(FIX / "treaty.pdf")
    assert doc.meta.title.startswith("Draft Convention on Cooperation") and doc.meta.language == "en"


def test_pdf_without_text_layer():
    with pytest.raises(InputError, match=r"has no text layer \(scanned image\?\); run OCR first"):
        read_path(FIX / "scanned.pdf")


def test_encrypted_pdf():
    with pytest.raises(InputError, match="encrypted"):
        read_path(FIX / "encrypted.pdf")


@pytest.mark.parametrize("cut", [200, 2000])
def test_corrupt_pdf(cut):
    data = (FIX / "treaty.pdf").read_bytes()[:cut]
    with pytest.raises(InputError, match="PDF"):
        read_bytes(data, "draft.pdf")


# --------------------------------------------------------------------------- html / xml


def test_html_blocks_whitespace_br_script_footnotes_and_meta():
    got = read_path(FIX / "sample.html")
    assert got.format == "html"
    paras = paragraphs(got.text)
    assert paras[:3] == ["Draft Convention on Cooperation", "Preamble text with inline markup.",
                         "Article\u00a01\nStatement of purpose"]
    assert ("1. The purpose of this Convention is to promote cooperation to prevent and combat "
            "crime.") in paras
    assert "(a) adopt measures <in accordance> with domestic law;" in paras
    assert "2. States Parties shall cooperate." in paras          # span.num joined with a space
    for absent in ("hidden", "notText", "color", "Enable JavaScript"):
        assert absent not in got.text
    assert paras[-2:] == [FOOTNOTE_RULE, "1 See resolution 55/25."]
    assert (got.meta.title, got.meta.language, got.meta.date) == \
        ("Draft Convention & Protocol", "en", "1999-12-15")


def test_html_declared_charset_is_used():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Protección €</p></body></html>'
    assert read_bytes(page.encode("cp1252"), "a.html").text == "Protección €\n"


@pytest.mark.parametrize("raw,rendered", [
    ("us-s269-is.xml", "us-s269-is.txt"),
    ("eu-dma-final-excerpt.formex.xml", "eu-dma-final-excerpt.txt"),
    ("eu-dma-proposal-excerpt.xhtml", "eu-dma-proposal-excerpt.txt"),
])
def test_markup_reads_the_same_words_as_the_corpus_rendering(raw, rendered):
    got = read_path(FIX / raw)
    expected = (FIX / rendered).read_text(encoding="utf-8")
    assert words(body(got.text)) == words(expected)


def test_us_bill_enum_and_header_on_one_line_metadata_dropped():
    got = read_path(FIX / "us-s269-is.xml")
    paras = paragraphs(got.text)
    assert "1. Short title" in paras and "(a) In general" in paras
    assert "(7) by adding at the end the following paragraph:" in paras
    assert "Pursuant to Title 17" not in got.text      # <metadata> dc:rights
    assert (got.meta.symbol, got.meta.date, got.meta.language) == ("S. 269", "2025-01-28", "en")
    assert got.meta.title.endswith("Ending Improper Payments to Deceased People Act")
    # the .txt beside the corpus file is the same paragraphs exactly
    assert paras == paragraphs((FIX / "us-s269-is.txt").read_text(encoding="utf-8"))


def test_formex_numbers_before_text_quotes_and_notes():
    got = read_path(FIX / "eu-dma-final-excerpt.formex.xml")
    paras = paragraphs(body(got.text))
    assert paras == paragraphs((FIX / "eu-dma-final-excerpt.txt").read_text(encoding="utf-8"))
    notes = got.text.split(f"\n\n{FOOTNOTE_RULE}\n\n")[1]
    assert notes.startswith("1 OJ\u00a0C\u00a0286, 16.7.2021, p.\u00a064.")   # NBSP kept
    assert (got.meta.date, got.meta.language) == ("2022-09-14", "en")
    assert got.meta.title.startswith("Regulation (EU) 2022/1925")


def test_malformed_xml_is_an_input_error():
    with pytest.raises(InputError, match="not well-formed XML"):
        read_bytes(b"<?xml version='1.0'?><bill><text>unclosed</bill>", "bill.xml")


def test_xml_external_entities_are_not_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doc = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
           "<x><p>before &e; after</p></x>").encode()
    try:
        got = read_bytes(doc, "x.xml")
    except InputError:
        return
    assert "TOP SECRET" not in got.text


# --------------------------------------------------------------------------- bad input


def test_missing_path():
    with pytest.raises(InputError, match="does not exist"):
        read_path(Path("/no/such/draft.txt"))


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


@pytest.mark.parametrize("content,message", [(b"", "is empty"), (b" \n\t\r\n", "only whitespace")])
def test_empty_and_whitespace_only(tmp_path, content, message):
    f = tmp_path / "draft.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_path(f)


def test_markup_without_text(tmp_path):
    with pytest.raises(InputError, match="contains no text"):
        read_bytes(b"<html><body><script>x()</script></body></html>", "a.html")


@pytest.mark.parametrize("data", [
    random.Random(1).randbytes(5000),                 # with NULs
    bytes(range(1, 32)) * 200,                        # control characters, no NUL
    b"ELF\x7f\x02\x01\x01" + bytes(200) + b"code",
])
def test_binary_data(data):
    with pytest.raises(InputError, match="binary|encoding"):
        read_bytes(data, "blob.txt")


@pytest.mark.parametrize("data,message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy Office"),
    (b"{\\rtf1\\ansi Article 1}", "RTF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(50), "image"),
    (b"\xff\xfe" + b"A\x00B", "byte-order mark"),     # UTF-16 BOM, odd length
])
def test_known_unsupported_or_undecodable(data, message):
    with pytest.raises(InputError, match=message):
        read_bytes(data, "draft.doc")


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)        # sparse: no 100 MB written
    read_calls = []
    monkeypatch.setattr(Path, "open", lambda *a, **k: read_calls.append(a) or (_ for _ in ()).throw(
        AssertionError("read before the size check")))
    with pytest.raises(InputError, match="too large"):
        read_path(big)
    assert not read_calls


def test_size_limit_on_bytes(monkeypatch):
    monkeypatch.setattr(read_module, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="too large"):
        read_bytes(b"Article 1 is longer than ten bytes", "a.txt")


def test_permission_denied(tmp_path, monkeypatch):
    f = tmp_path / "draft.txt"
    f.write_text("Article 1")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InputError, match="permission denied"):
        read_path(f)


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)


# --------------------------------------------------------------------------- property

_MARKUP_START = re.compile(r"\s*(<|%PDF|PK\x03\x04)")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_utf8_text_reads_back_or_is_refused(text):
    try:
        got = read_bytes(text.encode("utf-8"), "draft.txt")
    except InputError:
        return
    if text.startswith("\ufeff"):        # a leading U+FEFF is the UTF-8 BOM: dropped
        text = text[1:]
    if got.format in ("text", "markdown"):
        assert got.text == text.replace("\r\n", "\n").replace("\r", "\n")
    else:                                # only content that looks like markup or a PDF
        assert _MARKUP_START.match(text) or "%PDF-" in text
