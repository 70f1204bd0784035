"""The comparison pipeline: two Documents -> a ``Diff``.

In: the old and new ``Document`` and ``CompareOptions``.  Out: a ``Diff`` whose
``pairs`` hold one ``PairDiff`` per paragraph-level pair (reading order of the
new document, deleted pairs where they stood), whose ``provisions`` hold one
``PairDiff`` per provision pair (texts: the headings, "Article 5 Title"), and
whose ``summary`` (``diffing.summary.summarize``) counts pair kinds and change kinds,
provision heading changes included.

The word diff runs per aligned pair, never over the whole document: cost stays
linear in the number of pairs (measured on a 1M-word document: diffing its 26.6k
aligned pairs took 0.13 s, some 470 times less than a whole-document word diff,
and 58 % of the pairs were byte-identical).  Pairs whose texts are
identical get one EQUAL span without running the diff; inserted and deleted
pairs get one INSERT or DELETE span.
"""

from __future__ import annotations

from dataclasses import replace

from travaux.diffing.align.aligner import align
from travaux.diffing.classify.classifier import classify
from travaux.diffing.classify.context import PairContext
from travaux.diffing.classify.refs import Renumbering, number_of, renumbering
from travaux.diffing.classify.polarity import chapeau_negations
from travaux.diffing.classify.substantive import short
from travaux.diffing.classify.substitution import substitutions
from travaux.diffing.model import (Alignment, Change, ChangeKind, CompareOptions, Diff,
                           Document, Op, Pair, PairDiff, PairKind, Span)
from travaux.diffing.summary import summarize
from travaux.diffing.words.bounded import SHARES
from travaux.diffing.words.worddiff import resolve_backend, word_diff_noted


def _texts(alignment: Alignment, pair: Pair, heading: bool) -> tuple[str, str]:
    def text(doc: Document, indices: tuple[int, ...]) -> str:
        if heading:
            parts = (" ".join(x for x in (doc.blocks[i].label, doc.blocks[i].title) if x)
                     for i in indices)
        else:
            parts = (doc.blocks[i].text for i in indices)
        return "\n".join(parts)
    return text(alignment.old, pair.old), text(alignment.new, pair.new)


def _spans(pair: Pair, old_text: str, new_text: str, options: CompareOptions,
           notes: list[str] | None = None, where: str = "") -> tuple[Span, ...]:
    if pair.kind is PairKind.INSERTED:
        return (Span(Op.INSERT, "", new_text),) if new_text else ()
    if pair.kind is PairKind.DELETED:
        return (Span(Op.DELETE, old_text, ""),) if old_text else ()
    if old_text == new_text:
        return (Span(Op.EQUAL, old_text, new_text),) if old_text else ()
    spans, how = word_diff_noted(old_text, new_text, options)
    if how is not None and notes is not None:
        notes.append(_bounded_note(where, how))
    return tuple(spans)


def _bounded_note(where: str, how: str) -> str:
    """Say how a pair too long for an exact word diff was diffed (never silently)."""
    if how == SHARES:
        return (f"{where}: too long for an exact word diff; diffed in equal shares of each "
                "side after the words both texts share once (coarser: split the paragraph "
                "for a finer diff)")
    return (f"{where}: too long for an exact word diff in one piece; diffed piece by piece "
            "between the words that occur once in both texts")


def _onto(spans: tuple[Span, ...], old_text: str, new_text: str) -> tuple[Span, ...]:
    """The same spans cut from texts of the same lengths (offsets are kept)."""
    out, i, j = [], 0, 0
    for s in spans:
        out.append(Span(s.op, old_text[i:i + len(s.old)], new_text[j:j + len(s.new)]))
        i, j = i + len(s.old), j + len(s.new)
    return tuple(out)


def pair_context(alignment: Alignment, pair: Pair, heading: bool = False,
                 ren: Renumbering | None = None) -> PairContext:
    """What the classifier needs to know of a pair: language, renumbering, own provision."""
    old, new = alignment.old, alignment.new
    lang = old.meta.language or new.meta.language
    prov = ""
    if pair.old:
        i = old.provision_of(pair.old[0])
        prov = number_of(old.blocks[i].label) if i is not None else ""
    labels = (0, 0)
    if heading:
        # The heading text starts with the label ("Article 9 Title"): its own number.
        lo = len(old.blocks[pair.old[0]].label) if len(pair.old) == 1 else 0
        ln = len(new.blocks[pair.new[0]].label) if len(pair.new) == 1 else 0
        labels = (lo, ln)
    chapeaus = ("", "") if heading else (_chapeau(old, pair.old), _chapeau(new, pair.new))
    negs = (chapeau_negations(chapeaus[0]), chapeau_negations(chapeaus[1]))
    para = ""
    if pair.old and len(old.blocks[pair.old[0]].path) >= 2:
        para = number_of(old.blocks[pair.old[0]].path[1])
    return PairContext(lang, ren if ren is not None else Renumbering(), prov, para, labels,
                       negs, chapeaus)


def _chapeau(doc: Document, indices: tuple[int, ...]) -> str:
    """The text that introduces the list a block is a point of ("The gatekeeper shall not
    do any of the following:"): its parent's text, or the nearest block before it in the
    same provision, when that text ends with a colon; else ""."""
    if not indices:
        return ""
    i = indices[0]
    parent = doc.blocks[i].parent
    if parent is not None and doc.blocks[parent].text.rstrip().endswith(":"):
        return doc.blocks[parent].text
    if not doc.blocks[i].label.startswith("("):
        return ""                  # only a point "(a)" hangs on a chapeau before it
    for j in range(i - 1, max(-1, i - 40), -1):
        b = doc.blocks[j]
        if b.parent == parent and b.text.rstrip().endswith(":"):
            return b.text
        if b.parent == parent and not b.label.startswith("("):
            break                  # another paragraph: not this list's chapeau
    return ""


