"""JSON output of a comparison: ``Diff`` -> one JSON document (``--format json``).

In: a ``diffing.model.Diff``.  Out: UTF-8 JSON (``ensure_ascii=False``, indent 2,
keys always in the order below, so the same inputs give the same bytes).

## The JSON contract (version 1)

```json
{
  "version": 1,
  "old": {"name": "proposal.txt", "format": "text", "symbol": "COM(2020) 842 final",
          "title": "...", "date": "2020-12-15", "language": "en"},
  "new": {"name": "...", "format": "...", "symbol": "...", "title": "...", "date": "...",
          "language": "..."},
  "options": {"ignore_case": false, "ignore_punctuation": false, "ignore_whitespace": false,
              "ignore_numbering": false, "match": "order", "threshold": 0.5,
              "pins": [["Article 7", "Article 8"]], "scope": "all"},
  "backend": "cpp",
  "notes": [],
  "summary": {"provisions": {"renumbered": 3}, "pairs": {"modified": 12, "moved": 1},
              "changes": {"modal": 2, "wording": 7}, "substantive": 9, "editorial": 4,
              "headings": 1,
              "substitutions": [{"old": "provider", "new": "undertaking", "count": 5}]},
  "provisions": [ <pair>, ... ],
  "pairs": [ <pair>, ... ]
}
```

`provisions` are the provision-level pairs (articles; their texts are the
headings, label + title); `pairs` are the paragraph-level pairs in reading order
of the new text (deleted ones at their old place).  A `<pair>` is:

```json
{
  "kind": "unchanged|modified|renumbered|moved|split|merged|inserted|deleted",
  "level": "provision|paragraph",
  "old": [["Article 7", "2"]],
  "new": [["Article 8", "2"]],
  "score": 0.93,
  "edited": true,
  "uncertain": true,
  "runner_up": {"path": ["Article 9", "2"], "score": 0.61},
  "changes": [{"kinds": ["modal"], "substantive": true, "old": "shall", "new": "may",
               "detail": "shall -> may",
               "reason": "obligation becomes permission (weaker): shall → may, same action 'take'"}],
  "spans": [{"op": "equal", "text": "The Commission "},
            {"op": "delete", "text": "shall"}, {"op": "insert", "text": "may"},
            {"op": "equal", "text": "Organised", "old": "organised", "new": "Organised"}]
}
```

- A path is the list of labels the parser gives, outermost first
  (`["Article 8", "2", "(a)"]`); `old`/`new` list one path per block of the
  group (two or more for split/merged, none for inserted/deleted).
- `spans` rebuild both texts: the `text` of equal + delete spans is the old
  text, of equal + insert spans the new text, except that an equal span whose
  two sides differ (masked by an `--ignore-*` option) carries `old` and `new`
  beside `text` (`text` is the new side).  Blocks of a group are joined with
  "\\n".
- `changes` are the contiguous runs of non-equal spans, classified; `kinds`
  come from: whitespace, punctuation, capitalisation, quote_style, numbering,
  spelling, inflection, abbreviation, same_value, function_words, citation,
  reordered, substitution (editorial), modal, negation, number, date,
  reference, qualifier, insertion, deletion, wording (substantive).  `reason`
  says, for a substantive change, why it can change the legal effect ("" for
  an editorial one).
- `summary.substitutions`: terms replaced consistently across the document,
  each once with how many changes it accounts for (those changes have the
  editorial kind `substitution`).
- `summary` is computed once (``diffing.summary``) and is the same in every
  output format: `substantive` + `editorial` is every change, each once,
  changes to provision headings (`provisions[*].changes`) included, because
  the reader is shown and can step through them like any other change;
  `headings` says how many of them are heading changes (subtract it for the
  paragraph-level count).  `changes` counts a change under each of its kinds.
- `score` is the similarity 0..1 of the pair (0.0 for inserted/deleted).
- `uncertain` marks a pairing that is a guess: a low score, or a runner-up
  close behind; `runner_up` is then the next-best counterpart (`path`, `score`;
  on the old side for an inserted pair, on the new side otherwise), else `null`.
- No timestamp is ever written: the same comparison gives the same bytes.
"""

from __future__ import annotations

import json

from travaux.diffing.model import Diff, DocumentMeta, Op, PairDiff

VERSION = 1


def _meta(m: DocumentMeta) -> dict:
    return {"name": m.name, "format": m.format, "symbol": m.symbol, "title": m.title,
            "date": m.date, "language": m.language}


def _span(s) -> dict:
    out = {"op": str(s.op), "text": s.text}
    if s.op is Op.EQUAL and s.old != s.new:
        out["text"] = s.new
        out["old"] = s.old
        out["new"] = s.new
    return out


def _pair(pd: PairDiff, diff: Diff) -> dict:
    p = pd.pair
    return {
        "kind": str(p.kind),
        "level": str(p.level),
        "old": [list(diff.old.blocks[i].path) for i in p.old],
        "new": [list(diff.new.blocks[i].path) for i in p.new],
        "score": round(float(p.score), 4),
        "edited": bool(p.edited),
        "uncertain": bool(p.uncertain),
        "runner_up": _runner_up(p, diff),
        "changes": [{"kinds": [str(k) for k in c.kinds], "substantive": c.substantive,
                     "old": c.old, "new": c.new, "detail": c.detail, "reason": c.reason}
                    for c in pd.changes],
        "spans": [_span(s) for s in pd.spans],
    }


def _runner_up(p, diff: Diff) -> dict | None:
    """The next-best counterpart of an uncertain pair (on the old side when the
    pair has no old block), or None."""
    if not (p.uncertain and p.runner_up):
        return None
    side = diff.new if p.old else diff.old
    return {"path": list(side.blocks[p.runner_up[0]].path), "score": round(float(p.runner_up_score), 4)}


def to_data(diff: Diff) -> dict:
    o, s = diff.options, diff.summary
    return {
        "version": VERSION,
        "old": _meta(diff.old.meta),
        "new": _meta(diff.new.meta),
        "options": {"ignore_case": o.ignore_case, "ignore_punctuation": o.ignore_punctuation,
                    "ignore_whitespace": o.ignore_whitespace,
                    "ignore_numbering": o.ignore_numbering, "match": o.match,
                    "threshold": o.threshold, "pins": [list(p) for p in o.pins],
                    "scope": o.scope},
        "backend": diff.backend,
        "notes": list(diff.notes),
        "summary": {"provisions": {str(k): n for k, n in s.provisions},
                    "pairs": {str(k): n for k, n in s.pairs},
                    "changes": {str(k): n for k, n in s.changes},
                    "substantive": s.substantive, "editorial": s.editorial,
                    "headings": s.headings,
                    "substitutions": [{"old": x.old, "new": x.new, "count": x.count}
                                      for x in s.substitutions]},
        "provisions": [_pair(pd, diff) for pd in diff.provisions],
        "pairs": [_pair(pd, diff) for pd in diff.pairs],
    }


def render(diff: Diff) -> str:
    return json.dumps(to_data(diff), ensure_ascii=False, indent=2) + "\n"
