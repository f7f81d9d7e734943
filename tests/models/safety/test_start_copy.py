"""The window's start copy, made beside the open window, and what it guarantees: the copy holds
the file as it was at start, no write lands before the file's check has passed, a damaged file
gets no write at all, and the newest backup is checked in full for a fast restore."""
import errno
import shutil
import sqlite3
import threading

import pytest

from models import demo
from models.roster import members
from models.safety import backup, checked, opening, start_copy
from models.safety.probe import DamagedFileError
from models.store import db as dbmod
from models.store.tables import Member
from tests.helpers import count_rows, member_data


@pytest.fixture
def changed_file(db_path):
    """A database changed since its last copy (here: never copied), closed cleanly."""
    opening.connect(db_path)
    demo.fill(members=40)
    dbmod.close()
    return db_path


@pytest.fixture
def check_at_once(monkeypatch):
    """No wait before the background full check (the window waits CHECK_AFTER seconds)."""
    monkeypatch.setattr(start_copy, "CHECK_AFTER", 0.0)


@pytest.fixture
def held_copy(monkeypatch):
    """The start copy waits inside its file copy until the test lets it go."""
    entered, release = threading.Event(), threading.Event()
    real = shutil.copyfile

    def slow_copy(src, dst, *args, **kwargs):
        entered.set()
        assert release.wait(30)
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(backup.shutil, "copyfile", slow_copy)
    return entered, release


def test_connect_returns_before_the_copy_and_the_first_write_waits_for_it(changed_file, held_copy):
    entered, release = held_copy
    opening.connect(changed_file, backup_on_start=True)
    assert entered.wait(30)  # the copy is under way, the database is already open
    assert Member.select().count() == 40  # reading needs no wait
    org_id = Member.select().first().org_id
    saved = threading.Event()

    def save():
        members.save(member_data(org_id=org_id))
        saved.set()

    writer = threading.Thread(target=save)
    writer.start()
    assert not saved.wait(0.5)  # held at the gate while the copy runs
    release.set()
    writer.join(30)
    assert saved.is_set()
    dbmod.close()
    copies = backup.list_backups(changed_file)
    assert len(copies) == 1 and "-start.db" in copies[0].name
    assert count_rows(copies[0]) == 40  # the file as it was when the window opened
    assert count_rows(changed_file) == 41


def test_the_snapshot_keeps_every_page_of_the_file_still_during_the_copy(changed_file, held_copy):
    """Even a write past the gate could not change the bytes being copied: while the copy's
    snapshot is held, SQLite checkpoints nothing into the database file."""
    entered, release = held_copy
    opening.connect(changed_file, backup_on_start=True)
    assert entered.wait(30)
    before = changed_file.read_bytes()
    raw = sqlite3.connect(changed_file, timeout=5)  # a write that does not go through peewee
    raw.execute("UPDATE member SET name = '张三' WHERE id = 1")
    raw.commit()
    raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
    raw.close()
    assert changed_file.read_bytes() == before
    release.set()
    start_copy.current().copied.wait(30)
    dbmod.close()
    copy = backup.list_backups(changed_file)[0]
    con = sqlite3.connect(copy)
    assert con.execute("SELECT COUNT(*) FROM member WHERE name = '张三'").fetchone()[0] == 0
    con.close()


