"""Footnotes in flattened text: the footnote list and the markers that point to it.

In: the source text, its masked copy (artefacts blanked) and the artefacts
found so far.  Out: ``Footnote`` entries (number, label span, body span) of
footnote lists that follow a footnote separator ("_____") or a running head
("A/CONF.187/6 8 1 Fijnaut and others ... 2 H. Abadinsky ..."), and
``FOOTNOTE_MARKER`` artefacts for the numbers glued to or standing after words
in the body ("Century,1", "profits. 1 It").

A list is a run of consecutive numbers (k, k+1, ...) each followed by a capital;
the last entry ends at the first sentence end followed by a lower-case word
(the interrupted paragraph resumes), at a paragraph break or at the next
running head.  Markers must be numbers of listed footnotes, and appear in
non-decreasing order of first use, which keeps "para. 9" and "chapter II" out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from travaux.diffing.model import Artefact, ArtefactKind as K

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_ENTRY = re.compile(r"(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ \t\u00a0]+(?=[A-Z“\"‘'(À-Ý]|\d{2} \d{5})")
_ABBREV = re.compile(r"(?:\b(?:No|Nos|para|paras|p|pp|art|arts|Add|Rev|vol|Vol|chap|sect|ed|eds|op|cit|cf|ibid|"
                     r"Corr|Suppl|Sess|sess|i\.e|e\.g|et al|etc|St|Mr|Mrs|Dr|[A-Z])\.)$")
_JOB_SPACED = re.compile(r"\d{2} \d{5}\b")
_MAX_ENTRY = 1200


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    label_start: int
    label_end: int
    start: int        # body span
    end: int


def _num(token: str) -> int:
    if token[0] in _SUP:
        return int("".join(str(_SUP.index(c)) for c in token))
    return int(token)


def _entry_end(masked: str, start: int, limit: int) -> int:
    """End of the last footnote entry starting at ``start``."""
    stop = min(limit, start + _MAX_ENTRY)
    para = masked.find("\n\n", start, stop)
    if para != -1:
        stop = para
    for m in re.finditer(r"[.)][ \t\u00a0]+(?=[a-z])", masked[start:stop]):
        before = masked[start:start + m.start() + 1]
        if not _ABBREV.search(before):
            return start + m.start() + 1
    return len(masked[:stop].rstrip())


def _run_from(masked: str, pos: int, limit: int, need: int) -> list[tuple[int, int, int]]:
    """Consecutive entries (number, label start, label end) starting at ``pos``."""
    m = _ENTRY.match(masked, pos)
    if not m:
        return []
    run = [(_num(m[1]), m.start(1), m.end(1))]
    search = m.end()
    while True:
        want = run[-1][0] + 1
        nxt = None
        for c in re.finditer(r"(?<=[\s])(%d|%s)[ \t\u00a0]+(?=[A-Z“\"‘'(À-Ý])" % (
                want, "".join(_SUP[int(d)] for d in str(want))), masked[search:min(limit, search + _MAX_ENTRY)]):
            nxt = c
            break
        if not nxt:
            break
        run.append((want, search + nxt.start(1), search + nxt.end(1)))
        search = search + nxt.end()
    return run if len(run) >= need else []


def find_lists(text: str, masked: str, artefacts: list[Artefact]) -> tuple[list[Footnote], list[Artefact]]:
    """Footnote entries after separators / running heads, and furniture found in them."""
    notes: list[Footnote] = []
    extra: list[Artefact] = []
    taken_until = -1
    for i, a in enumerate(artefacts):
        if a.kind not in (K.SEPARATOR, K.RUNNING_HEAD) or a.start < taken_until:
            continue
        pos = a.end
        while pos < len(masked) and masked[pos] in " \t\u00a0\n\f":
            pos += 1
        if masked[a.end:pos].count("\n") > 2:
            continue
        nxt_head = next((b.start for b in artefacts[i + 1:] if b.kind is K.RUNNING_HEAD), len(masked))
        run = _run_from(masked, pos, nxt_head, 1 if a.kind is K.SEPARATOR else 2)
        if not run:
            continue
        for j, (n, ls, le) in enumerate(run):
            body = le
            while body < len(masked) and masked[body] in " \t\u00a0":
                body += 1
            job = _JOB_SPACED.match(masked, body)
            if job:
                extra.append(Artefact(K.FURNITURE, text[job.start():job.end()], job.start(), job.end()))
            end = run[j + 1][1] if j + 1 < len(run) else _entry_end(masked, body, nxt_head)
            end = len(masked[:end].rstrip())
            notes.append(Footnote(n, ls, le, body, max(body, end)))
        taken_until = notes[-1].end
    return notes, extra


_GLUED = re.compile(r"(?<=[^\W\d_][,;:.”’\")\]])(\d{1,2})(?=[\s,;:)]|$)|(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SUPER_ONLY = re.compile(r"(?!)(\d)|(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SPACED = re.compile(r"(?<=[.,;:”’\")\]])[ \t\u00a0]+(\d{1,2})(?=[ \t\u00a0]*[,\s])")


_SUP_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def _superscripts(masked: str) -> list[tuple[int, int, int, bool]]:
    """The matches of ``_SUPER_ONLY`` ("(?<=\\S)[⁰-⁹]+"), found by scanning for the
    superscript runs only (the look-behind pattern is tried at every position, slow on
    large texts).  A run after a space yields its tail, as the pattern does."""
    out = []
    for m in _SUP_RUN.finditer(masked):
        s, e = m.span()
        if s > 0 and not masked[s - 1].isspace():
            out.append((s, e, _num(m[0]), True))
        elif e - s > 1:
            out.append((s + 1, e, _num(m[0][1:]), True))
    return out


def find_markers(text: str, masked: str, numbers: set[int],
                 skip: list[tuple[int, int]]) -> list[Artefact]:
    """Footnote markers in the body: superscripts always; digits only for listed notes."""
    top = max(numbers, default=0)
    cands: list[tuple[int, int, int, bool]] = []
    if top:
        for m in _GLUED.finditer(masked):
            if m[2]:
                cands.append((m.start(2), m.end(2), _num(m[2]), True))
            else:
                cands.append((m.start(1), m.end(1), int(m[1]), False))
    elif any(c in masked for c in _SUP):
        cands += _superscripts(masked)
    for m in (_SPACED.finditer(masked) if top else ()):
        cands.append((m.start(1), m.end(1), int(m[1]), False))
    cands.sort()
    out: list[Artefact] = []
    seen = 0
    for s, e, n, sup in cands:
        if any(a <= s < b for a, b in skip):
            continue
        if not sup:
            if not (1 <= n <= top) or n > seen + 1:
                continue
            before = masked[max(0, s - 12):s].rstrip()
            if _ABBREV.search(before) or masked[e:e + 1] == "." and masked[e + 1:e + 2].isspace():
                continue
        if out and s < out[-1].end:
            continue
        seen = max(seen, n)
        # "“hot money”. 7, 9, 10": the commas between markers go with them
        if out and _MARKER_COMMA.fullmatch(masked, out[-1].end, s):
            prev = out[-1]
            out[-1] = Artefact(K.FOOTNOTE_MARKER, text[prev.start:s], prev.start, s)
        out.append(Artefact(K.FOOTNOTE_MARKER, text[s:e], s, e))
    return out


_MARKER_COMMA = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]*")
#: An asterisk note printed at the top of a flattened first page ("* A/CONF.187/1.") and the
#: asterisk pointing to it ("Item 4 of the provisional agenda *").
_STAR_NOTE = re.compile(r"(?:^|(?<=\n))[ \t]*(\*{1,3})[ \t]+(\S[^\n]{0,300}?[.)])(?=\s|$)")
_STAR_MARK = re.compile(r"(?<=\S)\*{1,3}(?=\s|$)|(?<=[ \t])\*{1,3}(?=\s|$)")


def find_star_notes(text: str, masked: str, limit: int = 4000) -> tuple[list[Footnote], list[Artefact]]:
    """The asterisk footnote of a title or agenda item in the first ``limit`` characters:
    the note (``Footnote`` with number 0) and the marker(s) pointing to it.  Both or none."""
    m = _STAR_NOTE.search(masked, 0, limit)
    if not m:
        return [], []
    marks = [k for k in _STAR_MARK.finditer(masked, m.end(), min(len(masked), m.end() + limit))
             if k[0] == m[1]]
    if not marks:
        return [], []
    note = Footnote(0, m.start(1), m.end(1), m.start(2), m.end(2))
    k = marks[0]
    return [note], [Artefact(K.FOOTNOTE_MARKER, text[k.start():k.end()], k.start(), k.end())]
