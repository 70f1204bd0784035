"""The public API (``import travaux``): keyword options are merged, never dropped."""

from __future__ import annotations

import pytest

import travaux
from travaux import CompareOptions, TravauxError

OLD = travaux.parse_text("Article 1\nThe Party shall act.\n")
NEW = travaux.parse_text("Article 1\nThe party shall act.\n")


def test_keywords_build_options():
    assert travaux.compare(OLD, NEW, ignore_case=True).options == CompareOptions(ignore_case=True)


def test_keywords_apply_over_options():
    diff = travaux.compare(OLD, NEW, options=CompareOptions(threshold=0.7), ignore_case=True)
    assert diff.options == CompareOptions(ignore_case=True, threshold=0.7)
    assert not diff.changed


def test_unknown_keyword_is_an_error():
    with pytest.raises(TypeError, match="ignore_cas"):
        travaux.compare(OLD, NEW, options=CompareOptions(), ignore_cas=True)


def test_error_base_is_exported():
    with pytest.raises(TravauxError):
        travaux.parse("no-such-file.txt")
    assert "TravauxError" in travaux.__all__
