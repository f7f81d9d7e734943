"""Dated changes of standing: transfer, suspension, restoration, death. Members are never deleted.

The most common change in a township is a move to another of its branches (本镇转接): chosen
here like the others, with the branch it goes to; the member moves, both branches keep the
record, and the history below names where they went.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from models.constants import STATUS_EVENTS, TRANSFER_WITHIN
from models.roster import members, organizations
from ui.widgets import fit
from ui.widgets.form import WARN_STYLE, Field, Form
from ui.widgets.record_dialog import RecordDialog

KIND_LABELS = {TRANSFER_WITHIN: "转到本镇其他党支部", "转出": "转出（到本镇以外）"}
NO_TARGET = ("本数据库里还没有可以转入的本镇党支部：转入的党支部须与本支部同属一个乡镇党委。请先用“文件 → "
             "新建党组织…”建立乡镇党委（和要转入的党支部），再在各党支部的“概况”中把上级组织选为该党委；"
             "也可以在乡镇党委的电脑上登记这次转接。")


class StatusDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, member_id: int) -> None:
        self.member_id = member_id
        member = members.get(member_id)
        others = [(node.id, node.label) for node in organizations.tree()
                  if node.id != member.org_id and node.parent_id is not None]

        def make_form(owner: QWidget) -> Form:
            return Form([
                Field("kind", "变动类型", "choice", [(k, KIND_LABELS.get(k, k)) for k in
                                                     (TRANSFER_WITHIN, *[e for e in STATUS_EVENTS
                                                                         if e != TRANSFER_WITHIN])],
                      required=True),
                Field("to_org", "转入党组织", "org", others, tip="只在“转到本镇其他党支部”时选择"),
                Field("date", "变动日期", "date", required=True),
                Field("detail", "说明", span=2, placeholder="如 转往某某街道党工委；停止党籍的原因"),
            ], owner, columns=1)

        super().__init__(f"{member.name}：组织关系/党籍变动", make_form, self._save_event, parent)
        history = members.events(member_id)
        lines = "\n".join(f"{d.isoformat()}　{k}　{t}" for d, k, t in history) or "（暂无变动记录）"
        note = QLabel(f"当前状态：{member.roll_status}，党籍{member.party_status}\n以往变动：\n{lines}", self)
        note.setWordWrap(True)
        self.layout().insertWidget(0, note)
        # a lone branch has nowhere to move a member to: say why, and what to do, before 保存
        self.has_targets = bool(others)
        self.no_target = QLabel(NO_TARGET, self)
        self.no_target.setWordWrap(True)
        self.no_target.setStyleSheet(WARN_STYLE)
        self.no_target.hide()
        self.layout().insertWidget(2, self.no_target)
        self.form.load({"date": dt.date.today().isoformat()})  # which change it is: chosen, not 转出 by default
        self.form.changed.connect(self._follow_kind)
        self._follow_kind()
        fit.to_screen(self, 520, 380)

    def _follow_kind(self) -> None:
        """转入党组织 only means something for 本镇转接: greyed out otherwise."""
        within = self.form.values().get("kind") == TRANSFER_WITHIN
        self.form.widget("to_org").setEnabled(within and self.has_targets)
        self.no_target.setVisible(within and not self.has_targets)

    def _save_event(self, data: dict[str, Any]) -> Any:
        to_org = data.get("to_org") if data["kind"] == TRANSFER_WITHIN else None
        return members.record_event(self.member_id, data["kind"], data["date"], data["detail"], to_org_id=to_org)
