"""Candidate units: where blocks may start, before labels are judged.

In: the source, its masked copy (artefacts blanked), the regions that must stay
whole (table of contents, footnote lists).  Out: ``Candidate`` spans in order, each
with the strength of the break that opened it:

* START / BLANK / MD — first line, after a blank line, a Markdown heading line:
  a label there is taken at face value;
* INDENT — an indented line in paginated (``pdftotext -layout``) text, where
  paragraphs start indented and wrapped lines do not;
* LINE — a line that merely *starts* with something label-like (a wrapped line
  may too): kept only if the label continues a sequence (decided in outline);
* INLINE — a label found inside a flattened line ("... thereto. 12. The ...");
  also only kept if it continues a sequence.

A line made only of artefacts (a page head) is transparent: it neither breaks
nor joins, so a paragraph running over a page break stays one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from travaux.diffing.segment.labels import match_heading, match_label
from travaux.diffing.model import BlockKind

START, BLANK, MD, INDENT, LINE, INLINE = "start", "blank", "md", "indent", "line", "inline"
STRONG = frozenset({START, BLANK, MD, INDENT})


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    brk: str
    prev: str = ""      # INLINE: last non-space character before the unit ("" at a boundary)
    hint: str = ""      # "toc", "formula", "pp"


_TOC_WORD = re.compile(r"\b(?:Table of contents|Contents|CONTENTS|Índice|ÍNDICE|Inhaltsübersicht|"
                       r"Inhoudsopgave|Sommaire|Table des matières)\b")
_TOC_WORDS = ("Table of contents", "Contents", "CONTENTS", "Índice", "ÍNDICE", "Inhaltsübersicht",
              "Inhoudsopgave", "Sommaire", "Table des matières")
_LEADER = re.compile(r"(?:\.[ \t\u00a0]?){4,}\s*\d{1,4}(?:[ \t]*[-–][ \t]*\d{1,4})?(?:[ \t]+\d{1,4})?")

FORMULA = re.compile(
    r"(?:The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|"
    r"Conference of the (?:States )?Parties(?: to the [A-Z][^,.;]{0,200})?|Commission on [A-Z][^,.;]{0,120}|"
    r"Meeting of the States Parties[^,.;]{0,120}),|THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,|"
    r"THE COUNCIL OF THE EUROPEAN UNION,|THE EUROPEAN COMMISSION,)")
_PP_OPENERS = frozenset(
    "Aware Mindful Convinced Concerned Alarmed Conscious Determined Desirous Deeply Gravely Seriously "
    "Strongly Firmly Fully Further Also Cognizant Guided Encouraged Disturbed Bearing Taking Having Noting "
    "Recalling Recognizing Recognising Reaffirming Welcoming Emphasizing Emphasising Stressing Acknowledging "
    "Considering Expressing Underlining Affirming Reiterating Believing Observing Appreciating Profoundly "
    "Acting Whereas Keenly Greatly Sharing".split())
_PP_CAND = re.compile(r",[ \t\u00a0]+(?=([A-Z][a-z]+)\b)")
_INLINE = re.compile(
    r"(?<!\S)(?:\d{1,3}\.|\((?:[a-z]{1,4}|\d{1,2}|[A-Z]{1,3})\)|[a-z]\)|[IVX]{1,5}\.|[A-H]\.|"
    r"(?:Article|Artículo|Artikel)[ \t\u00a0]+\d{1,3})(?=[ \t\u00a0]+[\"“‘(A-ZÀ-Ýa-z0-9])")


def find_toc(masked: str) -> tuple[int, int, int] | None:
    """(start, end of the word "Contents", end) of a table of contents with dot leaders."""
    limit = max(4000, len(masked) // 3)
    if not any(masked.find(w, 0, limit) >= 0 for w in _TOC_WORDS):
        return None     # (the \b pattern is tried at every position: slow on large texts)
    for m in _TOC_WORD.finditer(masked, 0, limit):
        first = _LEADER.search(masked, m.end(), m.end() + 600)
        if not first:
            continue
        end = first.end()
        while True:
            nxt = _LEADER.search(masked, end, end + 500)
            if not nxt:
                break
            end = nxt.end()
        return m.start(), m.end(), end
    return None


def _prev_char(masked: str, pos: int, floor: int) -> str:
    i = pos - 1
    while i >= floor and masked[i].isspace():
        i -= 1
    return masked[i] if i >= floor else ""


def _inline_ok(masked: str, pos: int, floor: int) -> tuple[bool, str]:
    prev = _prev_char(masked, pos, floor)
    if prev == "":
        return True, prev
    if prev in ".;:,":
        return True, prev
    if prev in "”\"’":
        return _prev_char(masked, masked.rfind(prev, floor, pos), floor) in ".;:", prev
    if prev == ")":
        return bool(re.search(r"(?<!\S)\(?[a-z0-9]{1,4}\)\s*$", masked[max(floor, pos - 12):pos])), prev
    return False, prev


def _inline_units(masked: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[Candidate]:
    """Split one flattened stretch at label, formula and preamble positions."""
    cuts: list[Candidate] = []
    formula = FORMULA.search(masked, start, end)
    if formula and formula.start() > start:
        cuts.append(Candidate(formula.start(), 0, INLINE, _prev_char(masked, formula.start(), start), "formula"))
    if formula:
        first_op = re.search(r"(?<=[,;:.])\s+1\.\s+[A-Z]", masked[formula.end():end])
        pp_end = formula.end() + (first_op.start() if first_op else end - formula.end())
        cuts.append(Candidate(formula.end(), 0, INLINE, ",", "pp"))
        for m in _PP_CAND.finditer(masked, formula.end(), pp_end):
            if m[1] in _PP_OPENERS or (m[1].endswith("ing") and len(m[1]) > 5):
                cuts.append(Candidate(m.end(), 0, INLINE, ",", "pp"))
    last_head = -1          # end of the last heading-like candidate ("I.", "B.", "Article 31")
    for m in _INLINE.finditer(masked, start, end):
        if any(a <= m.start() < b for a, b in skip):
            continue
        ok, prev = _inline_ok(masked, m.start(), start)
        token = m[0]
        if not ok and token[0].isdigit() and last_head >= 0 and m.start() - last_head < 250 \
                and not re.search(r"[.;:]", masked[last_head:m.start()]):
            ok = True       # "I. Introduction 1. The present ...": a title precedes the number
        if ok:
            cuts.append(Candidate(m.start(), 0, INLINE, prev))
            head = token[0].isupper() and (token.endswith(".") or token[0] == "A")
            last_head = m.end() if head else -1
    cuts.sort(key=lambda u: u.start)
    out = [Candidate(start, 0, START if not cuts or cuts[0].start > start else cuts[0].brk)]
    for c in cuts:
        if c.start <= out[-1].start:
            if c.hint:
                out[-1].hint = out[-1].hint or c.hint
            continue
        out.append(c)
    for i, u in enumerate(out):
        u.end = out[i + 1].start if i + 1 < len(out) else end
    return out


def _trim(masked: str, u: Candidate) -> Candidate | None:
    s, e = u.start, u.end
    while s < e and masked[s].isspace():
        s += 1
    while e > s and masked[e - 1].isspace():
        e -= 1
    if s >= e:
        return None
    u.start, u.end = s, e
    return u


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked (line breaks kept)."""
    parts, pos = [], 0
    for s, e in sorted(spans):
        if s < pos:
            continue
        parts.append(text[pos:s])
        parts.append(re.sub(r"[^\n]", " ", text[s:e]))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _bare_article(content: str) -> bool:
    if content[0] not in "A§SD":      # Article, Artículo, Artikel, Art., §, Sec., Disposición
        return False
    h = match_heading(content)
    return h is not None and h.kind is BlockKind.ARTICLE and h.title_start == h.title_end


