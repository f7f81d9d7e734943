"""The township's own assessment rules: what each dimension is worth and what feeds it.

The campaign document asks for 定性评价与量化考评相结合 but leaves the numbers to each
committee, so weights, the computed/entered split, the ledger figure behind each dimension,
grade thresholds, the city's commendation cycle and the certificate numbering are settings.
This module only knows their shapes and checks them; `models.config.settings` stores them.
"""
from __future__ import annotations

import re
from typing import Any

from models.constants import AWARD_LEVELS, FIVE_GOOD, FIVE_LEAD, MUTUAL_GRADES
from models.errors import ValidationError

# Ledger figures a dimension's computed part can be fed from (key → what the window shows).
ORG_FIGURES: dict[str, str] = {
    "review_rate": "季度评议按时召开率",
    "attendance_rate": "评议会党员出席率",
    "leader_comment_rate": "领导点评覆盖率",
    "mutual_good_share": "互评合格以上党员占比",
    "cap_compliance": "互评优秀比例合规率",
    "pledge_fulfilment": "承诺兑现率",
    "mass_satisfaction": "群众评议满意率（党员和群众合计）",
    "mass_public_satisfaction": "群众评议满意率（群众）",
    "mass_party_satisfaction": "群众评议满意率（党员）",
    "member_mass_satisfaction": "党员个人群众评议满意率",
    "none": "不计算（全部由考核小组评分）",
}
MEMBER_FIGURES: dict[str, str] = {
    "attendance_rate": "评议会出席率",
    "pledge_fulfilment": "承诺兑现率",
    "mutual_score": "互评得分率（优秀100、合格80、基本合格60、不合格0折算）",
    "mutual_excellent_share": "互评优秀票占比",
    "mutual_good_share": "互评合格以上票占比",
    "mutual_pass_share": "互评非不合格票占比",
    "mass_satisfaction": "群众评议满意率（党员和群众合计）",
    "mass_public_satisfaction": "群众评议满意率（群众）",
    "none": "不计算（全部由考核小组评分）",
}


def _dim(points: float, figure: str, share: float = 0.5) -> dict[str, Any]:
    return {"points": points, "computed_share": share, "figure": figure}


ORG_DIMENSIONS_DEFAULT: dict[str, dict[str, Any]] = {
    "领导班子好": _dim(20, "review_rate"),
    "党员队伍好": _dim(20, "mutual_good_share"),
    "工作机制好": _dim(20, "attendance_rate"),
    "工作业绩好": _dim(20, "pledge_fulfilment"),
    "群众反映好": _dim(20, "mass_satisfaction"),
}
MEMBER_DIMENSIONS_DEFAULT: dict[str, dict[str, Any]] = {
    "带头学习提高": _dim(20, "attendance_rate"),
    "带头争创佳绩": _dim(20, "pledge_fulfilment"),
    "带头服务群众": _dim(20, "mass_satisfaction"),
    "带头遵纪守法": _dim(20, "mutual_pass_share"),
    "带头弘扬正气": _dim(20, "mutual_score"),
}
# Suggested grade: the score as a percentage of full marks reaching these (优秀 ≥ 90 …).
GRADE_THRESHOLDS_DEFAULT = {"优秀": 90, "合格": 75, "基本合格": 60}
CERTIFICATE_FORMATS_DEFAULT = {"基层党委": "先锋〔{年份}〕{序号}号", "市委": "市创〔{年份}〕{序号}号"}
# Clerks type the Chinese placeholders; formats saved by early versions used {year} and {n}.
_LEGACY_FIELDS = {"{year}": "{年份}", "{n}": "{序号}"}


def certificate_number(fmt: str, year: int, serial: int) -> str:
    """A certificate number from a format such as 先锋〔{年份}〕{序号}号 (legacy {year}/{n} too)."""
    for old, new in _LEGACY_FIELDS.items():
        fmt = fmt.replace(old, new)
    return fmt.format(年份=year, 序号=serial)
GATE_GROUPS = ("合计", "群众")  # whose 群众评议 votes the 90% gate reads

DEFAULTS: dict[str, Any] = {
    "assessment_org_dimensions": ORG_DIMENSIONS_DEFAULT,
    "assessment_member_dimensions": MEMBER_DIMENSIONS_DEFAULT,
    "assessment_grade_thresholds": GRADE_THRESHOLDS_DEFAULT,
    "satisfaction_gate_group": "合计",
    "city_award_cycle": 2,  # the city commends every two years
    "city_award_base_year": 2011,  # a year it did (the document names the 七一 of 2011)
    "certificate_number_formats": CERTIFICATE_FORMATS_DEFAULT,
}


