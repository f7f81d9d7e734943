"""Frozen table definitions, one module per schema version, and the two ways a step uses them.

Each `vN` module holds the SQL that version N created, written out as text and never edited
afterwards, and its `upgrade(db)` from N-1. Text rather than today's peewee models, because a
step must make the same tables in ten years as it does today: a model gains fields, and
peewee's own rendering of a field may change between releases; neither may reach a step.
"""
