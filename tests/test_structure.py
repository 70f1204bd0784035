"""Structure of real documents, round two (issue 12): one section per item.

Each test parses a fixture cut from the real document named in the issue (see the
fixture's notes.md) and checks the structure a user cites, pairs and counts.
"""

from __future__ import annotations

from pathlib import Path

from travaux.diffing.model import ArtefactKind, BlockKind, Document
from travaux.diffing.parse import parse_path

from test_segment import check_invariants

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _paths(d: Document) -> list[str]:
    return [b.citation for b in d.blocks]


# --------------------------------------------------------------------------- 1, 2: US bill XML

def test_quoted_matter_nests_under_its_instruction():
    d = parse_path(FIX / "parse-us-quoted" / "s5-es-excerpt.xml")
    check_invariants(d)
    paths = _paths(d)
    assert not [p for p in paths if "[" in p], "no path needs a [2]"
    # INA § 236(f), inserted by Sec. 3 (b)(2), is quoted matter under that instruction ...
    f = d.blocks[d.find("Sec. 3 > (b) > (2) > “(f)”")]
    assert f.title == "Enforcement by attorney general of a State"
    assert d.blocks[f.parent].text == "by adding at the end the following:"
    assert d.find("Sec. 3 > (b) > (2) > “(f)” > “¶1”") is not None
    # ... and the bill's own (f) keeps its path.
    own = d.blocks[d.find("Sec. 3 > (f)")]
    assert own.title == "Limit on injunctive relief" and own.kind is BlockKind.SUBPARAGRAPH
    # a quotation introduced by unlabelled lead-in text hangs under the lead-in's block
    assert d.blocks[d.find("Sec. 3 > (f) > “(3)”")].title == "Certain actions"
    # two quoted paragraphs inserted by one instruction are siblings under it
    assert [d.blocks[i].label for i in d.children(d.find("Sec. 2 > (3)"))] == ["“(2)”", "“(3)”"]
    assert d.blocks[d.find("Sec. 2 > (3) > “(2)”")].title == "Definition"
    assert d.find("Sec. 2 > (2)") is None
    assert [b.label for b in d.blocks if b.kind is BlockKind.ARTICLE] == ["Sec. 1", "Sec. 2", "Sec. 3"]


def test_quoted_matter_is_never_a_provision_and_labels_are_quoted():
    d = parse_path(FIX / "parse-us-quoted" / "s269-enr.xml")
    check_invariants(d)
    assert [b.label for b in d.blocks if b.kind is BlockKind.ARTICLE] == ["Sec. 1", "Sec. 2"]
    quoted = [b.citation for b in d.blocks if "“" in b.label]
    assert quoted == ["Sec. 2 > (a) > “(11)”", "Sec. 2 > (a) > “(12)”", "Sec. 2 > (b) > “(C)”"]
    # the label span still points at the source's own "(11)"
    b = d.blocks[d.find("Sec. 2 > (a) > “(11)”")]
    assert d.source[b.label_start:b.label_end] == "(11)"


def test_attestation_lines_are_furniture():
    es = parse_path(FIX / "parse-us-quoted" / "s5-es-excerpt.xml")
    last = es.blocks[-1]
    # (the second "." is the bill's own, after the quotation: <after-quoted-block>)
    assert last.text.endswith("or section 241(a)(2)(B)..")
    assert not [b for b in es.blocks if "Passed the Senate" in b.text or b.text == "Secretary"]
    furniture = " ".join(a.text for a in es.artefacts if a.kind is ArtefactKind.FURNITURE)
    assert "Passed the Senate January 20, 2025." in furniture and "Secretary" in furniture
    enr = parse_path(FIX / "parse-us-quoted" / "s269-enr.xml")
    assert not [b for b in enr.blocks if "Speaker of the House" in b.text or "President of the" in b.text]
    furniture = " ".join(a.text for a in enr.artefacts if a.kind is ArtefactKind.FURNITURE)
    assert "Speaker of the House of Representatives" in furniture
    assert "Vice President of the United States and President of the Senate" in furniture


# --------------------------------------------------------------------------- 5: nested list styles

def test_a_dot_under_a_paren_is_a_deeper_level():
    d = parse_path(FIX / "parse-nested-styles" / "untoc-art5.md")
    check_invariants(d)
    assert not [p for p in _paths(d) if "[" in p]
    ii = d.find("Article 5 > 1 > (a) > (ii)")
    kids = [d.blocks[i] for i in d.children(ii)]
    assert [(k.label, k.text[:28]) for k in kids] == [
        ("(a)", "Criminal activities of the o"), ("(b)", "Other activities of the orga")]
    b = d.blocks[d.find("Article 5 > 1 > (b)")]
    assert b.text.startswith("Organizing, directing, aiding")
    assert [d.blocks[i].label for i in d.children(d.find("Article 5 > 1"))] == ["(a)", "(b)"]


