"""专项台账: every figure against a hand count of the tallies typed in below."""
import datetime as dt

import pytest

from models.campaign import ledger
from models.campaign.ledger import CapCheck, mutual_grade, per_ballot_limit
from models.campaign.reviews import MassCounts
from models.config import settings
from models.errors import NotFound
from tests.models.township import YEAR, add_members, build_town, review


@pytest.fixture
def town(branch):
    return build_town(branch.id)


def test_quarters_held_missing_and_leader_comments(town):
    led = ledger.for_org(town["org"], YEAR)
    assert [q.held for q in led.quarters] == [True, True, False, False]
    assert [q.label for q in led.missing_quarters] == ["第三季度", "第四季度"]
    assert (led.held.num, led.held.den) == (2, 4)
    q1 = led.quarters[0]
    assert q1.review_id == town["q1"] and q1.date == dt.date(YEAR, 2, 15)
    assert led.leader_comments == (("第一季度", "周建国", "承诺具体，践诺扎实。"),)
    # in October the fourth quarter is not due yet
    early = ledger.for_org(town["org"], YEAR, as_of=dt.date(YEAR, 10, 15))
    assert [q.label for q in early.missing_quarters] == ["第三季度"]


def test_only_basic_organizations_with_members_miss_meetings(town, branch):
    """The 党委, and a 党总支 whose members sit in its branches, hold no meetings themselves."""
    from models.roster import organizations

    assert ledger.for_org(town["org"], YEAR).holds_reviews
    top = ledger.for_org(branch.parent_id, YEAR)
    assert top.level == "党委" and not top.holds_reviews and top.missing_quarters == ()
    general = organizations.save({"name": "中共西岭村总支部委员会", "short_name": "西岭村党总支",
                                  "level": "党总支", "parent_id": branch.parent_id})
    assert ledger.for_org(general.id, YEAR).missing_quarters == ()
    add_members(general.id, ["钱进"])
    assert [q.label for q in ledger.for_org(general.id, YEAR).missing_quarters] == [
        "第一季度", "第二季度", "第三季度", "第四季度"]


def test_year_totals_in_person_times(town):
    """The 全年 row's sums are over the meetings the year's 出席率 counts, so they agree."""
    led = ledger.for_org(town["org"], YEAR)
    t = led.totals
    assert (t.meetings, t.recorded) == (2, 2)
    assert (t.expected, t.present, t.leave, t.absent) == (8, 6, 1, 1)
    assert (t.attendance.num, t.attendance.den) == (led.attendance.num, led.attendance.den) == (6, 8)
    assert t.attendance_sources.review_ids == (town["q1"], town["q2"]) == t.sources.review_ids
    q3 = review(town["org"], 3, mutual_voters=3)  # held, attendance not typed in
    t = ledger.for_org(town["org"], YEAR).totals
    assert (t.meetings, t.recorded, t.expected, t.present) == (3, 2, 8, 6)
    assert q3.id in t.sources.review_ids and q3.id not in t.attendance_sources.review_ids
    assert t.mutual_voters == sum(q.mutual_voters for q in ledger.for_org(town["org"], YEAR).quarters)


def test_attendance_per_quarter_year_and_member(town):
    led = ledger.for_org(town["org"], YEAR)
    q1, q2 = led.quarters[:2]
    assert (q1.expected, q1.present, q1.leave, q1.absent) == (4, 2, 1, 1)
    assert q1.attendance.text == "50.0%" and q2.attendance.text == "100.0%"
    assert (led.attendance.num, led.attendance.den) == (6, 8)  # 75%
    assert led.attendance.sources.review_ids == (town["q1"], town["q2"])
    zhang = led.member(town["ids"]["张伟"])
    assert (zhang.attendance.expected, zhang.attendance.present, zhang.attendance.leave) == (2, 1, 1)
    assert zhang.attendance.rate.value == 0.5
    # the empty quarters have no figure rather than 0%
    assert led.quarters[2].attendance.value is None and led.quarters[2].attendance.text == "—"


def test_mutual_results_summed_over_the_year(town):
    led = ledger.for_org(town["org"], YEAR)
    got = {m.name: (m.mutual.counts, m.mutual.grade) for m in led.members}
    assert got == {
        "王建国": ((3, 2, 0, 0), "优秀"),
        "李红": ((1, 4, 0, 0), "合格"),
        "张伟": ((0, 3, 1, 1), "合格"),
        "刘芳": ((0, 1, 0, 4), "不合格"),
    }
    wang = led.member(town["ids"]["王建国"])
    assert wang.mutual.share("优秀").text == "60.0%"
    assert wang.mutual.sources.review_ids == (town["q1"], town["q2"])
    assert led.mutual_grade_counts == {"优秀": 1, "合格": 2, "基本合格": 0, "不合格": 1}


