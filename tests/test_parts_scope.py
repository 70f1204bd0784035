"""Document parts (diffing.segment.parts) and the scope of a comparison
(diffing.scope, ``compare --scope``) on real texts from fixtures/.

Parts: the cover, explanatory memorandum and financial statement of a
Commission proposal, the signatures of an adopted act, the attestation of an
engrossed bill.  The alignment pairs a block only with a block of its own part.
Scope: enacting terms only, an excerpt against the full text, a range of
provisions, and the one-line errors for a range that names nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from travaux.diffing.align.aligner import align
from travaux.diffing.compare import compare
from travaux.diffing.errors import OptionError
from travaux.diffing.model import CompareOptions, PairKind
from travaux.diffing.parse import parse_path
from travaux.diffing.scope import restrict
from travaux.diffing.segment.parts import Part, parts

from test_align import check_exactly_once

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _parts_by_citation(doc):
    return {b.citation: p for b, p in zip(doc.blocks, parts(doc))}


def test_proposal_parts_cover_memorandum_preamble_enacting_end_financial():
    doc = parse_path(FIX / "compare-eu-dma" / "proposal.txt")
    found = _parts_by_citation(doc)
    assert found["Title"] is Part.COVER
    assert found["EXPLANATORY MEMORANDUM"] is Part.MEMORANDUM
    assert found["EXPLANATORY MEMORANDUM > 1"] is Part.MEMORANDUM
    assert found["EXPLANATORY MEMORANDUM > 5 > ¶18"] is Part.COVER      # "Proposal for a"
    assert found["PP1"] is Part.PREAMBLE and found["Recital 79"] is Part.PREAMBLE
    assert found["Article 39 > 3"] is Part.ENACTING                     # "This Regulation shall be binding"
    assert found["Article 39 > 3 > ¶1"] is Part.END                     # "Done at Brussels,"
    assert found["LEGISLATIVE FINANCIAL STATEMENT"] is Part.FINANCIAL
    assert found["LEGISLATIVE FINANCIAL STATEMENT [2] > 3"] is Part.FINANCIAL
    ps = parts(doc)
    assert len(ps) == len(doc.blocks)
    # every article and everything in it up to the signatures is enacting
    for i, b in enumerate(doc.blocks):
        if b.kind == "article":
            assert ps[i] is Part.ENACTING, b.citation


def test_signatures_and_attestation_are_end_matter():
    act = _parts_by_citation(parse_path(FIX / "compare-eu-data-act" / "final.txt"))
    assert act["Article 50 > ¶7"] is Part.ENACTING        # the binding clause is law
    assert [act[f"Article 50 > ¶{k}"] for k in (8, 9, 10, 11)] == [Part.END] * 4
    bill = _parts_by_citation(parse_path(FIX / "history-us-s269" / "02-es.txt"))
    assert bill["Title"] is Part.COVER
    assert bill["Sec. 2 > (c) > ¶1"] is Part.ENACTING
    assert bill["Sec. 2 > (c) > ¶2"] is Part.END and bill["Sec. 2 > (c) > ¶3"] is Part.END
    untoc = parse_path(FIX / "compare-untoc-editions" / "final.txt")
    assert parts(untoc)[-1] is Part.END                     # "IN WITNESS WHEREOF"


def test_alignment_never_pairs_blocks_of_different_parts():
    """The DMA proposal's financial statement once "moved" into Article 16(4)."""
    old = parse_path(FIX / "compare-eu-dma" / "proposal.txt")
    new = parse_path(FIX / "compare-eu-dma" / "final.txt")
    alignment = align(old, new)
    check_exactly_once(alignment)
    po, pn = parts(old), parts(new)
    for p in alignment.paragraphs:
        found = {po[i] for i in p.old} | {pn[i] for i in p.new}
        assert len(found) <= 1, (p, found)
    # and the two "Entry into force" articles pair although their signatures differ
    data_old = parse_path(FIX / "compare-eu-data-act" / "proposal.txt")
    data_new = parse_path(FIX / "compare-eu-data-act" / "final.txt")
    pairs = {(data_old.blocks[o].citation, data_new.blocks[n].citation)
             for p in align(data_old, data_new).provisions for o in p.old for n in p.new}
    assert ("Article 42", "Article 50") in pairs


