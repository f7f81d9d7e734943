"""Schema versions: a populated older file is walked forward without losing a row."""
import sqlite3

import peewee
import pytest

from models import demo
from models.safety import opening
from models.store import db as dbmod
from models.store import migrations
from models.store.tables import AuditEntry, Member


def make_v1(path):
    """A version-1 file: no stored stroke key on members, no audit log."""
    opening.connect(path)
    demo.fill(members=80)
    dbmod.close()
    con = sqlite3.connect(path)
    con.execute("DROP INDEX IF EXISTS member_stroke_key")
    con.execute("ALTER TABLE member DROP COLUMN stroke_key")
    con.execute("DROP TABLE audit_entry")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    counts = {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
              for t in ("organization", "member", "pledge", "pledge_item", "review", "attendance",
                        "mutual_tally", "mass_tally")}
    con.close()
    return counts


def test_v1_file_migrates_with_everything_kept(db_path):
    counts = make_v1(db_path)
    backups = []
    raw = peewee.SqliteDatabase(str(db_path), pragmas=dbmod.PRAGMAS)
    dbmod.database.initialize(raw)
    old = migrations.migrate(raw, backup=lambda v: backups.append(v))
    assert old == 1 and backups == [1]
    assert migrations.schema_version(raw) == migrations.LATEST
    for table, n in counts.items():
        assert raw.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == n
    assert Member.select().where(Member.stroke_key == "").count() == 0  # backfilled
    AuditEntry.create(action="测试", entity="x")
    assert raw.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    raw.close()


def test_newer_file_refused(db_path):
    opening.connect(db_path)
    dbmod.database.execute_sql(f"PRAGMA user_version = {migrations.LATEST + 1}")
    dbmod.close()
    with pytest.raises(migrations.NewerSchemaError) as info:
        opening.connect(db_path)
    assert "较新版本" in str(info.value)


def test_foreign_file_refused(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    with pytest.raises(migrations.NotOursError):
        opening.connect(db_path)


def test_connection_pragmas(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
