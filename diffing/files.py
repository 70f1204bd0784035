"""The permissions of a file travaux writes for the user.

Results are written through a temporary file (``tempfile.mkstemp``, mode 0600)
and renamed into place; without this, every redline would be readable by its
owner only.  A new file gets what the user's umask gives any new file; a file
that is replaced keeps its mode.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