@pytest.mark.parametrize("counts, three, grade", [
    ((5, 2, 0, 0), False, "优秀"),
    ((3, 3, 0, 0), False, "合格"),  # a tie goes to the lower grade
    ((1, 2, 2, 0), False, "基本合格"),
    ((0, 1, 0, 1), False, "不合格"),
    ((0, 0, 0, 0), False, None),
    ((2, 1, 1, 0), True, "合格"),  # three grades: 基本合格 votes count as 合格, then the tie
    ((2, 1, 1, 0), False, "优秀"),
])
def test_mutual_grade_rule(counts, three, grade):
    assert mutual_grade(counts, three) == grade


def test_excellent_cap_per_review(town):
    led = ledger.for_org(town["org"], YEAR)
    q1, q2 = led.quarters[0].cap, led.quarters[1].cap
    # Q1: 4 members rated, ⅓ cap → 1 优秀 per ballot; 2 voters → at most 2, there are 3
    assert (q1.members_rated, q1.voters, q1.excellent_votes, q1.per_ballot_limit) == (4, 2, 3, 1)
    assert q1.broken and "至少有一张测评票超出了优秀比例限制" in q1.message
    assert not q2.broken and q2.message == ""
    assert led.cap_breaches == (q1,)
    settings.put({"excellent_cap": 0.5})  # 2 per ballot → 4 allowed
    assert not ledger.for_org(town["org"], YEAR).cap_breaches


@pytest.mark.parametrize("rated, voters, votes, broken", [
    (9, 6, 18, False), (9, 6, 19, True),  # ⅓ of 9 is exactly 3 per ballot
    (10, 10, 30, False), (10, 10, 31, True),  # ⅓ of 10 is 3.33: nobody can tick 3⅓ names
    (2, 5, 0, False), (2, 5, 1, True),  # ⅓ of 2 allows no 优秀 at all
])
def test_cap_arithmetic(rated, voters, votes, broken):
    limit = per_ballot_limit(rated, 1 / 3)
    assert CapCheck(1, 1, rated, voters, votes, limit).broken is broken


def test_satisfaction_top2(town):
    led = ledger.for_org(town["org"], YEAR)
    item1 = led.mass.by_item[0]
    assert (item1["党员"].favourable, item1["党员"].valid) == (9, 10)
    assert item1["党员"].meets is True  # 90% reaches 90%以上
    assert item1["群众"].ratio.text == "83.3%" and item1["群众"].meets is False
    assert (item1["合计"].favourable, item1["合计"].valid) == (34, 40)
    overall = led.mass.overall
    assert (overall["党员"].favourable, overall["党员"].valid) == (19, 20)
    assert (overall["合计"].favourable, overall["合计"].valid) == (44, 50)  # 88%, pooled
    assert overall["合计"].meets is False
    assert overall["合计"].sources.review_ids == (town["q1"],)
    assert led.mass.by_item[4]["合计"].valid == 0 and led.mass.by_item[4]["合计"].meets is None


def test_satisfaction_top3_and_threshold_setting(town):
    settings.put({"satisfaction_formula": "top3"})
    led = ledger.for_org(town["org"], YEAR)
    assert (led.mass.by_item[0]["合计"].favourable, led.mass.by_item[0]["合计"].valid) == (38, 40)
    assert (led.mass.overall["合计"].favourable, led.mass.overall["合计"].valid) == (48, 50)
    assert led.mass.overall["合计"].meets is True
    settings.put({"satisfaction_formula": "top2", "satisfaction_threshold": 0.85})
    assert ledger.for_org(town["org"], YEAR).mass.overall["合计"].meets is True  # 88% ≥ 85%


def test_member_mass_appraisal(town):
    led = ledger.for_org(town["org"], YEAR)
    wang = led.member(town["ids"]["王建国"])
    assert wang.mass.items[0] == "参加创先争优活动情况"
    assert wang.mass.overall["群众"].ratio.text == "90.0%"
    assert wang.mass.overall["党员"].valid == 0
    assert wang.mass.has_votes and not led.member(town["ids"]["李红"]).mass.has_votes


def test_pledge_fulfilment_due_and_reasons(town):
    led = ledger.for_org(town["org"], YEAR)
    wang = led.member(town["ids"]["王建国"]).pledge
    a, b, c = town["items"]
    assert wang.items == 3 and wang.due_ids == (a, b, c)  # Dec 31 is due on Dec 31
    assert wang.fulfilled_ids == (a,) and wang.overdue_ids == (c,)
    assert (wang.fulfilment.num, wang.fulfilment.den) == (1, 3)
    assert wang.fulfilment.sources.pledge_item_ids == (a, b, c)
    assert [(u.item_id, u.reason) for u in wang.unfulfilled] == [(b, "资金未到位，已报镇里协调")]
    assert wang.without_reason == ()
    assert led.org_pledge.fulfilment.text == "100.0%"
    assert (led.pledges.fulfilled, led.pledges.due) == (2, 4)
    october = ledger.for_org(town["org"], YEAR, as_of=dt.date(YEAR, 10, 15)).member(town["ids"]["王建国"]).pledge
    assert october.due_ids == (a, b) and october.overdue_ids == ()
    assert not led.member(town["ids"]["李红"]).pledge.pledged


