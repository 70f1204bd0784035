"""Scope of a comparison: two Documents -> the parts of them to compare (``--scope``).

In: the old and new ``Document`` and a scope string.  Out: two Documents holding
only the blocks in scope (same source text, same offsets and paths; parent
indices renumbered), so that everything downstream — alignment, word diff,
reports — sees only what the user asked to compare.

Scopes:
- ``all`` (or empty): everything;
- ``enacting``: the enacting terms only (no cover, memorandum, preamble,
  financial statement, signatures or annexes; see ``diffing.segment.parts``);
- ``excerpt``: the shorter document is an excerpt of the longer one: the longer
  one is cut to the stretch between the first and the last of its blocks paired
  with the excerpt (plus their enclosing provisions), so that the rest of the
  long text is not reported as inserted;
- ``Article 3-10``, ``Article 3-Article 10``, ``§ 2-§ 4``: a range of provisions,
  from the first provision with that label to the last (in document order), in
  both documents; ``Article 3-10=Article 3-12`` gives a range per document;
  ``Article 5`` alone is a range of one.
A range that names no provision of a document raises ``OptionError`` naming it.
"""

from __future__ import annotations

from dataclasses import replace

from travaux.diffing.errors import OptionError
from travaux.diffing.model import PROVISION_KINDS, CompareOptions, Document
from travaux.diffing.segment.parts import Part, parts

SCOPES = ("all", "enacting", "excerpt")
_HINT = "use --scope enacting, --scope excerpt or a range such as --scope \"Article 3-10\""


def restrict(doc: Document, keep: set[int]) -> Document:
    """``doc`` with only the blocks whose indices are in ``keep`` (and their
    ancestors, so that every kept block keeps its enclosing provision)."""
    keep = set(keep)
    for i in sorted(keep):
        p = doc.blocks[i].parent
        while p is not None and p not in keep:
            keep.add(p)
            p = doc.blocks[p].parent
    order = sorted(keep)
    new_index = {old: new for new, old in enumerate(order)}
    blocks = []
    for i in order:
        b = doc.blocks[i]
        parent = b.parent
        while parent is not None and parent not in new_index:
            parent = doc.blocks[parent].parent
        blocks.append(replace(b, parent=None if parent is None else new_index[parent]))
    return replace(doc, blocks=tuple(blocks))


def _label(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split()).casefold()


def _provision_range(doc: Document, first: str, last: str, side: str) -> set[int]:
    labels = [(i, _label(b.label)) for i, b in enumerate(doc.blocks) if b.kind in PROVISION_KINDS]
    starts = [i for i, lab in labels if lab == _label(first)]
    ends = [i for i, lab in labels if lab == _label(last)]
    name = doc.meta.name or f"the {side} document"
    if not starts or not ends:
        missing = first if not starts else last
        raise OptionError(f"scope names {missing!r}, which is no provision of {name}; "
                          "give labels as `travaux parse` prints them, e.g. --scope \"Article 3-10\"")
    lo, hi = starts[0], ends[-1]
    if hi < lo:
        raise OptionError(f"scope {first!r}-{last!r} is backwards in {name}; give the first provision first")
    end = len(doc.blocks)
    for i, _ in labels:
        if i > hi:
            end = i
            break
    # a division heading (chapter) after the last provision is not in the range
    keep = set(range(lo, end))
    depth = doc.blocks[hi].depth
    return {i for i in keep if i <= hi or doc.blocks[i].depth > depth}


def _parse_range(text: str) -> tuple[str, str]:
    text = text.replace("\u2013", "-").replace("..", "-")
    if "-" not in text:
        return text.strip(), text.strip()
    first, last = (t.strip() for t in text.split("-", 1))
    if not first or not last:
        raise OptionError(f"scope range {text!r} is incomplete; {_HINT}")
    if last[:1].isdigit() or last[:1] == "(":           # "Article 3-10": same word as the start
        word = first.rstrip("0123456789abcdefghijklmnopqrstuvwxyz").rstrip()
        head = first[:len(word)] if word and word != first else ""
        if head:
            last = f"{head} {last}" if not head.endswith(" ") else head + last
            last = " ".join(last.split())
    return first, last


def apply(old: Document, new: Document, options: CompareOptions) -> tuple[Document, Document]:
    """``old`` and ``new`` cut to ``options.scope``."""
    scope = (options.scope or "all").strip()
    key = scope.casefold()
    if key == "all":
        return old, new
    if key == "enacting":
        return tuple(restrict(d, {i for i, p in enumerate(parts(d)) if p is Part.ENACTING})
                     for d in (old, new))                                   # type: ignore[return-value]
    if key == "excerpt":
        return _excerpt(old, new, options)
    sides = scope.split("=", 1) if "=" in scope else [scope, scope]
    (of, ol), (nf, nl) = _parse_range(sides[0]), _parse_range(sides[1])
    return (restrict(old, _provision_range(old, of, ol, "old")),
            restrict(new, _provision_range(new, nf, nl, "new")))


def _words(doc: Document) -> int:
    return sum(len(b.text.split()) for b in doc.blocks)


def _excerpt(old: Document, new: Document, options: CompareOptions) -> tuple[Document, Document]:
    from travaux.diffing.align.aligner import align

    alignment = align(old, new, replace(options, scope="all"))
    long_is_new = _words(new) >= _words(old)
    long_doc = new if long_is_new else old
    paired = [i for p in alignment.paragraphs + alignment.provisions if p.old and p.new
              for i in (p.new if long_is_new else p.old)]
    if not paired:
        return old, new
    lo, hi = min(paired), max(paired)
    cut = restrict(long_doc, set(range(lo, hi + 1)))
    return (old, cut) if long_is_new else (cut, new)
