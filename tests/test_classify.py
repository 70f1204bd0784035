"""Tests of diffing.classify: every change kind on real-looking sentences, the
negative cases next to them, the summary counts, and a golden of the DMA
fixture pairs (fixtures/worddiff-eu-dma/golden.txt)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from travaux.diffing.classify.classifier import classify, editorial_kinds
from travaux.diffing.summary import summarize
from travaux.diffing.classify.lexicon import spelling_key
from travaux.diffing.model import (EDITORIAL_KINDS, ChangeKind, CompareOptions, Level, Op, Pair, PairDiff,
                           PairKind)
from travaux.diffing.words.worddiff import word_diff

K = ChangeKind


def changes(old, new, **options):
    spans = word_diff(old, new, CompareOptions(**options))
    return classify(spans)


def one(old, new, **options):
    found = changes(old, new, **options)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------------------- editorial


@pytest.mark.parametrize("old, new, kinds", [
    ("The Party  shall apply", "The Party shall apply", (K.WHITESPACE,)),
    ("pursuant to Article 5", "pursuant to Article\u00a05", (K.WHITESPACE,)),
    ("shall apply, mutatis mutandis", "shall apply mutatis mutandis", (K.PUNCTUATION,)),
    ("Shall apply", "shall apply", (K.CAPITALISATION,)),
    ("the organisation of work", "the organization of work", (K.SPELLING,)),
    ("the labour market", "the labor market", (K.SPELLING,)),
    ("international co-operation", "international cooperation", (K.SPELLING,)),
    ("the judgement of the court", "the judgment of the court", (K.SPELLING,)),
    ("the programme", "the program", (K.SPELLING,)),
    ("the State's territory", "the State’s territory", (K.QUOTE_STYLE,)),
    ("(a) The Party shall apply", "(b) The Party shall apply", (K.NUMBERING,)),
    ("3. The Party shall apply", "4. The Party shall apply", (K.NUMBERING,)),
    ("Organisation, of", "organization of", (K.PUNCTUATION, K.CAPITALISATION, K.SPELLING)),
])
def test_editorial(old, new, kinds):
    c = one(old, new)
    assert c.kinds == tuple(sorted(kinds, key=list(ChangeKind).index))
    assert not c.substantive


def test_untoc_quote_style(fixtures):
    """The 2004 text writes ``Organized criminal group" where 2012 has “...”."""
    old = (fixtures / "worddiff-untoc" / "old.txt").read_text(encoding="utf-8").split("\n")
    new = (fixtures / "worddiff-untoc" / "new.txt").read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(old) if "``Organized criminal group\"" in t)
    found = changes(old[line], new[line])
    assert [c.kinds for c in found] == [(K.WHITESPACE, K.QUOTE_STYLE)] * 2 or \
        [c.kinds for c in found] == [(K.QUOTE_STYLE,), (K.QUOTE_STYLE,), (K.WHITESPACE,)]
    kinds = {k for o, n in zip(old, new) for c in changes(o, n) for k in c.kinds}
    assert kinds == {K.WHITESPACE, K.QUOTE_STYLE}


def test_spelling_is_not_wording_and_not_any_word():
    assert one("the organisation", "the organization").kinds == (K.SPELLING,)
    # Rules must not make different words equal.
    assert spelling_key("four") == "four" and spelling_key("hour") == "hour"
    assert one("within four days", "within for days").kinds != (K.SPELLING,)
    assert editorial_kinds("filled", "filed") is None


# ----------------------------------------------------------------------------- substantive


def test_modal():
    c = one("Each State Party shall take measures.", "Each State Party may take measures.")
    assert c.kinds == (K.MODAL,) and c.detail == "shall → may"
    c = one("Each State Party shall take measures.",
            "Each State Party shall endeavour to take measures.")
    assert K.MODAL in c.kinds and c.detail == "shall → shall endeavour"
    c = one("the Commission should adopt", "the Commission must adopt")
    assert c.kinds == (K.MODAL,) and c.detail == "should → must"


def test_unchanged_modal_next_to_a_change_is_not_modal():
    c = one("Each State Party shall adopt measures.", "Each State Party shall adopt rules.")
    assert c.kinds == (K.WORDING,)
    c = one("The Party shall adopt measures.", "The Party shall adopt effective measures.")
    assert c.kinds == (K.INSERTION,)


