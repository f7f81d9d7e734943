"""Frozen definitions as data (`Table`) and the two ways a step applies them: `create` for new
tables, `rebuild` for changed ones."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import peewee as pw


@dataclass(frozen=True)
class Table:
    """One table as a version created it: its CREATE TABLE and its CREATE INDEX statements."""

    name: str
    create: str
    indexes: tuple[str, ...] = ()


def create(db: pw.SqliteDatabase, tables: Iterable[Table]) -> None:
    """New tables, exactly as frozen; run on the connection being migrated, never on a proxy."""
    for table in tables:
        db.execute_sql(table.create)
        for sql in table.indexes:
            db.execute_sql(sql)


def columns(db: pw.SqliteDatabase, table: str) -> list[str]:
    return [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()]


def rebuild(db: pw.SqliteDatabase, table: Table, fill: Mapping[str, str] | None = None) -> None:
    """Replace a table by its new definition, keeping every row: SQLite's own recipe
    (https://sqlite.org/lang_altertable.html#otheralter), so a column can be added where the
    model has it and without a DEFAULT the model lacks, and a changed file ends up exactly
    like a new one.

    Columns both versions have are copied by name; `fill` gives an SQL expression over the old
    row for each new column (a NOT NULL column left out makes the step fail, and roll back).
    Needs foreign keys off (migrate sees to it): the old table is dropped while others point
    at it. The new one is built under a temporary name and renamed, never the old one renamed,
    since SQLite would rewrite the other tables' references to follow it.
    """
    fill = dict(fill or {})
    temp = f"{table.name}__rebuilt"
    head = f'CREATE TABLE "{table.name}" ('
    if not table.create.startswith(head):
        raise ValueError(f"{table.name}: the definition must start with {head!r}")
    db.execute_sql(f'CREATE TABLE "{temp}" (' + table.create[len(head):])
    old = set(columns(db, table.name))
    kept = [c for c in columns(db, temp) if c in old and c not in fill]
    names = ", ".join(f'"{c}"' for c in [*kept, *fill])
    values = ", ".join([*(f'"{c}"' for c in kept), *fill.values()])
    db.execute_sql(f'INSERT INTO "{temp}" ({names}) SELECT {values} FROM "{table.name}"')
    db.execute_sql(f'DROP TABLE "{table.name}"')  # its indexes go with it
    db.execute_sql(f'ALTER TABLE "{temp}" RENAME TO "{table.name}"')
    for sql in table.indexes:
        db.execute_sql(sql)
