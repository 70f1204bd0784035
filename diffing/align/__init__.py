"""Aligning: two ``Document`` -> ``Alignment`` (renumbering, moves, splits, merges).

``aligner.align`` is the entry point; ``similarity`` scores texts, ``matching`` pairs
sequences of units, ``anymatch`` pairs without order, ``pins`` turns user-forced pairs into
block indices.
"""
