"""From records to the plain data `printing/` lays out.

The printing layer never sees the database and the records never see ReportLab; this is
the one place that decides what of a record goes on paper — and it is where private data
(ID numbers, private phones) is left behind for anything posted publicly.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from peewee import JOIN

from models.campaign import reviews
from models.config import settings
from models.constants import MEMBER_MASS_ITEMS, ORG_MASS_ITEMS, QUARTERS
from models.errors import ValidationError
from models.roster import organizations
from models.roster.members import on_roll
from models.roster.roll import on_roll_clause
from models.store.tables import Attendance, MassTally, Member, MutualTally, Organization, Pledge, PledgeItem, Review
from printing.data import Orientation, Paper, PledgeBoard, PledgeRow
from printing.data import PledgeItem as BoardItem
from printing.dates import DateStyle, format_date
from printing.documents.ballots import MassBallot, PartyBallot
from printing.documents.minutes import Leave, MutualRow, ReviewMinutes, SatisfactionRow
from printing.documents.pledge_letter import LetterItem, PledgeLetter

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


def pledge_board(org_id: int, year: int, *, paper: Paper = "A4", orientation: Orientation = "landscape",
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
        member = p.member
        assert member is not None  # joined above: members' pledges only
        rows.append(PledgeRow(
            name=member.name,
            post=member.party_post or member.job,
            items=tuple(BoardItem(i.content, f"{format_date(i.deadline, style)}前" if i.deadline else "")
                        for i in items),
            fulfilment=_fulfilment_text(items) if with_fulfilment else "",
        ))
    starts = [p.notice_start for p in pledges if p.notice_start]
    ends = [p.notice_end for p in pledges if p.notice_end]
    start = notice_start or (min(starts) if starts else dt.date.today())
    end = notice_end or (max(ends) if ends else start + dt.timedelta(days=6))
    issuer = settings.get("default_issuer") or org.name
    return PledgeBoard(
        organization=org.name, year=year, notice_start=start, notice_end=end, rows=tuple(rows),
        supervision_phone=org.supervision_phone or settings.get("default_supervision_phone"),
        issuer=issuer, issue_date=start, paper=paper, orientation=orientation, date_style=style,
    )


def org_for_print(name: str) -> Organization:
    return organizations.find(name)


# ---------------------------------------------------------------- 承诺书, 测评表, 评议记录
# Ballots and minutes are internal, but like every printout they carry no ID or mobile
# number: only names, posts and what the meeting recorded go into the dataclasses.

LETTER_STATES = PUBLIC_STATES  # a letter is signed for what the branch approved


def _deadline_text(deadline: dt.date | None, style: DateStyle) -> str:
    return f"{format_date(deadline, style)}前" if deadline else ""


def member_named(org_id: int, name: str) -> Member:
    """The command line's --member: a name on this organization's roll, unambiguous."""
    found = list(Member.select().where((Member.org == org_id) & (Member.name == name.strip())))
    if not found:
        raise ValidationError(f"本组织没有名为“{name}”的党员。", "member")
    if len(found) > 1:
        raise ValidationError(f"本组织有 {len(found)} 名党员叫“{name}”，请在窗口中选择后打印。", "member")
    return found[0]


def pledge_letters(org_id: int, year: int, member_ids: Sequence[int] | None = None, *,
                   pledge_ids: Sequence[int] | None = None, include_org: bool = True,
                   drafts: bool = False, date: dt.date | None = None) -> list[PledgeLetter]:
    """承诺书 of an organization's year: the organization's own first, then members in stroke
    order. ``member_ids`` picks members (the organization's pledge is then left out),
    ``pledge_ids`` picks pledges (the 承诺 tab's selection). Pledges sent back never print."""
    org = organizations.get(org_id)
    states = LETTER_STATES + (("草稿",) if drafts else ())
    query = (Pledge.select(Pledge, Member).join(Member, JOIN.LEFT_OUTER, on=(Pledge.member == Member.id))
             .where((Pledge.org == org_id) & (Pledge.year == year) & Pledge.state.in_(states)))
    if pledge_ids is not None:
        query = query.where(Pledge.id.in_(list(pledge_ids)))
    elif member_ids is not None:
        query = query.where(Pledge.member.in_(list(member_ids)))
    elif not include_org:
        query = query.where(Pledge.member.is_null(False))
    pledges = sorted(query, key=lambda p: (p.member_id is not None,
                                           p.member.stroke_key if p.member is not None else "", p.id))
    if not pledges:
        if pledge_ids is not None:
            raise ValidationError("所选承诺已被退回或已不存在，无法打印承诺书。", "pledge")
        who = "所选党员" if member_ids is not None else org.display_name
        raise ValidationError(f"{who}在 {year} 年没有审定通过的承诺，无法打印承诺书。"
                              "请先在“承诺”页审定承诺。", "year")
    items: dict[int, list[PledgeItem]] = {}
    for item in PledgeItem.select().where(PledgeItem.pledge.in_([p.id for p in pledges])).order_by(PledgeItem.seq):
        items.setdefault(item.pledge_id, []).append(item)
    style = settings.get("date_style_notice")
    return [PledgeLetter(
        organization=org.name, year=year,
        items=tuple(LetterItem(i.content, _deadline_text(i.deadline, style)) for i in items.get(p.id, [])),
        member=p.member.name if p.member is not None else None,
        post=(p.member.party_post or p.member.job) if p.member is not None else "",
        date=date, date_style=style,
    ) for p in pledges]


def _roll(org_id: int) -> list[Member]:
    roll = on_roll(org_id)
    if not roll:
        raise ValidationError("该组织没有在册党员，无法生成评议表。", "org_id")
    return roll


def party_ballot(org_id: int, year: int, quarter: int | None, copies: int | None = None) -> PartyBallot:
    """民主评议党员测评表: every member on the roll, stroke order; one copy per member by default."""
    org = organizations.get(org_id)
    roll = _roll(org_id)
    return PartyBallot(org.name, year, quarter, tuple(m.name for m in roll),
                       three_grades=bool(settings.get("three_grades")),
                       excellent_cap=float(settings.get("excellent_cap")),
                       copies=copies or len(roll))


def default_mass_copies(org_id: int, group: str) -> int:
    """党员 forms: one per member on the roll; 群众 forms: as many as voted at the last
    review that counted them, else as many as there are members."""
    if group == "群众":
        last = (Review.select(Review.mass_public_voters)
                .where((Review.org == org_id) & (Review.mass_public_voters > 0))
                .order_by(Review.year.desc(), Review.quarter.desc()).first())
        if last is not None:
            return last.mass_public_voters
    return max(1, len(on_roll(org_id)))


def mass_ballot(org_id: int, year: int, quarter: int | None, group: Literal["党员", "群众"],
                copies: int | None = None) -> MassBallot:
    """群众评议表 for 党员 or 群众 voters: the organization's 5 items, each member's 4."""
    org = organizations.get(org_id)
    roll = _roll(org_id)
    return MassBallot(org.name, year, quarter, tuple(m.name for m in roll), voter_group=group,
                      org_items=ORG_MASS_ITEMS, member_items=MEMBER_MASS_ITEMS,
                      copies=copies or default_mass_copies(org_id, group))


def find_review(org_id: int, year: int, quarter: int) -> Review:
    review = Review.get_or_none((Review.org == org_id) & (Review.year == year) & (Review.quarter == quarter))
    if review is None:
        org = organizations.get(org_id)
        raise ValidationError(f"{org.display_name}没有 {year} 年{QUARTERS.get(quarter, quarter)}的评议记录。"
                              "请先在“季度评议”页录入。", "quarter")
    return review


def satisfaction_rate(counts: Sequence[tuple[int, int, int, int]], formula: str) -> float | None:
    """(满意 比较满意 基本满意 不满意) summed over ``counts``: top2/top3 over valid votes."""
    s, f, b, u = (sum(c[k] for c in counts) for k in range(4))
    valid = s + f + b + u
    if not valid:
        return None
    return (s + f + (b if formula == "top3" else 0)) / valid


def _rates(tallies: list[MassTally], label: str, formula: str) -> SatisfactionRow:
    def counts(group: str | None) -> list[tuple[int, int, int, int]]:
        return [(t.satisfied, t.fairly, t.basic, t.unsatisfied) for t in tallies
                if group is None or t.group == group]

    return SatisfactionRow(label, satisfaction_rate(counts("党员"), formula),
                           satisfaction_rate(counts("群众"), formula),
                           satisfaction_rate(counts(None), formula))


def review_minutes(review_id: int) -> ReviewMinutes:
    """季度评议记录 of one review: attendance by name, tallies, rates by the settings' formula."""
    review = reviews.get(review_id)
    org = review.org
    attendance = list(Attendance.select(Attendance, Member).join(Member)
                      .where(Attendance.review == review.id).order_by(Member.stroke_key, Member.id))
    mutual = list(MutualTally.select(MutualTally, Member).join(Member)
                  .where(MutualTally.review == review.id).order_by(Member.stroke_key, Member.id))
    mass = list(MassTally.select().where(MassTally.review == review.id))
    formula = settings.get("satisfaction_formula")
    org_rows, member_rows = [], []
    if mass:
        for n, item in enumerate(ORG_MASS_ITEMS, 1):
            org_rows.append(_rates([t for t in mass if t.member_id is None and t.item == n], item, formula))
        rated = {t.member_id for t in mass if t.member_id is not None}
        for m in Member.select().where(Member.id.in_(list(rated))).order_by(Member.stroke_key, Member.id):
            member_rows.append(_rates([t for t in mass if t.member_id == m.id], m.name, formula))
    present = sum(1 for a in attendance if a.state == "出席")
    return ReviewMinutes(
        organization=org.name, year=review.year, quarter=review.quarter, date=review.date,
        place=review.place, host=review.host, recorder=review.recorder, expected=review.expected,
        present=present if attendance else None,
        leave=tuple(Leave(a.member.name, a.reason) for a in attendance if a.state == "请假"),
        absent=tuple(a.member.name for a in attendance if a.state == "缺席"),
        observers=review.observers, topics=review.topics, results=review.results,
        problems=review.problems, measures=review.measures, leader_name=review.leader_name,
        leader_comment=review.leader_comment,
        three_grades=bool(settings.get("three_grades")) and not any(t.basic for t in mutual),
        mutual_voters=review.mutual_voters,
        mutual=tuple(MutualRow(t.member.name, t.excellent, t.qualified, t.basic, t.unqualified) for t in mutual),
        mass_party_voters=review.mass_party_voters, mass_public_voters=review.mass_public_voters,
        org_satisfaction=tuple(org_rows), member_satisfaction=tuple(member_rows),
        formula=settings.SATISFACTION_FORMULAS[formula],
        threshold=float(settings.get("satisfaction_threshold")),
        date_style=settings.get("date_style_notice"),
    )


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
    from printing.documents.certificate import Certificate

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
    """A certificate for every member on the organization's roll (在册, 党籍正常: `models.roster.roll`)."""
    org = organizations.get(org_id)
    ids = [m.id for m in Member.select(Member.id).where((Member.org == org_id) & on_roll_clause())]
    if not ids:
        raise ValidationError(f"{org.short_name or org.name}没有在册党员。", "org_id")
    return member_certificates(ids, title, year, issue_date=issue_date)


def org_certificates(org_ids: list[int], title: str = ORG_CERT_TITLE, year: int | None = None,
                     *, issue_date: dt.date | None = None) -> list:
    """荣誉证书 for organizations, addressed by their full name (as on their seal)."""
    from printing.documents.certificate import Certificate

    title, year = _certificate_title(title, True), _certificate_year(year)
    if not org_ids:
        raise ValidationError("请至少选择一个党组织。", "org_ids")
    orgs = {o.id: o for o in Organization.select().where(Organization.id.in_(list(org_ids)))}
    issuer, style = settings.get("committee_name"), settings.get("date_style_certificate")
    day = issue_date or dt.date.today()
    return [Certificate(orgs[i].name, True, title, year, issuer, day, "", style)
            for i in dict.fromkeys(org_ids) if i in orgs]


def has_awards(year: int) -> bool:
    """Whether any award (of any level) is recorded for the year: from then on a batch for an
    organization prints what was decided, never certificates for everyone on its roll."""
    from models.store.assessment_tables import Award

    return Award.select().where(Award.year == _certificate_year(year)).exists()


def award_years() -> list[int]:
    """The years with decided awards, newest first: what a clerk can pass as --year."""
    from models.store.assessment_tables import Award

    return [y for (y,) in Award.select(Award.year).distinct().order_by(Award.year.desc())
            .tuples()]


def _award_ids_under(org_id: int, year: int) -> set[int]:
    """The year's awards conferred on an organization of ``org_id``'s subtree or on a member
    of one: by the organization recorded with the award, or the member's present one (a
    member who moved is still found under the branch that proposed them, and the new one)."""
    from models.store.assessment_tables import Award

    ids = organizations.subtree_ids(org_id)
    return {a for (a,) in Award.select(Award.id)
            .join(Member, JOIN.LEFT_OUTER, on=(Award.member == Member.id))
            .where((Award.year == year) & (Award.org.in_(ids) | Member.org.in_(ids))).tuples()}


def award_certificates(year: int, level: str | None = "基层党委", org_id: int | None = None) -> list:
    """Every award of the level decided for the year (all levels when None), with its
    certificate number, in number order; with ``org_id`` only those of that organization
    and the organizations under it (the window's and the command line's --org batch).

    The date is the decision's; the issuer is the one recorded with the award (the commending
    committee's name at the time), else the level's committee as now set: the township's,
    or the city's for 市委 awards.
    """
    from models.commendation.nominations import award_rows, issuer_or_refuse
    from models.constants import AWARD_LEVELS
    from printing.documents.certificate import Certificate

    year = _certificate_year(year)
    if level is not None and level not in AWARD_LEVELS:
        raise ValidationError(f"表彰级别只能是：{'、'.join(AWARD_LEVELS)}。", "level")
    rows = award_rows(year, level)
    if org_id is not None:
        org = organizations.get(org_id)
        mine = _award_ids_under(org_id, year)
        rows = [r for r in rows if r.award_id in mine]
        if not rows:
            raise ValidationError(f"{year}年度没有决定表彰{org.display_name}（含所属党组织）及其党员的"
                                  f"{level or ''}表彰，未生成证书。", "org")
    if not rows:
        raise ValidationError(f"{year}年度还没有已发证书编号的{level or ''}表彰。请先在表彰中决定表彰并生成证书编号，"
                              "或按组织打印（--org）。", "year")
    style = settings.get("date_style_certificate")
    return [Certificate(r.recipient, not r.is_member, r.title, r.year,
                        issuer_or_refuse(r.level, r.issuer), r.decided_on, r.certificate_no, style)
            for r in rows]
