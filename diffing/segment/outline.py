"""From candidate units to the block tree: judge labels, nest, name paths.

In: the masked source, the ``Candidate`` list (``diffing.units``), the footnote
entries and the document's flavour (``Flavour``).  Out: ``Proto`` blocks in
document order with kind, label, spans, parent and path; footnote blocks come
last (they are not part of the body's nesting).  Texts are filled in later by
``diffing.segment`` from the spans.

Nesting uses a stack of open blocks.  Divisions have fixed ranks (part >
chapter > section > article); numbering styles nest dynamically: a style
already open makes a sibling, a new style opens a child level ("1." > "(a)" >
"(i)"; German "(1)" > "1." > "a)").  A label found at a weak break (a wrapped
line, or inside flattened text) is kept only if it continues its sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from travaux.diffing.segment import labels
from travaux.diffing.segment.footnotes import Footnote
from travaux.diffing.model import BlockKind
from travaux.diffing.segment.units import FORMULA, INLINE, LINE, MD, STRONG, Candidate

_RANK = {BlockKind.PART: 10, BlockKind.CHAPTER: 20, BlockKind.SECTION: 30, BlockKind.ARTICLE: 40}
_KEYWORD_RANK = 15
_LABEL_RANK = 50
_KEYWORD_HEAD = re.compile(r"(?:EXPLANATORY MEMORANDUM|LEGISLATIVE FINANCIAL STATEMENT|FINANCIAL STATEMENT|"
                           r"ANNEX(?:ES)?(?: [IVX\d]+)?|APPENDIX(?: [IVX\d]+)?|ANEXO(?: [IVX\d]+)?|ANHANG)$")
_KEYWORD_START = re.compile(r"\s*(?:EXPLANATORY|LEGISLATIVE|FINANCIAL|ANNEX|APPENDIX|ANEXO|ANHANG)")
_SUBORDINATE = frozenset({labels.LOWER, labels.LOWER2, labels.ROMAN, labels.UPPER, labels.UROMAN})


@dataclass(frozen=True, slots=True)
class Flavour:
    markdown: bool = False
    layout: bool = False
    resolution: bool = False     # UN resolution / decision: operative paragraphs "1", preamble "PP1"
    us_bill: bool = False


@dataclass(slots=True)
class Proto:
    kind: BlockKind
    label: str
    start: int
    end: int
    label_start: int = -1
    label_end: int = -1
    parent: int | None = None
    style: str = ""
    value: int = 0
    heading: bool = False        # text is a title (article, division, US header)
    path: tuple[str, ...] = ()
    depth: int = 0
    extra: list = field(default_factory=list)


def _line_end(masked: str, start: int, end: int) -> int:
    nl = masked.find("\n", start, end)
    return end if nl == -1 else nl


def _skip_ws(masked: str, pos: int, end: int) -> int:
    while pos < end and masked[pos].isspace():
        pos += 1
    return pos


def _header_like(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 200 and "\n" not in t and not t.endswith((".", ";", ":", ",", "—", "-"))


class Builder:
    def __init__(self, masked: str, flavour: Flavour):
        self.m = masked
        self.fl = flavour
        self.blocks: list[Proto] = []
        self.notes: list[Proto] = []
        self.stack: list[tuple[int, int, str]] = []   # (block index, rank, style)
        self.zone = "title"
        self.para_counter = 0
        self.chapter_counter = 0
        self.title_for: int | None = None             # heading still waiting for its title line

    # ------------------------------------------------------------------ helpers
    def _pop_to_rank(self, rank: int) -> None:
        while self.stack and self.stack[-1][1] >= rank:
            self.stack.pop()

    def _top(self) -> int | None:
        return self.stack[-1][0] if self.stack else None

    def _add(self, p: Proto, push_rank: int | None = None) -> int:
        self.blocks.append(p)
        idx = len(self.blocks) - 1
        if push_rank is not None:
            self.stack.append((idx, push_rank, p.style))
        return idx

    def _extend_last(self, u: Candidate) -> None:
        if self.blocks:
            b = self.blocks[-1]
            if b.heading and b.start == b.end:
                b.start = u.start
            b.end = max(b.end, u.end)

    def _open_styles(self) -> dict[str, int]:
        return {self.blocks[i].style: self.blocks[i].value for i, r, s in self.stack if r >= _LABEL_RANK and s}

    # ------------------------------------------------------------------ units
    def add(self, u: Candidate) -> None:
        m = self.m
        pending, self.title_for = self.title_for, None
        if u.hint == "toc":
            self._toc(u)
            return
        lab = labels.match_label(m, u.start, u.end)
        if lab and lab.style == labels.SUPER and u.brk != INLINE:
            body = _skip_ws(m, lab.end, u.end)
            self.notes.append(Proto(BlockKind.FOOTNOTE, f"fn {lab.value}", body, u.end, lab.start, lab.end))
            return
        line_end = _line_end(m, u.start, u.end)
        first = m[u.start:line_end]
        if u.hint == "formula" or (u.brk != INLINE and FORMULA.match(m, u.start)):
            self._formula(u)
            return
        if pending is not None and self._is_title(u, first) and not labels.match_heading(first):
            b = self.blocks[pending]
            b.start, b.end = u.start, u.end
            return
        head = self._heading(u, first)
        if head:
            self._add_heading(u, head)
            return
        if lab:
            open_ = self._open_styles()
            lab = labels.resolve_style(lab, open_)
        if lab and self._label_ok(u, lab, open_):
            self._add_label(u, lab)
            return
        if u.brk in (INLINE, LINE) and u.hint != "pp" and self.blocks:
            self._extend_last(u)
            return
        if self.fl.layout and self.blocks and re.match(r"[a-zà-ÿ]", m[u.start]) and \
                not m[self.blocks[-1].start:self.blocks[-1].end].rstrip().endswith((".", ";", ":")):
            self._extend_last(u)
            return
        self._text(u, first)

    def _toc(self, u: Candidate) -> None:
        word = re.match(r"\S+(?:[ \t]+of[ \t]+contents)?", self.m[u.start:u.end], re.I)
        ls, le = u.start, u.start + (word.end() if word else 0)
        self._add(Proto(BlockKind.TOC, "Contents", _skip_ws(self.m, le, u.end), u.end, ls, le))
        self.zone = "body"

    def _formula(self, u: Candidate) -> None:
        self.stack.clear()
        text = self.m[u.start:u.end].strip()
        only = bool(re.fullmatch(FORMULA.pattern, text))
        if only or text.isupper():
            self._add(Proto(BlockKind.TEXT, "", u.start, u.end))
        else:
            self._add(Proto(BlockKind.PREAMBLE, "", u.start, u.end))
        self.zone = "preamble"

    # ------------------------------------------------------------------ headings
    def _heading(self, u: Candidate, first: str) -> labels.Heading | None:
        strong = u.brk in STRONG
        if self.fl.markdown and u.brk not in (MD,) and u.brk != "start":
            if u.brk in (LINE, INLINE):
                return None
        h = labels.match_heading(first, 0, bare_roman=strong and not self.fl.us_bill and len(first.strip()) <= 8)
        if h is None:
            if not strong:          # (MD is a strong break)
                return None
            caps = labels.match_caps_heading(first)
            if caps and not self.fl.markdown:
                return caps
            # (normalised only when it can matter: lines of running text are long)
            if strong and _KEYWORD_START.match(first):
                t = labels.normalise_space(first)
                if _KEYWORD_HEAD.match(t):
                    return labels.Heading(BlockKind.SECTION, t, 0, len(first), len(first), len(first))
            if u.brk == MD and self.zone != "title":
                t = labels.normalise_space(first)
                if t:
                    return labels.Heading(BlockKind.SECTION, t[:80], 0, len(first), len(first), len(first))
            return None
        whole = self.m[u.start:u.end]
        if u.brk == INLINE:
            title = whole[h.title_start:].strip()
            if len(title) > 250 or "." in title[:-1] or title.endswith((".", ",", ";")):
                return None
            if h.kind is BlockKind.CHAPTER and h.label.isalpha():
                if labels.roman_value(h.label) != self.chapter_counter + 1:
                    return None
            elif h.kind is BlockKind.SECTION and len(h.label) == 1 and u.prev not in ".;:":
                return None
        elif u.brk == LINE and u.prev not in ("", ".", ";", ":") and not self.fl.markdown:
            return None
        if h.kind is BlockKind.ARTICLE and self.zone == "title" and u.brk not in STRONG:
            return None
        return h

    def _add_heading(self, u: Candidate, h: labels.Heading) -> None:
        rank = _KEYWORD_RANK if h.end == h.title_start and h.label.isupper() and " " in h.label \
            and h.kind is BlockKind.SECTION else _RANK[h.kind]
        self._pop_to_rank(rank)
        if h.kind is BlockKind.CHAPTER and h.label.isalpha() and labels.is_roman(h.label):
            self.chapter_counter = labels.roman_value(h.label)
        label = h.label
        keyword = h.end == h.title_start and h.start == 0 and len(label) > 12
        ls, le = u.start + h.start, u.start + h.end
        ts = _skip_ws(self.m, u.start + h.title_start, u.end)
        sep = ts
        while sep > le and self.m[sep - 1].isspace():
            sep -= 1
        le = max(le, sep)          # separators ("I. - Title") belong to the label span
        if keyword:
            ls, le, ts = -1, -1, u.start
        p = Proto(h.kind, label, ts, u.end if ts < u.end else ts, ls, le, parent=self._top(), heading=True)
        idx = self._add(p, rank)
        if p.start >= p.end:
            p.start = p.end = le if le >= 0 else u.end
            self.title_for = idx
        if self.zone in ("title", "preamble") or (self.zone == "recitals" and h.kind in _RANK):
            self.zone = "body"

    def _is_title(self, u: Candidate, first: str) -> bool:
        if labels.match_label(self.m, u.start, u.end):
            return False
        if self.fl.markdown:
            return u.brk == MD
        text = self.m[u.start:u.end]
        return _header_like(text) and (text.strip()[:1].isupper() or text.strip()[:1] in "“\"‘(")

    # ------------------------------------------------------------------ labels
    def _label_ok(self, u: Candidate, lab: labels.Label, open_: dict[str, int]) -> bool:
        """Whether ``lab`` (style already resolved against ``open_``) starts a block."""
        if self.zone == "title" and lab.style == labels.NUM_PAREN and lab.value > 50:
            return False
        if u.brk in STRONG or u.brk == "start":
            return True
        after = self.m[_skip_ws(self.m, lab.end, u.end):_skip_ws(self.m, lab.end, u.end) + 1]
        if lab.style in open_:
            return lab.value == open_[lab.style] + 1
        if lab.style == labels.NUM_DOT:
            if u.brk == INLINE and not (after.isupper() or after in "“\"‘("):
                return False
            if lab.value == self.para_counter + 1:
                return True
            if self.para_counter == 0 and (lab.value == 1 or u.prev in (".", ";", ":", ")")):
                return lab.value < 200 and (u.prev != "," or lab.value == 1)
            return False
        if lab.value != 1:
            return False
        return u.brk == LINE or u.prev in (":", ".", ")", "")

    def _add_label(self, u: Candidate, lab: labels.Label) -> None:
        """Add the block of ``lab`` (its style resolved by ``add``)."""
        fl = self.fl
        body = _skip_ws(self.m, lab.end, u.end)
        rest = self.m[body:u.end]
        if self.zone == "recitals" and lab.style == labels.NUM_PAREN:
            self.stack.clear()
            p = Proto(BlockKind.RECITAL, f"Recital {lab.token}", body, u.end, lab.start, lab.end,
                      style="recital", value=lab.value)
            self._add(p, 45)
            return
        if fl.us_bill and lab.style == labels.NUM_DOT and u.brk in STRONG and _header_like(rest):
            self._pop_to_rank(_RANK[BlockKind.ARTICLE])
            p = Proto(BlockKind.ARTICLE, f"Sec. {lab.token}", body, u.end, lab.start, lab.end,
                      parent=self._top(), heading=True)
            self._add(p, _RANK[BlockKind.ARTICLE])
            self.zone = "body"
            return
        if self.zone in ("title", "preamble", "recitals"):
            self.zone = "body"
        styles = [(k, s) for k, (i, r, s) in enumerate(self.stack) if r >= _LABEL_RANK]
        hit = next((k for k, s in reversed(styles) if s == lab.style), None)
        if hit is not None:
            del self.stack[hit:]
        elif lab.style == labels.NUM_DOT:
            while self.stack and self.stack[-1][1] >= _LABEL_RANK and self.stack[-1][2] in _SUBORDINATE:
                self.stack.pop()
        parent = self._top()
        pblock = self.blocks[parent] if parent is not None else None
        in_label = pblock is not None and pblock.kind in (BlockKind.PARAGRAPH, BlockKind.SUBPARAGRAPH)
        kind = BlockKind.PARAGRAPH if lab.style in (labels.NUM_DOT, labels.NUM_PAREN) and not in_label else BlockKind.SUBPARAGRAPH
        label = lab.norm
        if kind is BlockKind.PARAGRAPH and lab.style == labels.NUM_DOT and not self._under_article(parent):
            label = lab.token if fl.resolution else f"para {lab.token}"
            self.para_counter = lab.value
        heading = fl.us_bill and u.brk in STRONG and _header_like(rest)
        p = Proto(kind, label, body, u.end, lab.start, lab.end, parent=parent, style=lab.style,
                  value=lab.value, heading=heading)
        self._add(p, _LABEL_RANK)

    def _under_article(self, idx: int | None) -> bool:
        while idx is not None:
            if self.blocks[idx].kind is BlockKind.ARTICLE or self.blocks[idx].kind is BlockKind.RECITAL:
                return True
            idx = self.blocks[idx].parent
        return False

    # ------------------------------------------------------------------ text
    def _text(self, u: Candidate, first: str) -> None:
        text = self.m[u.start:u.end].strip()
        if self.zone == "title":
            if self.blocks and self.blocks[-1].kind is BlockKind.TITLE:
                self._extend_last(u)
            else:
                self._add(Proto(BlockKind.TITLE, "Title", u.start, u.end))
            return
        if re.match(r"Whereas\s*:?$", text):
            self.stack.clear()
            self._add(Proto(BlockKind.TEXT, "", u.start, u.end))
            self.zone = "recitals"
            return
        if self.zone == "preamble":
            self._add(Proto(BlockKind.PREAMBLE, "", u.start, u.end))
            return
        if text.isupper() and len(text.split()) >= 3:
            while self.stack and self.stack[-1][1] >= _RANK[BlockKind.ARTICLE]:
                self.stack.pop()
        parent = None
        for idx, rank, style in reversed(self.stack):
            b = self.blocks[idx]
            if b.kind is not BlockKind.SUBPARAGRAPH or b.heading:
                parent = idx
                break
        self._add(Proto(BlockKind.TEXT, "", u.start, u.end, parent=parent))


def build(masked: str, units: list[Candidate], notes: list[Footnote], flavour: Flavour) -> list[Proto]:
    """Blocks in document order (body first, then footnotes), with parents and paths."""
    bld = Builder(masked, flavour)
    for u in units:
        bld.add(u)
    blocks = bld.blocks
    foot = bld.notes + [Proto(BlockKind.FOOTNOTE, f"fn {n.number}", n.start, n.end, n.label_start, n.label_end)
                        for n in notes]
    foot.sort(key=lambda p: p.start)
    _name(blocks)
    seen = _Seen()
    seen.update(b.path for b in blocks)
    for p in foot:
        p.path = _unique((p.label,), seen)
    return blocks + foot


def _unique(path: tuple[str, ...], seen: "_Seen") -> tuple[str, ...]:
    """``path``, or ``path [2]``, ``path [3]`` ... whichever is free.

    The next number to try is remembered per path (``seen`` is a ``_Seen``),
    so n blocks sharing one path cost O(n), not O(n^2).
    """
    if path not in seen:
        seen.add(path)
        return path
    k = seen.next.get(path, 2)
    while path[:-1] + (f"{path[-1]} [{k}]",) in seen:
        k += 1
    out = path[:-1] + (f"{path[-1]} [{k}]",)
    seen.next[path] = k + 1
    seen.add(out)
    return out


class _Seen(set):
    """The paths given so far, and per path the next "[k]" suffix to try."""

    def __init__(self) -> None:
        super().__init__()
        self.next: dict[tuple[str, ...], int] = {}


def _name(blocks: list[Proto]) -> None:
    """Labels of unnumbered blocks and citation paths (see the model's conventions)."""
    seen = _Seen()
    counters: dict[tuple[BlockKind, int | None], int] = {}
    for b in blocks:
        parent = blocks[b.parent] if b.parent is not None else None
        b.depth = parent.depth + 1 if parent else 0
        if b.kind in (BlockKind.TEXT, BlockKind.PREAMBLE):
            key = (b.kind, b.parent if b.kind is BlockKind.TEXT else None)
            counters[key] = counters.get(key, 0) + 1
            b.label = f"¶{counters[key]}" if b.kind is BlockKind.TEXT else f"PP{counters[key]}"
        base: tuple[str, ...]
        if b.kind in (BlockKind.ARTICLE, BlockKind.RECITAL, BlockKind.PREAMBLE, BlockKind.TITLE, BlockKind.TOC) or parent is None:
            base = ()
        elif b.kind is BlockKind.PARAGRAPH and b.label.startswith("para ") or \
                (b.kind is BlockKind.PARAGRAPH and b.style == labels.NUM_DOT and parent.kind in _RANK and
                 parent.kind is not BlockKind.ARTICLE):
            base = ()
        else:
            base = parent.path
        b.path = _unique(base + (b.label,), seen)
