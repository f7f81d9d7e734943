"""One writer per database file: an OS lock on `<db>.lock`.

SQLite's own locking keeps two programs from corrupting the file, but not from overwriting
each other's edits (two windows, each saving what it loaded an hour ago). So the writing
process holds an exclusive OS lock for as long as it is connected; a second copy finds it
taken and is offered a read-only view instead. The OS drops the lock when the process dies,
so a crash never leaves a stale lock behind (a lock *file* left on disk means nothing).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from models.errors import ValidationError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


class DatabaseInUseError(ValidationError):
    """Another process holds the writer lock of this database."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            "另一个先锋台账窗口正在使用这个数据库，同时修改会互相覆盖。"
            "请切换到已打开的那个窗口；也可以以只读方式打开，只查看和打印，不能修改。"
        )
        self.path = path


_held: dict[str, IO[bytes]] = {}


def lock_path(db_path: str | os.PathLike[str]) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


def _key(db_path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.abspath(db_path))


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def acquire(db_path: str | os.PathLike[str]) -> None:
    """Take the writer lock, or raise DatabaseInUseError. Re-entrant within one process."""
    key = _key(db_path)
    if key in _held:
        return
    path = lock_path(db_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    handle = os.fdopen(fd, "r+b", buffering=0)
    if not _try_lock(handle):
        handle.close()
        raise DatabaseInUseError(Path(db_path))
    try:  # who holds it, for a person looking at the folder; the lock itself is what counts
        handle.truncate(0)
        handle.write(str(os.getpid()).encode())
    except OSError:
        pass
    _held[key] = handle


def release(db_path: str | os.PathLike[str]) -> None:
    handle = _held.pop(_key(db_path), None)
    if handle is not None:
        handle.close()  # closing the descriptor drops the lock


def held(db_path: str | os.PathLike[str]) -> bool:
    """True when this process holds the lock."""
    return _key(db_path) in _held


def in_use_elsewhere(db_path: str | os.PathLike[str]) -> bool:
    """True when another process holds the lock (probe without keeping it)."""
    if held(db_path):
        return False
    path = lock_path(db_path)
    if not path.exists():
        return False
    try:
        with open(path, "r+b", buffering=0) as handle:
            return not _try_lock(handle)
    except OSError:
        return False
