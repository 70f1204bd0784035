"""travaux.renderers.document: the text outline and the JSON contract of `travaux parse`.

The unit tests build a Document by hand (no segmenter needed).  The golden tests
parse fixtures/formats/ inputs through diffing.parse (they need diffing.segment)
and compare with fixtures/formats/golden/, after checking the JSON invariants.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from travaux.diffing.errors import OptionError
from travaux.diffing.model import Artefact, ArtefactKind, Block, BlockKind, Document, DocumentMeta
from travaux.renderers.document import preview, render

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "formats"

BLOCK_KEYS = ["path", "kind", "label", "title", "text", "start", "end", "label_start",
              "label_end", "parent", "depth"]


def small_doc() -> Document:
    source = "Article 5\nÉtat\n\n1. Les États parties <b>&</b> \x1b[31mcoopèrent.\n- 2 -\n"
    meta = DocumentMeta(name="draft.txt", format="text", symbol="A/AC.254/4", title="Projet",
                        date="1999-12-15", language="fr")
    blocks = (
        Block(BlockKind.ARTICLE, "Article 5", ("Article 5",), "État", 10, 14, 0, 9, title="État"),
        Block(BlockKind.PARAGRAPH, "1", ("Article 5", "1"),
              "Les États parties <b>&</b> \x1b[31mcoopèrent.", 19, 62, 16, 18, parent=0, depth=1),
    )
    arts = (Artefact(ArtefactKind.PAGE_NUMBER, "- 2 -", 63, 68),)
    return Document(meta=meta, source=source, blocks=blocks, artefacts=arts)


def test_json_contract_keys_order_and_values():
    out = render(small_doc(), "json")
    assert out.endswith("}\n") and not out.endswith("\n\n")
    data = json.loads(out)
    assert list(data) == ["version", "document", "blocks", "artefacts"]
    assert data["version"] == 1
    assert list(data["document"]) == ["name", "format", "symbol", "title", "date", "language"]
    assert data["document"]["symbol"] == "A/AC.254/4"
    assert [list(b) for b in data["blocks"]] == [BLOCK_KEYS, BLOCK_KEYS]
    first, second = data["blocks"]
    assert first["path"] == ["Article 5"] and first["kind"] == "article" and first["parent"] is None
    assert second["parent"] == 0 and second["depth"] == 1 and second["label_start"] == 16
    assert data["artefacts"] == [{"kind": "page_number", "text": "- 2 -", "start": 63, "end": 68}]
    assert "États" in out                      # ensure_ascii=False
    assert '\n  "version": 1,' in out           # indent 2


def test_json_is_deterministic():
    assert render(small_doc(), "json") == render(small_doc(), "json")


def test_text_outline_lines_and_counts():
    out = render(small_doc(), "text")
    lines = out.splitlines()
    assert out.endswith("\n")
    assert lines[0] == "draft.txt format=text language=fr symbol=A/AC.254/4 date=1999-12-15"
    assert lines[1] == "title: Projet"
    assert lines[2].startswith("Article 5") and "[article]" in lines[2] and lines[2].endswith("État")
    assert lines[3].startswith("  Article 5 > 1") and "[paragraph]" in lines[3]
    assert lines[-1] == "2 blocks (1 article, 1 paragraph); 1 artefact (1 page_number)"


def test_text_outline_neutralises_control_characters():
    out = render(small_doc(), "text")
    assert "\x1b" not in out and "\ufffd[31m" in out
    assert "<b>&</b>" in out                 # plain text: shown as is, never interpreted


def test_preview_cuts_at_a_word():
    text = "word " * 30
    cut = preview(text, 20)
    assert cut.endswith("…") and len(cut) <= 21 and not cut[:-1].endswith(" ")
    assert preview("short text") == "short text"


def test_unknown_format_is_an_option_error():
    with pytest.raises(OptionError, match="text, json"):
        render(small_doc(), "html")


def test_empty_document():
    doc = Document(meta=DocumentMeta(), source="", blocks=())
    assert render(doc, "text").splitlines()[-1] == "0 blocks; 0 artefacts"
    assert json.loads(render(doc, "json"))["blocks"] == []


# --------------------------------------------------------------------------- goldens (need segment)

def golden_inputs() -> list[str]:
    """The inputs that have goldens, found by folder: ``golden/treaty-docx.json`` is the
    golden of ``treaty.docx`` (the last hyphen of the stem stands for the dot)."""
    names = [".".join(g.stem.rsplit("-", 1)) for g in sorted((FIX / "golden").glob("*.json"))]
    missing = [n for n in names if not (FIX / n).exists()]
    assert not missing, f"goldens without an input in {FIX}: {missing}"
    return names


GOLDEN_INPUTS = golden_inputs()


def test_golden_inputs_are_discovered():
    assert {"treaty.txt", "treaty.md", "treaty.docx", "sample.html", "us-s269-is.xml"} <= set(GOLDEN_INPUTS)


@pytest.mark.parametrize("name", GOLDEN_INPUTS)
def test_golden_parse_output(name, golden):
    from travaux.diffing.parse import parse_path

    doc = parse_path(FIX / name)
    out = render(doc, "json")
    data = json.loads(out)
    # invariants first: the JSON says what the Document says, offsets index the source
    assert len(data["blocks"]) == len(doc.blocks) and len(data["artefacts"]) == len(doc.artefacts)
    for i, (b, jb) in enumerate(zip(doc.blocks, data["blocks"])):
        assert jb["path"] == list(b.path) and jb["text"] == b.text
        assert 0 <= jb["start"] <= jb["end"] <= len(doc.source)
        assert jb["parent"] is None or 0 <= jb["parent"] < i
        if jb["label_start"] >= 0:
            assert doc.source[jb["label_start"]:jb["label_end"]].strip()
    for a in data["artefacts"]:
        assert doc.source[a["start"]:a["end"]] == a["text"]
    assert len({tuple(b["path"]) for b in data["blocks"]}) == len(data["blocks"])

    stem = name.replace(".", "-")
    golden.check(FIX / "golden" / f"{stem}.json", out)
    golden.check(FIX / "golden" / f"{stem}.outline.txt", render(doc, "text"))


@pytest.mark.parametrize("name", ["sample.html", "us-s269-is.xml", "treaty.docx"])
def test_text_from_markup_formats_keeps_angle_brackets(name):
    """HTML/XML/docx text has no markup left: "<in accordance>" (from &lt;...&gt;) is words.

    The segmenter must not record it as a MARKUP artefact, or the words vanish
    from the block text (and from every redline).
    """
    from travaux.diffing.parse import parse_path

    doc = parse_path(FIX / name)
    assert [a.text for a in doc.artefacts if a.kind is ArtefactKind.MARKUP] == []
