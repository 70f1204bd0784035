"""Errors travaux reports to users.

Every error message is one line that says what is wrong and what to do, e.g.
``draft.pdf has no text layer (scanned image?); run OCR first or pass a .txt``.
The CLI prints ``error: <message>`` on stderr and exits with status 2.
"""


class TravauxError(Exception):
    """Base class: anything a user can fix; ``str(e)`` is the one-line message."""


class InputError(TravauxError):
    """A file cannot be read as a legal text (missing, empty, binary, no text layer, too large)."""


class OptionError(TravauxError):
    """An option or pin/mapping given by the user is invalid."""


class HistoryError(TravauxError):
    """A history repository is missing, locked, or asked for something it does not hold."""