def test_modal_other_languages():
    assert one("El Estado debe adoptar", "El Estado podrá adoptar").kinds == (K.MODAL,)
    assert one("L'État doit adopter", "L'État peut adopter").kinds == (K.MODAL,)
    assert one("Der Staat muss erlassen", "Der Staat kann erlassen").kinds == (K.MODAL,)
    assert one("De Staat moet vaststellen", "De Staat kan vaststellen").kinds == (K.MODAL,)


def test_negation():
    c = one("The Party shall disclose the information.", "The Party shall not disclose the information.")
    assert c.kinds == (K.NEGATION, K.INSERTION) and c.detail == "negation added: not"
    c = one("The Party shall not disclose it.", "The Party shall disclose it.")
    assert c.kinds == (K.NEGATION, K.DELETION) and c.detail == "negation removed: not"
    assert K.NEGATION in one("Der Staat muss handeln", "Der Staat muss nicht handeln").kinds


def test_not_to_no_is_not_a_negation_change():
    c = one("not later than 30 days", "no later than 30 days")
    assert K.NEGATION not in c.kinds


def test_reference_number_date():
    c = one("as defined in article 24 of this Convention", "as defined in article 31 of this Convention")
    assert c.kinds == (K.REFERENCE,) and c.detail == "article 24 → article 31"
    c = one("within 30 days of receipt", "within 60 days of receipt")
    assert c.kinds == (K.NUMBER,) and c.detail == "30 days → 60 days"
    c = one("adopted on 15 November 2000 in New York", "adopted on 15 November 2001 in New York")
    assert c.kinds == (K.DATE,) and c.detail == "15 November 2000 → 15 November 2001"
    c = one("fines of up to 10 % of turnover", "fines of up to 20 % of turnover")
    assert c.kinds == (K.NUMBER,) and c.detail == "10 % → 20 %"
    c = one("in point (a) of paragraph 2", "in point (b) of paragraph 2")
    assert c.kinds == (K.REFERENCE,) and c.detail == "point (a) → point (b)"
    c = one("Regulation (EU) 2016/679 applies", "Regulation (EU) 2018/1725 applies")
    assert c.kinds == (K.REFERENCE,)
    assert one("signed on 15/11/2000.", "signed on 15/11/2001.").kinds == (K.DATE,)
    assert one("held on 1 May 2000", "held on 1 May 2001").kinds == (K.DATE,)   # May, the month


def test_cross_reference_in_real_pair(fixtures):
    pairs = json.loads((fixtures / "worddiff-eu-dma" / "pairs.json").read_text(encoding="utf-8"))
    c = changes(pairs[0]["old"], pairs[0]["new"])[-1]
    assert c.new == "opened proceedings under Article\u00a020"
    assert K.REFERENCE in c.kinds and K.WORDING in c.kinds


def test_qualifier():
    c = one("States Parties shall cooperate.", "States Parties shall cooperate to the extent possible.")
    assert c.kinds == (K.QUALIFIER, K.INSERTION)
    assert c.detail == "qualifier added: to the extent possible"
    c = one("shall adopt measures.", "shall adopt measures in accordance with domestic law.")
    assert K.QUALIFIER in c.kinds
    c = one("shall, where appropriate, adopt", "shall adopt")
    assert c.kinds == (K.QUALIFIER, K.DELETION)
    # "as may be necessary" is a qualifier, not a modal change.
    c = one("shall adopt such measures to", "shall adopt such measures as may be necessary to")
    assert c.kinds == (K.QUALIFIER, K.INSERTION)


def test_insertion_deletion_wording():
    assert one("the Commission shall adopt", "the Commission shall promptly adopt").kinds == (K.INSERTION,)
    assert one("the Commission shall promptly adopt", "the Commission shall adopt").kinds == (K.DELETION,)
    assert one("the Commission shall adopt", "the Board shall adopt").kinds == (K.WORDING,)
    # Another operator for another action is a rewording, not a modal change of an
    # obligation (issue 10: the operator attached to the same action is compared).
    c = one("the Commission shall take measures", "the Commission may adopt rules")
    assert c.kinds == (K.WORDING,)
    c = one("the Commission shall take measures", "the Commission may take measures")
    assert c.kinds == (K.MODAL,)


