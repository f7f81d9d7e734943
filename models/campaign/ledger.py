"""专项台账: one organization's year of quarterly reviews and pledges, summed up.

The campaign document makes this ledger "评选先优的重要依据", so every figure here keeps the
ids of the reviews and pledge items it was computed from: a clerk (or the committee) can open
the very records behind a percentage before trusting it. Everything is read with one query
per table for any number of organizations, because the township has 30,000 members and the
annual assessment reads all of them at once.
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from peewee import Case, fn

from models.campaign.reviews import quarter_bounds
from models.config import settings
from models.constants import MEMBER_MASS_ITEMS, MUTUAL_GRADES, ORG_MASS_ITEMS, QUARTERS
from models.roster import organizations
from models.roster.roll import is_on_roll
from models.store.db import database
from models.store.tables import (
    Attendance,
    MassTally,
    Member,
    MutualTally,
    Organization,
    Pledge,
    PledgeItem,
    Review,
)

PARTY, PUBLIC, TOTAL = "党员", "群众", "合计"
# A pledge counts once the branch has approved it: drafts were never promised in public.
COUNTED_PLEDGE_STATES = ("已审定", "已公示", "已评诺")
SETTLED_ITEM_STATES = ("已兑现", "未兑现")


def exact(value: float) -> Fraction:
    """Settings hold floats (1/3 is 0.333…); compare against the fraction the clerk meant."""
    return Fraction(value).limit_denominator(1000)


_CN_DIGITS = "〇一二三四五六七八九十"


def share_text(value: float) -> str:
    """The 优秀 cap as a clerk says it: 1/3 → 三分之一; anything else as a percentage."""
    f = Fraction(value).limit_denominator(100)
    if f.numerator == 1 and 2 <= f.denominator <= 10:
        return f"{_CN_DIGITS[f.denominator]}分之一"
    return f"{float(value) * 100:g}%"


def cap_text(cap: float) -> str:
    """The 优秀 cap as a column heading says it: 1/3 (a unit fraction), else 30%."""
    f = Fraction(cap).limit_denominator(100)
    return f"1/{f.denominator}" if f.numerator == 1 and f.denominator > 1 else f"{cap * 100:g}%"


def cap_limit(members: int, cap: float) -> int:
    """How many of `members` may be 优秀 within the cap: the whole number within cap × members."""
    return int(exact(cap) * members)


# ------------------------------------------------------------------ figures with their sources

@dataclass(frozen=True, slots=True)
class Sources:
    """Which records a figure was computed from, so the window can open them."""

    review_ids: tuple[int, ...] = ()
    pledge_item_ids: tuple[int, ...] = ()


NO_SOURCES = Sources()


@lru_cache(maxsize=4096)
def _review_sources(review_ids: frozenset[int]) -> Sources:
    """Members of one branch share their branch's review ids: one Sources object for all."""
    return Sources(tuple(sorted(review_ids)))


@dataclass(slots=True)
class Ratio:
    """A share kept as its two counts: 28/30 says more on a ledger than 93.3%.

    Read-only by convention (not frozen: 100,000s are made per assessment, frozen costs)."""

    num: int
    den: int
    sources: Sources = NO_SOURCES

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None

    @property
    def fraction(self) -> Fraction | None:
        return Fraction(self.num, self.den) if self.den else None

    @property
    def text(self) -> str:
        return "—" if not self.den else f"{self.num / self.den * 100:.1f}%"


