"""Scoring an alignment against hand-made gold (fixtures/align-gold-*).

In: a case folder (texts named in its ``case.tsv``, ``hard-mapping.tsv``,
optionally ``paragraph-gold.tsv``) and an ``Alignment`` of its two texts.
Out: counts — article links found per gold relation, false article links, and
paragraph-link precision / recall / F1 plus the share of old paragraphs whose
set of targets is exactly the gold set.  Used by tests/test_align_gold.py and
benchmarks/bench_align_gold.py; both print or assert the same numbers.

Article level (``score_articles``): the texts are parsed with every article
title line removed (``drop_titles``), so that content alone decides.  A gold
row ``old -> new`` is found when:
- same-title / renamed: the provision-level pairs link the two articles;
- split (and merged): the main successor ("main successor" in the note) must
  be linked at provision level; a minor share counts as found when any pair,
  provision or paragraph level, links a block of the old article to a block
  of the new article (a split-off paragraph is a paragraph-level link: the
  provision level keeps every article in exactly one pair);
- new: the new article is in no provision-level pair with an old article.
A predicted article link (provision pair, or a paragraph pair joining two
articles) that the gold does not list is a false link.

Paragraph level (``score_paragraphs``): the gold lists every block of the
chosen articles (old side) and every block they link to or that is new there
(new side) with all its links.  Predicted links are the (old, new) block pairs
of every paragraph-level pair touching a block of either scope; precision,
recall and F1 over those links; "exact" is the share of old blocks in scope
whose predicted target set equals the gold set (empty for a deleted block).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from travaux.diffing.model import PROVISION_KINDS, Alignment, Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
#: Dev gold (tuned on) and held-out gold (never tuned on; reported apart).
DEV = ("align-gold-eu-dma", "align-gold-eu-data-act")
HELD_OUT = ("align-gold-held-out-de-vig", "align-gold-held-out-us-s269")

_TITLE_AFTER = re.compile(r"^(Article\s+\d+\w*)[ \t]*\n(\s*\n)*[^\n]*\n", re.M)
_TITLE_SAME_LINE = re.compile(r"^(#+[ \t]*§[ \t]*\d+\w*)[ \t]+\S[^\n]*$", re.M)    # "## § 4 Antrag"
#: Relations at article level, grouped as the targets are.
SAME = ("same-title",)
HARD = ("renamed", "split", "merged")


def drop_titles(text: str) -> str:
    """Remove the title line that follows each "Article N" heading line, and the
    title after "## § N" on the same line (Markdown laws)."""
    text = _TITLE_AFTER.sub(lambda m: m.group(1) + "\n", text)
    return _TITLE_SAME_LINE.sub(lambda m: m.group(1), text)


@dataclass(slots=True)
class Case:
    name: str
    folder: Path
    old_file: Path
    new_file: Path
    articles: list[tuple[str, str, str, str]]           # old, new, relation, note
    paragraphs: list[tuple[str, str, str, str]] = field(default_factory=list)
    drop_titles: bool = True


def _rows(path: Path) -> list[tuple[str, str, str, str]]:
    if not path.exists():
        return []
    out = []
    for row in csv.reader(path.read_text(encoding="utf-8").splitlines()[1:], delimiter="\t"):
        if not row or row[0].startswith("#"):
            continue
        row = (row + ["", "", "", ""])[:4]
        out.append((row[0].strip(), row[1].strip(), row[2].strip(), row[3].strip()))
    return out


def load(name: str) -> Case:
    """A gold case: ``case.tsv`` names the two texts (relative to the case folder)."""
    folder = FIXTURES / name
    conf = dict(line.split("\t", 1) for line in (folder / "case.tsv").read_text(encoding="utf-8")
                .splitlines() if "\t" in line and not line.startswith("#"))
    return Case(name, folder, (folder / conf["old"]).resolve(), (folder / conf["new"]).resolve(),
                _rows(folder / "hard-mapping.tsv"), _rows(folder / "paragraph-gold.tsv"),
                conf.get("drop_titles", "yes") == "yes")


def parse_pair(case: Case, titles: bool) -> tuple[Document, Document]:
    from travaux.diffing.parse import parse_string

    old_text = case.old_file.read_text(encoding="utf-8")
    new_text = case.new_file.read_text(encoding="utf-8")
    if not titles and case.drop_titles:
        old_text, new_text = drop_titles(old_text), drop_titles(new_text)
    return (parse_string(old_text, name=case.old_file.name),
            parse_string(new_text, name=case.new_file.name))


def _article_of(doc: Document, index: int) -> str | None:
    i: int | None = index
    while i is not None:
        b = doc.blocks[i]
        if b.kind in PROVISION_KINDS:
            return b.citation
        i = b.parent
    return None


@dataclass(slots=True)
class ArticleScore:
    found: dict[str, int] = field(default_factory=dict)       # relation -> rows found
    total: dict[str, int] = field(default_factory=dict)       # relation -> rows
    missed: list[str] = field(default_factory=list)           # "old -> new (relation)"
    false_links: list[str] = field(default_factory=list)

    def share(self, relations: tuple[str, ...]) -> tuple[int, int]:
        return (sum(self.found.get(r, 0) for r in relations),
                sum(self.total.get(r, 0) for r in relations))


def article_links(alignment: Alignment) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(provision-level links, links through paragraph pairs) as citation pairs."""
    old, new = alignment.old, alignment.new
    prov = {(old.blocks[o].citation, new.blocks[n].citation)
            for p in alignment.provisions for o in p.old for n in p.new}
    para = set()
    for p in alignment.paragraphs:
        for o in p.old:
            ao = _article_of(old, o)
            for n in p.new:
                an = _article_of(new, n)
                if ao and an:
                    para.add((ao, an))
    return prov, para


