"""Opening the database at start and closing it at exit, with every known fault in words.

`ui.app.run` calls `open_database(None, path)` instead of `db.connect(path)`, and the main
window's closeEvent calls `close_database(self, path)` once it accepts. A second window is
offered a read-only view; a damaged file is offered the latest good backup; a full disk, a
read-only folder or a newer file get a message and the program stops without touching data.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from models.safety import backup, faults, opening, start_copy
from models.safety.probe import DamagedFileError
from models.safety.restore import restore_backup
from models.store import db as dbmod
from ui.widgets import messages

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def open_database(parent: QWidget | None, path: str | Path) -> bool | None:
    """Connect (backing up first). Returns False when writable, True when read-only, None
    when the program should quit (the clerk has been told why)."""
    path = Path(path)
    try:
        opening.connect(path, backup_on_start=True)
        return False
    except Exception as exc:
        fault = faults.classify(exc)
        if fault is None:
            raise
        error = exc
    if fault.offer_read_only:
        if not messages.ask(parent, "数据库正在使用", f"{fault.message}\n\n要以只读方式打开吗？"):
            return None
        try:
            opening.connect(path, readonly=True)
            return True
        except Exception as exc:
            return _give_up(parent, exc)
    if fault.offer_restore:
        return _offer_restore(parent, path, fault, readable=getattr(error, "readable", False))
    messages.error(parent, "无法打开数据库", fault.text())
    return None


def _offer_restore(parent: QWidget | None, path: Path, fault: faults.Fault, readable: bool) -> bool | None:
    """An empty or damaged file: the latest good backup first; else, for an empty file, a new
    database with the empty one kept aside; for a damaged one, a read-only look at what can
    still be read. Nothing is ever written into the file itself."""
    good = backup.latest_good_backup(path)
    if good is not None:
        info = backup.inspect_backup(good)
        kept, title = ("空文件", "数据库是空的") if fault.kind == faults.EMPTY else ("损坏的文件", "数据库已损坏")
        question = (f"{fault.message}\n\n最近一次完好的自动备份：\n{info.describe()}\n\n"
                    f"要从这个备份恢复吗？{kept}会先原样保留一份。")
        if messages.ask(parent, title, question):
            try:
                restore_backup(good, path)
            except Exception as exc:
                return _give_up(parent, exc)
            messages.info(parent, "恢复完成", "已从备份恢复。备份之后所做的修改需要重新录入。")
            return False
    elif fault.kind != faults.EMPTY:
        messages.error(parent, "数据库已损坏", fault.message + "\n没有找到可用的自动备份。"
                       "如有U盘上的备份，请用 文件 → 备份与恢复 或命令 main.py restore 恢复，或联系技术人员。")
    if fault.kind == faults.EMPTY:
        if not messages.ask(parent, "数据库是空的", f"{fault.message}\n\n要把这个空文件改名保留，"
                            "然后新建一个数据库吗？"):
            return None
        try:
            kept_as = opening.set_aside(path)
            opening.connect(path, backup_on_start=True)
        except Exception as exc:
            return _give_up(parent, exc)
        log.info("空数据库文件已改名保留为 %s", kept_as)
        return False
    if not readable:
        if good is not None:
            messages.error(parent, "无法打开数据库", fault.text())
        return None
    if not messages.ask(parent, "数据库已损坏", "要以只读方式打开这个损坏的数据库，查看和打印还能读出的内容吗？"
                        "（不能修改，也不会向它写入。）"):
        return None
    try:
        opening.connect(path, readonly=True, because="数据库文件已损坏")
    except Exception as exc:
        return _give_up(parent, exc)
    return True


def report_start_copy(window: MainWindow) -> QTimer | None:
    """The start copy runs beside the open window (models.safety.start_copy): once it ends,
    say what went wrong, if anything. A damaged file is refused every write from then on."""
    pending = start_copy.current()
    if pending is None or pending.plan is None:
        return None
    timer = QTimer(window)
    timer.setInterval(250)

    def poll() -> None:
        if not pending.copied.is_set():
            return
        timer.stop()
        error = pending.error
        if error is None:
            return
        fault = faults.classify(error)
        text = fault.text() if fault else str(error)
        if isinstance(error, DamagedFileError):
            title, refused = window.windowTitle(), dbmod.database.obj
            window.setWindowTitle(f"{title}（只读：数据库文件已损坏，请从备份恢复）")
            if messages.ask(window, "数据库已损坏", f"{text}\n\n要现在打开“备份与恢复”，从一份完好的备份恢复吗？"):
                window.backup_restore()
                if dbmod.database.obj is not refused:  # restored: a new, sound connection
                    window.setWindowTitle(title)
        else:
            messages.warn(window, "启动时的自动备份没有完成",
                          f"数据可以照常录入和保存，但启动时的自动备份没有完成：\n{text}")

    timer.timeout.connect(poll)
    timer.start()
    return timer


def close_database(parent: QWidget | None, path: str | Path) -> Path | None:
    """Close and keep a copy; a failed copy is reported but never stops the program closing."""
    try:
        return backup.at_exit(path)
    except Exception as exc:
        fault = faults.classify(exc)
        log.exception("退出时备份失败")
        text = fault.text() if fault else f"{exc}"
        messages.warn(parent, "退出时备份失败", f"数据已保存，但退出时的自动备份没有完成：\n{text}")
        return None


def _give_up(parent: QWidget | None, exc: BaseException) -> None:
    fault = faults.classify(exc)
    if fault is None:
        raise exc
    messages.error(parent, "无法打开数据库", fault.text())
