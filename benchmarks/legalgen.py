"""Generated legal-style document pairs (draft -> adopted) for benchmarks and property tests.

In: a size in words and a seed.  Out: two plain texts ("Chapter I" / "Article 5"
+ title / "1." paragraphs / "(a)" points, blank-line separated) where the second
is the first after random drafting edits: word edits, deleted, inserted, split,
merged and moved paragraphs, inserted articles (so later articles renumber).
Deterministic for a given seed.
"""

from __future__ import annotations

import random

_WORDS = (
    "state party parties shall may should endeavour adopt measures legislative administrative "
    "necessary establish criminal offence offences committed intentionally convention article "
    "paragraph domestic law principles legal system competent authority authorities cooperation "
    "international regional organizations information exchange assistance mutual request "
    "requested requesting proceedings investigation prosecution judicial evidence witness "
    "victims protection persons property proceeds crime confiscation seizure freezing "
    "transnational organized group serious corruption public official undue advantage "
    "jurisdiction territory vessel aircraft extradition transfer sentenced training technical "
    "developing countries economies transition financial material resources account funding "
    "mechanism secretariat conference implementation review reporting period years months "
    "days within without prejudice accordance consistent fundamental rights defence due "
    "process safeguards appropriate effective proportionate dissuasive sanctions liability "
    "natural persons entities private sector integrity codes conduct professions lawyers "
    "notaries accountants tender procedures subsidies licences records directors court order "
    "disqualification reintegration society awareness media participation prevention "
    "combating data protection confidentiality privileged banking secrecy grounds refusal "
    "reasons consultation notification decision decisions time limits costs expenses "
    "agreement arrangements bilateral multilateral joint investigative bodies special "
    "techniques controlled delivery electronic surveillance undercover operations"
).split()
_GLUE = "the of and to in a or for by with as on at that be such any other which".split()


def _sentence(rng: random.Random, n: int) -> str:
    out = []
    for i in range(n):
        out.append(rng.choice(_GLUE) if i % 3 == 1 else rng.choice(_WORDS))
    out[0] = out[0].capitalize()
    return " ".join(out)


def _paragraph(rng: random.Random, words: int) -> str:
    parts, left = [], words
    while left > 0:
        n = min(left, rng.randint(12, 30))
        parts.append(_sentence(rng, n))
        left -= n
    return ". ".join(parts) + "."


def generate(words: int, seed: int = 0) -> list[list]:
    """A document model: list of articles, each [title, [paragraph, ...]],
    a paragraph being [text, [point texts]]."""
    rng = random.Random(seed)
    arts, total = [], 0
    while total < words:
        paras = []
        for _ in range(rng.randint(1, 6)):
            text = _paragraph(rng, rng.randint(15, 90))
            points = [_paragraph(rng, rng.randint(8, 30)) for _ in range(rng.choice((0, 0, 0, 2, 3)))]
            paras.append([text, points])
            total += len(text.split()) + sum(len(p.split()) for p in points)
        arts.append([_sentence(rng, rng.randint(2, 5)), paras])
    return arts


def _edit_words(rng: random.Random, text: str) -> str:
    w = text.split()
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(w))
        op = rng.random()
        if op < 0.4:
            w[i] = rng.choice(_WORDS)
        elif op < 0.7:
            w.insert(i, rng.choice(_WORDS))
        elif len(w) > 3:
            del w[i]
    return " ".join(w)


def mutate(arts: list[list], seed: int = 1, rate: float = 1.0) -> list[list]:
    """The adopted version of a generated draft (``rate`` scales every edit)."""
    return [[title, [[text, [pt for pt, _ in points]] for text, points, _ in paras]]
            for title, paras in mutate_tracked(arts, seed, rate)]


