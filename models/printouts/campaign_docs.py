"""From the township's supervision records and the plans to their documents
(printing.documents.bulletin, rectification_notice, plan)."""
from __future__ import annotations

import datetime as dt

from models.campaign import plans, rectification
from models.campaign.bulletin import BulletinData, bulletin
from models.campaign.ledger import share_text
from models.config import settings
from models.errors import ValidationError
from models.roster import organizations
from printing.documents.bulletin import BehindLine, Bulletin, BulletinRow
from printing.documents.plan import PlanDocument, PlanLine
from printing.documents.rectification_notice import RectificationNotice


def _style() -> str:
    return str(settings.get("date_style_notice") or "arabic")


def bulletin_from(data: BulletinData, issue_date: dt.date | None = None) -> Bulletin:
    if not data.branches:
        raise ValidationError(f"{data.period}还没有需要开展季度评议的基层党组织（有在册党员的党支部），无法生成通报。",
                              "year")
    rows = tuple(BulletinRow(b.rank, b.name, f"{b.held.num}/{b.held.den}" if b.held.den else "—",
                             b.fulfilment.text, b.satisfaction.text) for b in data.branches)
    return Bulletin(
        issuer=str(settings.get("committee_name")), period=data.period, quarterly=data.quarter is not None,
        as_of=data.as_of,
        threshold=share_text(data.threshold), rows=rows,
        behind=tuple(BehindLine(b.name, b.reasons) for b in data.behind),
        all_held=sum(1 for b in data.branches if b.held.den and b.held.num == b.held.den),
        issue_date=issue_date or dt.date.today(), date_style=_style())  # type: ignore[arg-type]


def bulletin_document(year: int, quarter: int | None = None, issue_date: dt.date | None = None,
                      today: dt.date | None = None) -> Bulletin:
    return bulletin_from(bulletin(year, quarter, today=today), issue_date)


def rectification_document(notice_id: int) -> RectificationNotice:
    row = rectification.get(notice_id)
    org = organizations.get(row.org_id)
    return RectificationNotice(row.issuer or str(settings.get("committee_name")), org.name, row.year,
                               row.issued_on, row.problems, row.requirement, row.deadline,
                               _style())  # type: ignore[arg-type]


def latest_notice(org_id: int, year: int) -> int:
    """The branch's latest notice of the year, for the command line's --org/--year."""
    rows = rectification.list_rows([org_id], year)
    if not rows:
        org = organizations.get(org_id)
        raise ValidationError(f"{org.display_name}在 {year} 年没有整改通知。", "year")
    return rows[0].id


def plan_document(org_id: int, year: int, issue_date: dt.date | None = None) -> PlanDocument:
    org = organizations.get(org_id)
    data = plans.require(org_id, year)
    plan = plans.find(org_id, year)
    day = issue_date or (plan.updated_at.date() if plan is not None else None)
    return PlanDocument(org.name, year, plans.kind_of(org.level), data.goals, data.measures, data.carriers,
                        tuple(PlanLine(plans.period_label(r.period), r.content, r.responsible) for r in data.rows),
                        day, _style())  # type: ignore[arg-type]
