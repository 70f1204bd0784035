"""Tests of diffing.tokens and diffing.worddiff: invariants first (spans rebuild
both texts, never split a token, both backends agree), then readability and the
ignore options on real paragraphs (fixtures/worddiff-*)."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from travaux.diffing.words import worddiff
from travaux.diffing.errors import OptionError
from travaux.diffing.model import CompareOptions, Op
from travaux.diffing.words.tokens import label_spans, tokenize
from travaux.diffing.words.worddiff import resolve_backend, word_diff

BACKENDS = ["python", "cpp"]
IGNORES = [dict(zip(("ignore_case", "ignore_punctuation", "ignore_whitespace", "ignore_numbering"), bits))
           for bits in itertools.product([False, True], repeat=4)]


def untoc_pairs(fixtures):
    old = (fixtures / "worddiff-untoc" / "old.txt").read_text(encoding="utf-8").split("\n")
    new = (fixtures / "worddiff-untoc" / "new.txt").read_text(encoding="utf-8").split("\n")
    assert len(old) == len(new)
    return list(zip(old, new))


def dma_pairs(fixtures):
    data = json.loads((fixtures / "worddiff-eu-dma" / "pairs.json").read_text(encoding="utf-8"))
    return [(d["old"], d["new"]) for d in data]


def boundaries(tokens):
    out, pos = {0}, 0
    for t in tokens:
        pos += len(t)
        out.add(pos)
    return out


def check_invariants(old, new, spans, options=CompareOptions()):
    """The contract every consumer relies on."""
    assert "".join(s.old for s in spans) == old
    assert "".join(s.new for s in spans) == new
    masked = any(getattr(options, f) for f in IGNORES[-1])
    for s in spans:
        assert s.old or s.new, "empty span"
        if s.op is Op.DELETE:
            assert s.new == "" and s.old
        elif s.op is Op.INSERT:
            assert s.old == "" and s.new
        elif not masked:
            assert s.old == s.new
    for a, b in zip(spans, spans[1:]):
        assert a.op is not b.op, "adjacent spans of the same op must be merged"
    # No split word: every span boundary is a token boundary on its side.
    for side, text in (("old", old), ("new", new)):
        cuts, pos = boundaries(tokenize(text)), 0
        for s in spans:
            pos += len(getattr(s, side))
            assert pos in cuts, f"span boundary inside a token of the {side} text at {pos}"


# ----------------------------------------------------------------------------- tokenize


def test_tokenize_examples():
    assert tokenize("co-operation, the State's and States' 10,000 and 7,5 %") == [
        "co-operation", ",", " ", "the", " ", "State's", " ", "and", " ", "States", "'", " ",
        "10,000", " ", "and", " ", "7,5", " ", "%"]
    assert tokenize("State’s  \n\tcase") == ["State’s", "  \n\t", "case"]
    assert tokenize("10\u00a0000 10 000") == ["10\u00a0000", " ", "10", " ", "000"]
    assert tokenize("e\u0301te\u0301, ``x''") == ["e\u0301te\u0301", ",", " ", "`", "`", "x", "'", "'"]
    assert tokenize("Article 5.1.") == ["Article", " ", "5.1", "."]
    assert tokenize("") == []


def test_label_spans():
    text = "(a) first\n3. second\n  iv) third\n2.1 fourth 3.5 million"
    assert [text[a:b] for a, b in label_spans(text)] == ["(a)", "3.", "iv)", "2.1"]
    # Not labels: a number followed by more than whitespace, an abbreviation.
    assert label_spans("3.5% of turnover") == label_spans("a.m. on Monday") == []
    assert label_spans("10,000 persons") == label_spans("(EU) 2016/679") == []


@given(st.text(alphabet=st.characters(blacklist_categories=())))
def test_tokenize_concatenates_to_input(text):
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)


# ----------------------------------------------------------------------------- backends


def test_resolve_backend():
    assert resolve_backend("python") == "python"
    assert resolve_backend("auto") == "cpp"
    assert resolve_backend("cpp") == "cpp"
    with pytest.raises(OptionError, match="auto, cpp or python"):
        resolve_backend("fast")


def test_cpp_unavailable(monkeypatch):
    monkeypatch.setattr(worddiff, "_fast", None)
    assert resolve_backend("auto") == "python"
    with pytest.raises(OptionError, match="pip install fast-diff-match-patch"):
        resolve_backend("cpp")
    assert word_diff("a b", "a c", CompareOptions(backend="auto"))[-1].new == "c"


def test_no_timeout():
    assert worddiff._DMP.Diff_Timeout == 0


def test_identical_and_empty():
    assert word_diff("", "") == ()
    spans = word_diff("same text", "same text")
    assert len(spans) == 1 and spans[0].op is Op.EQUAL
    assert [s.op for s in word_diff("", "new")] == [Op.INSERT]
    assert [s.op for s in word_diff("old", "")] == [Op.DELETE]


# ----------------------------------------------------------------------------- invariants on fixtures


@pytest.mark.parametrize("backend", BACKENDS)
def test_invariants_on_fixtures_every_option(fixtures, backend):
    for old, new in untoc_pairs(fixtures) + dma_pairs(fixtures):
        for ignores in IGNORES:
            options = CompareOptions(backend=backend, **ignores)
            check_invariants(old, new, word_diff(old, new, options), options)


def test_backends_agree_on_fixtures(fixtures):
    for old, new in untoc_pairs(fixtures) + dma_pairs(fixtures):
        for ignores in IGNORES:
            py = word_diff(old, new, CompareOptions(backend="python", **ignores))
            cpp = word_diff(old, new, CompareOptions(backend="cpp", **ignores))
            assert py == cpp, (old[:60], ignores)


# ----------------------------------------------------------------------------- invariants, any text

WORDS = ["shall", "may", "the", "State", "Party", "article", "24", "31", "(a)", ",", ".", " ", "  ",
         "\n", "\u00a0", "co-operation", "“", "``", "é", "e\u0301", "\U0001F600", "\0", "\ud800",
         "Ⅻ", "１２", "ß", "SS"]
any_char = st.characters(blacklist_categories=())    # every code point, surrogates included
texts = st.one_of(
    st.text(alphabet=any_char, max_size=40),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=any_char, max_size=3)),
             max_size=30).map("".join),
)


@st.composite
def edited_pairs(draw):
    """Either two independent texts or one text and an edited copy of it."""
    old = draw(texts)
    if draw(st.booleans()):
        return old, draw(texts)
    tokens = tokenize(old)
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(tokens)))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            tokens.insert(i, draw(st.sampled_from(WORDS)))
        elif tokens and i < len(tokens):
            if choice == 1:
                del tokens[i]
            else:
                tokens[i] = draw(st.sampled_from(WORDS))
    return old, "".join(tokens)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_pairs(), st.sampled_from(IGNORES))
def test_invariants_any_text_both_backends(pair, ignores):
    old, new = pair
    results = []
    for backend in BACKENDS:
        options = CompareOptions(backend=backend, **ignores)
        spans = word_diff(old, new, options)
        check_invariants(old, new, spans, options)
        results.append(spans)
    assert results[0] == results[1], "backends disagree"


@settings(max_examples=60, deadline=None)
@given(edited_pairs(), st.integers(3, 8), st.sampled_from(BACKENDS))
def test_alphabet_overflow_still_exact(pair, limit, backend):
    old, new = pair
    saved = worddiff.ALPHABET_LIMIT
    worddiff.ALPHABET_LIMIT = limit
    try:
        options = CompareOptions(backend=backend)
        check_invariants(old, new, word_diff(old, new, options), options)
    finally:
        worddiff.ALPHABET_LIMIT = saved


def test_many_distinct_tokens_never_use_surrogates():
    # 20,000 distinct words: past the 6,400 BMP private-use code points.
    old = " ".join(f"w{i}" for i in range(20000))
    new = " ".join(f"w{i}" if i % 1000 else f"x{i}" for i in range(20000))
    a, b = worddiff._Side(old, CompareOptions()), worddiff._Side(new, CompareOptions())
    enc_a, enc_b = worddiff._encode(a, b)
    assert len(set(enc_a + enc_b)) > 20000
    assert not any("\ud800" <= c <= "\udfff" for c in enc_a + enc_b)
    spans = {bk: word_diff(old, new, CompareOptions(backend=bk)) for bk in BACKENDS}
    assert spans["python"] == spans["cpp"]
    check_invariants(old, new, spans["cpp"])
    assert [s.old for s in spans["cpp"] if s.op is Op.DELETE] == [f"w{i}" for i in range(0, 20000, 1000)]


# ----------------------------------------------------------------------------- readability


def ops(spans):
    return [(s.op.value, s.old if s.op is not Op.INSERT else s.new) for s in spans]


def test_rewritten_clause_is_one_deletion_and_one_insertion(fixtures):
    old, new = dma_pairs(fixtures)[0]   # DMA proposal Art. 26(4) / Regulation Art. 30(4)
    for backend in BACKENDS:
        spans = word_diff(old, new, CompareOptions(backend=backend))
        tail = [s for s in spans if s.op is not Op.EQUAL][-2:]
        assert ops(tail) == [("delete", "started investigating the case"),
                             ("insert", "opened proceedings under Article\u00a020")]
        # ... not a confetti of "the": the whole stretch between the two equal
        # anchors is one deletion and one insertion.
        i = spans.index(tail[0])
        assert spans[i - 1].op is Op.EQUAL and spans[i - 1].old.endswith("before the Commission ")
        assert spans[i + 2].op is Op.EQUAL and spans[i + 2].old == "."


def test_fold_short_function_word_islands():
    spans = word_diff("States shall prevent and combat crime", "States shall detect and punish crime")
    assert ops(spans) == [("equal", "States shall "), ("delete", "prevent and combat"),
                          ("insert", "detect and punish"), ("equal", " crime")]


def test_content_word_island_is_not_folded():
    spans = word_diff("to prevent crime and combat terrorism", "to detect crime and punish terrorism")
    assert ("equal", " crime and ") in ops(spans)


def test_insertion_slides_to_word_boundary():
    spans = word_diff("the Party shall", "the Party and the State shall")
    assert ops(spans) == [("equal", "the Party "), ("insert", "and the State "), ("equal", "shall")]


def test_untoc_typography_marks_only_typography(fixtures):
    """2004 vs 2012 differ only in quotes and spaces: every change, once quote
    marks and whitespace are dropped, is empty.  (A one-word quoted term,
    ``Property" -> “Property”, is marked as a whole: diff_cleanupSemantic
    counts tokens, and one token between two changes is absorbed.)"""
    def strip(t):
        return "".join(c for c in t if c not in '`"“”' and not c.isspace())
    changed = 0
    for old, new in untoc_pairs(fixtures):
        spans = word_diff(old, new)
        for i, s in enumerate(spans):
            if s.op is Op.DELETE:
                nxt = spans[i + 1] if i + 1 < len(spans) and spans[i + 1].op is Op.INSERT else None
                assert strip(s.old) == strip(nxt.new if nxt else ""), repr(s.old)
                changed += 1
            elif s.op is Op.INSERT and not (i and spans[i - 1].op is Op.DELETE):
                assert strip(s.new) == "", repr(s.new)
                changed += 1
    assert changed > 20


def test_no_word_split_on_a_one_letter_change():
    spans = word_diff("the text is here", "the test is here")
    assert ops(spans) == [("equal", "the "), ("delete", "text"), ("insert", "test"), ("equal", " is here")]


# ----------------------------------------------------------------------------- ignore options


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("option, old, new", [
    ("ignore_case", "The State Party Shall adopt", "the state party shall adopt"),
    ("ignore_punctuation", "measures, including: co-operation.", "measures including cooperation"),
    ("ignore_whitespace", "shall  adopt\nmeasures", "shall adopt measures"),
    ("ignore_numbering", "(a) the Party shall adopt", "(b) the Party shall adopt"),
    ("ignore_numbering", "3. The Party shall\n4. The Committee may", "4. The Party shall\n5. The Committee may"),
])
def test_ignore_option_masks_the_difference(backend, option, old, new):
    options = CompareOptions(backend=backend, **{option: True})
    spans = word_diff(old, new, options)
    check_invariants(old, new, spans, options)
    assert [s.op for s in spans] == [Op.EQUAL]
    assert (spans[0].old, spans[0].new) == (old, new)
    # Without the option the difference shows.
    assert any(s.op is not Op.EQUAL for s in word_diff(old, new, CompareOptions(backend=backend)))


def test_ignore_case_keeps_real_changes():
    spans = word_diff("The Party Shall adopt", "the party may adopt", CompareOptions(ignore_case=True))
    assert ops(spans) == [("equal", "The Party "), ("delete", "Shall"), ("insert", "may"),
                          ("equal", " adopt")]
    assert (spans[0].old, spans[0].new) == ("The Party ", "the party ")


def test_ignore_punctuation_with_a_change_next_to_it():
    options = CompareOptions(ignore_punctuation=True)
    spans = word_diff("shall adopt, where appropriate, measures", "shall adopt measures", options)
    assert [s.op for s in spans] == [Op.EQUAL, Op.DELETE, Op.EQUAL]
    # The first comma sits in the (masked) equality, the second goes with the deletion.
    assert (spans[0].old, spans[0].new) == ("shall adopt, ", "shall adopt ")
    assert spans[1].old == "where appropriate, "
    check_invariants("shall adopt, where appropriate, measures", "shall adopt measures", spans, options)


def test_ignore_numbering_only_touches_labels():
    options = CompareOptions(ignore_numbering=True)
    spans = word_diff("(a) within 30 days", "(b) within 60 days", options)
    assert ops(spans)[1:] == [("delete", "30"), ("insert", "60"), ("equal", " days")]
    assert (spans[0].old, spans[0].new) == ("(a) within ", "(b) within ")


# ----------------------------------------------------------------------------- tokenize = its definition

def _reference_token_re():
    """The token definition as one regex (the first implementation, kept here
    to check the faster regexes of diffing.tokens against)."""
    import re
    import unicodedata
    ranges = []
    for cp in (*range(0x300, 0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(cp))[0] == "M" or cp in (0x200C, 0x200D):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    marks = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                    for a, b in ranges)
    wchar = rf"(?:[^\W_]|[{marks}])"
    word = rf"{wchar}+(?:[{re.escape(JOINERS)}]{wchar}+)*"
    number = r"\d+(?:(?:[.,]|[\u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)+"
    return re.compile(rf"{number}|{word}|\s+|.", re.DOTALL)


from travaux.diffing.words.tokens import JOINERS, is_space, is_word, strip_punct, token_spans  # noqa: E402

REFERENCE_TOKEN_RE = _reference_token_re()
TOKEN_PIECES = ["co-operation", "10,000", "7,5", "1.2.3", "10\u00a0000", "10\u202f0000", "\u2009",
                "e\u0301", "'", "’", "-", "\u2010", "\u2011", " ", "  ", "\n", "x", "5", "_",
                "\U0001F600", "\U0001D165", "\u0301", "\u200d", "½", "Ⅻ", "١٢", ",", ".", "a1", "1a",
                "(a)", "3.", "iv)", "\r", "\t"]
token_texts = st.one_of(st.text(alphabet=any_char),
                        st.lists(st.sampled_from(TOKEN_PIECES), max_size=30).map("".join))


@settings(max_examples=500)
@given(token_texts)
def test_tokenize_equals_its_definition(text):
    reference = REFERENCE_TOKEN_RE.findall(text)
    assert tokenize(text) == reference
    assert strip_punct(text) == "".join(t for t in reference if is_space(t) or is_word(t))
    assert [t for t, _, _ in token_spans(text)] == reference
    assert all(text[s:e] == t for t, s, e in token_spans(text))
