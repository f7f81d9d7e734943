"""Settings kept in the database, so they travel with its backups; defaults live in code."""
from __future__ import annotations

import json
from typing import Any

from models import fields
from models.config import assessment_settings, print_settings
from models.errors import ValidationError
from models.store.db import database
from models.store.tables import Setting

DEFAULTS: dict[str, Any] = {
    "committee_name": "中共先锋镇委员会",  # the township committee that commends
    # The city committee signs its own (市委-level) commendations; the ×× placeholder is
    # refused on print until the clerk types the real name (see commendations.issuer_for).
    "city_committee_name": "中共××市委员会",
    "default_issuer": "",  # issuer on notices; empty means the organization itself
    "default_supervision_phone": "",
    "clerk_name": "",  # who is at the keyboard, for the audit log
    # 群众评议 satisfaction: which levels count as satisfied, over valid votes
    "satisfaction_formula": "top2",  # top2: 满意+比较满意; top3: 满意+比较满意+基本满意
    "satisfaction_threshold": 0.90,  # below it an organization cannot be 先进
    "excellent_cap": 1 / 3,  # share of members who may be rated 优秀
    "three_grades": False,  # ballots without 基本合格
    "date_style_notice": "arabic",  # 2026年7月1日
    "date_style_certificate": "chinese",  # 二〇二六年七月一日
    "import_mappings": {},  # roster import: remembered column layouts, keyed by header text
    "value_mappings": {},  # roster import: confirmed spellings, field -> spelling -> canonical value
    "ui_text_size": "standard",  # 界面字号 for older eyes: standard / large / larger
    **assessment_settings.DEFAULTS,  # 年度考核 weights, grade lines, 表彰 cycle, certificate numbers
    **print_settings.DEFAULTS,  # fonts per role, certificate stock, per-printer offsets
}

TEXT_SIZES = {"standard": "标准", "large": "大", "larger": "特大"}

SATISFACTION_FORMULAS = {
    "top2": "（满意＋比较满意）÷有效票",
    "top3": "（满意＋比较满意＋基本满意）÷有效票",
}


def get(key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(key)
    row = Setting.get_or_none(Setting.key == key)
    return DEFAULTS[key] if row is None else json.loads(row.value)


def get_all() -> dict[str, Any]:
    values = dict(DEFAULTS)
    for row in Setting.select():
        if row.key in values:
            values[row.key] = json.loads(row.value)
    return values


def _check(key: str, value: Any) -> Any:
    if key not in DEFAULTS:
        raise ValidationError(f"未知的设置项“{key}”。", key)
    if key in assessment_settings.VALIDATORS:
        return assessment_settings.VALIDATORS[key](value)
    if key in print_settings.VALIDATORS:
        return print_settings.VALIDATORS[key](value)
    if key == "satisfaction_formula" and value not in SATISFACTION_FORMULAS:
        raise ValidationError("满意率计算方法只能是“" + "”或“".join(SATISFACTION_FORMULAS.values()) + "”。", key)
    if key in ("satisfaction_threshold", "excellent_cap"):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValidationError("请填写 0 到 1 之间的比例，例如 0.9 表示 90%。", key) from None
        if not 0 < value <= 1:
            raise ValidationError("请填写 0 到 1 之间的比例，例如 0.9 表示 90%。", key)
    if key == "ui_text_size" and value not in TEXT_SIZES:
        raise ValidationError("界面字号只能是" + "、".join(TEXT_SIZES.values()) + "。", key)
    if key == "three_grades":
        value = bool(value)
    if isinstance(DEFAULTS[key], str):
        # Names here are printed on notices and certificates: the same cleaning as every form
        # field (no control characters, bidi overrides or lone surrogates SQLite cannot store).
        value = fields.text(value, "设置内容", key, max_len=200)
    return value


def put(values: dict[str, Any]) -> None:
    """Save several settings at once: all are checked first, then written in one transaction."""
    clean = {key: _check(key, value) for key, value in values.items()}
    with database.atomic():
        for key, value in clean.items():
            Setting.insert(key=key, value=json.dumps(value, ensure_ascii=False)).on_conflict_replace().execute()
