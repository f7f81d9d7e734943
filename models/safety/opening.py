"""Opening a database file for this process: the policy, in the order that keeps data safe.

A writer first takes the file's single-writer lock (DatabaseInUseError when another window
has it), then — for the window — backs the file up before anything else touches it, then
creates or migrates the schema, so that no caller can ever see an old schema and a copy
exists before any migration step. A reader opens with SQLite's mode=ro and query_only, needs
no lock and never writes.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import peewee

from models.errors import ValidationError
from models.safety import backup, probe, start_copy
from models.store import db, lock, migrations


def connect(path: str | os.PathLike[str], readonly: bool = False, *,
            backup_on_start: bool = False, because: str = "", checked: bool = False) -> peewee.SqliteDatabase:
    """Open the database file and bind every model to it; a missing file is created.

    `backup_on_start` (the window) backs the file up before anything else touches it;
    `because` says why a writable file is opened read-only (it is damaged); `checked`: the
    caller has just checked every page of this very file (a restore), do not again. Raises
    EmptyFileError / DamagedFileError / NotOursError for a file that must not be written,
    before anything — WAL switch, lock file, schema — has touched it.
    """
    path = Path(os.path.abspath(path))
    current = db.current_path()
    if current is not None and current != path:
        db.close()  # one database per process: the previous one's lock is let go
    if readonly:
        return _connect_readonly(path, because)
    if path.exists() and not path.is_file():
        raise ValidationError(f"“{path}”是一个文件夹，不是数据库文件。请指定数据库文件。")
    existing = path.is_file()
    version = 0
    if existing:
        version = probe.examine(path)  # ours, or refused untouched
        _restrict_permissions(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock.acquire(path)
    conn = None
    pending = None
    try:
        if existing:
            if backup_on_start:
                # Either a verified copy of these very pages is made (beside the first seconds
                # of work: the first write waits for its check), or the file is unchanged (size
                # and time of it and its WAL) since the last verified copy: both stand for a
                # check, so an unchanged start reads the file only once.
                pending = start_copy.begin(path, version)
                checked = True
            if not checked:
                probe.require_sound(path)
        else:
            _create_new(path)
        conn = db.WriterDatabase(
            str(path), pragmas=db.PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False
        )
        if pending is not None and pending.plan is not None:
            conn.gate = pending.gate
        db.bind(conn, path, readonly=False)
        conn.connect(reuse_if_open=True)
        migrations.migrate(conn, backup=lambda version: backup.automatic(path, f"v{version}", force=True))
    except BaseException:
        if pending is not None:
            pending.stop()
        if conn is not None and not conn.is_closed():
            conn.close()
        db.forget()
        lock.release(path)
        raise
    return conn


def _create_new(path: Path) -> None:
    """Build the schema in a private temporary file and rename it into place, so that a crash
    while creating never leaves an empty file under the real name (which would be refused)."""
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}.tmp")
    for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    _create_private(tmp)
    try:
        conn = peewee.SqliteDatabase(str(tmp), pragmas=db.PRAGMAS)
        try:
            conn.connect()
            migrations.migrate(conn)
        finally:
            conn.close()
        if path.exists():  # another program created it meanwhile: theirs wins, ours goes
            raise ValidationError(f"数据库文件“{path}”刚刚被别的程序建立，请重新打开。")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    backup.fsync_dir(path.parent)


def set_aside(path: str | os.PathLike[str]) -> Path:
    """Rename an empty or unusable database file out of the way (kept, never deleted), so a
    new one can be made under its name."""
    path = Path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(f"{path.name}.{stamp}.bad")
    os.replace(path, dest)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{dest}{suffix}"))
    return dest


def _connect_readonly(path: Path, because: str = "") -> peewee.SqliteDatabase:
    """A second window's view (or `check`, `print`): SQLite refuses every write, so nothing
    can be overwritten, and nothing is created beside the file."""
    if not path.is_file():
        raise ValidationError(f"找不到数据库文件：{path}")
    probe.examine(path)
    conn = _readonly_connection(path, "mode=ro", because)
    try:
        try:
            conn.connect(reuse_if_open=True)
        except peewee.OperationalError:
            # Read-only media: SQLite cannot create the -shm a WAL file needs. Nobody can
            # write there either, so the file is read as immutable.
            conn = _readonly_connection(path, "immutable=1", because)
            conn.connect(reuse_if_open=True)
        version = migrations.schema_version(conn)
        if version != migrations.LATEST:
            if version > migrations.LATEST:
                migrations.migrate(conn)  # raises NewerSchemaError, writes nothing
            raise ValidationError(
                "这个数据库需要先升级数据结构才能使用，只读方式不能升级。"
                "请关闭另一个先锋台账窗口后，再以正常方式打开。")
    except BaseException:
        conn.close()
        db.forget()
        raise
    return conn


def _readonly_connection(path: Path, mode: str, because: str) -> peewee.SqliteDatabase:
    uri = f"{path.resolve().as_uri()}?{mode}"
    conn = peewee.SqliteDatabase(uri, uri=True, pragmas=db.READONLY_PRAGMAS, check_same_thread=False)
    db.bind(conn, path, readonly=True, because=because)
    return conn


def _create_private(path: Path) -> None:
    """Create a missing file as owner-only *before* SQLite opens it, so its -wal and -shm
    (which copy the file's mode) are never readable by others either."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    _restrict_permissions(path)


def _restrict_permissions(path: Path) -> None:
    """Members' ID numbers live here: readable by the current user only, where the OS allows."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