@dataclass(slots=True)
class Satisfaction:
    """群众评议 counts for one item (or all items) and one voter group (党员/群众/合计).

    The rate follows the settings' formula: top2 = (满意+比较满意)/有效票, top3 adds 基本满意;
    valid votes are the four counts together (a blank ballot is not a vote). Read-only by
    convention, like Ratio.
    """

    satisfied: int
    fairly: int
    basic: int
    unsatisfied: int
    formula: str
    threshold: float
    sources: Sources = NO_SOURCES

    @property
    def valid(self) -> int:
        return self.satisfied + self.fairly + self.basic + self.unsatisfied

    @property
    def favourable(self) -> int:
        return self.satisfied + self.fairly + (self.basic if self.formula == "top3" else 0)

    @property
    def ratio(self) -> Ratio:
        return Ratio(self.favourable, self.valid, self.sources)

    @property
    def rate(self) -> float | None:
        return self.ratio.value

    @property
    def meets(self) -> bool | None:
        """达到门槛 (≥ threshold, as 90%以上 reads); None when nobody voted."""
        if not self.valid:
            return None
        return Fraction(self.favourable, self.valid) >= exact(self.threshold)


class MassAppraisal:
    """群众评议 of one subject: per item and overall, for 党员, 群众 and both together.

    Overall pools the votes of every item and review (not an average of rates), so an item
    that more people rated weighs more. Built lazily from the counts: the assessment reads
    only the overall figures of 30,000 members, the ledger view every item of a few.
    """

    __slots__ = ("_by_item", "_formula", "_key", "_overall", "_source", "_threshold", "_totals", "items")

    def __init__(self, items: tuple[str, ...], source: _ItemVotes, key: tuple[int, int | None],
                 totals: dict[str, _Votes], formula: str, threshold: float) -> None:
        self.items = items
        self._source, self._key = source, key  # per-item votes, read on first use
        self._totals = totals  # group → votes over every item, summed by SQL
        self._formula, self._threshold = formula, threshold
        self._by_item: tuple[dict[str, Satisfaction], ...] | None = None
        self._overall: dict[str, Satisfaction] | None = None

    def _sat(self, counts: Any, reviews: frozenset[int] | set[int]) -> Satisfaction:
        return Satisfaction(counts[0], counts[1], counts[2], counts[3], self._formula, self._threshold,
                            _review_sources(frozenset(reviews)))

    def _sum(self, keys: list[tuple[int, str]]) -> Satisfaction:
        counts = [0, 0, 0, 0]
        reviews: set[int] = set()
        cells = self._source.cells(self._key)
        for key in keys:
            cell = cells.get(key)
            if cell is not None:
                for i in range(4):
                    counts[i] += cell.counts[i]
                reviews |= cell.reviews
        return self._sat(counts, reviews)

    @property
    def by_item(self) -> tuple[dict[str, Satisfaction], ...]:
        """by_item[i][group] for item i+1 and group 党员 / 群众 / 合计."""
        if self._by_item is None:
            self._by_item = tuple(
                {PARTY: self._sum([(n, PARTY)]), PUBLIC: self._sum([(n, PUBLIC)]),
                 TOTAL: self._sum([(n, PARTY), (n, PUBLIC)])}
                for n in range(1, len(self.items) + 1))
        return self._by_item

    @property
    def overall(self) -> dict[str, Satisfaction]:
        if self._overall is None:
            party, public = self._totals.get(PARTY, NO_VOTES), self._totals.get(PUBLIC, NO_VOTES)
            self._overall = {
                PARTY: self._sat(party.counts, party.reviews),
                PUBLIC: self._sat(public.counts, public.reviews),
                TOTAL: self._sat([a + b for a, b in zip(party.counts, public.counts, strict=False)],
                                 party.reviews | public.reviews)}
        return self._overall

    @property
    def has_votes(self) -> bool:
        return any(sum(v.counts) for v in self._totals.values())

    def __repr__(self) -> str:
        return f"MassAppraisal({self.overall[TOTAL]!r})"


class _Votes:
    """The summed counts of one (subject, item, group) and the reviews they came from."""

    __slots__ = ("counts", "reviews")

    def __init__(self, satisfied: int, fairly: int, basic: int, unsatisfied: int,
                 reviews: frozenset[int]) -> None:
        self.counts = (satisfied, fairly, basic, unsatisfied)
        self.reviews = reviews


NO_VOTES = _Votes(0, 0, 0, 0, frozenset())


