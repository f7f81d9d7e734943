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


# ---------------------------------------------------------------- 荣誉证书
# A certificate carries a name, a title, the issuer and a date: never an ID or a phone.

MEMBER_TITLES = ("优秀共产党员", "优秀党务工作者")
ORG_CERT_TITLE = "先进基层党组织"


def _certificate_title(title: str, for_org: bool) -> str:
    title = " ".join(str(title or "").split()).strip("“”\"")
    if not title:
        raise ValidationError("请选择或填写荣誉称号。", "title")
    if len(title) > 20:
        raise ValidationError("荣誉称号过长（最多 20 个字）。", "title")
    if not for_org and title == ORG_CERT_TITLE:
        raise ValidationError(f"“{ORG_CERT_TITLE}”授予党组织，不授予党员个人。", "title")
    return title


def _certificate_year(year: int | None) -> int:
    year = dt.date.today().year if year is None else int(year)
    if not 2000 <= year <= 2100:
        raise ValidationError("年度应在 2000 到 2100 之间。", "year")
    return year


def member_certificates(member_ids: list[int], title: str = MEMBER_TITLES[0],
                        year: int | None = None, *, issue_date: dt.date | None = None) -> list:
    """荣誉证书 for chosen members with a typed title (before awards are recorded),
    in 姓氏笔画 order; issuer and date style from the settings."""
    from printing.certificate import Certificate

    title, year = _certificate_title(title, False), _certificate_year(year)
    if not member_ids:
        raise ValidationError("请至少选择一名党员。", "member_ids")
    members = list(Member.select(Member.id, Member.name).where(Member.id.in_(list(member_ids)))
                   .order_by(Member.stroke_key, Member.id))
    if len(members) != len(set(member_ids)):
        raise ValidationError("所选党员中有的记录已不存在，请刷新后重选。", "member_ids")
    issuer, style = settings.get("committee_name"), settings.get("date_style_certificate")
    day = issue_date or dt.date.today()
    return [Certificate(m.name, False, title, year, issuer, day, "", style) for m in members]


def org_member_certificates(org_id: int, title: str = MEMBER_TITLES[0], year: int | None = None,
                            *, issue_date: dt.date | None = None) -> list:
    """A certificate for every member on the organization's roll (在册)."""
    org = organizations.get(org_id)
    ids = [m.id for m in Member.select(Member.id).where(
        (Member.org == org_id) & (Member.roll_status == "在册"))]
    if not ids:
        raise ValidationError(f"{org.short_name or org.name}没有在册党员。", "org_id")
    return member_certificates(ids, title, year, issue_date=issue_date)


def org_certificates(org_ids: list[int], title: str = ORG_CERT_TITLE, year: int | None = None,
                     *, issue_date: dt.date | None = None) -> list:
    """荣誉证书 for organizations, addressed by their full name (as on their seal)."""
    from printing.certificate import Certificate

    title, year = _certificate_title(title, True), _certificate_year(year)
    if not org_ids:
        raise ValidationError("请至少选择一个党组织。", "org_ids")
    orgs = {o.id: o for o in Organization.select().where(Organization.id.in_(list(org_ids)))}
    issuer, style = settings.get("committee_name"), settings.get("date_style_certificate")
    day = issue_date or dt.date.today()
    return [Certificate(orgs[i].name, True, title, year, issuer, day, "", style)
            for i in dict.fromkeys(org_ids) if i in orgs]


def award_certificates(year: int, level: str | None = "基层党委") -> list:
    """Every award decided for the year, with its certificate number, in number order.

    The date is the decision's; the issuer is the one recorded with the award (the
    committee's name at the time), else today's committee name.
    """
    from models.commendations import award_rows
    from printing.certificate import Certificate

    year = _certificate_year(year)
    rows = award_rows(year, level)
    if not rows:
        raise ValidationError(f"{year}年度还没有已发证书编号的表彰。请先在表彰中决定表彰并生成证书编号，"
                              "或按组织打印（--org）。", "year")
    style, committee = settings.get("date_style_certificate"), settings.get("committee_name")
    return [Certificate(r.recipient, not r.is_member, r.title, r.year, r.issuer or committee,
                        r.decided_on, r.certificate_no, style) for r in rows]
