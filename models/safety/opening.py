"""Opening a database file for this process: the policy, in the order that keeps data safe.

A writer first takes the file's single-writer lock (DatabaseInUseError when another window
has it), then — for the window — backs the file up before anything else touches it, then
creates or migrates the schema, so that no caller can ever see an old schema and a copy
exists before any migration step. A reader opens with SQLite's mode=ro and query_only, needs
no lock and never writes.
"""
from __future__ import annotations

import os
from pathlib import Path

import peewee

from models.errors import ValidationError
from models.safety import backup
from models.store import db, lock, migrations


def connect(path: str | os.PathLike[str], readonly: bool = False, *,
            backup_on_start: bool = False) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database file and bind every model to it.

    `backup_on_start` (the window) backs the file up before anything else touches it.
    """
    path = Path(os.path.abspath(path))
    current = db.current_path()
    if current is not None and current != path:
        db.close()  # one database per process: the previous one's lock is let go
    if readonly:
        return _connect_readonly(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock.acquire(path)
    conn = None
    try:
        is_new = _create_private(path)
        if backup_on_start and not is_new:
            backup.automatic(path, "start")
        conn = peewee.SqliteDatabase(
            str(path), pragmas=db.PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False
        )
        db.bind(conn, path, readonly=False)
        conn.connect(reuse_if_open=True)
        migrations.migrate(conn, backup=lambda version: backup.automatic(path, f"v{version}", force=True))
    except BaseException:
        if conn is not None and not conn.is_closed():
            conn.close()
        db.forget()
        lock.release(path)
        raise
    return conn


def _connect_readonly(path: Path) -> peewee.SqliteDatabase:
    """A second window's view: SQLite refuses every write, so nothing can be overwritten."""
    if not path.is_file():
        raise ValidationError(f"找不到数据库文件：{path}")
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = peewee.SqliteDatabase(uri, uri=True, pragmas=db.READONLY_PRAGMAS, check_same_thread=False)
    db.bind(conn, path, readonly=True)
    try:
        conn.connect(reuse_if_open=True)
        version = migrations.schema_version(conn)
        if version != migrations.LATEST:
            if version > migrations.LATEST or (version == 0 and conn.get_tables()):
                migrations.migrate(conn)  # raises NewerSchemaError / NotOursError, writes nothing
            raise ValidationError(
                "这个数据库需要先升级数据结构才能使用，只读方式不能升级。"
                "请关闭另一个先锋台账窗口后，再以正常方式打开。")
    except BaseException:
        conn.close()
        db.forget()
        raise
    return conn


def _create_private(path: Path) -> bool:
    """Create a missing file as owner-only *before* SQLite opens it, so its -wal and -shm
    (which copy the file's mode) are never readable by others either. True when new."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        _restrict_permissions(path)
        return path.stat().st_size == 0
    os.close(fd)
    _restrict_permissions(path)
    return True


def _restrict_permissions(path: Path) -> None:
    """Members' ID numbers live here: readable by the current user only, where the OS allows."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
