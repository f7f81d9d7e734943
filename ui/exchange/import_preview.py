"""The import preview table: one line per roster row, problems highlighted, 10,000 rows fast."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.exchange.roster_import import NEW, REJECT, SKIP, UPDATE, RowOutcome
from models.roster.idcard import mask_id

_ROOT = QModelIndex()  # the invalid index: Qt's default parent for flat models


HEADERS = ("行", "处理", "姓名", "公民身份证号", "所在党组织", "问题和说明")
_COLOURS = {REJECT: QColor("#f8d7da"), UPDATE: QColor("#e7f1ff"), SKIP: QColor("#eeeeee")}
_NOTE = QColor("#fff3cd")


def explain(row: RowOutcome) -> str:
    """What the clerk should know about a row, in one line."""
    parts = [str(p) for p in row.problems]
    if row.action == UPDATE and row.changes:
        parts.insert(0, "将更新：" + "、".join(row.changes))
    if row.action == NEW and row.new_org:
        parts.insert(0, f"将新建党支部“{row.new_org}”")
    return "；".join(parts)


class PreviewModel(QAbstractTableModel):
    """Rows of a preview; `only_problems` hides the rows that go in without remark."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[RowOutcome] = []
        self._rows: list[RowOutcome] = []
        self._texts: list[tuple[str, ...]] = []
        self.only_problems = False

    def set_rows(self, rows: list[RowOutcome]) -> None:
        self.beginResetModel()
        self._all = rows
        self._apply()
        self.endResetModel()

    def set_only_problems(self, on: bool) -> None:
        self.beginResetModel()
        self.only_problems = on
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        self._rows = [r for r in self._all if r.problems or r.action == REJECT] if self.only_problems \
            else list(self._all)
        self._texts = [(str(r.row), r.action, r.name, mask_id(r.id_number), r.org_label, explain(r))
                       for r in self._rows]

    def outcome(self, view_row: int) -> RowOutcome:
        return self._rows[view_row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._texts[index.row()][index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole or index.column() == 5 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _COLOURS.get(row.action)
            if colour is None and row.problems:
                colour = _NOTE
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
