"""Version 3: 年度考核 entries with their scores, nominations with their steps, awards.

Partial unique indexes say "one row per subject": SQLite treats NULLs as distinct, so an
organization's row (member NULL) needs its own.
"""
from __future__ import annotations

import peewee as pw

from models.store.schema.ddl import Table, create

ASSESSMENT = Table("assessment", """\
CREATE TABLE "assessment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "org_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "grade" VARCHAR(255) NOT NULL,
    "remark" TEXT NOT NULL,
    "graded_on" DATE,
    "graded_by" VARCHAR(255) NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "assessment_org_id" ON "assessment" ("org_id")',
    'CREATE INDEX "assessment_member_id" ON "assessment" ("member_id")',
    'CREATE UNIQUE INDEX "assessment_year_org_id" ON "assessment" ("year", "org_id") WHERE ("member_id" IS NULL)',
    'CREATE UNIQUE INDEX "assessment_year_member_id"'
    ' ON "assessment" ("year", "member_id") WHERE ("member_id" IS NOT NULL)',
))

ASSESSMENT_SCORE = Table("assessment_score", """\
CREATE TABLE "assessment_score" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "assessment_id" INTEGER NOT NULL,
    "dimension" VARCHAR(255) NOT NULL,
    "score" REAL,
    "remark" TEXT NOT NULL,
    FOREIGN KEY ("assessment_id") REFERENCES "assessment" ("id") ON DELETE CASCADE
)""", (
    'CREATE INDEX "assessment_score_assessment_id" ON "assessment_score" ("assessment_id")',
    'CREATE UNIQUE INDEX "assessment_score_assessment_id_dimension"'
    ' ON "assessment_score" ("assessment_id", "dimension")',
))

NOMINATION = Table("nomination", """\
CREATE TABLE "nomination" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "category" VARCHAR(255) NOT NULL,
    "level" VARCHAR(255) NOT NULL,
    "org_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "state" VARCHAR(255) NOT NULL,
    "deeds" TEXT NOT NULL,
    "rank" INTEGER,
    "proposed_on" DATE,
    "proposed_by" VARCHAR(255) NOT NULL,
    "reviewed_on" DATE,
    "reviewed_by" VARCHAR(255) NOT NULL,
    "decided_on" DATE,
    "decided_by" VARCHAR(255) NOT NULL,
    "return_reason" TEXT NOT NULL,
    "notice_start" DATE,
    "notice_end" DATE,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "nomination_year" ON "nomination" ("year")',
    'CREATE INDEX "nomination_org_id" ON "nomination" ("org_id")',
    'CREATE INDEX "nomination_member_id" ON "nomination" ("member_id")',
    'CREATE UNIQUE INDEX "nomination_year_category_level_org_id"'
    ' ON "nomination" ("year", "category", "level", "org_id") WHERE ("member_id" IS NULL)',
    'CREATE UNIQUE INDEX "nomination_year_category_level_member_id"'
    ' ON "nomination" ("year", "category", "level", "member_id") WHERE ("member_id" IS NOT NULL)',
))

NOMINATION_STEP = Table("nomination_step", """\
CREATE TABLE "nomination_step" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "nomination_id" INTEGER NOT NULL,
    "action" VARCHAR(255) NOT NULL,
    "on" DATE NOT NULL,
    "by" VARCHAR(255) NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    FOREIGN KEY ("nomination_id") REFERENCES "nomination" ("id") ON DELETE CASCADE
)""", (
    'CREATE INDEX "nomination_step_nomination_id" ON "nomination_step" ("nomination_id")',
))

AWARD = Table("award", """\
CREATE TABLE "award" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "category" VARCHAR(255) NOT NULL,
    "level" VARCHAR(255) NOT NULL,
    "org_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "nomination_id" INTEGER,
    "decided_on" DATE NOT NULL,
    "issuer" VARCHAR(255) NOT NULL,
    "serial" INTEGER,
    "certificate_no" VARCHAR(255) NOT NULL,
    "created_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("nomination_id") REFERENCES "nomination" ("id") ON DELETE SET NULL
)""", (
    'CREATE INDEX "award_year" ON "award" ("year")',
    'CREATE INDEX "award_org_id" ON "award" ("org_id")',
    'CREATE INDEX "award_member_id" ON "award" ("member_id")',
    'CREATE UNIQUE INDEX "award_nomination_id" ON "award" ("nomination_id")',
    'CREATE UNIQUE INDEX "award_certificate_no" ON "award" ("certificate_no")',
))


TABLES = (ASSESSMENT, ASSESSMENT_SCORE, NOMINATION, NOMINATION_STEP, AWARD)


def upgrade(db: pw.SqliteDatabase) -> None:
    create(db, TABLES)
