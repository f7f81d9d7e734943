"""One table model for every list: plain tuples in, instant search and sort.

A QSortFilterProxyModel costs seconds on 30,000 rows; here the search text of each row is
built once, filtering is a substring scan over those strings, and sorting reorders an index
list with a per-column key (names sort by their stored 姓氏笔画 key).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_ROOT = QModelIndex()  # the invalid index: Qt's default parent for flat models


@dataclass(frozen=True)
class Column:
    title: str
    index: int  # position in the row tuple
    fmt: Callable[[Any], str] | None = None
    sort_index: int | None = None  # another tuple position to sort by (e.g. the stroke key)
    searchable: bool = True
    align_right: bool = False
    search_raw: bool = False  # search the stored value, not what is shown (masked ID numbers)


def fmt_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[tuple] = []
        self._texts: list[list[str]] = []
        self._haystack: list[str] = []
        self._view: list[int] = []
        self._needle = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data in -------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._texts = [[(c.fmt or fmt_value)(row[c.index]) for c in self.columns] for row in rows]
        searchable = [i for i, c in enumerate(self.columns) if c.searchable]
        raw = [(i, c.index) for i, c in enumerate(self.columns) if c.search_raw]
        self._haystack = [
            "\t".join([texts[i] for i in searchable] + [fmt_value(row[pos]) for _i, pos in raw]).casefold()
            for row, texts in zip(rows, self._texts, strict=False)
        ]
        self._apply()
        self.endResetModel()

    def row_tuple(self, view_row: int) -> tuple:
        return self._rows[self._view[view_row]]

    def view_row_of(self, predicate: Callable[[tuple], bool]) -> int | None:
        for view_row, source in enumerate(self._view):
            if predicate(self._rows[source]):
                return view_row
        return None

    @property
    def total(self) -> int:
        return len(self._rows)

    # --- search and sort --------------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        self.beginResetModel()
        self._needle = needle
        self._apply()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()

    def _apply(self) -> None:
        parts = self._needle.split()
        if parts:
            hay = self._haystack
            view = [i for i in range(len(hay)) if all(p in hay[i] for p in parts)]
        else:
            view = list(range(len(self._rows)))
        if self._sort is not None:
            column, order = self._sort
            col = self.columns[column]
            pos = col.sort_index if col.sort_index is not None else col.index
            rows = self._rows

            def key(i: int) -> tuple:
                value = rows[i][pos]
                return (value is None or value == "", "" if value is None else value)

            try:
                view.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
            except TypeError:  # mixed types in one column: compare as text
                view.sort(key=lambda i: fmt_value(rows[i][pos]), reverse=order == Qt.SortOrder.DescendingOrder)
        self._view = view

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[self._view[index.row()]][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return str(section + 1)
