"""Hand-built ``Diff`` objects for the renderer tests (no parser or aligner needed).

``sample_diff()`` has every pair kind (unchanged, modified, renumbered, moved,
split, merged, inserted, deleted), provision headings that change, an equal
span masked by ``ignore_case``, and hostile text: ``<script>alert(1)</script>``,
``" onmouseover="``, ``&amp;``, Markdown metacharacters, a very long paragraph,
Cyrillic, Chinese and Arabic.  The word diff here is a small difflib stand-in
(tokens = words and punctuation with the whitespace after them), classified by a
few keyword rules: enough to exercise renderers, not a model of the real ones.
"""

from __future__ import annotations

import difflib
import re

from travaux.diffing.model import (EDITORIAL_KINDS, Alignment, Block, BlockKind, Change, ChangeKind,
                           CompareOptions, Diff, Document, DocumentMeta, Level, Op, Pair,
                           PairDiff, PairKind, Span)
from travaux.diffing.summary import summarize

HOSTILE = '<script>alert(1)</script> " onmouseover="alert(2)" &amp; *stars* _under_ [link](x) # | ~~'

LONG = ("Each State Party shall adopt such legislative and other measures as may be necessary, "
        "in accordance with the fundamental principles of its domestic law, to establish as "
        "criminal offences, when committed intentionally, the conduct set forth in this article; "
        ) * 12 + "Supercalifragilisticexpialidocious" * 8 + "."

_MODALS = {"shall", "may", "should", "must", "is", "will"}
_TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str, ignore_case: bool = False) -> tuple[Span, ...]:
    a, b = tokens(old), tokens(new)
    norm = (lambda t: t.lower()) if ignore_case else (lambda t: t)
    sm = difflib.SequenceMatcher(None, [norm(t) for t in a], [norm(t) for t in b], autojunk=False)
    spans: list[Span] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2]):   # one span per token run with equal sides
                if spans and spans[-1].op is Op.EQUAL and (spans[-1].old == spans[-1].new) == (x == y):
                    spans[-1] = Span(Op.EQUAL, spans[-1].old + x, spans[-1].new + y)
                else:
                    spans.append(Span(Op.EQUAL, x, y))
            continue
        if i2 > i1:
            spans.append(Span(Op.DELETE, "".join(a[i1:i2]), ""))
        if j2 > j1:
            spans.append(Span(Op.INSERT, "", "".join(b[j1:j2])))
    return tuple(spans)


def classify(spans: tuple[Span, ...], heading: bool = False) -> tuple[Change, ...]:
    out: list[Change] = []
    i = 0
    while i < len(spans):
        if spans[i].op is Op.EQUAL:
            i += 1
            continue
        j = i
        while j < len(spans) and spans[j].op is not Op.EQUAL:
            j += 1
        old = "".join(s.old for s in spans[i:j] if s.op is Op.DELETE)
        new = "".join(s.new for s in spans[i:j] if s.op is Op.INSERT)
        ow, nw = set(old.lower().split()), set(new.lower().split())
        kinds, detail = set(), ""
        if heading and re.sub(r"\d", "", old) == re.sub(r"\d", "", new):
            kinds.add(ChangeKind.NUMBERING)
        elif re.sub(r"[^\w]", "", old) == re.sub(r"[^\w]", "", new):
            kinds.add(ChangeKind.PUNCTUATION)
        else:
            if (ow | nw) & _MODALS and ow & _MODALS != nw & _MODALS:
                kinds.add(ChangeKind.MODAL)
                detail = f"{' '.join(sorted(ow & _MODALS))} -> {' '.join(sorted(nw & _MODALS))}"
            if "not" in ow ^ nw:
                kinds.add(ChangeKind.NEGATION)
            if not old:
                kinds.add(ChangeKind.INSERTION)
            elif not new:
                kinds.add(ChangeKind.DELETION)
            elif not kinds:
                kinds.add(ChangeKind.WORDING)
        ordered = tuple(k for k in ChangeKind if k in kinds)
        out.append(Change(ordered, old, new, i, j, detail))
        i = j
    return tuple(out)


def document(meta: DocumentMeta, spec) -> Document:
    """spec: (kind, label, path, text, title, parent) per block."""
    source, blocks = "", []
    for kind, label, path, text, title, parent in spec:
        start = len(source)
        source += (label + " " if label else "") + text + "\n\n"
        depth = 0 if parent is None else blocks[parent].depth + 1
        blocks.append(Block(kind, label, path, text, start, len(source) - 2, title=title,
                            parent=parent, depth=depth))
    return Document(meta, source, tuple(blocks))


