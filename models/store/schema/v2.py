"""Version 2: members get a stored 姓氏笔画 key, so lists sort in SQL, and the audit log appears."""
from __future__ import annotations

import peewee as pw

from models.store.schema.ddl import Table, create, rebuild

MEMBER = Table("member", """\
CREATE TABLE "member" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "org_id" INTEGER NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "stroke_key" VARCHAR(255) NOT NULL,
    "id_number" VARCHAR(255),
    "sex" VARCHAR(255) NOT NULL,
    "ethnicity" VARCHAR(255) NOT NULL,
    "birth_date" DATE,
    "education" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(255) NOT NULL,
    "join_date" DATE,
    "full_date" DATE,
    "job" VARCHAR(255) NOT NULL,
    "party_post" VARCHAR(255) NOT NULL,
    "mobile" VARCHAR(255) NOT NULL,
    "phone" VARCHAR(255) NOT NULL,
    "address" VARCHAR(255) NOT NULL,
    "party_status" VARCHAR(255) NOT NULL,
    "is_lost" INTEGER NOT NULL,
    "lost_date" DATE,
    "is_mobile" INTEGER NOT NULL,
    "mobile_destination" VARCHAR(255) NOT NULL,
    "is_hardship" INTEGER NOT NULL,
    "is_party_worker" INTEGER NOT NULL,
    "roll_status" VARCHAR(255) NOT NULL,
    "notes" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "member_org_id" ON "member" ("org_id")',
    'CREATE INDEX "member_name" ON "member" ("name")',
    'CREATE INDEX "member_stroke_key" ON "member" ("stroke_key")',
    'CREATE UNIQUE INDEX "member_id_number" ON "member" ("id_number")',
))

AUDIT_ENTRY = Table("audit_entry", """\
CREATE TABLE "audit_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "user" VARCHAR(255) NOT NULL,
    "action" VARCHAR(255) NOT NULL,
    "entity" VARCHAR(255) NOT NULL,
    "entity_id" INTEGER,
    "summary" TEXT NOT NULL
)""", (
    'CREATE INDEX "audit_entry_at" ON "audit_entry" ("at")',
))


def upgrade(db: pw.SqliteDatabase) -> None:
    """Rebuilt rather than ALTER TABLE ADD COLUMN: that would put the key last and need a
    DEFAULT that new files lack. Files the earlier ALTER version of this step upgraded are in
    use with exactly that; later steps go by column name, so both layouts carry forward.
    Every key is computed here; the program keeps it on save."""
    from models.names import stroke_sort_key

    rebuild(db, MEMBER, fill={"stroke_key": "''"})
    rows = db.execute_sql('SELECT "id", "name" FROM "member"').fetchall()
    db.cursor().executemany('UPDATE "member" SET "stroke_key" = ? WHERE "id" = ?',
                            [(stroke_sort_key(name), member_id) for member_id, name in rows])
    create(db, [AUDIT_ENTRY])
