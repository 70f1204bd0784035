"""Segmenting: extracted text -> ``Document`` (structure with offsets; artefacts recorded, never lost).

``segmenter.segment`` composes ``artefacts`` (running heads, page numbers ...), ``footnotes``,
``units`` (where blocks may start), ``labels`` (the label grammar), ``outline`` (the tree and
citation paths) and ``meta`` (symbol, date, language, title).
"""
