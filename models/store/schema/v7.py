"""Version 7: a transfer inside the township (本镇转接) names the branch left and the branch
joined, so both branches' records show it (the member row itself moves to the new branch).

Two nullable columns added in place: ADD COLUMN keeps the table, its rows and the data
packages' triggers (schema step 6) as they are, where a rebuild would drop the triggers.
"""
from __future__ import annotations

import peewee as pw

SQL = (
    'ALTER TABLE "member_event" ADD COLUMN "from_org_id" INTEGER '
    'REFERENCES "organization" ("id") ON DELETE SET NULL',
    'ALTER TABLE "member_event" ADD COLUMN "to_org_id" INTEGER '
    'REFERENCES "organization" ("id") ON DELETE SET NULL',
    'CREATE INDEX "member_event_from_org_id" ON "member_event" ("from_org_id")',
    'CREATE INDEX "member_event_to_org_id" ON "member_event" ("to_org_id")',
)


def upgrade(db: pw.SqliteDatabase) -> None:
    for sql in SQL:
        db.execute_sql(sql)
