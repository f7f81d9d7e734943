"""打印 → 整改通知…: the township's notices to its branches — issue one, mark it done when
the branch reports, print it. Lists the notices of the organization chosen in the tree
(a 党委: all of its branches'); the 首页 shows the open ones near or past their deadline.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.campaign import rectification
from models.errors import FormErrors, NotFound, ValidationError
from models.roster import organizations
from ui.widgets import fit, messages, modal
from ui.widgets.buttons import action_button

COLUMNS = ("党组织", "通知日期", "存在问题", "整改时限", "状态", "完成日期")


def _date_edit(parent: QWidget, day: dt.date) -> QDateEdit:
    box = QDateEdit(QDate(day.year, day.month, day.day), parent)
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy年M月d日")
    return box


def _day(box: QDateEdit) -> dt.date:
    d = box.date()
    return dt.date(d.year(), d.month(), d.day())


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.rejected.connect(dialog.reject)
    return buttons


class IssueDialog(QDialog):
    """A new notice to one branch."""

    def __init__(self, parent: QWidget | None, org_ids: list[int], today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("发出整改通知")
        today = today or dt.date.today()
        self.org = QComboBox(self)
        for oid in org_ids:
            org = organizations.get(oid)
            if org.parent_id is not None:
                self.org.addItem(org.display_name, oid)
        self.issued_on = _date_edit(self, today)
        self.deadline = _date_edit(self, today + dt.timedelta(days=30))
        self.problems = QPlainTextEdit(self)
        self.problems.setPlaceholderText("每行一个问题")
        self.requirement = QPlainTextEdit(self)
        for box in (self.problems, self.requirement):
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 8)
        form = QFormLayout(self)
        form.addRow("党组织：", self.org)
        form.addRow("通知日期：", self.issued_on)
        form.addRow("存在问题：", self.problems)
        form.addRow("整改要求：", self.requirement)
        form.addRow("整改时限：", self.deadline)
        buttons = _buttons(self, "发出")
        buttons.accepted.connect(self.save)
        form.addRow(buttons)
        self.notice_id: int | None = None
        fit.to_screen(self, 560, 0)

    def save(self) -> None:
        try:
            row = rectification.issue(self.org.currentData(), {
                "issued_on": _day(self.issued_on), "deadline": _day(self.deadline),
                "problems": self.problems.toPlainText(), "requirement": self.requirement.toPlainText()})
        except FormErrors as exc:
            messages.warn(self, "无法发出", "\n".join(exc.errors.values()))
            return
        except (ValidationError, NotFound) as exc:
            messages.warn(self, "无法发出", str(exc))
            return
        self.notice_id = row.id
        self.accept()


class DoneDialog(QDialog):
    """The branch reported the notice put right."""

    def __init__(self, parent: QWidget | None, notice_id: int, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.notice_id = notice_id
        self.setWindowTitle("标记已整改")
        self.done_on = _date_edit(self, today or dt.date.today())
        self.remarks = QPlainTextEdit(self)
        self.remarks.setFixedHeight(self.remarks.fontMetrics().lineSpacing() * 4 + 8)
        form = QFormLayout(self)
        form.addRow("整改完成日期：", self.done_on)
        form.addRow("整改情况：", self.remarks)
        buttons = _buttons(self, "保存")
        buttons.accepted.connect(self.save)
        form.addRow(buttons)
        fit.to_screen(self, 480, 0)

    def save(self) -> None:
        try:
            rectification.mark_done(self.notice_id, _day(self.done_on), self.remarks.toPlainText())
        except (ValidationError, NotFound) as exc:
            messages.warn(self, "无法保存", str(exc))
            return
        self.accept()


class RectificationDialog(QDialog):
    def __init__(self, parent: QWidget | None, org_id: int, read_only: bool = False) -> None:
        super().__init__(parent)
        org = organizations.get(org_id)
        self.org_ids = organizations.subtree_ids(org_id)
        self.setWindowTitle(f"整改通知（{org.display_name}）")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.issue_button = action_button(self, "发出整改通知…", self.issue)
        self.done_button = action_button(self, "标记已整改…", self.mark_done)
        self.reopen_button = action_button(self, "改回未整改", self.reopen)
        self.print_button = action_button(self, "打印预览…", self.preview)
        row = QHBoxLayout()
        for b in (self.issue_button, self.done_button, self.reopen_button, self.print_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(action_button(self, "关闭", self.reject))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        for b in (self.issue_button, self.done_button, self.reopen_button):
            b.setEnabled(not read_only)
        self.rows: list[rectification.NoticeRow] = []
        self.reload()
        fit.to_screen(self, 820, 420)

    def reload(self, select: int | None = None) -> None:
        self.rows = rectification.list_rows(self.org_ids)
        self.table.setRowCount(len(self.rows))
        for n, r in enumerate(self.rows):
            cells = (r.org_name, r.issued_on.isoformat(), r.problems.replace("\n", "；"), r.deadline.isoformat(),
                     r.state, r.done_on.isoformat() if r.done_on else "")
            for c, text in enumerate(cells):
                self.table.setItem(n, c, QTableWidgetItem(text))
            if r.id == select:
                self.table.selectRow(n)
        self.table.resizeColumnsToContents()

    def current(self) -> rectification.NoticeRow | None:
        n = self.table.currentRow()
        if 0 <= n < len(self.rows) and self.table.selectedIndexes():
            return self.rows[n]
        messages.info(self, "整改通知", "请先在列表中选择一份整改通知。")
        return None

    def issue(self) -> None:
        dialog = IssueDialog(self, self.org_ids)
        if dialog.org.count() == 0:
            messages.info(self, "发出整改通知", "整改通知发给所属党组织：请在左侧选择乡镇党委或一个党支部。")
            return
        if modal.run(dialog):
            self.reload(dialog.notice_id)

    def mark_done(self) -> None:
        row = self.current()
        if row is not None and modal.run(DoneDialog(self, row.id)):
            self.reload(row.id)

    def reopen(self) -> None:
        row = self.current()
        if row is not None and messages.ask(self, "改回未整改", f"把{row.org_name}的这份整改通知改回“未整改”吗？"):
            rectification.reopen(row.id)
            self.reload(row.id)

    def preview(self) -> None:
        from ui.prints.campaign_prints import preview_notice

        row = self.current()
        if row is not None:
            preview_notice(self, row.id)
