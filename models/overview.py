"""The committee's home page: what is late, what is posted, what waits for a decision.

A township clerk opens the program to find out what to chase this week, so this reads the
current quarter across every branch in a handful of queries, and shapes the counts the
committee reports upward (民主评议党员, 党内表彰) as rows an Excel writer can take as they are.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models.assessment import scoring as assessment
from models.campaign import ledger
from models.campaign.reviews import LATE_DAYS, quarter_bounds
from models.commendation import nominations as commendations
from models.constants import AWARD_CATEGORIES, AWARD_LEVELS, MUTUAL_GRADES, QUARTERS
from models.roster.organizations import subtree_ids
from models.roster.roll import on_roll_clause
from models.sheet import Sheet
from models.store.assessment_tables import Assessment, Award, Nomination
from models.store.tables import Member, Organization, Pledge, PledgeItem, Review

OPEN_ITEM_STATES = ("未开始", "进行中")
WAITING_ORGS, WAITING_MEMBERS = "待评定（党组织）", "待评定（党员）"
NOT_GRADED = "尚未评定"
OVERDUE_LINES = 200  # overdue items the home page lists (the most overdue); all of them go to Excel


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


@dataclass(frozen=True)
class MissingReview:
    org_id: int
    org_name: str
    year: int
    quarter: int
    last_review: dt.date | None  # the organization's latest meeting on record

    @property
    def quarter_label(self) -> str:
        return f"{self.year}年{QUARTERS[self.quarter]}"


@dataclass(frozen=True)
class OverdueItem:
    item_id: int
    org_id: int
    org_name: str
    who: str  # the member's name, or （组织承诺）
    seq: int
    content: str
    deadline: dt.date
    days_overdue: int
    state: str


@dataclass(frozen=True)
class RunningNotice:
    kind: str  # 党员公开承诺公示 / 拟表彰对象公示
    org_id: int | None  # None: the committee's own notice
    org_name: str
    start: dt.date
    end: dt.date
    count: int  # pledges or candidates posted


@dataclass(frozen=True)
class Overview:
    today: dt.date
    year: int
    quarter: int
    missing_reviews: tuple[MissingReview, ...]
    overdue_items: tuple[OverdueItem, ...]  # the most overdue first, at most the limit asked for
    overdue_count: int  # all of them, counted in SQL
    notices: tuple[RunningNotice, ...]
    # 待评定（党组织）/ 待评定（党员）/ 待审核 / 待决定 / 待发证 / 已退回待重新推荐, for assessment_year
    waiting: dict[str, int]
    assessment_year: int

    @property
    def quarter_label(self) -> str:
        return f"{self.year}年{QUARTERS[self.quarter]}"


def assessment_year(today: dt.date, ids: list[int] | None = None) -> int:
    """The year whose assessment and commendations are under way.

    A year is assessed once it ends (from its last quarter, when the year-end assessment is
    prepared) and commended around the next 七一; so until October the last year's, unless the
    committee has already begun nominating for this one.
    """
    if today.month >= 10:
        return today.year
    started = Nomination.select().where((Nomination.year == today.year) & _in(Nomination.org, ids)).exists()
    return today.year if started else today.year - 1


def _scope(org_id: int | None) -> list[int] | None:
    return None if org_id is None else subtree_ids(org_id)


def _in(column: pw.Field, ids: list[int] | None) -> pw.Expression:
    return column.is_null(False) if ids is None else column.in_(ids)


def _missing_reviews(today: dt.date, ids: list[int] | None) -> list[MissingReview]:
    """Basic organizations with members on the roll that lack this quarter's meeting — and last
    quarter's, while it may still be recorded late."""
    year, quarter = today.year, quarter_of(today)
    wanted = [(year, quarter)]
    prev = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    if today <= quarter_bounds(*prev)[1] + dt.timedelta(days=LATE_DAYS):
        wanted.insert(0, prev)
    # EXISTS, not a join grouped by organization: it stops at each one's first member on the roll
    # (by the index on member.org_id) instead of reading every member of the township
    has_members = pw.fn.EXISTS(Member.select(Member.id).where((Member.org == Organization.id) & on_roll_clause()))
    orgs = list(Organization.select(Organization.id, Organization.name, Organization.short_name)
                .where((Organization.level != "党委") & has_members & _in(Organization.id, ids))
                .order_by(Organization.id).tuples())
    held = set(Review.select(Review.org, Review.year, Review.quarter)
               .where(_in(Review.org, ids) & (Review.year >= prev[0])).tuples())
    last: dict[int, dt.date | str] = dict(Review.select(Review.org, pw.fn.MAX(Review.date))  # MAX may give text
                                          .where(_in(Review.org, ids)).group_by(Review.org).tuples())
    out = []
    for y, q in wanted:
        for org_id, name, short in orgs:
            if (org_id, y, q) not in held:
                day = last.get(org_id)
                if isinstance(day, str):
                    day = dt.date.fromisoformat(day)
                out.append(MissingReview(org_id, short or name, y, q, day))
    return out


