"""Empty, truncated, damaged and foreign files are refused before a byte of them changes."""
import os
import random
import sqlite3
from pathlib import Path

import pytest

from models import demo
from models.safety import backup, checks, opening, probe
from models.safety.restore import restore_backup
from models.store import db as dbmod
from models.store import lock, migrations
from models.store.tables import Member


def beside(path: Path) -> set[str]:
    """What lies in the folder next to the file (the -wal, -shm, .lock a careless open leaves)."""
    return {p.name for p in path.parent.iterdir()}


def filled(path: Path, members: int = 300) -> Path:
    opening.connect(path)
    demo.fill(members=members)
    dbmod.close()
    return path


def damage_pages(path: Path, size: int = 8192) -> None:
    """Overwrite 8 KB in the middle of the member rows, as a bad sector or a half-written copy does."""
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start:start + size] = random.Random(7).randbytes(size)
    path.write_bytes(bytes(data))
    assert probe.quick_check(path), "the damage must be one SQLite can see"


def test_zero_length_file_is_refused_not_given_a_schema(db_path):
    db_path.write_bytes(b"")
    with pytest.raises(probe.EmptyFileError) as info:
        opening.connect(db_path)
    assert "是空的" in info.value.message and str(db_path) in info.value.message
    assert db_path.stat().st_size == 0 and beside(db_path) == {db_path.name}
    with pytest.raises(probe.EmptyFileError, match="是空的（0 字节），里面没有任何数据。程序没有改"):
        opening.connect(db_path, readonly=True)
    with pytest.raises(probe.EmptyFileError, match="是空的（0 字节）"):  # no "verified" copy of nothing
        backup.automatic(db_path, "start")
    assert backup.list_backups(db_path) == []


def test_truncated_file_is_refused(db_path):
    filled(db_path)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    before = db_path.read_bytes()
    with pytest.raises(probe.DamagedFileError, match="已损坏，无法读取（database disk i"):
        opening.connect(db_path)
    assert db_path.read_bytes() == before


def test_damaged_pages_are_found_before_the_first_write(db_path):
    filled(db_path)
    damage_pages(db_path)
    before = db_path.read_bytes()
    with pytest.raises(probe.DamagedFileError) as info:
        opening.connect(db_path)
    assert info.value.readable and "损坏" in info.value.message
    assert db_path.read_bytes() == before and dbmod.current_path() is None
    # …but it can still be looked at, read-only, and `check` names the damage.
    conn = opening.connect(db_path, readonly=True, because="数据库文件已损坏")
    assert dbmod.readonly_because() == "数据库文件已损坏"
    assert any("损坏" in p for p in checks.integrity(conn))
    dbmod.close()
    assert db_path.read_bytes() == before


def test_backup_of_a_damaged_database_names_the_database(db_path, tmp_path):
    filled(db_path)
    damage_pages(db_path)
    with pytest.raises(probe.DamagedFileError) as info:
        backup.backup_to(db_path, tmp_path / "U盘" / "备份.db")
    assert "本身已损坏" in info.value.message and "U盘" not in info.value.message
    assert not (tmp_path / "U盘" / "备份.db").exists()


def test_restoring_a_damaged_backup_names_the_backup(db_path, tmp_path):
    filled(db_path, members=40)
    bad = tmp_path / "坏备份.db"
    filled(bad)
    damage_pages(bad)
    opening.connect(db_path)
    with pytest.raises(backup.BackupError) as info:
        restore_backup(bad, db_path)
    assert "备份文件“坏备份.db”已损坏" in info.value.message
    opening.connect(db_path)
    assert Member.select().count() == 40
    dbmod.close()