def test_restrict_keeps_offsets_paths_and_parents():
    doc = parse_path(FIX / "compare-eu-dma" / "final.txt")
    keep = {i for i, b in enumerate(doc.blocks) if b.path[:1] == ("Article 5",) and len(b.path) > 1}
    cut = restrict(doc, keep)
    # the enclosing provision and its chapter come along
    assert [b.citation for b in cut.blocks[:2]] == ["Chapter III", "Article 5"]
    assert len(cut.blocks) == len(keep) + 2
    original = {b.citation: b for b in doc.blocks}
    for b in cut.blocks:
        was = original[b.citation]
        assert (b.start, b.end, b.text) == (was.start, was.end, was.text)   # same offsets
        if b.parent is not None:                                            # same parent
            assert cut.blocks[b.parent].citation == doc.blocks[was.parent].citation


def test_scope_enacting_leaves_out_memorandum_preamble_financial_statement_and_signatures():
    old = parse_path(FIX / "compare-eu-dma" / "proposal.txt")
    new = parse_path(FIX / "compare-eu-dma" / "final.txt")
    diff = compare(old, new, CompareOptions(scope="enacting"))
    check_exactly_once(diff.alignment)
    for doc in (diff.old, diff.new):
        assert set(parts(doc)) == {Part.ENACTING}
        assert all(not b.citation.startswith(("Recital", "PP", "LEGISLATIVE", "EXPLANATORY"))
                   for b in doc.blocks)
    full = compare(old, new)
    assert diff.summary.pair_count("deleted") < full.summary.pair_count("deleted") - 800


def test_scope_excerpt_reports_only_what_the_excerpt_covers():
    """UNTOC articles 30-31 (excerpt) against the whole Convention: without a
    scope, the other 39 articles are 300+ insertions."""
    folder = FIX / "compare-untoc-editions"
    excerpt = parse_path(folder / "UNTOC-art30-31-adopted-excerpt.txt")
    full = parse_path(folder / "final.txt")
    everything = compare(excerpt, full)
    assert everything.summary.pair_count("inserted") > 300
    diff = compare(excerpt, full, CompareOptions(scope="excerpt"))
    check_exactly_once(diff.alignment)
    assert diff.summary.pair_count("inserted") == 0
    assert {b.path[0] for b in diff.new.blocks} == {"Article 30", "Article 31"}
    assert all(pd.pair.kind is not PairKind.DELETED for pd in diff.pairs)


def test_scope_range_of_articles_on_both_sides_or_one_range_each():
    old = parse_path(FIX / "compare-eu-dma" / "proposal.txt")
    new = parse_path(FIX / "compare-eu-dma" / "final.txt")
    def heads(doc):          # (the chapters enclosing the range come along)
        return {b.path[0] for b in doc.blocks if not b.path[0].startswith("Chapter")}

    diff = compare(old, new, CompareOptions(scope="Article 5-6"))
    assert heads(diff.old) == {"Article 5", "Article 6"} == heads(diff.new)
    diff = compare(old, new, CompareOptions(scope="Article 7=Article 8"))
    assert heads(diff.old) == {"Article 7"} and heads(diff.new) == {"Article 8"}
    assert [str(pd.pair.kind) for pd in diff.provisions] == ["renumbered"]


def test_scope_that_names_no_provision_is_an_option_error():
    old = parse_path(FIX / "compare-eu-dma" / "proposal.txt")
    new = parse_path(FIX / "compare-eu-dma" / "final.txt")
    with pytest.raises(OptionError, match="'Article 99'.*no provision of proposal.txt"):
        compare(old, new, CompareOptions(scope="Article 5-99"))
    with pytest.raises(OptionError, match="backwards"):
        compare(old, new, CompareOptions(scope="Article 9-Article 5"))


def test_cli_scope_option(tmp_path):
    from click.testing import CliRunner

    from travaux.cli import cli

    folder = FIX / "compare-untoc-editions"
    args = ["compare", str(folder / "UNTOC-art30-31-adopted-excerpt.txt"), str(folder / "final.txt")]
    result = CliRunner().invoke(cli, args + ["--scope", "excerpt", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert '"scope": "excerpt"' in result.output
    bad = CliRunner().invoke(cli, args + ["--scope", "Article 77"])
    assert bad.exit_code == 2
    assert "Article 77" in bad.output and "Traceback" not in bad.output
