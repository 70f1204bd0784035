"""The user's working folder of a history: checked before a write, updated after it.

In: a history's root folder, the commit the branch was at before a write and
the commit it is at after.  Out: nothing, or a ``HistoryError`` saying which
uncommitted changes stand in the way.

A history folder is an ordinary git checkout and users work in it (notes,
their own commits, uncommitted edits).  travaux owns only ``provisions/`` and
``versions/``; everything else in the tree, the index and the folder is left
as the user has it.  Before a write we refuse if ``provisions/`` or
``versions/`` hold uncommitted changes (they would be overwritten); after the
ref moved we update index and folder with git's own two-tree merge
(``read-tree -m -u OLD NEW``, what ``git checkout`` does), which carries every
other local change forward untouched.

A journal (``.git/travaux-sync``: "OLD NEW") is written before the ref moves
and removed once the folder is up to date, so a write killed in between is
finished by the next one instead of being mistaken for a user's edit.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from travaux.diffing.errors import HistoryError

OWNED = ("provisions", "versions")
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
JOURNAL = "travaux-sync"


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run git in ``root`` in its own session: a Ctrl-C at the terminal reaches
    travaux (which decides what to do) but never kills git halfway."""
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                          start_new_session=True, check=check,
                          env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})


def uncommitted(root: Path) -> list[str]:
    """Paths under provisions/ or versions/ that differ from the branch tip
    (staged, modified, deleted or untracked)."""
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
              "--", *OWNED).stdout.decode("utf-8", "replace")
    return [item[3:] for item in out.split("\0") if len(item) > 3]


def check_clean(root: Path) -> None:
    changed = uncommitted(root)
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        raise HistoryError(f"uncommitted changes in {changed[0]}{more}: travaux writes "
                           "provisions/ and versions/; commit them (git commit) or set them "
                           "aside (git stash -u), then run the command again")


def journal_path(git_dir: Path) -> Path:
    return Path(git_dir) / JOURNAL


def begin(git_dir: Path, old: str | None, new: str | None) -> None:
    """Record the move about to happen (atomically: temp file + rename)."""
    path = journal_path(git_dir)
    tmp = path.with_name(JOURNAL + ".tmp")
    tmp.write_text(f"{old or EMPTY_TREE} {new or EMPTY_TREE}\n", encoding="ascii")
    os.replace(tmp, path)


def finish(root: Path, git_dir: Path, old: str | None, new: str | None) -> bool:
    """Bring index and folder from ``old`` to ``new``; True when done."""
    done = git(root, "read-tree", "-m", "-u", old or EMPTY_TREE, new or EMPTY_TREE,
               check=False).returncode == 0
    if done:
        journal_path(git_dir).unlink(missing_ok=True)
    return done


def recover(root: Path, git_dir: Path, tip: str | None) -> None:
    """Under the writer lock: finish a folder update a killed writer left."""
    path = journal_path(git_dir)
    path.with_name(JOURNAL + ".tmp").unlink(missing_ok=True)
    try:
        old, new = path.read_text(encoding="ascii").split()
    except (FileNotFoundError, ValueError):
        path.unlink(missing_ok=True)
        return
    if (tip or EMPTY_TREE) != new:   # killed before the ref moved: nothing to finish
        path.unlink(missing_ok=True)
        return
    if finish(root, git_dir, old, new):
        return
    # Killed inside read-tree: the folder is half new, the index old.  Only
    # travaux's own folders can differ, so set exactly those to ``new``.
    _force_owned(root, new)
    path.unlink(missing_ok=True)


def _force_owned(root: Path, new: str) -> None:
    listed = git(root, "ls-files", "-z", "--", *OWNED).stdout.decode("utf-8").split("\0")
    wanted = git(root, "ls-tree", "-r", "-z", "--name-only", new, "--", *OWNED) \
        .stdout.decode("utf-8").split("\0")
    gone = sorted(set(filter(None, listed)) - set(filter(None, wanted)))
    if gone:
        git(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", *gone)
        for name in gone:
            (root / name).unlink(missing_ok=True)
    present = [p for p in OWNED if any(w.startswith(p + "/") for w in wanted)]
    if present:
        git(root, "checkout", new, "--", *present)
