"""Kill tests: SIGKILL at random points of an import never leaves a half history.

A history holding the first version of fixtures/history-us-s269 imports the two
others through the real command line (``python -m travaux history import``);
the process is killed with SIGKILL after a random delay, 20 times.  Each time
the refs must equal the state before the import or the state after it, git
must find the repository sound, every stored version must come back byte for
byte, and the next import must work (no stale lock) and reach the same state.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from travaux.history import init_history, open_history

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "fixtures" / "history-us-s269"
TRIALS = 20


def refs(repo: Path) -> tuple[str, ...]:
    out = subprocess.run(["git", "-C", str(repo), "for-each-ref",
                          "--format=%(refname) %(objectname)"],
                         check=True, capture_output=True, text=True).stdout
    return tuple(sorted(out.splitlines()))


def import_cmd(repo: Path, manifest: Path) -> list[str]:
    return [sys.executable, "-m", "travaux", "-C", str(repo), "history", "import",
            str(manifest), "--no-progress"]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kill")
    for f in CASE.glob("0*.txt"):
        shutil.copy(f, tmp / f.name)
    (tmp / "rest.csv").write_text("file,label,date,body\n"
                                  "02-es.txt,S. 269 ES,2025-09-19,Engrossed in Senate\n"
                                  "03-enr.txt,S. 269 ENR,2026-01-12,Enrolled Bill\n",
                                  encoding="utf-8")
    before = tmp / "before"
    init_history(before).add(tmp / "01-is.txt", label="S. 269 IS", date="2025-01-28",
                             body="Introduced in Senate")
    after = tmp / "after"
    shutil.copytree(before, after)
    start = time.monotonic()
    subprocess.run(import_cmd(after, tmp / "rest.csv"), check=True, cwd=ROOT,
                   capture_output=True)
    duration = time.monotonic() - start
    return tmp, before, after, duration


@pytest.mark.slow
def test_sigkill_during_import_leaves_before_or_after(setup):
    tmp, before, after, duration = setup
    want_before, want_after = refs(before), refs(after)
    assert want_before != want_after and len(want_after) == len(want_before) + 2
    originals = {"S. 269 IS": (tmp / "01-is.txt").read_bytes(),
                 "S. 269 ES": (tmp / "02-es.txt").read_bytes(),
                 "S. 269 ENR": (tmp / "03-enr.txt").read_bytes()}
    rng = random.Random(20240229)
    seen = {"before": 0, "after": 0}
    for trial in range(TRIALS):
        repo = tmp / f"trial-{trial}"
        shutil.copytree(before, repo)
        child = subprocess.Popen(import_cmd(repo, tmp / "rest.csv"), cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # most of a run is interpreter start-up; aim most kills at the import itself
        time.sleep(rng.uniform(0.0 if trial < 4 else 0.4 * duration, duration * 1.05))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        state = refs(repo)
        assert state in (want_before, want_after), f"trial {trial}: half-written refs {state}"
        seen["before" if state == want_before else "after"] += 1
        subprocess.run(["git", "-C", str(repo), "fsck", "--no-dangling", "--no-progress"],
                       check=True, capture_output=True)
        hist = open_history(repo)
        for v in hist.versions:
            assert hist.show(v.label) == originals[v.label]
        if state == want_before:      # the import can simply be run again
            hist.import_manifest(tmp / "rest.csv")
            assert refs(repo) == want_after
        shutil.rmtree(repo)
    # Both outcomes should occur over 20 random kills; report if one never did.
    print(f"kill outcomes: {seen}")


# ----------------------------------------------------------------------------- the user's work

USER_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Drafter", "GIT_AUTHOR_EMAIL": "d@example.org",
            "GIT_COMMITTER_NAME": "Drafter", "GIT_COMMITTER_EMAIL": "d@example.org"}
EDIT = "notes, edited but not committed\n"


def user_git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=USER_ENV).stdout


@pytest.fixture(scope="module")
def user_setup(setup, tmp_path_factory):
    """The 'before' history, with a committed NOTES.md on a branch of the user's own
    and an uncommitted edit of it."""
    tmp, before, _, duration = setup
    base = tmp_path_factory.mktemp("user") / "before"
    shutil.copytree(before, base)
    user_git(base, "switch", "-q", "-c", "draft")
    (base / "NOTES.md").write_text("notes\n", encoding="utf-8")
    user_git(base, "add", "NOTES.md")
    user_git(base, "commit", "-qm", "my notes")
    (base / "NOTES.md").write_text(EDIT, encoding="utf-8")
    after = base.parent / "after"
    shutil.copytree(base, after)
    subprocess.run(import_cmd(after, tmp / "rest.csv"), check=True, cwd=ROOT, capture_output=True)
    return tmp, base, after, duration


@pytest.mark.slow
def test_sigkill_keeps_manual_commits_other_branch_and_uncommitted_edits(user_setup):
    tmp, before, after, duration = user_setup
    want_before, want_after = refs(before), refs(after)
    main = [r for r in want_before if r.startswith("refs/heads/main ")]
    assert main and main[0] in want_after          # the import went to the user's branch
    rng = random.Random(99)
    for trial in range(10):
        repo = tmp / f"user-trial-{trial}"
        shutil.copytree(before, repo)
        child = subprocess.Popen(import_cmd(repo, tmp / "rest.csv"), cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3 * duration, duration * 1.05))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        state = refs(repo)
        assert state in (want_before, want_after), f"trial {trial}: half-written refs {state}"
        assert (repo / "NOTES.md").read_text(encoding="utf-8") == EDIT
        subprocess.run(["git", "-C", str(repo), "fsck", "--no-dangling", "--no-progress"],
                       check=True, capture_output=True)
        hist = open_history(repo)
        if state == want_before:
            hist.import_manifest(tmp / "rest.csv")
        else:
            hist.remove("S. 269 ENR")         # any write finishes what the kill left
        assert user_git(repo, "status", "--porcelain") == " M NOTES.md\n"
        assert (repo / "NOTES.md").read_text(encoding="utf-8") == EDIT
        assert user_git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/draft"
        shutil.rmtree(repo)


def add_cmd(repo: Path, file: Path, label: str, date: str) -> list[str]:
    return [sys.executable, "-m", "travaux", "-C", str(repo), "history", "add", str(file),
            "--label", label, "--date", date]


@pytest.mark.slow
def test_ctrl_c_never_says_aborted_when_the_version_landed(setup):
    """SIGINT to the whole process group (what Ctrl-C does) at random moments."""
    tmp, before, after, duration = setup
    rng = random.Random(7)
    seen = {"landed": 0, "unchanged": 0}
    for trial in range(16):
        repo = tmp / f"int-trial-{trial}"
        shutil.copytree(before, repo)
        start_refs = refs(repo)
        child = subprocess.Popen(add_cmd(repo, tmp / "02-es.txt", "S. 269 ES", "2025-09-19"),
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, start_new_session=True)
        time.sleep(rng.uniform(0.4 * duration, duration * 0.9))
        try:
            os.killpg(child.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        out, err = child.communicate(timeout=120)
        landed = refs(repo) != start_refs
        assert "Aborted" not in err
        if landed:
            assert child.returncode == 0 and out.startswith("Added S. 269 ES"), (out, err)
            assert subprocess.run(["git", "-C", str(repo), "status", "--porcelain"],
                                  capture_output=True, text=True).stdout == ""
        else:
            assert child.returncode in (130, -signal.SIGINT), (child.returncode, err)
            assert "Added" not in out
        seen["landed" if landed else "unchanged"] += 1
        assert [v.label for v in open_history(repo).versions][-1] in ("S. 269 IS", "S. 269 ES")
        shutil.rmtree(repo)
    print(f"interrupt outcomes: {seen}")


@pytest.mark.slow
def test_concurrent_writers_queue(setup):
    """Six `history add` at once: all wait their turn and succeed."""
    tmp, before, _, _ = setup
    repo = tmp / "queue"
    shutil.copytree(before, repo)
    texts = [(tmp / "02-es.txt").read_bytes() + f"\nQueued text {i}.\n".encode()
             for i in range(6)]
    procs = []
    for i, data in enumerate(texts):
        (tmp / f"q{i}.txt").write_bytes(data)
        procs.append(subprocess.Popen(add_cmd(repo, tmp / f"q{i}.txt", f"Q{i}", "2025-10-01"),
                                      cwd=ROOT, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _, _ in results] == [0] * 6, results
    assert any("waiting for another travaux process" in err for _, _, err in results)
    hist = open_history(repo)
    assert sorted(v.label for v in hist.versions[1:]) == [f"Q{i}" for i in range(6)]
    for i, data in enumerate(texts):
        assert hist.show(f"Q{i}") == data
    subprocess.run(["git", "-C", str(repo), "fsck", "--strict", "--no-progress"], check=True,
                   capture_output=True)
    assert subprocess.run(["git", "-C", str(repo), "status", "--porcelain"],
                          capture_output=True, text=True).stdout == ""
