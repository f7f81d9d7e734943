"""A small read-only table of figures, each cell remembering the records it comes from.

The ledger's tables are short (four quarters, a branch's members), so a QTableWidget is
enough; what matters is that selecting any figure tells the 数据来源 panel its sources.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

FLAG_COLOUR = QColor("#b3261e")
OK_COLOUR = QColor("#2e7d32")


@dataclass(frozen=True)
class Fig:
    """One cell: what it shows, where it comes from, and whether it is a problem."""

    text: str
    sources: Any = None  # whatever its owner can open (the ledger's Sources); None: nothing
    what: str = ""        # how the sources panel names the figure, e.g. 王建国 优秀票
    flag: bool = False    # shown in red: below the threshold, missing, over the cap
    good: bool = False    # shown in green: 达标
    tip: str = ""
    align_left: bool = False


Cell = Fig | str


class FigureTable(QTableWidget):
    figure_selected = Signal(str, object)  # what, the figure's sources (None for a plain cell)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setHighlightSections(False)
        # Figures are kept on the Python side: PySide6 6.12 crashes (none_dealloc) after
        # many Python objects stored in item data are released by clear().
        self._figs: dict[tuple[int, int], Fig] = {}
        self.currentCellChanged.connect(lambda row, column, *_: self._selected(row, column))

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
                 widths_chars: Sequence[float] = (), stretch: int | None = -1) -> None:
        """`stretch`: the column that takes the spare width (-1 the last, None none)."""
        blocked = self.blockSignals(True)
        self.clear()
        self._figs = {}
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                fig = cell if isinstance(cell, Fig) else Fig(cell)
                item = QTableWidgetItem(fig.text)
                self._figs[(r, c)] = fig
                if fig.tip or len(fig.text) > 12:
                    item.setToolTip(fig.tip or fig.text)
                if fig.flag or fig.good:
                    item.setForeground(QBrush(FLAG_COLOUR if fig.flag else OK_COLOUR))
                if not fig.align_left and c > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(r, c, item)
        header = self.horizontalHeader()
        header.setStretchLastSection(stretch == -1)
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch
                                        else QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("中")
        for c, chars in enumerate(widths_chars):
            if c != stretch:
                self.setColumnWidth(c, int(em * chars) + 16)
        self.blockSignals(blocked)

    def text_at(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def sources_at(self, row: int, column: int) -> Any:
        fig = self._figs.get((row, column))
        return fig.sources if fig is not None else None

    def _selected(self, row: int, column: int) -> None:
        item = self.item(row, column)
        if item is None:
            return
        fig = self._figs.get((row, column))
        what = (fig.what if fig is not None else "") or item.text()
        self.figure_selected.emit(what, self.sources_at(row, column))