def test_foreign_sqlite_file_stays_byte_for_byte_untouched(tmp_path):
    other = tmp_path / "记账.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, amount REAL)")
    con.execute("INSERT INTO account (amount) VALUES (12.5)")
    con.commit()
    con.close()
    before = other.read_bytes()
    for readonly in (False, True):
        with pytest.raises(migrations.NotOursError) as info:
            opening.connect(other, readonly=readonly)
        assert "别的程序" in info.value.message
    # no WAL switch (header bytes 18-19 stay 1 = rollback journal), no lock file, no -wal/-shm
    assert other.read_bytes() == before and before[18:20] == b"\x01\x01"
    assert beside(other) == {other.name} and not lock.lock_path(other).exists()
    with pytest.raises(migrations.NotOursError, match="是别的程序的数据库文件，不是先锋台账的数据，程序"):
        backup.backup_to(other, tmp_path / "copy.db")
    assert beside(other) == {other.name}


def test_an_empty_sqlite_file_is_not_taken_for_a_new_one(tmp_path):
    empty = tmp_path / "空.db"
    sqlite3.connect(empty).execute("PRAGMA user_version = 0").connection.close()
    empty.write_bytes(empty.read_bytes() or b"SQLite format 3\x00" + b"\x00" * 4080)
    if empty.stat().st_size == 0:  # SQLite writes nothing for a connection that made nothing
        pytest.skip("no header written")
    with pytest.raises(probe.EmptyFileError, match="是一个空数据库，里面没有任何数据。程序没有改动它"):
        opening.connect(empty)


def test_only_a_missing_file_is_new_and_a_crash_while_creating_leaves_none(tmp_path, monkeypatch):
    path = tmp_path / "新.db"

    def power_cut(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(migrations, "migrate", power_cut)
    with pytest.raises(KeyboardInterrupt):
        opening.connect(path)
    assert not path.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    monkeypatch.undo()
    opening.connect(path)
    assert migrations.schema_version(dbmod.database.obj) == migrations.LATEST
    if os.name == "posix":  # owner-only, as every database file (Windows: the profile's ACLs)
        assert path.stat().st_mode & 0o777 == 0o600
    dbmod.close()


def test_set_aside_keeps_the_bad_file(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"")
    kept = opening.set_aside(path)
    assert not path.exists() and kept.exists() and kept.name.startswith("x.db.")


def test_rotation_keeps_the_last_copy_that_held_the_data(db_path):
    filled(db_path, members=50)
    holding = backup.automatic(db_path, "exit", force=True)
    db_path.unlink()  # the file replaced by an empty one (a wrong copy, a clerk's "fresh start" …)
    opening.connect(db_path)
    dbmod.close()
    for _ in range(backup.KEEP_RECENT + 5):
        backup.automatic(db_path, "exit", force=True)
    kept = backup.list_backups(db_path)
    assert holding in kept and len(kept) == backup.KEEP_RECENT + 1


def test_a_copy_killed_mid_way_leaves_nothing_after_the_next_backup(db_path):
    """The backup API brings the source's WAL mode into the copy until it is switched to a
    rollback journal: a kill in between leaves a -wal and -shm beside the hidden copy."""
    filled(db_path, members=5)
    folder = backup.backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    dead = 2**22 + 12345  # above any pid this machine hands out
    leftovers = [folder / f".{db_path.stem}-00009-20260101-000000-exit.db.{dead}.tmp{suffix}"
                 for suffix in ("", "-journal", "-wal", "-shm")]
    for leftover in leftovers:
        leftover.write_bytes(b"x")
    backup.automatic(db_path, "exit", force=True)
    assert not [p.name for p in folder.iterdir() if ".tmp" in p.name]


def test_an_unchanged_start_reads_the_file_once(db_path, monkeypatch):
    """The window's start: a new verified copy, or none because nothing changed since the last
    one, stands for the check; opening without a copy checks every page itself."""
    filled(db_path, members=5)
    calls = []
    real = probe.quick_check
    monkeypatch.setattr(probe, "quick_check", lambda path: calls.append(path) or real(path))
    opening.connect(db_path, backup_on_start=True)  # changed since the fill: copied, copy checked
    dbmod.close()
    backup.automatic(db_path, "exit")  # the exit copy after the close folds the WAL in
    opening.connect(db_path, backup_on_start=True)  # unchanged since that verified copy
    dbmod.close()
    assert calls == []
    opening.connect(db_path)  # the command line: no copy, so its own check
    dbmod.close()
    assert calls == [db_path]
