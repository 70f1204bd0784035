"""Word forms: when two wordings are the same words written differently.

In: the old and new text of one change and the pair's language (ISO 639-1: en, fr, es,
de, nl; "" when unknown, read as English).  Out: ``same_words(old, new, lang)``, the
editorial kinds that explain the difference -- INFLECTION (the same stems: "user" ->
"users", "geltende" -> "geltender"), ABBREVIATION ("Abs." -> "Absatz", "ad" ->
"advertisements"), SAME_VALUE (the same number: "six" -> "6", "10 000" -> "10000",
"three" -> "3"), FUNCTION_WORDS (only articles, demonstratives, possessives, relative
pronouns and the like differ: "which" -> "that", "the" -> "those") -- or None when the
content words differ.  Also ``content(text, lang)``: the canonical content words of a text
(stems, values, abbreviations written out, function words dropped), which the
document-wide substitutions and the moved-words check compare; and ``value(token)``.

Stems come from the Snowball stemmers (``snowballstemmer``, BSD): inflection is never
decided by hand-written suffix lists.  What a function word is, per language, is a short
table here: words whose change alone cannot change what a sentence requires.  Words that
can (and/or, not, all, any, each, only, within, before, after ...) are not in it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from travaux.diffing.model import ChangeKind
from travaux.diffing.words.tokens import is_word, tokenize

K = ChangeKind

_STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "de": "german", "nl": "dutch"}

#: Words whose change alone cannot change the legal effect (articles, demonstratives,
#: possessives, relative pronouns, copulas, "of"-like prepositions), per language.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his",
                     "her", "of", "which", "who", "whom", "whose", "is", "are", "be", "been",
                     "being", "it", "they", "them", "thereof", "there", "such", "as", "regards",
                     "regarding", "respect", "upon", "at", "in", "on", "to", "with", "by",
                     "for", "from", "into", "very", "also"}),
    "fr": frozenset({"le", "la", "les", "l", "un", "une", "de", "du", "des", "d", "ce", "cet",
                     "cette", "ces", "son", "sa", "ses", "leur", "leurs", "qui", "que", "dont",
                     "est", "sont", "à", "au", "aux", "en"}),
    "es": frozenset({"el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del",
                     "al", "a", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas",
                     "su", "sus", "que", "cual", "cuales", "es", "son", "se", "en", "por"}),
    "de": frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines",
                     "einem", "einen", "dieser", "diese", "dieses", "diesem", "diesen", "sein",
                     "seine", "ihr", "ihre", "welche", "welcher", "ist", "sind", "sich", "im",
                     "am", "vom", "zum", "zur", "von", "zu", "durch"}),
    "nl": frozenset({"de", "het", "een", "deze", "die", "dit", "dat", "zijn", "haar", "hun",
                     "van", "is", "wordt", "worden", "er", "te", "aan"}),
}

#: Abbreviations that are not a prefix of the word they stand for (a prefix with a full
#: stop, "Abs." for "Absatz", is recognised without a table).
ABBREVIATIONS: dict[str, dict[str, str]] = {
    "en": {"ad": "advertisement", "ads": "advertisements", "no": "number", "nos": "numbers",
           "smes": "small and medium-sized enterprises", "sme": "small and medium-sized enterprise"},
    "de": {"nr": "nummer", "bzw": "beziehungsweise", "ggf": "gegebenenfalls", "z.b": "zum beispiel"},
    "es": {"núm": "número", "art": "artículo", "ong": "organización no gubernamental",
           "ongs": "organizaciones no gubernamentales"},
    "fr": {"n°": "numéro", "art": "article"},
    "nl": {"nr": "nummer", "art": "artikel"},
}

#: Number words with their values (English, French, Spanish, German, Dutch).
NUMBER_VALUES: dict[str, int] = {
    **dict(zip("one two three four five six seven eight nine ten eleven twelve".split(), range(1, 13))),
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100, "thousand": 1000,
    **dict(zip("un deux trois quatre cinq six sept huit neuf dix".split(), range(1, 11))),
    **dict(zip("uno dos tres cuatro cinco seis siete ocho nueve diez".split(), range(1, 11))),
    "quince": 15, "treinta": 30,
    **dict(zip("eins zwei drei vier fünf sechs sieben acht neun zehn".split(), range(1, 11))),
    "einem": 1, "einen": 1,
    **dict(zip("een twee drie vier vijf zes zeven acht negen tien".split(), range(1, 11))),
}
#: Ordinals that name a thing, not a count: "third party", "third country", "Drittstaat".
ORDINAL_TERMS = re.compile(
    r"(?i)\bthird[\s\-‐]+(?:part(?:y|ies)|countr(?:y|ies)|persons?)\b|\bterceros?\s+pa[ií]s")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th|d|º|ª|\.º|er|e|re)$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMERS.get(lang, "english"))


@lru_cache(maxsize=1 << 15)
def stem(word: str, lang: str = "") -> str:
    """The Snowball stem of ``word`` (case folded, "’" read as "'")."""
    return _stemmer(lang).stemWord(word.casefold().replace("’", "'"))


def value(token: str) -> str | None:
    """The value of a number token as a canonical string ("10 000", "10,000", "10000" ->
    "10000"; "7,5" and "7.5" -> "7.5"; "six" -> "6"; "1st" -> "1"), or None."""
    t = token.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    low = t.casefold()
    if low in NUMBER_VALUES:
        return str(NUMBER_VALUES[low])
    m = _ORDINAL.fullmatch(t)
    if m:
        t = m.group(1)
    if not t or not t[0].isdigit():
        return None
    parts = re.split(r"([.,])", t)
    digits, i = parts[0], 1
    if not digits.isdigit():
        return None
    decimal = ""
    while i < len(parts) - 1:
        sep, grp = parts[i], parts[i + 1]
        if not grp.isdigit():
            return None
        if len(grp) == 3 and not decimal and digits != "0":
            digits += grp          # a thousands group
        elif not decimal:
            decimal = grp
        else:
            return None
        i += 2
    return str(int(digits)) + ("." + decimal.rstrip("0") if decimal.rstrip("0") else "")


def _words(text: str) -> list[tuple[str, bool]]:
    """The words of ``text``, each with whether a full stop follows it; thousands groups
    after a plain space ("10 000") joined to their number."""
    toks = [t for t in tokenize(text) if not t.isspace()]
    out: list[tuple[str, bool]] = []
    for i, t in enumerate(toks):
        if not is_word(t):
            continue
        if (out and len(t) == 3 and t.isdigit() and toks[i - 1] == out[-1][0].split(" ")[-1]
                and out[-1][0].replace(" ", "").isdigit() and not out[-1][1]):
            out[-1] = (out[-1][0] + " " + t, False)     # "10 000": one number
            continue
        out.append((t, i + 1 < len(toks) and toks[i + 1] == "."))
    return out


def _canon(word: str, dot: bool, lang: str) -> tuple[str, ChangeKind | None]:
    """A word's canonical form and the editorial kind that produced it (None: as is)."""
    low = word.casefold()
    table = ABBREVIATIONS.get(lang or "en", {})
    if low in table:
        return " ".join(stem(w, lang) for w in table[low].split()), K.ABBREVIATION
    v = value(word.replace(" ", ""))
    if v is not None:
        return "#" + v, (K.SAME_VALUE if not word.isdigit() or word != v else None)
    if dot and len(low) >= 2:
        return "~" + low, None                 # a possible abbreviation, resolved in _match
    return stem(word, lang), None


