"""The one SQLite database: where it lives, how every connection is set up.

Models bind to `database` (a proxy) so tests, the command line and the window can each
point it at their own file. Every connection gets WAL (readers never block the writer),
foreign keys (SQLite leaves them off otherwise), a busy timeout (a second process waits
instead of failing at once) and `synchronous=FULL` (a power cut loses nothing that was
committed).
"""
from __future__ import annotations

import os
from pathlib import Path

import peewee
from platformdirs import user_data_dir

APP_NAME = "xianfeng-desk"
APP_AUTHOR = "xianfeng"

database = peewee.DatabaseProxy()

PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("synchronous", "full"),
    ("cache_size", -16000),
)
# A read-only view: no journal-mode change (that is a write), and SQLite refuses any write.
READONLY_PRAGMAS = (
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("cache_size", -16000),
    ("query_only", 1),
)

_current: Path | None = None  # the database file this process has open
_readonly = False


def data_dir() -> Path:
    """The user's data folder; XIANFENG_DATA_DIR overrides it (portable installs, tests)."""
    override = os.environ.get("XIANFENG_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "xianfeng.db"


def connect(path: str | os.PathLike[str], readonly: bool = False, *,
            backup_on_start: bool = False) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database file and bind every model to it.

    The schema is created or migrated here so that no caller can ever see an old schema;
    a copy goes to the backups folder before any migration step. A writer first takes the
    file's single-writer lock (DatabaseInUseError when another window has it); `readonly`
    opens with SQLite's mode=ro and query_only, needs no lock and never writes.
    `backup_on_start` (the window) backs the file up before anything else touches it.
    """
    from models.safety import backup
    from models.store import lock as dblock
    from models.store import migrations  # local: migrations imports the records

    global _current, _readonly
    path = Path(os.path.abspath(path))
    if _current is not None and _current != path:
        close()  # one database per process: the previous one's lock is let go
    if readonly:
        return _connect_readonly(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dblock.acquire(path)
    db = None
    try:
        is_new = _create_private(path)
        if backup_on_start and not is_new:
            backup.automatic(path, "start")
        db = peewee.SqliteDatabase(
            str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False
        )
        database.initialize(db)
        _current, _readonly = path, False
        db.connect(reuse_if_open=True)
        migrations.migrate(db, backup=lambda version: backup.automatic(path, f"v{version}", force=True))
    except BaseException:
        if db is not None and not db.is_closed():
            db.close()
        _current = None
        dblock.release(path)
        raise
    return db


def _connect_readonly(path: Path) -> peewee.SqliteDatabase:
    """A second window's view: SQLite refuses every write, so nothing can be overwritten."""
    from models.store import migrations

    global _current, _readonly
    if not path.is_file():
        from models.errors import ValidationError

        raise ValidationError(f"找不到数据库文件：{path}")
    uri = path.resolve().as_uri() + "?mode=ro"
    db = peewee.SqliteDatabase(uri, uri=True, pragmas=READONLY_PRAGMAS, check_same_thread=False)
    database.initialize(db)
    _current, _readonly = path, True
    try:
        db.connect(reuse_if_open=True)
        version = migrations.schema_version(db)
        if version != migrations.LATEST:
            if version > migrations.LATEST or (version == 0 and db.get_tables()):
                migrations.migrate(db)  # raises NewerSchemaError / NotOursError, writes nothing
            from models.errors import ValidationError

            raise ValidationError(
                "这个数据库需要先升级数据结构才能使用，只读方式不能升级。"
                "请关闭另一个先锋台账窗口后，再以正常方式打开。")
    except BaseException:
        db.close()
        _current = None
        raise
    return db


def current_path() -> Path | None:
    """The database file this process has open (absolute), if any."""
    return _current


def is_readonly() -> bool:
    """True when this process opened the database read-only (a second window)."""
    return _readonly and _current is not None


def close() -> None:
    """Close the connection and let go of the writer lock (SQLite checkpoints the WAL)."""
    from models.store import lock as dblock

    global _current
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
    if _current is not None:
        dblock.release(_current)
    _current = None


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
