"""The history on real corpus fixtures: log, show, diff, blame, timeline.

fixtures/history-us-s269 (3 bill printings, TOML manifest), history-de-vig (a law
kept in git, 7 versions, CSV manifest; its 2012-09-16 amendment inserts a new § 1
and renumbers § 1..§ 6 to § 2..§ 7) and history-eu-dma (proposal -> final, articles
renumbered, e.g. proposal Art. 24 -> final Art. 26) are imported through the real
pipeline (parse, align, word diff, classify).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from travaux.history import ProvisionChange, init_history
from travaux.renderers import history as R

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
CASES = {"us": FIX / "history-us-s269" / "manifest.toml",
         "vig": FIX / "history-de-vig" / "manifest.csv",
         "eu": FIX / "history-eu-dma" / "manifest.toml"}


@pytest.fixture(scope="module")
def hists(tmp_path_factory):
    out = {}
    for name, manifest in CASES.items():
        h = init_history(tmp_path_factory.mktemp(name) / "h")
        h.import_manifest(manifest)
        out[name] = h
    return out


def travaux(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The real command line, in a fresh process."""
    return subprocess.run([sys.executable, "-m", "travaux", *args], cwd=ROOT,
                          capture_output=True, check=check)


def cli(*args: str):
    """The command line in-process (faster): (exit code, stdout bytes, stderr text)."""
    from click.testing import CliRunner

    from travaux.cli import cli as main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def manifest_files(manifest: Path) -> list[tuple[str, Path]]:
    from travaux.history.manifest import read_manifest

    return [(e.label, e.path) for e in read_manifest(manifest)]


# ----------------------------------------------------------------------------- round trip

@pytest.mark.parametrize("name", sorted(CASES))
def test_show_returns_every_version_byte_for_byte(hists, name):
    h = hists[name]
    listed = manifest_files(CASES[name])
    assert [v.label for v in h.versions] == [label for label, _ in listed]
    for label, path in listed:
        assert h.show(label) == path.read_bytes()
        code, got, _ = cli("-C", str(h.root), "show", label)
        assert code == 0 and got == path.read_bytes(), f"travaux show {label!r} differs"


# ----------------------------------------------------------------------------- renumbered

def test_log_follows_renumbered_section(hists):
    h = hists["vig"]
    log = h.log("§ 2")
    covered = [v.n for e in log.entries for v in e.versions]
    assert covered == list(range(1, 8))                        # every version exactly once
    first = log.entries[0]
    assert first.change is ProvisionChange.INTRODUCED and first.path == ("§ 1",)
    ren = [e for e in log.entries if e.change is ProvisionChange.RENUMBERED]
    assert len(ren) == 1 and ren[0].old_path == ("§ 1",) and ren[0].path == ("§ 2",)
    assert ren[0].versions[0].date == "2012-09-16"
    for a, b in zip(log.entries, log.entries[1:]):               # unchanged runs compressed
        assert not (a.change is ProvisionChange.UNCHANGED and b.change is ProvisionChange.UNCHANGED)
    assert h.log("§ 1", at=h.versions[0].label).id == log.id      # --at names the old number
    assert h.log("§ 1").id != log.id                              # the new § 1 is another
    text = R.log(log, "text", patch=True)
    assert "renumbered § 1 \u2192 § 2" in text


def test_plain_git_log_follow_shows_all_versions(hists):
    h = hists["vig"]
    log = h.log("§ 2")
    changed = [v.commit for e in log.entries if e.change is not ProvisionChange.UNCHANGED
               for v in e.versions]
    out = git(h.root, "log", "--follow", "--format=%H", "--", f"provisions/{log.id}.txt")
    assert out.split() == list(reversed(changed))
    patch = git(h.root, "log", "--follow", "-p", "--", f"provisions/{log.id}.txt")
    assert "-§ 1\n+§ 2" in patch


def test_show_provision_and_diff(hists):
    h = hists["vig"]
    latest, v3, v4 = h.versions[-1].label, h.versions[2].label, h.versions[3].label
    assert h.show_provision(latest, "§ 2").startswith("§ 2\n")
    assert h.show_provision(v3, "§ 1").split("\n")[1] == h.show_provision(latest, "§ 2") \
        .split("\n")[1]                                           # same title line
    d = h.diff(v3, v4, "§ 2")
    assert [b.path[0] for b in d.old.blocks][:1] == ["§ 1"]
    assert [b.path[0] for b in d.new.blocks][:1] == ["§ 2"]
    whole = h.diff(v3, v4)
    assert whole.changed and len(whole.new.blocks) > len(d.new.blocks)
    for fmt in ("text", "json", "html", "md"):
        code, out, err = cli("-C", str(h.root), "diff", v3, v4, "§ 2", "--format", fmt)
        assert code == 1 and out, err