def content(text: str, lang: str = "") -> list[str]:
    """Canonical content words of ``text``: function words dropped, words stemmed,
    numbers as values, abbreviations written out."""
    fw = FUNCTION_WORDS.get(lang or "en", FUNCTION_WORDS["en"])
    return [_canon(w, d, lang)[0].lstrip("~") for w, d in _words(ORDINAL_TERMS.sub("third_party", text))
            if w.casefold() not in fw]


#: Conjunctions that say "and": "as well as" -> "and" changes nothing.
_AND = re.compile(r"(?i)\b(?:as well as|así como|ainsi que|sowie|alsmede)\b")
_AND_WORD = {"en": "and", "es": "y", "fr": "et", "de": "und", "nl": "en"}


def same_words(old: str, new: str, lang: str = "") -> tuple[ChangeKind, ...] | None:
    """The editorial kinds that make the content words of ``old`` and ``new`` equal
    (see the module docstring), or None."""
    fw = FUNCTION_WORDS.get(lang or "en", FUNCTION_WORDS["en"])
    conj = _AND_WORD.get(lang or "en", "and")
    old, new = _AND.sub(conj, old), _AND.sub(conj, new)
    kinds: set[ChangeKind] = set()
    sides, dropped = [], []
    for text in (old, new):
        keep, drop = [], []
        for w, dot in _words(text):
            if w.casefold() in fw:
                drop.append(w.casefold())
                continue
            c, k = _canon(w, dot, lang)
            keep.append((w, c, k))
        sides.append(keep)
        dropped.append(drop)
    if dropped[0] != dropped[1]:
        kinds.add(K.FUNCTION_WORDS)
    a, b = sides
    if len(a) != len(b):
        return None
    for (wa, ca, ka), (wb, cb, kb) in zip(a, b):
        if ca == cb:
            if wa.casefold() != wb.casefold():
                kinds.add(ka or kb or K.INFLECTION)
            continue
        pa, pb = ca.lstrip("~"), cb.lstrip("~")
        if (ca.startswith("~") and wb.casefold().startswith(pa)) or \
                (cb.startswith("~") and wa.casefold().startswith(pb)):
            kinds.add(K.ABBREVIATION)
            continue
        return None
    if not kinds:
        return None
    order = list(ChangeKind)
    return tuple(sorted(kinds, key=order.index))


__all__ = ["stem", "value", "content", "same_words", "FUNCTION_WORDS", "ORDINAL_TERMS"]
