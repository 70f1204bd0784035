"""Writing results to files for the user: all or nothing, with ordinary permissions.

In: a path and text (or bytes).  Out: the file, written through a temporary
file in the same directory and renamed into place, so a reader never sees a
half-written redline and a failure leaves any previous file untouched.  The
temporary file (``tempfile.mkstemp``) is created 0600; the result gets what the
user's umask gives any new file, or keeps the mode of the file it replaces.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from travaux.diffing.errors import InputError


def mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: Path, data: str | bytes) -> Path:
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write {path}: folder {parent} does not exist; create it first")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    mode = mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc} in folder {parent}; check "
                         "its permissions or write elsewhere") from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}; check the path and permissions") from None
    except BaseException:
        _discard(tmp)
        raise
    return path


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
