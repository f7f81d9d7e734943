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


def data_dir() -> Path:
    """The user's data folder; XIANFENG_DATA_DIR overrides it (portable installs, tests)."""
    override = os.environ.get("XIANFENG_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "xianfeng.db"


def connect(path: str | os.PathLike[str]) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database file and bind every model to it.

    The schema is created or migrated here so that no caller can ever see an old schema.
    """
    from models import migrations  # local: migrations imports the records

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists()
    db = peewee.SqliteDatabase(
        str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False
    )
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if is_new:
        _restrict_permissions(path)
    migrations.migrate(db)
    return db


def close() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


def _restrict_permissions(path: Path) -> None:
    """Members' ID numbers live here: readable by the current user only, where the OS allows."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
