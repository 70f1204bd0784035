"""Characters that must never reach a terminal, a page or a git header as themselves.

In: text from the documents or from the user.  Out: ``CONTROL``, the one pattern
of such characters that every output uses, and ``scrub(text)``, which replaces
each with a visible U+FFFD.

``CONTROL`` holds the C0 controls except tab and newline (a terminal obeys
escape sequences; a carriage return overwrites the line), DEL, the C1 controls,
and the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
U+2066-U+2069), which make text display in another order than the one it has:
a reader must see the words the diff compared, in their order.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def scrub(text: str, replacement: str = "\ufffd") -> str:
    """``text`` with every ``CONTROL`` character replaced (by U+FFFD: visibly)."""
    return CONTROL.sub(replacement, text)


__all__ = ["CONTROL", "scrub"]
