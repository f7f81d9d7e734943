"""备份与恢复: copy the data to a USB stick, or bring an earlier state back.

The clerk sees what a backup holds (organizations, members, last change) before anything is
replaced, and is asked once; the current database is always backed up first, so a restore
can itself be undone from the list of automatic backups. Copying, checking and replacing
take seconds on a big file: they run as `ui.jobs` jobs, the restore alone (every other job
stopped first) and never cancelled halfway.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.safety import backup, faults
from models.safety.restore import RestoreResult, restore_backup
from models.store import db as dbmod
from ui import jobs
from ui.widgets import fit, messages
from ui.widgets.folders import open_folder

PATH_ROLE = Qt.ItemDataRole.UserRole
REASONS = {"start": "启动时", "exit": "退出时", "manual": "手动", "before-restore": "恢复前",
           backup.DAMAGED: "损坏的原文件"}
FILTER = "先锋台账备份 (*.db);;所有文件 (*)"


def choose_save_file(parent: QWidget | None, suggested: str) -> str:
    """Where to write a backup (tests replace this); '' when cancelled."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    path, _ = QFileDialog.getSaveFileName(parent, "备份到文件", str(folder / suggested), FILTER)
    return path


def choose_open_file(parent: QWidget | None) -> str:
    """Which backup to restore from (tests replace this); '' when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getOpenFileName(parent, "选择备份文件", folder, FILTER)
    return path


def label_for(path: Path) -> str:
    """先锋台账 backups are named …-00012-20260701-093000-exit.db: shown as 2026-07-01 09:30 退出时."""
    when, reason = backup.when_and_why(path)
    if when is None:
        return path.name
    stamp = when.strftime("%Y-%m-%d %H:%M")
    if reason.startswith("v") and reason[1:].isdigit():
        return f"{stamp}　升级前（版本 {reason[1:]}）"
    return f"{stamp}　{REASONS.get(reason, reason)}"


class BackupRestoreDialog(QDialog):
    restored = Signal()  # the database was replaced: every view must reload

    def __init__(self, parent: QWidget | None, db_path: str | Path) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.setWindowTitle("备份与恢复")
        intro = QLabel(
            f"数据库：{self.db_path}\n程序在每次启动和退出时自动备份到：{backup.backups_dir()}\n"
            "（保留最近 10 份，另外每月保留 1 份）。建议定期备份到U盘，存放在另一处。", self)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(lambda *_a: self._show_selected())
        self.list.itemDoubleClicked.connect(lambda _i: self.restore_selected())
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton("备份到文件…", self)
        self.backup_button.setToolTip("把当前数据库备份到U盘或其他位置，备份后自动校验")
        self.backup_button.clicked.connect(self.backup_to_file)
        self.restore_file_button = QPushButton("从文件恢复…", self)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.restore_button = QPushButton("恢复所选备份", self)
        self.restore_button.clicked.connect(self.restore_selected)
        folder_button = QPushButton("打开备份文件夹", self)
        folder_button.clicked.connect(self._open_folder)
        row = QHBoxLayout()
        for button in (self.backup_button, self.restore_file_button, self.restore_button, folder_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("自动备份（最新的在最上面）：", self))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        layout.addWidget(close)
        if dbmod.is_readonly():
            for button in (self.restore_file_button, self.restore_button):
                button.setEnabled(False)
                button.setToolTip("只读方式打开时不能恢复：另一个窗口正在使用这个数据库")
        self.reload()
        fit.to_screen(self, 720, 520)

    def reload(self) -> None:
        self.list.clear()
        for path in backup.list_backups(self.db_path):
            item = QListWidgetItem(label_for(path))
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._show_selected()

    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None

    def _show_selected(self) -> None:
        path = self.selected_path()
        self.restore_button.setEnabled(path is not None and not dbmod.is_readonly())
        if path is None:
            self.details.setText("还没有自动备份。")
            return
        try:
            info = backup.inspect_backup(path)
        except Exception as exc:
            self.details.setText(self._fault_text(exc))
            return
        self.details.setText(info.describe())

    # --- actions ---------------------------------------------------------------------------
    def backup_to_file(self) -> jobs.Job | None:
        chosen = choose_save_file(self, f"先锋台账备份{dt.date.today():%Y%m%d}.db")
        if not chosen:
            return None
        dest = Path(chosen)
        if not dest.suffix:
            dest = dest.with_suffix(".db")
        return self._run(lambda _token: backup.backup_to(self.db_path, dest), "备份失败", "正在备份并校验……",
                         lambda _path: messages.info(self, "备份完成", f"已备份到：\n{dest}\n备份文件已校验完好。"))

    def restore_from_file(self) -> bool:
        chosen = choose_open_file(self)
        return bool(chosen) and self.restore(Path(chosen))

    def restore_selected(self) -> bool:
        path = self.selected_path()
        return path is not None and self.restore(path)

    def restore(self, path: Path) -> bool:
        """Show what the file holds, ask, then replace the database (backed up first).
        True when the restore was started; `restored` says when it is done."""
        try:
            info = backup.inspect_backup(path)
        except Exception as exc:
            messages.warn(self, "不能恢复", self._fault_text(exc))
            return False
        if info.newer:
            messages.warn(self, "不能恢复", "这个备份由较新版本的先锋台账创建，本程序不能恢复它。"
                          "请先安装最新版本的先锋台账。")
            return False
        question = (f"{info.describe()}\n\n恢复后，当前数据库中的内容将被这个备份替换。"
                    "替换前会自动备份当前数据库，需要时可以再恢复回来。\n\n确定要恢复吗？")
        if not messages.ask(self, "确认恢复", question):
            return False
        # The restore runs on a worker, which can close only its own connection: this thread's
        # goes now (Windows cannot replace an open file); it opens again on the restored file.
        if dbmod.database.obj is not None:
            dbmod.database.obj.close()
        self._run(lambda _token: restore_backup(path, self.db_path), "恢复失败", "正在恢复数据库……",
                  self._restored, exclusive=True)
        return True

    def _restored(self, result: RestoreResult) -> None:
        kept = f"\n恢复前的数据库已备份到：\n{result.safety_backup}" if result.safety_backup else ""
        upgraded = (f"\n备份的数据结构已从版本 {result.migrated_from} 升级。"
                    if result.migrated_from is not None else "")
        messages.info(self, "恢复完成", f"已从备份恢复：党组织 {result.info.organizations} 个，"
                      f"党员 {result.info.members} 名。{upgraded}{kept}")
        self.restored.emit()
        self.reload()

    # --- helpers ---------------------------------------------------------------------------
    def _run(self, work: Callable[[jobs.Token], Any], title: str, label: str, then: Callable[[Any], None],
             exclusive: bool = False) -> jobs.Job:
        """A job that writes (a file, or the database): the dialog waits for it, a known fault
        is said under `title`, a bug goes to the crash dialog."""
        self.setEnabled(False)

        def done(value: Any) -> None:
            self.setEnabled(True)
            then(value)

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            jobs.show_error(self, title, exc)

        return jobs.run(work, receiver=self, title=title, label=label, on_done=done, on_error=failed,
                        writes=True, exclusive=exclusive)

    @staticmethod
    def _fault_text(exc: BaseException) -> str:
        fault = faults.classify(exc)
        if fault is None:
            raise exc
        return fault.text()

    def _open_folder(self) -> None:
        open_folder(backup.backups_dir())
