"""The comparison pipeline: two Documents -> a ``Diff``.

In: the old and new ``Document`` and ``CompareOptions``.  Out: a ``Diff`` whose
``pairs`` hold one ``PairDiff`` per paragraph-level pair (reading order of the
new document, deleted pairs where they stood), whose ``provisions`` hold one
``PairDiff`` per provision pair (texts: the headings, "Article 5 Title"), and
whose ``summary`` counts pair kinds and change kinds.

The word diff runs per aligned pair, never over the whole document: cost stays
linear in the number of pairs (BASELINES.md, finding 5).  Pairs whose texts are
identical get one EQUAL span without running the diff; inserted and deleted
pairs get one INSERT or DELETE span.
"""

from __future__ import annotations

from diffing.align import align
from diffing.classify import classify, summarize
from diffing.model import (Alignment, CompareOptions, Diff, Document, Op, Pair, PairDiff,
                           PairKind, Span)
from diffing.worddiff import resolve_backend, word_diff


def _texts(alignment: Alignment, pair: Pair, heading: bool) -> tuple[str, str]:
    def text(doc: Document, indices: tuple[int, ...]) -> str:
        if heading:
            parts = (" ".join(x for x in (doc.blocks[i].label, doc.blocks[i].title) if x)
                     for i in indices)
        else:
            parts = (doc.blocks[i].text for i in indices)
        return "\n".join(parts)
    return text(alignment.old, pair.old), text(alignment.new, pair.new)


def _spans(pair: Pair, old_text: str, new_text: str, options: CompareOptions) -> tuple[Span, ...]:
    if pair.kind is PairKind.INSERTED:
        return (Span(Op.INSERT, "", new_text),) if new_text else ()
    if pair.kind is PairKind.DELETED:
        return (Span(Op.DELETE, old_text, ""),) if old_text else ()
    if old_text == new_text:
        return (Span(Op.EQUAL, old_text, new_text),) if old_text else ()
    return tuple(word_diff(old_text, new_text, options))


def diff_pair(alignment: Alignment, pair: Pair, options: CompareOptions,
              heading: bool = False) -> PairDiff:
    """Word-diff one aligned pair (``heading``: compare the provision headings)."""
    old_text, new_text = _texts(alignment, pair, heading)
    spans = _spans(pair, old_text, new_text, options)
    changes = tuple(classify(spans)) if any(s.op is not Op.EQUAL for s in spans) else ()
    return PairDiff(pair, old_text, new_text, spans, changes)


def compare(old: Document, new: Document, options: CompareOptions = CompareOptions()) -> Diff:
    """Align ``old`` and ``new``, then word-diff and classify every aligned pair."""
    backend = resolve_backend(options.backend)
    notes: list[str] = []
    if options.backend not in ("auto", backend):
        notes.append(f"word-diff backend {options.backend!r} is not available; used {backend!r}")
    alignment = align(old, new, options)
    pairs = tuple(diff_pair(alignment, p, options) for p in alignment.paragraphs)
    provisions = tuple(diff_pair(alignment, p, options, heading=True) for p in alignment.provisions)
    return Diff(alignment=alignment, options=options, pairs=pairs, summary=summarize(pairs),
                provisions=provisions, backend=backend, notes=tuple(notes))