def test_a_damaged_file_gets_no_write_and_no_copy(changed_file):
    data = bytearray(changed_file.read_bytes())
    middle = (len(data) // 2) // 4096 * 4096
    data[middle:middle + 8192] = bytes(range(256)) * 32
    changed_file.write_bytes(bytes(data))
    before = changed_file.read_bytes()
    opening.connect(changed_file, backup_on_start=True)
    with pytest.raises(DamagedFileError, match="有损坏的部分"):
        members.save(member_data(org_id=1))
    with pytest.raises(DamagedFileError, match="有损坏的部分"):  # and again: the gate stays shut
        dbmod.database.execute_sql("DELETE FROM audit_entry")
    dbmod.close()
    assert changed_file.read_bytes() == before
    assert backup.list_backups(changed_file) == []


def test_a_copy_that_fails_for_the_disk_is_reported_but_blocks_no_work(changed_file, monkeypatch):
    def full_disk(src, dst, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.shutil, "copyfile", full_disk)
    opening.connect(changed_file, backup_on_start=True)
    members.save(member_data(org_id=1))  # the file itself is sound: work goes on
    pending = start_copy.current()
    assert isinstance(pending.error, OSError) and pending.error.errno == errno.ENOSPC
    dbmod.close()
    assert count_rows(changed_file) == 41
    assert backup.list_backups(changed_file) == []
    assert not [p for p in backup.backups_dir().iterdir() if p.name.endswith(".tmp")]


def test_the_copy_is_checked_in_full_afterwards_and_an_unchanged_start_copies_nothing(changed_file, check_at_once):
    opening.connect(changed_file, backup_on_start=True)
    pending = start_copy.current()
    assert pending.checked.wait(60)
    copy = backup.list_backups(changed_file)[0]
    assert checked.checked_crc(copy) == checked.crc_of(copy)
    dbmod.close()
    opening.connect(changed_file, backup_on_start=True)  # unchanged: no copy, nothing to check
    assert start_copy.current() is None and backup.list_backups(changed_file) == [copy]
    dbmod.close()


def test_the_newest_exit_copy_is_checked_at_the_next_start(changed_file, check_at_once):
    opening.connect(changed_file)
    exit_copy = backup.at_exit(changed_file)
    assert exit_copy is not None and checked.checked_crc(exit_copy) is None
    opening.connect(changed_file, backup_on_start=True)
    pending = start_copy.current()
    assert pending is not None and pending.plan is None  # nothing to copy, one to check
    assert pending.checked.wait(60)
    assert checked.checked_crc(exit_copy) is not None
    members.save(member_data(org_id=1))  # no gate without a copy
    dbmod.close()


def test_closing_interrupts_the_full_check_and_records_nothing(changed_file, monkeypatch, check_at_once):
    started = threading.Event()
    real = checked.full_check

    def slow_check(path, holder=None):
        con = checked.open_reader(path)
        holder.append(con)
        started.set()
        try:  # a query that only an interrupt ends
            con.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                        "SELECT COUNT(*) FROM n").fetchone()
        except sqlite3.OperationalError as exc:
            holder.remove(con)
            con.close()
            raise checked.Interrupted() from exc
        return real(path, holder)

    monkeypatch.setattr(start_copy.checked, "full_check", slow_check)
    opening.connect(changed_file, backup_on_start=True)
    pending = start_copy.current()
    assert started.wait(30)
    dbmod.close()  # returns: the check is interrupted
    assert pending.checked.is_set()
    assert checked.checked_crc(backup.list_backups(changed_file)[0]) is None


def test_the_full_check_waits_for_the_window_and_closing_ends_the_wait(changed_file):
    opening.connect(changed_file, backup_on_start=True)
    pending = start_copy.current()
    assert pending.copied.wait(30)
    assert not pending.checked.wait(0.5)  # still waiting CHECK_AFTER seconds
    dbmod.close()  # ends the wait at once: nothing checked, nothing recorded
    assert pending.checked.is_set()
    assert checked.checked_crc(backup.list_backups(changed_file)[0]) is None


def test_where_the_copy_cannot_run_beside_it_is_made_before_the_file_opens(changed_file, monkeypatch):
    monkeypatch.setattr(start_copy, "LOCK_PAGE", 4096)  # as if the file were past Windows' lock bytes
    opening.connect(changed_file, backup_on_start=True)
    assert start_copy.current() is None or start_copy.current().plan is None
    copies = backup.list_backups(changed_file)
    assert len(copies) == 1 and count_rows(copies[0]) == 40  # there before connect returned
    members.save(member_data(org_id=1))
    dbmod.close()


def test_a_file_in_rollback_mode_is_copied_first(changed_file):
    con = sqlite3.connect(changed_file)
    con.execute("PRAGMA journal_mode = DELETE")  # e.g. a backup copied back by hand
    con.close()
    opening.connect(changed_file, backup_on_start=True)
    copies = backup.list_backups(changed_file)
    assert len(copies) == 1 and count_rows(copies[0]) == 40
    dbmod.close()