def score_articles(case: Case, alignment: Alignment) -> ArticleScore:
    prov, para = article_links(alignment)
    out = ArticleScore()
    gold_links = set()
    for o, n, rel, note in case.articles:
        rel = "split" if rel == "split" else rel
        out.total[rel] = out.total.get(rel, 0) + 1
        if o and n:
            gold_links.add((o, n))
            main = rel not in ("split", "merged") or "main successor" in note
            hit = (o, n) in prov or (not main and (o, n) in para)
        elif n:     # new
            hit = not any(pn == n for _, pn in prov)
        else:       # deleted
            hit = not any(po == o for po, _ in prov)
        out.found[rel] = out.found.get(rel, 0) + hit
        if not hit:
            out.missed.append(f"{o or '-'} -> {n or '-'} ({rel})")
    out.false_links = sorted(f"{o} -> {n}" for o, n in (prov | para) - gold_links)
    return out


@dataclass(slots=True)
class ParagraphScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    olds: int = 0
    wrong: list[str] = field(default_factory=list)       # old blocks with a wrong target set

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.olds if self.olds else 1.0

    def add(self, other: "ParagraphScore") -> "ParagraphScore":
        return ParagraphScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                              self.exact + other.exact, self.olds + other.olds,
                              self.wrong + other.wrong)


def score_paragraphs(case: Case, alignment: Alignment) -> ParagraphScore:
    old, new = alignment.old, alignment.new
    scope_old = {o for o, _, _, _ in case.paragraphs if o}
    scope_new = {n for _, n, _, _ in case.paragraphs if n}
    gold = {(o, n) for o, n, _, _ in case.paragraphs if o and n}
    predicted = set()
    targets: dict[str, set[str]] = {o: set() for o in scope_old}
    for p in alignment.paragraphs:
        for oi in p.old:
            oc = old.blocks[oi].citation
            for ni in p.new:
                nc = new.blocks[ni].citation
                if oc in scope_old or nc in scope_new:
                    predicted.add((oc, nc))
                if oc in targets:
                    targets[oc].add(nc)
    out = ParagraphScore(tp=len(predicted & gold), fp=len(predicted - gold), fn=len(gold - predicted))
    for o in sorted(scope_old, key=lambda c: old.find(c) or 0):
        want = {n for oo, n in gold if oo == o}
        out.olds += 1
        if targets[o] == want:
            out.exact += 1
        else:
            out.wrong.append(f"{case.name}: {o}: got {sorted(targets[o])} want {sorted(want)}")
    return out
