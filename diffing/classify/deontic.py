"""Deontic operators: what a clause requires, permits or forbids, and of which action.

In: the words of one side of a change (a ``Window``: the changed words with their
context) and the pair's language.  Out: ``operators(words, lang)``, one ``Operator`` per
deontic phrase -- its ``Force`` (obligation, prohibition, permission, recommendation,
best efforts, no obligation), where it stands and the stem of the action it governs (the
first content word after it) -- and ``modal_change(old, new, lang)``, the detail of a
change of force for the same action ("shall → may, same action 'designat'") or None.

Why by force and action, not by word: "shall be entitled to" and "may" are the same
permission, "a gatekeeper shall: refrain from combining" and "The gatekeeper shall not
combine" the same prohibition, "may not exceed" and "shall not exceed" the same limit;
and a "shall" inside an inserted sentence governs a new action, so it is part of the
insertion, not a change of anybody's obligation.  A change of force is reported when the
same action (the same stem) has another force on the other side, or when the change is
just the operator (plus at most one verb) swapped for another: "may identify" -> "shall
designate".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from travaux.diffing.classify.forms import FUNCTION_WORDS, stem


class Force(str, Enum):
    OBLIGATION = "obligation"
    PROHIBITION = "prohibition"
    PERMISSION = "permission"
    RECOMMENDATION = "recommendation"
    EFFORT = "best efforts"
    NO_OBLIGATION = "no obligation"


F = Force

_TABLE: dict[str, F] = {
    # English
    "shall": F.OBLIGATION, "must": F.OBLIGATION, "is required to": F.OBLIGATION,
    "are required to": F.OBLIGATION, "is obliged to": F.OBLIGATION, "are obliged to": F.OBLIGATION,
    "has to": F.OBLIGATION, "have to": F.OBLIGATION, "shall ensure that": F.OBLIGATION,
    "shall not": F.PROHIBITION, "must not": F.PROHIBITION, "may not": F.PROHIBITION,
    "cannot": F.PROHIBITION, "shall refrain from": F.PROHIBITION, "refrain from": F.PROHIBITION,
    "is prohibited from": F.PROHIBITION, "are prohibited from": F.PROHIBITION,
    "shall not be permitted to": F.PROHIBITION,
    "may": F.PERMISSION, "can": F.PERMISSION, "is entitled to": F.PERMISSION,
    "are entitled to": F.PERMISSION, "shall be entitled to": F.PERMISSION,
    "shall have the right to": F.PERMISSION, "should be able to": F.PERMISSION,
    "is permitted to": F.PERMISSION, "are permitted to": F.PERMISSION, "may also": F.PERMISSION,
    "should": F.RECOMMENDATION, "should not": F.PROHIBITION, "is encouraged to": F.RECOMMENDATION,
    "are encouraged to": F.RECOMMENDATION,
    "shall endeavour to": F.EFFORT, "shall endeavor to": F.EFFORT, "shall seek to": F.EFFORT,
    "shall take reasonable efforts to": F.EFFORT, "shall make every effort to": F.EFFORT,
    "shall use best efforts to": F.EFFORT, "shall use its best efforts to": F.EFFORT,
    "shall make reasonable efforts to": F.EFFORT, "undertake to": F.OBLIGATION,
    "undertakes to": F.OBLIGATION, "need not": F.NO_OBLIGATION, "is not required to": F.NO_OBLIGATION,
    "are not required to": F.NO_OBLIGATION, "shall not be required to": F.NO_OBLIGATION,
    # French
    "doit": F.OBLIGATION, "doivent": F.OBLIGATION, "peut": F.PERMISSION, "peuvent": F.PERMISSION,
    "ne peut": F.PROHIBITION, "ne peuvent": F.PROHIBITION, "devrait": F.RECOMMENDATION,
    "devraient": F.RECOMMENDATION, "s'efforce de": F.EFFORT, "s'efforcent de": F.EFFORT,
    # Spanish
    "debe": F.OBLIGATION, "deben": F.OBLIGATION, "deberá": F.OBLIGATION, "deberán": F.OBLIGATION,
    "habrá de": F.OBLIGATION, "habrán de": F.OBLIGATION, "tiene que": F.OBLIGATION,
    "tienen que": F.OBLIGATION, "debería": F.RECOMMENDATION, "deberían": F.RECOMMENDATION,
    "puede": F.PERMISSION, "pueden": F.PERMISSION, "podrá": F.PERMISSION, "podrán": F.PERMISSION,
    "podría": F.PERMISSION, "podrían": F.PERMISSION, "no podrá": F.PROHIBITION,
    "no podrán": F.PROHIBITION, "no puede": F.PROHIBITION, "no pueden": F.PROHIBITION,
    "no deberá": F.PROHIBITION, "no deberán": F.PROHIBITION, "procurará": F.EFFORT,
    "procurarán": F.EFFORT,
    # German
    "muss": F.OBLIGATION, "müssen": F.OBLIGATION, "ist verpflichtet": F.OBLIGATION,
    "sind verpflichtet": F.OBLIGATION, "soll": F.OBLIGATION, "sollen": F.OBLIGATION,
    "sollte": F.RECOMMENDATION, "sollten": F.RECOMMENDATION, "kann": F.PERMISSION,
    "können": F.PERMISSION, "könnte": F.PERMISSION, "könnten": F.PERMISSION, "darf": F.PERMISSION,
    "dürfen": F.PERMISSION, "darf nicht": F.PROHIBITION, "dürfen nicht": F.PROHIBITION,
    "muss nicht": F.NO_OBLIGATION, "müssen nicht": F.NO_OBLIGATION, "bemüht sich": F.EFFORT,
    "bemühen sich": F.EFFORT,
    # Dutch
    "moet": F.OBLIGATION, "moeten": F.OBLIGATION, "dient": F.OBLIGATION, "dienen": F.OBLIGATION,
    "kan": F.PERMISSION, "kunnen": F.PERMISSION, "mag": F.PERMISSION, "mogen": F.PERMISSION,
    "mag niet": F.PROHIBITION, "mogen niet": F.PROHIBITION, "spant zich in": F.EFFORT,
    "spannen zich in": F.EFFORT,
}
#: Phrases by first word, longest first.
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in sorted((tuple(k.split()) for k in _TABLE), key=len, reverse=True):
    _BY_FIRST.setdefault(_p[0], []).append(_p)
_SKIP = frozenset({"not", "also", "only", "be", "then", "thereafter", "nevertheless", "still",
                   "in", "any", "event", ","})
_MONTH_MAY = frozenset({"may"})


@dataclass(frozen=True, slots=True)
class Operator:
    force: Force
    phrase: str
    start: int        # index of its first word in the window's words
    end: int          # one past its last word
    action: str       # stem of the first content word after it ("" if none)
    verb: str = ""    # that word as written


def force_of(word: str) -> Force | None:
    """The force of a one-word operator ("kann" -> permission), or None."""
    return _TABLE.get(_low(word))


def _low(w: str) -> str:
    return w.casefold().replace("’", "'")


def operators(words: list[str], lang: str = "") -> list[Operator]:
    """Deontic phrases in ``words`` (longest match first), with the action they govern."""
    low = [_low(w) for w in words]
    fw = FUNCTION_WORDS.get(lang or "en", FUNCTION_WORDS["en"])
    out: list[Operator] = []
    i = 0
    while i < len(low):
        found = None
        for p in _BY_FIRST.get(low[i], ()):
            if tuple(low[i:i + len(p)]) == p:
                found = p
                break
        if found is None or (low[i] in _MONTH_MAY and words[i] == "May"
                             and i > 0 and words[i - 1][:1].isdigit()):
            i += 1
            continue
        j = i + len(found)
        k = j
        while k < len(low) and (low[k] in _SKIP or low[k] in fw or not low[k][:1].isalnum()):
            k += 1
        action = stem(low[k], lang) if k < len(low) else ""
        verb = words[k] if k < len(low) else ""
        phrase = " ".join(found)
        shown = phrase[:-3] if phrase.endswith(" to") else phrase   # "shall endeavour (to)"
        out.append(Operator(_TABLE[phrase], shown, i, j, action, verb))
        i = j
    return out


@dataclass(frozen=True, slots=True)
class ModalChange:
    old: Operator
    new: Operator
    same_action: bool

    @property
    def detail(self) -> str:
        return f"{self.old.phrase} → {self.new.phrase}"

    @property
    def reason(self) -> str:
        a, b = self.old, self.new
        if strength(b.force) > strength(a.force):
            what = f"{a.force.value} becomes {b.force.value} (stronger)"
        elif strength(b.force) < strength(a.force):
            what = f"{a.force.value} becomes {b.force.value} (weaker)"
        else:
            what = f"{a.force.value} becomes {b.force.value}"
        tail = f", same action '{b.verb or a.verb}'" if self.same_action else \
            f" ('{a.verb}' → '{b.verb}')"
        return f"{what}: {a.phrase} → {b.phrase}{tail}"


_NEG = frozenset({"not", "no", "ne", "nicht", "niet", "refrain", "from"})


def _differ(a: Operator, b: Operator) -> bool:
    """Different force, and not just the same operator negated ("shall" -> "shall not"
    is a NEGATION of the action, reported as such)."""
    if a.force is b.force:
        return False
    strip = lambda p: tuple(w for w in p.split() if w not in _NEG)   # noqa: E731
    return strip(a.phrase) != strip(b.phrase)


def modal_change(o, n, lang: str = "") -> ModalChange | None:
    """The change of force for one action between windows ``o`` and ``n`` (see the module
    docstring), or None."""
    po, pn = operators(o.words, lang), operators(n.words, lang)
    to = [p for p in po if o.touches(p.start, p.end)]
    tn = [p for p in pn if n.touches(p.start, p.end)]
    if not to and not tn:
        return None
    for a in to:
        for b in pn:
            if a.action and a.action == b.action and _differ(a, b):
                return ModalChange(a, b, True)
    for b in tn:
        for a in po:
            if b.action and a.action == b.action and _differ(a, b):
                return ModalChange(a, b, True)
    if len(to) == 1 and len(tn) == 1 and _differ(to[0], tn[0]) \
            and _only_operator(o, to[0], lang) and _only_operator(n, tn[0], lang):
        return ModalChange(to[0], tn[0], False)
    return None


def _only_operator(w, op: Operator, lang: str) -> bool:
    """Is the changed part of window ``w`` the operator plus at most one other word?"""
    fw = FUNCTION_WORDS.get(lang or "en", FUNCTION_WORDS["en"])
    rest = [x for i, x in enumerate(w.words[w.lo:w.hi], w.lo)
            if not (op.start <= i < op.end) and x[:1].isalnum() and _low(x) not in fw]
    return len(rest) <= 1


def strength(force: Force) -> int:
    """Order of forces for the reason: prohibition/obligation > effort > recommendation >
    permission > no obligation."""
    return {F.PROHIBITION: 5, F.OBLIGATION: 5, F.EFFORT: 3, F.RECOMMENDATION: 2,
            F.PERMISSION: 1, F.NO_OBLIGATION: 0}[force]


__all__ = ["Force", "Operator", "ModalChange", "operators", "modal_change", "strength", "force_of"]
