"""Known faults versus bugs.

A full disk, a read-only folder, a database another program keeps busy, a damaged file or
one from a newer version are not the program's fault: the clerk gets a plain message and
what to do, and nothing already saved is touched (every write is one transaction, so a
failed one leaves no trace). Anything `classify` does not recognise is a bug: the window
shows its crash dialog with the details for a technician.
"""
from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass

import peewee

from models.errors import NotFound, ValidationError

DISK_FULL = "disk_full"
READ_ONLY = "read_only"
READ_ONLY_SESSION = "read_only_session"
LOCKED = "locked"
IN_USE = "in_use"
CORRUPT = "corrupt"
EMPTY = "empty"
NEWER = "newer"
NOT_OURS = "not_ours"
IO_ERROR = "io_error"
INVALID = "invalid"
OUT_OF_MEMORY = "out_of_memory"


@dataclass(frozen=True)
class Fault:
    kind: str
    message: str  # what happened, in the clerk's words
    advice: str  # what to do about it
    offer_restore: bool = False  # the window offers `backup.latest_good_backup`
    offer_read_only: bool = False  # the window offers `opening.connect(path, readonly=True)`

    def text(self) -> str:
        return f"{self.message}\n{self.advice}" if self.advice else self.message


_NOT_SAVED = "刚才的操作没有保存，已保存的数据不受影响。"


def classify(exc: BaseException) -> Fault | None:
    """A known fault with its message, or None for a bug."""
    from models.safety.probe import DamagedFileError, EmptyFileError
    from models.store.lock import DatabaseInUseError
    from models.store.migrations import NewerSchemaError, NotOursError

    if isinstance(exc, DatabaseInUseError):
        return Fault(IN_USE, exc.message, "", offer_read_only=True)
    if isinstance(exc, NewerSchemaError):
        return Fault(NEWER, exc.message, "")
    if isinstance(exc, NotOursError):
        return Fault(NOT_OURS, exc.message, "")
    if isinstance(exc, EmptyFileError):
        return Fault(EMPTY, exc.message, "可以从最近一次完好的备份恢复；如果这是新装的程序，"
                     "也可以把这个空文件改名保留后新建数据库。", offer_restore=True)
    if isinstance(exc, DamagedFileError):
        return Fault(CORRUPT, exc.message, "可以从最近一次完好的备份恢复（恢复前会先原样保留损坏的文件）。",
                     offer_restore=True)
    if isinstance(exc, ValidationError | NotFound):
        return Fault(INVALID, exc.message, "")
    if isinstance(exc, MemoryError):  # a file far too large, or a long session on an old PC
        return Fault(OUT_OF_MEMORY, "电脑内存不足，刚才的操作没有完成，已保存的数据不受影响。",
                     "请关闭其他程序后再试；如果是在导入很大的文件，请把它分成几个较小的文件分别导入。")
    for cause in _chain(exc):
        fault = _from_sqlite(cause) or _from_os(cause)
        if fault is not None:
            return fault
    return None


def describe(exc: BaseException) -> str | None:
    """The message for the command line, or None for a bug."""
    fault = classify(exc)
    return None if fault is None else fault.text()


def _chain(exc: BaseException) -> list[BaseException]:
    """peewee re-raises sqlite3 errors as its own; the original is kept as the cause."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _from_sqlite(exc: BaseException) -> Fault | None:
    if not isinstance(exc, sqlite3.Error | peewee.DatabaseError | peewee.InterfaceError):
        return None
    text = str(exc).lower()
    if "database or disk is full" in text or "disk is full" in text:
        return Fault(DISK_FULL, "磁盘空间已满，数据无法写入。" + _NOT_SAVED,
                     "请删除不需要的文件（或清空回收站）腾出空间后再试；也可以把数据库移到空间充足的磁盘。")
    if "readonly database" in text or "read-only" in text:
        from models.store import db

        if db.is_readonly() and db.readonly_because():
            return Fault(READ_ONLY_SESSION, f"当前以只读方式打开数据库（{db.readonly_because()}），不能保存修改。",
                         "请先从最近一次完好的备份恢复（文件 → 备份与恢复），再继续录入。", offer_restore=True)
        if db.is_readonly():
            return Fault(READ_ONLY_SESSION, "当前以只读方式打开数据库，不能保存修改。",
                         "请关闭另一个先锋台账窗口，然后重新打开本程序。")
        return Fault(READ_ONLY, "数据库文件或所在文件夹是只读的，数据无法写入。" + _NOT_SAVED,
                     "请检查文件是否在光盘或写保护的U盘上，或在文件属性中取消“只读”；也可以把数据库复制到“文档”文件夹再打开。")
    if "database is locked" in text or "database table is locked" in text:
        return Fault(LOCKED, "数据库正被其他程序占用，等待后仍无法写入。" + _NOT_SAVED,
                     "请关闭可能打开了这个数据库的其他程序（如杀毒软件扫描、网盘同步、另一个先锋台账），稍后再试。")
    if ("file is not a database" in text or "malformed" in text or "not a database" in text
            or "database corrupt" in text):
        return Fault(CORRUPT, "数据库文件已损坏，无法读取。",
                     "可以从最近一次完好的备份恢复（恢复前会先保留损坏的文件）。", offer_restore=True)
    if "disk i/o error" in text:
        return Fault(IO_ERROR, "读写磁盘时出错。" + _NOT_SAVED,
                     "如果数据库在U盘上，请检查U盘是否已拔出或接触不良；然后重新打开本程序。")
    if "unable to open database file" in text:
        return Fault(READ_ONLY, "无法打开数据库文件：文件夹不存在、不能写入，或文件名有误。",
                     "请确认数据库所在的文件夹存在并且可以写入，或另选一个位置。")
    return None


def _from_os(exc: BaseException) -> Fault | None:
    if not isinstance(exc, OSError):
        return None
    name = f"：{exc.filename}" if getattr(exc, "filename", None) else ""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return Fault(DISK_FULL, f"磁盘空间已满，文件无法写入{name}。" + _NOT_SAVED,
                     "请删除不需要的文件（或清空回收站）腾出空间后再试。")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return Fault(READ_ONLY, f"没有权限写入{name}，文件或文件夹是只读的，或正被其他程序占用。",
                     "请换一个可以写入的位置（如“文档”文件夹），或关闭占用它的程序后再试。")
    if isinstance(exc, NotADirectoryError | FileExistsError | FileNotFoundError | IsADirectoryError):
        return Fault(READ_ONLY, f"无法在这个位置创建或打开文件{name}。",
                     "请确认路径正确、所在文件夹存在，或另选一个位置。")
    if exc.errno == errno.EIO:
        return Fault(IO_ERROR, f"读写磁盘时出错{name}。" + _NOT_SAVED,
                     "如果文件在U盘上，请检查U盘是否已拔出或接触不良。")
    return None
