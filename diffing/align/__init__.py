"""Aligning: two ``Document`` -> ``Alignment`` (renumbering, moves, splits, merges).

``aligner.align`` is the entry point; ``side`` prepares one document (its ``AlignUnit`` list)
and holds what both matchers share (scorers, pair score, reading order); ``similarity`` scores
texts, ``matching`` pairs sequences of units, ``anymatch`` pairs without order, ``pins`` turns
user-forced pairs into block indices.
"""
