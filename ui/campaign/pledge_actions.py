"""The small dialogs behind the 承诺 tab's buttons: whose pledge, 退回 reason, 公示 period, 评诺.

Each one hands what was typed to the pledge service and shows its refusal beside the field,
so a rule lives once, in models/pledges.py.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.campaign import pledges
from models.constants import PLEDGE_EVALUATIONS
from models.errors import ValidationError
from models.roster import members
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.record_dialog import RecordDialog

ORG_PLEDGE = -1  # the picker's stand-in for “组织承诺” (member NULL)
NOTICE_DAYS = 7  # a usual 公示期


class MemberPicker(QDialog):
    """Whose pledge to start: members of the organization without one this year, or the org."""

    def __init__(self, parent: QWidget | None, org_id: int, year: int, taken: set[int | None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"新建{year}年度承诺")
        self.chosen: int | None = None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("输入姓名查找")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        if None not in taken:
            item = QListWidgetItem("（组织承诺）本党组织的年度公开承诺")
            item.setData(Qt.ItemDataRole.UserRole, ORG_PLEDGE)
            self.list.addItem(item)
        roster = [m for m in members.on_roll(org_id) if m.id not in taken]
        for m in roster:
            post = f"　{m.party_post}" if m.party_post else ""
            item = QListWidgetItem(f"{m.name}{post}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        note = QLabel(f"还有 {len(roster)} 名党员未提出{year}年度承诺。\n按姓氏笔画排列，已有承诺的不再列出。", self)
        note.setWordWrap(True)
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _i: self.choose())
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton("填写承诺", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        fit.to_screen(self, 420, 520)

    def _filter(self, text: str) -> None:
        needle = text.strip()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(needle) and needle not in item.text()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def select(self, member_id: int | None) -> None:
        wanted = ORG_PLEDGE if member_id is None else member_id
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == wanted:
                self.list.setCurrentRow(i)
                return
        raise LookupError(member_id)

    def choose(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        value = item.data(Qt.ItemDataRole.UserRole)
        self.chosen = None if value == ORG_PLEDGE else value
        self.accept()


class SendBackDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, pledge_id: int, who: str) -> None:
        self.pledge_id = pledge_id

        def make_form(owner: QWidget) -> Form:
            return Form([Field("return_reason", "退回原因", "multiline", required=True,
                               placeholder="写明要怎样修改，如：第 2 项不够具体，请写明帮扶对象和目标")],
                        owner, columns=1)

        super().__init__(f"退回承诺：{who}", make_form, self._send_back, parent)
        self.save_button.setText("退回")
        self.form.load({"return_reason": ""})
        fit.to_screen(self, 480, 240)

    def _send_back(self, data: dict[str, Any]) -> Any:
        return pledges.send_back(self.pledge_id, data["return_reason"])


class PublishDialog(RecordDialog):
    """公示: one approved pledge, or every approved pledge of the year at once (one board)."""

    def __init__(self, parent: QWidget | None, org_ids: list[int], year: int, pledge_id: int | None,
                 who: str = "", approved_count: int = 0) -> None:
        self.org_ids, self.year, self.pledge_id = org_ids, year, pledge_id
        scopes = [("all", f"本年度全部已审定的承诺（{approved_count} 份）")]
        if pledge_id is not None:
            scopes.insert(0, ("one", f"只公示选中的承诺：{who}"))

        def make_form(owner: QWidget) -> Form:
            return Form([
                Field("scope", "公示范围", "choice", scopes, required=True, span=2),
                Field("notice_start", "公示开始日期", "date", required=True),
                Field("notice_end", "公示结束日期", "date", required=True),
            ], owner)

        super().__init__(f"{year}年度承诺公示", make_form, self._publish, parent)
        self.save_button.setText("公示")
        today = dt.date.today()
        # with a pledge selected, one or all is the clerk's choice; without, "all" is the only one
        self.form.load({"scope": "all" if pledge_id is None else "", "notice_start": today.isoformat(),
                        "notice_end": (today + dt.timedelta(days=NOTICE_DAYS - 1)).isoformat()})
        fit.to_screen(self, 560, 200)

    def _publish(self, data: dict[str, Any]) -> int:
        if data["scope"] == "one":
            pledges.publish(self.pledge_id, data["notice_start"], data["notice_end"])
            return 1
        count = sum(pledges.publish_all(org_id, self.year, data["notice_start"], data["notice_end"])
                    for org_id in self.org_ids)
        if count == 0:
            raise ValidationError(f"{self.year}年度没有已审定、待公示的承诺。", "scope")
        return count


class EvaluateDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, pledge_id: int, who: str) -> None:
        self.pledge_id = pledge_id

        def make_form(owner: QWidget) -> Form:
            return Form([
                Field("evaluation", "评诺结果", "choice", PLEDGE_EVALUATIONS, required=True),
                Field("evaluation_note", "评诺意见", "multiline", span=2,
                      placeholder="党员、群众和组织的评价意见"),
            ], owner, columns=1)

        super().__init__(f"评诺：{who}", make_form, self._evaluate, parent)
        self.form.load({"evaluation_note": ""})  # 评诺结果 is the meeting's verdict, never pre-set
        fit.to_screen(self, 520, 260)

    def _evaluate(self, data: dict[str, Any]) -> Any:
        return pledges.evaluate(self.pledge_id, data["evaluation"], data["evaluation_note"])
