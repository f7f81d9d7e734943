"""One table model for every list: plain tuples in, instant search and sort.

A QSortFilterProxyModel costs seconds on 30,000 rows; here the search text of each row is
built once (column by column, the stored text as it is), filtering is a substring scan over
those strings in the order already sorted — and over the rows already found when the clerk
types on — and sorting reorders an index list once per click with a per-column key (names
sort by their stored 姓氏笔画 key). A cell's text is made when Qt first asks for it: a screen
shows thirty rows, not 30,000 (issue 17).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_ROOT = QModelIndex()  # the invalid index: Qt's default parent for flat models
_DISPLAY, _ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    title: str
    index: int  # position in the row tuple
    fmt: Callable[[Any], str] | None = None
    sort_index: int | None = None  # another tuple position to sort by (e.g. the stroke key)
    searchable: bool = True
    align_right: bool = False
    # search the stored value, not what is shown (masked ID numbers: every part of the masked
    # text a clerk could type is part of the stored one)
    search_raw: bool = False


def fmt_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _column_texts(values: list[Any], fmt: Callable[[Any], str] | None) -> list[str]:
    if fmt is not None:
        return [fmt(v) for v in values]
    return [v if v.__class__ is str else fmt_value(v) for v in values]


def _narrows(old: list[str], new: list[str]) -> bool:
    """Whether every row the new words find was found by the old ones (the clerk typed on)."""
    return bool(old) and len(new) >= len(old) and all(o in n for o, n in zip(old, new, strict=False))


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[tuple] = []
        self._texts: list[list[str] | None] = []  # a row's cells, made when first shown
        self._haystack: list[str] = []
        self._order: list[int] = []  # every row, in the order of the current sort
        self._view: list[int] = []
        self._needle = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data in -------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._texts = [None] * len(rows)
        searched = [(c.index, None if c.search_raw else c.fmt) for c in self.columns if c.searchable or c.search_raw]
        columns = [_column_texts([row[pos] for row in rows], fmt) for pos, fmt in searched]
        self._haystack = ["\t".join(texts).casefold() for texts in zip(*columns, strict=True)] if columns \
            else [""] * len(rows)
        self._order = self._sorted()
        self._view = self._find(self._needle.split(), self._order)
        self.endResetModel()

    def texts(self, source_row: int) -> list[str]:
        """The shown text of each cell of a row (by its position in the rows given)."""
        texts = self._texts[source_row]
        if texts is None:
            row = self._rows[source_row]
            texts = self._texts[source_row] = [(c.fmt or fmt_value)(row[c.index]) for c in self.columns]
        return texts

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
        old, new = self._needle.split(), needle.split()
        self.beginResetModel()
        self._needle = needle
        self._view = self._find(new, self._view if _narrows(old, new) else self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = self._sorted()
        self._view = self._find(self._needle.split(), self._order)
        self.layoutChanged.emit()

    def _find(self, parts: list[str], candidates: list[int]) -> list[int]:
        hay = self._haystack
        if not parts:
            return list(candidates)
        if len(parts) == 1:
            (part,) = parts
            return [i for i in candidates if part in hay[i]]
        return [i for i in candidates if all(p in hay[i] for p in parts)]

    def _sorted(self) -> list[int]:
        order = list(range(len(self._rows)))
        if self._sort is None:
            return order
        column, direction = self._sort
        col = self.columns[column]
        pos = col.sort_index if col.sort_index is not None else col.index
        rows = self._rows
        reverse = direction == Qt.SortOrder.DescendingOrder

        def key(i: int) -> tuple:
            value = rows[i][pos]
            return (value is None or value == "", "" if value is None else value)

        try:
            order.sort(key=key, reverse=reverse)
        except TypeError:  # mixed types in one column: compare as text
            order.sort(key=lambda i: fmt_value(rows[i][pos]), reverse=reverse)
        return order

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # Qt asks a dozen roles of every cell it paints: the ones this model has no answer for
        # return at the first comparison, against constants looked up once
        if role == _DISPLAY:
            return self.texts(self._view[index.row()])[index.column()] if index.isValid() else None
        if role == _ALIGN and index.isValid() and self.columns[index.column()].align_right:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return str(section + 1)
