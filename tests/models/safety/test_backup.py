"""Backups: verified copies, automatic rotation, inspection, and restore without loss."""
import datetime as dt
import os
import sqlite3
import stat

import pytest

from models import demo
from models.roster import members
from models.safety import backup, opening
from models.safety.restore import restore_backup
from models.store import db as dbmod
from models.store import migrations, paths
from models.store.tables import AuditEntry, Member, Organization
from tests.helpers import member_data


def count(table, path):
    con = sqlite3.connect(path)
    try:
        return con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


def test_backup_holds_uncheckpointed_writes(demo_db, db_path, tmp_path):
    # The rows live in the -wal while the database is open: a file copy would miss them.
    assert os.path.exists(str(db_path) + "-wal")
    dest = backup.backup_to(db_path, tmp_path / "usb" / "copy.db")
    assert count("member", dest) == 60
    assert not os.path.exists(str(dest) + "-wal")  # one self-contained file
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    con.close()
    assert not [p for p in dest.parent.iterdir() if p.name.endswith(".tmp")]


def test_inspect_reports_contents(demo_db, db_path, tmp_path):
    dest = backup.backup_to(db_path, tmp_path / "copy.db")
    info = backup.inspect_backup(dest)
    assert info.schema_version == migrations.LATEST and not info.newer
    assert info.organizations == Organization.select().count() and info.members == 60
    assert info.last_change is not None and abs(info.last_change - dt.datetime.now()) < dt.timedelta(minutes=5)
    assert "党员 60 名" in info.describe()


