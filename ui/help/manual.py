"""帮助 → 使用说明: the offline manual, searchable, inside the program.

Office PCs often have no internet, so the manual cannot be a web page. It is one Markdown
file (`resources/manual/manual.md`) shown by Qt's own Markdown reader, with a contents list
and a search box that marks every place a word occurs. Pictures of the real screens are made
from the program itself (`ui.help.manual_pictures`, run by the build) and never committed; a
picture that is not there is left out rather than shown as a broken image.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import fit

_IMAGE = re.compile(r"^!\[[^\]]*\]\(([^)]+)\)\s*$")
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*$")
MARK = QColor("#ffe08a")
CURRENT = QColor("#f5a623")


def manual_dir() -> Path:
    """Beside the code from source; inside the bundle when frozen (PyInstaller's _MEIPASS)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "manual"


def pictures_dir() -> Path:
    return manual_dir() / "pictures"


@dataclass(frozen=True)
class Section:
    title: str
    level: int  # 2 for a chapter, 3 for a part of one


def load_text(folder: Path | None = None, pictures: Path | None = None) -> str:
    """The manual's Markdown with every picture that is not on disk left out."""
    folder = folder or manual_dir()
    pictures = pictures or pictures_dir()
    try:
        text = (folder / "manual.md").read_text(encoding="utf-8")
    except OSError:
        return "# 使用说明\n\n找不到使用说明文件（resources/manual/manual.md），请重新安装先锋台账。\n"
    lines = []
    for line in text.splitlines():
        m = _IMAGE.match(line)
        if m and not (pictures / m.group(1)).is_file():
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def sections(text: str) -> list[Section]:
    return [Section(m.group(2), len(m.group(1))) for line in text.splitlines() if (m := _HEADING.match(line))]


class ManualDialog(QDialog):
    """Contents on the left, the manual on the right, a search box above both."""

    def __init__(self, parent: QWidget | None = None, text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        text = load_text() if text is None else text
        self.search = QLineEdit(self)
        self.search.setObjectName("manual_search")
        self.search.setPlaceholderText("查找：输入词语，回车找下一处")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("manual_count")
        self.contents = QListWidget(self)
        self.contents.setObjectName("manual_contents")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("manual_text")
        self.browser.setOpenLinks(False)  # nothing leaves the program
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(pictures_dir()) + "/"))
        self.browser.setMarkdown(text)
        for section in sections(text):
            item = QListWidgetItem(("　" if section.level == 3 else "") + section.title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, section.title)
        em = self.fontMetrics().horizontalAdvance("中")
        self.contents.setMaximumWidth(em * 16)
        self.matches: list[QTextCursor] = []
        self.current = -1

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([em * 15, em * 77])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")
        # Enter in the search box steps to the next place; as a dialog's auto-default button
        # 关闭 would take that Enter too and shut the manual (Esc still closes it)
        close.setAutoDefault(False)
        close.setDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self.find_all)
        self.search.returnPressed.connect(lambda: self.step(1))
        QShortcut(QKeySequence("Shift+Return"), self.search, lambda: self.step(-1))
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.contents.currentItemChanged.connect(self._go_to_section)
        fit.to_screen(self, em * 92, em * 58)  # the pictures are 820 pixels wide

    # --- contents -----------------------------------------------------------------------
    def _go_to_section(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        title = item.data(Qt.ItemDataRole.UserRole)
        block = self.browser.document().begin()
        while block.isValid():
            if block.text().strip() == title and block.blockFormat().headingLevel():
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                # the heading at the top of the view, not wherever ensureCursorVisible leaves it
                bar = self.browser.verticalScrollBar()
                bar.setValue(min(bar.maximum(), int(self.browser.document().documentLayout()
                                                    .blockBoundingRect(block).top())))
                return
            block = block.next()

    # --- search -------------------------------------------------------------------------
    def find_all(self, word: str) -> int:
        """Marks every place the word occurs and goes to the first; returns how many."""
        word = word.strip()
        self.matches = []
        document = self.browser.document()
        if word:
            cursor = document.find(word, 0)
            while not cursor.isNull():
                self.matches.append(QTextCursor(cursor))
                cursor = document.find(word, cursor)
        self.current = 0 if self.matches else -1
        self._show_marks()
        if not word:
            self.count.setText("")
        elif self.matches:
            self.count.setText(f"第 1 处，共 {len(self.matches)} 处")
        else:
            self.count.setText("没有找到")
        self.search.setStyleSheet("" if self.matches or not word else "background: #fbe3e1;")
        return len(self.matches)

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + direction) % len(self.matches)
        self.count.setText(f"第 {self.current + 1} 处，共 {len(self.matches)} 处")
        self._show_marks()

    def _show_marks(self) -> None:
        marks = []
        for i, cursor in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[misc]  # PySide6 exposes these as plain attributes
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT if i == self.current else MARK)
            selection.format = fmt  # type: ignore[misc]
            marks.append(selection)
        self.browser.setExtraSelections(marks)
        if self.current >= 0:
            here = QTextCursor(self.matches[self.current])
            here.clearSelection()
            self.browser.setTextCursor(here)
            self.browser.ensureCursorVisible()

    def text(self) -> str:
        return self.browser.document().toPlainText()

