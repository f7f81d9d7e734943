"""One pledge: its items while it is a draft (or sent back), its 践诺 record once approved.

Like every form here it never loses what was typed: a refused save marks the rows and
keeps the dialog open, and closing with unsaved changes asks first.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.campaign import pledges
from models.errors import ValidationError
from models.roster import members, organizations
from ui.campaign.pledge_items import EDIT, FULFIL, VIEW, ItemData, ItemsEditor
from ui.widgets import fit, messages
from ui.widgets.form import ERROR_STYLE
from ui.widgets.guarded_dialog import GuardedDialog

HINTS = {
    EDIT: "承诺要具体、可操作、可检查，每项写明完成时限；完全空着的行保存时自动略去。",
    FULFIL: "承诺已审定，内容不能再改（如需修改，请先退回）。请逐项记录践诺情况；标为“未兑现”的事项必须写明原因。",
    VIEW: "承诺已评诺，只能查看。",
}
NOTE_STYLE = "color: #5f4b32; background: #fbf3e4; padding: 6px; border-radius: 4px;"
RETURN_STYLE = "color: #8c1d18; background: #fdecea; padding: 6px; border-radius: 4px;"


def mode_for(state: str) -> str:
    if state in pledges.EDITABLE:
        return EDIT
    return FULFIL if state in ("已审定", "已公示") else VIEW


class PledgeDialog(GuardedDialog):
    unsaved_text = "刚才填写的承诺内容还没有保存。要保存吗？"
    """Open an existing pledge (`pledge_id`) or start one for `member_id` (None: 组织承诺)."""

    def __init__(self, parent: QWidget | None, pledge_id: int | None = None, org_id: int | None = None,
                 member_id: int | None = None, year: int | None = None) -> None:
        super().__init__(parent)
        self.pledge_id = pledge_id
        if pledge_id is not None:
            pledge = pledges.get(pledge_id)
            org_id, member_id, year, state = pledge.org_id, pledge.member_id, pledge.year, pledge.state
        else:
            pledge, state = None, "草稿"
        assert org_id is not None and year is not None
        self.org_id, self.member_id, self.year, self.state = org_id, member_id, year, state
        self.mode = mode_for(state)
        org = organizations.get(org_id)
        who = "组织承诺" if member_id is None else members.get(member_id).name
        self.setWindowTitle(f"{who}：{year}年度公开承诺" if pledge_id is not None else f"新建承诺：{who}")

        layout = QVBoxLayout(self)
        layout.addLayout(self._header(org.display_name, who, pledge))
        if pledge is not None and state == "退回" and pledge.return_reason:
            back = QLabel(f"退回原因：{pledge.return_reason}\n请按意见修改后保存，再“重新提交”审定。", self)
            back.setObjectName("return_reason")
            back.setWordWrap(True)
            back.setStyleSheet(RETURN_STYLE)
            layout.addWidget(back)
        hint = QLabel(HINTS[self.mode], self)
        hint.setWordWrap(True)
        hint.setStyleSheet(NOTE_STYLE)
        layout.addWidget(hint)

        self.editor = ItemsEditor(self.mode, pledges.standards_for(org), year, self)
        items = [ItemData(i.content, i.standard, i.deadline.isoformat() if i.deadline else "", i.id,
                          i.state, i.reason, i.progress) for i in pledges.items_of(pledge_id)] if pledge_id else []
        if not items and self.mode == EDIT:
            items = [ItemData()]
        self.editor.set_items(items)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget(scroll)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 4, 0)
        holder_layout.addWidget(self.editor)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)

        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        layout.addLayout(self._buttons())
        self._loaded = self.editor.values()
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.try_save)
        fit.to_screen(self, 860, 640)

    # --- building ---------------------------------------------------------------------------
    def _header(self, org_name: str, who: str, pledge) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        facts = [("承诺人", who), ("所在党组织", org_name), ("年度", f"{self.year}年"), ("状态", self.state)]
        if pledge is not None and pledge.approved_on:
            facts.append(("审定日期", pledge.approved_on.isoformat()))
        if pledge is not None and pledge.notice_start:
            facts.append(("公示期", f"{pledge.notice_start.isoformat()} 至 {pledge.notice_end.isoformat()}"))
        if pledge is not None and pledge.evaluation:
            facts.append(("评诺结果", pledge.evaluation
                          + (f"（{pledge.evaluation_note}）" if pledge.evaluation_note else "")))
        for i, (label, value) in enumerate(facts):
            name = QLabel(label + "：", self)
            name.setStyleSheet("color: #5f5f5f;")
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if label == "状态":
                shown.setObjectName("state")
                shown.setStyleSheet("font-weight: bold;")
            row, col = i // 2, (i % 2) * 2
            grid.addWidget(name, row, col, Qt.AlignmentFlag.AlignRight)
            if label == "评诺结果":  # may be a long comment: give it the rest of the row
                shown.setWordWrap(True)
                grid.addWidget(shown, row, col + 1, 1, 4 - col)
            else:
                grid.addWidget(shown, row, col + 1)
        grid.setColumnStretch(4, 1)  # spare width goes to the right, facts stay together
        em = self.fontMetrics().horizontalAdvance("中")
        grid.setColumnMinimumWidth(1, em * 14)
        grid.setColumnMinimumWidth(3, em * 16)
        return grid

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton("添加一项", self)
        self.add_button.clicked.connect(lambda: self.editor.add_item())
        self.add_button.setVisible(self.mode == EDIT)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.resubmit_button = QPushButton("保存并重新提交", self)
        self.resubmit_button.setToolTip("保存修改后的内容，并把承诺交回审定")
        self.resubmit_button.setVisible(self.state == "退回")
        self.resubmit_button.clicked.connect(self.save_and_resubmit)
        row.addWidget(self.resubmit_button)
        box = QDialogButtonBox(self)
        self.save_button = box.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        close = box.addButton("关闭" if self.mode == VIEW else "取消", QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close_button")
        self.save_button.setVisible(self.mode != VIEW)
        box.accepted.connect(self.try_save)
        box.rejected.connect(self.reject)
        row.addWidget(box)
        return row

    # --- saving -----------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.mode != VIEW and self.editor.values() != self._loaded

    def try_save(self) -> bool:
        """Save through the service; on refusal mark the rows and keep everything typed."""
        if self.mode == VIEW:
            self.accept()
            return True
        if not self.guarded_save(self._save_items if self.mode == EDIT else self._save_fulfilment):
            return False
        self._loaded = self.editor.values()
        self.accept()
        return True

    def save_and_resubmit(self) -> bool:
        if not self.try_save():
            return False
        try:
            pledges.resubmit(self.pledge_id)
        except ValidationError as exc:
            messages.warn(self, "重新提交", exc.message)
        return True

    def _save_items(self) -> None:
        self._saved_rows = self.editor.filled_rows()
        items = [pledges.ItemInput(v.content, v.deadline, v.standard) for v in (r.value() for r in self._saved_rows)]
        pledge = pledges.save_draft(self.org_id, self.member_id, self.year, items, self.pledge_id)
        self.pledge_id = pledge.id

    def _save_fulfilment(self) -> None:
        self._saved_rows = list(self.editor.rows)
        before = {v.id: v for v in self._loaded}
        entries = [(v.id, v.state, v.reason, v.progress) for v in self.editor.values() if before.get(v.id) != v]
        if entries:
            pledges.record_fulfilments(entries)

    def _refused(self, errors: dict[str, str]) -> None:
        outside = self.editor.show_errors(errors, getattr(self, "_saved_rows", None))
        count = len(errors)
        text = f"有 {count} 处需要修改，已在对应事项下标出；已填写的内容都保留着。"
        if outside:
            text += "\n" + "\n".join(outside)
        self.banner.setText(text)
        self.banner.setVisible(True)

