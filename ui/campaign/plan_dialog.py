"""打印 → 实施方案/年度计划…: the organization's plan for a year, edited and previewed.

目标, 措施 and 活动载体 as free text, the 时间安排 as a table (时间 · 工作内容 · 责任人);
saved as a whole (models.campaign.plans), so the preview prints what was saved.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.campaign import plans
from models.campaign.plans import PERIODS, PlanInput, ScheduleRow
from models.roster import organizations
from ui.widgets import fit, messages
from ui.widgets.buttons import action_button
from ui.widgets.guarded_dialog import GuardedDialog
from ui.widgets.year_box import year_box

COLUMNS = ("时间", "工作内容", "责任人")


class PlanDialog(GuardedDialog):
    def __init__(self, parent: QWidget | None, org_id: int, year: int | None = None,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.org_id = org_id
        self.read_only = read_only
        org = organizations.get(org_id)
        self.kind = plans.kind_of(org.level)
        self.setWindowTitle(f"{org.display_name} 创先争优活动{self.kind}")
        self.year = year_box(self, year=year)
        self.goals, self.measures, self.carriers = (QPlainTextEdit(self) for _ in range(3))
        for box, rows in ((self.goals, 2), (self.measures, 3), (self.carriers, 1)):
            box.setFixedHeight(box.fontMetrics().lineSpacing() * (rows + 1) + 8)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(120)
        self.status = QLabel(self)
        form = QFormLayout()
        form.addRow("年度：", self.year)
        form.addRow("目标：", self.goals)
        form.addRow("措施：", self.measures)
        form.addRow("活动载体：", self.carriers)
        rows = QHBoxLayout()
        rows.addWidget(QLabel("时间安排：", self))
        rows.addStretch(1)
        self.add_button = action_button(self, "添加一行", self.add_row)
        self.remove_button = action_button(self, "删除所选行", self.remove_rows)
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        self.save_button = action_button(self, "保存", self.try_save)
        self.preview_button = action_button(self, "保存并预览打印", self.save_and_preview)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(action_button(self, "关闭", self.reject))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(rows)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        for w in (self.save_button, self.preview_button, self.add_button, self.remove_button):
            w.setEnabled(not read_only)
        self._loaded: PlanInput = PlanInput()
        self._year = self.year.value()  # the year the form holds
        self.load()
        self.year.valueChanged.connect(lambda _v: self._year_changed())
        fit.to_screen(self, 760, 640)

    # ---------------------------------------------------------------- the table

    def add_row(self, row: ScheduleRow | None = None) -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        period = QComboBox(self.table)
        for value, text in PERIODS.items():
            period.addItem(text, value)
        if row is not None:
            period.setCurrentIndex(period.findData(row.period))
        self.table.setCellWidget(n, 0, period)
        self.table.setItem(n, 1, QTableWidgetItem(row.content if row else ""))
        self.table.setItem(n, 2, QTableWidgetItem(row.responsible if row else ""))

    def remove_rows(self) -> None:
        for n in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(n)

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def value(self) -> PlanInput:
        rows = []
        for n in range(self.table.rowCount()):
            period = self.table.cellWidget(n, 0)
            assert isinstance(period, QComboBox)
            rows.append(ScheduleRow(period.currentData(), self._text(n, 1), self._text(n, 2)))
        return PlanInput(self.goals.toPlainText(), self.measures.toPlainText(), self.carriers.toPlainText(), rows)

    def _year_changed(self) -> None:
        """Another year: the form's unsaved edits are saved to their own year, or dropped, first."""
        if self.is_dirty():
            answer = messages.ask_save(self, "尚未保存", f"{self._year}年的{self.kind}还没有保存。要保存吗？")
            if answer == "cancel" or (answer == "save" and not self.try_save()):
                blocked = self.year.blockSignals(True)
                self.year.setValue(self._year)
                self.year.blockSignals(blocked)
                return
        self._year = self.year.value()
        self.load()

    def load(self) -> None:
        data = plans.load(self.org_id, self._year)
        self._loaded = data or PlanInput()
        self.goals.setPlainText(self._loaded.goals)
        self.measures.setPlainText(self._loaded.measures)
        self.carriers.setPlainText(self._loaded.carriers)
        self.table.setRowCount(0)
        for row in self._loaded.rows:
            self.add_row(row)
        self.status.setText("" if data else f"本年度还没有{self.kind}。")
        self._loaded = self.value()  # as the widgets hold it, for is_dirty

    # ---------------------------------------------------------------- saving

    def is_dirty(self) -> bool:
        if self.read_only:
            return False
        now, then = self.value(), self._loaded
        keep = [r for r in now.rows if r.content.strip() or r.responsible.strip()]
        return (now.goals, now.measures, now.carriers, keep) != (then.goals, then.measures, then.carriers,
                                                                 [r for r in then.rows if r.content.strip()])

    def try_save(self) -> bool:
        if self.read_only:
            return False
        if not self.guarded_save(lambda: plans.save(self.org_id, self._year, self.value())):
            return False
        self.load()
        self.status.setText(f"已保存{self._year}年{self.kind}。")
        return True

    def _refused(self, errors: dict[str, str]) -> None:
        messages.warn(self, "无法保存", "\n".join(errors.values()))

    def save_and_preview(self) -> None:
        from ui.prints.campaign_prints import preview_plan

        if self.try_save():
            preview_plan(self, self.org_id, self._year)
