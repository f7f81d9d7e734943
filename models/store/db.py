"""The one SQLite connection of the process, and how every connection is set up.

Models bind to `database` (a proxy) so tests, the command line and the window can each
point it at their own file. Every connection gets WAL (readers never block the writer),
foreign keys (SQLite leaves them off otherwise), a busy timeout (a second process waits
instead of failing at once) and `synchronous=FULL` (a power cut loses nothing that was
committed). The policy of opening a file — lock, back up, migrate — is
`models.safety.opening`; this module only holds what every layer above may use.
"""
from __future__ import annotations

from pathlib import Path

import peewee

from models.store import lock

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
_because = ""  # why a file that could be written was opened read-only (it is damaged)


def bind(db: peewee.SqliteDatabase, path: Path, readonly: bool, because: str = "") -> None:
    """Point every model at `db`, the file at `path` (absolute)."""
    global _current, _readonly, _because
    database.initialize(db)
    _current, _readonly, _because = path, readonly, because if readonly else ""


def forget() -> None:
    """The file failed to open: no file is current (its lock is the opener's to release)."""
    global _current
    _current = None


def current_path() -> Path | None:
    """The database file this process has open (absolute), if any."""
    return _current


def is_readonly() -> bool:
    """True when this process opened the database read-only (a second window)."""
    return _readonly and _current is not None


def readonly_because() -> str:
    """The reason the open database is read-only when it is not a second window ("" then)."""
    return _because if is_readonly() else ""


def close() -> None:
    """Close the connection and let go of the writer lock (SQLite checkpoints the WAL)."""
    global _current
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
    if _current is not None:
        lock.release(_current)
    _current = None