def _number(value: Any, message: str, key: str, low: float, high: float) -> float:
    try:
        n = float(value)
    except (TypeError, ValueError):
        raise ValidationError(message, key) from None
    if not low <= n <= high:
        raise ValidationError(message, key)
    return int(n) if n.is_integer() else n


def _dimensions(value: Any, key: str, names: tuple[str, ...], figures: dict[str, str], what: str
                ) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or set(value) != set(names):
        raise ValidationError(f"{what}的考核项目必须正好是：{'、'.join(names)}。", key)
    clean = {}
    for name in names:
        entry = value[name]
        if not isinstance(entry, dict):
            raise ValidationError(f"“{name}”的设置不完整。", key)
        points = _number(entry.get("points"), f"“{name}”的分值应在 0 到 100 之间。", key, 0, 100)
        share = _number(entry.get("computed_share"),
                        f"“{name}”的台账计算部分占比应在 0 到 1 之间，例如 0.5 表示一半。", key, 0, 1)
        figure = entry.get("figure", "none")
        if figure not in figures:
            raise ValidationError(f"“{name}”的计算依据“{figure}”不是可选的台账数据。", key)
        if figure == "none":
            share = 0
        clean[name] = {"points": points, "computed_share": share, "figure": figure}
    if not sum(d["points"] for d in clean.values()):
        raise ValidationError(f"{what}的总分不能为 0。", key)
    return clean


def _thresholds(value: Any) -> dict[str, float]:
    key = "assessment_grade_thresholds"
    if not isinstance(value, dict) or set(value) != set(MUTUAL_GRADES[:3]):
        raise ValidationError("评定等次的分数线要分别填写优秀、合格、基本合格。", key)
    clean = {g: _number(value[g], f"{g}的分数线应在 0 到 100 之间（得分率，即总分占应得分的百分比）。", key, 0, 100)
             for g in MUTUAL_GRADES[:3]}
    if not clean["优秀"] >= clean["合格"] >= clean["基本合格"]:
        raise ValidationError("分数线应从高到低：优秀 ≥ 合格 ≥ 基本合格。", key)
    return clean


def _formats(value: Any) -> dict[str, str]:
    key = "certificate_number_formats"
    if not isinstance(value, dict) or set(value) != set(AWARD_LEVELS):
        raise ValidationError("请分别设置基层党委和市委表彰的证书编号格式。", key)
    clean = {}
    for level in AWARD_LEVELS:
        fmt = str(value[level]).strip()
        for legacy, field in _LEGACY_FIELDS.items():
            fmt = fmt.replace(legacy, field)
        fields = set(re.findall(r"\{(\w*)\}", fmt))
        if "序号" not in fields or not fields <= {"序号", "年份"} or len(fmt) > 40:
            raise ValidationError(
                f"{level}证书编号格式应含 {{序号}}，可含 {{年份}}，例如 先锋〔{{年份}}〕{{序号}}号。", key)
        try:
            certificate_number(fmt, 2026, 1)
        except (ValueError, IndexError, KeyError):
            raise ValidationError(f"{level}证书编号格式写法有误，花括号只能用于 {{序号}} 和 {{年份}}。", key) from None
        clean[level] = fmt
    return clean


def _gate(value: Any) -> str:
    if value not in GATE_GROUPS:
        raise ValidationError("满意率门槛只能按“合计”（党员和群众一起）或“群众”计算。", "satisfaction_gate_group")
    return value


VALIDATORS = {
    "assessment_org_dimensions": lambda v: _dimensions(
        v, "assessment_org_dimensions", FIVE_GOOD, ORG_FIGURES, "先进基层党组织“五个好”"),
    "assessment_member_dimensions": lambda v: _dimensions(
        v, "assessment_member_dimensions", FIVE_LEAD, MEMBER_FIGURES, "优秀共产党员“五带头”"),
    "assessment_grade_thresholds": _thresholds,
    "satisfaction_gate_group": _gate,
    "city_award_cycle": lambda v: int(_number(v, "市委表彰周期应为 1 到 5 年。", "city_award_cycle", 1, 5)),
    "city_award_base_year": lambda v: int(_number(
        v, "市委表彰的起始年份应在 2000 到 2100 之间。", "city_award_base_year", 2000, 2100)),
    "certificate_number_formats": _formats,
}
