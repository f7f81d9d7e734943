"""整改通知: the township's notice to a branch that falls behind ("限期进行整改"), tracked
until the branch reports it done, so the 首页 can chase what is open.

Every write is one transaction with its audit line.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models import fields
from models.config import settings
from models.errors import FormErrors, NotFound, ValidationError
from models.roster import organizations
from models.store import audit
from models.store.campaign_tables import Rectification
from models.store.db import database
from models.store.tables import Organization

OPEN, DONE = "未整改", "已整改"
STATES = (OPEN, DONE)
#: An open notice shows on the 首页 from this many days before its deadline.
NEAR_DAYS = 14


@dataclass(frozen=True)
class NoticeRow:
    """One notice as the lists show it."""

    id: int
    org_id: int
    org_name: str
    year: int
    issued_on: dt.date
    problems: str
    deadline: dt.date
    state: str
    done_on: dt.date | None


def _issuer() -> str:
    """The township committee's full name as 设置 has it today, kept on the notice."""
    return str(settings.get("committee_name") or "").strip()


def issue(org_id: int, data: dict[str, Any]) -> Rectification:
    """A new notice to ``org_id``: issued_on, problems, requirement, deadline (and year)."""
    org = organizations.get(org_id)
    if org.parent_id is None:
        raise ValidationError("整改通知由乡镇党委发给所属党组织，请在左侧选择一个党支部。", "org")
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for key, check in (
        ("issued_on", lambda v: fields.date(v, "通知日期", "issued_on", required=True)),
        ("deadline", lambda v: fields.date(v, "整改时限", "deadline", required=True)),
        ("problems", lambda v: fields.text(v, "存在问题", "problems", required=True, max_len=3000, multiline=True)),
        ("requirement", lambda v: fields.text(v, "整改要求", "requirement", max_len=3000, multiline=True)),
    ):
        try:
            clean[key] = check(data.get(key))
        except ValidationError as exc:
            errors[key] = exc.message
    if not errors and clean["deadline"] < clean["issued_on"]:
        errors["deadline"] = "整改时限早于通知日期，请检查。"
    if errors:
        raise FormErrors(errors)
    year = fields.integer(data.get("year") or clean["issued_on"].year, "年度", "year", minimum=2000, maximum=2100)
    with database.atomic():
        row = Rectification.create(org=org_id, year=year, issuer=_issuer(), **clean)
        audit.record("新增", "整改通知", row.id, f"{org.display_name}：{clean['problems'][:60]}")
    return row


def get(notice_id: int) -> Rectification:
    row = Rectification.get_or_none(Rectification.id == notice_id)
    if row is None:
        raise NotFound("该整改通知已不存在，可能数据已恢复到较早的备份。")
    return row


def mark_done(notice_id: int, done_on: Any, remarks: Any = "") -> Rectification:
    """The branch reported it put right: 已整改 on ``done_on`` with what it did."""
    row = get(notice_id)
    day = fields.date(done_on, "整改完成日期", "done_on", required=True)
    assert day is not None
    if day < row.issued_on:
        raise ValidationError("整改完成日期早于通知日期，请检查。", "done_on")
    text = fields.text(remarks, "整改情况", "remarks", max_len=3000, multiline=True)
    with database.atomic():
        row.state, row.done_on, row.remarks = DONE, day, text
        row.updated_at = dt.datetime.now().replace(microsecond=0)
        row.save()
        audit.record("状态变更", "整改通知", row.id, f"已整改（{day.isoformat()}）")
    return row


def reopen(notice_id: int) -> Rectification:
    """Back to 未整改 (a done mark entered by mistake)."""
    row = get(notice_id)
    with database.atomic():
        row.state, row.done_on = OPEN, None
        row.updated_at = dt.datetime.now().replace(microsecond=0)
        row.save()
        audit.record("状态变更", "整改通知", row.id, "改回未整改")
    return row


def _rows(query: Any) -> list[NoticeRow]:
    return [NoticeRow(r.id, r.org_id, r.org.short_name or r.org.name, r.year, r.issued_on, r.problems,
                      r.deadline, r.state, r.done_on) for r in query]


def list_rows(org_ids: list[int] | None = None, year: int | None = None) -> list[NoticeRow]:
    """Notices, newest first, of the given organizations (all when None) and year."""
    query = Rectification.select(Rectification, Organization).join(Organization)
    if org_ids is not None:
        query = query.where(Rectification.org.in_(org_ids))
    if year is not None:
        query = query.where(Rectification.year == year)
    return _rows(query.order_by(Rectification.issued_on.desc(), Rectification.id.desc()))


def due_soon(today: dt.date, org_ids: list[int] | None = None, limit: int = 50) -> tuple[list[NoticeRow], int]:
    """Open notices past their deadline or within `NEAR_DAYS` of it, earliest deadline first,
    at most ``limit``; and how many there are in all (the 首页 says when it shows fewer)."""
    cond = (Rectification.state == OPEN) & (Rectification.deadline <= today + dt.timedelta(days=NEAR_DAYS))
    if org_ids is not None:
        cond &= Rectification.org.in_(org_ids)
    total = Rectification.select().where(cond).count()
    query = (Rectification.select(Rectification, Organization).join(Organization).where(cond)
             .order_by(Rectification.deadline, Rectification.id).limit(limit))
    return _rows(query), total
