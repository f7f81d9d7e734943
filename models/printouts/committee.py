"""From the ledger and the commendation records to the plain data of three printouts:
the 专项台账, the 拟表彰对象公示 and the 表彰名单.

Kept apart from `models.printouts.sources` (the pledge and review printouts) because these read
the assessment's computed figures, not single records. Public notices are filled from
`models.commendation.nominations`' rows, which have no field for an ID number or a private phone.
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

from models.campaign import ledger
from models.campaign.ledger import PARTY, PUBLIC, TOTAL, MassAppraisal, OrgLedger, Satisfaction, share_text
from models.commendation import nominations as commendations
from models.config import settings
from models.constants import AWARD_LEVELS
from models.errors import ValidationError
from printing.documents.award_list import AwardEntry, AwardList
from printing.documents.candidate_notice import CandidateNotice, NoticeEntry
from printing.documents.ledger import (
    CommentLine,
    LedgerDoc,
    MassLine,
    MutualLine,
    PledgeLine,
    QuarterLine,
    UnfulfilledLine,
    Votes,
)

ORG_PLEDGE = "（组织承诺）"


def _votes(s: Satisfaction) -> Votes:
    return Votes(s.satisfied, s.fairly, s.basic, s.unsatisfied, s.favourable)


def _mass_line(label: str, groups: dict[str, Satisfaction], gate: str) -> MassLine:
    return MassLine(label, _votes(groups[PARTY]), _votes(groups[PUBLIC]), _votes(groups[TOTAL]),
                    groups[gate].meets)


def _mass(m: MassAppraisal, gate: str) -> tuple[tuple[MassLine, ...], MassLine]:
    items = tuple(_mass_line(label, groups, gate) for label, groups in zip(m.items, m.by_item, strict=False))
    return items, _mass_line("合计", m.overall, gate)


def _member_mass(name: str, m: MassAppraisal, gate: str) -> MassLine:
    """A member's overall line carrying the line of each rated item."""
    items, overall = _mass(m, gate)
    return MassLine(name, overall.party, overall.public, overall.total, overall.meets, items)


def ledger_doc(led: OrgLedger) -> LedgerDoc:
    """The printable ledger of one organization's built `OrgLedger`."""
    conf = settings.get_all()
    gate = conf["satisfaction_gate_group"]
    quarters = tuple(QuarterLine(
        q.label, q.held, q.due, q.date, q.expected, q.present, q.leave, q.absent,
        q.attendance_recorded, q.mutual_voters, q.mass_party_voters, q.mass_public_voters,
        None if q.cap is None else q.cap.broken) for q in led.quarters)
    rated = [m for m in led.members if m.mutual.total]
    mutual = tuple(MutualLine(m.name, m.mutual.counts, m.mutual.grade or "",
                              "" if m.on_roll else "（已不在册）") for m in rated)
    graded = [m for m in rated if m.mutual.grade]
    excellent = sum(1 for m in graded if m.mutual.grade == "优秀")
    over_cap = bool(graded) and Fraction(excellent, len(graded)) > ledger.exact(led.excellent_cap)
    org_items, org_overall = _mass(led.mass, gate)
    member_mass = tuple(_member_mass(m.name, m.mass, gate) for m in led.members if m.mass.has_votes)
    pledges, unfulfilled = [], []
    for who, tally in [(ORG_PLEDGE, led.org_pledge), *((m.name, m.pledge) for m in led.members)]:
        if not tally.pledged or not tally.items:
            continue
        pledges.append(PledgeLine(who, tally.items, tally.due, tally.fulfilled, len(tally.unfulfilled),
                                  len(tally.overdue_ids)))
        unfulfilled += [UnfulfilledLine(who, u.seq, u.content, u.deadline, u.reason) for u in tally.unfulfilled]
    comments = tuple(CommentLine(q, who, text) for q, who, text in led.leader_comments)
    return LedgerDoc(
        organization=led.name, year=led.year, as_of=led.as_of,
        formula=settings.SATISFACTION_FORMULAS[led.formula], threshold=led.threshold, gate_group=gate,
        excellent_cap=share_text(led.excellent_cap), excellent_cap_short=ledger.cap_text(led.excellent_cap),
        three_grades=led.three_grades,
        quarters=quarters, cap_notes=tuple(c.message for c in led.cap_breaches),
        excellent_over_cap=over_cap, mutual=mutual, org_mass=org_items,
        org_mass_overall=org_overall if led.mass.has_votes else None, member_mass=member_mass,
        pledges=tuple(pledges), unfulfilled=tuple(unfulfilled), comments=comments,
        date_style=conf["date_style_notice"], holds_reviews=led.holds_reviews)


def ledger_document(org_id: int, year: int, as_of: dt.date | None = None) -> LedgerDoc:
    return ledger_doc(ledger.for_org(org_id, year, as_of))


# ------------------------------------------------------------------ notices of commendations

def _level(level: str) -> str:
    if level not in AWARD_LEVELS:
        raise ValidationError(f"表彰级别只能是：{'、'.join(AWARD_LEVELS)}。", "level")
    return level


def candidate_notice_document(year: int, level: str = commendations.BASIC,
                              issue_date: dt.date | None = None) -> CandidateNotice:
    """拟表彰对象公示 of every candidate the committee has reviewed (or already decided), signed by
    the level's committee: the township's, or the city's for 市委 candidates."""
    notice = commendations.candidate_notice(year, _level(level))
    if not notice.rows:
        raise ValidationError(f"{year}年度还没有经党委审核的拟表彰对象，无法公示。请先在“表彰”中审核推荐对象。",
                              "year")
    return CandidateNotice(
        issuer=commendations.issuer_or_refuse(level, notice.issuer), year=year,
        notice_start=notice.notice_start, notice_end=notice.notice_end,
        supervision_phone=notice.supervision_phone,
        rows=tuple(NoticeEntry(r.title, r.name, "" if r.name == r.organization else r.organization,
                               r.sex, r.post) for r in notice.rows),
        issue_date=issue_date or notice.notice_start, date_style=settings.get("date_style_notice"))


def award_list_document(year: int, level: str = commendations.BASIC) -> AwardList:
    """表彰名单 (the decision's list): every award of the year with its certificate number."""
    rows = commendations.award_rows(year, _level(level))
    if not rows:
        raise ValidationError(f"{year}年度还没有已决定并编号的表彰。请先在“表彰”中决定表彰并生成证书编号。", "year")
    decided = max(r.decided_on for r in rows)
    return AwardList(
        issuer=commendations.issuer_or_refuse(level, rows[0].issuer), year=year, decided_on=decided,
        rows=tuple(AwardEntry(r.title, r.recipient, "" if not r.is_member else r.organization,
                              r.certificate_no) for r in rows),
        date_style=settings.get("date_style_notice"))
