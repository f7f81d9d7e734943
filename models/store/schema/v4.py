"""Version 4: the record of each roster import, so an import can be undone as a whole.

No foreign keys on purpose: the record must outlive the members an undo deletes.
"""
from __future__ import annotations

import peewee as pw

from models.store.schema.ddl import Table, create

IMPORT_BATCH = Table("import_batch", """\
CREATE TABLE "import_batch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "user" VARCHAR(255) NOT NULL,
    "source" VARCHAR(255) NOT NULL,
    "created_count" INTEGER NOT NULL,
    "updated_count" INTEGER NOT NULL,
    "created_ids" TEXT NOT NULL,
    "created_org_ids" TEXT NOT NULL,
    "previous" TEXT NOT NULL,
    "fingerprints" TEXT NOT NULL,
    "undone_at" DATETIME
)""", (
    'CREATE INDEX "import_batch_at" ON "import_batch" ("at")',
))


def upgrade(db: pw.SqliteDatabase) -> None:
    create(db, [IMPORT_BATCH])
