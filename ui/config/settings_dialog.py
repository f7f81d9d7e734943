"""设置: the township's names and numbers, stored in the database so they travel with backups."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from models.config import settings
from models.errors import FormErrors, ValidationError
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.record_dialog import RecordDialog

CAPS = ((1 / 3, "三分之一"), (0.3, "30%"), (0.25, "25%"), (0.2, "20%"), (0.4, "40%"))


def settings_fields() -> list[Field]:
    return [
        Field("clerk_name", "操作人员姓名", tip="记入操作日志：谁在什么时间改了什么", required=True),
        Field("committee_name", "党委全称", span=2, tip="表彰和证书上的落款，如 中共先锋镇委员会"),
        Field("city_committee_name", "市委全称", span=2,
              tip="市委级表彰的公示、名单和证书以此落款，如 中共某某市委员会；仍是“××”时不能打印"),
        Field("default_issuer", "公示默认落款", span=2, tip="空着则用各党组织自己的全称"),
        Field("default_supervision_phone", "默认监督电话"),
        Field("satisfaction_formula", "满意率计算方法", "choice",
              list(settings.SATISFACTION_FORMULAS.items()), required=True),
        Field("threshold_percent", "满意率门槛（%）", tip="低于此满意率的党组织不能评为先进基层党组织；文件规定 90%"),
        Field("excellent_cap", "优秀比例上限", "choice", CAPS, required=True,
              tip="民主测评中“优秀”一般不超过党员人数的三分之一"),
        Field("three_grades", "测评只分三档（不设基本合格）", "check"),
        Field("ui_text_size", "界面字号", "choice", list(settings.TEXT_SIZES.items()), required=True,
              tip="字看不清时选“大”或“特大”，整个界面的字随之放大，保存后立即生效"),
    ]


def to_settings(data: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in data.items() if k != "threshold_percent"}
    raw = str(data.get("threshold_percent", "")).strip().rstrip("%％")
    try:
        values["satisfaction_threshold"] = float(raw) / 100
    except ValueError:
        raise FormErrors({"threshold_percent": "请填写 1 到 100 之间的数字，如 90。"}) from None
    if not values.get("clerk_name"):
        raise FormErrors({"clerk_name": "请填写操作人员姓名，它会记入操作日志。"})
    return values


def save_settings(data: dict[str, Any]) -> None:
    values = to_settings(data)
    try:
        settings.put(values)
    except FormErrors:
        raise
    except ValidationError as exc:
        field = "threshold_percent" if exc.field == "satisfaction_threshold" else (exc.field or "_")
        raise FormErrors({field: exc.message}) from None


class SettingsDialog(RecordDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__("设置", lambda owner: Form(settings_fields(), owner, columns=1), save_settings, parent)
        values = settings.get_all()
        values["threshold_percent"] = f"{values['satisfaction_threshold'] * 100:g}"
        cap = min(CAPS, key=lambda c: abs(c[0] - values["excellent_cap"]))[0]
        values["excellent_cap"] = cap
        self.form.load(values)
        fit.to_screen(self, 560, 520)