def _overdue_where(today: dt.date, ids: list[int] | None) -> pw.Expression:
    return ((PledgeItem.deadline < today) & PledgeItem.state.in_(OPEN_ITEM_STATES)
            & Pledge.state.in_(ledger.COUNTED_PLEDGE_STATES) & _in(Pledge.org, ids))


def overdue_items(today: dt.date, org_id: int | None = None, limit: int | None = None) -> list[OverdueItem]:
    """Open pledge items past their deadline, the most overdue first; `limit` None: all of them
    (the Excel list). A township in December has tens of thousands: the home page asks for a few."""
    return _overdue(today, _scope(org_id), limit)


def _overdue(today: dt.date, ids: list[int] | None, limit: int | None) -> list[OverdueItem]:
    rows = (PledgeItem.select(PledgeItem.id, Organization.id, Organization.name, Organization.short_name,
                              Member.name, PledgeItem.seq, PledgeItem.content, PledgeItem.deadline,
                              PledgeItem.state)
            .join(Pledge).join(Organization, on=(Pledge.org == Organization.id))
            .switch(Pledge).join(Member, pw.JOIN.LEFT_OUTER, on=(Pledge.member == Member.id))
            .where(_overdue_where(today, ids))
            .order_by(PledgeItem.deadline, Organization.id, Member.stroke_key, PledgeItem.seq)
            .limit(limit).tuples())
    return [OverdueItem(iid, oid, short or name, who or "（组织承诺）", seq, content, deadline,
                        (today - deadline).days, state)
            for iid, oid, name, short, who, seq, content, deadline, state in rows]


def _overdue_count(today: dt.date, ids: list[int] | None) -> int:
    return PledgeItem.select().join(Pledge).where(_overdue_where(today, ids)).count()


def _notices(today: dt.date, ids: list[int] | None) -> list[RunningNotice]:
    pledge_rows = (Pledge.select(Organization.id, Organization.name, Organization.short_name,
                                 pw.fn.MIN(Pledge.notice_start), pw.fn.MAX(Pledge.notice_end),
                                 pw.fn.COUNT(Pledge.id))
                   .join(Organization, on=(Pledge.org == Organization.id))
                   .where((Pledge.notice_start <= today) & (Pledge.notice_end >= today)
                          & _in(Pledge.org, ids))
                   .group_by(Organization.id).order_by(Organization.id).tuples())
    out = [RunningNotice("党员公开承诺公示", oid, short or name, _as_date(s), _as_date(e), n)
           for oid, name, short, s, e, n in pledge_rows]
    nom_rows = (Nomination.select(Nomination.level, pw.fn.MIN(Nomination.notice_start),
                                  pw.fn.MAX(Nomination.notice_end), pw.fn.COUNT(Nomination.id))
                .where((Nomination.notice_start <= today) & (Nomination.notice_end >= today)
                       & _in(Nomination.org, ids))
                .group_by(Nomination.level).tuples())
    for level, s, e, n in nom_rows:
        out.append(RunningNotice("拟表彰对象公示", None, commendations.issuer_for(level) or level,
                                 _as_date(s), _as_date(e), n))
    return out


def _waiting(year: int, ids: list[int] | None) -> dict[str, int]:
    """What waits for the committee in one year's assessment and commendations, in scope.

    待评定 counts the subjects the 年度考核 page lists (basic organizations with members on the
    roll or a meeting that year; members on the roll) that have no committee grade yet. Counted
    in SQL, not from the ledgers: the home page opens first and must stay quick.
    """
    on_roll = on_roll_clause()
    graded = (Assessment.year == year) & (Assessment.grade != "")
    graded_orgs = Assessment.select(Assessment.org).where(graded & Assessment.member.is_null())
    graded_members = Assessment.select(Assessment.member).where(graded & Assessment.member.is_null(False))
    orgs = (Organization.select()
            .where((Organization.level != "党委") & _in(Organization.id, ids)
                   & (Organization.id.in_(Member.select(Member.org).where(on_roll))
                      | Organization.id.in_(Review.select(Review.org).where(Review.year == year)))
                   & Organization.id.not_in(graded_orgs)).count())
    members = Member.select().where(on_roll & _in(Member.org, ids) & Member.id.not_in(graded_members)).count()

    return {WAITING_ORGS: orgs, WAITING_MEMBERS: members, **commendations.waiting_counts(year, ids)}