def diff_pair(alignment: Alignment, pair: Pair, options: CompareOptions,
              heading: bool = False, notes: list[str] | None = None,
              ren: Renumbering | None = None) -> PairDiff:
    """Word-diff one aligned pair (``heading``: compare the provision headings);
    a note is added to ``notes`` when the pair had to be diffed in pieces."""
    old_text, new_text = _texts(alignment, pair, heading)
    where = _where(alignment, pair) if notes is not None else ""
    if len(pair.old) > 1 or len(pair.new) > 1:
        # A split/merged group: its block texts are joined with "\n".  Diff
        # them joined with spaces instead (same lengths), so a join is not a
        # change and the words around it stay equal; then cut the spans from
        # the real texts, so the joins still show where the blocks begin.
        flat = _spans(pair, old_text.replace("\n", " "), new_text.replace("\n", " "), options,
                      notes, where)
        spans = _onto(flat, old_text, new_text)
    else:
        flat = spans = _spans(pair, old_text, new_text, options, notes, where)
    if pair.kind in (PairKind.INSERTED, PairKind.DELETED):
        # A whole block that came or went is one insertion/deletion: the "shall"
        # and numbers inside it are not modal or number changes of anything.
        changes = tuple(Change((ChangeKind.INSERTION if s.op is Op.INSERT else ChangeKind.DELETION,),
                               s.old, s.new, 0, 1,
                               reason=("provision inserted: " if s.op is Op.INSERT else "provision deleted: ")
                               + short(s.new or s.old)) for s in flat)
    elif any(s.op is not Op.EQUAL or s.old != s.new for s in flat):
        # classify also when every span is EQUAL but some differ (masked by an ignore
        # option): those differences are reported as editorial changes, not dropped.
        changes = tuple(classify(flat, pair_context(alignment, pair, heading, ren)))
    else:
        changes = ()
    if pair.kind is PairKind.MODIFIED and all(s.op is Op.EQUAL for s in spans):
        # Same place, same number, and equal under the user's ignore options.
        pair = replace(pair, kind=PairKind.UNCHANGED)
    return PairDiff(pair, old_text, new_text, spans, changes)


def diff_texts(old_text: str, new_text: str, options: CompareOptions = CompareOptions()) -> PairDiff:
    """Word-diff and classify two plain texts as one pair (for text that is not a Document,
    e.g. the catch-all files of a history)."""
    pair = Pair(PairKind.MODIFIED, (0,), (0,), 1.0 if old_text == new_text else 0.0,
                edited=old_text != new_text)
    spans = _spans(pair, old_text, new_text, options)
    changes = tuple(classify(spans)) if any(s.op is not Op.EQUAL or s.old != s.new
                                            for s in spans) else ()
    if not any(s.op is not Op.EQUAL for s in spans):
        pair = replace(pair, kind=PairKind.UNCHANGED)
    return PairDiff(pair, old_text, new_text, spans, changes)


def compare(old: Document, new: Document, options: CompareOptions = CompareOptions()) -> Diff:
    """Align ``old`` and ``new``, then word-diff and classify every aligned pair."""
    backend = resolve_backend(options.backend)   # a named backend that is missing raises
    if options.scope and options.scope != "all":
        from travaux.diffing.scope import apply as apply_scope

        old, new = apply_scope(old, new, options)
    notes: list[str] = [*old.meta.warnings, *new.meta.warnings]
    alignment = align(old, new, options)
    ren = renumbering(alignment)
    pairs = tuple(diff_pair(alignment, p, options, notes=notes, ren=ren) for p in alignment.paragraphs)
    pairs, subs = substitutions(pairs, old.meta.language or new.meta.language)
    provisions = _with_content_changes(
        alignment, tuple(diff_pair(alignment, p, options, heading=True, notes=notes, ren=ren)
                         for p in alignment.provisions),
        pairs)
    return Diff(alignment=alignment, options=options, pairs=pairs,
                summary=summarize(pairs, provisions, subs),
                provisions=provisions, backend=backend, notes=tuple(notes))


def _where(alignment: Alignment, pair: Pair) -> str:
    """The pair's citation ("Article 5 > 2"), new side first."""
    doc, idx = (alignment.new, pair.new) if pair.new else (alignment.old, pair.old)
    return " > ".join(doc.blocks[idx[0]].path) if idx else "a pair"


def _with_content_changes(alignment: Alignment, provisions: tuple[PairDiff, ...],
                          pairs: tuple[PairDiff, ...]) -> tuple[PairDiff, ...]:
    """A provision whose heading is the same but whose paragraphs changed is
    MODIFIED (edited), not UNCHANGED: the provision level agrees with the
    paragraph level."""
    touched_old: set[int | None] = set()
    touched_new: set[int | None] = set()
    for pd in pairs:
        if pd.pair.kind is PairKind.UNCHANGED:
            continue
        touched_old.update(alignment.old.provision_of(i) for i in pd.pair.old)
        touched_new.update(alignment.new.provision_of(i) for i in pd.pair.new)
    touched_old.discard(None)
    touched_new.discard(None)
    out = []
    for pd in provisions:
        pair = pd.pair
        if (pair.kind in (PairKind.UNCHANGED, PairKind.MODIFIED, PairKind.RENUMBERED, PairKind.MOVED)
                and (touched_old.intersection(pair.old) or touched_new.intersection(pair.new))):
            kind = PairKind.MODIFIED if pair.kind is PairKind.UNCHANGED else pair.kind
            pd = replace(pd, pair=replace(pair, kind=kind, edited=True))
        out.append(pd)
    return tuple(out)
