"""The git repository under a history: objects in, refs moved atomically, bytes out.

In: blobs (bytes), trees (nested dicts name -> blob sha | subtree), commit
metadata.  Out: hex shas, and blob bytes read back.  With ``worktree`` and
``lock``, the only place that talks to git (GitPython, its object database,
and ``git`` itself for ref transactions and the working folder).

The history is the branch checked out (``HEAD``); a new history starts on
``main``.  Each new commit is built on the branch tip's tree: travaux replaces
``provisions/`` and ``versions/`` and keeps every other entry (the user's
notes, scripts, anything committed beside them) as it is.

Atomicity.  Objects are written first (unreferenced objects are harmless);
then one ``git update-ref --stdin`` transaction moves the branch from the
value read at the start (compare-and-swap) and creates every tag
(``refs/tags/travaux/<label>``).  A kill before that transaction leaves the
history exactly as it was; after it, the history holds every new version.
The user's index and folder are then updated like ``git checkout`` would
(``worktree``), a journal making sure a kill in between is finished later.

Commits are written as raw objects with explicit author, committer and dates
(the version's date and body), so the same imports give the same shas on any
machine.  Nothing that came from a user is ever passed to git as an argument:
ref names are sanitised (``safety.tag_name``) and go through stdin.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import git
from git.objects.fun import tree_entries_from_data

from travaux.diffing.errors import HistoryError
from travaux.history import worktree as wt
from travaux.history.lock import DEFAULT_WAIT, interrupts_deferred, writer_lock

BRANCH = "refs/heads/main"     # the branch a new history starts on
TAG_REFS = "refs/tags/"
TAG_PREFIX = "travaux/"         # version tags: refs/tags/travaux/<label>, never "main"
REMOVED_REFS = "refs/travaux/removed/"   # versions taken off by `history remove`
ZERO = "0" * 40
MARKER_KEY = "format"          # git config travaux.format = 1
EMAIL = "travaux@history.invalid"
TMP_PREFIX = "travaux-tmp-"     # our temporary object files in .git/objects


class Store:
    """A git repository used as an append-only store of versions."""

    def __init__(self, root: Path, repo: git.Repo):
        self.root = root
        self.repo = repo
        self._trees: dict[bytes, str] = {}

    # ------------------------------------------------------------------ create/open

    @classmethod
    def init(cls, root: Path) -> "Store":
        root = Path(root).absolute()
        if (root / ".git").exists():
            if _is_history(root):
                raise HistoryError(f"{root} is already a travaux history; add versions with "
                                   "travaux history add FILE --label ... --date ...")
            raise HistoryError(f"{root} is already a git repository; give a new or empty folder "
                               "to travaux history init")
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise HistoryError(f"{root} is not an empty folder; give a new or empty folder to "
                               "travaux history init")
        root.mkdir(parents=True, exist_ok=True)
        repo = git.Repo.init(root, initial_branch="main")
        with repo.config_writer() as cfg:
            cfg.set_value("travaux", MARKER_KEY, "1")
            # Renumbered provisions keep their file; a low threshold still lets
            # `git log --follow` cross real renames (splits) if users make any.
            cfg.set_value("diff", "renames", "true")
            cfg.set_value("core", "quotepath", "false")
        return cls(root, repo)

    @classmethod
    def open(cls, root: Path) -> "Store":
        root = Path(root).absolute()
        if not _is_history(root):
            raise HistoryError(f"{root} is not a travaux history; create one with "
                               f"travaux history init {root} (or pass -C DIR)")
        return cls(root, git.Repo(root))

    @property
    def git_dir(self) -> Path:
        return Path(self.repo.git_dir)

    # ------------------------------------------------------------------ objects

    def blob(self, data: bytes) -> str:
        return self._write(b"blob", data)

    def _write(self, kind: bytes, data: bytes) -> str:
        """Store a loose object; written to a temporary file, then renamed into place,
        so a kill leaves either no object or a whole one (never a torn one).

        Done here rather than through GitPython's object database, which forks a
        git process per object (5 ms each: most of an import's time)."""
        raw = kind + b" " + str(len(data)).encode() + b"\0" + data
        sha = hashlib.sha1(raw).hexdigest()
        objects = self.git_dir / "objects"
        path = objects / sha[:2] / sha[2:]
        if path.exists():
            return sha
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=objects)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(zlib.compress(raw, 1))
            os.chmod(tmp, 0o444)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return sha

    def tree(self, entries: dict, keep: tuple[tuple[bytes, bytes, bytes], ...] = ()) -> str:
        """Write a tree: ``{name: blob_hex | dict | ("tree", tree_hex)}``.

        Dicts are subtrees to write; ("tree", sha) reuses a tree already stored.
        ``keep`` are raw entries (mode, name, binary sha) copied as they are:
        the user's own files beside ours (any mode, any name bytes).
        """
        items = []
        for name, value in entries.items():
            if not name or "/" in name or name in {".", "..", ".git"} or "\0" in name:
                raise ValueError(f"bad tree entry name {name!r}")  # our bug, never user input
            raw_name = name.encode("utf-8")
            if isinstance(value, dict):
                items.append((raw_name + b"/", b"40000", raw_name, bytes.fromhex(self.tree(value))))
            elif isinstance(value, tuple):
                items.append((raw_name + b"/", b"40000", raw_name, bytes.fromhex(value[1])))
            else:
                items.append((raw_name, b"100644", raw_name, bytes.fromhex(value)))
        ours = {item[2] for item in items}
        for mode, raw_name, binsha in keep:
            if raw_name not in ours:
                key = raw_name + b"/" if mode in (b"40000", b"040000") else raw_name
                items.append((key, mode, raw_name, binsha))
        items.sort(key=lambda item: item[0])  # git's order: trees sort as "name/"
        raw = b"".join(mode + b" " + name + b"\0" + binsha for _, mode, name, binsha in items)
        if raw in self._trees:
            return self._trees[raw]
        sha = self._write(b"tree", raw)
        self._trees[raw] = sha
        return sha

    def user_entries(self, commit: str | None) -> tuple[tuple[bytes, bytes, bytes], ...]:
        """The raw entries of ``commit``'s root tree that travaux does not own."""
        if commit is None:
            return ()
        raw = self.read(self.commit_tree(commit))
        out, i = [], 0
        while i < len(raw):
            space = raw.index(b" ", i)
            nul = raw.index(b"\0", space)
            mode, name, binsha = raw[i:space], raw[space + 1:nul], raw[nul + 1:nul + 21]
            i = nul + 21
            if name.decode("utf-8", "replace") not in wt.OWNED:
                out.append((mode, name, binsha))
        return tuple(out)

    def commit(self, tree: str, parent: str | None, *, author: str, timestamp: int,
               message: str) -> str:
        stamp = f"{author} <{EMAIL}> {timestamp} +0000"
        lines = [f"tree {tree}"]
        if parent:
            lines.append(f"parent {parent}")
        lines += [f"author {stamp}", f"committer {stamp}", "", message.rstrip("\n") + "\n"]
        return self._write(b"commit", "\n".join(lines).encode("utf-8"))

    def tag(self, name: str, commit: str, *, message: str, author: str, timestamp: int) -> str:
        """An annotated tag object (not yet referenced): its message is the full label."""
        lines = [f"object {commit}", "type commit", f"tag {name}",
                 f"tagger {author} <{EMAIL}> {timestamp} +0000", "", message.rstrip("\n") + "\n"]
        return self._write(b"tag", "\n".join(lines).encode("utf-8"))

    def read(self, sha: str) -> bytes:
        return self.repo.odb.stream(bytes.fromhex(sha)).read()

    def read_tree(self, sha: str) -> dict[str, tuple[int, str]]:
        """Entries of a tree: name -> (mode, hex sha)."""
        return {name: (mode, binsha.hex())
                for binsha, mode, name in tree_entries_from_data(self.read(sha))}

    # ------------------------------------------------------------------ refs

    def branch(self) -> str | None:
        """The branch the user is on ("refs/heads/main"), None when HEAD is detached."""
        out = wt.git(self.root, "symbolic-ref", "-q", "HEAD", check=False)
        name = out.stdout.decode("utf-8", "replace").strip()
        return name if out.returncode == 0 and name.startswith("refs/heads/") else None

    def writable_branch(self) -> str:
        branch = self.branch()
        if branch is None:
            raise HistoryError("HEAD is detached (a commit or tag is checked out); switch to "
                               "the history's branch (git switch main) and run the command again")
        return branch

    def head(self) -> str | None:
        """The commit the history is read from: the tip of the checked-out branch."""
        out = wt.git(self.root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        return out.stdout.decode("ascii").strip() or None if out.returncode == 0 else None

    def commit_tree(self, commit: str) -> str:
        raw = self.read(commit).decode("utf-8", "replace")
        return raw.split("\n", 1)[0].split(" ", 1)[1]

    def commit_parent(self, commit: str) -> str | None:
        for line in self.read(commit).decode("utf-8", "replace").split("\n"):
            if line.startswith("parent "):
                return line.split(" ", 1)[1].strip()
            if not line:
                break
        return None

    def chain(self) -> list[str]:
        """Commits of the branch, oldest first (first parents)."""
        if self.head() is None:
            return []
        out = self.repo.git.rev_list("--first-parent", "--reverse", "HEAD")
        return out.split()

    def tags(self) -> dict[str, str]:
        """Tag name (under refs/tags/) -> the commit it points at."""
        out = self.repo.git.for_each_ref("--format=%(refname:strip=2) %(objectname) "
                                         "%(*objectname)", "refs/tags")
        tags = {}
        for line in out.splitlines():
            name, sha, peeled = (line.split(" ") + [""])[:3]
            tags[name] = peeled or sha
        return tags

    def ref(self, name: str) -> str | None:
        out = wt.git(self.root, "rev-parse", "--verify", "--quiet", name, check=False)
        return out.stdout.decode("ascii").strip() or None if out.returncode == 0 else None

    def refs(self, prefix: str) -> set[str]:
        out = self.repo.git.for_each_ref("--format=%(refname)", prefix)
        return set(out.split())

    def publish(self, old_head: str | None, new_head: str | None, tags: dict[str, str], *,
                branch: str = BRANCH, delete: dict[str, str] | None = None,
                create: dict[str, str] | None = None) -> None:
        """Move the branch, create tags (and other refs), delete refs: one
        all-or-nothing ref transaction, compare-and-swap on every ref."""
        payload = b"start\0"
        payload += b"update " + branch.encode() + b"\0" + (new_head or ZERO).encode() + b"\0" + \
            (old_head or ZERO).encode() + b"\0"
        refs = {TAG_REFS + name: sha for name, sha in tags.items()}
        refs.update(create or {})
        for ref, sha in refs.items():
            payload += b"create " + ref.encode("utf-8") + b"\0" + sha.encode() + b"\0"
        for ref, sha in (delete or {}).items():
            payload += b"delete " + ref.encode("utf-8") + b"\0" + sha.encode() + b"\0"
        payload += b"prepare\0commit\0"
        proc = subprocess.run(["git", "-C", str(self.root), "update-ref", "--stdin", "-z"],
                              input=payload, capture_output=True, start_new_session=True)
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise HistoryError("the history changed while this command ran, or a git ref is "
                               f"locked ({detail[-1] if detail else 'update-ref failed'}); run "
                               "the command again")

    # ------------------------------------------------------------------ writing

    @contextmanager
    def writing(self, *, wait: float = DEFAULT_WAIT, on_wait=None):
        """One write: the lock held (waiting for it up to ``wait`` s), what a
        killed writer left cleaned, the branch and the working folder checked.
        Yields the branch ref to move."""
        with writer_lock(self.git_dir, wait=wait, on_wait=on_wait):
            self._recover()
            branch = self.writable_branch()
            wt.check_clean(self.root)
            yield branch

    def land(self, branch: str, old_head: str | None, new_head: str | None, tags: dict[str, str],
             **refs) -> None:
        """Publish, then update the user's index and folder (Ctrl-C held back
        from the moment the ref may move: the version has landed)."""
        with interrupts_deferred():
            wt.begin(self.git_dir, old_head, new_head)
            try:
                self.publish(old_head, new_head, tags, branch=branch, **refs)
            except BaseException:
                wt.journal_path(self.git_dir).unlink(missing_ok=True)
                raise
            # On failure the journal stays: the next write finishes the folder.
            wt.finish(self.root, self.git_dir, old_head, new_head)

    def _recover(self) -> None:
        """Under the lock: clean what a killed writer may have left behind."""
        # A writer killed inside its ref transaction or worktree refresh leaves
        # git's own *.lock files; we hold the history's lock, so they are stale.
        stale = [self.git_dir / "index.lock", self.git_dir / "packed-refs.lock"]
        stale += list((self.git_dir / "refs").rglob("*.lock"))
        stale += list((self.git_dir / "objects").glob(TMP_PREFIX + "*"))
        for path in stale:
            try:
                path.unlink()
            except FileNotFoundError:
                pass
        wt.recover(self.root, self.git_dir, self.head())


def _is_history(root: Path) -> bool:
    if not (root / ".git").is_dir():
        return False
    try:
        reader = git.Repo(root).config_reader("repository")
        return reader.get_value("travaux", MARKER_KEY, default="") != ""
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, OSError):
        return False
