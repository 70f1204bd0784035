"""A history folder is the user's git checkout too: travaux never destroys their work.

Issue 9 item 1 and issue 13 item 7: notes committed beside the history, uncommitted
edits, another branch, a detached HEAD, manual commits between versions (versions
keep their own commits), a label ``main``, NUL in a note, out-of-order dates,
``history remove``, manifests pointing outside their folder, a hand-edited
``meta.json``.  Small real texts go through the real pipeline.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from travaux.diffing.errors import HistoryError
from travaux.history import init_history, open_history

ROOT = Path(__file__).resolve().parent.parent

V1 = "Article 1\nScope\n1. This applies to goods.\n\nArticle 2\nRights\n1. Everyone has rights.\n"
V2 = "Article 1\nScope\n1. This applies to goods and services.\n\nArticle 2\nRights\n" \
     "1. Everyone has rights.\n"
V3 = "Article 1\nScope\n1. This applies to goods and services.\n\nArticle 2\nRights\n" \
     "1. Everyone has many rights.\n"
USER = {"GIT_AUTHOR_NAME": "Drafter", "GIT_AUTHOR_EMAIL": "d@example.org",
        "GIT_COMMITTER_NAME": "Drafter", "GIT_COMMITTER_EMAIL": "d@example.org"}


def git(repo: Path, *args: str, check: bool = True) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=check, capture_output=True,
                          text=True, env={**os.environ, **USER}).stdout


def travaux(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "travaux", *args], cwd=ROOT,
                          capture_output=True, text=True)


def files(tmp: Path) -> list[Path]:
    out = []
    for i, text in enumerate((V1, V2, V3), 1):
        p = tmp / f"v{i}.txt"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


@pytest.fixture
def hist(tmp_path):
    h = init_history(tmp_path / "h")
    v = files(tmp_path)
    h.add(v[0], label="One", date="2001-01-01")
    return h, v


def test_committed_notes_survive_and_versions_keep_their_commits(hist):
    h, v = hist
    (h.root / "NOTES.md").write_text("# my notes\n", encoding="utf-8")
    (h.root / "tools").mkdir()
    (h.root / "tools" / "run.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    os.chmod(h.root / "tools" / "run.sh", 0o755)
    git(h.root, "add", "NOTES.md", "tools")
    git(h.root, "commit", "-qm", "my notes")
    manual = git(h.root, "rev-parse", "HEAD").strip()
    h.add(v[1], label="Two", date="2001-02-01")
    h.add(v[2], label="Three", date="2001-03-01")
    tree = git(h.root, "ls-tree", "-r", "HEAD")
    assert "NOTES.md" in tree and "100755 blob" in tree.split("tools/run.sh")[0].splitlines()[-1]
    assert (h.root / "NOTES.md").read_text(encoding="utf-8") == "# my notes\n"
    assert git(h.root, "status", "--porcelain") == ""
    # every version maps to the commit that added it, not to the n-th commit
    versions = open_history(h.root).versions
    assert manual not in [x.commit for x in versions]
    for x in versions:
        assert git(h.root, "rev-parse", f"refs/tags/{x.tag}^{{commit}}").strip() == x.commit
        assert git(h.root, "log", "-1", "--format=%s", x.commit).strip() == x.label
    assert git(h.root, "rev-parse", "HEAD~2").strip() == manual


def test_uncommitted_edits_are_never_touched(hist):
    h, v = hist
    (h.root / "NOTES.md").write_text("notes v1\n", encoding="utf-8")
    git(h.root, "add", "NOTES.md")
    git(h.root, "commit", "-qm", "notes")
    (h.root / "NOTES.md").write_text("notes v2, not committed\n", encoding="utf-8")
    (h.root / "staged.txt").write_text("staged\n", encoding="utf-8")
    git(h.root, "add", "staged.txt")
    (h.root / "scratch.txt").write_text("untracked\n", encoding="utf-8")
    h.add(v[1], label="Two", date="2001-02-01")
    assert (h.root / "NOTES.md").read_text(encoding="utf-8") == "notes v2, not committed\n"
    assert (h.root / "scratch.txt").exists()
    status = git(h.root, "status", "--porcelain")
    assert " M NOTES.md" in status and "A  staged.txt" in status and "?? scratch.txt" in status
    assert "staged.txt" not in git(h.root, "ls-tree", "-r", "--name-only", "HEAD")
    assert (h.root / "versions" / "0002" / "meta.json").exists()


def test_uncommitted_edit_of_a_provision_is_refused_and_kept(hist):
    h, v = hist
    target = sorted((h.root / "provisions").iterdir())[0]
    target.write_text("my edit\n", encoding="utf-8")
    before = git(h.root, "for-each-ref")
    with pytest.raises(HistoryError, match=rf"uncommitted changes in provisions/{target.name}"
                                           r".*git stash"):
        h.add(v[1], label="Two", date="2001-02-01")
    assert target.read_text(encoding="utf-8") == "my edit\n"
    assert git(h.root, "for-each-ref") == before
    r = travaux("-C", str(h.root), "history", "add", str(v[1]), "--label", "Two",
                "--date", "2001-02-01")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "uncommitted" in r.stderr
    (h.root / "versions" / "stray.txt").write_text("x", encoding="utf-8")   # untracked
    git(h.root, "checkout", "--", "provisions")
    with pytest.raises(HistoryError, match="versions/stray.txt"):
        h.add(v[1], label="Two", date="2001-02-01")


def test_follows_the_branch_the_user_is_on(hist):
    h, v = hist
    main = git(h.root, "rev-parse", "main").strip()
    git(h.root, "switch", "-q", "-c", "draft")
    h.add(v[1], label="Two", date="2001-02-01")
    assert git(h.root, "rev-parse", "main").strip() == main
    assert git(h.root, "rev-parse", "HEAD").strip() == git(h.root, "rev-parse", "draft").strip()
    assert git(h.root, "status", "--porcelain") == ""
    assert [x.label for x in open_history(h.root).versions] == ["One", "Two"]
    git(h.root, "switch", "-q", "main")
    assert [x.label for x in open_history(h.root).versions] == ["One"]
    assert not (h.root / "versions" / "0002").exists()
    git(h.root, "checkout", "-q", "--detach", "HEAD")
    with pytest.raises(HistoryError, match="HEAD is detached.*git switch"):
        h.add(v[1], label="Two", date="2001-02-01")


def test_a_label_named_like_a_branch_is_not_ambiguous(hist):
    h, v = hist
    h.add(v[1], label="main", date="2001-02-01")
    h.add(v[2], label="HEAD", date="2001-03-01")
    r = subprocess.run(["git", "-C", str(h.root), "log", "--oneline", "main"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "ambiguous" not in r.stderr
    assert all(t.startswith("travaux/") for t in git(h.root, "tag", "-l").split())
    assert open_history(h.root).show("main") == V2.encode()


def test_nul_and_controls_in_note_are_refused_and_fsck_strict_passes(hist):
    h, v = hist
    for bad in ("a\x00b", "x\x1b]0;title\x07", "y\x9b2J"):
        with pytest.raises(HistoryError, match="control character"):
            h.add(v[1], label="Two", date="2001-02-01", note=bad)
        with pytest.raises(HistoryError, match="control character"):
            h.add(v[1], label="Two", date="2001-02-01", body=bad)
    r = travaux("-C", str(h.root), "history", "add", str(v[1]), "--label", "Two", "--date",
                "2001-02-01", "--note", "tab\there, line\nbreak, é, ‘quotes’")
    assert r.returncode == 0, r.stderr
    git(h.root, "fsck", "--strict", "--no-progress")


def test_out_of_order_dates(hist):
    h, v = hist
    with pytest.raises(HistoryError, match=r"dated 2000-06-01, before 'One' \(2001-01-01\)"
                                           r".*--allow-out-of-order"):
        h.add(v[1], label="Early", date="2000-06-01")
    assert len(open_history(h.root).versions) == 1
    h.add(v[1], label="Early", date="2000-06-01", allow_out_of_order=True)
    got = open_history(h.root).versions
    assert [(x.label, x.out_of_order) for x in got] == [("One", False), ("Early", True)]
    h.add(v[2], label="Same day", date="2001-01-01")      # same date as the latest: in order
    manifest = h.root.parent / "m.csv"
    manifest.write_text("file,label,date\nv1.txt,A,2003-01-01\nv2.txt,B,2002-01-01\n",
                        encoding="utf-8")
    with pytest.raises(HistoryError, match="line 3: 'B' is dated 2002-01-01, before 'A'"):
        h.import_manifest(manifest)


def test_remove_the_newest_version(hist):
    h, v = hist
    h.add(v[1], label="Two", date="2001-02-01")
    two = h.version("Two")
    with pytest.raises(HistoryError, match="'One' is not the newest.*'Two'"):
        h.remove("One")
    removed = h.remove("Two")
    assert removed.label == "Two"
    after = open_history(h.root)
    assert [x.label for x in after.versions] == ["One"]
    assert git(h.root, "rev-parse", "HEAD").strip() == h.version("One").commit
    assert git(h.root, "status", "--porcelain") == ""
    assert not (h.root / "versions" / "0002").exists()
    kept = git(h.root, "for-each-ref", "--format=%(refname)", "refs/travaux/removed/").split()
    assert kept == [f"refs/travaux/removed/{two.tag}"]
    assert git(h.root, "rev-parse", f"{kept[0]}^{{commit}}").strip() == two.commit
    assert git(h.root, "cat-file", "-t", two.commit).strip() == "commit"
    assert f"refs/tags/{two.tag}" not in git(h.root, "for-each-ref")
    h.add(v[1], label="Two", date="2001-02-01")              # the label is free again
    assert open_history(h.root).show("Two") == V2.encode()


def test_remove_keeps_commits_made_after_the_version(hist):
    h, v = hist
    h.add(v[1], label="Two", date="2001-02-01")
    (h.root / "NOTES.md").write_text("after two\n", encoding="utf-8")
    git(h.root, "add", "NOTES.md")
    git(h.root, "commit", "-qm", "notes on two")
    notes_commit = git(h.root, "rev-parse", "HEAD").strip()
    r = travaux("-C", str(h.root), "history", "remove", "Two")
    assert r.returncode == 0 and r.stdout.startswith("Removed Two"), r.stderr
    assert git(h.root, "rev-parse", "HEAD~1").strip() == notes_commit
    assert (h.root / "NOTES.md").exists() and git(h.root, "status", "--porcelain") == ""
    after = open_history(h.root)
    assert [x.label for x in after.versions] == ["One"]
    assert git(h.root, "ls-tree", "-r", "--name-only", "HEAD", "provisions") == \
        git(h.root, "ls-tree", "-r", "--name-only", h.version("One").commit, "provisions")
    assert after.show("One") == V1.encode()
    r = travaux("-C", str(h.root), "history", "remove", "One")
    assert r.returncode == 0
    assert open_history(h.root).versions == ()
    assert (h.root / "NOTES.md").exists() and not (h.root / "provisions").exists()


def test_remove_of_the_only_version_empties_the_branch(hist):
    h, v = hist
    h.remove("One")
    assert open_history(h.root).versions == ()
    assert not (h.root / "provisions").exists()
    h.add(v[0], label="One", date="2001-01-01")
    assert open_history(h.root).show("One") == V1.encode()


@pytest.mark.parametrize("where", ["../outside.txt", "ABS", "link.txt", "sub/../../outside.txt"])
def test_manifest_files_stay_in_the_manifest_folder(tmp_path, where):
    (tmp_path / "outside.txt").write_text(V1, encoding="utf-8")
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "sub").mkdir()
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    name = str(tmp_path / "outside.txt") if where == "ABS" else where
    manifest = folder / "m.csv"
    manifest.write_text(f"file,label,date\n{name},One,2001-01-01\n", encoding="utf-8")
    h = init_history(tmp_path / "h")
    with pytest.raises(HistoryError, match="line 2: file .* is outside the manifest's folder"
                                           ".*--allow-outside"):
        h.import_manifest(manifest)
    assert h.store.head() is None
    h.import_manifest(manifest, allow_outside=True)
    assert h.show("One") == V1.encode()


def test_hand_edited_meta_json_is_a_clear_error(hist):
    h, v = hist
    meta = h.root / "versions" / "0001" / "meta.json"
    meta.write_text('{"n": 1, "label": "One"', encoding="utf-8")
    git(h.root, "commit", "-qam", "oops")
    r = travaux("-C", str(h.root), "log", "Article 1")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "versions/0001" in r.stderr and "not as travaux wrote it" in r.stderr


def test_a_write_killed_before_the_folder_update_is_finished_by_the_next(hist, monkeypatch):
    """The ref moved but the folder did not (a kill between the two): the next
    write sees the journal, finishes the update, and does not take travaux's own
    stale files for the user's edits."""
    from travaux.history import worktree

    h, v = hist
    (h.root / "NOTES.md").write_text("mine\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(worktree, "finish", lambda *a: False)
        h.add(v[1], label="Two", date="2001-02-01")
    assert (h.root / ".git" / worktree.JOURNAL).exists()
    assert git(h.root, "status", "--porcelain") != "?? NOTES.md\n"      # folder is behind
    h.add(v[2], label="Three", date="2001-03-01")
    assert not (h.root / ".git" / worktree.JOURNAL).exists()
    assert git(h.root, "status", "--porcelain") == "?? NOTES.md\n"


def test_a_write_killed_inside_read_tree_is_repaired(hist, monkeypatch):
    """Half the folder new, the index old: only provisions/ and versions/ are set."""
    from travaux.history import worktree

    h, v = hist
    (h.root / "NOTES.md").write_text("mine\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(worktree, "finish", lambda *a: False)
        h.add(v[1], label="Two", date="2001-02-01")
    new = git(h.root, "rev-parse", "HEAD").strip()
    name = git(h.root, "ls-tree", "--name-only", "-r", new, "provisions").split()[0]
    (h.root / name).write_text(git(h.root, "show", f"{new}:{name}"), encoding="utf-8")
    (h.root / "versions" / "0002").mkdir()
    (h.root / "versions" / "0002" / "meta.json").write_text("half", encoding="utf-8")
    h.remove("Two")
    assert git(h.root, "status", "--porcelain") == "?? NOTES.md\n"
    assert [x.label for x in open_history(h.root).versions] == ["One"]
