"""From one member's records to the 党员创先争优表现记录 (printing.documents.member_record).

Reads the approved pledges (with each item's fulfilment), the reviews of the member's
organization (attendance, the 互评 grade from the review's totals), the member's 群众评议
votes (rate by the settings' formula and gate group), the annual grade and the honours.
"""
from __future__ import annotations

from collections.abc import Sequence

from models.campaign.ledger import PARTY, PUBLIC, mutual_grade
from models.commendation import nominations as commendations
from models.config import settings
from models.constants import QUARTERS
from models.errors import NotFound, ValidationError
from models.printouts.sources import PUBLIC_STATES, satisfaction_rate
from models.roster import organizations
from models.store.assessment_tables import Assessment
from models.store.tables import Attendance, MassTally, Member, MutualTally, Pledge, PledgeItem, Review
from printing.documents.member_record import MemberRecord, YearRecord


def find_members(name: str, org_name: str | None = None) -> list[Member]:
    """The command line's --member (and --org): refuses a name two members share, naming both."""
    query = Member.select().where(Member.name == name.strip())
    if org_name:
        query = query.where(Member.org == organizations.find(org_name).id)
    found = list(query.order_by(Member.id))
    if not found:
        raise NotFound(f"没有名为“{name}”的党员{'（在该组织中）' if org_name else ''}。")
    if len(found) > 1:
        where = "；".join(f"{m.name}（{organizations.get(m.org_id).name}）" for m in found)
        raise ValidationError(f"有 {len(found)} 名党员叫“{name}”：{where}。请用 --org 指定所在组织。", "member")
    return found


def _years(first: int, last: int) -> range:
    if not 2000 <= first <= last <= 2100:
        raise ValidationError("年度范围不对：起始年度应不晚于结束年度，且在 2000 到 2100 之间。", "year")
    return range(first, last + 1)


def _year(m: Member, year: int) -> YearRecord:
    pledges = []
    for p in Pledge.select().where((Pledge.member == m.id) & (Pledge.year == year) & Pledge.state.in_(PUBLIC_STATES)):
        for item in PledgeItem.select().where(PledgeItem.pledge == p.id).order_by(PledgeItem.seq):
            pledges.append(f"{item.content}（{item.state}）")
    reviews = list(Review.select().where((Review.org == m.org_id) & (Review.year == year)).order_by(Review.quarter))
    ids = [r.id for r in reviews]
    attended = Attendance.select().where((Attendance.member == m.id) & Attendance.review.in_(ids))
    states = [a.state for a in attended]
    attendance = f"{states.count('出席')}／{len(states)}" if states else "—"
    quarters = {r.id: r.quarter for r in reviews}
    three = bool(settings.get("three_grades"))
    mutual = []
    for t in MutualTally.select().where((MutualTally.member == m.id) & MutualTally.review.in_(ids)):
        grade = mutual_grade((t.excellent, t.qualified, t.basic, t.unqualified), three)
        if grade:
            mutual.append((quarters[t.review_id], f"{QUARTERS[quarters[t.review_id]][1:]} {grade}"))
    gate = settings.get("satisfaction_gate_group")
    mass = [t for t in MassTally.select().where((MassTally.member == m.id) & MassTally.review.in_(ids))
            if gate not in (PARTY, PUBLIC) or t.group == gate]
    rate = satisfaction_rate([(t.satisfied, t.fairly, t.basic, t.unsatisfied) for t in mass],
                             settings.get("satisfaction_formula"))
    graded = Assessment.get_or_none((Assessment.member == m.id) & (Assessment.year == year))
    return YearRecord(year, tuple(pledges), attendance, tuple(text for _q, text in sorted(mutual)),
                      "" if rate is None else f"{rate * 100:.1f}%", graded.grade if graded else "")


def member_records(members: Sequence[Member], first: int, last: int) -> list[MemberRecord]:
    years = _years(first, last)
    out = []
    for m in members:
        honours = tuple(f"{h.year}年度{h.title}（{h.issuer}）" for h in commendations.honours(member_id=m.id)
                        if first <= h.year <= last)
        out.append(MemberRecord(m.name, organizations.get(m.org_id).name, m.sex, m.party_post, first, last,
                                tuple(_year(m, y) for y in years), honours))
    return out