# --------------------------------------------------------------------------- 7: titles and preambles

def test_enacting_formula_and_preamble_are_not_the_title():
    d = parse_path(FIX / "parse-titles" / "de-gg-head.md")
    check_invariants(d)
    title = d.blocks[0]
    assert title.kind is BlockKind.TITLE and "Parlamentarische Rat" not in title.text
    assert "Verantwortung vor Gott" not in title.text
    assert d.blocks[d.find("Eingangsformel > ¶1")].text.startswith("Der Parlamentarische Rat hat am 23. Mai")
    assert d.blocks[d.find("Präambel > ¶1")].text.startswith("Im Bewußtsein seiner Verantwortung")
    assert d.meta.title == "Grundgesetz für die Bundesrepublik Deutschland"


def test_treaty_preamble_and_enacting_words_are_blocks_of_their_own():
    d = parse_path(FIX / "parse-titles" / "cites-head.md")
    check_invariants(d)
    assert d.meta.language == "en"
    assert d.meta.title == "Convention on International Trade in Endangered Species of Wild Fauna and Flora"
    assert "Contracting States" not in d.blocks[0].text
    top = [(b.citation, b.kind, b.text[:24]) for b in d.blocks if b.depth == 0][:9]
    assert top == [
        ("Title", BlockKind.TITLE, "Overeenkomst inzake de i"),
        ("¶1", BlockKind.TEXT, "The Contracting States,"),
        ("PP1", BlockKind.PREAMBLE, "Recognizing that wild fa"),
        ("PP2", BlockKind.PREAMBLE, "Conscious of the ever-gr"),
        ("PP3", BlockKind.PREAMBLE, "Recognizing that peoples"),
        ("PP4", BlockKind.PREAMBLE, "Recognizing, in addition"),
        ("PP5", BlockKind.PREAMBLE, "Convinced of the urgency"),
        ("¶2", BlockKind.TEXT, "Have agreed as follows:"),
        ("Article I", BlockKind.ARTICLE, "Definitions"),
    ]


def test_metadata_title_in_the_documents_language_and_none_for_an_excerpt():
    assert parse_path(FIX / "parse-titles" / "untoc-head.md").meta.title == \
        "United Nations Convention against Transnational Organized Crime"
    assert parse_path(FIX / "parse-untoc-excerpt" / "source.txt").meta.title == ""


def test_a_metadata_title_that_names_nothing_is_not_the_title():
    from travaux.diffing.model import DocumentMeta
    from travaux.diffing.segment.segmenter import segment

    text = (FIX / "parse-titles" / "untoc-head.md").read_text(encoding="utf-8")
    for junk in ("(anonymous)", "Untitled", "Microsoft Word - draft.doc"):
        d = segment(text, DocumentMeta(format="pdf", title=junk))
        assert d.meta.title == "United Nations Convention against Transnational Organized Crime", junk
    kept = segment(text, DocumentMeta(format="pdf", title="Draft Convention on Cooperation"))
    assert kept.meta.title == "Draft Convention on Cooperation"


# --------------------------------------------------------------------------- 4: wrapped Spanish headings

def test_bocg_headings_sharing_a_line_or_wrapped():
    d = parse_path(FIX / "parse-es-wrapped" / "bocg-4-9-excerpt.txt")
    check_invariants(d)
    heads = {b.label: b.title for b in d.blocks if b.kind is BlockKind.ARTICLE}
    assert list(heads) == [f"Disposición final {n}" for n in (
        "sexta", "séptima", "octava", "novena", "décima", "undécima", "duodécima")]
    assert heads["Disposición final sexta"] == \
        "Modificación de la Ley 24/2003, de 10 de julio, de la Viña y del Vino."
    assert heads["Disposición final novena"].startswith("Modificación del Real Decreto 833/2014")
    assert heads["Disposición final novena"].endswith("Mesa de coordinación de la producción ecológica.")
    assert "cve" not in heads["Disposición final novena"]
    assert heads["Disposición final undécima"].endswith("aprobado por el Real Decreto Legislativo 2/2015, "
                                                        "de 23 de octubre.")
    assert heads["Disposición final duodécima"].endswith("2014/23/UE y 2014/24/ UE, de 26 de febrero de 2014.")
    octava = d.find("Disposición final octava")
    assert len(d.children(octava)) == 2
    sexta = d.blocks[d.children(d.find("Disposición final sexta"))[0]]
    assert sexta.text.startswith("La Ley 24/2003")


