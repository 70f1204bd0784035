"""Git-backed drafting history (GitPython is used only inside this package).

In: versions of an instrument (files + label, date, body, note).  Out: a
``History`` that answers, per provision, log / show / diff / blame / timeline,
from an ordinary git repository in which every version is one commit and every
provision one file (``git log --follow -p -- provisions/<id>.txt`` works).

Modules: ``store`` (git objects, atomic ref transaction, writer lock),
``layout`` (what a commit holds; loading it), ``manifest`` (TOML/CSV import
lists), ``identity`` (provision ids by alignment), ``importer`` (appending
versions), ``log``, ``blame``, ``timeline``, ``safety`` (names from user text),
``repo`` (the ``History`` facade).
"""

from travaux.history.model import (Blame, BlameWord, ProvisionChange, ConcordanceRow, Dossier, LogEntry,
                           ProvisionLog, ProvisionRecord, Timeline, TimelineStep, VersionInfo)
from travaux.history.repo import History, init_history, open_history

__all__ = ["init_history", "open_history", "History", "VersionInfo", "ProvisionRecord",
           "ProvisionChange", "LogEntry", "ProvisionLog", "Blame", "BlameWord", "Timeline",
           "TimelineStep", "ConcordanceRow", "Dossier"]
