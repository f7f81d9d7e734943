"""The assessment summary as plain Chinese lines, for `main.py assess` and for logs.

Kept out of `main.py` so the wording is one thing, testable without a subprocess.
"""
from __future__ import annotations

from models import settings
from models.assessment import MEMBER_TITLE, ORG_TITLE, WORKER_TITLE, Candidate, Summary
from models.ledger import share_text

NO_DATA = "数据不全"


def _score(c: Candidate) -> str:
    text = f"{c.score:g}/{c.full_marks:g} 分"
    if c.percent is None:
        return text + "，无可计分数据"
    text += f"，得分率 {c.percent:.1f}%"
    if not c.complete:
        text += "（考核小组评分未录齐，按已有部分折算）"
    return text


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
