"""The git repository under a history: objects in, refs moved atomically, bytes out.

In: blobs (bytes), trees (nested dicts name -> blob sha | subtree), commit
metadata.  Out: hex shas, and blob bytes read back.  This module is the only
place that talks to git (through GitPython and its object database).

Atomicity.  Objects are written first (unreferenced objects are harmless);
then one ``git update-ref --stdin`` transaction moves ``refs/heads/main`` from
the value read at the start (compare-and-swap) and creates every tag.  A kill
before that transaction leaves the history exactly as it was; after it, the
history holds every new version.  The working tree is refreshed afterwards
and again on the next write, so it is a convenience, never the truth.

Commits are written as raw objects with explicit author, committer and dates
(the version's date and body), so the same imports give the same shas on any
machine.  Nothing that came from a user is ever passed to git as an argument:
ref names are sanitised (``safety.tag_name``) and go through stdin.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import git
from git.objects.fun import tree_entries_from_data

from travaux.diffing.errors import HistoryError

BRANCH = "refs/heads/main"
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

    def tree(self, entries: dict) -> str:
        """Write a tree: ``{name: blob_hex | dict | ("tree", tree_hex)}``.

        Dicts are subtrees to write; ("tree", sha) reuses a tree already stored.
        """
        items = []
        for name, value in entries.items():
            if not name or "/" in name or name in {".", "..", ".git"} or "\0" in name:
                raise ValueError(f"bad tree entry name {name!r}")  # our bug, never user input
            if isinstance(value, dict):
                items.append((name + "/", b"40000", name, self.tree(value)))
            elif isinstance(value, tuple):
                items.append((name + "/", b"40000", name, value[1]))
            else:
                items.append((name, b"100644", name, value))
        items.sort(key=lambda item: item[0].encode("utf-8"))  # git's order: trees sort as "name/"
        raw = b"".join(mode + b" " + name.encode("utf-8") + b"\0" + bytes.fromhex(sha)
                       for _, mode, name, sha in items)
        if raw in self._trees:
            return self._trees[raw]
        sha = self._write(b"tree", raw)
        self._trees[raw] = sha
        return sha

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

    def head(self) -> str | None:
        try:
            return self.repo.git.rev_parse("--verify", "--quiet", BRANCH + "^{commit}").strip()
        except git.GitCommandError:
            return None

    def commit_tree(self, commit: str) -> str:
        raw = self.read(commit).decode("utf-8", "replace")
        return raw.split("\n", 1)[0].split(" ", 1)[1]

    def chain(self) -> list[str]:
        """Commits of the branch, oldest first (one per version)."""
        if self.head() is None:
            return []
        out = self.repo.git.rev_list("--first-parent", "--reverse", BRANCH)
        return out.split()

    def tags(self) -> dict[str, str]:
        out = self.repo.git.for_each_ref("--format=%(refname:strip=2) %(objectname)", "refs/tags")
        return dict(line.split(" ", 1) for line in out.splitlines() if line)

    def publish(self, old_head: str | None, new_head: str, tags: dict[str, str]) -> None:
        """Move the branch and create tags in one all-or-nothing ref transaction."""
        payload = b"start\0"
        payload += b"update " + BRANCH.encode() + b"\0" + new_head.encode() + b"\0" + \
            (old_head or ZERO).encode() + b"\0"
        for name, sha in tags.items():
            payload += b"create refs/tags/" + name.encode("utf-8") + b"\0" + sha.encode() + b"\0"
        payload += b"prepare\0commit\0"
        with tempfile.TemporaryFile() as fh:
            fh.write(payload)
            fh.seek(0)
            try:
                self.repo.git.update_ref("--stdin", "-z", istream=fh)
            except git.GitCommandError as exc:
                detail = (exc.stderr or "").strip().splitlines()
                raise HistoryError("the history changed while this command ran, or a git ref is "
                                   f"locked ({detail[-1] if detail else exc}); run the command "
                                   "again") from None

    def checkout(self) -> None:
        """Refresh index and working tree to the branch (a convenience for plain git)."""
        head = self.head()
        if head is not None:
            self.repo.git.read_tree("-u", "--reset", head)

    # ------------------------------------------------------------------ lock

    @contextmanager
    def lock(self):
        """Serialise writers: flock on .git/travaux.lock, the holder's pid inside.

        flock dies with its process, so a killed import never leaves a lock
        that blocks the next one; the pid is only there for the message.
        """
        path = self.git_dir / "travaux.lock"
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise HistoryError(f"another travaux process (pid {holder}) is writing this "
                                   "history; wait for it or remove .git/travaux.lock if it is "
                                   "stale") from None
            # The holder before us may have unlinked the file after we opened it:
            # then our lock is on a dead inode; start again on the live path.
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            self._recover()
            yield
        finally:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            os.close(fd)

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
        self.checkout()


def _is_history(root: Path) -> bool:
    if not (root / ".git").is_dir():
        return False
    try:
        reader = git.Repo(root).config_reader("repository")
        return reader.get_value("travaux", MARKER_KEY, default="") != ""
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, OSError):
        return False
