"""Dated changes of standing: transfer, suspension, restoration, death. Members are never deleted."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from models.constants import STATUS_EVENTS
from models.roster import members
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.record_dialog import RecordDialog


class StatusDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, member_id: int) -> None:
        self.member_id = member_id
        member = members.get(member_id)

        def make_form(owner: QWidget) -> Form:
            return Form([
                Field("kind", "变动类型", "choice", STATUS_EVENTS, required=True),
                Field("date", "变动日期", "date", required=True),
                Field("detail", "说明", span=2, placeholder="如 转往某某街道党工委；停止党籍的原因"),
            ], owner, columns=1)

        super().__init__(f"{member.name}：组织关系/党籍变动", make_form, self._save_event, parent)
        history = members.events(member_id)
        lines = "\n".join(f"{d.isoformat()}　{k}　{t}" for d, k, t in history) or "（暂无变动记录）"
        note = QLabel(f"当前状态：{member.roll_status}，党籍{member.party_status}\n以往变动：\n{lines}", self)
        note.setWordWrap(True)
        self.layout().insertWidget(0, note)
        self.form.load({"date": dt.date.today().isoformat()})  # which change it is: chosen, not 转出 by default
        fit.to_screen(self, 520, 360)

    def _save_event(self, data: dict[str, Any]) -> Any:
        return members.record_event(self.member_id, data["kind"], data["date"], data["detail"])