# ----------------------------------------------------------------------------- structure


def test_masked_differences_are_editorial_changes():
    found = changes("Shall apply, in (a)", "shall apply in (a)", ignore_case=True, ignore_punctuation=True)
    assert len(found) == 1
    c = found[0]
    assert (c.span_start, c.span_end) == (0, 1)
    assert c.kinds == (K.PUNCTUATION, K.CAPITALISATION) and not c.substantive
    assert one("(a) foo", "(b) foo", ignore_numbering=True).kinds == (K.NUMBERING,)


def test_change_indices_and_texts():
    spans = word_diff("Each State Party shall adopt measures within 30 days.",
                      "Each Party may adopt measures within 60 days")
    found = classify(spans)
    covered = set()
    for c in found:
        run = spans[c.span_start:c.span_end]
        assert c.old == "".join(s.old for s in run if s.op is Op.DELETE)
        assert c.new == "".join(s.new for s in run if s.op is Op.INSERT)
        assert c.kinds and list(c.kinds) == sorted(set(c.kinds), key=list(ChangeKind).index)
        covered |= set(range(c.span_start, c.span_end))
    assert covered == {i for i, s in enumerate(spans) if s.op is not Op.EQUAL}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["shall", "may", "not", "article", "24", "31", "(a)", "(b)", "1.",
                                 "the", "State", "organisation", "organization", "May", "2000",
                                 " ", "  ", ",", "“", "``", "\n", "é"]), max_size=20),
       st.lists(st.sampled_from(["shall", "may", "not", "article", "31", "(b)", "2.", "a", "State",
                                 "organization", " ", ",", "”", "\n"]), max_size=20),
       st.booleans())
def test_classify_any_spans(old_words, new_words, ignore_case):
    old, new = "".join(old_words), "".join(new_words)
    spans = word_diff(old, new, CompareOptions(ignore_case=ignore_case))
    for c in classify(spans):
        assert c.kinds
        assert c.substantive == any(k not in EDITORIAL_KINDS for k in c.kinds)
        assert 0 <= c.span_start < c.span_end <= len(spans)


def pair_diff(kind, old, new):
    spans = word_diff(old, new)
    return PairDiff(Pair(kind, (0,), (0,), 0.9, Level.PARAGRAPH, old != new), old, new, spans,
                    classify(spans))


def test_summarize():
    pds = (pair_diff(PairKind.MODIFIED, "The Party shall act.", "The Party may act."),
           pair_diff(PairKind.MODIFIED, "the organisation", "the organization"),
           pair_diff(PairKind.UNCHANGED, "same", "same"),
           pair_diff(PairKind.RENUMBERED, "(a) within 30 days", "(b) within 60 days"))
    s = summarize(pds)
    assert s.pairs == (("unchanged", 1), ("modified", 2), ("renumbered", 1))
    assert s.change_count("modal") == 1 and s.change_count("spelling") == 1
    assert s.change_count("numbering") == 1 and s.change_count("number") == 1
    assert (s.substantive, s.editorial) == (2, 2)
    one_pair = summarize(pds[:1])
    assert one_pair.pairs == (("modified", 1),) and one_pair.changes == (("modal", 1),)
    assert summarize(()).pairs == () and summarize(()).substantive == 0


# ----------------------------------------------------------------------------- golden


def render(old, new):
    spans = word_diff(old, new)
    marked = "".join(s.old if s.op is Op.EQUAL else
                     f"[-{s.old}-]" if s.op is Op.DELETE else f"{{+{s.new}+}}" for s in spans)
    lines = [marked]
    for c in classify(spans):
        lines.append(f"  {','.join(k.value for k in c.kinds)}: {c.detail}")
    return "\n".join(lines)


def test_golden_dma_pairs(fixtures, golden):
    pairs = json.loads((fixtures / "worddiff-eu-dma" / "pairs.json").read_text(encoding="utf-8"))
    out = []
    for p in pairs:
        spans = word_diff(p["old"], p["new"])
        assert "".join(s.old for s in spans) == p["old"]     # invariant before golden
        assert "".join(s.new for s in spans) == p["new"]
        out.append(render(p["old"], p["new"]))
    golden.check(fixtures / "worddiff-eu-dma" / "golden.txt", "\n\n".join(out) + "\n")
