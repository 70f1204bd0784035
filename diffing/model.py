"""The data model of travaux: frozen dataclasses that flow one way.

    bytes -> text -> Document -> Alignment -> Diff -> (renderer | history)

In: nothing (this module only defines types).  Out: the types every other module
passes around.  No behaviour beyond small derived properties lives here.

Offsets.  Every ``start``/``end`` is an index into ``Document.source`` (the text
produced by the reader, after decoding and format extraction, never altered).
A block's *body* is ``source[start:end]``; its ``text`` is that body with the
artefacts inside it removed, whitespace runs collapsed to one space and words
broken across lines re-joined (see ``diffing.segment.clean``).  The label
("1.", "(a)", "Article 5") has its own span, ``label_start``/``label_end``.
Together, block bodies, labels and artefacts cover every non-whitespace
character of the source: nothing is silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from travaux.diffing.errors import OptionError
from enum import Enum


class TextEnum(str, Enum):
    """String enum whose ``str()`` is its value (stable in JSON and templates)."""

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


# --------------------------------------------------------------------------- parse


class BlockKind(TextEnum):
    """What a block is.  Closed vocabulary: the JSON contract of ``travaux parse``."""

    TITLE = "title"              # the instrument's title line(s)
    PART = "part"                # Part I / Título I
    CHAPTER = "chapter"          # Chapter I / I. Introduction / Capítulo I
    SECTION = "section"          # Section A / A. Scope / Sección 1ª (a division heading)
    ARTICLE = "article"          # Article 5 / Artículo 5 / § 5 / Sec. 2 / Artikel 5: a provision
    PREAMBLE = "preamble"        # a preambular paragraph ("Recalling ...", "Having regard to ...")
    RECITAL = "recital"          # a numbered recital "(12) ..." of an EU act
    PARAGRAPH = "paragraph"      # a numbered paragraph "1." / "(1)" in an article or operative part
    SUBPARAGRAPH = "subparagraph"  # "(a)", "a)", "(i)", "1." inside a paragraph ...
    TEXT = "text"                # an unnumbered paragraph
    FOOTNOTE = "footnote"        # footnote text "1 Resolution 55/59, annex."
    TOC = "toc"                  # a table of contents (one block, kept as a whole)


#: Kinds that open a provision: the unit of the provision-level alignment.
PROVISION_KINDS = frozenset({BlockKind.ARTICLE})


class ArtefactKind(TextEnum):
    """Source text that is not part of any block's text, recorded with its offsets."""

    RUNNING_HEAD = "running_head"        # "A/CONF.187/6 2", "BOLETÍN OFICIAL DE LAS CORTES ..."
    PAGE_NUMBER = "page_number"          # "Pág. 5", "- 3 -"
    FOOTNOTE_MARKER = "footnote_marker"  # the "1" glued to "Century,1"
    FURNITURE = "furniture"              # cve codes, job numbers "V.99-90986 (E)", "Distr.: General"
    DEBRIS = "debris"                    # web-page debris: "Select target paragraph3"
    MARKUP = "markup"                    # "###", "**", YAML front matter, meta tags
    HYPHEN = "hyphen"                    # the "-" of a word broken across lines ("desper-\ndicio")
    SEPARATOR = "separator"              # "_______________" before a footnote list


