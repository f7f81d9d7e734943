"""The numbered items of one pledge, as editable rows (草稿/退回) or as 践诺 rows (已审定/已公示).

Rows are widgets rather than a table because an item is a paragraph of text with its own
deadline, standard and error line; a pledge has at most twenty of them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.constants import ITEM_STATES
from ui.widgets.form import ERROR_STYLE, INVALID_FRAME

EDIT, FULFIL, VIEW = "edit", "fulfil", "view"
ROW_STYLE = "QFrame#item_row { border: 1px solid #d9d2c5; border-radius: 4px; background: #fffdf8; }"
STATE_COLOURS = {"未开始": "#6b6b6b", "进行中": "#1f5fa8", "已兑现": "#2e7d32", "未兑现": "#b3261e"}


@dataclass
class ItemData:
    """One item as the dialog holds it; `id` is None for an item not saved yet."""

    content: str = ""
    standard: str = ""
    deadline: str = ""
    id: int | None = None
    state: str = "未开始"
    reason: str = ""
    progress: str = ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _lines_edit(parent: QWidget, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class ItemRow(QFrame):
    """One numbered item; which widgets exist depends on the mode."""

    changed = Signal()
    move_requested = Signal(object, int)  # row, -1 up / +1 down
    remove_requested = Signal(object)

    def __init__(self, data: ItemData, mode: str, standards: Sequence[str], year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item_row")
        self.setStyleSheet(ROW_STYLE)
        self.mode = mode
        self.item_id = data.id
        self.number = QLabel(self)
        self.number.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.number.setMinimumWidth(self.fontMetrics().horizontalAdvance("20.") + 8)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.number, 0, 0, 3, 1)
        if mode == EDIT:
            self._build_edit(grid, data, standards, year)
            grid.addWidget(self.error, 3, 1, 1, 2)
        else:
            self._build_fulfil(grid, data)
        grid.setColumnStretch(1, 1)

    # --- building ---------------------------------------------------------------------------
    def _build_edit(self, grid: QGridLayout, data: ItemData, standards: Sequence[str], year: int) -> None:
        self.content = _lines_edit(self, 3)
        self.content.setPlaceholderText("具体、可操作、可检查，如：结对帮扶困难户 2 户，年内每户增收 3000 元以上")
        self.content.setPlainText(data.content)
        self.content.textChanged.connect(self.changed)
        self.standard = QComboBox(self)
        self.standard.addItem("（不指定）", "")
        for s in standards:
            self.standard.addItem(s, s)
        if data.standard and self.standard.findData(data.standard) < 0:
            self.standard.addItem(data.standard, data.standard)  # a stored value no longer offered
        self.standard.setCurrentIndex(max(self.standard.findData(data.standard), 0))
        self.standard.currentIndexChanged.connect(self.changed)
        self.deadline = QLineEdit(_text(data.deadline), self)
        self.deadline.setPlaceholderText(f"如 {year}-12-31")
        self.deadline.textChanged.connect(self.changed)
        up, down, remove = (QPushButton(t, self) for t in ("上移", "下移", "删除"))
        up.setToolTip("把这一项往前移")
        down.setToolTip("把这一项往后移")
        remove.setToolTip("删除这一项")
        up.clicked.connect(lambda: self.move_requested.emit(self, -1))
        down.clicked.connect(lambda: self.move_requested.emit(self, 1))
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.up_button, self.down_button, self.remove_button = up, down, remove
        side = QGridLayout()
        side.setVerticalSpacing(4)
        side.addWidget(QLabel("对应标准：", self), 0, 0)
        side.addWidget(self.standard, 0, 1)
        side.addWidget(QLabel("完成时限：", self), 1, 0)
        side.addWidget(self.deadline, 1, 1)
        moves = QHBoxLayout()
        moves.addStretch(1)
        for b in (up, down, remove):
            moves.addWidget(b)
        side.addLayout(moves, 2, 0, 1, 2)
        grid.addWidget(self.content, 0, 1, 3, 1)
        grid.addLayout(side, 0, 2, 3, 1)

    def _build_fulfil(self, grid: QGridLayout, data: ItemData) -> None:
        self.data_fixed = data  # content, standard and deadline cannot change once approved
        content = QLabel(data.content, self)
        content.setWordWrap(True)
        content.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content.setStyleSheet("font-size: 10.5pt;")
        facts = QLabel(f"对应标准：{data.standard or '（不指定）'}　　完成时限：{_text(data.deadline)}", self)
        facts.setStyleSheet("color: #5f5f5f;")
        grid.addWidget(content, 0, 1, 1, 4)
        grid.addWidget(facts, 1, 1, 1, 4)
        self.state = QComboBox(self)
        self.state.addItems(ITEM_STATES)
        self.state.setCurrentText(data.state or "未开始")
        self.reason = QLineEdit(data.reason, self)
        self.reason.setPlaceholderText("标为“未兑现”时必须写明原因")
        self.progress = _lines_edit(self, 2)
        self.progress.setPlaceholderText("做了什么、进展到哪一步（每季度可更新）")
        self.progress.setPlainText(data.progress)
        self.reason_label = QLabel("未兑现原因：", self)
        if self.mode == VIEW:  # read, not greyed out: an evaluated pledge is a record to look at
            self._build_view(grid, data)
            return
        line = QHBoxLayout()
        line.addWidget(self.state)
        line.addSpacing(12)
        line.addWidget(self.reason_label)
        line.addWidget(self.reason, 1)
        sub = QGridLayout()
        sub.setVerticalSpacing(4)
        sub.addWidget(QLabel("践诺状态：", self), 0, 0)
        sub.addLayout(line, 0, 1)
        progress_label = QLabel("践诺情况：", self)
        progress_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        sub.addWidget(progress_label, 1, 0)
        sub.addWidget(self.progress, 1, 1)
        sub.addWidget(self.error, 2, 1)
        sub.setColumnStretch(1, 1)
        grid.addLayout(sub, 2, 1, 1, 4)
        self.state.currentTextChanged.connect(self._state_changed)
        self.reason.textChanged.connect(self.changed)
        self.progress.textChanged.connect(self.changed)
        self._state_changed(self.state.currentText(), emit=False)

    def _build_view(self, grid: QGridLayout, data: ItemData) -> None:
        for w in (self.state, self.reason, self.progress, self.reason_label):
            w.setVisible(False)
        colour = STATE_COLOURS.get(data.state, "#000")
        text = f"践诺状态：<b style='color:{colour}'>{escape(data.state)}</b>"
        if data.reason:
            text += f"　　未兑现原因：{escape(data.reason)}"
        if data.progress:
            text += f"<br>践诺情况：{escape(data.progress).replace(chr(10), '<br>')}"
        shown = QLabel(text, self)
        shown.setTextFormat(Qt.TextFormat.RichText)
        shown.setWordWrap(True)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(shown, 2, 1, 1, 4)

    def _state_changed(self, state: str, emit: bool = True) -> None:
        colour = STATE_COLOURS.get(state, "#000")
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold;")
        unfulfilled = state == "未兑现"
        self.reason.setEnabled(unfulfilled)
        self.reason_label.setEnabled(unfulfilled)
        if emit:
            self.changed.emit()

    # --- values -----------------------------------------------------------------------------
    def set_number(self, n: int, count: int) -> None:
        self.number.setText(f"{n}.")
        if self.mode == EDIT:
            self.up_button.setEnabled(n > 1)
            self.down_button.setEnabled(n < count)

    def value(self) -> ItemData:
        if self.mode == EDIT:
            return ItemData(self.content.toPlainText(), self.standard.currentData() or "",
                            self.deadline.text(), self.item_id)
        d = self.data_fixed
        return ItemData(d.content, d.standard, _text(d.deadline), self.item_id, self.state.currentText(),
                        self.reason.text(), self.progress.toPlainText())

    def is_blank(self) -> bool:
        v = self.value()
        return self.mode == EDIT and not v.content.strip() and not v.deadline.strip()

    def show_errors(self, errors: dict[str, str]) -> None:
        """errors: field ('' for the content, 'deadline', 'standard', 'reason', …) → message."""
        self.error.setText("\n".join(dict.fromkeys(errors.values())))
        self.error.setVisible(bool(errors))
        if self.mode == EDIT:
            targets = {"": self.content, "deadline": self.deadline, "standard": self.standard}
        else:
            targets = {"state": self.state, "reason": self.reason, "progress": self.progress}
        for key, widget in targets.items():
            if key == "state":
                continue  # keeps its colour; the message says what is wrong
            widget.setStyleSheet(INVALID_FRAME if key in errors else "")

    def first_widget(self) -> QWidget:
        return self.content if self.mode == EDIT else self.state


class ItemsEditor(QWidget):
    """The ordered rows; numbering follows the order on screen, as it will be printed."""

    changed = Signal()

    def __init__(self, mode: str, standards: Sequence[str], year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.year = year
        self.standards = tuple(standards)
        self.rows: list[ItemRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)

    def set_items(self, items: Sequence[ItemData]) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for data in items:
            self._append(data)
        self._renumber()

    def add_item(self, data: ItemData | None = None) -> ItemRow:
        row = self._append(data or ItemData())
        self._renumber()
        self.changed.emit()
        row.first_widget().setFocus()
        return row

    def _append(self, data: ItemData) -> ItemRow:
        row = ItemRow(data, self.mode, self.standards, self.year, self)
        row.changed.connect(self.changed)
        row.move_requested.connect(self.move)
        row.remove_requested.connect(self.remove)
        self._layout.insertWidget(len(self.rows), row)
        row.show()  # the layout would only show it on the next event loop turn
        self.rows.append(row)
        return row

    def move(self, row: ItemRow, delta: int) -> None:
        i = self.rows.index(row)
        j = i + delta
        if not 0 <= j < len(self.rows):
            return
        self.rows[i], self.rows[j] = self.rows[j], self.rows[i]
        self._layout.removeWidget(row)
        self._layout.insertWidget(j, row)
        self._renumber()
        self.changed.emit()

    def remove(self, row: ItemRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._renumber()
        self.changed.emit()

    def _renumber(self) -> None:
        for n, row in enumerate(self.rows, 1):
            row.set_number(n, len(self.rows))

    def values(self) -> list[ItemData]:
        return [row.value() for row in self.rows]

    def filled_rows(self) -> list[ItemRow]:
        """Rows to save: a row left completely blank is ignored rather than refused."""
        return [row for row in self.rows if not row.is_blank()]

    def show_errors(self, errors: dict[str, str], rows: Sequence[ItemRow] | None = None) -> list[str]:
        """Put items.<n>[.<field>] messages beside row n of `rows` (the rows that were saved);
        returns the messages that belong to no row."""
        rows = list(rows if rows is not None else self.rows)
        per_row: dict[int, dict[str, str]] = {}
        outside = []
        for key, message in errors.items():
            parts = key.split(".")
            if parts[0] == "items" and len(parts) >= 2 and parts[1].isdigit() and 0 < int(parts[1]) <= len(rows):
                per_row.setdefault(int(parts[1]) - 1, {})[".".join(parts[2:])] = message
            else:
                outside.append(message)
        for _i, row in enumerate(self.rows):
            row.show_errors(per_row.get(rows.index(row), {}) if row in rows else {})
        first = min(per_row, default=None)
        if first is not None:
            rows[first].first_widget().setFocus()
        return outside