def test_inspect_refuses_foreign_files(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("会议记录", encoding="utf-8")
    with pytest.raises(migrations.NotOursError, match="不是先锋台账"):
        backup.inspect_backup(text)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (x)")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    with pytest.raises(migrations.NotOursError, match="不是先锋台账的数据"):
        backup.inspect_backup(other)
    with pytest.raises(backup.BackupError, match="找不到"):
        backup.inspect_backup(tmp_path / "missing.db")


def test_automatic_skips_unchanged_and_rotates(db, db_path, branch, monkeypatch):
    first = backup.automatic(db_path, "start")
    assert first is not None and first.parent == paths.data_dir() / "backups"
    assert backup.automatic(db_path, "start") is None  # nothing changed since
    members.save(member_data(branch.id))
    assert backup.automatic(db_path, "exit") is not None
    # Twelve months of copies, three per month: keep the last ten and one per month.
    stamps = iter(dt.datetime(2025, m, d, 9, 0) for m in range(1, 13) for d in (1, 10, 20))

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return next(stamps)

    monkeypatch.setattr(backup.dt, "datetime", Clock)
    for _ in range(36):
        backup.automatic(db_path, "exit", force=True)
    names = [p.name for p in backup.list_backups(db_path)]
    months = {n.split("-")[2][:6] for n in names}
    # The ten newest (Dec, Nov, Oct, part of Sep), the newest of Jan–Aug, and of this month:
    # today's two copies sort as oldest, by their sequence number, whatever the clock said.
    assert len(names) == 10 + 8 + 1
    assert len(months) == 13
    assert names == sorted(names, reverse=True)
    assert names[-1].startswith("test-00002-")


def test_backup_files_are_private(db, db_path, branch, tmp_path):
    if os.name != "posix":
        pytest.skip("owner-only permissions are a POSIX notion")
    folder_copy = backup.automatic(db_path, "start")
    manual = backup.backup_to(db_path, tmp_path / "manual.db")
    for path in (db_path, folder_copy, manual, db_path.with_name(db_path.name + ".lock")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder_copy.parent.stat().st_mode) == 0o700
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0, side


def test_restore_replaces_and_keeps_the_current(demo_db, db_path, tmp_path):
    saved = backup.backup_to(db_path, tmp_path / "before.db")
    org = Organization.select().where(Organization.level == "党支部").first()
    members.save(member_data(org.id, name="后来者"))
    assert Member.select().count() == 61
    result = restore_backup(saved, db_path)
    assert Member.select().count() == 60  # models are bound to the restored file
    assert result.info.members == 60 and result.migrated_from is None
    assert count("member", result.safety_backup) == 61  # the replaced state is kept
    assert AuditEntry.select().where(AuditEntry.action == "恢复").count() == 1
    assert dbmod.current_path() == db_path
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert dbmod.database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    members.save(member_data(org.id, name="恢复后"))  # writable again


def test_restore_upgrades_an_older_backup(db_path, tmp_path):
    from tests.models.store.old_files import make_v1

    old = tmp_path / "v1.db"
    counts = make_v1(old)
    assert backup.inspect_backup(old).schema_version == 1
    opening.connect(db_path)
    try:
        result = restore_backup(old, db_path)
        assert result.migrated_from == 1
        assert migrations.schema_version(dbmod.database.obj) == migrations.LATEST
        assert Member.select().count() == counts["member"]
        assert Member.select().where(Member.stroke_key == "").count() == 0
        assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1  # untouched
    finally:
        dbmod.close()


def test_restore_refuses_newer_and_foreign_and_damaged(demo_db, db_path, tmp_path):
    newer = backup.backup_to(db_path, tmp_path / "newer.db")
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    con.commit()
    con.close()
    before = Member.select().count()
    with pytest.raises(migrations.NewerSchemaError, match="较新版本"):
        restore_backup(newer, db_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"PK\x03\x04 not a database" * 100)
    with pytest.raises(migrations.NotOursError, match="“junk"):
        restore_backup(junk, db_path)
    damaged = backup.backup_to(db_path, tmp_path / "damaged.db")
    size = damaged.stat().st_size
    with open(damaged, "r+b") as f:  # keep the header, wreck the pages after it
        f.seek(4096)
        f.write(os.urandom(size - 4096))
    with pytest.raises(backup.BackupError, match="备份文件“damaged"):
        restore_backup(damaged, db_path)
    assert Member.select().count() == before  # nothing replaced, still open and writable
    assert dbmod.current_path() == db_path
    with pytest.raises(backup.BackupError, match="就是当前数据库"):
        restore_backup(db_path, db_path)


def test_restore_over_a_damaged_database(db_path, tmp_path):
    opening.connect(db_path)
    demo.fill(members=30)
    good = backup.automatic(db_path, "exit", force=True)
    dbmod.close()
    with open(db_path, "r+b") as f:
        f.write(b"\x00" * 100)  # the header is gone: "file is not a database"
    with pytest.raises(Exception) as info:
        opening.connect(db_path)
    from models.safety import faults

    fault = faults.classify(info.value)
    assert fault is not None and fault.kind == faults.CORRUPT and fault.offer_restore
    assert backup.latest_good_backup(db_path) == good
    result = restore_backup(good, db_path)
    try:
        assert Member.select().count() == 30
        assert "damaged" in result.safety_backup.name  # the wrecked bytes are kept as they were
        assert result.safety_backup.read_bytes()[:100] == b"\x00" * 100
    finally:
        dbmod.close()


def test_latest_good_backup_skips_bad_copies(db, db_path, branch):
    good = backup.automatic(db_path, "start", force=True)
    bad = backup.automatic(db_path, "exit", force=True)
    bad.write_bytes(b"garbage")
    assert backup.latest_good_backup(db_path) == good


def test_start_backup_comes_before_migration(db_path):
    from tests.models.store.old_files import make_v1

    make_v1(db_path)
    opening.connect(db_path, backup_on_start=True)
    dbmod.close()
    names = [p.name for p in backup.list_backups(db_path)]
    assert len(names) == 2 and names[0].endswith("-v1.db") and names[1].endswith("-start.db")
    for path in backup.list_backups(db_path):
        assert backup.inspect_backup(path).schema_version == 1  # both copies are of the old file


def test_at_exit_closes_then_keeps_a_copy(db, db_path, branch):
    copy = backup.at_exit(db_path)
    assert dbmod.current_path() is None
    assert copy is not None and count("organization", copy) == 2
    assert not os.path.exists(str(db_path) + "-wal")  # checkpointed on close


def _start_copy(db_path):
    opening.connect(db_path, backup_on_start=True)
    dbmod.close()
    return backup.list_backups(db_path)[0]


def test_start_copy_of_a_closed_file_stands_alone(demo_db, db_path):
    dbmod.close()  # the WAL folded in and gone: the copy at start is the file's own bytes
    assert not os.path.exists(str(db_path) + "-wal")
    dest = _start_copy(db_path)
    assert count("member", dest) == 60
    assert not os.path.exists(str(dest) + "-wal") and not os.path.exists(str(dest) + "-shm")
    con = sqlite3.connect(f"{dest.as_uri()}?mode=ro", uri=True)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    con.close()


def test_start_copy_after_a_crash_holds_the_wal(demo_db, db_path, tmp_path):
    # A writer killed with saves in its WAL: those saves live only beside the file, so the
    # copy at the next start must be SQLite's, not the file's bytes.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("UPDATE member SET name = '张三丰' WHERE id = 1")
    con.commit()
    for suffix in ("", "-wal"):
        (crashed / f"town.db{suffix}").write_bytes(open(f"{db_path}{suffix}", "rb").read())
    con.close()
    dbmod.close()
    dest = _start_copy(crashed / "town.db")
    con = sqlite3.connect(dest)
    assert con.execute("SELECT name FROM member WHERE id = 1").fetchone()[0] == "张三丰"
    assert con.execute("SELECT COUNT(*) FROM member").fetchone()[0] == 60
    con.close()
