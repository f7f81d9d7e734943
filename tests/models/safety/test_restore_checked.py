"""Restore that scales: a backup already checked in full is taken in by its CRC-32, the current
file is kept by a second name instead of a copy, and a backup copied with its sync beside its
check still fails when the sync fails."""
import errno
import os
import sqlite3

import pytest

from models import demo
from models.roster import members
from models.safety import backup, checked, opening, restore
from models.safety.restore import restore_backup
from models.store import db as dbmod
from models.store.tables import Member
from tests.helpers import count_rows, member_data


@pytest.fixture
def full_checks(monkeypatch):
    """Every `verify` call, with whether it was the full integrity_check."""
    calls = []
    real = backup.verify

    def spy(path, expected_version=None, *, full=False):
        calls.append(full)
        return real(path, expected_version, full=full)

    monkeypatch.setattr(backup, "verify", spy)
    return calls


def test_a_backup_checked_in_full_is_restored_without_a_second_full_check(demo_db, db_path, tmp_path, full_checks):
    copy = backup.backup_to(db_path, tmp_path / "usb" / "copy.db")
    assert checked.full_check(copy) == [] and checked.checked_crc(copy) is not None
    members.save(member_data(org_id=1))
    full_checks.clear()
    result = restore_backup(copy, db_path)
    assert True not in full_checks  # the CRC stood for it
    assert Member.select().count() == 60 and result.info.members == 60
    assert count_rows(result.safety_backup) == 61  # the replaced file, kept


def test_a_checked_backup_changed_since_gets_the_full_check_and_is_refused(demo_db, db_path, tmp_path, full_checks):
    copy = backup.backup_to(db_path, tmp_path / "copy.db")
    assert checked.full_check(copy) == []
    stamp = copy.stat()
    con = sqlite3.connect(copy)  # a page of an index nothing but a check reads
    page, size = con.execute("SELECT pageno, (SELECT page_size FROM pragma_page_size) FROM dbstat "
                             "WHERE name = 'exchange_record_uuid' AND pagetype = 'leaf' LIMIT 1").fetchone()
    con.close()
    data = bytearray(copy.read_bytes())
    start = (page - 1) * size
    data[start + 200:start + size - 100] = b"\xff" * (size - 300)  # bit rot inside that page
    copy.write_bytes(bytes(data))
    os.utime(copy, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same time
    assert checked.checked_crc(copy) is not None  # the record alone cannot tell
    before = db_path.stat().st_ino, Member.select().count()
    with pytest.raises(backup.BackupError, match="已损坏，不能用它恢复"):
        restore_backup(copy, db_path)
    assert True in full_checks
    assert (db_path.stat().st_ino, Member.select().count()) == before


def test_the_replaced_file_is_kept_by_a_second_name(demo_db, db_path, tmp_path):
    copy = backup.backup_to(db_path, tmp_path / "copy.db")
    members.save(member_data(org_id=1))
    old_inode = db_path.stat().st_ino
    result = restore_backup(copy, db_path)
    kept = result.safety_backup
    assert kept is not None and kept.parent == backup.backups_dir() and "-before-restore" in kept.name
    assert kept.stat().st_ino == old_inode and kept.stat().st_nlink == 1  # the very file, now only there
    assert count_rows(kept) == 61 and Member.select().count() == 60
    assert oct(kept.stat().st_mode & 0o777) == "0o600"


def test_without_hard_links_the_replaced_file_is_copied_and_checked(demo_db, db_path, tmp_path, monkeypatch,
                                                                     full_checks):
    copy = backup.backup_to(db_path, tmp_path / "copy.db")
    members.save(member_data(org_id=1))

    def no_links(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(backup.os, "link", no_links)
    old_inode = db_path.stat().st_ino
    full_checks.clear()
    result = restore.restore_backup(copy, db_path)
    kept = result.safety_backup
    assert kept is not None and kept.stat().st_ino != old_inode and count_rows(kept) == 61
    assert len(full_checks) >= 2  # the copy of the replaced file was checked too


def test_a_failed_sync_fails_the_backup_and_leaves_no_file(demo_db, db_path, tmp_path, monkeypatch):
    def failing_sync(path):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup, "_fsync", failing_sync)
    with pytest.raises(OSError, match="Input/output error"):
        backup.backup_to(db_path, tmp_path / "usb" / "copy.db")
    assert not [p for p in (tmp_path / "usb").iterdir()]


def test_a_restore_over_a_closed_file_keeps_it_by_link_too(db_path, tmp_path):
    opening.connect(db_path)
    demo.fill(members=20)
    copy = backup.backup_to(db_path, tmp_path / "copy.db")
    members.save(member_data(org_id=1))
    dbmod.close()
    inode = db_path.stat().st_ino
    result = restore_backup(copy, db_path)
    assert result.safety_backup is not None and result.safety_backup.stat().st_ino == inode
    assert Member.select().count() == 20
    dbmod.close()
