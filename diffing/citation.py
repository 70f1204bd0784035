"""Citations of provisions: the one way travaux writes them and the one way it matches them.

In: a block path (``("Article 8", "2", "(a)")``) or a citation a user typed.  Out:

- ``Block.citation`` (in ``diffing.model``) is the *path form* ``"Article 8 > 2 > (a)"``:
  what ``--pin``, ``--map`` and the history's ``PROVISION`` arguments accept;
- ``cite(path)`` is the *display form* ``"Article 8(2)(a)"``, the way lawyers cite,
  used by every output (comparison reports and the history's log, blame, timeline);
- ``normalise(citation)`` is the *match key*: two citations name the same block when
  their keys are equal (Unicode compatibility forms, no-break spaces, spacing around
  ">", runs of spaces and case do not count).
"""

from __future__ import annotations

import re
import unicodedata


def cite(path: tuple[str, ...]) -> str:
    """``("Article 8", "2", "(a)")`` -> ``Article 8(2)(a)``, the way lawyers cite."""
    if not path:
        return ""
    out = path[0]
    for part in path[1:]:
        if part.startswith("("):
            out += part
        elif part[:1].isdigit():
            out += f"({part})"
        else:
            out += f" {part}"
    return out


def normalise(citation: str) -> str:
    """The match key of a citation in path form (``"article 8 > 2"``)."""
    text = unicodedata.normalize("NFKC", citation or "").replace("\u00a0", " ")
    text = re.sub(r"\s*>\s*", " > ", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


__all__ = ["cite", "normalise"]
