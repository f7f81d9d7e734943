"""Known faults get a Chinese message and what to do; none of them loses saved data."""
import errno
import os
import sqlite3

import peewee
import pytest

from models.roster import members
from models.safety import backup, faults, opening, probe
from models.store import db as dbmod
from models.store import migrations
from models.store.tables import AuditEntry, Member
from tests.helpers import member_data


def counts():
    return Member.select().count(), AuditEntry.select().count()


def test_disk_full_rolls_back_and_says_so(db, branch):
    members.save(member_data(branch.id))
    before = counts()
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk is full from here on
    with pytest.raises(peewee.DatabaseError) as info:
        for n in range(50):
            members.save(member_data(branch.id, name=f"王{'一二三四五六七八九十'[n % 10]}", id_number="",
                                     notes="长" * 2000))
    fault = faults.classify(info.value)
    assert fault.kind == faults.DISK_FULL and "磁盘空间已满" in fault.message and fault.advice
    assert not db.in_transaction()
    after = counts()
    assert after[0] - before[0] == after[1] - before[1]  # every member kept has its audit line
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed: work goes on
    members.save(member_data(branch.id, name="李明", id_number=""))


def test_disk_full_while_backing_up_leaves_no_half_copy(db, db_path, branch, tmp_path, monkeypatch):
    def full(_path):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "usb"))

    monkeypatch.setattr(backup, "_fsync", full)
    with pytest.raises(OSError) as info:
        backup.backup_to(db_path, tmp_path / "usb" / "copy.db")
    assert faults.classify(info.value).kind == faults.DISK_FULL
    assert list((tmp_path / "usb").iterdir()) == []


def test_folder_that_cannot_exist(tmp_path):
    blocker = tmp_path / "数据"
    blocker.write_text("一个文件，不是文件夹", encoding="utf-8")
    with pytest.raises(OSError) as info:
        opening.connect(blocker / "xianfeng.db")
    fault = faults.classify(info.value)
    assert fault.kind == faults.READ_ONLY and "数据" in fault.message
    opening.connect(tmp_path / "good.db")
    try:
        with pytest.raises(OSError) as info:
            backup.backup_to(tmp_path / "good.db", blocker / "copy.db")
        assert faults.classify(info.value).kind == faults.READ_ONLY
    finally:
        dbmod.close()


def test_read_only_folder(read_only_folder):
    folder, lock = read_only_folder
    lock()
    with pytest.raises(OSError) as info:
        opening.connect(folder / "xianfeng.db")
    fault = faults.classify(info.value)
    assert fault.kind == faults.READ_ONLY and "只读" in fault.message
    assert list(folder.iterdir()) == []


def test_read_only_file_message(db):
    fault = faults.classify(sqlite3.OperationalError("attempt to write a readonly database"))
    assert fault.kind == faults.READ_ONLY and "只读" in fault.message


def test_locked_database_times_out_cleanly(db, db_path, branch):
    before = counts()
    db.execute_sql("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # e.g. a sync tool or a stray sqlite browser
    try:
        with pytest.raises(peewee.OperationalError) as info:
            members.save(member_data(branch.id))
    finally:
        other.rollback()
        other.close()
    fault = faults.classify(info.value)
    assert fault.kind == faults.LOCKED and "占用" in fault.message
    assert counts() == before
    db.execute_sql("PRAGMA busy_timeout = 5000")
    members.save(member_data(branch.id))


def test_header_overwritten_offers_restore(db_path):
    opening.connect(db_path)
    from models import demo

    demo.fill(members=20)
    good = backup.automatic(db_path, "exit", force=True)
    dbmod.close()
    with open(db_path, "r+b") as f:
        f.write(os.urandom(64))
    with pytest.raises(probe.DamagedFileError) as info:
        opening.connect(db_path)
    fault = faults.classify(info.value)
    assert fault.kind == faults.CORRUPT and fault.offer_restore and "损坏" in fault.message
    assert dbmod.current_path() is None  # the lock is not kept by a failed open
    assert backup.latest_good_backup(db_path) == good


def test_malformed_pages(db_path):
    opening.connect(db_path)
    from models import demo

    demo.fill(members=200)
    dbmod.close()
    size = db_path.stat().st_size
    with open(db_path, "r+b") as f:
        f.seek(4096 * 2)
        f.write(b"\xff" * (size - 4096 * 2))
    before = db_path.read_bytes()
    with pytest.raises(probe.DamagedFileError) as info:  # found before the first write
        opening.connect(db_path)
    fault = faults.classify(info.value)
    assert fault is not None and fault.kind == faults.CORRUPT and fault.offer_restore, info.value
    assert db_path.read_bytes() == before and dbmod.current_path() is None


def test_newer_and_foreign_files(db_path, tmp_path):
    opening.connect(db_path)
    dbmod.database.execute_sql(f"PRAGMA user_version = {migrations.LATEST + 1}")
    dbmod.close()
    with pytest.raises(migrations.NewerSchemaError) as info:
        opening.connect(db_path)
    fault = faults.classify(info.value)
    assert fault.kind == faults.NEWER and "较新版本" in fault.message and not fault.offer_restore
    assert faults.describe(info.value).startswith("这个数据库由较新版本")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(migrations.NotOursError) as info:
        opening.connect(other)
    assert faults.classify(info.value).kind == faults.NOT_OURS


def test_bugs_are_not_faults():
    assert faults.classify(RuntimeError("boom")) is None
    assert faults.classify(KeyError("x")) is None
    assert faults.classify(sqlite3.OperationalError("no such column: foo")) is None
    assert faults.describe(ZeroDivisionError()) is None


def test_wrapped_errors_are_recognised():
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as exc:
            raise RuntimeError("while saving") from exc
    except RuntimeError as exc:
        assert faults.classify(exc).kind == faults.DISK_FULL