def test_bocg_committee_report_headings():
    d = parse_path(FIX / "parse-es-wrapped" / "bocg-4-5-excerpt.txt")
    check_invariants(d)
    arts = [b for b in d.blocks if b.kind is BlockKind.ARTICLE]
    assert [b.label for b in arts] == ["Disposición final primera pre", "Disposición final primera pre bis",
                                       "Disposición final primera pre ter", "Disposición final primera pre quater"]
    assert arts[1].title.startswith("Modificación del Real Decreto 388/1998, de 13 de marzo, por")
    assert d.source[arts[1].label_start:arts[1].label_end].startswith("Disposición final primera pre bis (nueva).")


# --------------------------------------------------------------------------- 6: flattened UN text

def test_paragraph_number_put_inside_the_previous_item():
    d = parse_path(FIX / "parse-res-56-261" / "source.txt")
    check_invariants(d)
    e = d.blocks[d.find("(e)")]
    assert e.text == "The general promotion of effective crime control strategies."
    p3 = d.blocks[d.find("3")]
    assert p3.text == "States will also endeavour, as appropriate:"
    assert d.source[p3.label_start:p3.label_end] == "3."
    assert d.meta.title == ""      # an excerpt: its first line is a running head and body text


def test_marker_commas_star_note_and_spaced_compound():
    d = parse_path(FIX / "parse-a-conf-187-6" / "source.txt")
    check_invariants(d)
    assert d.blocks[d.find("para 22")].text.endswith("overall amount of “hot money”.")
    star = d.blocks[d.find("fn *")]
    assert star.text == "A/CONF.187/1." and star.kind is BlockKind.FOOTNOTE
    assert not d.blocks[0].text.startswith("*")
    marker = [a for a in d.artefacts if a.kind is ArtefactKind.FOOTNOTE_MARKER and a.text == "*"]
    assert len(marker) == 1 and d.source[marker[0].start - 10:marker[0].start].strip().endswith("agenda")
    p35 = d.blocks[d.find("para 35")].text
    assert "transnational white-collar crime" in p35 and "white- collar" not in p35
    # "pre- and post-ratification" keeps its space (a conjunction follows)
    d2 = parse_path(FIX / "parse-res-56-261" / "source.txt")
    assert "pre- and post-ratification" in d2.blocks[d2.find("3 > (a)")].text


# --------------------------------------------------------------------------- 8: EUR-Lex footnotes

