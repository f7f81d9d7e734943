"""From records to the plain data `printing/` lays out.

The printing layer never sees the database and the records never see ReportLab; this is
the one place that decides what of a record goes on paper — and it is where private data
(ID numbers, private phones) is left behind for anything posted publicly.
"""
from __future__ import annotations

import datetime as dt

from models import organizations, settings
from models.errors import ValidationError
from models.records import Member, Organization, Pledge, PledgeItem
from printing.data import PledgeBoard, PledgeItem as BoardItem, PledgeRow
from printing.dates import format_date

PUBLIC_STATES = ("已审定", "已公示", "已评诺")  # what the branch has approved may be posted


def _fulfilment_text(items: list[PledgeItem]) -> str:
    if all(i.state == "未开始" for i in items):
        return ""
    parts = []
    for i in items:
        text = f"{i.seq}.{i.state}"
        if i.state == "未兑现" and i.reason:
            text += f"（{i.reason}）"
        elif i.progress and i.state != "未开始":
            text += f"：{i.progress}"
        parts.append(text)
    return "；".join(parts)


def pledge_board(org_id: int, year: int, *, paper: str = "A4", orientation: str = "landscape",
                 notice_start: dt.date | None = None, notice_end: dt.date | None = None,
                 with_fulfilment: bool = True) -> PledgeBoard:
    """The 党员公开承诺公示 of one organization's approved pledges for a year, stroke order."""
    org = organizations.get(org_id)
    pledges = list(
        Pledge.select(Pledge, Member)
        .join(Member)
        .where((Pledge.org == org_id) & (Pledge.year == year) & (Pledge.state.in_(PUBLIC_STATES)))
        .order_by(Member.stroke_key, Member.id)
    )
    if not pledges:
        raise ValidationError(f"{org.short_name or org.name}在 {year} 年还没有审定通过的党员承诺，无法生成公示。"
                              "请先在“承诺”页审定承诺。", "year")
    items_by_pledge: dict[int, list[PledgeItem]] = {}
    for item in PledgeItem.select().where(PledgeItem.pledge.in_([p.id for p in pledges])).order_by(PledgeItem.seq):
        items_by_pledge.setdefault(item.pledge_id, []).append(item)
    style = settings.get("date_style_notice")
    rows = []
    for p in pledges:
        items = items_by_pledge.get(p.id, [])
        rows.append(PledgeRow(
            name=p.member.name,
            post=p.member.party_post or p.member.job,
            items=[BoardItem(i.content, f"{format_date(i.deadline, style)}前" if i.deadline else "") for i in items],
            fulfilment=_fulfilment_text(items) if with_fulfilment else "",
        ))
    starts = [p.notice_start for p in pledges if p.notice_start]
    ends = [p.notice_end for p in pledges if p.notice_end]
    start = notice_start or (min(starts) if starts else dt.date.today())
    end = notice_end or (max(ends) if ends else start + dt.timedelta(days=6))
    issuer = settings.get("default_issuer") or org.name
    return PledgeBoard(
        organization=org.name, year=year, notice_start=start, notice_end=end, rows=rows,
        supervision_phone=org.supervision_phone or settings.get("default_supervision_phone"),
        issuer=issuer, issue_date=start, paper=paper, orientation=orientation, date_style=style,
    )


def org_for_print(name: str) -> Organization:
    return organizations.find(name)