class _ItemVotes:
    """群众评议 votes per item for every subject of one build, read in one query on first use:
    the assessment needs only the totals, the ledger view every item."""

    def __init__(self, query: Any) -> None:
        self._query = query
        self._cells: dict[tuple[int, int | None], dict[tuple[int, str], _Votes]] | None = None

    def cells(self, key: tuple[int, int | None]) -> dict[tuple[int, str], _Votes]:
        if self._cells is None:
            self._cells = {}
            for org_id, mid, item, group, s, f, b, u, ids in _rows(self._query):
                self._cells.setdefault((org_id, mid), {})[(item, group)] = _Votes(s, f, b, u, _id_list(ids))
        return self._cells.get(key, {})


@lru_cache(maxsize=4096)
def _id_list(text: str | None) -> frozenset[int]:
    """GROUP_CONCAT's "3,1,2": most members share their branch's list, so parse each once."""
    return frozenset(int(x) for x in text.split(",")) if text else frozenset()


@dataclass(frozen=True, slots=True)
class MutualResult:
    """党员互评 of one member, summed over the year's reviews.

    The resulting grade is the plurality of the summed votes; a tie goes to the lower grade,
    because a 优秀 needs a clear vote and doubt should never lift a member's grade. With
    three-grade ballots (settings), any stray 基本合格 votes count as 合格.
    """

    counts: tuple[int, int, int, int]  # 优秀 合格 基本合格 不合格
    grade: str | None  # None: nobody rated the member this year
    sources: Sources = NO_SOURCES

    @property
    def total(self) -> int:
        return sum(self.counts)

    def share(self, grade: str) -> Ratio:
        return Ratio(self.counts[MUTUAL_GRADES.index(grade)], self.total, self.sources)

    @property
    def shares(self) -> dict[str, Ratio]:
        return {g: self.share(g) for g in MUTUAL_GRADES}


def mutual_grade(counts: tuple[int, int, int, int], three_grades: bool = False) -> str | None:
    """Plurality of votes, ties to the lower grade; None without votes."""
    votes = list(counts)
    if three_grades:
        votes[1], votes[2] = votes[1] + votes[2], 0
    if not sum(votes):
        return None
    best = max(votes)
    lowest_tied = max(i for i, v in enumerate(votes) if v == best)
    return MUTUAL_GRADES[lowest_tied]


@dataclass(frozen=True, slots=True)
class CapCheck:
    """The ⅓ cap on 优秀 at one review, checked from the totals alone.

    Ballots are counted only as totals per member, so a single ballot cannot be seen; but if
    the 优秀 votes exceed what every ballot could hold within the cap (voters × the whole
    number of members the cap allows), at least one ballot broke it.
    """

    review_id: int
    quarter: int
    members_rated: int
    voters: int
    excellent_votes: int
    per_ballot_limit: int

    @property
    def broken(self) -> bool:
        return self.excellent_votes > self.voters * self.per_ballot_limit

    @property
    def message(self) -> str:
        if not self.broken:
            return ""
        return (f"{QUARTERS[self.quarter]}党员互评：{self.voters} 人投票、评议 {self.members_rated} 名党员，"
                f"每张测评票最多评 {self.per_ballot_limit} 名优秀，共应不超过 "
                f"{self.voters * self.per_ballot_limit} 票，实际优秀票 {self.excellent_votes} 票，"
                "至少有一张测评票超出了优秀比例限制。")


def per_ballot_limit(members_rated: int, cap: float) -> int:
    """How many 优秀 one ballot may give: the whole number within cap × members rated."""
    return cap_limit(members_rated, cap)


@dataclass(frozen=True, slots=True)
class UnfulfilledItem:
    item_id: int
    seq: int
    content: str
    reason: str
    deadline: dt.date | None


