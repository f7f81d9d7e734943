"""Version 6: identity that survives copying, for the data packages (数据包).

Every exchanged row gets a UUID, a revision, the site that made that version and when, kept in
`exchange_record` beside the row (the integer id stays the local key); a deleted row leaves a
tombstone. Triggers keep both for every write, in that write's transaction, so no service has
to remember it. The installation's own id and name are the single row of `exchange_site`.
"""
from __future__ import annotations

import peewee as pw

from models.store.schema.ddl import Table, create

# The exchanged tables as of this version, parents before children.
TRACKED = (
    "organization", "member", "member_event", "pledge", "pledge_item", "review", "attendance",
    "mutual_tally", "mass_tally", "assessment", "assessment_score", "nomination", "nomination_step", "award",
)

TABLES = (
    Table("exchange_site", 'CREATE TABLE "exchange_site" ("id" INTEGER NOT NULL PRIMARY KEY, '
          '"site" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, '
          '"org_uuid" VARCHAR(255) NOT NULL, "stamp" INTEGER NOT NULL, "applying" INTEGER NOT NULL)'),
    Table("exchange_record", 'CREATE TABLE "exchange_record" ("id" INTEGER NOT NULL PRIMARY KEY, '
          '"uuid" VARCHAR(255) NOT NULL, "tbl" VARCHAR(255) NOT NULL, "row_id" INTEGER NOT NULL, '
          '"rev" INTEGER NOT NULL, "site" VARCHAR(255) NOT NULL, "changed_at" VARCHAR(255) NOT NULL, '
          '"base" INTEGER, "base_site" VARCHAR(255), "stamp" INTEGER NOT NULL)', (
              'CREATE UNIQUE INDEX "exchange_record_uuid" ON "exchange_record" ("uuid")',
              'CREATE INDEX "exchange_record_stamp" ON "exchange_record" ("stamp")',
              'CREATE UNIQUE INDEX "exchange_record_tbl_row_id" ON "exchange_record" ("tbl", "row_id")',
          )),
    Table("exchange_tombstone", 'CREATE TABLE "exchange_tombstone" ("id" INTEGER NOT NULL PRIMARY KEY, '
          '"uuid" VARCHAR(255) NOT NULL, "tbl" VARCHAR(255) NOT NULL, "rev" INTEGER NOT NULL, '
          '"site" VARCHAR(255) NOT NULL, "changed_at" VARCHAR(255) NOT NULL, "stamp" INTEGER NOT NULL)', (
              'CREATE UNIQUE INDEX "exchange_tombstone_uuid" ON "exchange_tombstone" ("uuid")',
              'CREATE INDEX "exchange_tombstone_stamp" ON "exchange_tombstone" ("stamp")',
          )),
    Table("exchange_peer", 'CREATE TABLE "exchange_peer" ("id" INTEGER NOT NULL PRIMARY KEY, '
          '"site" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, '
          '"org_uuid" VARCHAR(255) NOT NULL, "org_name" VARCHAR(255) NOT NULL, "last_seq" INTEGER NOT NULL, '
          '"acked_seq" INTEGER NOT NULL, "last_at" VARCHAR(255) NOT NULL, "last_counts" TEXT NOT NULL)', (
              'CREATE UNIQUE INDEX "exchange_peer_site" ON "exchange_peer" ("site")',
          )),
    Table("exchange_sent", 'CREATE TABLE "exchange_sent" ("id" INTEGER NOT NULL PRIMARY KEY, '
          '"seq" INTEGER NOT NULL, "org_uuid" VARCHAR(255) NOT NULL, "stamp" INTEGER NOT NULL, '
          '"everything" INTEGER NOT NULL, "at" VARCHAR(255) NOT NULL, "file_name" VARCHAR(255) NOT NULL)', (
              'CREATE UNIQUE INDEX "exchange_sent_seq" ON "exchange_sent" ("seq")',
          )),
    Table("exchange_conflict", 'CREATE TABLE "exchange_conflict" ("id" INTEGER NOT NULL PRIMARY KEY, '
          '"at" VARCHAR(255) NOT NULL, "from_site" VARCHAR(255) NOT NULL, "package_seq" INTEGER NOT NULL, '
          '"org_name" VARCHAR(255) NOT NULL, "tbl" VARCHAR(255) NOT NULL, "uuid" VARCHAR(255) NOT NULL, '
          '"record" VARCHAR(255) NOT NULL, "field" VARCHAR(255) NOT NULL, "local_value" TEXT NOT NULL, '
          '"package_value" TEXT NOT NULL, "changed_at" VARCHAR(255) NOT NULL, "changed_by" VARCHAR(255) NOT NULL, '
          '"resolved" INTEGER NOT NULL)'),
)

