"""The ledger's rules that a one-character slip used to get past the tests (issue 20, mutation
testing): a member who moved keeps each branch's own records apart, another year's meetings
stay out, every column of a row is the one read, and what a member or organization without
records shows. The figures are counted by hand from the tallies typed here and in
`tests/models/township.py` (its docstring lists them).
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from models.campaign import ledger, pledges
from models.campaign.ledger import TOTAL, _date, _tally, exact, mutual_grade
from models.campaign.reviews import MassCounts
from models.config import settings
from models.roster import members, organizations
from tests.models.township import YEAR, add_members, build_town, pledge, review


@pytest.fixture
def town(branch):
    return build_town(branch.id)


def other_branch(branch):
    return organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部", "level": "党支部",
                               "parent_id": branch.parent_id, "category": "rural"})


# ------------------------------------------------------------------ small rules on plain values

def test_exact_reads_to_a_thousandth():
    assert exact(1 / 1001) == Fraction(1, 1000)


@pytest.mark.parametrize(("counts", "three", "grade"), [
    ((1, 2, 2, 0), None, "基本合格"),  # four grades unless told otherwise
    ((0, 1, 1, 3), True, "不合格"),  # 基本合格 votes join 合格 (2), 不合格 keeps its 3
    ((3, 2, 1, 0), True, "合格"),  # 合格 2 + 1 = 3 ties 优秀's 3: the lower grade
    ((0, 0, 0, 0), True, None),  # nobody voted, with three grades too
])
def test_mutual_grade_with_and_without_three_grades(counts, three, grade):
    assert (mutual_grade(counts) if three is None else mutual_grade(counts, three)) == grade


def test_dates_as_read_from_the_file():
    assert _date("2025-06-30") == dt.date(2025, 6, 30)
    assert _date(dt.date(2025, 6, 30)) == dt.date(2025, 6, 30)
    assert _date("") is None and _date(None) is None


def test_an_unfulfilled_item_without_a_deadline():
    t = _tally([(9, 2, "修路", None, "未兑现", "资金未到位", "已审定")], "2025-06-30")
    assert t.due_ids == (9,) and t.overdue_ids == ()
    (item,) = t.unfulfilled
    assert (item.item_id, item.seq, item.content, item.reason, item.deadline) == (9, 2, "修路", "资金未到位", None)


# ------------------------------------------------------------------ what a build reads

def test_the_organizations_own_row(town, branch):
    led = ledger.for_org(town["org"], YEAR)
    assert (led.org_id, led.name, led.short_name, led.level, led.category) == (
        town["org"], "中共东风村支部委员会", "东风村党支部", "党支部", "rural")
    assert (led.year, led.as_of, led.formula, led.threshold, led.excellent_cap, led.three_grades) == (
        YEAR, dt.date(YEAR, 12, 31), "top2", 0.9, 1 / 3, False)
    settings.put({"satisfaction_formula": "top3", "satisfaction_threshold": 0.85, "excellent_cap": 0.25})
    led = ledger.for_org(town["org"], YEAR, as_of=dt.date(YEAR, 6, 30))
    assert (led.as_of, led.formula, led.threshold, led.excellent_cap) == (dt.date(YEAR, 6, 30), "top3", 0.85, 0.25)
    assert set(ledger.build(YEAR)) == {branch.parent_id, town["org"]}


def test_every_column_of_a_quarter(town):
    led = ledger.for_org(town["org"], YEAR)
    q1, q2, q3, q4 = led.quarters
    assert [q.quarter for q in led.quarters] == [1, 2, 3, 4]
    assert (q1.mutual_voters, q1.mass_party_voters, q1.mass_public_voters) == (2, 10, 30)
    assert (q2.mutual_voters, q2.mass_party_voters, q2.mass_public_voters) == (3, 0, 0)
    assert (q3.cap, q4.cap, q3.mutual_voters) == (None, None, 0)


def test_a_meeting_without_attendance_or_ballots(town):
    q3 = review(town["org"], 3)  # held; nobody's attendance typed in, no 互评
    led = ledger.for_org(town["org"], YEAR)
    third = led.quarters[2]
    assert third.review_id == q3.id and third.quarter == 3
    assert (third.present, third.leave, third.absent, third.attendance_recorded) == (0, 0, 0, False)
    assert third.cap is None
    assert [c.quarter for c in led.cap_breaches] == [1]


def test_every_column_of_a_member(town):
    worker = add_members(town["org"], ["赵敏"], workers=("赵敏",))["赵敏"]
    members.save({**members.as_form(members.get(worker)), "party_post": "组织委员"}, worker)
    led = ledger.for_org(town["org"], YEAR)
    zhao = led.member(worker)
    assert (zhao.org_id, zhao.name, zhao.party_post, zhao.kind, zhao.is_party_worker, zhao.on_roll) == (
        town["org"], "赵敏", "组织委员", "正式党员", True, True)
    wang = led.member(town["ids"]["王建国"])
    assert (wang.org_id, wang.party_post, wang.is_party_worker) == (town["org"], "", False)


def test_a_member_without_records(town):
    new = add_members(town["org"], ["赵敏"])["赵敏"]
    m = ledger.for_org(town["org"], YEAR).member(new)
    a = m.attendance
    assert (a.expected, a.present, a.leave, a.absent) == (0, 0, 0, 0) and a.rate.text == "—"
    assert (m.mutual.counts, m.mutual.grade, m.mutual.total) == ((0, 0, 0, 0), None, 0)
    assert not m.mass.has_votes and m.mass.overall[TOTAL].valid == 0 and not m.pledge.pledged


def test_an_organization_without_votes(branch):
    zhou = add_members(branch.id, ["周强"])["周强"]
    review(branch.id, 1, attendance={zhou: "出席"})
    led = ledger.for_org(branch.id, YEAR)
    assert not led.mass.has_votes
    assert (led.mass.overall[TOTAL].valid, led.mass.overall[TOTAL].ratio.text) == (0, "—")


def test_an_unfulfilled_item_names_its_number_and_content(town):
    wang = ledger.for_org(town["org"], YEAR).member(town["ids"]["王建国"])
    (item,) = wang.pledge.unfulfilled
    assert (item.item_id, item.seq, item.content, item.deadline) == (
        town["items"][1], 2, "第2件实事：为群众办好事", dt.date(2025, 9, 30))


def test_the_organizations_own_pledge_overdue(branch):
    (item,) = pledge(branch.id, None, ["2025-05-31"])
    own = ledger.for_org(branch.id, YEAR).org_pledge
    assert (own.due_ids, own.overdue_ids, own.fulfilled_ids) == ((item,), (item,), ())
    early = ledger.for_org(branch.id, YEAR, as_of=dt.date(YEAR, 5, 30)).org_pledge
    assert (early.due_ids, early.overdue_ids) == ((), ())


def test_a_members_own_votes_per_item_and_their_formula(town):
    li = town["ids"]["李红"]
    review(town["org"], 3, public_voters=10, mass=[MassCounts(2, "群众", 5, 2, 2, 1, member_id=li)])
    led = ledger.for_org(town["org"], YEAR)
    wang = led.member(town["ids"]["王建国"])
    first = wang.mass.by_item[0]["群众"]
    assert (first.favourable, first.valid) == (9, 10)
    assert wang.mass.overall[TOTAL].meets is True  # 9/10 reaches 90%
    lis = led.member(li).mass
    assert (lis.by_item[1]["群众"].favourable, lis.overall[TOTAL].favourable, lis.overall[TOTAL].valid) == (7, 7, 10)
    assert lis.overall[TOTAL].meets is False
    settings.put({"satisfaction_formula": "top3"})
    lis = ledger.for_org(town["org"], YEAR).member(li).mass
    assert (lis.by_item[1]["群众"].favourable, lis.overall[TOTAL].favourable) == (9, 9)  # 基本满意 counts
    assert lis.overall[TOTAL].meets is True


def test_another_years_meetings_stay_out(town):
    """A 2024 meeting with attendance, 互评 and 群众评议 on item 1: none of it is 2025's."""
    ids = town["ids"]
    review(town["org"], 3, year=YEAR - 1, attendance={ids["王建国"]: "出席"}, mutual_voters=1,
           mutual={ids["王建国"]: (0, 0, 0, 1)}, party_voters=5,
           mass=[MassCounts(1, "党员", 0, 0, 0, 5), MassCounts(1, "党员", 0, 0, 0, 5, member_id=ids["王建国"])])
    led = ledger.for_org(town["org"], YEAR)
    assert [q.held for q in led.quarters] == [True, True, False, False]
    assert led.review_ids == (town["q1"], town["q2"])
    item1 = led.mass.by_item[0]["党员"]
    assert (item1.favourable, item1.valid) == (9, 10)
    wang = led.member(ids["王建国"])
    assert (wang.mass.by_item[0]["党员"].valid, wang.mass.overall["党员"].valid) == (0, 0)
    assert (wang.attendance.expected, wang.mutual.counts) == (2, (3, 2, 0, 0))


