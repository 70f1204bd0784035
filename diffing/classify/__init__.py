"""Classifying: the spans of one pair -> ``Change`` records with the lawyer's change kinds.

``classifier.classify`` is the entry point; ``editorial`` finds normalisations that make two
texts equal, ``substantive`` reads the words around a change (``window``), ``lexicon`` holds
the word tables per language.
"""
