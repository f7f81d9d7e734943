"""Printing for 先锋台账: plain dataclasses in, PDF bytes out.

Knows nothing of Qt or the database. Chinese text goes through our own typesetting layer
(`printing.typeset`: embedded TrueType subsets, per-character fallback, no silent .notdef
boxes, 禁则 and justification); see docs/printing-notes.md.
"""
