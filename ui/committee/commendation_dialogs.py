"""The small forms of the 表彰 workflow: 推荐, 审核, 退回, 决定, 不予表彰, 公示期.

Each step is dated and says who took it, because a commendation feeds pay and promotion
and may be questioned later. Field keys are the services' own, so a refusal appears next
to the field; a rule about the candidate (hard rules, wrong state) appears in the banner.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from models.config import settings
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.record_dialog import RecordDialog

NOTE_STYLE = "color: #5f4b32; background: #fbf3e4; padding: 6px; border-radius: 4px;"


class StepDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, title: str, note: str, fields: Sequence[Field],
                 save: Callable[[dict[str, Any]], Any], defaults: dict[str, Any] | None = None) -> None:
        super().__init__(title, lambda owner: Form(list(fields), owner, columns=1), save, parent)
        label = QLabel(note, self)
        label.setObjectName("step_note")
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE)
        self.layout().insertWidget(0, label)
        self.form.load({"on": dt.date.today().isoformat(), **(defaults or {})})
        fit.to_screen(self, 560, 340)


def _who(default: str) -> Field:
    return Field("by", "经办人", placeholder=default, tip="空着时记为：" + default)


def propose_dialog(parent: QWidget | None, who: str, title: str, year: int,
                   save: Callable[[dict[str, Any]], Any]) -> StepDialog:
    return StepDialog(parent, f"推荐：{who}", f"推荐{who}为{year}年度“{title}”。主要事迹会出现在拟表彰对象公示上，"
                      "请写具体（不要写身份证号、手机号）。推荐后由党委审核排序。",
                      [Field("deeds", "主要事迹", "multiline", placeholder="如 带领群众发展大棚蔬菜，户均增收 1 万元"),
                       Field("on", "推荐日期", "date", required=True), _who("所在党组织")], save)


def deeds_dialog(parent: QWidget | None, who: str, deeds: str,
                 save: Callable[[dict[str, Any]], Any]) -> StepDialog:
    dialog = StepDialog(parent, f"主要事迹：{who}",
                        f"{who}的主要事迹印在拟表彰对象公示和先进事迹材料上，可以分段（回车换段）。"
                        "请写具体（不要写身份证号、手机号）。",
                        [Field("deeds", "主要事迹", "multiline")], save, {"deeds": deeds})
    fit.to_screen(dialog, 640, 480)
    return dialog


def review_dialog(parent: QWidget | None, passing: Sequence[str], names: Sequence[str], title: str,
                  save: Callable[[dict[str, Any]], Any]) -> StepDialog:
    order = "、".join(f"{n}. {name}" for n, name in enumerate(names, 1))
    text = (f"党委审核通过：{'、'.join(passing)}。" if passing else "") + f"已审核对象按此顺序排序：{order}。"
    return StepDialog(parent, f"审核排序：{title}", text,
                      [Field("on", "审核日期", "date", required=True), _who(settings.get("committee_name"))], save)


def send_back_dialog(parent: QWidget | None, who: str, save: Callable[[dict[str, Any]], Any]) -> StepDialog:
    return StepDialog(parent, f"退回：{who}",
                      f"把{who}的推荐退回所在党组织。退回原因会记录在案，党组织修改后可重新推荐。",
                      [Field("return_reason", "退回原因", "multiline", required=True,
                             placeholder="如 事迹材料不具体，请补充帮扶成效"),
                       Field("on", "退回日期", "date", required=True), _who(settings.get("committee_name"))], save)


def decide_dialog(parent: QWidget | None, names: Sequence[str], title: str,
                  save: Callable[[dict[str, Any]], Any]) -> StepDialog:
    return StepDialog(parent, f"决定表彰：{title}",
                      f"党委会议集中审议，决定表彰以下经审核的对象为“{title}”：{'、'.join(names)}。"
                      "决定前会再次核对不能参评的规则。决定后可生成证书编号。",
                      [Field("on", "决定日期", "date", required=True),
                       _who(settings.get("committee_name")),
                       Field("note", "会议记录", placeholder="如 镇党委第12次会议集中审议")], save)


def decline_dialog(parent: QWidget | None, names: Sequence[str],
                   save: Callable[[dict[str, Any]], Any]) -> StepDialog:
    return StepDialog(parent, "不予表彰",
                      f"党委决定不予表彰：{'、'.join(names)}。这是最终决定：与“退回”不同，不再由党组织修改后重新推荐，"
                      "也不会出现在表彰名单和荣誉证书上。原因会记录在案。",
                      [Field("reason", "不予表彰的原因", "multiline", required=True,
                             placeholder="如 公示期间收到反映，经核实存在问题"),
                       Field("on", "决定日期", "date", required=True),
                       _who(settings.get("committee_name"))], save)


def notice_dialog(parent: QWidget | None, year: int, save: Callable[[dict[str, Any]], Any]) -> StepDialog:
    today = dt.date.today()
    return StepDialog(parent, "设置拟表彰对象公示期",
                      f"{year}年度所有经党委审核、尚待决定的对象在这段时间公示，公示上写明此期限。一般公示 5 到 7 天；"
                      "公示期满后才能决定表彰。",
                      [Field("notice_start", "公示开始日期", "date", required=True),
                       Field("notice_end", "公示结束日期", "date", required=True)], save,
                      {"notice_start": today.isoformat(), "notice_end": (today + dt.timedelta(days=6)).isoformat()})
