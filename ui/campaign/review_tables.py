"""Table models for typing a quarterly review's paper results back in: attendance and tallies.

A 300-member branch means 300 × 16 numbers on the 群众评议 sheet alone, so these are plain
QAbstractTableModels over lists (no widget per cell). Counts come in blocks of four (one
per grade or level); a block whose sum is more than the people who voted is painted red,
the same rule models/reviews.py enforces on save.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from models.constants import ATTENDANCE

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: Qt's default parent for flat models


OVER_BG = QBrush(QColor("#fbe3e1"))
OVER_FG = QBrush(QColor("#b3261e"))
SUM_BG = QBrush(QColor("#f3f0ea"))
SHADE_BG = QBrush(QColor("#eef3f8"))  # every other block, so the eye keeps to one item
STATE_FG = {"请假": QBrush(QColor("#a15c00")), "缺席": QBrush(QColor("#b3261e"))}
MAX_COUNT = 99999
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass(frozen=True)
class Block:
    """Four (or so) adjacent count columns checked together against one voter count."""

    title: str  # shown above each level, e.g. “党员” or “①”; "" for none
    levels: tuple[str, ...]
    limit: str  # key into the model's limits, e.g. “voters”, “党员”, “群众”
    with_sum: bool = True
    tip: str = ""
    full_levels: tuple[str, ...] = ()  # when `levels` are shortened for narrow headers
    shaded: bool = False


class CountsModel(QAbstractTableModel):
    """Rows (a member or a rated item) × blocks of integer counts."""

    edited = Signal()

    def __init__(self, label_title: str, labels: Sequence[str], keys: Sequence[Any], blocks: Sequence[Block],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label_title = label_title
        self.labels = list(labels)
        self.keys = list(keys)
        self.blocks = list(blocks)
        self.limits: dict[str, int] = {}
        self.values = [[[0] * len(b.levels) for b in self.blocks] for _ in self.labels]
        self._columns: list[tuple[int, int | None]] = []  # (block, level or None for the sum)
        for bi, block in enumerate(self.blocks):
            self._columns += [(bi, li) for li in range(len(block.levels))]
            if block.with_sum:
                self._columns.append((bi, None))

    # --- values -------------------------------------------------------------------------
    def set_limit(self, name: str, value: int) -> None:
        if self.limits.get(name) == value:
            return
        self.limits[name] = value
        if self.labels:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.labels) - 1, self.columnCount() - 1))

    def block_sum(self, row: int, block: int) -> int:
        return sum(self.values[row][block])

    def over(self, row: int, block: int) -> bool:
        return self.block_sum(row, block) > self.limits.get(self.blocks[block].limit, 0)

    def set_counts(self, key: Any, block: int, counts: Sequence[int]) -> bool:
        """Load saved counts; False when the key (a member) is no longer a row here."""
        try:
            row = self.keys.index(key)
        except ValueError:
            return False
        self.values[row][block] = [int(v) for v in counts]
        return True

    def counts(self, row: int, block: int) -> tuple[int, ...]:
        return tuple(self.values[row][block])

    def clear(self) -> None:
        self.beginResetModel()
        self.values = [[[0] * len(b.levels) for b in self.blocks] for _ in self.labels]
        self.endResetModel()
        self.edited.emit()

    def over_rows(self) -> list[int]:
        return [r for r in range(len(self.labels)) if any(self.over(r, b) for b in range(len(self.blocks)))]

    # --- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.labels)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 1 + len(self._columns)

    def column_of(self, block: int, level: int | None) -> int:
        return 1 + self._columns.index((block, level))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() > 0 and self._columns[index.column() - 1][1] is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if col == 0:
            return self.labels[row] if role == DISPLAY else None
        block, level = self._columns[col - 1]
        value = self.block_sum(row, block) if level is None else self.values[row][block][level]
        if role in (DISPLAY, EDIT):
            return value if (role == EDIT or value or level is None) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        over = self.over(row, block)
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVER_BG if over else SUM_BG if level is None else SHADE_BG if self.blocks[block].shaded else None
        if role == Qt.ItemDataRole.ForegroundRole and over:
            return OVER_FG
        if role == Qt.ItemDataRole.ToolTipRole and over:
            b = self.blocks[block]
            return (f"{self.labels[row]}{('“' + b.tip + '”') if b.tip else ''}合计 {self.block_sum(row, block)} 张，"
                    f"超过参加评议的 {self.limits.get(b.limit, 0)} 人")
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        text = str(value).strip() if value is not None else ""
        try:
            number = int(text) if text else 0
        except ValueError:
            return False
        if not 0 <= number <= MAX_COUNT:
            return False
        block, level = self._columns[index.column() - 1]
        assert level is not None
        if self.values[index.row()][block][level] == number:
            return True
        self.values[index.row()][block][level] = number
        first = self.column_of(block, 0)
        self.dataChanged.emit(self.index(index.row(), first), self.index(index.row(), self.columnCount() - 1))
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == DISPLAY else None
        if section == 0:
            return self.label_title if role == DISPLAY else None
        block, level = self._columns[section - 1]
        b = self.blocks[block]
        name = "合计" if level is None else b.levels[level]
        if role == DISPLAY:
            return f"{b.title}\n{name}" if b.title else name
        if role == Qt.ItemDataRole.ToolTipRole:
            full = b.full_levels[level] if level is not None and b.full_levels else name
            return f"{b.tip or b.title}：{full}" if (b.tip or b.title) else full
        return None


class AttendanceModel(QAbstractTableModel):
    """出席 / 请假 / 缺席 for every member on the roll; a reason only for 请假."""

    edited = Signal()
    COLUMNS = ("姓名", "出勤情况", "请假原因")

    def __init__(self, names: Sequence[str], member_ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = list(names)
        self.member_ids = list(member_ids)
        self.states = ["出席"] * len(self.names)
        self.reasons = [""] * len(self.names)

    def set_entry(self, member_id: int, state: str, reason: str) -> bool:
        try:
            row = self.member_ids.index(member_id)
        except ValueError:
            return False
        self.states[row], self.reasons[row] = state, reason
        return True

    def set_all(self, state: str) -> None:
        self.beginResetModel()
        self.states = [state] * len(self.names)
        self.endResetModel()
        self.edited.emit()

    def tally(self) -> dict[str, int]:
        counts = dict.fromkeys(ATTENDANCE, 0)
        for s in self.states:
            counts[s] = counts.get(s, 0) + 1
        return counts

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1 or (index.column() == 2 and self.states[index.row()] == "请假"):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role in (DISPLAY, EDIT):
            return (self.names[row], self.states[row], self.reasons[row] if self.states[row] == "请假" else "")[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return STATE_FG.get(self.states[row])
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and self.states[row] == "请假" and not self.reasons[row]:
            return "请假需填写原因"
        if role == Qt.ItemDataRole.BackgroundRole and col == 2 and self.states[row] == "请假" and not self.reasons[row]:
            return OVER_BG
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = index.row()
        if index.column() == 1:
            if value not in ATTENDANCE:
                return False
            self.states[row] = value
        else:
            self.reasons[row] = str(value).strip()
        self.dataChanged.emit(self.index(row, 1), self.index(row, 2))
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role != DISPLAY:
            return None
        return self.COLUMNS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)


class CountDelegate(QStyledItemDelegate):
    """A bare number field: digits only, no spin arrows to crowd a narrow column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        # digits only, and blank is acceptable (read as 0) so Enter on an empty cell moves on
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"), editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(EDIT)
        assert isinstance(editor, QLineEdit)
        editor.setText(str(value) if value else "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), EDIT)


class ChoiceDelegate(QStyledItemDelegate):
    def __init__(self, options: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = list(options)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.addItems(self.options)
        editor.activated.connect(lambda _i: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(EDIT)))

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), EDIT)


class TallyTable(QTableView):
    """Enter goes down a column, as when copying a paper sheet (Tab still goes right); it
    never reaches the dialog's default button, so Enter cannot close the dialog by accident."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.state() != QAbstractItemView.State.EditingState:  # else closeEditor moves down
                self._down()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # the editor took an Enter
            self._down()

    def _down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(current.sibling(current.row() + 1, current.column()))
