"""Schema versions: every older file, populated, is walked forward to exactly what a new file is,
without losing a row; a failed upgrade changes nothing."""
from __future__ import annotations

import ast
import datetime as dt
import sqlite3
from pathlib import Path

import peewee
import pytest

from models.names import stroke_sort_key
from models.safety import opening
from models.safety.restore import restore_backup
from models.store import db as dbmod
from models.store import migrations
from models.store.schema import v1
from tests.models.store.old_files import (
    OLD_VERSIONS,
    build,
    describe,
    fresh,
    make_v1,
    number,
    populate,
    stored,
)

SCHEMA_DIR = Path(migrations.__file__).parent / "schema"


# --- the schema an upgrade ends with ----------------------------------------------------------

@pytest.mark.parametrize("version", range(1, migrations.LATEST))
def test_upgraded_file_has_exactly_the_new_files_schema(tmp_path, version):
    """Fails when a model changes without a step, or a step makes something else than the models."""
    fresh(tmp_path / "new.db")
    build(tmp_path / "old.db", version)
    db = peewee.SqliteDatabase(str(tmp_path / "old.db"))
    assert migrations.migrate(db) == version
    db.close()
    assert describe(tmp_path / "old.db") == describe(tmp_path / "new.db")


def test_frozen_steps_use_no_models():
    """A step that imported today's models would change with them: only SQL text and helpers."""
    allowed = {"__future__", "peewee", "dataclasses", "collections.abc", "models.store.schema",
               "models.store.schema.ddl", "models.names"}
    for path in sorted(SCHEMA_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module in allowed, f"{path.name} imports {node.module}"
            elif isinstance(node, ast.Import):
                assert all(a.name in allowed for a in node.names), path.name


def test_steps_are_one_per_version():
    assert sorted(migrations.STEPS) == list(range(2, migrations.LATEST + 1))


# --- populated files of every older version ---------------------------------------------------

def _check_rows_kept(conn, rows: dict[str, list[dict]]) -> None:
    for table, table_rows in rows.items():
        names = list(table_rows[0])
        assert stored(conn, table, names) == [tuple(r[c] for c in names) for r in table_rows], table


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_populated_old_file_upgrades_with_everything_kept(db_path, version):
    rows = populate(db_path, version)
    conn = opening.connect(db_path)  # as the program opens it: backup first, then the steps
    try:
        assert migrations.schema_version(conn) == migrations.LATEST
        _check_rows_kept(conn, {t: [{k: v for k, v in r.items() if k != "stroke_key"} for r in rs]
                                for t, rs in rows.items()})
        keys = conn.execute_sql('SELECT "name", "stroke_key" FROM "member"').fetchall()
        assert keys and all(key == stroke_sort_key(name) != "" for name, key in keys)  # filled (v2)
        assert conn.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1  # back on after the steps
        _services_read_it(number(version))
    finally:
        dbmod.close()
    from models.safety import backup

    kept = [p for p in backup.list_backups(db_path) if p.name.endswith(f"-v{number(version)}.db")]
    assert len(kept) == 1 and backup.inspect_backup(kept[0]).schema_version == number(version)


def _services_read_it(version: int, restored: bool = False) -> None:
    """The program's own reading of the upgraded rows, and a write to each new table."""
    from models.campaign import ledger
    from models.roster import members, organizations
    from models.store import audit
    from models.store.tables import Member

    listed = members.list_rows()
    assert {r[0] for r in listed} == ({1, 2, 3, 4} if version >= 4 else {1, 2, 3})
    assert [(n.id, n.parent_id) for n in organizations.tree()] == [(1, None), (2, 1)]
    assert members.events(3)[0][1:] == ("转入", "从西风村转入")

    led = ledger.for_org(2, 2023, as_of=dt.date(2023, 12, 31))
    first = next(m for m in led.members if m.member_id == 1)
    assert first.pledge.items == 2 and first.pledge.fulfilled == 1 and len(first.pledge.unfulfilled) == 1
    assert first.mutual.counts == (5, 2, 0, 0)
    assert first.attendance.present == 1
    quarter = led.quarters[0]
    assert (quarter.review_id, quarter.present, quarter.leave) == (1, 2, 1)
    assert led.org_pledge.items == 1
    assert [m.stroke_key for m in led.members] == sorted(m.stroke_key for m in led.members)

    audit.record("测试", "升级", None, "升级后可写")
    actions = [r[2] for r in audit.recent()]
    assert actions == ["测试", *(["恢复"] if restored else []), *(["新增"] if version >= 2 else [])]

    from models.assessment import scoring
    from models.commendation import nominations

    entries = scoring.entries(2023, [2])
    if version >= 3:
        assert entries[("org", 2)].grade == "优秀" and entries[("org", 2)].scores == {"领导班子好": (9.5, "团结")}
        assert entries[("member", 1)].scores == {"带头学习提高": (None, "待评")}
        assert [h.certificate_no for h in nominations.honours(member_id=1)] == ["先锋〔2024〕1号"]
        assert [s[0] for s in nominations.steps(1)] == ["推荐", "决定"]
    else:
        assert entries == {} and nominations.honours(member_id=1) == []

    from models.exchange import roster_write

    batch = roster_write.last_batch()
    if version >= 4:
        assert batch.id == 1 and batch.source == "名册.xlsx"
        roster_write.undo()
        assert Member.get_or_none(Member.id == 4) is None
    else:
        assert batch is None


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_restoring_an_old_backup_upgrades_it(db_path, tmp_path, version):

    old = tmp_path / f"v{version}.db"
    rows = populate(old, version)
    fresh(tmp_path / "new.db")
    opening.connect(db_path)
    try:
        result = restore_backup(old, db_path)
        assert result.migrated_from == number(version)
        conn = dbmod.database.obj
        assert migrations.schema_version(conn) == migrations.LATEST
        _check_rows_kept(conn, {t: [{k: v for k, v in r.items() if k != "stroke_key"} for r in rs]
                                for t, rs in rows.items() if t != "audit_entry"})
        assert conn.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        _services_read_it(number(version), restored=True)
    finally:
        dbmod.close()
    if version != "2-altered":
        assert describe(db_path) == describe(tmp_path / "new.db")
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == number(version)  # untouched


# --- the upgrade as one transaction -----------------------------------------------------------

def _raw(path: Path) -> peewee.SqliteDatabase:
    return peewee.SqliteDatabase(str(path), pragmas=dbmod.PRAGMAS)


def test_backup_runs_once_before_the_first_step(db_path, monkeypatch):
    populate(db_path, 1)
    seen = []
    real = migrations.STEPS[2]
    monkeypatch.setitem(migrations.STEPS, 2, lambda db: (seen.append("step 2"), real(db)))
    db = _raw(db_path)
    assert migrations.migrate(db, backup=lambda v: seen.append(f"backup v{v}")) == 1
    assert seen == ["backup v1", "step 2"]
    assert migrations.migrate(db, backup=lambda v: seen.append("again")) == migrations.LATEST
    db.close()
    assert seen == ["backup v1", "step 2"]  # nothing to do, nothing to keep


def _unchanged_v1(path: Path, rows: dict[str, list[dict]]) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {
            t.name for t in v1.TABLES}
        assert "stroke_key" not in [r[1] for r in con.execute("PRAGMA table_info(member)")]
    finally:
        con.close()
    _check_rows_kept(_raw(path), rows)


def test_broken_links_roll_the_whole_upgrade_back(db_path):
    rows = populate(db_path, 1)
    con = sqlite3.connect(db_path)  # foreign keys off: a link the old program let slip
    with con:
        con.execute("UPDATE attendance SET member_id = 99 WHERE id = 3")
    con.close()
    rows["attendance"][2]["member_id"] = 99
    db = _raw(db_path)
    with pytest.raises(migrations.MigrationError, match="关联错误"):
        migrations.migrate(db)
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()
    _unchanged_v1(db_path, rows)


def test_a_failing_step_rolls_back_the_earlier_ones(db_path, monkeypatch):
    rows = populate(db_path, 1)

    def broken(db):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrations.STEPS, migrations.LATEST, broken)
    db = _raw(db_path)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        migrations.migrate(db)
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()
    _unchanged_v1(db_path, rows)


# --- new, newer and foreign files --------------------------------------------------------------

def test_new_file_gets_latest_without_a_backup(tmp_path):
    seen = []
    db = _raw(tmp_path / "new.db")
    assert migrations.migrate(db, backup=seen.append) == 0
    assert migrations.schema_version(db) == migrations.LATEST and seen == []
    assert {"member", "audit_entry", "award", "import_batch"} <= set(db.get_tables())
    db.close()


def test_large_v1_file_migrates_with_everything_kept(db_path):
    from models.store.tables import AuditEntry, Member

    counts = make_v1(db_path)
    assert counts["member"] == 80 and counts["pledge_item"] > 0 and counts["mass_tally"] > 0
    conn = opening.connect(db_path)
    try:
        for table, n in counts.items():
            assert conn.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == n
        assert Member.select().where(Member.stroke_key == "").count() == 0  # backfilled
        AuditEntry.create(action="测试", entity="x")
        assert conn.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        dbmod.close()


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
    with pytest.raises(migrations.NotOursError, match="是别的程序的数据库文件，不是先锋台账的数据，程序"):
        opening.connect(db_path)


def test_connection_pragmas(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