_SITE = "(SELECT site FROM exchange_site LIMIT 1)"
_NOW = "strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')"
_STAMP = "(SELECT stamp FROM exchange_site LIMIT 1)"
_BUMP = "UPDATE exchange_site SET stamp = stamp + 1;"
NEW_UUID = "lower(hex(randomblob(16)))"


_OWN_WRITE = "WHEN (SELECT applying FROM exchange_site LIMIT 1) = 0"


def triggers(table: str) -> tuple[str, ...]:
    """The three triggers that keep one table's identities, versions and tombstones. While a
    package is applied (`applying`, set inside its transaction) the importer writes the
    package's versions itself; deletions always leave a tombstone (cascades included)."""
    key = f"tbl = '{table}' AND row_id"
    return (
        f'CREATE TRIGGER "xf_{table}_insert" AFTER INSERT ON "{table}" {_OWN_WRITE} BEGIN {_BUMP} '
        f"INSERT INTO exchange_record (uuid, tbl, row_id, rev, site, changed_at, base, stamp) "
        f"VALUES ({NEW_UUID}, '{table}', NEW.id, 1, {_SITE}, {_NOW}, NULL, {_STAMP}); END",
        f'CREATE TRIGGER "xf_{table}_update" AFTER UPDATE ON "{table}" {_OWN_WRITE} BEGIN {_BUMP} '
        f"UPDATE exchange_record SET rev = rev + 1, site = {_SITE}, changed_at = {_NOW}, stamp = {_STAMP} "
        f"WHERE {key} = NEW.id; END",
        f'CREATE TRIGGER "xf_{table}_delete" AFTER DELETE ON "{table}" BEGIN {_BUMP} '
        f"INSERT OR REPLACE INTO exchange_tombstone (uuid, tbl, rev, site, changed_at, stamp) "
        f"SELECT uuid, tbl, rev + 1, {_SITE}, {_NOW}, {_STAMP} FROM exchange_record WHERE {key} = OLD.id; "
        f"DELETE FROM exchange_record WHERE {key} = OLD.id; END",
    )


def start_tracking(db: pw.SqliteDatabase) -> None:
    """This file's site row, an identity for every row it already holds, then the triggers."""
    db.execute_sql(f"INSERT INTO exchange_site (site, name, role, org_uuid, stamp, applying) "
                  f"VALUES ({NEW_UUID}, '', '', '', 1, 0)")
    for table in TRACKED:
        db.execute_sql(
            f"INSERT INTO exchange_record (uuid, tbl, row_id, rev, site, changed_at, base, stamp) "
            f"SELECT {NEW_UUID}, '{table}', id, 1, {_SITE}, {_NOW}, NULL, 1 FROM \"{table}\"")
        for sql in triggers(table):
            db.execute_sql(sql)


def stamp_untracked(db: pw.SqliteDatabase) -> int:
    """Give every exchanged row that has no identity yet (written while `applying` held the
    triggers back, as the demo does) version 1 of one, one statement per table, with the change
    counter bumped once instead of once a row. Returns how many rows were stamped."""
    db.execute_sql(_BUMP)
    stamped = 0
    # Random UUIDs land all over their index: with it (and the stamp's) dropped and made again
    # afterwards, SQLite sorts once instead of seeking per row (the (tbl, row_id) index stays: it
    # is filled in order, and NOT EXISTS reads it). Same definitions, whatever the version.
    rebuilt = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'exchange_record' "
        "AND sql IS NOT NULL AND name != 'exchange_record_tbl_row_id'").fetchall()
    for name, _sql in rebuilt:
        db.execute_sql(f'DROP INDEX "{name}"')
    for table in TRACKED:
        cursor = db.execute_sql(
            f"INSERT INTO exchange_record (uuid, tbl, row_id, rev, site, changed_at, base, stamp) "
            f"SELECT {NEW_UUID}, '{table}', t.id, 1, {_SITE}, {_NOW}, NULL, {_STAMP} FROM \"{table}\" AS t "
            f"WHERE NOT EXISTS (SELECT 1 FROM exchange_record AS r WHERE r.tbl = '{table}' AND r.row_id = t.id)")
        stamped += max(cursor.rowcount, 0)
    for _name, sql in rebuilt:
        db.execute_sql(sql)
    return stamped


def upgrade(db: pw.SqliteDatabase) -> None:
    create(db, TABLES)
    start_tracking(db)
