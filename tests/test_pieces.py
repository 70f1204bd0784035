"""Cutting spans into column pieces: masked equal spans mark only what differs."""

from __future__ import annotations

from hypothesis import given, strategies as st

from travaux.diffing.model import Op, Span
from travaux.renderers.pieces import _masked, _sides


def test_whitespace_only_difference_is_not_marked():
    # a split group: the old paragraph ran on where the new one breaks into points
    runs = _masked("of: national rules; national competition", "of:\nnational rules;\nnational competition")
    assert not any(marked for _, _, marked in runs)


def test_case_masking_marks_only_the_word_that_differs():
    runs = _masked("an organized criminal group shall", "an organized Criminal group shall")
    assert [(o, n) for o, n, marked in runs if marked] == [("criminal", "Criminal")]
    runs = _masked("an organized criminal group shall", "an organized Criminal Group shall")
    assert [(o, n) for o, n, marked in runs if marked] == [("criminal group", "Criminal Group")]


def test_columns_show_each_side_and_the_other_text_as_a_title():
    old, new, inline = _sides([Span(Op.EQUAL, "The State Party", "the state party")])
    assert "".join(s.text for s in old) == "The State Party"
    assert "".join(s.text for s in new) == "the state party"
    assert [(s.text, s.masked) for s in new if s.masked] == [("the state party", "The State Party")]


@given(st.text(max_size=60), st.text(max_size=60))
def test_runs_rebuild_both_sides(old, new):
    runs = _masked(old, new)
    assert "".join(o for o, _, _ in runs) == old
    assert "".join(n for _, n, _ in runs) == new
    for o, n, marked in runs:
        assert marked or o.split() == n.split()
