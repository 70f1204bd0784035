"""Writing results to files: all or nothing.

In: a path and text (or bytes).  Out: the file, written through a temporary
file in the same directory and renamed into place, so a reader never sees a
half-written redline and a failure leaves any previous file untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from diffing.errors import InputError
from diffing.files import mode_for


def write_atomic(path: Path, data: str | bytes) -> None:
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write {path}: folder {parent} does not exist; create it first")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    mode = mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputError(f"cannot write {path}: {exc.strerror or exc}; check the path and permissions") from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
