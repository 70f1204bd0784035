"""One summary: every output gives the counts the core computed (``diffing.summary``).

On real pairs: fixtures/example-dma (proposal -> final of the Digital Markets Act)
through json, text, md and html; fixtures/history-de-vig (the 2012-09-16
amendment that renumbers § 1 -> § 2 and edits it) through the history's ``log``
and ``diff`` of that provision.  Each output is read back from its rendered form,
so a renderer that recounts (or drops heading changes) fails here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import travaux
from travaux.diffing.model import ChangeKind
from travaux.diffing.summary import summarize
from travaux.history import init_history
from travaux.renderers import history as render_history

FIX = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def dma():
    return travaux.compare(FIX / "example-dma" / "proposal.txt", FIX / "example-dma" / "final.txt")


def _kinds(pairs: list[tuple[str, str]]) -> dict[str, int]:
    return {name.strip().replace(" ", "_"): int(n) for name, n in pairs}


def test_core_summary_counts_every_change_once(dma):
    s = dma.summary
    every = [c for pd in dma.pairs + dma.provisions for c in pd.changes]
    assert s.total == len(every) == s.substantive + s.editorial
    assert s.substantive == sum(c.substantive for c in every)
    assert s.headings == sum(len(pd.changes) for pd in dma.provisions) > 0
    assert dict(s.changes) == {k: n for k, n in
                               Counter(k for c in every for k in set(c.kinds)).items()}
    assert dict(s.pairs) == Counter(pd.pair.kind for pd in dma.pairs)
    assert dict(s.provisions) == Counter(pd.pair.kind for pd in dma.provisions)
    assert s == summarize(dma.pairs, dma.provisions, s.substitutions)   # computed once, same function
    # Each document-wide substitution accounts for its occurrences, all editorial changes.
    assert sum(x.count for x in s.substitutions) == s.change_count("substitution") > 0


def test_every_output_gives_the_core_counts(dma):
    s = dma.summary
    total, sub, edi = s.total, s.substantive, s.editorial
    kinds = {str(k): n for k, n in s.changes}
    provisions = {str(k): n for k, n in s.provisions}
    pairs = {str(k): n for k, n in s.pairs}

    data = json.loads(travaux.render(dma, "json"))["summary"]
    assert (data["substantive"] + data["editorial"], data["substantive"], data["editorial"]) \
        == (total, sub, edi)
    assert data["changes"] == kinds and data["provisions"] == provisions and data["pairs"] == pairs
    assert data["headings"] == s.headings

    for fmt, head in (("text", "Changes: "), ("md", "**Changes:** ")):
        out = travaux.render(dma, fmt)
        line = next(x for x in out.splitlines() if x.startswith(head))
        m = re.match(re.escape(head) + r"(\d+) \((\d+) substantive, (\d+) editorial\): (.*)$", line)
        assert m, line
        assert tuple(map(int, m.groups()[:3])) == (total, sub, edi), fmt
        assert _kinds(re.findall(r"([a-z_ ]+?) (\d+)(?:, |$)", m.group(4))) == kinds, fmt
        if fmt == "text":      # every change is numbered once: #1 .. #total
            numbers = {int(n) for n in re.findall(r"#(\d+) ", out)}
            assert numbers == set(range(1, total + 1))

    html = travaux.render(dma, "html")
    m = re.search(r'<div class="total"><b>(\d+)</b> changes?<span>(\d+) substantive · '
                  r'(\d+) editorial</span>', html)
    assert m and tuple(map(int, m.groups())) == (total, sub, edi)
    assert _kinds(re.findall(r'<span class="count kind[^"]*">([^<]+) <b>(\d+)</b>', html)) == kinds
    assert {int(n) for n in re.findall(r'data-c="(\d+)"', html)} == set(range(1, total + 1))


def test_history_log_and_diff_agree_on_one_transition(tmp_path):
    h = init_history(tmp_path / "h")
    h.import_manifest(FIX / "history-de-vig" / "manifest.csv")
    plog = h.log("§ 2")
    step = next(e for e in plog.entries if e.old_path and e.summary)   # § 1 -> § 2, edited
    later = step.versions[0]
    earlier = h.versions[later.n - 2]
    diff = h.diff(earlier.label, later.label, "§ 2")
    core = tuple((str(k), n) for k, n in diff.summary.changes)
    assert step.summary == core and core
    assert all(k in {str(c) for c in ChangeKind} for k, _ in core)
    # ... and the rendered log and diff say the same
    text = render_history.log(plog, "text")
    assert "changes: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in core) in text
    data = json.loads(travaux.render(diff, "json"))["summary"]
    assert data["changes"] == dict(core)
    entries = json.loads(render_history.log(plog, "json"))["entries"]
    assert [e["summary"] for e in entries if e["versions"][0]["label"] == later.label] \
        == [dict(core)]