@dataclass(frozen=True, slots=True)
class PledgeTally:
    """践诺 of approved pledges: an item is *due* once its deadline has come or it is settled
    (an item fulfilled early counts in its favour before its deadline)."""

    items: int = 0
    due_ids: tuple[int, ...] = ()
    fulfilled_ids: tuple[int, ...] = ()
    unfulfilled: tuple[UnfulfilledItem, ...] = ()
    overdue_ids: tuple[int, ...] = ()  # due, neither fulfilled nor recorded as unfulfilled
    pledged: bool = False

    @property
    def due(self) -> int:
        return len(self.due_ids)

    @property
    def fulfilled(self) -> int:
        return len(self.fulfilled_ids)

    @property
    def fulfilment(self) -> Ratio:
        return Ratio(self.fulfilled, self.due, Sources(pledge_item_ids=self.due_ids))

    @property
    def without_reason(self) -> tuple[UnfulfilledItem, ...]:
        if not self.unfulfilled:
            return ()
        return tuple(i for i in self.unfulfilled if not i.reason.strip())

    @property
    def sources(self) -> Sources:
        return Sources(pledge_item_ids=self.due_ids)


def _sum_tallies(tallies: Iterable[PledgeTally]) -> PledgeTally:
    tallies = list(tallies)
    return PledgeTally(
        items=sum(t.items for t in tallies),
        due_ids=tuple(sorted(i for t in tallies for i in t.due_ids)),
        fulfilled_ids=tuple(sorted(i for t in tallies for i in t.fulfilled_ids)),
        unfulfilled=tuple(u for t in tallies for u in t.unfulfilled),
        overdue_ids=tuple(sorted(i for t in tallies for i in t.overdue_ids)),
        pledged=any(t.pledged for t in tallies),
    )


# ------------------------------------------------------------------ the ledger's rows

@dataclass(frozen=True, slots=True)
class QuarterRecord:
    quarter: int
    label: str  # 第一季度
    due: bool  # the quarter has ended by the ledger's date (or its meeting is already held)
    review_id: int | None = None
    date: dt.date | None = None
    expected: int = 0  # 应到
    present: int = 0  # 实到
    leave: int = 0  # 请假
    absent: int = 0  # 缺席
    attendance_recorded: bool = False
    leader_name: str = ""
    leader_comment: str = ""  # 领导点评
    mutual_voters: int = 0
    mass_party_voters: int = 0
    mass_public_voters: int = 0
    cap: CapCheck | None = None

    @property
    def held(self) -> bool:
        return self.review_id is not None

    @property
    def missing(self) -> bool:
        return self.due and not self.held

    @property
    def attendance(self) -> Ratio:
        """实到/应到; no figure when nobody's attendance was typed in."""
        sources = Sources((self.review_id,)) if self.review_id is not None else NO_SOURCES
        if not self.attendance_recorded:
            return Ratio(0, 0, sources)
        return Ratio(self.present, self.expected, sources)


@dataclass(frozen=True, slots=True)
class MemberAttendance:
    expected: int  # reviews the member was on the attendance list of
    present: int
    leave: int
    absent: int
    sources: Sources = NO_SOURCES

    @property
    def rate(self) -> Ratio:
        return Ratio(self.present, self.expected, self.sources)


@dataclass(frozen=True, slots=True)
class MemberLedger:
    member_id: int
    org_id: int
    name: str
    stroke_key: str
    party_post: str
    kind: str  # 正式党员 / 预备党员
    is_party_worker: bool
    on_roll: bool  # 在册 and 党籍正常 now
    attendance: MemberAttendance
    mutual: MutualResult
    mass: MassAppraisal
    pledge: PledgeTally


@dataclass(frozen=True, slots=True)
class MeetingTotals:
    """The year's meetings added up, in person-times (人次), for the ledger's 全年 row.

    应到/实到/请假/缺席 count only the meetings whose attendance was typed in — the very
    meetings the year's 出席率 is computed from — so 实到/应到 of this row is that rate."""

    meetings: int  # held meetings
    recorded: int  # of which attendance was typed in
    expected: int
    present: int
    leave: int
    absent: int
    mutual_voters: int
    mass_party_voters: int
    mass_public_voters: int
    attendance_sources: Sources = NO_SOURCES
    sources: Sources = NO_SOURCES  # every held meeting

    @property
    def attendance(self) -> Ratio:
        return Ratio(self.present, self.expected, self.attendance_sources)


