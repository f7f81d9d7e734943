"""The records behind a ledger figure, described for the window's 数据来源 list.

Every ledger figure carries `Sources` (review ids, pledge item ids). A clerk who doubts a
percentage selects it and sees these records — one line each, with enough to recognise
the meeting or the pledge item — and opens one to check or correct it. Two queries for any
number of ids.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models.campaign.ledger import Sources
from models.constants import QUARTERS
from models.store.tables import Member, Organization, Pledge, PledgeItem, Review

REVIEW, PLEDGE_ITEM = "季度评议", "承诺事项"


@dataclass(frozen=True)
class SourceRecord:
    kind: str          # 季度评议 / 承诺事项
    record_id: int     # the review's or the pledge item's id
    org_id: int
    open_id: int       # what a dialog opens: the review, or the item's pledge
    title: str         # 2025年第一季度评议会 / 王建国 承诺第2项
    date: dt.date | None  # the meeting's date, or the item's deadline
    state: str         # 已召开 / the item's 践诺 state
    detail: str        # 应到 4 人，实到 2 人 / the item's content and reason


def _as_date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else value or None  # type: ignore[return-value]


def records(sources: Sources) -> list[SourceRecord]:
    """The source records, meetings first (by date), then pledge items (by deadline)."""
    out: list[SourceRecord] = []
    if sources.review_ids:
        rows = (Review.select(Review.id, Review.org, Review.year, Review.quarter, Review.date, Review.expected,
                              Review.place, Organization.name, Organization.short_name)
                .join(Organization, on=(Review.org == Organization.id))
                .where(Review.id.in_(list(sources.review_ids))).order_by(Review.date, Review.id).tuples())
        for rid, org_id, year, quarter, day, expected, place, name, short in rows:
            detail = f"{short or name}，应到 {expected} 人" + (f"，{place}" if place else "")
            out.append(SourceRecord(REVIEW, rid, org_id, rid, f"{year}年{QUARTERS[quarter]}评议会",
                                    _as_date(day), "已召开", detail))
    if sources.pledge_item_ids:
        rows = (PledgeItem.select(PledgeItem.id, PledgeItem.pledge, Pledge.org, Member.name, PledgeItem.seq,
                                  PledgeItem.content, PledgeItem.deadline, PledgeItem.state, PledgeItem.reason)
                .join(Pledge).switch(Pledge).join(Member, pw.JOIN.LEFT_OUTER, on=(Pledge.member == Member.id))
                .where(PledgeItem.id.in_(list(sources.pledge_item_ids)))
                .order_by(PledgeItem.deadline, Member.stroke_key, PledgeItem.seq, PledgeItem.id).tuples())
        for iid, pid, org_id, who, seq, content, deadline, state, reason in rows:
            detail = content + (f"（未兑现原因：{reason}）" if state == "未兑现" and reason else "")
            out.append(SourceRecord(PLEDGE_ITEM, iid, org_id, pid, f"{who or '组织承诺'} 承诺第{seq}项",
                                    _as_date(deadline), state, detail))
    return out


def pledge_of_item(item_id: int) -> int | None:
    """The pledge an item belongs to (the home page lists items, the dialog opens pledges)."""
    row = PledgeItem.select(PledgeItem.pledge).where(PledgeItem.id == item_id).tuples().first()
    return row[0] if row else None
