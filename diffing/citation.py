"""Citations of provisions: the one way travaux writes them and the one way it matches them.

In: a block path (``("Article 8", "2", "(a)")``) or a citation a user typed.  Out:

- ``Block.citation`` (in ``diffing.model``) is the *path form* ``"Article 8 > 2 > (a)"``:
  what ``--pin``, ``--map`` and the history's ``PROVISION`` arguments accept;
- ``cite(path)`` is the *display form* ``"Article 8(2)(a)"``, the way lawyers cite,
  used by every output (comparison reports and the history's log, blame, timeline);
- ``normalise(citation)`` is the *match key*: two citations name the same block when
  their keys are equal (Unicode compatibility forms, no-break spaces, spacing around
  ">", runs of spaces and case do not count);
- ``parse(citation)`` reads a citation as people write it — path form
  ``"Article 14 > 3 > (a)"``, printed form ``"Article 14(3)(a)"``, abbreviations per
  language (Art./Article/Artikel/Artículo, §, Sec./Section, para./paragraph/Abs.) —
  into components, and ``key``/``same``/``names`` match them against block paths:
  ``"Art. 93"``, ``"artikel 93"`` and ``"Article 93"`` name one provision, ``"(3)"``,
  ``"3"`` and ``"para. 3"`` one paragraph.  ``--pin``/``--map`` and every history
  command use these.
"""

from __future__ import annotations

import re
import unicodedata


def cite(path: tuple[str, ...]) -> str:
    """``("Article 8", "2", "(a)")`` -> ``Article 8(2)(a)``, the way lawyers cite."""
    if not path:
        return ""
    out = path[0]
    for part in path[1:]:
        if part.startswith("("):
            out += part
        elif part[:1].isdigit():
            out += f"({part})"
        else:
            out += f" {part}"
    return out


def normalise(citation: str) -> str:
    """The match key of a citation in path form (``"article 8 > 2"``)."""
    text = unicodedata.normalize("NFKC", citation or "").replace("\u00a0", " ")
    text = re.sub(r"\s*>\s*", " > ", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


# --------------------------------------------------------------------------- parsing

#: Words that introduce a provision or a paragraph, per language, folded to one
#: class each: "Art. 93", "Artikel 93", "art 93" and "Article 93" are one key.
_ARTICLE = r"art(?:icle|ikel|[íi]culo|igo|icolo)?s?\.?"
_SECTION = r"(?:sec(?:tion|t)?s?\.?|§+)"
_PARAGRAPH = r"(?:para(?:graph|graphe)?s?\.?|par\.|abs(?:atz|\.)?|apartado|lid)"
_HEAD = re.compile(rf"^(?:(?P<art>{_ARTICLE})|(?P<sec>{_SECTION}))\s*(?P<num>[\w.\-]+?)\.?$")
_PARA = re.compile(rf"^{_PARAGRAPH}\s*(?P<num>\w+)\.?$")
_GROUPS = re.compile(r"\(([^()]*)\)")
#: What may follow a provision in the printed form: "(3)", "(a)", "¶1" (cite's forms).
_TAIL = re.compile(r"(?:\s*(?:\([^()]*\)|¶\s*\d+))+$")
_TOKENS = re.compile(r"\([^()]*\)|¶\s*\d+")
_PIECES = re.compile(rf"\s*,?\s+(?={_PARAGRAPH}\s*\w)", re.IGNORECASE)


def parse(citation: str) -> tuple[str, ...]:
    """A citation as people write it -> its components, as typed (not yet keys).

    Accepts the path form ("Article 14 > 3 > (a)"), the printed form
    ("Article 14(3)(a)"), both mixed ("Art. 14(3) > (a)"), and paragraph words
    ("Article 14, paragraph 3 (a)", "§ 2 Abs. 4", "Sec. 2 para. (b)")."""
    text = unicodedata.normalize("NFKC", citation or "").replace("\u00a0", " ").strip()
    out: list[str] = []
    for part in (p.strip() for p in text.split(">")):
        if not part:
            continue
        if part.startswith("(") and part.endswith(")") and _GROUPS.fullmatch(part) and not out:
            out.append(part)                # "(preamble)", "(other text)": a name
            continue
        head, tail = part, []
        m = _TAIL.search(part)
        if m and m.start() > 0:
            head, tail = part[:m.start()].strip(), _TOKENS.findall(part[m.start():])
        out.extend(x.strip() for x in _PIECES.split(head) if x.strip())
        out.extend(f"({t[1:-1].strip()})" if t.startswith("(") else re.sub(r"\s+", "", t)
                   for t in tail)
    return tuple(out)


def key(component: str) -> str:
    """The match key of one component: "Art. 93" and "Artikel 93" -> "art 93";
    "§ 2" and "Sec. 2" -> "sec 2"; "(3)", "3", "3." and "para. 3" -> "3"."""
    c = re.sub(r"\s+", " ", normalise(component)).strip()
    m = _HEAD.match(c)
    if m:
        return ("art " if m.group("art") else "sec ") + m.group("num").rstrip(".")
    m = _PARA.match(c)
    if m:
        c = m.group("num")
    if len(c) > 2 and c[0] == "(" and c[-1] == ")" and "(" not in c[1:-1]:
        c = c[1:-1]
    c = c.rstrip(".)").lstrip("(")
    return c.replace(" ", "")


def same(a: str, b: str) -> bool:
    """Whether two components name the same block (``key`` equal)."""
    return key(a) == key(b)


def names(path: tuple[str, ...], citation: str) -> bool:
    """Whether ``citation`` (any accepted form) names the block at ``path``."""
    want = parse(citation)
    return len(want) == len(path) and all(same(a, b) for a, b in zip(path, want))


__all__ = ["cite", "normalise", "parse", "key", "same", "names"]
