"""Paragraphs inside a stored provision: their paths, and their identity across versions.

In: a provision's stored content (first line its heading text when it has one,
then one line per block below it: two spaces per level, the block's label, its
text) and the provision's diffs between versions (``pdiff``).  Out: the path of
every line as the parser names it (``("§ 2", "(1)", "3")``, unlabelled
paragraphs ``"¶1"``, ``"¶2"`` among their siblings), the lines a paragraph
citation covers (the block and everything below it), and those lines followed
from version to version through the same line alignment the diff and blame use
(renumbered, moved, split, merged, or gone).

Why not re-parse the version: parsing a 100-article draft takes a quarter of a
second, more than a paragraph's whole log may take; the stored lines carry the
structure already.  ``tests/test_history_paragraphs.py`` checks, on every
fixture history, that these paths are the parser's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A block label as the segmenter writes it at the start of a line: "1", "1.",
#: "(1)", "(a)", "(aa)", "(iv)", "a)", "§ 3", "Art. 5", "Article 5", "Sec. 2" ...
_LABEL = re.compile(
    r"(?:\(\w{1,6}\)|\d{1,3}[a-z]?\.?\)?|[a-z]{1,3}\)|[ivxlc]{1,6}\.|[A-Z]\.|"
    r"§+\s*\d+\w*|(?:Art(?:icle|\.)?|Sec(?:tion|\.)?|SEC\.|Artikel|Artículo)\s+\d+\w*\.?)(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Line:
    index: int                  # line number in the provision's content
    depth: int                  # 0: the provision's heading line; 1: its children ...
    label: str                  # "" when unlabelled
    path: tuple[str, ...]       # full citation path, provision path first
    text: str                   # the line without indent and label


def lines_of(path: tuple[str, ...], title: str, content: str) -> list[Line]:
    """Every line of a provision's content with its path (``path``: the provision's)."""
    raw = content.split("\n") if content else []
    out: list[Line] = []
    start = 0
    if raw and title and raw[0] == title:
        out.append(Line(0, 0, "", path, raw[0]))
        start = 1
    stack: list[tuple[int, tuple[str, ...]]] = [(0, path)]     # (depth, path)
    unlabelled: dict[tuple[str, ...], int] = {}
    seen: dict[tuple[tuple[str, ...], str], int] = {}
    for k in range(start, len(raw)):
        line = raw[k]
        body = line.lstrip(" ")
        depth = (len(line) - len(body)) // 2 + 1
        m = _LABEL.match(body)
        label = m.group(0) if m else ""
        text = body[m.end():].lstrip(" ") if m else body
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else path
        if not label:
            unlabelled[parent] = unlabelled.get(parent, 0) + 1
            name = f"\u00b6{unlabelled[parent]}"
        else:                       # a label repeated among siblings: "1", then "1 [2]"
            seen[parent, label] = seen.get((parent, label), 0) + 1
            name = label if seen[parent, label] == 1 else f"{label} [{seen[parent, label]}]"
        here = parent + (name,)
        out.append(Line(k, depth, label, here, text))
        stack.append((depth, here))
    return out


def covered(lines: list[Line], k: int) -> list[int]:
    """The line ``k`` and every line below it (a paragraph with its items)."""
    depth = lines[k].depth
    out = [lines[k].index]
    for ln in lines[k + 1:]:
        if ln.depth <= depth or (depth == 0):
            break
        out.append(ln.index)
    return out


def find(lines: list[Line], want: tuple[str, ...], norm) -> int | None:
    """Position in ``lines`` of the line whose path is ``want`` (compared by ``norm``)."""
    key = tuple(norm(x) for x in want)
    for k, ln in enumerate(lines):
        if tuple(norm(x) for x in ln.path) == key:
            return k
    return None


def follow(groups, indices: set[int], forward: bool = True) -> set[int]:
    """Line indices on the other side of a provision diff's line groups."""
    out: set[int] = set()
    for old, new in groups:
        here, there = (old, new) if forward else (new, old)
        if indices & set(here):
            out.update(there)
    return out
