"""The nominations of a year as rows for the 表彰 window, each with its dated steps' summary.

`models.commendation.nominations` holds the workflow; this reads it back for a list: who, at which step,
who took each step and when, why it was sent back or refused, and the certificate number once awarded.
Three queries whatever the number of nominations. The window's two lists (candidates, nominations)
are named rows made here, so a column is found by its field's name, never by a counted position.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import peewee as pw

from models.commendation import nominations as commendations
from models.config import settings
from models.constants import AWARD_CATEGORIES
from models.store.assessment_tables import Award, Nomination
from models.store.tables import Member, Organization

if TYPE_CHECKING:
    from models.assessment.scoring import Candidate

# Nominations the committee can still reorder (上移/下移) and send back.
ORDERABLE = (commendations.PROPOSED, commendations.REVIEWED)
NOT_ELIGIBLE = "不能推荐"
UNGRADED = "未评定"
LOW_SUGGESTIONS = ("基本合格", "不合格")
OWN_ORG = "本组织"
TOWNSHIP_SHORT, CITY_SHORT = "镇党委", "市委"


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


def grade_text(grade: str, suggested: str | None) -> str:
    """The committee's grade, or 未评定 with the suggested one: the committee picks from this
    list, and a 基本合格 suggestion must not pass unseen as a bare 未评定."""
    if grade:
        return grade
    return f"{UNGRADED}（建议{suggested}）" if suggested else UNGRADED


def short_who(by: str, level: str) -> str:
    """镇党委 or 市委 for the commending bodies' full names, anyone else as recorded.

    Every step the committee takes is recorded under its seal name (中共先锋镇委员会), which
    filled the 审核 and 决定 columns with the same eight characters on every row and pushed
    the date out of sight; the full name stays in the 经过 pane.
    """
    if by and by == settings.get("committee_name"):
        return TOWNSHIP_SHORT
    if by and level == commendations.CITY and by == commendations.issuer_for(level):
        return CITY_SHORT
    return by


def step_text(step: tuple[dt.date | None, str], year: int, level: str, own_org: str = "") -> str:
    """A step's cell, e.g. 11-20 镇党委: the date and who, short enough to be read whole.

    The year is left out when it is the nominations' own, but said for a step taken in
    another (a decision early the next year), so no date reads as a year too early. A branch
    proposing its own nominee, the usual case, reads 本组织: its name is in the column beside.
    """
    day, by = step
    if not day:
        return ""
    when = f"{day:%m-%d}" if day.year == year else day.isoformat()  # decided early next year
    who = OWN_ORG if by and by == own_org else short_who(by, level)
    return f"{when} {who}".strip()


class CandidateLine(NamedTuple):
    """A candidate as the 表彰 window lists it."""

    rank: int
    name: str  # the member, or the organization's short name
    org_name: str
    stroke_key: str
    percent: float | None
    grade: str  # as shown: the committee's grade, or 未评定（建议…）
    state: str  # the nomination's state; '' while it can be proposed, 不能推荐 when a rule forbids it
    why: str  # the rules that forbid it, joined
    org_id: int
    member_id: int | None
    suggested: str | None  # the grade the scores suggest, while the committee has given none


def candidate_lines(ranked: Iterable[Candidate], title: str,
                    noms: Iterable[NominationRow]) -> list[CandidateLine]:
    """The assessment's candidates for `title` in its order, each with its nomination's state."""
    by_subject = {(n.member_id if n.member_id else ("org", n.org_id)): n for n in noms}
    lines = []
    for c in ranked:
        nom = by_subject.get(c.member_id if c.member_id else ("org", c.org_id))
        state = nom.state if nom else ("" if c.eligible(title) else NOT_ELIGIBLE)
        lines.append(CandidateLine(
            c.rank, c.org_name if c.is_org else c.name, c.org_name, c.stroke_key, c.percent,
            grade_text(c.grade, c.suggested), state, "；".join(c.exclusions.get(title, ())),
            c.org_id, c.member_id, None if c.grade else c.suggested))
    return lines


class NominationLine(NamedTuple):
    """A nomination as the 表彰 window lists it, in the committee's order."""

    rank: int | None  # the place in that order while it can be moved, else the rank recorded
    name: str
    org_name: str
    state: str
    proposed: str  # each step as 11-20 镇党委 (step_text)
    reviewed: str
    decided: str
    return_reason: str
    certificate_no: str
    id: int
    position: int  # in the committee's order, from 1: the list is kept sorted by it


def nomination_lines(noms: Iterable[NominationRow], order: Sequence[int]) -> list[NominationLine]:
    """The nominations in `order` (their ids as the committee is arranging them)."""
    by_id = {n.id: n for n in noms}
    lines = []
    for pos, nid in enumerate(order, 1):
        n = by_id[nid]
        lines.append(NominationLine(
            pos if n.state in ORDERABLE else n.rank, n.name, n.org_name, n.state,
            step_text(n.proposed, n.year, n.level, n.org_name), step_text(n.reviewed, n.year, n.level),
            step_text(n.decided, n.year, n.level), n.return_reason, n.certificate_no, n.id, pos))
    return lines
