"""Document metadata stated by the text itself: symbol, date, language, title.

In: the source text (and the ``DocumentMeta`` the reader already filled in).
Out: a ``DocumentMeta`` whose empty fields are completed from the text: UN
symbols ("A/CONF.187/6", "A/RES/56/120"), EU numbers ("COM(2020) 842 final",
"Regulation (EU) 2022/1925"), US bill numbers ("S. 269"), Spanish bulletin
codes ("BOCG-15-A-4-1"); dates ("15 December 1999", "19 de enero de 2024",
"15.12.2020", "14. Mai 2020") as ISO 8601; the language by stopword counts.
Fields the reader set are never overwritten.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from travaux.diffing.model import DocumentMeta

_UN_SYMBOL = re.compile(r"(?<![\w/])(?:A|E|S|ST|CTOC|CAC|UNODC|TD)/(?:[A-Z0-9][A-Za-z0-9.]*/)*[A-Za-z0-9.]*[A-Za-z0-9]")
_COM = re.compile(r"\b(?:COM|SWD|SEC)\(\d{4}\) ?\d+(?: final)?")
_EU_ACT = re.compile(r"^(?:Regulation|Directive|Decision) \((?:EU|EC|EEC)\) (?:No )?\d{2,4}/\d+", re.M)
_US_BILL = re.compile(r"^[ \t]*((?:S|H\. ?R|H\. ?Res|S\. ?Res)\. \d{1,5})[ \t]*$", re.M)
_CVE = re.compile(r"\bcve: ?([A-Z][A-Z0-9-]*[A-Z0-9])")

_MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "dezember"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
}
_MONTH_NO = {name: i + 1 for names in _MONTHS.values() for i, name in enumerate(names)}
_MONTH_ALT = "|".join(sorted(_MONTH_NO, key=len, reverse=True))
_DATE_TEXT = re.compile(
    rf"(?<![\d\-–])(\d{{1,2}})\.?(?:\s|\u00a0|º)*(?:de\s+)?({_MONTH_ALT})(?:\s+de)?\s+(\d{{4}})\b", re.I)
_DATE_US = re.compile(rf"\b({_MONTH_ALT})\s+(\d{{1,2}}),\s+(\d{{4}})\b", re.I)
_DATE_DOTS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
_DATE_CUES = re.compile(r"Distr\.: ?\w+\s+|Brussels,\s+|Bruselas,\s+|Serie A:?\s+|^of\s+|Done at \w+,\s+", re.M)

_STOPWORDS = {
    "en": {"the", "of", "and", "to", "shall", "in", "be", "or", "that", "by", "which", "with"},
    "es": {"de", "la", "el", "los", "las", "que", "y", "del", "en", "por", "para", "se"},
    "de": {"der", "die", "und", "des", "den", "das", "nicht", "ist", "oder", "wird", "mit", "dem"},
    "nl": {"de", "het", "van", "een", "en", "worden", "wordt", "op", "bij", "voor", "dat", "niet"},
    "fr": {"le", "la", "les", "des", "et", "du", "est", "une", "dans", "pour", "sont", "aux"},
}


def find_symbol(text: str) -> str:
    head = text[:4000]
    counts = Counter(m[0] for m in _UN_SYMBOL.finditer(text, 0, 100000) if "/" in m[0])
    # the symbol that heads pages ("A/CONF.187/6 2") is the document's own
    for sym, n in counts.most_common():
        if n >= 2 and re.search(re.escape(sym) + r"[ \t]+\d{1,3}\b", text):
            return sym
    m = re.search(r"United Nations\s+(" + _UN_SYMBOL.pattern + ")", head)
    if m:
        return m[1]
    m = re.match(r"\s*(" + _UN_SYMBOL.pattern + ")", head)
    if m:
        return m[1]
    for regex in (_COM, _EU_ACT):
        m = regex.search(head)
        if m:
            return m[0]
    m = _US_BILL.search(head[:1500])
    if m:
        return m[1]
    m = _CVE.search(text[:20000])
    if m:
        return m[1]
    return ""


def _iso(y: str, mo: int, d: str) -> str:
    if not (1 <= mo <= 12 and 1 <= int(d) <= 31):
        return ""
    return f"{int(y):04d}-{mo:02d}-{int(d):02d}"


def _date_at(text: str, pos: int) -> str:
    m = _DATE_TEXT.match(text, pos)
    if m:
        return _iso(m[3], _MONTH_NO[m[2].lower()], m[1])
    m = _DATE_DOTS.match(text, pos)
    if m:
        return _iso(m[3], int(m[2]), m[1])
    return ""


def find_date(text: str) -> str:
    head = text[:6000]
    for cue in _DATE_CUES.finditer(head):
        d = _date_at(head, cue.end())
        if d:
            return d
    found = []
    for regex, conv in ((_DATE_TEXT, lambda m: _iso(m[3], _MONTH_NO[m[2].lower()], m[1])),
                        (_DATE_US, lambda m: _iso(m[3], _MONTH_NO[m[1].lower()], m[2])),
                        (_DATE_DOTS, lambda m: _iso(m[3], int(m[2]), m[1]))):
        for m in regex.finditer(head[:3000]):
            if conv(m) and not _PROVISION_DATE.search(head[max(0, m.start() - 60):m.start()]):
                found.append((m.start(), conv(m)))
                break
    return min(found)[1] if found else ""


# A date the text speaks of (a deadline, an entry into force) is not the document's date.
_PROVISION_DATE = re.compile(r"\b(?:shall|effect|effective|force|after|before|until|later than|"
                             r"earlier than|since|expire[sd]?|deadline|no later)\b[^.;:\n]*$", re.I)


def find_language(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text[:40000].lower())
    if not words:
        return ""
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    lang, best = max(sorted(scores.items()), key=lambda kv: kv[1])
    return lang if best >= 3 else ""


_YAML_TITLE = re.compile(r"\A---\n(?:.*\n)*?[Tt]itle: *(.+)\n")
_MD_TITLE = re.compile(r"^#{1,2} *([^#\n].{3,300}?)[ \t]*$", re.M)
_RES_TITLE = re.compile(r"\b\d{2,3}/\d{1,3}\.\s+([A-Z][^\n]{10,400}?)(?=\s+The (?:General Assembly|Security Council|"
                        r"Economic and Social Council)|\n|$)")


_PROPOSAL = re.compile(r"^[ \t]*(Proposal for an?)[ \t]*(.*)$", re.M)
_ACT_LINE = re.compile(r"(?:REGULATION|DIRECTIVE|DECISION|Regulation|Directive|Decision)\b")
_ACT_TAIL = re.compile(r"(?:of \d{1,2}[ \u00a0]\w+ \d{4}$|on |amending |laying down |establishing |"
                       r"repealing |concerning |\((?!Text with)[^()]{2,80}\)$)")
_UN_AGENDA_TITLE = re.compile(
    r"of the provisional agenda[\s*]*(?P<t>[A-Z][^*\n]{10,300}?)\s+(?:Working paper|Background paper|"
    r"Discussion guide|Report|Note)\b[^.\n]{0,40}?\bby the Secretariat")
_PLACE_DATE = re.compile(rf"[A-ZÀ-Ý][\w .'-]{{1,40}},[ \t\u00a0]*(?:le |den |the )?\d{{1,2}}(?:[ \t]*[-–][ \t]*\d{{1,2}})?"
                         rf"(?:\.\d{{1,2}}\.\d{{4}}|\.?[ \t\u00a0]+(?:de[ \t]+)?(?:{_MONTH_ALT})\b)", re.I)


def _lines(text: str, start: int, count: int) -> list[str]:
    out = []
    for line in text[start:start + 3000].splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            out.append(line)
            if len(out) == count:
                break
    return out


def _eu_title(text: str) -> str:
    """ "Proposal for a / REGULATION OF ... / on ... (Digital Markets Act)", or an adopted
    act's "Regulation (EU) 2022/1925 of ... / of 14 September 2022 / on ..."."""
    m = _PROPOSAL.search(text, 0, 5000)
    if m:
        head, rest = m[1], m[2].strip()
        lines = ([rest] if rest else []) + _lines(text, m.end(), 6)
    else:
        m = _EU_ACT.match(text.lstrip())
        if not m:
            return ""
        head, lines = "", _lines(text, len(text) - len(text.lstrip()), 6)
    if not lines or not _ACT_LINE.match(lines[0]):
        return ""
    parts = [head, lines[0]] if head else [lines[0]]
    for line in lines[1:5]:
        if not _ACT_TAIL.match(line) or len(line) > 400:
            break
        parts.append(line)
    return " ".join(parts)


