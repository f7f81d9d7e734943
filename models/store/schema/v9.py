"""Version 9: a decided 数据包 conflict travels back: each listed conflict keeps the package's version of
the record (revision and computer) and the package's own value, so the clerk's choice —
保留本机的值 or 采用数据包的值 — is written exactly and the next package tells the other side
which version won.

Columns added in place (ADD COLUMN): the table keeps its rows; conflicts listed before this
step have no version and can only be marked as handled.
"""
from __future__ import annotations

import peewee as pw

SQL = (
    'ALTER TABLE "exchange_conflict" ADD COLUMN "rev" INTEGER',
    'ALTER TABLE "exchange_conflict" ADD COLUMN "site" VARCHAR(255)',
    'ALTER TABLE "exchange_conflict" ADD COLUMN "package_raw" TEXT',
    'ALTER TABLE "exchange_conflict" ADD COLUMN "choice" VARCHAR(255)',
)


def upgrade(db: pw.SqliteDatabase) -> None:
    for sql in SQL:
        db.execute_sql(sql)