def _title_line(content: str) -> bool:
    return len(content) <= 200 and not content.endswith((".", ";", ":", ",")) and \
        (content[0].isupper() or content[0] in "“\"‘(")


def _starts_sentence(content: str) -> bool:
    return content[0].isupper() or content[0] in "“\"‘("


def split(source: str, masked: str, *, layout: bool, flat: bool, markdown: bool,
          whole: list[tuple[int, int, str]], holes: list[tuple[int, int]],
          blank_breaks: bool = False) -> list[Candidate]:
    """Units of the text.  ``whole`` lists (start, end, hint) regions kept as one unit;
    ``holes`` (footnote lists) are skipped: the unit around them runs on.
    ``blank_breaks`` (a PDF read by layout): every blank line is a paragraph break,
    also next to page furniture (the reader wrote blank lines only there)."""
    masked = blank_spans(masked, holes)
    units: list[Candidate] = []
    pos, n = 0, len(source)
    gap_blank = gap_art = False
    whole = sorted(whole)
    wi = 0
    started = False
    stage, bare_at = 0, -1       # bare article heading line seen (1), then its title (2)
    while pos <= n:
        nl = masked.find("\n", pos)
        le = n if nl == -1 else nl
        if wi < len(whole) and whole[wi][0] < le and whole[wi][1] > pos:
            ws, we, hint = whole[wi]
            if ws > pos and masked[pos:ws].strip():
                if units:
                    units[-1].end = ws
                else:
                    units.append(Candidate(pos, ws, START))
            units.append(Candidate(ws, we, BLANK, hint=hint))
            wi += 1
            started = True
            nl2 = masked.find("\n", we)
            if masked[we:(n if nl2 == -1 else nl2)].strip():
                units.append(Candidate(we, n if nl2 == -1 else nl2, BLANK))
            pos = n + 1 if nl2 == -1 else nl2 + 1
            gap_blank = gap_art = False
            continue
        line = masked[pos:le]
        content = line.strip()
        if not content:
            if source[pos:le].strip():
                gap_art = True
            elif started:
                gap_blank = True
        else:
            lead = len(line) - len(line.lstrip())
            body = pos + lead
            if not started:
                brk = START
            elif markdown and source[pos:le].lstrip().startswith("#"):
                brk = MD
            elif gap_blank and (not gap_art or blank_breaks):
                brk = BLANK
            elif layout and lead >= 2:
                brk = INDENT
            elif match_label(masked, body) or match_heading(content):
                brk = LINE
            else:
                brk = ""
            # "Article 1" / "Statement of purpose" / body, with no blank lines (PDF text):
            # the bare heading line, its title line and the body start are strong breaks
            if stage == 1 and not gap_blank and not brk and _title_line(content):
                stage = 2
            elif stage == 2 and not gap_blank and (brk == LINE or _starts_sentence(content)):
                units[bare_at].brk = BLANK
                brk = brk if brk in STRONG else BLANK
                stage = 0
            else:
                stage = 0
            if brk and _bare_article(content):
                stage, bare_at = 1, len(units)
            if brk:
                units.append(Candidate(body, le, brk, prev=_prev_char(masked, body, 0)))
            else:
                units[-1].end = le
            started = True
            gap_blank = gap_art = False
        pos = le + 1
    out: list[Candidate] = []
    for u in units:
        if flat and not u.hint and u.end - u.start > 200:
            skip = [(s, e) for s, e, _ in whole] + holes
            pieces = _inline_units(masked, u.start, u.end, skip)
            pieces[0].brk = u.brk
            pieces[0].prev = u.prev
            out.extend(pieces)
        else:
            out.append(u)
    return [t for t in (_trim(masked, u) for u in out) if t]
