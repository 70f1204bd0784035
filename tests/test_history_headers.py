"""Headers tell versions, not files (issue 13, item 4).

Every history output names each side by its label, date and body — never the
imported file's name nor a date the parser found inside the text (the VIG files
carry the law's own date, 2012-03-15, in their header); a compare column head
shows the document and its date where known.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from travaux.history import init_history
from travaux.renderers import history as R

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"


@pytest.fixture(scope="module")
def vig(tmp_path_factory):
    h = init_history(tmp_path_factory.mktemp("vig") / "h")
    h.import_manifest(FIX / "history-de-vig" / "manifest.csv")
    return h


from conftest import cli  # noqa: E402  (the command line in-process)


def names(v) -> str:
    return " · ".join(x for x in (v.label, v.date, v.body) if x)


@pytest.mark.parametrize("fmt", ["text", "html", "md", "json", "redline"])
def test_diff_names_versions_not_files(vig, fmt):
    a, b = vig.versions[2], vig.versions[3]
    # the parser finds the law's own date in the files: the test would be vacuous otherwise
    from travaux.diffing.parse import parse_bytes
    assert parse_bytes(vig.show(a.label), a.file).meta.date == "2012-03-15"
    code, out, _ = cli("-C", str(vig.root), "diff", a.label, b.label, "§ 2", "--format", fmt)
    assert code == 1
    for v in (a, b):
        assert v.file not in out and "2012-03-15" not in out
        assert names(v) in out.replace("&middot;", "·"), (fmt, names(v))
    if fmt == "json":
        data = json.loads(out)
        sides = json.dumps(data, ensure_ascii=False)
        assert a.date in sides and b.date in sides
    if fmt == "html":
        heads = re.findall(r'<th scope="col">([^<]*)</th>', out)
        assert names(a) in heads and names(b) in heads


def test_history_text_outputs_name_label_date_body(vig):
    v = vig.versions[-1]
    assert R.blame(vig.blame("§ 2"), "text").splitlines()[0] == f"§ 2 as in {names(v)}"
    log = R.log(vig.log("§ 2"), "text")
    assert f"version {names(vig.versions[3])}" in log
    over = cli("-C", str(vig.root), "log")[1]
    assert all(f"version {names(x)}" in over for x in vig.versions)
    assert not any(x.file in over + log for x in vig.versions)


def test_compare_column_heads_show_document_and_date(tmp_path):
    old, new = FIX / "history-us-s269" / "01-is.txt", FIX / "history-us-s269" / "02-es.txt"
    out = tmp_path / "c.html"
    cli("compare", str(old), str(new), "--format", "html", "-o", str(out))
    heads = re.findall(r'<th scope="col">([^<]*)</th>', out.read_text(encoding="utf-8"))
    assert "S. 269 · 2025-01-28" in heads      # the date the introduced print states
    assert "S. 269" in heads                   # the engrossed print states none: no guess
