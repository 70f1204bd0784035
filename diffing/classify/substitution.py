"""Document-wide substitutions: one decision, not a hundred changes.

In: the classified ``PairDiff``s of a comparison and its language.  Out:
``substitutions(pair_diffs, lang)`` -> (the pair diffs with every occurrence of a
substitution re-marked, the ``Substitution``s found), most frequent first.

The rule.  A change that replaces at most three content words by at most three others
(stems compared, function words ignored; "provider" -> "undertaking", "identified" ->
"listed"), or that inserts or deletes at most two content words before the same word
("product" -> "connected product"), and that is otherwise plain rewording (no modal,
negation, number, date, reference or qualifier in it, and no operator, negation,
conjunction or quantifier word: "may" -> "can" or "and" -> "or" is never a term), is a
*candidate*.  A candidate
made at least ``MIN_COUNT`` times across the document is a **substitution**: the summary
lists it once, with its count, and each of its occurrences becomes an editorial
SUBSTITUTION change whose detail names the substitution -- the decision is counted once,
as the substitution, not once per occurrence.  A change that does more than the
substitution keeps its own kinds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from travaux.diffing.classify.forms import content
from travaux.diffing.classify.lexicon import MODAL_PHRASES, NEGATIONS, QUALIFIER_PHRASES
from travaux.diffing.model import Change, ChangeKind, PairDiff, Substitution

K = ChangeKind
#: How often a replacement must recur to be a document-wide substitution.
MIN_COUNT = 3
_PLAIN = frozenset({K.WORDING, K.INSERTION, K.DELETION})


def _ranges(pd: PairDiff) -> list[tuple[int, int, int, int]]:
    o_at, n_at = [0], [0]
    for s in pd.spans:
        o_at.append(o_at[-1] + len(s.old))
        n_at.append(n_at[-1] + len(s.new))
    return [(o_at[c.span_start], o_at[c.span_end], n_at[c.span_start], n_at[c.span_end])
            for c in pd.changes]


#: Words a substitution may never replace: operators, negations, conjunctions (a
#: repeated "may" -> "can" or "and" -> "or" is a decision each time, not a term).
_NEVER = frozenset(p[0] for p in MODAL_PHRASES if len(p) == 1) | NEGATIONS
_CONJUNCTIONS = {"en": {"and", "or", "nor", "but", "either", "neither", "all", "any", "each",
                        "every", "only"},
                 "fr": {"et", "ou", "ni", "mais", "tout", "tous", "chaque", "seul"},
                 "es": {"y", "o", "ni", "pero", "todo", "todos", "cada", "solo"},
                 "de": {"und", "oder", "noch", "aber", "alle", "jeder", "jede", "nur"},
                 "nl": {"en", "of", "noch", "maar", "alle", "elke", "ieder", "slechts"}}


def _key(c: Change, after: str, lang: str) -> tuple | None:
    if not c.substantive or not set(c.kinds) <= _PLAIN:
        return None
    never = _NEVER | _CONJUNCTIONS.get(lang or "en", _CONJUNCTIONS["en"])
    words = [w.casefold() for w in re.findall(r"[\w'’-]+", c.old + " " + c.new)]
    if any(w in never for w in words):
        return None
    joined = " " + " ".join(words) + " "
    if any(" " + " ".join(p) + " " in joined for p in QUALIFIER_PHRASES):
        return None
    old, new = content(c.old, lang), content(c.new, lang)
    if any(w.startswith("#") for w in old + new):
        return None
    if old and new and len(old) <= 3 and len(new) <= 3 and old != new:
        return tuple(old), tuple(new)
    if bool(old) != bool(new) and len(old + new) <= 2:
        anchor = content(after, lang)[:1]          # the word the insertion attaches to
        if anchor:
            return tuple(old + anchor), tuple(new + anchor)
    return None


def _surface(c: Change, after: str) -> tuple[str, str]:
    word = after.split()[0].strip(",.;:()") if after.split() else ""
    if c.old.strip() and c.new.strip():
        return " ".join(c.old.split()), " ".join(c.new.split())
    return (" ".join((c.old + word).split()), " ".join((c.new + word).split()))


def substitutions(pds: tuple[PairDiff, ...], lang: str = "") -> tuple[tuple[PairDiff, ...], tuple[Substitution, ...]]:
    """Find the document-wide substitutions and re-mark their occurrences (see module)."""
    keyed: list[tuple[int, int, tuple, tuple[str, str]]] = []
    for p, pd in enumerate(pds):
        if not pd.changes:
            continue
        for k, (c, (_o0, _o1, _n0, n1)) in enumerate(zip(pd.changes, _ranges(pd))):
            after = pd.new_text[n1:n1 + 40] if c.new or not c.old else pd.old_text[_o1:_o1 + 40]
            key = _key(c, after, lang)
            if key is not None:
                keyed.append((p, k, key, _surface(c, after)))
    counts = Counter(key for _, _, key, _ in keyed)
    found = {key for key, n in counts.items() if n >= MIN_COUNT}
    if not found:
        return pds, ()
    shown: dict[tuple, tuple[str, str]] = {}
    for _, _, key, surface in keyed:
        shown.setdefault(key, surface)
    out = list(pds)
    for p, k, key, _ in keyed:
        if key not in found:
            continue
        pd = out[p]
        old, new = shown[key]
        c = pd.changes[k]
        marked = replace(c, kinds=(K.SUBSTITUTION,), reason="",
                         detail=f"{old} → {new} (document-wide substitution, {counts[key]}×)")
        out[p] = replace(pd, changes=pd.changes[:k] + (marked,) + pd.changes[k + 1:])
    subs = sorted(((shown[key], counts[key]) for key in found), key=lambda x: (-x[1], x[0]))
    return tuple(out), tuple(Substitution(o, n, count) for (o, n), count in subs)


__all__ = ["substitutions", "MIN_COUNT"]
