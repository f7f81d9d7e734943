"""Version 1: the tables the first 先锋台账 wrote: roster, pledges, quarterly reviews, settings.

The program never creates this any more (a new file gets today's models, which are LATEST);
it is the start every step is tested from, so it stays as it was.
"""
from __future__ import annotations

import peewee as pw

from models.store.schema.ddl import Table
from models.store.schema.ddl import create as _create

ORGANIZATION = Table("organization", """\
CREATE TABLE "organization" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "short_name" VARCHAR(255) NOT NULL,
    "level" VARCHAR(255) NOT NULL,
    "parent_id" INTEGER,
    "category" VARCHAR(255) NOT NULL,
    "strive_theme" TEXT NOT NULL,
    "carriers" TEXT NOT NULL,
    "secretary" VARCHAR(255) NOT NULL,
    "supervision_phone" VARCHAR(255) NOT NULL,
    "address" VARCHAR(255) NOT NULL,
    "is_demo_point" INTEGER NOT NULL,
    "is_contact_point" INTEGER NOT NULL,
    "contact_leader" VARCHAR(255) NOT NULL,
    "notes" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("parent_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
)""", (
    'CREATE UNIQUE INDEX "organization_name" ON "organization" ("name")',
    'CREATE INDEX "organization_parent_id" ON "organization" ("parent_id")',
))

MEMBER = Table("member", """\
CREATE TABLE "member" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "org_id" INTEGER NOT NULL,
    "name" VARCHAR(255) NOT NULL,
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
    'CREATE UNIQUE INDEX "member_id_number" ON "member" ("id_number")',
))

MEMBER_EVENT = Table("member_event", """\
CREATE TABLE "member_event" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "kind" VARCHAR(255) NOT NULL,
    "date" DATE NOT NULL,
    "detail" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE
)""", (
    'CREATE INDEX "member_event_member_id" ON "member_event" ("member_id")',
))

PLEDGE = Table("pledge", """\
CREATE TABLE "pledge" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "org_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "year" INTEGER NOT NULL,
    "state" VARCHAR(255) NOT NULL,
    "return_reason" TEXT NOT NULL,
    "approved_on" DATE,
    "notice_start" DATE,
    "notice_end" DATE,
    "evaluation" VARCHAR(255) NOT NULL,
    "evaluation_note" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "pledge_org_id" ON "pledge" ("org_id")',
    'CREATE INDEX "pledge_member_id" ON "pledge" ("member_id")',
    'CREATE UNIQUE INDEX "pledge_org_id_member_id_year" ON "pledge" ("org_id", "member_id", "year")',
))

PLEDGE_ITEM = Table("pledge_item", """\
CREATE TABLE "pledge_item" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "pledge_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "standard" VARCHAR(255) NOT NULL,
    "deadline" DATE,
    "state" VARCHAR(255) NOT NULL,
    "reason" TEXT NOT NULL,
    "progress" TEXT NOT NULL,
    FOREIGN KEY ("pledge_id") REFERENCES "pledge" ("id") ON DELETE CASCADE
)""", (
    'CREATE INDEX "pledge_item_pledge_id" ON "pledge_item" ("pledge_id")',
    'CREATE UNIQUE INDEX "pledge_item_pledge_id_seq" ON "pledge_item" ("pledge_id", "seq")',
))

REVIEW = Table("review", """\
CREATE TABLE "review" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "place" VARCHAR(255) NOT NULL,
    "host" VARCHAR(255) NOT NULL,
    "recorder" VARCHAR(255) NOT NULL,
    "expected" INTEGER NOT NULL,
    "observers" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "leader_name" VARCHAR(255) NOT NULL,
    "leader_comment" TEXT NOT NULL,
    "mutual_voters" INTEGER NOT NULL,
    "mass_party_voters" INTEGER NOT NULL,
    "mass_public_voters" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("org_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "review_org_id" ON "review" ("org_id")',
    'CREATE UNIQUE INDEX "review_org_id_year_quarter" ON "review" ("org_id", "year", "quarter")',
))

ATTENDANCE = Table("attendance", """\
CREATE TABLE "attendance" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "review_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "state" VARCHAR(255) NOT NULL,
    "reason" VARCHAR(255) NOT NULL,
    FOREIGN KEY ("review_id") REFERENCES "review" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "attendance_review_id" ON "attendance" ("review_id")',
    'CREATE INDEX "attendance_member_id" ON "attendance" ("member_id")',
    'CREATE UNIQUE INDEX "attendance_review_id_member_id" ON "attendance" ("review_id", "member_id")',
))

MUTUAL_TALLY = Table("mutual_tally", """\
CREATE TABLE "mutual_tally" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "review_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "excellent" INTEGER NOT NULL,
    "qualified" INTEGER NOT NULL,
    "basic" INTEGER NOT NULL,
    "unqualified" INTEGER NOT NULL,
    FOREIGN KEY ("review_id") REFERENCES "review" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "mutual_tally_review_id" ON "mutual_tally" ("review_id")',
    'CREATE INDEX "mutual_tally_member_id" ON "mutual_tally" ("member_id")',
    'CREATE UNIQUE INDEX "mutual_tally_review_id_member_id" ON "mutual_tally" ("review_id", "member_id")',
))

MASS_TALLY = Table("mass_tally", """\
CREATE TABLE "mass_tally" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "review_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "item" INTEGER NOT NULL,
    "group" VARCHAR(255) NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "fairly" INTEGER NOT NULL,
    "basic" INTEGER NOT NULL,
    "unsatisfied" INTEGER NOT NULL,
    FOREIGN KEY ("review_id") REFERENCES "review" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
)""", (
    'CREATE INDEX "mass_tally_review_id" ON "mass_tally" ("review_id")',
    'CREATE INDEX "mass_tally_member_id" ON "mass_tally" ("member_id")',
    'CREATE UNIQUE INDEX "mass_tally_review_id_member_id_item_group"'
    ' ON "mass_tally" ("review_id", "member_id", "item", "group")',
))

SETTING = Table("setting", """\
CREATE TABLE "setting" (
    "key" VARCHAR(255) NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
)""")

TABLES = (ORGANIZATION, MEMBER, MEMBER_EVENT, PLEDGE, PLEDGE_ITEM, REVIEW, ATTENDANCE, MUTUAL_TALLY, MASS_TALLY,
          SETTING)


def create(db: pw.SqliteDatabase) -> None:
    """An empty version-1 file, for the tests that walk it forward."""
    _create(db, TABLES)