def _date_line(line: str) -> bool:
    """ "Brussels, 15.12.2020", "Vienna, 10-17 April 2000", "Serie A: 19 de enero de 2024 ...": a
    place and a date (or a date alone) is never a title."""
    if _PLACE_DATE.match(line):
        return True
    date = _DATE_TEXT.search(line) or _DATE_DOTS.search(line) or _DATE_US.search(line)
    if not date:
        return False
    rest = (line[:date.start()] + line[date.end():]).strip(" ,.;:-")
    return len(re.findall(r"[^\W\d_]{3,}", rest)) <= 3


# US bill: the long title follows "A BILL" / "AN ACT" ("To improve coordination between ...").
_US_TITLE = re.compile(r"^[ \t]*(?:A BILL|AN ACT|JOINT RESOLUTION|CONCURRENT RESOLUTION|RESOLUTION)"
                       r"[ \t]*\n\s*([A-Z][^\n]{9,800})", re.M)

# Spanish bulletin: "121/000004 Proyecto de Ley de prevención de las pérdidas y el\n desperdicio ..."
_ES_TITLE = re.compile(r"^[ \t]*\d{3}/\d{6}[ \t]+((?:Proyecto|Proposición) de [Ll]ey\b[^\n]*"
                       r"(?:\n[ \t]*\S[^\n]*)*)", re.M)


