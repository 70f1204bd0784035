"""Documents that carry their own revisions: which state to read, and how many changes.

In: a Word body element (python-docx's lxml tree) or the raw bytes of a .docx, and the
state wanted.  Out: the tree reduced to that state (in place) and the number of tracked
changes.  US bill XML marks its struck and inserted matter with ``changed="deleted"`` /
``changed="added"`` (and ``<deleted-phrase>`` / ``<added-phrase>``); ``diffing.read.markup``
keeps or drops those elements with ``keep_element`` below.

Two states, named as a reader of a redline names them:

* ``current`` (the default): the text with every change applied — Word's "accept all",
  a reported bill as reported;
* ``original``: the text before the changes — Word's "reject all", the bill as it was
  referred to the committee.

Word: ``w:ins`` / ``w:moveTo`` hold inserted (moved-in) runs or paragraphs, ``w:del`` /
``w:moveFrom`` deleted (moved-out) ones, whose text is ``w:delText``.  A paragraph whose
mark was inserted (``w:pPr/w:rPr/w:ins``) and holds nothing else did not exist before;
one whose mark was deleted and holds nothing current no longer exists.
"""

from __future__ import annotations

import re

__all__ = ["STATES", "CURRENT", "ORIGINAL", "docx_state", "count_docx", "keep_element"]

CURRENT = "current"
ORIGINAL = "original"
STATES = (CURRENT, ORIGINAL)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TAG = {t: f"{{{_W}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "delText", "t", "p",
                                    "pPr", "rPr", "r", "delInstrText", "instrText")}
_COUNTED = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo)\b[^>]*\bw:id=")


def count_docx(document_xml: bytes) -> int:
    """How many tracked changes (insertions, deletions, moves) ``word/document.xml`` holds."""
    return len(_COUNTED.findall(document_xml))


def _unwrap(el) -> None:
    """Replace ``el`` by its children (keeping document order)."""
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    for i, child in enumerate(list(el)):
        parent.insert(at + i, child)
    parent.remove(el)


def _mark_changed(p, kind: str) -> bool:
    ppr = p.find(_TAG["pPr"])
    rpr = ppr.find(_TAG["rPr"]) if ppr is not None else None
    return rpr is not None and rpr.find(_TAG[kind]) is not None


def _has_text_outside(p, gone: tuple[str, ...]) -> bool:
    """Whether ``p`` has text in runs not inside one of the ``gone`` wrappers."""
    for t in p.iter(_TAG["t"], _TAG["delText"]):
        node = t.getparent()
        inside = False
        while node is not None and node is not p:
            if node.tag in gone:
                inside = True
                break
            node = node.getparent()
        if not inside and (t.text or "").strip():
            return True
    return False


def docx_state(body, state: str) -> None:
    """Reduce a Word body to ``state`` in place (see the module docstring)."""
    if state == CURRENT:
        gone, stays = (_TAG["del"], _TAG["moveFrom"]), (_TAG["ins"], _TAG["moveTo"])
        mark = "del"
    else:
        gone, stays = (_TAG["ins"], _TAG["moveTo"]), (_TAG["del"], _TAG["moveFrom"])
        mark = "ins"
    # paragraphs that do not exist in this state (their numbering must not count them)
    for p in list(body.iter(_TAG["p"])):
        if _mark_changed(p, mark) and not _has_text_outside(p, gone):
            parent = p.getparent()
            if parent is not None:
                parent.remove(p)
    for el in list(body.iter(*gone)):
        if el.getparent() is not None and el.getparent().tag != _TAG["rPr"]:
            el.getparent().remove(el)
    for el in list(body.iter(*stays)):
        if el.getparent() is not None and el.getparent().tag != _TAG["rPr"]:
            _unwrap(el)
    if state == ORIGINAL:           # the text that was deleted is text again
        for el in list(body.iter(_TAG["delText"])):
            el.tag = _TAG["t"]
        for el in list(body.iter(_TAG["delInstrText"])):
            el.tag = _TAG["instrText"]


def keep_element(changed: str, tag: str, state: str) -> bool | None:
    """Whether a bill XML element marked ``changed=`` (or a ``deleted-phrase`` /
    ``added-phrase``) is read in ``state``; None when it carries no change."""
    if tag == "deleted-phrase" or changed == "deleted":
        return state == ORIGINAL
    if tag == "added-phrase" or changed == "added":
        return state == CURRENT
    return None
