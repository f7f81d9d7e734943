"""Pledges (公开承诺): 提出 → 审定 (or 退回) → 公示 → 践诺 → 评诺.

Items are edited only while a pledge is a draft or was sent back; once approved, only
fulfilment is recorded, so what was posted on the board stays what was promised.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models import fields
from models.constants import FIVE_LEAD, ITEM_STATES, PLEDGE_EVALUATIONS
from models.errors import FormErrors, NotFound, ValidationError
from models.store import audit
from models.store.db import database
from models.store.tables import Member, Organization, Pledge, PledgeItem

EDITABLE = ("草稿", "退回")
MAX_ITEMS = 20


@dataclass
class ItemInput:
    content: str
    deadline: Any = None
    standard: str = ""


def standards_for(org: Organization) -> tuple[str, ...]:
    """What an item may be linked to: the 五带头 and the organization's 争做 titles."""
    from models.roster.organizations import category_of

    return FIVE_LEAD + category_of(org).strive_items


def _clean_items(items: list[ItemInput | dict], year: int, allowed: tuple[str, ...]) -> list[dict]:
    c = fields.Collector()
    out = []
    if not items:
        c.add("items", "承诺至少要有一项具体内容。")
    if len(items) > MAX_ITEMS:
        c.add("items", f"一份承诺最多 {MAX_ITEMS} 项，请合并相近的内容。")
    for n, item in enumerate(items, 1):
        if isinstance(item, dict):
            item = ItemInput(**item)
        key = f"items.{n}"
        content = c.run(fields.text, item.content, f"第 {n} 项承诺内容", key, required=True,
                        max_len=300, multiline=True)
        deadline = c.run(fields.date, item.deadline, f"第 {n} 项完成时限", key + ".deadline", required=True)
        if deadline and not (year <= deadline.year <= year + 1):
            c.add(key + ".deadline", f"第 {n} 项完成时限应在 {year} 年内（最迟次年），现在是 {deadline.isoformat()}。")
        standard = c.run(fields.text, item.standard, f"第 {n} 项对应标准", key + ".standard", max_len=30)
        if standard and standard not in allowed:
            c.add(key + ".standard", f"第 {n} 项对应的标准“{standard}”不在“五带头”和本组织争做目标中。")
        out.append({"seq": n, "content": content, "deadline": deadline, "standard": standard or ""})
    c.raise_if_any()
    return out


def save_draft(org_id: int, member_id: int | None, year: Any, items: list[ItemInput | dict],
               pledge_id: int | None = None) -> Pledge:
    """Create or rewrite a draft pledge with its numbered items, in one transaction."""
    year_v = fields.integer(year, "年度", "year", minimum=2000, maximum=2100)
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise ValidationError("请选择承诺所属的党组织。", "org_id")
    if member_id is not None:
        member = Member.get_or_none(Member.id == member_id)
        if member is None or member.org_id != org.id:
            raise ValidationError("所选党员不在这个党组织中。", "member_id")
    clean = _clean_items(items, year_v, standards_for(org))
    with database.atomic():
        if pledge_id is None:
            member_cond = Pledge.member.is_null() if member_id is None else Pledge.member == member_id
            if Pledge.select().where((Pledge.org == org.id) & member_cond & (Pledge.year == year_v)).exists():
                who = "本组织" if member_id is None else "该党员"
                raise ValidationError(f"{who} {year_v} 年度已有承诺，请打开原承诺修改。", "year")
            pledge = Pledge.create(org=org, member=member_id, year=year_v)
        else:
            pledge = get(pledge_id)
            if pledge.state not in EDITABLE:
                raise ValidationError(f"承诺已{pledge.state}，内容不能再改；如需修改，请先退回。", "state")
            PledgeItem.delete().where(PledgeItem.pledge == pledge.id).execute()
            pledge.updated_at = dt.datetime.now().replace(microsecond=0)
            pledge.save()
        for item in clean:
            PledgeItem.create(pledge=pledge, **item)
        audit.record("新增" if pledge_id is None else "修改", "承诺", pledge.id, f"{year_v}年，{len(clean)}项")
    return pledge


def get(pledge_id: int) -> Pledge:
    pledge = Pledge.get_or_none(Pledge.id == pledge_id)
    if pledge is None:
        raise NotFound("该承诺已不存在。")
    return pledge


def _transition(pledge_id: int, allowed_from: tuple[str, ...], to: str, **changes: Any) -> Pledge:
    pledge = get(pledge_id)
    if pledge.state not in allowed_from:
        raise ValidationError(f"承诺当前是“{pledge.state}”，不能直接改为“{to}”。", "state")
    with database.atomic():
        for key, value in changes.items():
            setattr(pledge, key, value)
        pledge.state = to
        pledge.updated_at = dt.datetime.now().replace(microsecond=0)
        pledge.save()
        audit.record("状态变更", "承诺", pledge.id, f"{to} {changes.get('return_reason', '')}".strip())
    return pledge


def approve(pledge_id: int, on: Any = None) -> Pledge:
    when = fields.date(on, "审定日期", "approved_on") or dt.date.today()
    return _transition(pledge_id, ("草稿",), "已审定", approved_on=when, return_reason="")


def send_back(pledge_id: int, reason: str) -> Pledge:
    reason = fields.text(reason, "退回原因", "return_reason", required=True, max_len=300, multiline=True)
    return _transition(pledge_id, ("草稿", "已审定"), "退回", return_reason=reason)


