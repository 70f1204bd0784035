"""Polarity: whether a change turns what a clause does into its negation.

In: the two sides of a change as read by ``substantive`` (each with ``words``, ``low`` --
lower case, "’" as "'" --, and ``w``, its ``Window``) and the pair's ``PairContext``.
Out: ``polarity_change(o, n, pc)``, a detail ("negation added: not") or None, and
``chapeau_negations(text)``, the negations of a list's chapeau.

The rule is parity, not a count: "allow X to do" and "shall not prevent X from doing" say
the same (two negations), "a gatekeeper shall: refrain from combining" and "The gatekeeper
shall not combine" too; the negations of a point's chapeau ("shall not do any of the
following:") count for the point.  Fixed phrases are not negations ("no later than",
"without prejudice to", "sin perjuicio de", "Regulation (EC) No 139/2004", "or not"), and
the polarity is only read when the change itself touches a negation word.
"""

from __future__ import annotations

import re
from collections import Counter

from travaux.diffing.classify.context import PairContext
from travaux.diffing.classify.lexicon import NEGATIONS


_NOT_NEGATION = (("no", "later"), ("not", "later"), ("without", "prejudice"), ("without", "undue"),
                 ("without", "delay"), ("sin", "perjuicio"), ("not", "only"), ("sans", "préjudice"))


_FROM = re.compile(r"\W*(?:[\w’'-]+\W+){0,5}?from\b", re.IGNORECASE)


def _negations(r) -> Counter:
    c: Counter = Counter()
    words, low = r.words, r.low     # low: lower case, "’" as "'" (no negation has either)
    if NEGATIONS.isdisjoint(low) and "n't" not in " ".join(low) and "refrain" not in low \
            and "prevent" not in low and "preclude" not in low and "prohibit" not in low:
        return c                    # most windows
    for i, x in enumerate(low):
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if (x, nxt) in _NOT_NEGATION or x == "noch" or (low[i - 1] if i else "", x) == ("or", "not"):
            continue
        if x == "refrain" and nxt == "from":
            c["not"] += 1           # "shall: refrain from doing" is "shall not do"
        elif x in ("prevent", "prevented", "preclude", "precludes", "prohibit") and \
                _FROM.match(r.w.text, r.w.spans[i][1], r.w.spans[i][1] + 80):
            c["not"] += 1           # "shall not prevent X from doing" is "shall allow X to do"
        elif x in NEGATIONS and not (x == "no" and (nxt == "." or nxt[:1].isdigit())):
            c["not" if x == "cannot" else x] += 1
        elif x.endswith("n't"):
            c["not"] += 1
    return c


def _touches_negation(r) -> bool:
    lo, hi = r.w.lo, r.w.hi
    return any(x in NEGATIONS or x in ("refrain", "prevent", "prevented", "preclude", "prohibit")
               or x.endswith("n't") for x in r.low[max(0, lo - 1):hi + 1])


def chapeau_negations(text: str) -> int:
    """Negations in a chapeau ("The gatekeeper shall not do any of the following:"); 0
    unless the text introduces a list (ends with ":")."""
    if not text.rstrip().endswith(":"):
        return 0
    low = [x.casefold() for x in re.findall(r"[\w'’]+", text)]
    return sum(1 for i, x in enumerate(low)
               if (x in NEGATIONS or x == "refrain") and x not in ("without", "sin", "ohne", "sans", "zonder")
               and (x, low[i + 1] if i + 1 < len(low) else "") not in _NOT_NEGATION)


def polarity_change(o, n, pc: PairContext) -> str | None:
    """A change of polarity: the parity of the negations differs ("allow" and "shall not
    prevent ... from" are the same; a point's chapeau "shall not ...:" counts)."""
    co, cn = _negations(o), _negations(n)
    if not (_touches_negation(o) or _touches_negation(n)):
        return None                 # no negation word in the change: polarity unchanged
    po = sum(co.values()) + pc.chapeau_negations[0]
    pn = sum(cn.values()) + pc.chapeau_negations[1]
    if po % 2 == pn % 2:
        return None
    added, removed = cn - co, co - cn
    if sum(cn.values()) > sum(co.values()) and added:
        return "negation added: " + " ".join(sorted(added.elements()))
    if removed:
        return "negation removed: " + " ".join(sorted(removed.elements()))
    return "negation " + ("added" if pn > po else "removed") + " (in the chapeau)"


__all__ = ["polarity_change", "chapeau_negations"]
