"""Many rows of one table in one executemany, for the demo's hundreds of thousands of rows.

Peewee builds SQL value by value (about 1 µs a value): for 4 million values that was most of
the demo's Python time. Here the statement is built once, and a value goes to SQLite as it is
wherever SQLite takes it as it is (text, integers, ids); only fields that convert (dates,
booleans, anything else) go through the field's own `db_value`.
"""
from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from typing import Any

import peewee as pw

from models.store.db import database

# Fields whose values the demo passes as SQLite stores them (a str, an int or an id, or None).
_AS_IS = (pw.CharField, pw.TextField, pw.IntegerField, pw.ForeignKeyField)


def insert_many(model: type[pw.Model], rows: Iterable[dict[str, Any]]) -> None:
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, pw.AutoField)]
    defaults = {f.name: (f.default() if callable(f.default) else f.default) for f in fields}
    plain = [isinstance(f, _AS_IS) and not isinstance(f, pw.BooleanField) for f in fields]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    names = [f.name for f in fields]
    pick = operator.itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    converted = [(i, f.db_value) for i, (f, p) in enumerate(zip(fields, plain, strict=True)) if not p]

    def values(row: dict[str, Any]) -> Sequence[Any]:
        picked = pick({**defaults, **row})
        if not converted:
            return picked
        out = list(picked)
        for i, conv in converted:
            out[i] = conv(out[i])
        return out

    database.connection().executemany(sql, map(values, rows))