def mutate_tracked(arts: list[list], seed: int = 1, rate: float = 1.0) -> list[list]:
    """``mutate`` keeping the truth: each new paragraph is [text, points, sources]
    where sources lists the draft paragraphs (article, paragraph) its text came
    from, and each point is (text, (article, paragraph, point)) of its draft point."""
    rng = random.Random(seed)
    out = []
    for a, (title, paras) in enumerate(arts):
        if rng.random() < 0.02 * rate:      # an inserted article: later ones renumber
            out.append([_sentence(rng, 3), [[_paragraph(rng, 40), [], []]]])
        new_paras: list[list] = []
        for p, (text, points) in enumerate(paras):
            points = [(pt, (a, p, q)) for q, pt in enumerate(points)]
            r = rng.random() / rate
            if r < 0.03:
                continue                                   # deleted
            if r < 0.05 and len(text.split(". ")) > 1:     # split at a sentence
                first, rest = text.split(". ", 1)
                new_paras += [[first + ".", [], [(a, p)]], [rest, points, [(a, p)]]]
                continue
            if r < 0.07 and new_paras and not new_paras[-1][1] and not points:
                new_paras[-1][0] += " " + text             # merged with the previous
                new_paras[-1][2].append((a, p))
                continue
            if r < 0.25:
                text = _edit_words(rng, text)
            new_paras.append([text, list(points), [(a, p)]])
            if rng.random() < 0.03 * rate:
                new_paras.append([_paragraph(rng, 30), [], []])  # inserted
        if not new_paras:
            new_paras = [[_paragraph(rng, 20), [], []]]
        out.append([title, new_paras])
    # a few paragraphs moved to another article
    for _ in range(max(1, int(len(out) * 0.02 * rate))):
        a, b = rng.randrange(len(out)), rng.randrange(len(out))
        if len(out[a][1]) > 1:
            out[b][1].append(out[a][1].pop(rng.randrange(len(out[a][1]))))
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def render(arts: list[list]) -> str:
    lines = []
    for k, (title, paras) in enumerate(arts, start=1):
        if k % 10 == 1:
            lines += [f"Chapter {_roman(k // 10 + 1)}", "", f"Provisions of group {k // 10 + 1}", ""]
        lines += [f"Article {k}", "", title, ""]
        for p, (text, points) in enumerate(paras, start=1):
            lines += [f"{p}. {text}", ""]
            for q, point in enumerate(points):
                lines += [f"({'abcdefghij'[q]}) {point}", ""]
    return "\n".join(lines)


def pair(words: int, seed: int = 0, rate: float = 1.0) -> tuple[str, str]:
    arts = generate(words, seed)
    return render(arts), render(mutate(arts, seed + 1, rate))


def _cite(a: int, p: int, q: int | None = None) -> str:
    return f"Article {a + 1} > {p + 1}" + ("" if q is None else f" > ({'abcdefghij'[q]})")


def pair_with_truth(words: int, seed: int = 0, rate: float = 1.0,
                    ) -> tuple[str, str, set[tuple[str, str]]]:
    """``pair`` plus the true paragraph links: (old citation, new citation) for
    every paragraph and point (a split paragraph links to both parts, a merged
    one from both sources; inserted and deleted ones have no link)."""
    arts = generate(words, seed)
    tracked = mutate_tracked(arts, seed + 1, rate)
    truth = set()
    for a, (_, paras) in enumerate(tracked):
        for p, (_, points, sources) in enumerate(paras):
            truth.update((_cite(*src), _cite(a, p)) for src in sources)
            truth.update((_cite(*src), _cite(a, p, q)) for q, (_, src) in enumerate(points))
    new = [[title, [[text, [pt for pt, _ in points]] for text, points, _ in paras]]
           for title, paras in tracked]
    return render(arts), render(new), truth


def score(alignment, truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the paragraph-level links of ``alignment``
    (paragraphs and points only: chapter headings are not scored) against ``truth``."""
    old, new = alignment.old, alignment.new
    kinds = ("paragraph", "subparagraph")
    found = {(old.blocks[o].citation, new.blocks[n].citation) for pr in alignment.paragraphs
             for o in pr.old for n in pr.new
             if old.blocks[o].kind in kinds and new.blocks[n].kind in kinds}
    tp = len(found & truth)
    prec = tp / len(found) if found else 1.0
    rec = tp / len(truth) if truth else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
