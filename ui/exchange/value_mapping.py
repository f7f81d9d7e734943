"""取值对应: each spelling of a coded column once, what it becomes, and the clerk's choice.

One line per distinct spelling (学历「本科」→「大学」，32 行), so a choice made here applies to all
rows that spell it so; a value the import could not map offers the allowed values to pick.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.exchange.import_plan import ValueMapping
from models.exchange.vocabulary import FUZZY, KEEP, UNKNOWN, VOCABULARIES

HEADERS = ("栏目", "表格中的写法", "导入为", "行数", "说明")
BLANK_TEXT, KEEP_TEXT = "（留空）", "（按原文保存）"
_REQUIRED = ("kind", "party_status")
_DOUBT = {FUZZY: QColor("#fff3cd"), UNKNOWN: QColor("#f8d7da")}
_EXPLAIN = {FUZZY: "近似，请核对", UNKNOWN: "无法对应，请选择"}


def _explain(m: ValueMapping) -> str:
    if m.doubtful:
        return _EXPLAIN.get(m.how, m.how)
    if m.how == UNKNOWN:  # free text
        return "不在党内统计的分类中，可选一个分类或按原文保存"
    return m.how


class ValueMappingTable(QGroupBox):
    """`applied` is emitted with the clerk's choices: (field, spelling, value) triples."""

    applied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("取值对应（每种写法一行；改选后对所有这样写的行生效）", parent)
        self.mappings: list[ValueMapping] = []
        self.combos: list[QComboBox] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("中")
        for column, chars in enumerate((7, 10, 12, 3)):
            self.table.setColumnWidth(column, em * chars + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.apply_button = QPushButton("按所选对应重新检查", self)
        self.apply_button.clicked.connect(self.applied)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.setMaximumHeight(self.fontMetrics().height() * 18)

    def load(self, mappings: list[ValueMapping]) -> None:
        self.mappings = sorted(mappings, key=lambda m: not m.doubtful)  # what needs the clerk first
        self.combos = []
        self.table.setRowCount(len(self.mappings))
        for row, m in enumerate(self.mappings):
            colour = _DOUBT.get(m.how) if m.doubtful else None
            for column, text in ((0, m.label), (1, m.text), (3, str(m.count)),
                                 (4, _explain(m))):
                item = QTableWidgetItem(text)
                item.setToolTip(f"第一次出现在第 {m.first_row} 行")
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.table.setItem(row, column, item)
            self.combos.append(self._combo(m))
            self.table.setCellWidget(row, 2, self.combos[-1])
        doubtful = sum(1 for m in self.mappings if m.doubtful)
        text = f"共 {len(self.mappings)} 种写法不是标准名称，已按右侧对应导入。"
        if doubtful:
            text += f"其中 {doubtful} 种（标色）需要您核对或选择。"
        self.summary.setText(text)

    def _combo(self, m: ValueMapping) -> QComboBox:
        combo = QComboBox(self.table)
        if m.free_text:
            combo.addItem(KEEP_TEXT, KEEP)
        elif m.key not in _REQUIRED:
            combo.addItem(BLANK_TEXT, "")
        for value in VOCABULARIES[m.key].allowed:
            combo.addItem(value, value)
        current = combo.findData(m.value if m.value else (KEEP if m.free_text else ""))
        if current < 0:  # a required field not yet chosen
            combo.insertItem(0, "（请选择）", None)
            current = 0
        combo.setCurrentIndex(current)
        combo.setObjectName(f"value_{m.key}_{m.text}")
        return combo

    def choices(self) -> list[tuple[str, str, str]]:
        """The spellings whose value the clerk changed: (field, spelling, value)."""
        found = []
        for m, combo in zip(self.mappings, self.combos, strict=True):
            value = combo.currentData()
            shown = m.value if m.value else (KEEP if m.free_text else "")
            if value is not None and value != shown:
                found.append((m.key, m.text, value))
        return found

    def choose(self, key: str, text: str, value: str) -> None:
        """Select a value for a spelling, as the clerk would in its drop-down (tests, shortcuts)."""
        for m, combo in zip(self.mappings, self.combos, strict=True):
            if (m.key, m.text) == (key, text):
                combo.setCurrentIndex(combo.findData(value))
                return
        raise KeyError((key, text))
