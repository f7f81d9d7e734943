"""Nominations (推荐 → 审核/排序 → 决定, 退回), awards with numbered certificates, honours,
public notice rows, and the schema step that brings these tables."""
import sqlite3

import peewee

from models import db as dbmod
from models import demo, migrations
from models.assessment_records import ASSESSMENT_MODELS, Assessment, Award, Nomination

NEW_TABLES = ("assessment", "assessment_score", "nomination", "nomination_step", "award")


# ------------------------------------------------------------------ schema step 3

def make_v2(path):
    """A populated version-2 file: everything but the assessment tables."""
    dbmod.connect(path)
    demo.fill(members=60)
    dbmod.close()
    con = sqlite3.connect(path)
    for table in NEW_TABLES:
        con.execute(f'DROP TABLE "{table}"')
    con.execute("PRAGMA user_version = 2")
    con.commit()
    members = con.execute("SELECT COUNT(*) FROM member").fetchone()[0]
    con.close()
    return members


def test_fresh_file_has_the_assessment_tables(db):
    tables = set(db.get_tables())
    assert set(NEW_TABLES) <= tables
    assert migrations.schema_version(db) == migrations.LATEST >= 3
    assert {m._meta.table_name for m in ASSESSMENT_MODELS} == set(NEW_TABLES)


def test_v2_file_gets_the_tables_and_keeps_its_rows(db_path):
    members = make_v2(db_path)
    raw = peewee.SqliteDatabase(str(db_path), pragmas=dbmod.PRAGMAS)
    dbmod.database.initialize(raw)
    backups = []
    assert migrations.migrate(raw, backup=backups.append) == 2 and backups == [2]
    assert migrations.schema_version(raw) == migrations.LATEST
    assert set(NEW_TABLES) <= set(raw.get_tables())
    assert raw.execute_sql("SELECT COUNT(*) FROM member").fetchone()[0] == members
    # the partial unique indexes came along: one assessment per organization and year
    Assessment.create(year=2026, org=2)
    try:
        Assessment.create(year=2026, org=2)
        raise AssertionError("duplicate organization assessment accepted")
    except peewee.IntegrityError:
        pass
    Assessment.create(year=2026, org=2, member=1)  # a member's row is another subject
    assert Nomination.select().count() == 0 and Award.select().count() == 0
    raw.close()
