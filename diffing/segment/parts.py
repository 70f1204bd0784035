"""Document parts: which part of an instrument each block belongs to.

In: a ``Document``.  Out: one ``Part`` per block (``parts(doc)``), in block order.

A draft is more than its enacting terms: a Commission proposal opens with a
cover page and an explanatory memorandum and ends with a legislative financial
statement; an adopted act ends with "Done at Brussels" and the signatures; an
engrossed bill ends with "Passed the Senate" and "Secretary".  Those parts are
kept (nothing is dropped) but they are not law: the alignment pairs each block
only with a block of the same part, so that a sentence of the financial
statement is never "moved" into an article, and ``--scope enacting`` keeps
only the enacting terms.

How, in one pass:
- a heading that names a part (EXPLANATORY MEMORANDUM, LEGISLATIVE FINANCIAL
  STATEMENT, ANNEX, Exposición de motivos ...) puts itself and every block below
  it (greater depth) in that part;
- the title block and the unnumbered lines before the preamble are the cover
  (also the act's title lines that a proposal prints at the end of its
  memorandum: "2020/0374 (COD)", "Proposal for a REGULATION ...");
- citations, recitals and the formulas around them ("THE EUROPEAN PARLIAMENT
  ...", "Whereas:", "HAVE ADOPTED THIS REGULATION:") are the preamble;
- from a closing formula ("Done at", "Passed the Senate", "Attest:", "IN
  WITNESS WHEREOF" ...) to the next article or part heading: end matter;
- everything else is the enacting terms (articles, chapters, numbered
  paragraphs of a resolution or working paper).
"""

from __future__ import annotations

import re
from enum import Enum

from travaux.diffing.model import BlockKind, Document


class Part(str, Enum):
    COVER = "cover"                  # cover page, the act's title lines
    MEMORANDUM = "memorandum"        # explanatory memorandum / statement of reasons
    PREAMBLE = "preamble"            # citations, recitals and their formulas
    ENACTING = "enacting"            # the enacting terms (articles ...)
    END = "end"                      # "Done at ...", signatures, attestation
    FINANCIAL = "financial"          # legislative financial statement
    ANNEX = "annex"                  # annexes and appendices

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


_HEADINGS = (
    (Part.MEMORANDUM, r"explanatory memorandum|exposé des motifs|exposici[oó]n de motivos|"
                      r"begr[üu]ndung|memorie van toelichting|statement of reasons"),
    (Part.FINANCIAL, r"(legislative )?financial statement|fiche financi[eè]re( l[ée]gislative)?|"
                     r"ficha financiera( legislativa)?|finanzbogen"),
    (Part.ANNEX, r"(annex|annexe|anexo|anhang|anlage|bijlage|appendix)(\s+[ivxlc\d]+)?"),
)
_HEADING = [(part, re.compile(rf"^\W*(?:{rx})\W*$", re.I)) for part, rx in _HEADINGS]
#: Lines that close the enacting terms (signature and attestation blocks).
_END = re.compile(
    r"^\W*(done at|fait [àa]|hecho en|geschehen zu|gedaan te|fatto a|"
    r"passed the (senate|house)|attest:|in witness whereof|en fe de lo cual|"
    r"speaker of the house of representatives\b|president of the senate\b)", re.I)
#: Formulas of the preamble that are unnumbered text blocks.
_FORMULA = re.compile(
    r"^\W*(the european parliament|the council of the european union|the general assembly|"
    r"whereas\b|have adopted|has adopted|having regard|the states parties|the parties to|"
    r"el parlamento europeo|le parlement européen)", re.I)
#: The act's own title lines, printed by a proposal after its memorandum.
_ACT_TITLE = re.compile(r"^\W*(\d{4}/\d{4}\s*\((cod|cns|nle|app)\)|proposal for an? )", re.I)

_PREAMBLE_KINDS = frozenset({BlockKind.PREAMBLE, BlockKind.RECITAL})
_BODY_KINDS = frozenset({BlockKind.ARTICLE, BlockKind.CHAPTER, BlockKind.PART})


def _heading_part(text: str) -> Part | None:
    text = text.strip()
    if len(text) > 80:
        return None
    for part, rx in _HEADING:
        if rx.match(text):
            return part
    return None


def parts(doc: Document) -> tuple[Part, ...]:
    """The part of every block of ``doc`` (see the module docstring)."""
    blocks = doc.blocks
    first_body = next((i for i, b in enumerate(blocks) if b.kind in _BODY_KINDS), len(blocks))
    first_pre = next((i for i, b in enumerate(blocks[:first_body]) if b.kind in _PREAMBLE_KINDS
                      or (b.kind is BlockKind.TEXT and _FORMULA.match(b.text))), first_body)
    out: list[Part] = []
    marked: tuple[Part, int] | None = None     # (part, depth of its heading)
    in_end = False
    act_title = False
    for i, b in enumerate(blocks):
        if marked is not None and b.depth <= marked[1]:
            marked = None
        text = b.text or b.title
        heading = _heading_part(text) if b.kind is not BlockKind.ARTICLE and (
            b.kind in (BlockKind.SECTION, BlockKind.PART, BlockKind.CHAPTER, BlockKind.TITLE)
            or not b.label or b.label == text.strip()) else None
        if heading is not None:
            marked, in_end, act_title = (heading, b.depth), False, False
            out.append(heading)
        elif marked is not None:
            if marked[0] is Part.MEMORANDUM and (act_title or _ACT_TITLE.match(text)):
                act_title = True
                out.append(Part.COVER)          # the act's title lines after the memorandum
            else:
                out.append(marked[0])
        elif b.kind in _BODY_KINDS:
            in_end = False
            out.append(Part.ENACTING)
        elif i > first_body and (in_end or (b.kind is BlockKind.TEXT and _END.match(text))):
            in_end = True
            out.append(Part.END)
        elif b.kind is BlockKind.TITLE:
            out.append(Part.COVER)
        elif i < first_body and (i >= first_pre or (b.parent is not None
                                                     and out[b.parent] is Part.PREAMBLE)):
            out.append(Part.PREAMBLE)
        elif i < first_pre < first_body and b.depth == 0:
            out.append(Part.COVER)              # unnumbered lines before the preamble
        else:
            out.append(Part.ENACTING)
    return tuple(out)
