"""A small stand-in segmenter for the alignment tests: text -> Document.

In: plain text with blank-line separated paragraphs ("Article 5" heading lines
followed by a title line, "1." paragraphs, "(a)"/"a)" points, "(12)" recitals,
"Chapter I" divisions; Markdown '#' marks are dropped).  Out: a Document that
follows the model's conventions closely enough for alignment: kinds, labels,
unique paths, parents, depths and offsets into the source.

Why: align/compare must be testable on their own, whatever the state of the
real segmenter (``diffing.segment``); tests that go through ``compare`` end to
end on corpus text use the real parser.
"""

from __future__ import annotations

import re

from travaux.diffing.model import Block, BlockKind, Document, DocumentMeta

_ARTICLE = re.compile(r"^#*\s*(Article|ARTICLE)\s+(\d+\w*)\s*(.*)$")
_CHAPTER = re.compile(r"^#*\s*(Chapter|CHAPTER|Part|PART)\s+([IVXLC\d]+)\s*(.*)$")
_NUM = re.compile(r"^(\d+)\.\s+(.*)$", re.S)
_PAREN_NUM = re.compile(r"^\((\d+)\)\s+(.*)$", re.S)
_POINT = re.compile(r"^\(?([a-z]|[ivx]+)\)\s*(\S.*)$", re.S)


def build(text: str, name: str = "") -> Document:
    blocks: list[Block] = []
    paths: set[tuple[str, ...]] = set()
    article = chapter = para = None     # indices of the open containers
    counters: dict[object, int] = {}
    expect_title = None

    def add(kind, label, path, body, start, end, parent, title=""):
        base, n = path, 2
        while path in paths:
            path = base[:-1] + (f"{base[-1]} [{n}]",)
            n += 1
        paths.add(path)
        depth = 0 if parent is None else blocks[parent].depth + 1
        blocks.append(Block(kind, label, path, " ".join(body.split()), start, end,
                            title=title, parent=parent, depth=depth))
        return len(blocks) - 1

    for m in re.finditer(r"\S(?:.*\S)?(?:\n(?!\s*\n)\s*\S.*)*", text):
        chunk, start, end = m.group(0).strip(), m.start(), m.end()
        chunk = chunk.lstrip("#").strip()
        if not chunk or chunk.startswith("<meta"):
            continue
        if expect_title is not None and len(chunk) < 200 and not _NUM.match(chunk) \
                and not _POINT.match(chunk) and not _ARTICLE.match(chunk):
            b = blocks[expect_title]
            blocks[expect_title] = Block(b.kind, b.label, b.path, chunk, start, end, title=chunk,
                                         parent=b.parent, depth=b.depth)
            expect_title = None
            continue
        expect_title = None
        if a := _ARTICLE.match(chunk):
            label = f"Article {a.group(2)}"
            title = a.group(3).strip()
            article = add(BlockKind.ARTICLE, label, (label,), title, start, end, chapter, title)
            para = None
            if not title:
                expect_title = article
            continue
        if c := _CHAPTER.match(chunk):
            label = f"{c.group(1).title()} {c.group(2)}"
            chapter = add(BlockKind.CHAPTER, label, (label,), c.group(3), start, end, None, c.group(3))
            article = para = None
            if not c.group(3).strip():
                expect_title = chapter
            continue
        base = blocks[article].path if article is not None else ()
        if article is not None and (n := _NUM.match(chunk) or _PAREN_NUM.match(chunk)):
            label = n.group(1) if _NUM.match(chunk) else f"({n.group(1)})"
            para = add(BlockKind.PARAGRAPH, label, base + (label,), n.group(2), start, end, article)
            continue
        if article is None and (n := _NUM.match(chunk)):
            para = add(BlockKind.PARAGRAPH, n.group(1), (n.group(1),), n.group(2), start, end, chapter)
            continue
        if article is None and (r := _PAREN_NUM.match(chunk)):
            label = f"Recital {r.group(1)}"
            add(BlockKind.RECITAL, label, (label,), r.group(2), start, end, chapter)
            continue
        if (article is not None or para is not None) and (p := _POINT.match(chunk)):
            label = f"({p.group(1)})"
            parent = para if para is not None else article
            add(BlockKind.SUBPARAGRAPH, label, blocks[parent].path + (label,), p.group(2),
                start, end, parent)
            continue
        parent = para if para is not None else (article if article is not None else chapter)
        key = parent
        counters[key] = counters.get(key, 0) + 1
        label = f"¶{counters[key]}"
        ppath = blocks[parent].path if parent is not None and blocks[parent].kind is not BlockKind.CHAPTER else ()
        add(BlockKind.TEXT, label, ppath + (label,), chunk, start, end, parent)
    return Document(DocumentMeta(name=name), text, tuple(blocks))
