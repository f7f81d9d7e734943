"""实施方案 / 年度计划: "基层党组织要结合实际，制定开展创先争优活动阶段性目标措施和年度计划".

One plan per organization and year — 目标, 措施, 活动载体 and the 时间安排 rows by month or
quarter — saved as a whole in one transaction, like a review: a half-saved timetable is
worse than none. A committee's plan is its 实施方案, a branch's its 年度计划.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import fields
from models.constants import QUARTERS
from models.errors import FormErrors, NotFound, ValidationError
from models.roster import organizations
from models.roster.roll import on_roll_clause
from models.store import audit
from models.store.campaign_tables import Plan, PlanRow
from models.store.db import database
from models.store.tables import Member, Organization

#: 时间安排 periods: 1–12 are months, 13–16 the four quarters.
QUARTER_BASE = 12
PERIODS: dict[int, str] = {**{m: f"{m}月" for m in range(1, 13)},
                           **{QUARTER_BASE + q: QUARTERS[q] for q in range(1, 5)}}
TEXT_FIELDS = {"goals": ("目标", 3000), "measures": ("措施", 5000), "carriers": ("活动载体", 1000)}
MAX_ROWS = 60


def period_order(period: int) -> tuple[int, int]:
    """A quarter comes after its last month: 3月, 第一季度, 4月 …"""
    return (3 * (period - QUARTER_BASE), 1) if period > QUARTER_BASE else (period, 0)


def period_label(period: int) -> str:
    return PERIODS.get(period, "")


def kind_of(level: str) -> str:
    """What the document is called: a committee's 实施方案, a branch's 年度计划."""
    return "实施方案" if level == "党委" else "年度计划"


@dataclass(frozen=True)
class ScheduleRow:
    period: int  # see PERIODS
    content: str
    responsible: str = ""


@dataclass
class PlanInput:
    goals: str = ""
    measures: str = ""
    carriers: str = ""
    rows: list[ScheduleRow] = field(default_factory=list)


def _clean(data: PlanInput) -> tuple[dict[str, str], list[ScheduleRow]]:
    errors: dict[str, str] = {}
    texts: dict[str, str] = {}
    for key, (label, limit) in TEXT_FIELDS.items():
        try:
            texts[key] = fields.text(getattr(data, key), label, key, max_len=limit, multiline=True)
        except ValidationError as exc:
            errors[key] = exc.message
    rows: list[ScheduleRow] = []
    for n, r in enumerate(data.rows, 1):
        if not str(r.content or "").strip() and not str(r.responsible or "").strip():
            continue  # an empty line left in the table
        try:
            if r.period not in PERIODS:
                raise ValidationError(f"时间安排第 {n} 行：请选择月份或季度。", "rows")
            content = fields.text(r.content, f"时间安排第 {n} 行的内容", "rows", required=True, max_len=1000,
                                  multiline=True)
            who = fields.text(r.responsible, f"时间安排第 {n} 行的责任人", "rows", max_len=60)
            rows.append(ScheduleRow(r.period, content, who))
        except ValidationError as exc:
            errors.setdefault("rows", exc.message)
    rows.sort(key=lambda r: period_order(r.period))  # stable: same-period rows keep their order
    if len(rows) > MAX_ROWS:
        errors["rows"] = f"时间安排最多 {MAX_ROWS} 行，现在有 {len(rows)} 行。"
    if not errors and not texts["goals"] and not rows:
        errors["goals"] = "请至少填写目标或一行时间安排。"
    if errors:
        raise FormErrors(errors)
    return texts, rows


def save(org_id: int, year: int, data: PlanInput) -> Plan:
    """The organization's plan for ``year``, created or replaced as a whole."""
    org = organizations.get(org_id)
    year = fields.integer(year, "年度", "year", minimum=2000, maximum=2100)
    texts, rows = _clean(data)
    now = dt.datetime.now().replace(microsecond=0)
    with database.atomic():
        plan = Plan.get_or_none((Plan.org == org_id) & (Plan.year == year))
        action = "修改" if plan else "新增"
        if plan is None:
            plan = Plan.create(org=org_id, year=year, **texts)
        else:
            for key, value in texts.items():
                setattr(plan, key, value)
            plan.updated_at = now
            plan.save()
            PlanRow.delete().where(PlanRow.plan == plan.id).execute()
        if rows:
            PlanRow.insert_many([{"plan": plan.id, "seq": n, "period": r.period, "content": r.content,
                                  "responsible": r.responsible} for n, r in enumerate(rows, 1)]).execute()
        audit.record(action, kind_of(org.level), plan.id, f"{org.display_name} {year}年（{len(rows)} 项安排）")
    return plan


def find(org_id: int, year: int) -> Plan | None:
    return Plan.get_or_none((Plan.org == org_id) & (Plan.year == year))


def load(org_id: int, year: int) -> PlanInput | None:
    plan = find(org_id, year)
    if plan is None:
        return None
    rows = [ScheduleRow(r.period, r.content, r.responsible)
            for r in PlanRow.select().where(PlanRow.plan == plan.id).order_by(PlanRow.seq)]
    return PlanInput(plan.goals, plan.measures, plan.carriers, rows)


def require(org_id: int, year: int) -> PlanInput:
    data = load(org_id, year)
    if data is None:
        org = organizations.get(org_id)
        raise NotFound(f"{org.display_name}还没有 {year} 年的{kind_of(org.level)}。"
                       "请先在“打印”菜单的“实施方案/年度计划…”中填写。")
    return data


def delete(org_id: int, year: int) -> None:
    plan = find(org_id, year)
    if plan is None:
        return
    with database.atomic():
        plan.delete_instance(recursive=True)
        audit.record("删除", "年度计划", plan.id, f"{year}年")


def without_plan(year: int, org_ids: list[int] | None = None, limit: int = 50) -> tuple[list[tuple[int, str]], int]:
    """Basic organizations with members on the roll and no plan for ``year``: (id, name) by
    id, at most ``limit``, and how many in all."""
    has_plan = Plan.select(Plan.org).where(Plan.year == year)
    cond = ((Organization.level != "党委") & Organization.id.in_(Member.select(Member.org).where(on_roll_clause()))
            & Organization.id.not_in(has_plan))
    if org_ids is not None:
        cond &= Organization.id.in_(org_ids)
    total = Organization.select().where(cond).count()
    rows = (Organization.select(Organization.id, Organization.name, Organization.short_name).where(cond)
            .order_by(Organization.id).limit(limit).tuples())
    return [(oid, short or name) for oid, name, short in rows], total
