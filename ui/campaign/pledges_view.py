"""The 承诺 tab: one year's pledges of the selected organization and the lifecycle buttons.

A 党支部 shows its own pledges. A 党委/党总支 shows the pledges of its whole subtree with an
organization column (the township office follows every branch from here); 新建承诺 there is
for the selected organization itself (its own pledge or its directly registered members).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.campaign import pledges
from models.errors import NotFound, ValidationError
from models.names import stroke_sort_key
from models.roster import members, organizations
from ui.campaign.pledge_actions import EvaluateDialog, MemberPicker, PublishDialog, SendBackDialog
from ui.campaign.pledge_dialog import PledgeDialog
from ui.widgets import messages, modal
from ui.widgets.list_panel import ListPanel
from ui.widgets.table_model import Column, RowsModel
from ui.widgets.year_box import year_box

# Row tuple: list_rows' seven values, then the 姓氏笔画 key (组织承诺 first) and the organization id.
ID, NAME, YEAR, STATE, COUNT, DONE, NOTICE_END, STROKE, ORG = range(9)
PLEDGE_COLOURS = {"草稿": "#6b6b6b", "退回": "#b3261e", "已审定": "#1f5fa8", "已公示": "#2e7d32",
                  "已评诺": "#5b3a8c"}
ORG_PLEDGE_NAME = "（组织承诺）"  # how list_rows names a pledge with no member
HINT_STYLE = "color: #5f4b32; background: #fbf3e4; padding: 6px; border-radius: 4px;"


class PledgeRows(RowsModel):
    """The shared rows model, with each state in its own colour so the list reads at a glance."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.columns[index.column()].index == STATE:
            colour = PLEDGE_COLOURS.get(self.row_tuple(index.row())[STATE])
            return QColor(colour) if colour else None
        return super().data(index, role)


class PledgesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id: int | None = None
        self.org_ids: list[int] = []
        self.rows: list[tuple] = []
        self._org_names: dict[int, str] = {}
        self.year = year_box(self, self.reload)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)  # the year's counts wrap rather than widen the page
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setVisible(False)
        columns = [
            Column("姓名", NAME, sort_index=STROKE),
            Column("所在党组织", ORG, fmt=lambda v: self._org_names.get(v, "")),
            Column("状态", STATE),
            Column("承诺项数", COUNT, align_right=True),
            Column("已兑现", DONE, align_right=True),
            Column("公示截止", NOTICE_END),
        ]
        self.panel = ListPanel(columns, "输入姓名、状态搜索", self, model_class=PledgeRows)  # coloured rows
        self.panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.panel.fit_columns((7, 9, 4, 4, 4, 7))
        self.new_button = self.panel.add_button("新建承诺", self.new_pledge)
        self.open_button = self.panel.add_button("打开/修改", self.open_current)
        self.approve_button = self.panel.add_button("审定通过", self.approve_current)
        self.back_button = self.panel.add_button("退回…", self.send_back_current)
        self.resubmit_button = self.panel.add_button("重新提交", self.resubmit_current)
        self.publish_button = self.panel.add_button("公示…", self.publish, "为选中的或本年度全部已审定的承诺设定公示期")
        self.evaluate_button = self.panel.add_button("评诺…", self.evaluate_current)
        self.print_button = self.panel.add_button("打印承诺书", self.print_current, "打印选中承诺的承诺书，供本人签字")
        self.panel.finish_buttons()
        self.panel.activated.connect(lambda row: self.open(row[ID]))
        self.panel.table.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        top = QHBoxLayout()
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.panel, 1)
        self._update_buttons()

    # --- showing ----------------------------------------------------------------------------
    def show_org(self, org_id: int | None) -> None:
        self.org_id = org_id
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Re-read the year's pledges; keeps the selected pledge selected."""
        if select_id is None and (row := self.panel.current()) is not None:
            select_id = row[ID]
        if self.org_id is None:
            self.org_ids, self.rows = [], []
            self.panel.set_rows([])
            self.summary.setText("请先在左侧选择一个党组织。")
            self.hint.setVisible(False)
            self._update_buttons()
            return
        org = organizations.get(self.org_id)
        nodes = organizations.tree()
        self._org_names = {n.id: n.label for n in nodes}
        subtree = org.level != "党支部"
        self.org_ids = organizations.subtree_ids(self.org_id) if subtree else [self.org_id]
        year = self.year.value()
        rows: list[tuple] = []
        for org_id in self.org_ids:
            for row in pledges.list_rows(org_id, year):
                key = "" if row[NAME] == ORG_PLEDGE_NAME else stroke_sort_key(row[NAME])
                rows.append(row + (key, org_id))
        self.rows = rows
        self.panel.set_rows(rows)
        self.panel.table.setColumnHidden(1, not subtree)
        if select_id is not None:
            self.panel.select_where(lambda r: r[ID] == select_id)
        self._summarize(rows, year)
        self.hint.setVisible(subtree)
        self.hint.setText(f"党员承诺由各党支部提出和审定。这里汇总显示{org.display_name}及下级党组织的承诺；"
                          f"“新建承诺”只为{org.display_name}本身或直属党员建立承诺。")
        self._update_buttons()

    def _summarize(self, rows: list[tuple], year: int) -> None:
        counts: dict[str, int] = {}
        for row in rows:
            counts[row[STATE]] = counts.get(row[STATE], 0) + 1
        parts = [f"{state} {counts[state]}" for state in PLEDGE_COLOURS if counts.get(state)]
        text = f"{year}年度共 {len(rows)} 份承诺" + ("：" + "，".join(parts) if parts else "")
        missing = self._members_without_pledge(year)
        if missing:
            text += f"；{self._org_names.get(self.org_id, '')}还有 {missing} 名党员未提出承诺"
        self.summary.setText(text)

    def _members_without_pledge(self, year: int) -> int:
        assert self.org_id is not None
        taken = pledges.pledged_member_ids(self.org_id, year)
        return sum(1 for m in members.on_roll(self.org_id) if m.id not in taken)

    def _update_buttons(self) -> None:
        row = self.panel.current()
        state = row[STATE] if row is not None else None
        self.new_button.setEnabled(self.org_id is not None)
        self.open_button.setEnabled(row is not None)
        self.approve_button.setEnabled(state == "草稿")
        self.back_button.setEnabled(state in ("草稿", "已审定"))
        self.resubmit_button.setEnabled(state == "退回")
        self.publish_button.setEnabled(self.org_id is not None)
        self.evaluate_button.setEnabled(state == "已公示")
        self.print_button.setEnabled(state is not None and state != "退回")

    # --- actions ----------------------------------------------------------------------------
    def _selected(self, action: str) -> tuple | None:
        row = self.panel.current()
        if row is None:
            messages.info(self, action, "请先在列表中选中一份承诺。")
        return row

    def new_pledge(self) -> None:
        if self.org_id is None:
            messages.info(self, "新建承诺", "请先在左侧选择承诺所属的党组织。")
            return
        year = self.year.value()
        picker = MemberPicker(self, self.org_id, year, pledges.pledged_member_ids(self.org_id, year))
        if picker.list.count() == 0:
            messages.info(self, "新建承诺", f"本组织和所有在册党员都已有{year}年度承诺。")
            return
        if not modal.run(picker):
            return
        dialog = PledgeDialog(self, org_id=self.org_id, member_id=picker.chosen, year=year)
        if modal.run(dialog) and dialog.pledge_id is not None:
            self.reload(dialog.pledge_id)

    def open(self, pledge_id: int) -> None:
        try:
            dialog = PledgeDialog(self, pledge_id=pledge_id)
        except NotFound as exc:
            messages.warn(self, "打开承诺", exc.message)
            self.reload()
            return
        modal.run(dialog)
        self.reload(pledge_id)  # 保存并重新提交 changes the state even when closed afterwards

    def open_current(self) -> None:
        if (row := self._selected("打开承诺")) is not None:
            self.open(row[ID])

    def _act(self, title: str, func, pledge_id: int) -> None:
        try:
            func(pledge_id)
        except (ValidationError, NotFound) as exc:
            messages.warn(self, title, exc.message)
        self.reload(pledge_id)

    def approve_current(self) -> None:
        row = self._selected("审定通过")
        if row is None:
            return
        if row[COUNT] == 0:
            messages.warn(self, "审定通过", "这份承诺还没有任何事项，不能审定。")
            return
        if messages.ask(self, "审定通过", f"审定通过“{row[NAME]}”的{row[YEAR]}年度承诺（{row[COUNT]} 项）？\n"
                                          "审定后内容不能再改，只能记录践诺情况。"):
            self._act("审定通过", pledges.approve, row[ID])

    def send_back_current(self) -> None:
        row = self._selected("退回")
        if row is not None and modal.run(SendBackDialog(self, row[ID], row[NAME])):
            self.reload(row[ID])

    def resubmit_current(self) -> None:
        row = self._selected("重新提交")
        if row is not None:
            self._act("重新提交", pledges.resubmit, row[ID])

    def publish(self) -> None:
        if self.org_id is None:
            return
        approved = sum(1 for r in self.rows if r[STATE] == "已审定")
        row = self.panel.current()
        chosen = row if row is not None and row[STATE] == "已审定" else None
        if approved == 0:
            messages.info(self, "公示", f"{self.year.value()}年度没有已审定、待公示的承诺。请先审定。")
            return
        dialog = PublishDialog(self, self.org_ids, self.year.value(), chosen[ID] if chosen else None,
                               chosen[NAME] if chosen else "", approved)
        if modal.run(dialog):
            messages.info(self, "公示", f"已为 {dialog.result_value} 份承诺设定公示期。")
            self.reload()

    def evaluate_current(self) -> None:
        row = self._selected("评诺")
        if row is not None and modal.run(EvaluateDialog(self, row[ID], row[NAME])):
            self.reload(row[ID])

    def print_current(self) -> None:
        """The selected pledge's letter, through the same path as 打印 → 承诺书…"""
        from ui.prints.review_prints import print_letters_for

        row = self._selected("打印承诺书")
        if row is not None:
            print_letters_for(self, row[ORG], row[YEAR], [row[ID]], drafts=True)
