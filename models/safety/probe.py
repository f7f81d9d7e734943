"""What a file on disk is, found out without changing a byte of it or leaving a file beside it.

Everything that would write to a database file — opening it for writing, a backup, a restore,
an import — asks here first. Only a missing file may become a new database: an empty,
truncated, unreadable or foreign file is refused by name, so that a damaged database is never
"repaired" into an empty one and another program's file never gets our WAL switch or lock.

SQLite's `mode=ro` still creates `-wal` and `-shm` beside a WAL file and leaves them there (and
cannot open at all on read-only media), so a file with no `-wal` is read with `immutable=1`,
which touches nothing; a file with a `-wal` (a writer is open, or one crashed) must be read
through it, with `mode=ro`.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from models.errors import ValidationError
from models.store.migrations import NotOursError

SQLITE_MAGIC = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"organization", "member"})


class DamagedFileError(ValidationError):
    """The file is ours (or meant to be) but cannot be trusted: nothing may write into it.
    The window and the command line offer the latest good backup."""

    def __init__(self, path: Path, message: str, *, readable: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.readable = readable  # SQLite can still read it: a read-only look may help


class EmptyFileError(DamagedFileError):
    """The file exists but holds nothing (0 bytes, or an SQLite file without tables)."""


def reader_uri(path: Path) -> str:
    """How to read `path` without leaving anything beside it (see the module docstring)."""
    uri = path.resolve().as_uri()
    if Path(str(path) + "-wal").exists():
        return uri + "?mode=ro"
    return uri + "?immutable=1"


def open_reader(path: Path) -> sqlite3.Connection:
    """A short-lived connection that cannot write and changes nothing on disk."""
    return sqlite3.connect(reader_uri(path), uri=True)


def examine(path: str | os.PathLike[str]) -> int:
    """The schema version of an existing file that is ours; raises for anything else.

    EmptyFileError / DamagedFileError for a file with nothing or unreadable bytes in it,
    NotOursError for another program's SQLite file. A newer version is returned as is (the
    caller refuses it with its own message).
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError(path, f"数据库文件“{path}”是空的（0 字节），里面没有任何数据。"
                                   "程序没有改动它。")
    with open(path, "rb") as f:
        head = f.read(100)
    if head[:len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        if len(head) < 100 or not head.strip(b"\x00"):
            raise DamagedFileError(path, f"数据库文件“{path}”不完整或已损坏（文件开头缺失），程序没有改动它。")
        raise DamagedFileError(path, f"数据库文件“{path}”已损坏，或不是先锋台账的数据库"
                                     "（文件开头不是数据库格式），程序没有改动它。")
    try:
        con = open_reader(path)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(path, f"数据库文件“{path}”已损坏，无法读取（{exc}），程序没有改动它。") from exc
    if version == 0 and not tables:
        raise EmptyFileError(path, f"数据库文件“{path}”是一个空数据库，里面没有任何数据。程序没有改动它。")
    if version == 0 or not OUR_TABLES <= tables:
        raise NotOursError(f"“{path}”是别的程序的数据库文件，不是先锋台账的数据，程序没有改动它。"
                           "请选择正确的数据库文件，或从备份恢复。")
    return int(version)


# Checks read every page: through the OS's page cache (memory-mapped) rather than copied into
# SQLite's own cache one page at a time, which halved `integrity_check` on a 477 MB file.
CHECK_PRAGMAS = ("PRAGMA cache_size = -65536", "PRAGMA mmap_size = 2147483648")


# The linear `quick_check` gains nothing from the map (1.3 s against 1.4 s on 490 MB), and the
# mapped pages count against the window's memory while its start copy is checked beside it.
QUICK_CHECK_PRAGMAS = ("PRAGMA cache_size = -2000", "PRAGMA mmap_size = 0")


def tune_for_checking(con: sqlite3.Connection, *, full: bool = True) -> None:
    for pragma in CHECK_PRAGMAS if full else QUICK_CHECK_PRAGMAS:
        con.execute(pragma)


def quick_check(path: str | os.PathLike[str]) -> list[str]:
    """SQLite's linear check of every page and index entry (not the full, superlinear
    `integrity_check`): the problems found, none when the file is sound."""
    try:
        con = open_reader(Path(path))
        try:
            tune_for_checking(con, full=False)
            rows = con.execute("PRAGMA quick_check(20)").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == [("ok",)] else [str(r[0]) for r in rows]


def require_sound(path: str | os.PathLike[str]) -> None:
    """Refuse to go on writing into a file whose pages SQLite finds damaged."""
    problems = quick_check(path)
    if problems:
        raise DamagedFileError(Path(path), f"数据库文件“{path}”有损坏的部分（{problems[0]}），"
                                           "为免把数据写坏，程序不会向它写入。", readable=True)
