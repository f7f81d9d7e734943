"""Version 8: the township's 整改通知 to a branch, and each organization's 实施方案/年度计划
with its 时间安排 rows.

New tables only, so nothing existing is rebuilt. They stay out of the data packages for now
(no triggers): a notice is printed and handed over, a plan is reported upward on paper.
"""
from __future__ import annotations

import peewee as pw

from models.store.schema.ddl import Table, create

RECTIFICATION = Table("rectification", """\
CREATE TABLE "rectification" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "issued_on" DATE NOT NULL,
    "issuer" VARCHAR(255) NOT NULL,
    "problems" TEXT NOT NULL,
    "requirement" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "state" VARCHAR(255) NOT NULL,
    "done_on" DATE,
    "remarks" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "rectification_org_id" ON "rectification" ("org_id")',
    'CREATE INDEX "rectification_year" ON "rectification" ("year")',
))

PLAN = Table("plan", """\
CREATE TABLE "plan" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "goals" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "carriers" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "plan_org_id" ON "plan" ("org_id")',
    'CREATE UNIQUE INDEX "plan_org_id_year" ON "plan" ("org_id", "year")',
))

PLAN_ROW = Table("plan_row", """\
CREATE TABLE "plan_row" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "plan_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "period" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "responsible" VARCHAR(255) NOT NULL,
    FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE
)""", (
    'CREATE INDEX "plan_row_plan_id" ON "plan_row" ("plan_id")',
    'CREATE UNIQUE INDEX "plan_row_plan_id_seq" ON "plan_row" ("plan_id", "seq")',
))

TABLES = (RECTIFICATION, PLAN, PLAN_ROW)


def upgrade(db: pw.SqliteDatabase) -> None:
    create(db, TABLES)
