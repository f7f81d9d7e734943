"""Persistence: the file's connection, its single-writer lock, the tables, the schema steps
(each with its own frozen table definitions) and the audit log. The lowest layer of `models`."""