@dataclass(frozen=True)
class OrgLedger:
    org_id: int
    name: str
    short_name: str
    level: str
    category: str
    year: int
    as_of: dt.date
    formula: str
    threshold: float
    excellent_cap: float
    three_grades: bool
    quarters: tuple[QuarterRecord, ...]
    members: tuple[MemberLedger, ...]
    mass: MassAppraisal
    org_pledge: PledgeTally  # the organization's own pledge
    pledges: PledgeTally  # the organization's and every member's together
    _by_member: dict[int, MemberLedger] = field(default_factory=dict, repr=False, compare=False)

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def member(self, member_id: int) -> MemberLedger | None:
        return self._by_member.get(member_id)

    @property
    def review_ids(self) -> tuple[int, ...]:
        return tuple(q.review_id for q in self.quarters if q.review_id is not None)

    @property
    def held(self) -> Ratio:
        """Quarterly meetings held of those due so far."""
        due = [q for q in self.quarters if q.due]
        return Ratio(sum(q.held for q in due), len(due), Sources(self.review_ids))

    @property
    def holds_reviews(self) -> bool:
        """Whether quarterly meetings are asked of this organization itself.

        The campaign asks them of basic organizations, i.e. a 党总支 or 党支部 with members on
        its roll — the same organizations the 首页 chases for a missing meeting. A 党委 holds
        none itself (its branches do), nor does a 党总支 whose members all sit in its branches:
        warning them of "their" missing meetings would send the clerk after nothing."""
        return self.level != "党委" and any(m.on_roll for m in self.members)

    @property
    def missing_quarters(self) -> tuple[QuarterRecord, ...]:
        if not self.holds_reviews:
            return ()
        return tuple(q for q in self.quarters if q.missing)

    @property
    def totals(self) -> MeetingTotals:
        held = [q for q in self.quarters if q.held]
        rows = [q for q in held if q.attendance_recorded]
        return MeetingTotals(
            len(held), len(rows), sum(q.expected for q in rows), sum(q.present for q in rows),
            sum(q.leave for q in rows), sum(q.absent for q in rows), sum(q.mutual_voters for q in held),
            sum(q.mass_party_voters for q in held), sum(q.mass_public_voters for q in held),
            Sources(tuple(q.review_id for q in rows if q.review_id is not None)), Sources(self.review_ids))

    @property
    def attendance(self) -> Ratio:
        """实到/应到 over the year's meetings whose attendance was recorded."""
        return self.totals.attendance

    @property
    def cap_breaches(self) -> tuple[CapCheck, ...]:
        return tuple(q.cap for q in self.quarters if q.cap is not None and q.cap.broken)

    @property
    def leader_comments(self) -> tuple[tuple[str, str, str], ...]:
        """(第一季度, who, comment) for every quarter that has one."""
        return tuple((q.label, q.leader_name, q.leader_comment)
                     for q in self.quarters if q.leader_comment.strip())

    @property
    def mutual_grade_counts(self) -> dict[str, int]:
        counts = {g: 0 for g in MUTUAL_GRADES}
        for m in self.members:
            if m.mutual.grade:
                counts[m.mutual.grade] += 1
        return counts


# ------------------------------------------------------------------ building

def default_as_of(year: int, today: dt.date | None = None) -> dt.date:
    """The ledger's date: today during the year, the year's last day once it is over."""
    today = today or dt.date.today()
    return min(today, dt.date(year, 12, 31))


def for_org(org_id: int, year: int, as_of: dt.date | None = None) -> OrgLedger:
    organizations.get(org_id)  # a clear NotFound for a stale id
    return build(year, [org_id], as_of)[org_id]