def pair_diff(kind, old_doc, new_doc, old, new, options, level=Level.PARAGRAPH,
              heading=False) -> PairDiff:
    def text(doc, idx):
        if heading:
            return "\n".join(f"{doc.blocks[i].label} {doc.blocks[i].title}".strip() for i in idx)
        return "\n".join(doc.blocks[i].text for i in idx)

    ot, nt = text(old_doc, old), text(new_doc, new)
    if kind is PairKind.INSERTED:
        spans = (Span(Op.INSERT, "", nt),)
    elif kind is PairKind.DELETED:
        spans = (Span(Op.DELETE, ot, ""),)
    else:
        spans = word_diff(ot, nt, options.ignore_case)
    changes = classify(spans, heading=heading)
    edited = ot != nt
    if kind is PairKind.UNCHANGED and edited and changes:
        kind = PairKind.MODIFIED
    score = 0.0 if kind in (PairKind.INSERTED, PairKind.DELETED) else \
        difflib.SequenceMatcher(None, ot, nt).ratio()
    pd = PairDiff(Pair(kind, tuple(old), tuple(new), round(score, 3), level, edited), ot, nt,
                  spans, changes)
    return PairDiff(pd.pair, ot, nt, spans, changes)


A, P, S, C, T = (BlockKind.ARTICLE, BlockKind.PARAGRAPH, BlockKind.SUBPARAGRAPH,
                 BlockKind.CHAPTER, BlockKind.TITLE)

OLD_SPEC = [
    (T, "", ("Title",), "Draft Convention & <Protocol>", "", None),                       # 0
    (C, "Chapter I", ("Chapter I",), "General provisions", "General provisions", None),  # 1
    (A, "Article 1", ("Article 1",), "Purpose", "Purpose", 1),                           # 2
    (P, "1", ("Article 1", "1"), "The purpose of this Convention shall be to promote "
        "cooperation.", "", 2),                                                          # 3
    (P, "2", ("Article 1", "2"), "States Parties may adopt measures " + HOSTILE + ".", "", 2),
    (A, "Article 2", ("Article 2",), "Use of terms", "Use of terms", 1),                 # 5
    (S, "(a)", ("Article 2", "(a)"), "\u201cOrganized criminal group\u201d shall mean a "
        "structured group of three or more persons.", "", 5),                            # 6
    (S, "(b)", ("Article 2", "(b)"), "\u201cSerious crime\u201d shall mean conduct "
        "punishable by a deprivation of liberty of at least four years", "", 5),         # 7
    (A, "Article 3", ("Article 3",), "Scope", "Scope", 1),                               # 8
    (P, "1", ("Article 3", "1"), LONG, "", 8),                                           # 9
    (P, "2", ("Article 3", "2"), "This Convention shall not apply to matters of "
        "internal security.", "", 8),                                                    # 10
    (A, "Article 4", ("Article 4",), "Sovereignty", "Sovereignty", 1),                   # 11
    (P, "1", ("Article 4", "1"), "States Parties shall carry out their obligations under "
        "this Convention in a manner consistent with the principles of sovereign equality.",
        "", 11),                                                                         # 12
    (A, "Article 5", ("Article 5",), "Hostile text", "Hostile text", 1),                 # 13
    (P, "1", ("Article 5", "1"), 'Text with " onmouseover="alert(2)" and &amp; entities.',
        "", 13),                                                                         # 14
    (A, "Article 6", ("Article 6",), "Jurisdiction", "Jurisdiction", 1),                 # 15
    (P, "1", ("Article 6", "1"), "Each State Party shall establish its jurisdiction.", "", 15),
    (P, "2", ("Article 6", "2"), "This applies on board a vessel flying its flag.", "", 15),
]