def test_eurlex_footnotes_are_footnotes_under_the_citing_paragraph():
    d = parse_path(FIX / "parse-eurlex-footnotes" / "dma-proposal-excerpt.xhtml")
    check_invariants(d)
    notes = [b for b in d.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [b.label for b in notes] == [f"fn {n}" for n in range(1, 12)]
    assert all(b.parent is not None and d.blocks[b.parent].kind is not BlockKind.FOOTNOTE for b in notes)
    # no note text became a paragraph of the body
    body = [b for b in d.blocks if b.kind is not BlockKind.FOOTNOTE]
    assert not [b for b in body if "activity-based management; ABB" in b.text]
    fn9 = d.blocks[d.find("fn 9")]
    assert fn9.text == "ABM: activity-based management; ABB: activity-based budgeting."
    citing = d.blocks[fn9.parent]
    assert citing.citation.startswith("LEGISLATIVE FINANCIAL STATEMENT")
    assert "ABM/ABB" in citing.text
    fn1 = d.blocks[d.find("fn 1")]
    assert d.blocks[fn1.parent].text.startswith("Large platforms have emerged")
    assert d.blocks[d.find("fn 6")].parent == d.find("PP4")


def test_formex_note_is_attached_where_it_stands():
    d = parse_path(FIX / "formats" / "eu-dma-final-excerpt.formex.xml")
    fn4 = d.blocks[d.find("fn 4")]
    assert fn4.text.startswith("Council Regulation (EC) No 139/2004")
    assert d.blocks[fn4.parent].citation == "Article 1 > 6 > (c)"
    assert fn4.depth == d.blocks[fn4.parent].depth + 1


# --------------------------------------------------------------------------- 9: Markdown tables

def test_a_table_row_is_a_block_named_by_its_first_cell():
    path = FIX / "parse-md-table" / "cites-2015-08-27.md"
    d = parse_path(path)
    check_invariants(d)
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [ln for ln in lines if ln.startswith("|") and not ln.startswith("|:---")]
    table = [b for b in d.blocks if d.source[b.start] == "|"]
    assert len(table) == len(rows) == 26
    assert all("\n" not in d.source[b.start:b.end] for b in table)
    assert [b.label for b in table[:4]] == ["Appendices", "FAUNA", "ARTIODACTYLA", "Antilocapridae Pronghorn"]
    row = d.blocks[d.find("Antilope cervicapra")]
    assert row.text == "| --- | --- | *Antilope cervicapra *(Nepal, Pakistan) |"
    assert any(a.kind is ArtefactKind.MARKUP and a.text == "|:---|:---|:---|:---|:---|:---|" for a in d.artefacts)


def test_an_amended_table_is_compared_row_by_row():
    from travaux.diffing.compare import compare

    old = parse_path(FIX / "parse-md-table" / "cites-2015-07-21.md")
    new = parse_path(FIX / "parse-md-table" / "cites-2015-08-27.md")
    diff = compare(old, new)
    kinds = {}
    for pd in diff.pairs:
        side = pd.pair.new or pd.pair.old
        doc = new if pd.pair.new else old
        kinds[doc.blocks[side[0]].label] = str(pd.pair.kind)
    assert kinds["Antilope cervicapra"] == "modified"
    assert kinds["Boselaphus tragocamelus"] == "inserted"
    assert kinds["Capra sibirica"] == "inserted"
    assert kinds["Addax nasomaculatus"] == "unchanged"
    assert max(len(b.text) for b in new.blocks) < 1000


# --------------------------------------------------------------------------- 3: own revisions

def test_reported_bill_reads_one_state_at_a_time():
    from travaux.diffing.parse import parse_path_revised

    path = FIX / "parse-revisions" / "s269-reported.xml"
    current = parse_path_revised(path)
    original = parse_path_revised(path, "original")
    assert current.revisions == original.revisions == 4
    for parsed in (current, original):
        check_invariants(parsed.document)
        assert [b.label for b in parsed.document.blocks if b.kind is BlockKind.ARTICLE] == ["Sec. 1", "Sec. 2"]
        assert not [b for b in parsed.document.blocks if "[" in b.citation]
    cur, orig = current.document, original.document
    assert cur.blocks[cur.find("Sec. 2 > (b)")].title == \
        "Improving coordination regarding individuals incorrectly identified as deceased"
    assert orig.blocks[orig.find("Sec. 2 > (b)")].title == "Conforming amendment"


def test_docx_tracked_changes_both_states():
    from travaux.diffing.parse import parse_path_revised

    path = FIX / "parse-revisions" / "dma-art1-tracked.docx"
    current = parse_path_revised(path)
    original = parse_path_revised(path, "original")
    assert current.revisions == 17
    cur, orig = current.document, original.document
    assert cur.blocks[cur.find("Article 1")].title == "Subject matter and scope"
    assert orig.blocks[orig.find("Article 1")].title == "Subject-matter and scope"
    assert cur.blocks[cur.find("Article 1 > 1")].text.startswith("The purpose of this Regulation")
    assert orig.blocks[orig.find("Article 1 > 1")].text.startswith("This Regulation lays down")
    # a paragraph deleted or inserted whole exists in one state only
    assert [b.text[:12] for b in cur.blocks if b.label == "(a)"] == ["electronic c"]
    assert [b.text[:12] for b in orig.blocks if b.label == "(a)"] == ["related to e"]
    for d in (cur, orig):
        check_invariants(d)


def test_cli_notes_revisions_and_compares_a_file_with_itself():
    from click.testing import CliRunner

    from travaux.cli import cli

    path = str(FIX / "parse-revisions" / "dma-art1-tracked.docx")
    res = CliRunner().invoke(cli, ["parse", path])
    assert res.exit_code == 0
    assert "17 tracked changes read as accepted; --revisions original" in res.stderr
    res = CliRunner().invoke(cli, ["parse", path, "--revisions", "original", "--format", "json"])
    assert res.exit_code == 0 and res.stderr == "" and "This Regulation lays down" in res.stdout
    res = CliRunner().invoke(cli, ["compare", path, "--format", "json"])
    assert res.exit_code == 1, res.output
    import json

    diff = json.loads(res.stdout)
    kinds = [p["kind"] for p in diff["pairs"]]
    assert kinds.count("modified") == 3 and "unchanged" in kinds
    changes = [k for p in diff["pairs"] for c in p["changes"] for k in c["kinds"]]
    assert "insertion" in changes and len(changes) >= 5   # the proposal's wording -> the final's
    plain = str(FIX / "parse-us-quoted" / "s5-es-excerpt.xml")
    res = CliRunner().invoke(cli, ["compare", plain])
    assert res.exit_code == 2 and "carries no tracked changes" in res.stderr