def _tally(rows: list[tuple], as_of: str) -> PledgeTally:
    """rows: (item id, seq, content, deadline as ISO text, item state, reason, pledge state)."""
    counted = due = 0
    due_ids, fulfilled_ids, overdue_ids, unfulfilled = [], [], [], []
    for item_id, seq, content, deadline, state, reason, pledge_state in rows:
        # A draft or sent-back pledge was never promised in public: none of its items counts,
        # so an 未兑现 among them must not shut the member out of 优秀 either.
        if pledge_state not in COUNTED_PLEDGE_STATES:
            continue
        counted += 1
        if state == "未兑现":
            unfulfilled.append(UnfulfilledItem(item_id, seq, content, reason, _date(deadline)))
        settled = state in SETTLED_ITEM_STATES
        if settled or (deadline and deadline <= as_of):  # the deadline has come
            due += 1
            due_ids.append(item_id)
            if state == "已兑现":
                fulfilled_ids.append(item_id)
            elif not settled:
                overdue_ids.append(item_id)
    return PledgeTally(counted, tuple(sorted(due_ids)), tuple(sorted(fulfilled_ids)),
                       tuple(unfulfilled), tuple(sorted(overdue_ids)), pledged=True)


def _stroke_order(m: MemberLedger) -> tuple[str, int]:
    return m.stroke_key, m.member_id


def _rows(query: Any) -> list[tuple]:
    """Raw rows: peewee's per-value conversion costs seconds on 100,000s of tally rows, and
    these columns are integers and text anyway (dates stay ISO text, which compares right)."""
    return database.execute(query).fetchall()


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else value or None


class _OrgRow(NamedTuple):
    id: int
    name: str
    short_name: str
    level: str
    category: str


class _MemberRow(NamedTuple):
    """A member as read for the ledger; the SELECT is built from these names, so the two
    cannot drift apart."""

    id: int
    org: int
    name: str
    stroke_key: str
    party_post: str
    kind: str
    is_party_worker: int
    roll_status: str
    party_status: str


class _ReviewRow(NamedTuple):
    """A held meeting as read for the ledger (dates as ISO text; see `_rows`)."""

    id: int
    org: int
    quarter: int
    date: str
    expected: int
    leader_name: str
    leader_comment: str
    mutual_voters: int
    mass_party_voters: int
    mass_public_voters: int


_Row = TypeVar("_Row", _OrgRow, _MemberRow, _ReviewRow)


def _named_rows(row_type: type[_Row], model: Any, where: Any, *order_by: Any) -> list[_Row]:
    """Raw rows of `model`'s columns named like `row_type`'s fields, as that type."""
    query = model.select(*(getattr(model, name) for name in row_type._fields)).where(where).order_by(*order_by)
    return [row_type._make(r) for r in _rows(query)]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building 100,000s of small acyclic objects sets off the cyclic collector again and
    again (40% of the assessment's time on 30,000 members); none of them needs it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(year: int, org_ids: Iterable[int] | None = None, as_of: dt.date | None = None
          ) -> dict[int, OrgLedger]:
    """The ledgers of the given organizations (all when None) for a year, keyed by org id."""
    with gc_paused():
        return _build(year, org_ids, as_of)