def test_members_in_stroke_order_and_roll(town):
    led = ledger.for_org(town["org"], YEAR)
    assert [m.name for m in led.members] == ["王建国", "刘芳", "李红", "张伟"]  # 王4 刘6 李7 张7
    assert all(m.on_roll for m in led.members)


def test_unknown_org(db):
    with pytest.raises(NotFound, match="该组织已不存在，可能已被合并或数据已恢复到较早的"):
        ledger.for_org(999, YEAR)


def test_query_count_does_not_grow_with_members(demo_db, monkeypatch):
    """One query per table whatever the size: 60 members cost what 6 would."""
    conn = demo_db
    calls = []
    real = conn.execute_sql
    monkeypatch.setattr(conn, "execute_sql",
                        lambda sql, params=None, *a, **k: (calls.append(sql), real(sql, params, *a, **k))[1])
    ledgers = ledger.build(dt.date.today().year)
    assert sum(len(led.members) for led in ledgers.values()) >= 60
    assert len(calls) <= 12
    items = [m.mass.by_item for led in ledgers.values() for m in led.members]
    assert len(items) >= 60  # reading every item of every member adds one query in all
    assert len(calls) <= 13



def test_a_build_for_some_organizations_reads_only_theirs(town, branch):
    """The assessment builds one branch or the whole township: a narrowed build holds exactly
    the organizations asked for, with the same figures as the whole build."""
    other = add_members(branch.parent_id, ["钱进"])["钱进"]
    review(branch.parent_id, 1, attendance={other: "出席"}, mutual={other: (1, 0, 0, 0)}, mutual_voters=1)
    whole = ledger.build(YEAR)
    some = ledger.build(YEAR, [town["org"], town["org"]])
    assert set(some) == {town["org"]} and {town["org"], branch.parent_id} <= set(whole)
    mine, same = some[town["org"]], whole[town["org"]]
    assert [m.member_id for m in mine.members] == [m.member_id for m in same.members]
    assert mine.review_ids == same.review_ids == (town["q1"], town["q2"])
    assert (mine.attendance.num, mine.attendance.den) == (same.attendance.num, same.attendance.den) == (6, 8)
    assert [m.name for m in whole[branch.parent_id].members] == ["钱进"]
    assert whole[branch.parent_id].member(other).attendance.present == 1


def test_each_members_attendance_counts_and_sources(town):
    led = ledger.for_org(town["org"], YEAR)
    got = {m.name: (m.attendance.expected, m.attendance.present, m.attendance.leave, m.attendance.absent)
           for m in led.members}
    assert got == {"王建国": (2, 2, 0, 0), "李红": (2, 2, 0, 0), "张伟": (2, 1, 1, 0), "刘芳": (2, 1, 0, 1)}
    assert led.member(town["ids"]["刘芳"]).attendance.sources.review_ids == (town["q1"], town["q2"])


def test_votes_of_an_item_from_two_meetings_name_both(town):
    q3 = review(town["org"], 3, mass=[MassCounts(1, "党员", 1, 0, 0, 1)], party_voters=2)
    item1 = ledger.for_org(town["org"], YEAR).mass.by_item[0]
    assert (item1["党员"].favourable, item1["党员"].valid) == (10, 12)  # 8+1 满意/比较满意, 10+2 votes
    assert item1["党员"].sources.review_ids == (town["q1"], q3.id)
    assert item1["群众"].sources.review_ids == (town["q1"],)
    assert item1["合计"].sources.review_ids == (town["q1"], q3.id)  # both groups' meetings
    assert (item1["合计"].favourable, item1["合计"].valid) == (35, 42)


def test_three_grade_ballots_read_from_the_settings(town):
    zhao = add_members(town["org"], ["赵敏"])["赵敏"]
    review(town["org"], 3, mutual={zhao: (0, 1, 2, 0)}, mutual_voters=3)
    four = ledger.for_org(town["org"], YEAR)
    assert not four.three_grades and four.member(zhao).mutual.grade == "基本合格"
    settings.put({"three_grades": True})
    three = ledger.for_org(town["org"], YEAR)
    assert three.three_grades and three.member(zhao).mutual.grade == "合格"  # 1 + 2 votes for 合格
