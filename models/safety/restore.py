"""Restoring a backup: the current file kept first, the swap atomic, the restored file opened.

Apart from `models.safety.backup` because it ends by opening the restored file
(`models.safety.opening`), which itself backs files up on opening.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from models.errors import ValidationError
from models.safety import backup, checked, opening
from models.store import audit, migrations
from models.store import db as dbmod
from models.store import lock as dblock
from models.store.db import database
from models.store.migrations import LATEST, NewerSchemaError


@dataclass(frozen=True)
class RestoreResult:
    info: backup.BackupInfo  # what the restored file held
    safety_backup: Path | None  # where the replaced database was kept
    migrated_from: int | None  # the backup's older schema version, when it was upgraded



def restore_backup(path: str | os.PathLike[str], target_db_path: str | os.PathLike[str]) -> RestoreResult:
    """Replace the database with a backup; afterwards the restored file is the open database.

    The current file is backed up first; an older backup is upgraded on a temporary copy; the
    swap is an atomic rename, so a crash at any point leaves either the old or the new file.
    """
    source, target = Path(path), Path(os.path.abspath(target_db_path))
    if target.exists() and backup.same_file(source, target):
        raise backup.BackupError("所选文件就是当前数据库本身，不能用它恢复自己。请选择备份文件。")
    info = backup.inspect_backup(source)
    if info.newer:
        raise NewerSchemaError(
            f"这个备份由较新版本的先锋台账创建（数据结构版本 {info.schema_version}，本程序支持到 {LATEST}），"
            "本程序不能恢复它。请先安装最新版本的先锋台账。")
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = not dblock.held(target)
    dblock.acquire(target)  # re-entrant: the window that has it open already holds it
    backup.sweep_leftovers(target.parent, f".{target.name}.restore-")
    tmp = target.with_name(f".{target.name}.restore-{os.getpid()}.tmp")
    was_open = dbmod.current_path() == target
    closed = False
    try:
        version = _take_in(source, tmp)
        migrated = None
        if version < LATEST:
            _migrate_file(tmp)
            migrated = version
            backup.verify(tmp, LATEST)
        if was_open and database.obj is not None and not database.obj.is_closed():
            database.obj.close()  # SQLite folds the WAL into the old file, kept next
            closed = True
        safety = _safety_copy(target)  # no swap unless the current file is safely kept
        # A leftover -wal would be replayed onto the new file: it belongs to the old one.
        for suffix in ("-wal", "-shm", "-journal"):
            backup.remove_quietly(Path(str(target) + suffix), strict=True)
        os.replace(tmp, target)
        backup.fsync_dir(target.parent)
    except BaseException:
        backup.remove_quietly(tmp)
        if closed:
            opening.connect(target)
        elif fresh:
            dblock.release(target)
        raise
    opening.connect(target, checked=True)  # every page of it was checked as the incoming copy
    with database.atomic():
        when = info.last_change.strftime("%Y-%m-%d %H:%M") if info.last_change else "时间未知"
        audit.record("恢复", "数据库", None, f"从备份“{source.name}”恢复（备份时数据最后修改于 {when}）")
    return RestoreResult(info, safety, migrated)


def _take_in(source: Path, tmp: Path) -> int:
    """Copy the backup and give the copy — what is about to replace the database — SQLite's
    full `integrity_check` (once: checking the backup and then its copy read 477 MB twice).
    A backup that already passed that check in the background (`models.safety.checked`) and
    whose copy has the same CRC-32 byte for byte needs no second one: its copy is read once,
    for the schema version. When the copy or the check fails, the backup is what is damaged
    and is named as such."""
    try:
        passed = checked.checked_crc(source)
        if passed is not None and not backup.has_journal(source):
            backup.create_private(tmp)
            if checked.copy_with_crc(source, tmp) == passed:
                return backup.synced_beside(tmp, lambda: _version_of(tmp))
            backup.remove_quietly(tmp)
        version = backup.snapshot(source, tmp, quiet=True, sync=False)  # a backup: nobody writes it
        backup.synced_beside(tmp, lambda: backup.verify(tmp, version, full=True))
    except (sqlite3.DatabaseError, backup.BackupError) as exc:
        raise backup.BackupError(
            f"备份文件“{source.name}”已损坏，不能用它恢复（{exc}）。当前数据库没有改动。"
            "请选择另一个备份文件。") from exc
    return version


def _version_of(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def _safety_copy(target: Path) -> Path | None:
    """Keep the file about to be replaced: closed, so it is whole and nobody writes it any
    more, it is simply given a second name in the backups folder (a hard link: no byte is
    copied, and the swap takes its first name away). Where the folder is on another drive, or
    the drive has no hard links (FAT32 USB sticks), it is copied and checked. If SQLite cannot
    read it (that is often why one restores), its raw bytes are kept instead: a specialist may
    still recover something."""
    if not target.is_file() or target.stat().st_size == 0:
        return None
    try:
        return backup.keep_by_link(target, "before-restore") or backup.automatic(target, "before-restore", force=True)
    except (sqlite3.DatabaseError, ValidationError):  # damaged, empty or not ours: kept raw
        folder = backup.backups_dir()
        backup.make_private_dir(folder)
        dest = backup.next_name(target, folder, backup.DAMAGED)
        shutil.copyfile(target, dest)
        wal = Path(str(target) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(str(dest) + "-wal"))
        backup.restrict(dest)
        return dest


def _migrate_file(path: Path) -> None:
    """Upgrade a temporary copy in place; the steps run on the connection they are given, so
    the models stay bound to the open database."""
    con = peewee.SqliteDatabase(str(path), pragmas=(("foreign_keys", 1),))
    try:
        migrations.migrate(con)
    finally:
        con.close()