def _build(year: int, org_ids: Iterable[int] | None, as_of: dt.date | None) -> dict[int, OrgLedger]:
    conf = settings.get_all()
    formula, threshold = conf["satisfaction_formula"], float(conf["satisfaction_threshold"])
    cap, three = float(conf["excellent_cap"]), bool(conf["three_grades"])
    as_of = as_of or default_as_of(year)
    as_of_text = as_of.isoformat()
    wanted = None if org_ids is None else sorted(set(org_ids))

    def scope(column):
        return column.is_null(False) if wanted is None else column.in_(wanted)

    orgs = _named_rows(_OrgRow, Organization, scope(Organization.id), Organization.id)
    review_cond = (Review.year == year) & scope(Review.org)
    reviews = {r.id: r for r in _named_rows(_ReviewRow, Review, review_cond)}

    # Who belongs in each organization's ledger: today's roster, plus anyone its records name.
    member_rows = {r.id: r for r in _named_rows(_MemberRow, Member, scope(Member.org))}
    place: dict[int, set[int]] = {o.id: set() for o in orgs}
    for row in member_rows.values():
        if is_on_roll(row):
            place[row.org].add(row.id)

    # Tallies are summed per member in SQL: a year of four reviews is four times the rows.
    def count_if(cond):
        return fn.SUM(Case(None, [(cond, 1)], 0))

    attendance: dict[tuple[int, int], tuple] = {}  # (org, member) → (expected, present, leave, absent, sources)
    for org_id, mid, n, present, leave, ids in _rows(
            Attendance.select(Review.org, Attendance.member, fn.COUNT(Attendance.id),
                              count_if(Attendance.state == "出席"), count_if(Attendance.state == "请假"),
                              fn.GROUP_CONCAT(Attendance.review))
            .join(Review).where(review_cond).group_by(Review.org, Attendance.member)):
        place[org_id].add(mid)
        attendance[(org_id, mid)] = (n, present, leave, n - present - leave, _id_list(ids))
    per_review_att = {rid: (present, leave, n - present - leave) for rid, n, present, leave in _rows(
        Attendance.select(Attendance.review, fn.COUNT(Attendance.id), count_if(Attendance.state == "出席"),
                          count_if(Attendance.state == "请假"))
        .join(Review).where(review_cond).group_by(Attendance.review))}

    mutual: dict[tuple[int, int], tuple] = {}  # (org, member) → ((优秀, 合格, 基本合格, 不合格), sources)
    for org_id, mid, e, q, b, u, ids in _rows(
            MutualTally.select(Review.org, MutualTally.member, fn.SUM(MutualTally.excellent),
                               fn.SUM(MutualTally.qualified), fn.SUM(MutualTally.basic),
                               fn.SUM(MutualTally.unqualified), fn.GROUP_CONCAT(MutualTally.review))
            .join(Review).where(review_cond).group_by(Review.org, MutualTally.member)):
        place[org_id].add(mid)
        mutual[(org_id, mid)] = ((e, q, b, u), _id_list(ids))
    per_review_mutual = {rid: (n, e) for rid, n, e in _rows(
        MutualTally.select(MutualTally.review, fn.COUNT(MutualTally.id), fn.SUM(MutualTally.excellent))
        .join(Review).where(review_cond).group_by(MutualTally.review))}

    item_votes = _ItemVotes(
        MassTally.select(Review.org, MassTally.member, MassTally.item, MassTally.group,
                         fn.SUM(MassTally.satisfied), fn.SUM(MassTally.fairly), fn.SUM(MassTally.basic),
                         fn.SUM(MassTally.unsatisfied), fn.GROUP_CONCAT(MassTally.review))
        .join(Review).where(review_cond)
        .group_by(Review.org, MassTally.member, MassTally.item, MassTally.group))
    mass_totals: dict[tuple[int, int | None], dict[str, _Votes]] = {}
    for org_id, mid, group, s, f, b, u, ids in _rows(
            MassTally.select(Review.org, MassTally.member, MassTally.group, fn.SUM(MassTally.satisfied),
                             fn.SUM(MassTally.fairly), fn.SUM(MassTally.basic), fn.SUM(MassTally.unsatisfied),
                             fn.GROUP_CONCAT(MassTally.review))
            .join(Review).where(review_cond).group_by(Review.org, MassTally.member, MassTally.group)):
        totals = mass_totals.get((org_id, mid))
        if totals is None:
            if mid is not None:
                place[org_id].add(mid)
            totals = mass_totals[(org_id, mid)] = {}
        totals[group] = _Votes(s, f, b, u, _id_list(ids))

    pledge_rows: dict[tuple[int, int | None], list[tuple]] = {}
    for item_id, seq, content, deadline, state, reason, pledge_state, org_id, mid in _rows(
            PledgeItem.select(PledgeItem.id, PledgeItem.seq, PledgeItem.content, PledgeItem.deadline,
                              PledgeItem.state, PledgeItem.reason, Pledge.state, Pledge.org, Pledge.member)
            .join(Pledge).where((Pledge.year == year) & scope(Pledge.org))):
        rows = pledge_rows.get((org_id, mid))
        if rows is None:
            if mid is not None:
                place[org_id].add(mid)
            rows = pledge_rows[(org_id, mid)] = []
        rows.append((item_id, seq, content, deadline, state, reason, pledge_state))

    missing = {mid for ids in place.values() for mid in ids} - member_rows.keys()
    if missing:  # members whose records stayed behind when they moved to another organization
        member_rows.update({r.id: r for r in _named_rows(_MemberRow, Member, Member.id.in_(sorted(missing)))})

    reviews_by_org: dict[int, dict[int, _ReviewRow]] = {}
    for review in reviews.values():
        reviews_by_org.setdefault(review.org, {})[review.quarter] = review

    no_attendance = MemberAttendance(0, 0, 0, 0)
    no_mutual = MutualResult((0, 0, 0, 0), None)
    no_pledge = PledgeTally()
    no_totals: dict[str, _Votes] = {}

    result: dict[int, OrgLedger] = {}
    for org_id, name, short_name, level, category in orgs:
        quarters = []
        held = reviews_by_org.get(org_id, {})
        for q in range(1, 5):
            r = held.get(q)
            if r is None:
                quarters.append(QuarterRecord(q, QUARTERS[q], quarter_bounds(year, q)[1] <= as_of))
                continue
            rid = r.id
            att = per_review_att.get(rid)
            mut = per_review_mutual.get(rid)
            check = None
            if mut is not None:
                check = CapCheck(rid, q, mut[0], r.mutual_voters, mut[1], per_ballot_limit(mut[0], cap))
            present, leave, absent = att or (0, 0, 0)
            quarters.append(QuarterRecord(
                q, QUARTERS[q], True, rid, _date(r.date), expected=r.expected, present=present, leave=leave,
                absent=absent, attendance_recorded=att is not None, leader_name=r.leader_name,
                leader_comment=r.leader_comment, mutual_voters=r.mutual_voters,
                mass_party_voters=r.mass_party_voters, mass_public_voters=r.mass_public_voters, cap=check))

        members = []
        for mid in place[org_id]:
            who = member_rows[mid]
            key = (org_id, mid)
            a = attendance.get(key)
            m = mutual.get(key)
            p = pledge_rows.get(key)
            members.append(MemberLedger(
                mid, org_id, who.name, who.stroke_key, who.party_post, who.kind, bool(who.is_party_worker),
                is_on_roll(who) and who.org == org_id,
                MemberAttendance(a[0], a[1], a[2], a[3], _review_sources(a[4])) if a else no_attendance,
                MutualResult(m[0], mutual_grade(m[0], three), _review_sources(m[1])) if m else no_mutual,
                MassAppraisal(MEMBER_MASS_ITEMS, item_votes, key, mass_totals.get(key, no_totals),
                              formula, threshold),
                _tally(p, as_of_text) if p else no_pledge,
            ))
        members.sort(key=_stroke_order)
        own_rows = pledge_rows.get((org_id, None))
        own = _tally(own_rows, as_of_text) if own_rows else no_pledge
        result[org_id] = OrgLedger(
            org_id, name, short_name, level, category, year, as_of, formula, threshold, cap, three,
            tuple(quarters), tuple(members),
            MassAppraisal(ORG_MASS_ITEMS, item_votes, (org_id, None),
                          mass_totals.get((org_id, None), no_totals), formula, threshold),
            own, _sum_tallies([own, *(m.pledge for m in members)]),
            {m.member_id: m for m in members},
        )
    return result
