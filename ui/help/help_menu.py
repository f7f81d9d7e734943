"""帮助 → 快捷键 and 关于: what the keys do, which version this is, where its files are.

A clerk asked by the county's technician "which version, where is the database, send me the
log" finds all three in 关于, with buttons that open the folders. The key list is read from
the window's own actions, so it cannot fall behind the menus.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.store import paths
from ui.help.version import version
from ui.widgets import fit
from ui.widgets.folders import open_folder

# Keys that belong to forms and lists rather than to a menu entry.
FORM_KEYS = (
    ("Enter", "保存（在单行输入框中）；在列表中打开选中的一项"),
    ("Ctrl+Enter / Ctrl+S", "保存（在多行输入框中也可以）"),
    ("Esc", "取消或关闭对话框（有未保存的修改时会先询问）"),
    ("Ctrl+S", "保存概况（概况页）"),
    ("Ctrl+F", "跳到列表上方的搜索框"),
)


def logs_dir() -> Path:
    return paths.data_dir() / "logs"  # where main.py writes xianfeng.log


def menu_keys(window: QMainWindow) -> list[tuple[str, str]]:
    """(key, what it does) for every action of the window that has a key, menu by menu."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    menus = [(a.text(), a.menu()) for a in window.menuBar().actions() if a.menu() is not None]
    for title, menu in menus:
        for action in menu.actions():
            _add(rows, seen, action, _plain(title) + " → ")
    for action in window.actions():  # 新增党员, the committee's page keys …
        _add(rows, seen, action, "")
    return rows


def _add(rows: list[tuple[str, str]], seen: set[int], action: QAction, prefix: str) -> None:
    keys = action.shortcut()
    if keys.isEmpty() or id(action) in seen:
        return
    seen.add(id(action))
    rows.append((keys.toString(QKeySequence.SequenceFormat.NativeText), prefix + _plain(action.text())))


def _plain(text: str) -> str:
    """Menu text without its accelerator: 文件(&F) → 文件."""
    return text.split("(&")[0].replace("&", "").strip()


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("快捷键")
        rows = menu_keys(window) + list(FORM_KEYS)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["按键", "作用"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit.to_screen(self, 560, 520)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, db_path: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于先锋台账")
        title = QLabel(f"<b>先锋台账</b>　版本 {version()}", self)
        title.setObjectName("about_version")
        note = QLabel("基层党组织创先争优活动台账。所有数据保存在本机，不需要联网。\n"
                      "请技术人员协助时，请告诉对方版本号，并按需要把日志文件夹中的 xianfeng.log 发给对方。", self)
        note.setWordWrap(True)
        grid = QGridLayout()
        self.folders: dict[str, Path] = {"data": paths.data_dir(), "logs": logs_dir()}
        self.open_buttons: dict[str, QPushButton] = {}
        rows = (("数据库文件：", Path(db_path), None), ("数据文件夹：", self.folders["data"], "data"),
                ("日志文件夹：", self.folders["logs"], "logs"))
        for r, (label, path, key) in enumerate(rows):
            grid.addWidget(QLabel(label, self), r, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            shown = QLabel(str(path), self)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(shown, r, 1)
            if key is not None:
                button = QPushButton("打开", self)
                button.setToolTip(f"在资源管理器中打开{label.rstrip('：')}")
                button.clicked.connect(lambda _c=False, k=key: open_folder(self.folders[k]))
                grid.addWidget(button, r, 2, Qt.AlignmentFlag.AlignTop)
                self.open_buttons[key] = button
        grid.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit.to_screen(self, 560, 0)


def install(window: QMainWindow, db_path: str) -> QAction:
    """The 帮助 menu, last on the menu bar; returns its 使用说明 entry (F1)."""
    from ui.help.manual import ManualDialog

    menu = window.menuBar().addMenu("帮助(&H)")
    manual = QAction("使用说明…", window)
    manual.setShortcut(QKeySequence("F1"))
    manual.triggered.connect(lambda: ManualDialog(window).exec())
    menu.addAction(manual)
    keys = QAction("快捷键…", window)
    keys.setShortcut(QKeySequence("Shift+F1"))
    keys.triggered.connect(lambda: ShortcutsDialog(window).exec())
    menu.addAction(keys)
    menu.addSeparator()
    about = QAction("关于先锋台账…", window)
    about.triggered.connect(lambda: AboutDialog(window, db_path).exec())
    menu.addAction(about)
    return keys
