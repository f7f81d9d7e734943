"""Version 5: members record which dates are known only to the month (出生年月 1972.05), so the
program never shows an invented 1st of the month as fact."""
from __future__ import annotations

import peewee as pw

from models.store.schema.ddl import Table, rebuild

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
    "month_only" VARCHAR(255) NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "member_org_id" ON "member" ("org_id")',
    'CREATE INDEX "member_name" ON "member" ("name")',
    'CREATE INDEX "member_stroke_key" ON "member" ("stroke_key")',
    'CREATE UNIQUE INDEX "member_id_number" ON "member" ("id_number")',
))


def upgrade(db: pw.SqliteDatabase) -> None:
    rebuild(db, MEMBER, {"month_only": "''"})
