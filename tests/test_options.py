from __future__ import annotations

import pytest

from travaux.diffing.errors import OptionError
from travaux.diffing.options import build_options, parse_pin, read_mapping


def test_parse_pin():
    assert parse_pin("Article 7=Article 8") == ("Article 7", "Article 8")
    assert parse_pin(" Article 7 > 2 = Article 8 > 3 ") == ("Article 7 > 2", "Article 8 > 3")


@pytest.mark.parametrize("bad", ["Article 7", "=Article 8", "Article 7=", "a=b=c"])
def test_bad_pins(bad):
    with pytest.raises(OptionError, match="OLD=NEW|empty"):
        parse_pin(bad)


def test_mapping_tsv_with_header_and_comments(tmp_path):
    f = tmp_path / "map.tsv"
    f.write_text("old_id\tnew_id\tnote\n# a comment\nArticle 7\tArticle 8\tsame title\n\nArticle 10\tArticle 12\n",
                 encoding="utf-8")
    assert read_mapping(f) == (("Article 7", "Article 8"), ("Article 10", "Article 12"))


def test_mapping_csv(tmp_path):
    f = tmp_path / "map.csv"
    f.write_text("Article 1,Article 1\n\"Article 2 > 1\",Article 3\n", encoding="utf-8")
    assert read_mapping(f) == (("Article 1", "Article 1"), ("Article 2 > 1", "Article 3"))


def test_mapping_errors(tmp_path):
    with pytest.raises(OptionError, match="does not exist"):
        read_mapping(tmp_path / "missing.tsv")
    f = tmp_path / "bad.tsv"
    f.write_text("Article 1\n", encoding="utf-8")
    with pytest.raises(OptionError, match="line 1"):
        read_mapping(f)


def test_build_options_combines_pins_and_mapping(tmp_path):
    f = tmp_path / "map.tsv"
    f.write_text("Article 1\tArticle 2\n", encoding="utf-8")
    opts = build_options(pins=("Article 7=Article 8",), mapping=str(f), ignore_case=True, threshold=0.7)
    assert opts.pins == (("Article 7", "Article 8"), ("Article 1", "Article 2"))
    assert opts.ignore_case and opts.threshold == 0.7