#: A numbered paragraph ("2. States Parties shall ...", "(a) To enhance ..."): body text, so
#: a text starting with one is an excerpt without a title.
_BODY_LINE = re.compile(r"(?:\d{1,3}\.|\(?[a-z0-9]{1,4}\))[ \t\u00a0]+\S.{40,}")
#: Metadata titles that name nothing ("(anonymous)", "Untitled", "Microsoft Word - x.doc").
_EMPTY_TITLE = re.compile(r"\(?(?:anonymous|untitled|unknown|none|no title|title|document\d*)\)?$|"
                          r"Microsoft Word\b|.*\.(?:docx?|pdf|html?)$", re.I)


def _lang_of(s: str) -> str:
    """The language a short string's stopwords point to ("" when none or a tie)."""
    counts = Counter(re.findall(r"[^\W\d_]+", s.lower()))
    scores = sorted(((sum(counts[w] for w in stop), lang) for lang, stop in _STOPWORDS.items()),
                    reverse=True)
    if scores[0][0] == 0 or scores[0][0] == scores[1][0]:
        return ""
    return scores[0][1]


_ANY_MD_HEADING = re.compile(r"^#{1,6} *([^#\n].{3,300}?)[ \t]*$", re.M)
_PROVISION_HEAD = re.compile(r"(?:Art(?:icle|ikel|ículo)?\.?|§|Chapter|Part|Title|Hoofdstuk|Kapitel)\b|\d", re.I)


def _md_title(text: str, language: str) -> str:
    """The first level-1/2 Markdown heading, unless it is in another language than the
    document and a heading before the first provision is not (a bilingual treaty database
    file opens with the Dutch title, then the English one)."""
    m = _MD_TITLE.search(text, 0, 5000)
    if not m:
        return ""
    first = re.sub(r"\s+", " ", m[1]).strip()
    if not language or _lang_of(first) in (language, ""):
        return first
    others = []
    for h in _ANY_MD_HEADING.finditer(text, m.end(), 5000):
        t = re.sub(r"\s+", " ", h[1]).strip()
        if _PROVISION_HEAD.match(t):
            break
        others.append(t)
    for want in (language, ""):
        for t in others:
            if _lang_of(t) == want:
                return t
    return first


def _own_title(text: str) -> str:
    """A title the text states in a form we know (UN agenda item, US bill, BOCG, EU act)."""
    m = _UN_AGENDA_TITLE.search(text, 0, 3000)
    if m:
        return re.sub(r"\s+", " ", m["t"]).strip()
    m = _US_TITLE.search(text, 0, 5000) or _ES_TITLE.search(text, 0, 5000)
    if m:
        return re.sub(r"\s+", " ", m[1]).strip()
    return ""


def find_title(text: str, language: str = "", symbol: str = "") -> str:
    own = _own_title(text)
    if own:
        return own
    m = _YAML_TITLE.search(text[:5000])
    if m:       # (YAML tags and quotes are not the title: "!!python/unicode 'Gesetz ...'")
        t = re.sub(r"^!!\S+\s*", "", re.sub(r"\s+", " ", m[1]).strip())
        return t[1:-1] if len(t) > 1 and t[0] == t[-1] and t[0] in "'\"" else t
    m = _RES_TITLE.search(text[:5000])
    if m:
        return re.sub(r"\s+", " ", m[1]).strip()
    md = _md_title(text, language)
    if md:
        return md
    eu = _eu_title(text)
    if eu:
        return eu
    for line in text[:3000].splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        # ("A/RES/56/261 (a) The development of ...": the running head, then body text)
        if _BODY_LINE.match(line[len(symbol):].lstrip() if symbol and line.startswith(symbol) else line):
            return ""
        if len(line) >= 10 and re.search(r"[a-z]", line) and not line.startswith(("<", "*", "---")) \
                and not _date_line(line):
            return line[:200]
    return ""


def _meta_title(title: str, text: str, format: str) -> str:
    """The title a file's metadata states, unless it names nothing or (PDF, whose metadata
    often names the publisher or the typesetter's file) the text states its own."""
    title = title.strip()
    if not title or _EMPTY_TITLE.match(title):
        return ""
    if format == "pdf":
        own = _own_title(text) or _eu_title(text)
        if own:
            return own
    return title


def detect(text: str, meta: DocumentMeta) -> DocumentMeta:
    """``meta`` with its empty fields completed from ``text``."""
    language = meta.language or find_language(text)
    symbol = meta.symbol or find_symbol(text)
    return replace(
        meta,
        symbol=symbol,
        date=meta.date or find_date(text),
        language=language,
        title=_meta_title(meta.title, text, meta.format) or find_title(text, language, symbol),
    )