@dataclass(frozen=True, slots=True)
class Artefact:
    kind: ArtefactKind
    text: str          # == source[start:end]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LayoutNote:
    """A footnote entry the page layout shows (PDF): its number, label and body spans."""

    number: int
    label_start: int
    label_end: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Layout:
    """What a reader learnt from the page layout (PDF), as offsets into its text: the
    artefacts it placed (running heads, page numbers, margin line numbers, footnote
    markers) and the footnote entries printed at page bottoms.  The segmenter takes
    them before looking at the text itself."""

    artefacts: tuple[Artefact, ...] = ()
    notes: tuple[LayoutNote, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of a document, in document order.

    ``path`` is the citation path from the outermost provision down, e.g.
    ``("Article 31", "2", "(a)")`` or ``("para 39",)``.  Paths are unique within
    a document.  ``parent`` is the index of the enclosing block in
    ``Document.blocks`` (None at top level).
    """

    kind: BlockKind
    label: str                 # normalised label: "Article 31", "2", "(a)", "para 39", "¶1", ""
    path: tuple[str, ...]
    text: str                  # cleaned body text (for headings: the heading's title text)
    start: int                 # body span in Document.source
    end: int
    label_start: int = -1      # label span in Document.source (-1 when there is none)
    label_end: int = -1
    title: str = ""            # article/chapter title ("Prevention"), when the source gives one
    parent: int | None = None
    depth: int = 0

    @property
    def citation(self) -> str:
        return " > ".join(self.path)


class SourceFormat(TextEnum):
    """The input format a document was read from (detected from the content)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"
    XML = "xml"


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    name: str = ""             # file name the text came from (display only)
    format: SourceFormat = SourceFormat.TEXT   # a plain str is converted (ValueError if unknown)
    symbol: str = ""           # "A/CONF.187/6", "COM(2020) 842 final", "S. 269"
    title: str = ""
    date: str = ""             # ISO 8601 (YYYY-MM-DD) when the text states it
    language: str = ""         # ISO 639-1 code, best guess ("en", "es", "nl", "de", "fr")
    warnings: tuple[str, ...] = ()   # what reading repaired ("byte 0x93 at offset 17 read as cp1252")

    def __post_init__(self) -> None:
        object.__setattr__(self, "format", SourceFormat(self.format))


@dataclass(frozen=True, slots=True)
class Document:
    meta: DocumentMeta
    source: str
    blocks: tuple[Block, ...]
    artefacts: tuple[Artefact, ...] = ()

    def find(self, path: tuple[str, ...] | str) -> int | None:
        """Index of the block whose path (or citation string) is ``path``."""
        if isinstance(path, str):
            path = tuple(p.strip() for p in path.split(">"))
        for i, b in enumerate(self.blocks):
            if b.path == path:
                return i
        return None

    def children(self, index: int | None) -> tuple[int, ...]:
        return tuple(i for i, b in enumerate(self.blocks) if b.parent == index)

    def descendants(self, index: int) -> tuple[int, ...]:
        """Indices of all blocks below ``index`` (document order)."""
        depth = self.blocks[index].depth
        out = []
        for j in range(index + 1, len(self.blocks)):
            if self.blocks[j].depth <= depth:
                break
            out.append(j)
        return tuple(out)

    def provision_of(self, index: int) -> int | None:
        """Index of the provision (``PROVISION_KINDS``) enclosing or being block ``index``."""
        i: int | None = index
        for _ in range(len(self.blocks) + 1):      # bounded: a malformed parent chain ends
            if i is None:
                return None
            if self.blocks[i].kind in PROVISION_KINDS:
                return i
            i = self.blocks[i].parent
        return None

    def subdocument(self, paths: tuple[tuple[str, ...], ...]) -> Document:
        """The same source holding only the blocks at ``paths`` and the blocks below them
        (re-indexed, document order; paths not found are left out)."""
        keep: set[int] = set()
        for path in paths:
            i = self.find(path)
            if i is not None:
                keep.update((i, *self.descendants(i)))
        order = sorted(keep)
        remap = {old: new for new, old in enumerate(order)}
        blocks = tuple(_with_parent(b, None if b.parent is None else remap.get(b.parent))
                       for b in (self.blocks[i] for i in order))
        return Document(self.meta, self.source, blocks, self.artefacts)


def _with_parent(block: Block, parent: int | None) -> Block:
    return block if block.parent == parent else replace(block, parent=parent)


# --------------------------------------------------------------------------- align


class PairKind(TextEnum):
    UNCHANGED = "unchanged"      # same place, same number, same text
    MODIFIED = "modified"        # same place, same number, text edited
    RENUMBERED = "renumbered"    # same relative order, number/path changed (text may be edited)
    MOVED = "moved"              # order changed (or moved to another provision); may be edited
    SPLIT = "split"              # one old -> several new
    MERGED = "merged"            # several old -> one new
    INSERTED = "inserted"        # only in new
    DELETED = "deleted"          # only in old


class Level(TextEnum):
    PROVISION = "provision"      # articles / sections
    PARAGRAPH = "paragraph"      # every other block


@dataclass(frozen=True, slots=True)
class Pair:
    """One aligned group: block indices of the old and new documents.

    Invariant: at each level, every block of each side is in exactly one pair.
    ``edited`` says whether the texts differ (a renumbered or moved pair may also
    be edited).  ``pinned`` marks pairs forced by the user.  ``uncertain`` marks a
    pairing that is a guess (low score, or a runner-up close behind): reports must say so
    and name the runner-up (``runner_up``: block indices of the next-best counterpart on
    the new side, or on the old side for a pair with no old block; ``runner_up_score``).
    """

    kind: PairKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float               # similarity 0..1 (1.0 identical text); 0.0 for inserted/deleted
    level: Level = Level.PARAGRAPH
    edited: bool = False
    pinned: bool = False
    uncertain: bool = False
    runner_up: tuple[int, ...] = ()
    runner_up_score: float = 0.0


@dataclass(frozen=True, slots=True)
class Alignment:
    old: Document
    new: Document
    provisions: tuple[Pair, ...]     # provision-level pairs (ARTICLE blocks)
    paragraphs: tuple[Pair, ...]     # every non-provision block, in reading order of new


# --------------------------------------------------------------------------- diff


class Op(TextEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Span:
    """A run of the word diff.  ``old``/``new`` are the texts on each side:
    EQUAL has both (identical unless an ignore option masked a difference),
    DELETE only ``old``, INSERT only ``new``.  Rebuild invariant:
    ``"".join(s.old for s in spans) == old_text`` and likewise for new."""

    op: Op
    old: str
    new: str

    @property
    def text(self) -> str:
        return self.new if self.op is Op.INSERT else self.old


class ChangeKind(TextEnum):
    # editorial
    WHITESPACE = "whitespace"
    PUNCTUATION = "punctuation"
    CAPITALISATION = "capitalisation"
    QUOTE_STYLE = "quote_style"
    NUMBERING = "numbering"          # only a list/paragraph number changed
    SPELLING = "spelling"            # organisation/organization, judgement/judgment
    INFLECTION = "inflection"        # the same term inflected otherwise: user/users (by stem)
    ABBREVIATION = "abbreviation"    # Abs. -> Absatz
    SAME_VALUE = "same_value"        # the same number written otherwise: six -> 6, 10 000 -> 10000
    FUNCTION_WORDS = "function_words"  # only articles, demonstratives, relative pronouns ... differ
    CITATION = "citation"            # the same provision or act cited otherwise
    REORDERED = "reordered"          # the same words, moved within the pair
    SUBSTITUTION = "substitution"    # one occurrence of a document-wide substitution
    # substantive
    MODAL = "modal"                  # shall <-> may <-> should <-> must, "shall endeavour"
    NEGATION = "negation"            # not / no / never added or removed
    NUMBER = "number"                # a number, amount, threshold, period changed
    DATE = "date"                    # a date changed
    REFERENCE = "reference"          # "article 24" -> "article 31"
    QUALIFIER = "qualifier"          # "to the extent possible", "in accordance with domestic law"
    INSERTION = "insertion"          # text inserted
    DELETION = "deletion"            # text deleted
    WORDING = "wording"              # other rewording


EDITORIAL_KINDS = frozenset({
    ChangeKind.WHITESPACE, ChangeKind.PUNCTUATION, ChangeKind.CAPITALISATION,
    ChangeKind.QUOTE_STYLE, ChangeKind.NUMBERING, ChangeKind.SPELLING,
    ChangeKind.INFLECTION, ChangeKind.ABBREVIATION, ChangeKind.SAME_VALUE,
    ChangeKind.FUNCTION_WORDS, ChangeKind.CITATION, ChangeKind.REORDERED,
    ChangeKind.SUBSTITUTION,
})


@dataclass(frozen=True, slots=True)
class Change:
    """One contiguous change (a run of non-equal spans), classified."""

    kinds: tuple[ChangeKind, ...]    # sorted by enum order, no duplicates
    old: str                         # deleted text ("" for a pure insertion)
    new: str                         # inserted text ("" for a pure deletion)
    span_start: int                  # index of the first span of this change in PairDiff.spans
    span_end: int                    # one past the last span
    detail: str = ""                 # e.g. "shall -> may", "article 24 -> article 31"
    reason: str = ""                 # for a lawyer to check: "obligation weakened: shall -> may, same action 'designate'"

    @property
    def substantive(self) -> bool:
        return any(k not in EDITORIAL_KINDS for k in self.kinds)


class MatchMode(TextEnum):
    """How blocks are paired."""

    ORDER = "order"      # structure-aware: successive drafts keep their order
    ANY = "any"          # best counterparts, order ignored


class Backend(TextEnum):
    """The word-diff engine."""

    AUTO = "auto"        # cpp when installed, else python
    CPP = "cpp"          # fast_diff_match_patch
    PYTHON = "python"    # diff-match-patch (pure Python)


@dataclass(frozen=True, slots=True)
class CompareOptions:
    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_whitespace: bool = False
    ignore_numbering: bool = False
    match: MatchMode = MatchMode.ORDER       # a plain str is converted (OptionError if unknown)
    threshold: float = 0.5           # minimum similarity to pair two blocks
    pins: tuple[tuple[str, str], ...] = ()   # user-forced pairs (old citation, new citation)
    backend: Backend = Backend.AUTO  # word-diff engine (a plain str is converted)
    scope: str = "all"               # what to compare: "all", "enacting", "excerpt", "Article 3-10"

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "match", MatchMode(self.match))
        except ValueError:
            raise OptionError(f"match mode {self.match!r} is unknown; use 'order' or 'any'") from None
        try:
            object.__setattr__(self, "backend", Backend(self.backend))
        except ValueError:
            raise OptionError(f"unknown word-diff backend {self.backend!r}; "
                              "use auto, cpp or python") from None


@dataclass(frozen=True, slots=True)
class Substitution:
    """A term replaced consistently across the document ("provider" -> "undertaking"):
    one decision, listed once in the summary; ``count`` occurrences, each an editorial
    SUBSTITUTION change (see ``diffing.classify.substitution``)."""

    old: str
    new: str
    count: int


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts of a comparison, computed once by ``diffing.summary.summarize``.

    ``pairs``/``provisions``: paragraph-/provision-level pairs per kind (non-zero, enum
    order); ``changes``: changes per kind (a change counts under each of its kinds);
    ``substantive``/``editorial``: changes, each once, provision heading changes
    included; ``headings``: how many of those changes are in provision headings;
    ``substitutions``: terms replaced consistently across the document, each listed once
    with the number of changes it accounts for (those changes are editorial SUBSTITUTION).
    """

    pairs: tuple[tuple[PairKind, int], ...] = ()
    changes: tuple[tuple[ChangeKind, int], ...] = ()
    substantive: int = 0
    editorial: int = 0
    provisions: tuple[tuple[PairKind, int], ...] = ()
    headings: int = 0
    substitutions: tuple[Substitution, ...] = ()   # document-wide substitutions, most frequent first

    @property
    def total(self) -> int:
        """Every change, each once (what a reader steps through)."""
        return self.substantive + self.editorial

    def pair_count(self, kind: PairKind | str) -> int:
        return dict(self.pairs).get(PairKind(kind), 0)

    def change_count(self, kind: ChangeKind | str) -> int:
        return dict(self.changes).get(ChangeKind(kind), 0)


@dataclass(frozen=True, slots=True)
class PairDiff:
    """A pair with its word diff.  For groups (split/merged) the texts of the
    group's blocks are joined with "\\n" before diffing; for inserted/deleted
    pairs the spans are one INSERT/DELETE of the whole text."""

    pair: Pair
    old_text: str
    new_text: str
    spans: tuple[Span, ...]
    changes: tuple[Change, ...]
    summary: Summary = field(default_factory=Summary)

    @property
    def substantive(self) -> bool:
        return any(c.substantive for c in self.changes)


@dataclass(frozen=True, slots=True)
class Diff:
    alignment: Alignment
    options: CompareOptions
    pairs: tuple[PairDiff, ...]      # paragraph-level pairs, in reading order of new (deleted in old order)
    summary: Summary
    provisions: tuple[PairDiff, ...] = ()  # provision-level pairs; texts are the headings (label + title)
    backend: str = ""                # word-diff engine actually used (a Backend value)
    notes: tuple[str, ...] = ()      # e.g. fallbacks taken

    @property
    def old(self) -> Document:
        return self.alignment.old

    @property
    def new(self) -> Document:
        return self.alignment.new

    @property
    def changed(self) -> bool:
        """Whether the versions differ, under the comparison's ignore options
        (this decides the exit status: 0 same, 1 different)."""
        for pd in self.pairs + self.provisions:
            kind = pd.pair.kind
            if kind is PairKind.UNCHANGED:
                continue
            marked = any(s.op is not Op.EQUAL for s in pd.spans)
            if kind is PairKind.RENUMBERED and self.options.ignore_numbering and not marked:
                continue
            if kind is PairKind.MODIFIED and not marked:
                continue
            return True
        return False