NEW_SPEC = [
    (T, "", ("Title",), "Convention & <Protocol>", "", None),                            # 0
    (C, "Chapter I", ("Chapter I",), "General provisions", "General provisions", None),  # 1
    (A, "Article 1", ("Article 1",), "Statement of purpose", "Statement of purpose", 1), # 2
    (P, "1", ("Article 1", "1"), "The purpose of this Convention is to promote cooperation "
        "to prevent and combat transnational organized crime more effectively.", "", 2), # 3
    (P, "2", ("Article 1", "2"), "States Parties may adopt measures " + HOSTILE + ".", "", 2),
    (A, "Article 2", ("Article 2",), "Use of terms", "Use of terms", 1),                 # 5
    (S, "(a)", ("Article 2", "(a)"), "\u201cOrganized Criminal Group\u201d shall mean a "
        "structured group of three or more persons, existing for a period of time.", "", 5),
    (S, "(b)", ("Article 2", "(b)"), "\u201cSerious crime\u201d shall mean conduct "
        "punishable by a deprivation of liberty of at least four years;", "", 5),        # 7
    (A, "Article 2 bis", ("Article 2 bis",), "Criminalization", "Criminalization", 1),   # 8
    (P, "1", ("Article 2 bis", "1"), "Каждое государство-участник принимает меры. "
        "各缔约国均应采取必要措施。 تتخذ كل دولة طرف التدابير.", "", 8),                       # 9
    (A, "Article 3", ("Article 3",), "Scope of application", "Scope of application", 1), # 10
    (P, "1", ("Article 3", "1"), LONG.replace("intentionally", "intentionally or "
        "recklessly", 1), "", 10),                                                       # 11
    (A, "Article 4", ("Article 4",), "Sovereignty", "Sovereignty", 1),                   # 12
    (P, "1", ("Article 4", "1"), "States Parties shall carry out their obligations under "
        "this Convention", "", 12),                                                      # 13
    (P, "2", ("Article 4", "2"), "in a manner consistent with the principles of sovereign "
        "equality and territorial integrity.", "", 12),                                  # 14
    (P, "3", ("Article 4", "3"), "This Convention does not apply to matters of internal "
        "security.", "", 12),                                                            # 15
    (A, "Article 5", ("Article 5",), "Jurisdiction", "Jurisdiction", 1),                 # 16
    (P, "1", ("Article 5", "1"), "Each State Party shall establish its jurisdiction, "
        "including on board a vessel flying its flag.", "", 16),                         # 17
]

OLD_META = DocumentMeta(name="draft <1>.txt", format="text", symbol="A/AC.254/4",
                        title="Draft convention <script>alert(1)</script>", date="1999-01-19",
                        language="en")
NEW_META = DocumentMeta(name="final & adopted.txt", format="text", symbol="A/RES/55/25",
                        title="United Nations Convention against Transnational Organized Crime",
                        date="2000-11-15", language="en")

# (kind, old indices, new indices) in reading order of new (deleted in old order)
PROVISIONS = [
    (PairKind.MODIFIED, (2,), (2,)),
    (PairKind.UNCHANGED, (5,), (5,)),
    (PairKind.INSERTED, (), (8,)),
    (PairKind.MODIFIED, (8,), (10,)),
    (PairKind.UNCHANGED, (11,), (12,)),
    (PairKind.DELETED, (13,), ()),
    (PairKind.RENUMBERED, (15,), (16,)),
]
PARAGRAPHS = [
    (PairKind.MODIFIED, (0,), (0,)),
    (PairKind.UNCHANGED, (1,), (1,)),
    (PairKind.MODIFIED, (3,), (3,)),
    (PairKind.UNCHANGED, (4,), (4,)),
    (PairKind.MODIFIED, (6,), (6,)),
    (PairKind.MODIFIED, (7,), (7,)),
    (PairKind.INSERTED, (), (9,)),
    (PairKind.MODIFIED, (9,), (11,)),
    (PairKind.SPLIT, (12,), (13, 14)),
    (PairKind.MOVED, (10,), (15,)),
    (PairKind.DELETED, (14,), ()),
    (PairKind.MERGED, (16, 17), (17,)),
]


def sample_diff(ignore_case: bool = True) -> Diff:
    options = CompareOptions(ignore_case=ignore_case)
    old, new = document(OLD_META, OLD_SPEC), document(NEW_META, NEW_SPEC)
    provs = tuple(pair_diff(k, old, new, o, n, options, Level.PROVISION, heading=True)
                  for k, o, n in PROVISIONS)
    pairs = tuple(pair_diff(k, old, new, o, n, options) for k, o, n in PARAGRAPHS)
    alignment = Alignment(old, new, tuple(p.pair for p in provs), tuple(p.pair for p in pairs))
    return Diff(alignment, options, pairs, summarize(pairs, provs), provs, backend="python",
                notes=("hand-built test diff",))


def identical_diff() -> Diff:
    """A comparison of a document with itself: every pair unchanged."""
    options = CompareOptions()
    doc = document(OLD_META, OLD_SPEC)
    provs = tuple(pair_diff(PairKind.UNCHANGED, doc, doc, (i,), (i,), options, Level.PROVISION,
                            heading=True)
                  for i, b in enumerate(doc.blocks) if b.kind is BlockKind.ARTICLE)
    pairs = tuple(pair_diff(PairKind.UNCHANGED, doc, doc, (i,), (i,), options)
                  for i, b in enumerate(doc.blocks) if b.kind is not BlockKind.ARTICLE)
    alignment = Alignment(doc, doc, tuple(p.pair for p in provs), tuple(p.pair for p in pairs))
    return Diff(alignment, options, pairs, summarize(pairs, provs), provs, backend="python")


assert EDITORIAL_KINDS  # the stand-in classifier relies on the model's vocabulary
