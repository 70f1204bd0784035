"""Word lists of the word diff and the classifier, one table per language.

In: nothing.  Out: frozen tables (``LANGUAGES``, ``SPELLING_PAIRS`` ...) that
``diffing.worddiff`` (function words for its readability pass) and
``diffing.classify`` (modal verbs, negations, qualifiers, reference words,
months) read.  Adding a language is adding one ``Language`` row: no code
changes.  Words are lower case; phrases are tuples of lower-case words.
``spelling_key(word)`` maps spelling variants to one key (``SPELLING_PAIRS``
plus the -ise/-ize, -yse/-yze and -our/-or rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    #: Deontic words and phrases: a change in which of them a sentence uses is MODAL.
    modals: tuple[tuple[str, ...], ...]
    #: Negations: a change in how many of them a sentence has is NEGATION.
    negations: frozenset[str]
    #: Qualifying phrases: adding or removing one is QUALIFIER.
    qualifiers: tuple[tuple[str, ...], ...]
    #: Words after which a number or letter is a cross-reference ("article 24").
    references: frozenset[str]
    months: frozenset[str]
    #: Articles, prepositions, conjunctions: an equal island made only of these
    #: between two changes is folded into them (see ``worddiff``).
    function_words: frozenset[str]


def _phrases(*items: str) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "shall endeavour" is matched before "shall".
    return tuple(sorted((tuple(i.split()) for i in items), key=lambda p: (-len(p), p)))


EN = Language(
    code="en",
    modals=_phrases(
        "shall", "may", "should", "must", "will", "can", "cannot", "could", "would", "might",
        "shall endeavour", "shall endeavor", "endeavour", "endeavor", "undertake", "undertakes",
        "is required", "are required", "is encouraged", "are encouraged", "is entitled", "are entitled",
        "is obliged", "are obliged", "need not", "ought", "need to", "needs to", "has to",
        "have to"),
    negations=frozenset({"not", "no", "never", "neither", "nor", "none", "cannot", "nothing",
                         "without", "non"}),
    qualifiers=_phrases(
        "to the extent possible", "to the extent appropriate", "to the extent necessary",
        "to the extent permitted", "as far as possible", "as far as practicable",
        "where possible", "where appropriate", "as appropriate", "where necessary",
        "if necessary", "as necessary", "where applicable", "if applicable", "where feasible",
        "in appropriate cases", "in accordance with", "subject to", "consistent with",
        "without prejudice to", "in conformity with", "within the means available",
        "in accordance with domestic law", "in accordance with its domestic law",
        "in accordance with the fundamental principles of its domestic legal system",
        "provided that", "unless", "except", "notwithstanding", "reasonable", "reasonably",
        "duly justified", "proportionate", "if any", "in principle", "as may be necessary",
        "as may be appropriate", "as may be required"),
    references=frozenset({
        "article", "articles", "art", "paragraph", "paragraphs", "para", "paras", "subparagraph",
        "subparagraphs", "point", "points", "section", "sections", "sec", "annex", "annexes",
        "chapter", "chapters", "part", "parts", "title", "regulation", "regulations", "directive",
        "directives", "decision", "decisions", "resolution", "resolutions", "rule", "rules", "recital", "recitals", "appendix", "schedule", "clause",
        "clauses", "item", "items", "no", "nos", "§", "§§", "protocol", "indent"}),
    months=frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                      "september", "october", "november", "december"}),
    function_words=frozenset({
        "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "and", "or", "with", "as",
        "from", "into", "its", "their", "this", "that", "these", "those"}),
)

FR = Language(
    code="fr",
    modals=_phrases("doit", "doivent", "peut", "peuvent", "devrait", "devraient", "pourrait",
                    "pourraient", "s'efforce", "s’efforce", "s'efforcent", "s’efforcent"),
    negations=frozenset({"ne", "n", "pas", "jamais", "aucun", "aucune", "ni", "non", "sans"}),
    qualifiers=_phrases("dans la mesure du possible", "le cas échéant", "conformément à",
                        "sous réserve de", "sans préjudice de", "si nécessaire", "en tant que de besoin"),
    references=frozenset({"article", "articles", "paragraphe", "alinéa", "point", "annexe",
                          "chapitre", "titre", "section", "règlement", "directive", "décision"}),
    months=frozenset({"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                      "septembre", "octobre", "novembre", "décembre"}),
    function_words=frozenset({"le", "la", "les", "l", "de", "du", "des", "et", "ou", "à", "au",
                              "aux", "en", "par", "pour", "un", "une", "d"}),
)

ES = Language(
    code="es",
    modals=_phrases("debe", "deben", "deberá", "deberán", "debería", "deberían", "puede", "pueden",
                    "podrá", "podrán", "podría", "podrían", "procurará", "procurarán", "habrá", "habrán"),
    negations=frozenset({"no", "nunca", "ni", "ningún", "ninguna", "ninguno", "sin", "jamás"}),
    qualifiers=_phrases("en la medida de lo posible", "cuando proceda", "en su caso",
                        "de conformidad con", "sin perjuicio de", "con arreglo a", "si procede",
                        "salvo", "siempre que"),
    references=frozenset({"artículo", "artículos", "apartado", "apartados", "párrafo", "letra",
                          "anexo", "capítulo", "título", "sección", "disposición", "ley", "real",
                          "decreto", "reglamento", "directiva"}),
    months=frozenset({"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                      "septiembre", "setiembre", "octubre", "noviembre", "diciembre"}),
    function_words=frozenset({"el", "la", "los", "las", "de", "del", "y", "o", "a", "al", "en",
                              "por", "para", "un", "una", "que"}),
)

DE = Language(
    code="de",
    modals=_phrases("muss", "müssen", "kann", "können", "soll", "sollen", "sollte", "sollten",
                    "darf", "dürfen", "bemüht sich", "bemühen sich"),
    negations=frozenset({"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie",
                         "niemals", "weder", "noch", "ohne"}),
    qualifiers=_phrases("soweit möglich", "gegebenenfalls", "nach maßgabe", "im einklang mit",
                        "vorbehaltlich", "unbeschadet", "soweit erforderlich", "in der regel"),
    references=frozenset({"artikel", "art", "absatz", "abs", "satz", "nummer", "nr", "buchstabe",
                          "absatzes", "absätze", "absätzen", "satzes", "artikels", "nummern",
                          "buchstaben", "paragraphen",
                          "anhang", "kapitel", "abschnitt", "§", "§§", "verordnung", "richtlinie"}),
    months=frozenset({"januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli",
                      "august", "september", "oktober", "november", "dezember"}),
    function_words=frozenset({"der", "die", "das", "den", "dem", "des", "und", "oder", "zu", "in",
                              "im", "von", "mit", "für", "ein", "eine", "einer"}),
)

NL = Language(
    code="nl",
    modals=_phrases("moet", "moeten", "kan", "kunnen", "mag", "mogen", "zal", "zullen", "dient",
                    "dienen", "behoort", "behoren", "spant zich in", "spannen zich in"),
    negations=frozenset({"niet", "geen", "nooit", "noch", "zonder", "niets"}),
    qualifiers=_phrases("voor zover mogelijk", "zo nodig", "indien nodig", "in voorkomend geval",
                        "overeenkomstig", "onverminderd", "met inachtneming van", "behoudens"),
    references=frozenset({"artikel", "artikelen", "lid", "leden", "onderdeel", "sub", "bijlage",
                          "hoofdstuk", "afdeling", "paragraaf", "verordening", "richtlijn"}),
    months=frozenset({"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                      "september", "oktober", "november", "december"}),
    function_words=frozenset({"de", "het", "een", "van", "en", "of", "in", "op", "te", "voor",
                              "met", "aan"}),
)

#: Every language the classifier knows; lists are searched together, because a
#: pair's language is not always known and the words rarely collide.
LANGUAGES: tuple[Language, ...] = (EN, FR, ES, DE, NL)

MODALS = frozenset(p for lang in LANGUAGES for p in lang.modals)
MODAL_PHRASES = tuple(sorted(MODALS, key=lambda p: (-len(p), p)))
NEGATIONS = frozenset(w for lang in LANGUAGES for w in lang.negations)
QUALIFIER_PHRASES = tuple(sorted({p for lang in LANGUAGES for p in lang.qualifiers},
                                 key=lambda p: (-len(p), p)))
REFERENCE_WORDS = frozenset(w for lang in LANGUAGES for w in lang.references)
MONTHS = frozenset(w for lang in LANGUAGES for w in lang.months)
FUNCTION_WORDS = frozenset(w for lang in LANGUAGES for w in lang.function_words)

#: English number words (digits are recognised by pattern).  "one" is left out:
#: it is a pronoun as often as a number ("one of the States Parties").
NUMBER_WORDS = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "hundred", "thousand",
    "million", "billion", "half", "third", "thirds", "quarter", "twice", "double"})

#: British/American and other spelling pairs the -ise/-ize, -yse/-yze and
#: -our/-or rules (see ``classify.spelling_key``) do not cover: variant -> key.
SPELLING_PAIRS: dict[str, str] = {
    "judgement": "judgment", "judgements": "judgments",
    "acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
    "programme": "program", "programmes": "programs",
    "licence": "license", "licences": "licenses",
    "defence": "defense", "offence": "offense", "offences": "offenses",
    "pretence": "pretense", "practise": "practice", "practised": "practiced",
    "centre": "center", "centres": "centers", "metre": "meter", "metres": "meters",
    "litre": "liter", "litres": "liters", "fibre": "fiber",
    "catalogue": "catalog", "catalogues": "catalogs", "dialogue": "dialog", "dialogues": "dialogs",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling",
    "modelling": "modeling", "counselling": "counseling", "signalled": "signaled",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
    "enrol": "enroll", "enrolment": "enrollment", "instalment": "installment",
    "instalments": "installments", "ageing": "aging", "odour": "odor", "grey": "gray",
    "cheque": "check", "cheques": "checks", "tonne": "ton", "tonnes": "tons",
    "aluminium": "aluminum", "sceptical": "skeptical", "manoeuvre": "maneuver",
    "co-operation": "cooperation", "co-operate": "cooperate", "co-operative": "cooperative",
    "co-ordinate": "coordinate", "co-ordinated": "coordinated", "co-ordination": "coordination",
    "co-ordinating": "coordinating", "inquiry": "enquiry", "inquiries": "enquiries",
}

_ISE = re.compile(r"(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)")
_YSE = re.compile(r"(\w{2,})ys(e|es|ed|ing|er|ers)")
_OUR = re.compile(r"(\w{3,})our(s|ed|ing|able|ably|ite|ites|er|ers|ful|less|ly)?")


def spelling_key(word: str) -> str:
    """A key shared by spelling variants: organisation/organization, labour/labor."""
    w = word.lower().replace("’", "'")
    k = SPELLING_PAIRS.get(w, w)
    for rx, infix in ((_ISE, "iz"), (_YSE, "yz"), (_OUR, "or")):
        m = rx.fullmatch(k)
        if m:
            k = m.group(1) + infix + (m.group(2) or "")
            break
    if k == w:
        return word
    return k.upper() if word.isupper() and len(word) > 1 else (
        k[0].upper() + k[1:] if word[0].isupper() else k)
