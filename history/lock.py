"""The writer lock of a history, and Ctrl-C held back while a write lands.

In: the ``.git`` folder, how long to wait, and a callback told once when we
start waiting.  Out: a context manager that holds ``.git/travaux.lock`` (an
``flock``) for the duration of one write; ``interrupts_deferred`` keeps SIGINT
from breaking the few steps between publishing a version and returning.

Writers queue: a second ``history add`` waits for the first (polling, so the
wait is bounded by ``wait`` seconds) instead of failing.  ``flock`` dies with
its process, so a held lock always belongs to a live process: the message
names it and never suggests deleting the file.
"""

from __future__ import annotations

import fcntl
import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from travaux.diffing.errors import HistoryError

LOCK_NAME = "travaux.lock"
DEFAULT_WAIT = 300.0     # seconds; an import of 100 versions takes about a minute
POLL = 0.1


def _holder(fd: int) -> str:
    return os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"


@contextmanager
def writer_lock(git_dir: Path, *, wait: float = DEFAULT_WAIT,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the history's writer lock; wait up to ``wait`` seconds for it."""
    path = Path(git_dir) / LOCK_NAME
    deadline = time.monotonic() + max(0.0, wait)
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            if time.monotonic() >= deadline:
                waited = f" after waiting {wait:g} s" if wait > 0 else ""
                raise HistoryError(f"another travaux process (pid {holder}) is writing this "
                                   f"history{waited}; run the command again when it has "
                                   "finished, or give it longer with --wait SECONDS") from None
            if not told and on_wait is not None:
                on_wait(f"waiting for another travaux process (pid {holder}) to finish writing "
                        f"this history (up to {wait:g} s; --wait SECONDS to change)")
                told = True
            time.sleep(POLL)
            continue
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
        yield
    finally:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        os.close(fd)


_AFTER_LANDING = {"ignore": False}


def ignore_interrupts_after_landing() -> None:
    """For a command line process that exits right after its write: once a
    version has landed, Ctrl-C is ignored until exit (it can no longer undo
    anything, and "interrupted" would be a lie)."""
    _AFTER_LANDING["ignore"] = True


@contextmanager
def interrupts_deferred() -> Iterator[list[int]]:
    """SIGINT is recorded, not raised, inside the block (main thread only).

    Used from the moment a version is published: the version has landed, so a
    Ctrl-C must not turn the command into "Aborted!" with exit status 1.  The
    caller sees the signals received in the yielded list.
    """
    pending: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pending
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield pending
    finally:
        if _AFTER_LANDING["ignore"]:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        else:
            signal.signal(signal.SIGINT, previous)
