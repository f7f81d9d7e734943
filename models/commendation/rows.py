"""The nominations of a year as rows for the 表彰 window, each with its dated steps' summary.

`models.commendation.nominations` holds the workflow; this reads it back for a list: who, at which step,
who took each step and when, why it was sent back or refused, and the certificate number once awarded.
Three queries whatever the number of nominations.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import peewee as pw

from models.constants import AWARD_CATEGORIES
from models.store.assessment_tables import Award, Nomination
from models.store.tables import Member, Organization


@dataclass(frozen=True)
class NominationRow:
    id: int
    year: int
    title: str
    level: str
    org_id: int
    member_id: int | None
    name: str            # the member, or the organization's short name
    org_name: str        # the member's (or the organization's own) short name
    stroke_key: str
    state: str           # 已推荐 / 已审核 / 已决定 / 已退回 / 不予表彰
    rank: int | None
    deeds: str
    proposed: tuple[dt.date | None, str]
    reviewed: tuple[dt.date | None, str]
    decided: tuple[dt.date | None, str]  # the decision to commend, or not to (不予表彰)
    return_reason: str   # why it was sent back (退回) or refused (不予表彰)
    notice: tuple[dt.date | None, dt.date | None]
    certificate_no: str  # '' until awarded


def _d(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else value or None  # type: ignore[return-value]


def nomination_rows(year: int, *, level: str | None = None, title: str | None = None,
                    org_ids: Sequence[int] | None = None) -> list[NominationRow]:
    """Nominations of the year (of these organizations), by title, then rank, then 姓氏笔画."""
    query = (Nomination.select(Nomination, Organization.name.alias("org_full"),
                               Organization.short_name.alias("org_short"),
                               Member.name.alias("member_name"), Member.stroke_key.alias("stroke"))
             .join(Organization, on=(Nomination.org == Organization.id))
             .switch(Nomination).join(Member, pw.JOIN.LEFT_OUTER, on=(Nomination.member == Member.id))
             .where(Nomination.year == year))
    if level is not None:
        query = query.where(Nomination.level == level)
    if title is not None:
        query = query.where(Nomination.category == title)
    if org_ids is not None:
        query = query.where(Nomination.org.in_(list(org_ids)))
    noms: list[Any] = list(query.objects())  # Nominations carrying the aliased columns too
    numbers: dict[int, str] = dict(Award.select(Award.nomination, Award.certificate_no)
                   .where(Award.nomination.in_([n.id for n in noms])).tuples()) if noms else {}
    rows = []
    for n in noms:
        org_label = n.org_short or n.org_full
        rows.append(NominationRow(
            n.id, n.year, n.category, n.level, n.org_id, n.member_id, n.member_name or org_label, org_label,
            n.stroke or n.org_full, n.state, n.rank, n.deeds, (_d(n.proposed_on), n.proposed_by),
            (_d(n.reviewed_on), n.reviewed_by), (_d(n.decided_on), n.decided_by), n.return_reason,
            (_d(n.notice_start), _d(n.notice_end)), numbers.get(n.id, "")))
    rows.sort(key=lambda r: (AWARD_CATEGORIES.index(r.title) if r.title in AWARD_CATEGORIES else 9,
                             r.rank or 10**6, r.stroke_key, r.id))
    return rows
