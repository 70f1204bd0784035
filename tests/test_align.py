"""Tests of diffing.align: every kind on real-text fixtures (align-kinds, and
align-kinds-moved-split: a paragraph moved to other articles and split), the
exactly-once invariant on generated edits, pins (and the paragraphs inside two
pinned provisions), and match=any.

Documents are built with the stand-in segmenter ``tests/docbuild.py`` so these
tests depend on nothing but the alignment.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from travaux.diffing.align.aligner import align
from travaux.diffing.errors import OptionError
from travaux.diffing.model import PROVISION_KINDS, CompareOptions, Level, PairKind

from docbuild import build

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import legalgen  # noqa: E402

KINDS = ROOT / "fixtures" / "align-kinds"


def _docs(folder: Path = KINDS):
    return (build((folder / "old.txt").read_text(encoding="utf-8"), "old.txt"),
            build((folder / "new.txt").read_text(encoding="utf-8"), "new.txt"))


def _rows(alignment) -> list[tuple[str, ...]]:
    old, new = alignment.old, alignment.new
    return [(str(p.level), str(p.kind), " + ".join(old.blocks[i].citation for i in p.old),
             " + ".join(new.blocks[i].citation for i in p.new), "yes" if p.edited else "no")
            for p in alignment.provisions + alignment.paragraphs]


def check_exactly_once(alignment) -> None:
    """Every block of each side is in exactly one pair of its level."""
    for doc, side in ((alignment.old, "old"), (alignment.new, "new")):
        prov = sorted(i for p in alignment.provisions for i in getattr(p, side))
        para = sorted(i for p in alignment.paragraphs for i in getattr(p, side))
        want_prov = [i for i, b in enumerate(doc.blocks) if b.kind in PROVISION_KINDS]
        want_para = [i for i, b in enumerate(doc.blocks) if b.kind not in PROVISION_KINDS]
        assert prov == want_prov, f"{side} provisions not paired exactly once"
        assert para == want_para, f"{side} paragraphs not paired exactly once"
    for p in alignment.provisions + alignment.paragraphs:
        assert 0.0 <= p.score <= 1.0
        if p.kind in (PairKind.INSERTED, PairKind.DELETED):
            assert p.score == 0.0 and bool(p.old) != bool(p.new)
        else:
            assert p.old and p.new
        if len(p.old) > 1 or len(p.new) > 1:
            assert p.kind in (PairKind.SPLIT, PairKind.MERGED)
    assert all(p.level is Level.PROVISION for p in alignment.provisions)
    assert all(p.level is Level.PARAGRAPH for p in alignment.paragraphs)


@pytest.mark.parametrize("case", ["align-kinds", "align-kinds-moved-split"])
def test_every_kind_is_paired_exactly_right(case):
    folder = ROOT / "fixtures" / case
    old, new = _docs(folder)
    alignment = align(old, new)
    check_exactly_once(alignment)
    expected = [tuple((line + "\t" * 4).split("\t")[:5])
                for line in (folder / "expected.tsv").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
    assert _rows(alignment) == expected


def test_levels_agree_a_paragraph_in_another_article_is_moved():
    old, new = _docs()
    alignment = align(old, new)
    prov = {(o, n) for p in alignment.provisions for o in p.old for n in p.new}
    for p in alignment.paragraphs:
        if len(p.old) != 1 or len(p.new) != 1:
            continue
        po = old.blocks[p.old[0]].path[0]
        pn = new.blocks[p.new[0]].path[0]
        paired = (old.find(po), new.find(pn)) in prov
        if not paired:
            assert p.kind is PairKind.MOVED, (po, pn, p.kind)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), words=st.integers(200, 3000), rate=st.floats(0.5, 5.0))
def test_exactly_once_on_generated_edits(seed, words, rate):
    old_text, new_text = legalgen.pair(words, seed, rate)
    old, new = build(old_text), build(new_text)
    first = align(old, new)
    check_exactly_once(first)
    assert align(old, new) == first                     # deterministic


def test_identical_documents_are_all_unchanged():
    old, _ = _docs()
    alignment = align(old, old)
    check_exactly_once(alignment)
    assert {p.kind for p in alignment.provisions + alignment.paragraphs} == {PairKind.UNCHANGED}


def test_pin_forces_a_provision_pair_and_the_rest_aligns_around_it():
    old, new = _docs()
    alignment = align(old, new, CompareOptions(pins=(("Article 30", "Article 24"),)))
    check_exactly_once(alignment)
    pinned = [p for p in alignment.provisions if p.pinned]
    assert len(pinned) == 1
    assert (old.blocks[pinned[0].old[0]].label, new.blocks[pinned[0].new[0]].label) == \
        ("Article 30", "Article 24")
    rows = _rows(alignment)
    assert ("provision", "renumbered", "Article 26", "Article 27", "yes") in rows
    assert ("paragraph", "split", "Article 31 > 4", "Article 31 > 4 + Article 31 > 5", "no") in rows


def test_pin_forces_a_paragraph_pair():
    old, new = _docs()
    pins = (("Article 24 > 3", "article 31 >  6"),)     # case and spacing are forgiven
    alignment = align(old, new, CompareOptions(pins=pins))
    check_exactly_once(alignment)
    pinned = [p for p in alignment.paragraphs if p.pinned]
    assert [(old.blocks[p.old[0]].citation, new.blocks[p.new[0]].citation) for p in pinned] == \
        [("Article 24 > 3", "Article 31 > 6")]
    assert pinned[0].kind is PairKind.MOVED


def test_unknown_pin_names_the_citation_and_suggests_near_ones():
    old, new = _docs()
    with pytest.raises(OptionError) as err:
        align(old, new, CompareOptions(pins=(("Article 27", "Article 27"),)))
    message = str(err.value)
    assert "'Article 27'" in message and "did you mean" in message and "Article 2" in message


def test_pin_of_a_provision_to_a_paragraph_is_refused():
    old, new = _docs()
    with pytest.raises(OptionError, match="provision with a paragraph"):
        align(old, new, CompareOptions(pins=(("Article 24", "Article 25 > 1"),)))


def test_bad_match_mode_and_threshold_are_refused():
    old, new = _docs()
    with pytest.raises(OptionError, match="match mode"):
        align(old, new, CompareOptions(match="fuzzy"))
    with pytest.raises(OptionError, match="threshold"):
        align(old, new, CompareOptions(threshold=1.5))


def test_match_any_gives_each_block_its_best_counterparts_regardless_of_order():
    # a "working paper": unnumbered paragraphs, in another order, one covering two
    # paragraphs of the adopted article
    paper = "\n\n".join([
        "States Parties shall endeavour to promote public awareness regarding the existence, "
        "causes and gravity of and the threat posed by transnational organized crime. Information "
        "may be disseminated where appropriate through the mass media and shall include measures "
        "to promote public participation in preventing and combating such crime.",
        "The provisions of this article shall also apply to victims insofar as they are witnesses.",
        "Each State Party shall take appropriate measures within its means to provide assistance "
        "and protection to victims of offences covered by this Convention, in particular in cases "
        "of threat of retaliation or intimidation.",
    ])
    old, (_, new) = build(paper, "paper.txt"), _docs()
    alignment = align(old, new, CompareOptions(match="any"))
    check_exactly_once(alignment)
    found = {tuple(old.blocks[i].citation for i in p.old): (str(p.kind), [new.blocks[j].citation for j in p.new])
             for p in alignment.paragraphs if p.old}
    assert found[("¶1",)] == ("split", ["Article 31 > 4", "Article 31 > 5"])
    assert found[("¶2",)] == ("moved", ["Article 25 > 3"])
    assert found[("¶3",)] == ("moved", ["Article 26 > 1"])
    assert sum(1 for p in alignment.paragraphs if p.old) == 3


def test_paragraphs_stay_in_reading_order_of_new():
    old, new = _docs()
    alignment = align(old, new)
    firsts = [min(p.new) for p in alignment.paragraphs if p.new]
    assert firsts == sorted(firsts)


def _rewritten_article_docs():
    """Old Article 7 (UNTOC 25(1)-(2)) and new Article 8, the same provision
    heavily rewritten: every paragraph scores below the threshold."""
    old = build("\n\n".join([
        "Article 6", "Criminalization of obstruction of justice",
        "1. Each State Party shall adopt such legislative and other measures as may be necessary "
        "to establish as criminal offences the use of physical force, threats or intimidation.",
        "Article 7", "Assistance to and protection of victims",
        "1. Each State Party shall take appropriate measures within its means to provide assistance "
        "and protection to victims of offences covered by this Convention, in particular in cases "
        "of threat of retaliation or intimidation.",
        "2. Each State Party shall establish appropriate procedures to provide access to "
        "compensation and restitution for victims of offences covered by this Convention.",
    ]), "old.txt")
    new = build("\n\n".join([
        "Article 6", "Criminalization of obstruction of justice",
        "1. Each State Party shall adopt such legislative and other measures as may be necessary "
        "to establish as criminal offences the use of physical force, threats or intimidation.",
        "Article 7", "Liability of legal persons",
        "1. Each State Party shall adopt such measures as may be necessary, consistent with its "
        "legal principles, to establish the liability of legal persons for participation in "
        "serious crimes.",
        "Article 8", "Victims",
        "1. States Parties shall assist and protect victims of the offences set forth herein, "
        "above all where they are threatened with reprisals or intimidated.",
        "2. Victims shall be entitled to obtain reparation, including restitution and "
        "compensation, through procedures that each State establishes.",
    ]), "new.txt")
    return old, new


def test_pinned_provisions_pair_their_rewritten_paragraphs_in_order():
    old, new = _rewritten_article_docs()
    inside = {("Article 7 > 1", "Article 8 > 1"), ("Article 7 > 2", "Article 8 > 2")}

    def paired(alignment):
        return {(old.blocks[o].citation, new.blocks[n].citation)
                for p in alignment.paragraphs for o in p.old for n in p.new}

    free = align(old, new)
    check_exactly_once(free)
    assert not inside & paired(free)          # below the threshold: not paired unpinned
    pinned = align(old, new, CompareOptions(pins=(("Article 7", "Article 8"),)))
    check_exactly_once(pinned)
    assert inside <= paired(pinned)
    kinds = {(old.blocks[p.old[0]].citation, str(p.kind)) for p in pinned.paragraphs if p.old and p.new}
    assert ("Article 7 > 1", "renumbered") in kinds and ("Article 7 > 2", "renumbered") in kinds
    # the threshold still counts outside the pinned pair: Article 7 (new) stays inserted
    assert ("Article 7 > 1", "Article 7 > 1") not in paired(pinned)