def _as_date(value: object) -> dt.date:
    """Aggregates come back as SQLite text, not through the field's converter."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def overview(today: dt.date | None = None, org_id: int | None = None, year: int | None = None,
             overdue_limit: int | None = OVERDUE_LINES) -> Overview:
    """The home page's lists for the quarter `today` falls in (of `org_id`'s subtree, or all);
    what waits for the committee is for `year`'s assessment (default: `assessment_year`).
    Every list is bounded and every count is made in SQL: the page opens first, at any size."""
    today = today or dt.date.today()
    ids = _scope(org_id)
    year = year or assessment_year(today, ids)
    return Overview(today, today.year, quarter_of(today), tuple(_missing_reviews(today, ids)),
                    tuple(_overdue(today, ids, overdue_limit)), _overdue_count(today, ids),
                    tuple(_notices(today, ids)), _waiting(year, ids), year)


# ------------------------------------------------------------------ figures reported upward

def appraisal_stats(year: int, org_id: int | None = None) -> Sheet:
    """民主评议党员: members on the roll, members appraised, and how many at each grade.

    The grade columns count only the committee's 组织评定, the grade that is reported: a
    党员互评 result is provisional until the committee decides, so members appraised by their
    peers but not yet graded are counted apart (尚未评定). A member with neither was not
    appraised.
    """
    ids = _scope(org_id)
    ledgers = ledger.build(year, ids)
    entered = assessment.entries(year, ids)
    rows, totals = [], [0] * (3 + len(MUTUAL_GRADES))
    for led in assessment.assessed_orgs(ledgers):
        counts = dict.fromkeys(MUTUAL_GRADES, 0)
        roll = appraised = pending = 0
        for m in led.members:
            if not m.on_roll:
                continue
            roll += 1
            e = entered.get(("member", m.member_id))
            if e is not None and e.grade:
                appraised += 1
                counts[e.grade] += 1
            elif m.mutual.grade:
                appraised += 1
                pending += 1
        row = (roll, appraised, *counts.values(), pending)
        rows.append((led.label, *row))
        totals = [t + v for t, v in zip(totals, row, strict=False)]
    rows.append(("合计", *totals))
    return Sheet(f"{year}年度民主评议党员情况统计表",
                 ("单位", "应参加评议党员数", "实际参加评议党员数", *(f"评为{g}" for g in MUTUAL_GRADES),
                  NOT_GRADED), rows)


def honours_stats(year: int, org_id: int | None = None) -> Sheet:
    """党内表彰: the year's honours by title and by the level that conferred them."""
    ids = _scope(org_id)
    counts = {(c, lv): n for c, lv, n in Award.select(Award.category, Award.level, pw.fn.COUNT(Award.id))
              .where((Award.year == year) & _in(Award.org, ids))
              .group_by(Award.category, Award.level).tuples()}
    rows = []
    for title in AWARD_CATEGORIES:
        per = [counts.get((title, lv), 0) for lv in AWARD_LEVELS]
        rows.append((title, *per, sum(per)))
    per = [sum(r[i + 1] for r in rows) for i in range(len(AWARD_LEVELS))]
    rows.append(("合计", *per, sum(per)))
    return Sheet(f"{year}年度党内表彰情况统计表",
                 ("表彰类别", *(f"{lv}表彰" for lv in AWARD_LEVELS), "合计"), rows)


# ------------------------------------------------------------------ the township's supervision

#: Lines of each supervision list the 首页 shows; the count says when there are more.
SUPERVISION_LIMIT = 50


def open_rectifications(today: dt.date | None = None, org_id: int | None = None,
                        limit: int = SUPERVISION_LIMIT) -> tuple[list, int]:
    """整改通知 still open and past or near their deadline (in scope), earliest first, at most
    ``limit``; and how many in all. Apart from `overview` so it stays one bounded query."""
    from models.campaign import rectification

    return rectification.due_soon(today or dt.date.today(), _scope(org_id), limit)


def without_plans(year: int, org_id: int | None = None, limit: int = SUPERVISION_LIMIT
                  ) -> tuple[list[tuple[int, str]], int]:
    """Basic organizations (in scope) with no 年度计划 for ``year``: at most ``limit``, and the count."""
    from models.campaign import plans

    return plans.without_plan(year, _scope(org_id), limit)
