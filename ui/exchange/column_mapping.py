"""Telling the importer which column holds what, for a sheet whose header it did not recognise."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from models.exchange.roster_format import COLUMNS
from models.exchange.roster_read import Layout, SheetData, column_letter


def _shown(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= 12 else text[:12] + "…"


class ColumnMapping(QGroupBox):
    """One drop-down per roster column listing the sheet's columns, and the first data row."""

    applied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("各栏目在表格中的哪一列", parent)
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        for i, column in enumerate(COLUMNS):
            combo = QComboBox(self)
            combo.setMinimumContentsLength(14)
            self.combos[column.key] = combo
            row, pair = divmod(i, 3)
            grid.addWidget(QLabel(column.label + "：", self), row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
        self.first_row = QSpinBox(self)
        self.first_row.setRange(1, 100000)
        self.first_row.setPrefix("第 ")
        self.first_row.setSuffix(" 行")
        self.remember = QCheckBox("记住这种表格的列对应，下次自动使用", self)
        self.remember.setChecked(True)
        self.apply_button = QPushButton("按此对应检查", self)
        self.apply_button.clicked.connect(self.applied)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("数据从：", self))
        bottom.addWidget(self.first_row)
        bottom.addWidget(self.remember)
        bottom.addStretch(1)
        bottom.addWidget(self.apply_button)
        grid.addLayout(bottom, grid.rowCount(), 0, 1, 6)
        self.setLayout(grid)

    def load(self, data: SheetData, layout: Layout | None) -> None:
        """Offer the sheet's columns, labelled by the header (or first value) they hold."""
        first = layout.first_data_row if layout else 2
        header = data.rows[first - 2] if first >= 2 and len(data.rows) >= first - 1 else ()
        sample = data.rows[first - 1] if len(data.rows) >= first else ()
        items = [("（不导入）", None)]
        for col in range(max(data.width, 1)):
            label = _shown(header[col] if col < len(header) else None) or \
                _shown(sample[col] if col < len(sample) else None)
            items.append((f"{column_letter(col)} 列  {label}".rstrip(), col))
        for key, combo in self.combos.items():
            combo.clear()
            for text, col in items:
                combo.addItem(text, col)
            current = layout.columns.get(key) if layout else None
            combo.setCurrentIndex(0 if current is None else current + 1)
        self.first_row.setValue(first)

    def mapping(self) -> dict[str, int]:
        return {key: combo.currentData() for key, combo in self.combos.items()
                if combo.currentData() is not None}
