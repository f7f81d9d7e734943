"""Tables of the township's supervision (督查) and the organizations' plans (schema step 8).

整改通知: the township tells a branch what to put right by when; the branch reports it done.
实施方案/年度计划: one per organization and year, with its 时间安排 rows. Rules live in
`models.campaign.rectification` and `models.campaign.plans`.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import peewee as pw

from models.store.tables import BaseModel, Organization

if TYPE_CHECKING:
    from models.store.tables import Select


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Rectification(BaseModel):
    """整改通知 to one organization: 未整改 until the branch reports it done (已整改)."""

    org = pw.ForeignKeyField(Organization, backref="rectifications", on_delete="RESTRICT")
    org_id: int
    year = pw.IntegerField(index=True)  # the campaign year the notice is about
    issued_on = pw.DateField()
    issuer = pw.CharField(default="")  # the township committee's full name at the time
    problems = pw.TextField()  # 存在问题
    requirement = pw.TextField(default="")  # 整改要求
    deadline = pw.DateField()  # 整改时限
    state = pw.CharField(default="未整改")  # 未整改 / 已整改
    done_on = pw.DateField(null=True)  # when the branch reported it done
    remarks = pw.TextField(default="")  # 整改情况 as reported
    created_at = pw.DateTimeField(default=_now)
    updated_at = pw.DateTimeField(default=_now)


class Plan(BaseModel):
    """实施方案 (a committee's) or 年度计划 (a branch's) for one year."""

    org = pw.ForeignKeyField(Organization, backref="plans", on_delete="RESTRICT")
    org_id: int
    year = pw.IntegerField()
    goals = pw.TextField(default="")  # 目标
    measures = pw.TextField(default="")  # 措施
    carriers = pw.TextField(default="")  # 活动载体
    created_at = pw.DateTimeField(default=_now)
    updated_at = pw.DateTimeField(default=_now)
    rows: Select[PlanRow]  # backref

    class Meta:
        indexes = ((("org", "year"), True),)


class PlanRow(BaseModel):
    """One line of the 时间安排: a month (1–12) or a quarter (13–16 for 第一至第四季度)."""

    plan = pw.ForeignKeyField(Plan, backref="rows", on_delete="CASCADE")
    plan_id: int
    seq = pw.IntegerField()
    period = pw.IntegerField()
    content = pw.TextField()
    responsible = pw.CharField(default="")  # 责任人

    class Meta:
        indexes = ((("plan", "seq"), True),)


CAMPAIGN_MODELS = (Rectification, Plan, PlanRow)