def test_blame_words_and_origins(hists):
    h = hists["vig"]
    b = h.blame("§ 2")
    assert "".join(b.text[w.start:w.end] for w in b.words) == "".join(b.text.split())
    assert {w.n for w in b.words} <= set(range(1, 8))
    log = h.log("§ 2")
    # every word dated to version k really reads in the provision's text of version k
    # (its letters and digits: a comma added later does not make the word new, issue 13)
    older = {n: h.show_provision(h.versions[n - 1].label, log.id) for n in {w.n for w in b.words}}
    for w in b.words:
        for part in re.findall(r"\w+", b.text[w.start:w.end]) or [b.text[w.start:w.end]]:
            assert part in older[w.n]
    first = h.blame("§ 1", at=h.versions[0].label)
    assert {w.n for w in first.words} == {1}
    assert sum(w.n == 1 for w in b.words) > len(b.words) // 2    # mostly the 2012 text
    data = json.loads(R.blame(b, "json"))
    assert len(data["words"]) == len(b.words)
    rows = R.blame(b, "text").splitlines()[2:]
    assert len({r.index(" 20") for r in rows}) == 1             # date column aligned


def test_timeline_and_dossier(hists, tmp_path):
    h = hists["vig"]
    page = R.timeline(h.timeline("§ 2"))
    assert "renumbered § 1 \u2192 § 2" in page and "<ins>" in page + "<ins>"
    d = h.dossier()
    written = R.write_dossier(d, tmp_path / "dossier")
    assert len(written) == len(d.rows) + 1
    row = next(r for r in d.rows if r.id == h.log("§ 2").id)
    assert row.paths == ("§ 1",) * 3 + ("§ 2",) * 4
    index = (tmp_path / "dossier" / "index.html").read_text(encoding="utf-8")
    assert f'href="{row.id}.html"' in index


def test_eu_proposal_to_final_renumbering(hists):
    h = hists["eu"]
    log = h.log("Article 26")
    assert log.entries[0].path == ("Article 24",)
    assert log.entries[-1].change is ProvisionChange.RENUMBERED
    assert log.entries[-1].old_path == ("Article 24",)
    assert h.log("Article 36").entries[0].path == ("Article 31",)
    new = [r for r in h.state().records[1] if r.change is ProvisionChange.INSERTED]
    assert {"Article 27", "Article 28"} <= {r.path[0] for r in new}


def test_us_bill_every_provision_answers(hists, tmp_path):
    h = hists["us"]
    latest = h.versions[-1]
    for rec in h.state().records[-1]:
        log = h.log(rec.citation)
        assert log.entries and [v.n for e in log.entries for v in e.versions][-1] == latest.n
        b = h.blame(rec.citation)
        assert all(1 <= w.n <= latest.n for w in b.words)
    code, _, err = cli("-C", str(h.root), "timeline", "--all", "-o", str(tmp_path / "d"))
    assert code == 0 and (tmp_path / "d" / "index.html").exists(), err


# ----------------------------------------------------------------------------- CLI

def test_cli_workflow(tmp_path):
    case = FIX / "history-us-s269"
    repo = tmp_path / "s269"
    assert b"Initialised" in travaux("history", "init", str(repo)).stdout
    r = travaux("-C", str(repo), "history", "add", str(case / "01-is.txt"),
                "--label", "S. 269 IS", "--date", "2025-01-28", "--body", "Introduced")
    assert r.stdout.startswith(b"Added S. 269 IS (2025-01-28):")
    bad = travaux("-C", str(repo), "history", "add", str(case / "02-es.txt"), "--label",
                  "--upload-pack=x", "--date", "2025-13-01", check=False)
    assert bad.returncode == 2 and bad.stderr.startswith(b"error: date")
    code, _, err = cli("-C", str(repo), "show", "HEAD~1")
    assert code == 2 and "no version labelled 'HEAD~1'" in err
    rest = tmp_path / "rest.csv"
    rest.write_text(f"file,label,date\n{case / '02-es.txt'},S. 269 ES,2025-09-19\n"
                    f"{case / '03-enr.txt'},S. 269 ENR,2026-01-12\n", encoding="utf-8")
    # the manifest names files outside its own folder: refused unless --allow-outside
    outside = travaux("-C", str(repo), "history", "import", str(rest), check=False)
    assert outside.returncode == 2 and b"--allow-outside" in outside.stderr
    r = travaux("-C", str(repo), "history", "import", str(rest), "--progress", "--allow-outside")
    assert r.stdout.startswith(b"Imported 2 versions: S. 269 ES, S. 269 ENR")
    assert b"2/2" in r.stderr                                   # the progress bar
    state = h_first_provision(repo)
    assert cli("-C", str(repo), "log", state, "-p")[1].startswith(b"provision ")
    out = tmp_path / "blame.html"
    cli("-C", str(repo), "blame", state, "--format", "html", "-o", str(out))
    assert re.search(r"<span class=\"run c\d+\" title=\"[^\"]+\"><span class=\"vn\" aria-hidden=\"true\">\d+</span>", out.read_text(encoding="utf-8"))
    cli("-C", str(repo), "timeline", state, "-o", str(tmp_path / "t.html"))
    assert (tmp_path / "t.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def h_first_provision(repo: Path) -> str:
    from travaux.history import open_history

    recs = [r for r in open_history(repo).state().records[-1] if not r.id.startswith("_")]
    return recs[0].citation


# ----------------------------------------------------------------------------- goldens

def test_goldens(hists, golden):
    h = hists["vig"]
    log_text = R.log(h.log("§ 2"), "text", patch=True)
    blame_text = R.blame(h.blame("§ 2"), "text")
    assert re.search(r"renumbered § 1 \u2192 § 2", log_text)
    golden.check(FIX / "history-de-vig" / "golden-log-section-2.txt", log_text)
    golden.check(FIX / "history-de-vig" / "golden-blame-section-2.txt", blame_text)