def test_a_member_who_moved_keeps_each_branchs_records_apart(town, branch):
    """王建国 moves to 红旗村 after the township's two meetings and takes part in its Q3
    meeting: present, rated (0,1,0,0) by 1 voter, 群众评议 on item 1 (1,0,0,1). 东风村 still
    shows what he did there — 2/2 present, 互评 (3,2,0,0), 9/10 — but he is no longer on its
    roll; 红旗村 shows only its own meeting."""
    wang = town["ids"]["王建国"]
    hongqi = other_branch(branch)
    members.record_event(wang, "本镇转接", "2025-07-01", "随家迁居", to_org_id=hongqi.id)
    review(hongqi.id, 3, attendance={wang: "出席"}, mutual_voters=1, mutual={wang: (0, 1, 0, 0)},
           public_voters=2, mass=[MassCounts(1, "群众", 1, 0, 0, 1, member_id=wang)])
    for scope in (None, [town["org"]]):  # the township, or 东风村 alone (his row is now 红旗村's)
        led = ledger.build(YEAR, scope)[town["org"]]
        old = led.member(wang)
        assert old is not None and old.on_roll is False and old.name == "王建国"
        assert (old.attendance.expected, old.attendance.present) == (2, 2)
        assert (old.mutual.counts, old.mutual.grade) == ((3, 2, 0, 0), "优秀")
        assert (old.mass.overall["群众"].favourable, old.mass.overall["群众"].valid) == (9, 10)
        assert (old.mass.by_item[0]["群众"].favourable, old.mass.by_item[0]["群众"].valid) == (9, 10)
    new = ledger.build(YEAR)[hongqi.id].member(wang)
    assert new.on_roll is True and new.org_id == hongqi.id
    assert (new.attendance.expected, new.attendance.present) == (1, 1)
    assert (new.mutual.counts, new.mutual.grade) == ((0, 1, 0, 0), "合格")
    assert (new.mass.overall["群众"].favourable, new.mass.overall["群众"].valid) == (1, 2)
    assert (new.mass.by_item[0]["群众"].favourable, new.mass.by_item[0]["群众"].valid) == (1, 2)


def test_a_sent_back_pledge_item_does_not_count(town):
    zhang = town["ids"]["张伟"]
    p = pledges.save_draft(town["org"], zhang, YEAR, [{"content": "修好村东水渠", "deadline": "2025-08-31"}])
    assert ledger.for_org(town["org"], YEAR).member(zhang).pledge.items == 0
    pledges.approve(p.id, "2025-03-10")
    assert ledger.for_org(town["org"], YEAR).member(zhang).pledge.items == 1
