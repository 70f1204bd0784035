"""The JSON contract: shape, key order, rebuild invariant, determinism."""

from __future__ import annotations

import json

from diffs import sample_diff
from travaux.renderers import render

PAIR_KEYS = ["kind", "level", "old", "new", "score", "edited", "uncertain", "runner_up", "changes", "spans"]


def test_contract_shape_and_key_order(golden, fixtures):
    diff = sample_diff()
    out = render(diff, "json")
    data = json.loads(out)
    assert list(data) == ["version", "old", "new", "options", "backend", "notes", "summary",
                          "provisions", "pairs"]
    assert data["version"] == 1
    assert list(data["old"]) == ["name", "format", "symbol", "title", "date", "language"]
    assert len(data["pairs"]) == len(diff.pairs) and len(data["provisions"]) == len(diff.provisions)
    for p in data["pairs"] + data["provisions"]:
        assert list(p) == PAIR_KEYS
        for c in p["changes"]:
            assert list(c) == ["kinds", "substantive", "old", "new", "detail", "reason"]
    split = next(p for p in data["pairs"] if p["kind"] == "split")
    assert split["old"] == [["Article 4", "1"]] and split["new"] == [["Article 4", "1"], ["Article 4", "2"]]
    assert "Каждое" in out and "\\u" not in out          # ensure_ascii=False
    golden.check(fixtures / "render-sample" / "sample.json", out)


def test_spans_rebuild_both_texts():
    diff = sample_diff()
    data = json.loads(render(diff, "json"))
    for p, pd in zip(data["pairs"] + data["provisions"], diff.pairs + diff.provisions):
        old = "".join(s.get("old", s["text"]) for s in p["spans"] if s["op"] != "insert")
        new = "".join(s.get("new", s["text"]) for s in p["spans"] if s["op"] != "delete")
        assert (old, new) == (pd.old_text, pd.new_text)


def test_masked_equal_span_keeps_both_sides():
    data = json.loads(render(sample_diff(), "json"))
    masked = [s for p in data["pairs"] for s in p["spans"] if "old" in s]
    assert masked and all(s["op"] == "equal" and s["text"] == s["new"] != s["old"] for s in masked)


def test_deterministic():
    assert render(sample_diff(), "json") == render(sample_diff(), "json", timestamp=True)
