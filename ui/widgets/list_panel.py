"""A searchable, sortable list: search box, table, a count, and the caller's buttons."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.buttons import action_button
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.table_model import Column, RowsModel


class ListPanel(QWidget):
    activated = Signal(tuple)  # the row tuple the clerk opened (double-click or Enter)

    def __init__(self, columns: Sequence[Column], placeholder: str, parent: QWidget | None = None,
                 default_sort: int | None = None, model_class: type[RowsModel] = RowsModel) -> None:
        super().__init__(parent)
        # the model is built here, never swapped afterwards: deleting a model a view has held
        # made PySide6 warn of a "shared QObject deleted directly" and, once, crash at exit
        self.model = model_class(columns, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder + "（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.count = QLabel(self)
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # per-row sizing is slow on big lists
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vh.setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setHighlightSections(False)
        if default_sort is not None:
            self.table.sortByColumn(default_sort, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda index: self._emit(index.row()))
        self.buttons = FlowLayout()  # wraps on a narrow screen instead of widening the page
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self._open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def add_button(self, text: str, slot, tip: str = "") -> QPushButton:
        button = action_button(self, text, slot, tip)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def set_rows(self, rows: list[tuple]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def fit_columns(self, widths_chars: Sequence[float]) -> None:
        """Column widths by expected content (cheap), never ResizeToContents on big lists; kept
        in characters, so a larger 界面字号 widens them too (at 特大 a masked ID lost its end)."""
        self._widths_chars = list(widths_chars)
        em = self.fontMetrics().horizontalAdvance("中")
        for column, chars in enumerate(widths_chars):
            self.table.setColumnWidth(column, int(em * chars) + 16)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and getattr(self, "_widths_chars", None):
            self.fit_columns(self._widths_chars)
            self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    def current(self) -> tuple | None:
        index = self.table.currentIndex()
        return self.model.row_tuple(index.row()) if index.isValid() else None

    def selected(self) -> list[tuple]:
        """The selected rows (several when the table allows it), top to bottom as shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_tuple(r) for r in rows]

    def shown(self) -> list[tuple]:
        """Every row the search leaves visible, top to bottom."""
        return [self.model.row_tuple(r) for r in range(self.model.rowCount())]

    def select_where(self, predicate) -> None:
        row = self.model.view_row_of(predicate)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _on_search(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(f"共 {total} 条" if shown == total else f"找到 {shown} / {total} 条")

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._emit(index.row())

    def _emit(self, view_row: int) -> None:
        self.activated.emit(self.model.row_tuple(view_row))
