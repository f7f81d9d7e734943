"""The window's safety copy of a changed file, made beside the first seconds of work.

Copying and checking 490 MB (100,000 members) takes 2–4 s, and the window used to wait for
it before it showed. It no longer has to: in WAL mode a writer only appends to the `-wal`
file, and the database file itself changes only when a checkpoint copies pages back into it —
which SQLite will not do while a reader still holds a snapshot older than those pages. So a
reader opens a snapshot first (before the writer connection exists), the file's bytes are
copied as they lie while the window opens and the clerk starts working, and only then is the
snapshot let go. The copy is those very bytes: its `quick_check` is the check of the file.

Until that check has passed, nothing may be written into the file: the writer connection's
first write waits at its gate (`models.store.db.WriterDatabase`), a second or so at most, and
a file found damaged keeps the gate shut — every write is refused with DamagedFileError,
while everything written into the `-wal` meanwhile stays beside the untouched file.

Afterwards — once the window has been up for CHECK_AFTER seconds, so as not to take a core from
its first load — the newest backup gets SQLite's full `integrity_check` in the same thread
(`models.safety.checked`), so that restoring it needs no full check; closing the database
interrupts that check (or the wait for it) and waits for the copy.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path

from models.safety import backup, checked
from models.safety.probe import SQLITE_MAGIC, DamagedFileError, quick_check
from models.store import db
from models.store.migrations import LATEST

log = logging.getLogger(__name__)

_pending: StartCopy | None = None
# The full check waits until the window has been up a while: run beside the window's first
# load it took a core from it (start-up 1.2 s instead of 0.8 s at 30,000 members).
CHECK_AFTER = 20.0
# Windows locks byte ranges at 1 GiB into a database file, where a plain read of a bigger file
# would fail: such a file (a county's, one day) is copied through SQLite's backup API instead.
LOCK_PAGE = 1 << 30


class StartCopy:
    """A start copy in progress (or only the background check, for an unchanged file)."""

    def __init__(self, plan: backup.CopyPlan | None, check: Path | None) -> None:
        self.plan = plan
        self.check = check  # the backup to check in full afterwards (the copy, or the newest)
        self.copied = threading.Event()  # the copy is placed, or failed: see `error`
        self.error: BaseException | None = None
        self.checked = threading.Event()  # the background full check ended (or never ran)
        self._snapshot: sqlite3.Connection | None = None
        self._checking: list[sqlite3.Connection] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="start-copy", daemon=True)

    # --- the main thread --------------------------------------------------------------

    def start(self) -> None:
        if self.plan is not None:
            # The snapshot, before the writer exists: from here the file's bytes stay as they
            # are until it is let go (no checkpoint can write into it).
            self._snapshot = sqlite3.connect(self.plan.source, check_same_thread=False)
            self._snapshot.execute("BEGIN")
            self._snapshot.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        else:
            self.copied.set()
        self._thread.start()

    def gate(self) -> None:
        """Before the first write: wait for the copy's check; refuse if the file is damaged."""
        self.copied.wait()
        if isinstance(self.error, DamagedFileError):
            raise self.error

    def stop(self) -> None:
        """The database is closing: let the copy finish, stop the full check."""
        global _pending
        if _pending is self:
            _pending = None
        self._stopping.set()
        self.copied.wait()
        while self._thread.is_alive():  # again and again: an interrupt before a statement runs is lost
            for con in list(self._checking):
                con.interrupt()
            self._thread.join(0.05)

    # --- the copying thread -----------------------------------------------------------

    def _run(self) -> None:
        try:
            if self.plan is not None:
                try:
                    self._copy(self.plan)
                except BaseException as exc:  # the gate and the window report it
                    self.error = exc
                    log.warning("启动时的自动备份没有完成：%s", exc)
                finally:
                    backup.COPYING.release()
                    self.copied.set()
            if self.check is not None and self.error is None and not self._stopping.wait(CHECK_AFTER):
                self._check_in_full(self.check)
        finally:
            self.checked.set()

    def _copy(self, plan: backup.CopyPlan) -> None:
        tmp = plan.dest.with_name(f".{plan.dest.name}.{os.getpid()}.tmp")
        try:
            try:  # the file's bytes as they lie (nobody else writes it: the lock is ours)
                version = backup.snapshot(plan.source, tmp, quiet=True, sync=False)
            finally:
                self._let_go()
            try:
                backup.synced_beside(tmp, lambda: backup.verify(tmp, version))
            except (backup.BackupError, sqlite3.DatabaseError) as exc:
                problems = quick_check(plan.source)
                if problems:
                    raise DamagedFileError(
                        plan.source, f"数据库文件“{plan.source}”有损坏的部分（{problems[0]}），"
                        "为免把数据写坏，程序不会再向它写入（打开以来的修改没有写进去）。",
                        readable=True) from exc
                raise
            os.replace(tmp, plan.dest)
        except BaseException:
            backup.remove_quietly(tmp)
            raise
        backup.fsync_dir(plan.dest.parent)
        plan.done()

    def _let_go(self) -> None:
        if self._snapshot is not None:
            self._snapshot.rollback()
            self._snapshot.close()
            self._snapshot = None

    def _check_in_full(self, path: Path) -> None:
        try:
            problems = checked.full_check(path, self._checking)
        except checked.Interrupted:
            return
        except OSError:
            return  # rotated away or unreadable: the restore checks it in full
        if problems:
            log.warning("自动备份 %s 未通过完整校验：%s", path.name, problems[0])


def begin(path: Path, version: int) -> StartCopy | None:
    """Called with the writer lock held, before the writer connection opens. Makes the copy
    here and now (returns None) where it cannot be made beside the work: a journal or WAL
    lies beside the file, the file is in rollback mode (switching it to WAL writes), a
    schema upgrade comes next, or the file reaches Windows' lock bytes (LOCK_PAGE)."""
    global _pending
    if (version != LATEST or not _in_wal_mode(path) or backup.has_journal(path)
            or path.stat().st_size >= LOCK_PAGE):
        backup.automatic(path, "start")
        return None
    handed = False
    backup.COPYING.acquire()  # handed to the copying thread, which lets go once the copy is placed
    try:
        plan = backup.plan_copy(path, "start")
        newest = plan.dest if plan is not None else _newest_unchecked(path)
        if newest is None:
            return None
        pending = StartCopy(plan, newest)
        if plan is not None:
            pending.start()
            handed = True
    finally:
        if not handed:
            backup.COPYING.release()
    if plan is None:
        pending.start()  # only the full check of the newest backup
    _pending = pending
    db.before_close(pending.stop)
    return pending


def _newest_unchecked(path: Path) -> Path | None:
    """The newest backup of an unchanged file (its exit copy), if not yet checked in full."""
    for found in backup.list_backups(path):
        if backup.when_and_why(found)[1] != backup.DAMAGED:
            return None if checked.checked_crc(found) is not None else found
    return None


def current() -> StartCopy | None:
    """The start copy of the open database, for the window to report its outcome."""
    return _pending


def _in_wal_mode(path: Path) -> bool:
    with open(path, "rb") as f:
        head = f.read(20)
    return head[:len(SQLITE_MAGIC)] == SQLITE_MAGIC and head[18:20] == b"\x02\x02"
