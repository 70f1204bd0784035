"""What the classifier knows about a pair beyond its spans.

In: nothing (a type).  Out: ``PairContext``: the pair's language (for stems and word
tables), the comparison's ``Renumbering`` (which old provision and paragraph became which
new one, see ``classify.refs``) and the number of the old provision the pair belongs to
(to resolve "paragraph 7" without an article).  ``compare`` builds one per pair;
``classify(spans)`` without one reads the text as English with no renumbering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from travaux.diffing.classify.refs import Renumbering


@dataclass(frozen=True, slots=True)
class PairContext:
    language: str = ""
    renumbering: Renumbering = field(default_factory=Renumbering)
    provision: str = ""
    #: The number of the old paragraph the pair is ("Satz 3" names a sentence of it).
    paragraph: str = ""
    #: Lengths of the provision labels at the start of heading texts ("Article 9" in
    #: "Article 9 Exemption"): the provision's own number, NUMBERING when it changes.
    heading_labels: tuple[int, int] = (0, 0)
    #: Negations in the chapeau of a point on each side ("The gatekeeper shall not do any
    #: of the following:"): a point's polarity is the chapeau's.
    chapeau_negations: tuple[int, int] = (0, 0)
    #: The chapeau texts themselves (a point's subject and operator may move between the
    #: chapeau and the point when a list is restructured).
    chapeaus: tuple[str, str] = ("", "")


__all__ = ["PairContext"]