def resubmit(pledge_id: int) -> Pledge:
    return _transition(pledge_id, ("退回",), "草稿")


def publish(pledge_id: int, start: Any, end: Any) -> Pledge:
    c = fields.Collector()
    s = c.run(fields.date, start, "公示开始日期", "notice_start", required=True)
    e = c.run(fields.date, end, "公示结束日期", "notice_end", required=True)
    c.raise_if_any()
    if e < s:
        raise ValidationError("公示结束日期不能早于开始日期。", "notice_end")
    return _transition(pledge_id, ("已审定",), "已公示", notice_start=s, notice_end=e)


def publish_all(org_id: int, year: int, start: Any, end: Any) -> int:
    """Post every approved pledge of the organization for the year at once (one board)."""
    ids = [p.id for p in Pledge.select(Pledge.id).where(
        (Pledge.org == org_id) & (Pledge.year == year) & (Pledge.state == "已审定"))]
    with database.atomic():
        for pid in ids:
            publish(pid, start, end)
    return len(ids)


def evaluate(pledge_id: int, evaluation: str, note: str = "") -> Pledge:
    evaluation = fields.choice(evaluation, "评诺结果", "evaluation", PLEDGE_EVALUATIONS, required=True)
    note = fields.text(note, "评诺意见", "evaluation_note", max_len=500, multiline=True)
    pledge = get(pledge_id)
    open_items = [i.seq for i in pledge.items if i.state in ("未开始", "进行中")]
    if open_items:
        raise ValidationError(
            f"第 {'、'.join(map(str, open_items))} 项还没有记录兑现情况，请先记录践诺情况再评诺。", "evaluation")
    return _transition(pledge_id, ("已公示",), "已评诺", evaluation=evaluation, evaluation_note=note)


def record_fulfilment(item_id: int, state: str, reason: str = "", progress: str = "") -> PledgeItem:
    """践诺: an unfulfilled item must say why."""
    c = fields.Collector()
    state = c.run(fields.choice, state, "践诺状态", "state", ITEM_STATES, required=True)
    reason = c.run(fields.text, reason, "未兑现原因", "reason", max_len=300, multiline=True)
    progress = c.run(fields.text, progress, "践诺情况", "progress", max_len=500, multiline=True)
    c.raise_if_any()
    if state == "未兑现" and not reason:
        raise ValidationError("标为“未兑现”时必须写明原因。", "reason")
    item = PledgeItem.get_or_none(PledgeItem.id == item_id)
    if item is None:
        raise NotFound("该承诺事项已不存在。")
    if item.pledge.state not in ("已审定", "已公示"):
        raise ValidationError(f"承诺当前是“{item.pledge.state}”，审定后才能记录践诺情况。", "state")
    with database.atomic():
        item.state, item.reason, item.progress = state, reason if state == "未兑现" else "", progress
        item.save()
        audit.record("践诺", "承诺事项", item.id, f"第{item.seq}项：{state}")
    return item


def record_fulfilments(entries: list[tuple[int, str, str, str]]) -> None:
    """Several items' 践诺 (item id, state, reason, progress) saved together or not at all,
    with every refusal reported at once under items.<seq>.<field> so a form can mark each row."""
    errors: dict[str, str] = {}
    with database.atomic():
        for item_id, state, reason, progress in entries:
            try:
                record_fulfilment(item_id, state, reason, progress)
            except ValidationError as exc:
                item = PledgeItem.get_or_none(PledgeItem.id == item_id)
                prefix = f"items.{item.seq}" if item is not None else "items"
                found = exc.errors if isinstance(exc, FormErrors) else {exc.field or "_": exc.message}
                for field, message in found.items():
                    errors.setdefault(f"{prefix}.{field}", message)
        if errors:
            raise FormErrors(errors)  # leaving the block by an exception rolls every item back


def list_rows(org_id: int, year: int | None = None) -> list[tuple]:
    """(pledge id, 姓名 or 组织承诺, year, state, item count, fulfilled count, notice end)."""
    from peewee import JOIN, Case, fn

    query = (
        Pledge.select(
            Pledge.id,
            fn.COALESCE(Member.name, "（组织承诺）"),
            Pledge.year,
            Pledge.state,
            fn.COUNT(PledgeItem.id),
            fn.SUM(Case(None, [(PledgeItem.state == "已兑现", 1)], 0)),
            Pledge.notice_end,
            fn.COALESCE(Member.stroke_key, ""),
        )
        .join(Member, JOIN.LEFT_OUTER, on=(Pledge.member == Member.id))
        .switch(Pledge)
        .join(PledgeItem, JOIN.LEFT_OUTER, on=(PledgeItem.pledge == Pledge.id))
        .where(Pledge.org == org_id)
        .group_by(Pledge.id)
        .order_by(Pledge.year.desc(), fn.COALESCE(Member.stroke_key, ""), Pledge.id)
    )
    if year is not None:
        query = query.where(Pledge.year == year)
    return [row[:7] for row in query.tuples()]


def pledged_member_ids(org_id: int, year: int) -> set[int | None]:
    """Who already has a pledge that year (None: the organization's own), so a form offers the rest."""
    return {m for (m,) in Pledge.select(Pledge.member).where(
        (Pledge.org == org_id) & (Pledge.year == year)).tuples()}


def items_of(pledge_id: int) -> list[PledgeItem]:
    return list(PledgeItem.select().where(PledgeItem.pledge == pledge_id).order_by(PledgeItem.seq))
