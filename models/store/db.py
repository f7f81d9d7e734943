"""The one SQLite connection of the process, and how every connection is set up.

Models bind to `database` (a proxy) so tests, the command line and the window can each
point it at their own file. Every connection gets WAL (readers never block the writer),
foreign keys (SQLite leaves them off otherwise), a busy timeout (a second process waits
instead of failing at once) and `synchronous=FULL` (a power cut loses nothing that was
committed). The policy of opening a file — lock, back up, migrate — is
`models.safety.opening`; this module only holds what every layer above may use.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee

from models.store import lock

database = peewee.DatabaseProxy()

# cache_size: 4 MB per connection. The OS caches the file anyway; 16 MB cost the window 12 MB of
# its peak at 100,000 members (261 -> 249 MB) for no faster start-up, search or assessment
# (2026-12-04; the 10,000-row import and 30,000-member export ~0.1 s slower). Big writes
# (demo, package import) raise it for their own transaction.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("synchronous", "full"),
    ("cache_size", -4000),
)
# A read-only view: no journal-mode change (that is a write), and SQLite refuses any write.
READONLY_PRAGMAS = (
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("cache_size", -4000),
    ("query_only", 1),
)



class WriterDatabase(peewee.SqliteDatabase):
    """The writer's connection. Its first write may have to pass a gate: the window opens a
    changed file at once and checks it (through its start copy) beside the first seconds of
    work, so nothing may be written until the check has said the pages are sound. Every write
    through peewee goes through `begin` (transactions) or `execute_sql` (autocommit)."""

    gate: Callable[[], None] | None = None  # raises to refuse the write; cleared once passed

    def begin(self, lock_type: str | None = None) -> None:
        self.pass_gate()
        super().begin(lock_type)

    def execute_sql(self, sql: str, params: object = None) -> object:
        if self.gate is not None and not _reads_only(sql):
            self.pass_gate()
        return super().execute_sql(sql, params)

    def pass_gate(self) -> None:
        gate = self.gate
        if gate is not None:
            gate()  # waits for the check; raises (and stays shut) when the file is damaged
            self.gate = None


def _reads_only(sql: str) -> bool:
    head = sql.lstrip()[:7].upper()
    return head.startswith("SELECT") or (head.startswith("PRAGMA") and "=" not in sql)


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


_before_close: list[Callable[[], None]] = []


def before_close(hook: Callable[[], None]) -> None:
    """Run `hook` once, before the connection closes and the lock is let go (work on the file
    beside the connection, such as the start copy, finishes or stops first)."""
    _before_close.append(hook)


def close() -> None:
    """Close the connection and let go of the writer lock (SQLite checkpoints the WAL)."""
    global _current
    while _before_close:
        _before_close.pop(0)()
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
    if _current is not None:
        lock.release(_current)
    _current = None
