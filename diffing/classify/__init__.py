"""Classifying: the spans of one pair -> ``Change`` records with the lawyer's change kinds.

``classifier.classify`` is the entry point; ``editorial`` finds normalisations that make two
texts equal, ``forms`` the same words written otherwise (stems, abbreviations, values,
function words), ``refs`` references renumbered with the text or cited otherwise,
``substantive`` reads the words around a change (``window``) with ``deontic`` (the force
of an operator on an action) and ``polarity`` (negation by parity); ``substitution`` finds
the document-wide substitutions over a whole comparison; ``context`` is what the classifier
knows of a pair; ``lexicon`` holds the word tables per language.
"""
