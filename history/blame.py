"""Word-level blame: for every word of a provision, the version that introduced it.

In: a loaded ``State`` (provision texts per version, and each provision's
sources in the previous version, recorded at import by alignment), a provision
id and the version to blame.  Out: a ``Blame`` with one ``BlameWord`` per word.

How: every character of a provision's text carries the number of the version
that wrote it.  A provision's first text is all its own version's.  For a later
version, the texts of its sources in the previous version (one; or several,
joined with "\\n", for a merge; the parent's text for a piece split off) are
word-diffed against the new text: equal runs carry their origins forward,
inserted runs take the new version.  This follows the provision through
renumbering, moves, splits and merges, which git's line blame cannot.  The
diff is ``pdiff.provision_diff``, the one ``log -p`` shows, so the words blamed
on version N are exactly the words its diff inserts.  A word takes the newest
origin of its letters and digits: "organisation" -> "organization" is a word of
the later version, but a comma added after "Verbrauchern" leaves the word old.
"""

from __future__ import annotations

from travaux.diffing.errors import HistoryError
from travaux.diffing.model import Op
from travaux.history.identity import content_of
from travaux.history.layout import State
from travaux.history.model import Blame, BlameWord, ProvisionChange
from travaux.history.pdiff import core, diff_provision, words


def origins(state: State, pid: str, n: int, memo: dict | None = None) -> list[int]:
    """Per character of the provision's text in version n: the version that wrote it."""
    memo = {} if memo is None else memo
    key = (pid, n)
    if key in memo:
        return memo[key]
    rec = state.record(n, pid)
    if rec is None:
        raise KeyError(key)
    text = content_of(state.text(rec.blob))
    if rec.change in (ProvisionChange.INTRODUCED, ProvisionChange.INSERTED) or not rec.sources or n == 1:
        result = [n] * len(text)
    else:
        old_parts: list[str] = []
        old_orig: list[int] = []
        for s in rec.sources:
            src = state.record(n - 1, s)
            if src is None:
                continue
            if old_parts:
                old_orig.append(n)          # the joining "\n" is nobody's word
            old_parts.append(content_of(state.text(src.blob)))
            old_orig.extend(origins(state, s, n - 1, memo))
        old_text = "\n".join(old_parts)
        result = carry(old_text, old_orig, text, n)
    memo[key] = result
    return result


def carry(old_text: str, old_orig: list[int], new_text: str, n: int) -> list[int]:
    """Origins of ``new_text`` given those of ``old_text`` (new material: version n)."""
    if old_text == new_text:
        return list(old_orig)
    diff = diff_provision(old_text, new_text)
    out: list[int] = []
    i = 0
    for span in diff.spans:
        if span.op is Op.EQUAL:
            seg = old_orig[i:i + len(span.old)]
            if len(span.old) == len(span.new):
                out.extend(seg)
            else:                           # masked difference: keep the newest origin
                out.extend([max(seg, default=n)] * len(span.new))
            i += len(span.old)
        elif span.op is Op.DELETE:
            i += len(span.old)
        else:
            out.extend([n] * len(span.new))
    if len(out) != len(new_text):           # spans must rebuild the text; never guess
        raise AssertionError("word diff spans do not rebuild the new text")
    for mv in diff.moves:                   # a moved paragraph keeps its words' origins
        i, k = mv.old_start, mv.new_start
        for span in mv.spans:
            if span.op is Op.EQUAL:
                seg = old_orig[i:i + len(span.old)]
                out[k:k + len(span.new)] = seg if len(seg) == len(span.new) else \
                    [max(seg, default=n)] * len(span.new)
            if span.op is not Op.INSERT:
                i += len(span.old)
            if span.op is not Op.DELETE:
                k += len(span.new)
    return out


def blame(state: State, pid: str, n: int, query: str = "") -> Blame:
    memo: dict = {}
    # Evaluate ancestors oldest first, so each call finds its sources memoised
    # and the recursion never goes deeper than one step.
    for key in sorted(_ancestry(state, pid, n), key=lambda kv: kv[1]):
        origins(state, key[0], key[1], memo)
    rec = state.record(n, pid)
    if rec is None:         # resolve() found the provision in this version: cannot happen
        raise HistoryError(f"no provision {pid!r} in version {n}; check the history with git fsck")
    text = content_of(state.text(rec.blob))
    orig = memo[(pid, n)]
    return Blame(query=query, id=pid, path=rec.path, version=state.versions[n - 1], text=text,
                 words=blame_words(text, orig), versions=state.versions)


def blame_words(text: str, orig: list[int]) -> tuple[BlameWord, ...]:
    """One BlameWord per word: the newest origin of its letters and digits."""
    return tuple(BlameWord(a, b, max(orig[k] for k in core(text, a, b))) for a, b in words(text))


def _ancestry(state: State, pid: str, n: int) -> set[tuple[str, int]]:
    """Every (id, version) whose text the blame of (pid, n) depends on."""
    seen: set[tuple[str, int]] = set()
    stack = [(pid, n)]
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        rec = state.record(key[1], key[0])
        if rec is None:
            continue
        seen.add(key)
        if rec.change not in (ProvisionChange.INTRODUCED, ProvisionChange.INSERTED) and key[1] > 1:
            stack.extend((s, key[1] - 1) for s in rec.sources)
    return seen
