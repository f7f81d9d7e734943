"""From one quarterly review to its 季度评议结果公示 (printing.documents.review_results).

Built on the minutes' figures (`sources.review_minutes`) so the posted rates are the ones in
the record; what the minutes keep internal — the votes per member, the attendance by name —
is left behind here: a member appears with the grade only.
"""
from __future__ import annotations

import datetime as dt

from models.campaign.ledger import PARTY, PUBLIC, mutual_grade
from models.config import settings
from models.printouts import sources
from models.store.tables import MassTally
from printing.documents.minutes import SatisfactionRow
from printing.documents.review_results import GradeLine, RateLine, ReviewResults

#: A public notice stays up at least five working days; a week from the day after the meeting.
NOTICE_DAYS = 7


def _gate_rate(row: SatisfactionRow, gate: str) -> float | None:
    return {PARTY: row.party, PUBLIC: row.public}.get(gate, row.total)


def review_results_document(org_id: int, year: int, quarter: int,
                            notice_start: dt.date | None = None) -> ReviewResults:
    """The notice of the organization's review of ``quarter``; 公示期 from ``notice_start``
    (default: the day after the meeting) for `NOTICE_DAYS` days."""
    review = sources.find_review(org_id, year, quarter)
    minutes = sources.review_minutes(review.id)
    gate = settings.get("satisfaction_gate_group")
    tallies = [t for t in MassTally.select().where(MassTally.review == review.id) if t.member_id is None]
    formula = settings.get("satisfaction_formula")
    groups = {PARTY: [t for t in tallies if t.group == PARTY], PUBLIC: [t for t in tallies if t.group == PUBLIC]}
    chosen = groups.get(gate, tallies)
    overall = sources.satisfaction_rate([(t.satisfied, t.fairly, t.basic, t.unsatisfied) for t in chosen],
                                        formula)
    start = notice_start or minutes.date + dt.timedelta(days=1)
    return ReviewResults(
        organization=minutes.organization, year=year, quarter=quarter, meeting_date=minutes.date,
        place=minutes.place, expected=minutes.expected, present=minutes.present,
        rates=tuple(RateLine(r.item, _gate_rate(r, gate)) for r in minutes.org_satisfaction),
        overall=overall, threshold=float(settings.get("satisfaction_threshold")),
        grades=tuple(GradeLine(m.name, mutual_grade((m.excellent, m.qualified, m.basic, m.unqualified),
                                                    minutes.three_grades) or "")
                     for m in minutes.mutual),
        notice_start=start, notice_end=start + dt.timedelta(days=NOTICE_DAYS - 1),
        supervision_phone=settings.get("default_supervision_phone") or "",
        issue_date=start, date_style=minutes.date_style)
