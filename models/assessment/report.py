"""The assessment summary as plain Chinese lines, for `main.py assess` and for logs, and the
number formats (points, 得分率, 总分 / 应得分) every assessment page shows.

Kept out of `main.py` and the pages so the wording is one thing, testable without a subprocess.
"""
from __future__ import annotations

import math

from models.assessment.scoring import MEMBER_TITLE, ORG_TITLE, WORKER_TITLE, Candidate, Summary
from models.campaign.ledger import share_text
from models.config import settings

NO_DATA = "数据不全"


def points_text(value: float) -> str:
    """Points with two decimals everywhere: the computed parts are kept to 0.01 and entered
    scores are rounded to 0.01, so the parts shown add up to the total shown, to the cent."""
    return f"{value:.2f}"


def percent_text(value: float | None) -> str:
    """A 得分率 with one decimal, cut rather than rounded: 89.96% shows as 89.9%, never as a
    90.0% that the 优秀 line at 90% did not accept (the ×10 is rounded first so float noise
    in 90.0 is not cut down to 89.9)."""
    if value is None:
        return "—"
    return f"{math.floor(round(value * 10, 4)) / 10:.1f}%"


def score_text(c: Candidate) -> str:
    """总分 over 应得分, then the 得分率 that is their quotient: shown apart, a 43.60 beside 87.2%
    looked like an error (the 应得分 is below full marks when data or entries are missing)."""
    return f"总分 {points_text(c.score)} / 应得分 {points_text(c.attainable)}（得分率 {percent_text(c.percent)}）"


def shortfall_text(c: Candidate) -> str:
    """Why the 应得分 is below full marks: '' when it is not."""
    not_entered = sum(d.entered_max for d in c.dimensions if d.entered is None)
    no_data = sum(d.computed_max for d in c.missing)
    parts = ([f"考核小组评分未录的 {points_text(not_entered)} 分"] if not_entered else []) + (
        [f"{NO_DATA}的 {points_text(no_data)} 分"] if no_data else [])
    return f"满分 {points_text(c.full_marks)} 分，其中{'、'.join(parts)}不计入应得分" if parts else ""


def _score(c: Candidate) -> str:
    if c.percent is None:
        return f"总分 {points_text(c.score)}，无可计分数据（满分 {points_text(c.full_marks)}）"
    short = shortfall_text(c)
    return score_text(c) + (f"；{short}" if short else "")


def suggested_text(c: Candidate) -> str:
    """The suggested grade as every page shows it: 数据不全 when the ledger has nothing to go on."""
    return c.suggested or (NO_DATA if c.no_data else "—")


def _grades(c: Candidate) -> str:
    text = f"建议等次：{suggested_text(c)}；评定等次：{c.grade or '未评定'}"
    return text + f"；{NO_DATA}" if c.missing else text


def _eligible(c: Candidate) -> str:
    titles = [t for t in c.titles if c.eligible(t)]
    return "可参评" + "、".join(f"“{t}”" for t in titles) if titles else "不能参评"


def _reasons(c: Candidate) -> list[str]:
    return [f"      不能评为“{t}”：{reason}" for t in c.titles for reason in c.exclusions.get(t, ())]


def summary_lines(s: Summary, scope_name: str = "") -> list[str]:
    conf = settings.get_all()
    th = conf["assessment_grade_thresholds"]
    lines = [
        (f"{s.year}年度创先争优年度考核汇总（{scope_name or conf['committee_name']}，"
         f"数据截至{s.as_of.year}年{s.as_of.month}月{s.as_of.day}日）"),
        (f"满意率计算方法：{settings.SATISFACTION_FORMULAS[conf['satisfaction_formula']]}，"
         f"门槛 {conf['satisfaction_threshold'] * 100:g}%；建议等次分数线（得分率）："
         f"优秀 {th['优秀']:g}%、合格 {th['合格']:g}%"
         + ("" if conf["three_grades"] else f"、基本合格 {th['基本合格']:g}%") + "。"),
        "",
    ]
    breaches = s.cap_breaches
    cap = share_text(conf["excellent_cap"])
    if breaches:
        lines.append(f"优秀比例检查（每个党组织评为优秀的党员不超过{cap}；考核小组未评定的按建议等次计）：")
        lines += [f"  {b.message}" for b in breaches]
    else:
        lines.append(f"优秀比例检查：各党组织考核小组评定（未评定的按建议等次）为优秀的党员都没有超过{cap}。")
    lines += ["", f"一、基层党组织（“五个好”，{len(s.organizations)} 个）"]
    if not s.organizations:
        lines.append("  （没有可考核的基层党组织）")
    for c in s.organizations:
        lines.append(f"  {c.rank}. {c.org_name}：{_score(c)}；{_grades(c)}；{_eligible(c)}")
        lines += _reasons(c)
        lines += [f"      注：{n}" for n in c.notes]
    lines += ["", f"二、党员（“五带头”，{len(s.members)} 名）"]
    if not s.members:
        lines.append("  （没有在册党员）")
    for c in s.members:
        worker = "，党务工作者" if c.is_party_worker else ""
        lines.append(f"  {c.rank}. {c.name}（{c.org_name}{worker}）：{_score(c)}；{_grades(c)}；{_eligible(c)}")
        lines += _reasons(c)
        lines += [f"      注：{n}" for n in c.notes]
    excluded = {t: sum(1 for c in s.ranked(t) if not c.eligible(t))
                for t in (ORG_TITLE, MEMBER_TITLE, WORKER_TITLE)}
    lines += ["", "不能参评的人数：" + "；".join(f"“{t}” {n} 个" if t == ORG_TITLE else f"“{t}” {n} 名"
                                        for t, n in excluded.items()) + "。"]
    return lines
