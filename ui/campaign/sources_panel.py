"""数据来源: the records a selected ledger figure was computed from, each openable.

A figure in the ledger is only as good as the meetings and pledge items behind it; this
list names them and opens one (the review dialog, the pledge dialog) to check or correct
it. After a record is saved the panel says so, and its owner recomputes.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.campaign import ledger_sources
from models.campaign.ledger import NO_SOURCES, Sources
from models.errors import NotFound
from ui.widgets import messages, modal

HEADERS = ("类别", "记录", "日期/完成时限", "状态", "内容")


class SourcesPanel(QWidget):
    record_saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[ledger_sources.SourceRecord] = []
        self.caption = QLabel("数据来源：在上面选中一个数字，这里列出计算它所用的评议会和承诺事项。", self)
        self.caption.setObjectName("sources_caption")
        self.caption.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("sources_table")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("中")
        for column, chars in enumerate((5, 14, 8, 5)):
            self.table.setColumnWidth(column, em * chars + 16)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.open_button = QPushButton("打开记录", self)
        self.open_button.setToolTip("打开选中的评议记录或承诺，核对或更正")
        self.open_button.clicked.connect(self.open_current)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.show_sources("", NO_SOURCES)

    def show_sources(self, what: str, sources: Sources | None) -> None:
        """List the records behind `what` (e.g. “王建国 优秀票”); None (a plain cell) lists nothing."""
        self.records = ledger_sources.records(sources) if sources not in (None, NO_SOURCES) else []
        self.table.setRowCount(len(self.records))
        for row, rec in enumerate(self.records):
            values = (rec.kind, rec.title, rec.date.isoformat() if rec.date else "", rec.state, rec.detail)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        if what:
            self.caption.setText(f"数据来源：“{what}”由以下 {len(self.records)} 条记录计算，双击可打开核对。"
                                 if self.records
                                 else f"数据来源：“{what}”没有可打开的记录（本年度没有相关的评议或承诺）。")
        self.open_button.setEnabled(bool(self.records))

    def open_current(self) -> None:
        row = self.table.currentRow()
        self.open_row(max(row, 0))

    def open_row(self, row: int) -> bool:
        """Open one source record in its own dialog; True when the clerk saved it."""
        if not 0 <= row < len(self.records):
            return False
        rec = self.records[row]
        try:
            if rec.kind == ledger_sources.REVIEW:
                from ui.campaign.review_dialog import ReviewDialog

                dialog = ReviewDialog(self, rec.org_id, rec.open_id)
            else:
                from ui.campaign.pledge_dialog import PledgeDialog

                dialog = PledgeDialog(self, rec.open_id)
        except NotFound as exc:
            messages.warn(self, "打开记录", exc.message)
            return False
        saved = modal.run(dialog)
        if saved:
            self.record_saved.emit()
        return saved
