"""The 季度评议 tab: the selected organization's quarterly reviews, newest first.

Reviews are listed for the selected organization only (not its subtree): each basic
organization holds its own meeting with its own roster, and a 党委 selection gets a hint.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.campaign import reviews
from models.constants import QUARTERS
from models.errors import NotFound
from models.roster import organizations
from ui.campaign.review_dialog import ReviewDialog, missing_quarters
from ui.widgets import messages, modal
from ui.widgets.list_panel import ListPanel
from ui.widgets.table_model import Column

_at = reviews.ReviewListRow._fields.index  # a column's place in the row, by field name
HINT_STYLE = "color: #5f4b32; background: #fbf3e4; padding: 6px; border-radius: 4px;"


class ReviewsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id: int | None = None
        columns = [
            Column("年度", _at("year"), align_right=True),
            Column("季度", _at("quarter"), sort_index=_at("date")),
            Column("会议日期", _at("date")),
            Column("地点", _at("place")),
            Column("应到", _at("expected"), align_right=True),
            Column("实到", _at("present"), align_right=True),
            Column("主持人", _at("host")),
        ]
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setVisible(False)
        self.panel = ListPanel(columns, "输入年度、季度、地点、主持人搜索", self)
        self.panel.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # newest meeting first
        self.panel.fit_columns((4, 5, 7, 14, 3, 3, 6))
        self.new_button = self.panel.add_button("新建评议记录", self.new_review)
        self.open_button = self.panel.add_button("打开/修改", self.open_current)
        self.print_button = self.panel.add_button("打印记录", self.print_current, "打印选中的季度评议记录")
        self.panel.finish_buttons()
        self.panel.activated.connect(lambda row: self.open(row.id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.panel, 1)
        self._update_buttons()

    def show_org(self, org_id: int | None) -> None:
        self.org_id = org_id
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if self.org_id is None:
            self.panel.set_rows([])
            self.hint.setVisible(False)
            self._update_buttons()
            return
        self.panel.set_rows(reviews.list_rows(self.org_id))
        if select_id is not None:
            self.panel.select_where(lambda r: r.id == select_id)
        self._show_hint()
        self._update_buttons()

    def _show_hint(self) -> None:
        assert self.org_id is not None
        org = organizations.get(self.org_id)
        today = dt.date.today()
        lines = []
        if org.level != "党支部":
            lines.append(f"季度评议一般由各党支部召开，这里只列{org.display_name}本级的评议记录；"
                         "查看党支部的记录请在左侧选择该党支部。")
        missing = missing_quarters(self.org_id, today.year, today) if org.level == "党支部" else []
        if missing:
            lines.append(f"{today.year}年" + "、".join(QUARTERS[q] for q in missing) + "还没有评议记录。"
                         "每季度应召开一次以创先争优为主要内容的评议会。")
        self.hint.setText("\n".join(lines))
        self.hint.setVisible(bool(lines))

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self.org_id is not None)
        self.open_button.setEnabled(self.org_id is not None and self.panel.model.total > 0)
        self.print_button.setEnabled(self.open_button.isEnabled())

    def new_review(self) -> None:
        if self.org_id is None:
            messages.info(self, "新建评议记录", "请先在左侧选择召开评议会的党组织。")
            return
        dialog = ReviewDialog(self, self.org_id)
        if modal.run(dialog):
            self.reload(dialog.review_id)

    def open(self, review_id: int) -> None:
        assert self.org_id is not None
        try:
            dialog = ReviewDialog(self, self.org_id, review_id)
        except NotFound as exc:
            messages.warn(self, "打开评议记录", exc.message)
            self.reload()
            return
        if modal.run(dialog):
            self.reload(review_id)

    def open_current(self) -> None:
        row = self.panel.current()
        if row is None:
            messages.info(self, "打开评议记录", "请先在列表中选中一次评议。")
            return
        self.open(row.id)

    def print_current(self) -> None:
        """The selected review's record, through the same path as 打印 → 季度评议记录…"""
        from ui.prints.review_prints import print_minutes_for

        row = self.panel.current()
        if row is None:
            messages.info(self, "打印评议记录", "请先在列表中选中一次评议。")
            return
        print_minutes_for(self, row.id)
