"""The ledger's small rules on plain values, each figure counted by hand: how a cap is said and
applied, how a share is shown, when a satisfaction rate meets its threshold, which items of a
pledge are due. A slip in any of them changes what a clerk reads on the 台账 and the 考核."""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from models.campaign.ledger import (
    CapCheck,
    MemberAttendance,
    MutualResult,
    PledgeTally,
    QuarterRecord,
    Ratio,
    Satisfaction,
    Sources,
    UnfulfilledItem,
    _sum_tallies,
    _tally,
    cap_limit,
    cap_text,
    default_as_of,
    exact,
    share_text,
)


@pytest.mark.parametrize(("value", "said"), [
    (1 / 3, "三分之一"), (0.5, "二分之一"), (0.1, "十分之一"), (0.25, "四分之一"),
    (1 / 11, "9.09091%"),  # no Chinese numeral for 11 in the table: a percentage
    (1.0, "100%"), (0.4, "40%"), (2 / 3, "66.6667%"),
])
def test_share_text(value, said):
    assert share_text(value) == said


@pytest.mark.parametrize(("cap", "heading"), [
    (1 / 3, "1/3"), (0.25, "1/4"), (0.5, "1/2"), (1 / 11, "1/11"), (0.3, "30%"), (1.0, "100%"), (0.4, "40%"),
])
def test_cap_text(cap, heading):
    assert cap_text(cap) == heading


@pytest.mark.parametrize(("members", "cap", "limit"), [
    (9, 1 / 3, 3),  # 0.333… × 9 is 2.999… in floats: the clerk meant 3
    (10, 1 / 3, 3), (2, 1 / 3, 0), (3, 1 / 3, 1), (30, 0.2, 6), (29, 0.2, 5), (0, 1 / 3, 0),
])
def test_cap_limit_is_the_whole_number_within_the_cap(members, cap, limit):
    assert cap_limit(members, cap) == limit


def test_exact_reads_the_fraction_the_clerk_meant():
    assert exact(1 / 3) == Fraction(1, 3) and exact(0.9) == Fraction(9, 10) and exact(0.85) == Fraction(17, 20)
    assert exact(0.3333) == Fraction(1, 3)  # within a thousandth
    assert exact(0.001) == Fraction(1, 1000)


def test_ratio_shows_its_two_counts():
    assert (Ratio(2, 3).value, Ratio(2, 3).fraction, Ratio(2, 3).text) == (2 / 3, Fraction(2, 3), "66.7%")
    assert (Ratio(0, 0).value, Ratio(0, 0).fraction, Ratio(0, 0).text) == (None, None, "—")
    assert (Ratio(0, 4).value, Ratio(0, 4).text) == (0.0, "0.0%")
    assert Ratio(1, 1).text == "100.0%" and Ratio(1, 8).text == "12.5%"


@pytest.mark.parametrize(("formula", "favourable", "rate"), [("top2", 5, 0.5), ("top3", 8, 0.8)])
def test_satisfaction_formula(formula, favourable, rate):
    s = Satisfaction(2, 3, 3, 2, formula, 0.9)
    assert (s.valid, s.favourable, s.rate) == (10, favourable, rate)
    assert s.ratio.num == favourable and s.ratio.den == 10


@pytest.mark.parametrize(("counts", "threshold", "meets"), [
    ((9, 0, 0, 1), 0.9, True),  # 90% reaches 90%以上
    ((8, 0, 0, 1), 0.9, False),  # 88.9%
    ((17, 0, 0, 3), 0.85, True),  # exactly 85%
    ((16, 0, 0, 4), 0.85, False),  # 80%
    ((0, 0, 0, 0), 0.9, None),  # nobody voted
    ((0, 0, 0, 3), 0.0, True),  # a zero threshold is met by any vote
])
def test_satisfaction_meets_at_the_threshold(counts, threshold, meets):
    assert Satisfaction(*counts, "top2", threshold).meets is meets


def test_cap_check_message_counts_the_ballots():
    within = CapCheck(7, 2, members_rated=6, voters=5, excellent_votes=10, per_ballot_limit=2)
    assert not within.broken and within.message == ""
    over = CapCheck(7, 2, members_rated=6, voters=5, excellent_votes=11, per_ballot_limit=2)
    assert over.broken
    assert over.message == ("第二季度党员互评：5 人投票、评议 6 名党员，每张测评票最多评 2 名优秀，"
                            "共应不超过 10 票，实际优秀票 11 票，至少有一张测评票超出了优秀比例限制。")


def test_mutual_result_shares():
    r = MutualResult((3, 1, 0, 1), "优秀", Sources((4,)))
    assert r.total == 5
    assert {g: (s.num, s.den) for g, s in r.shares.items()} == {
        "优秀": (3, 5), "合格": (1, 5), "基本合格": (0, 5), "不合格": (1, 5)}
    assert r.share("不合格").sources == Sources((4,))


def test_attendance_ratios():
    assert MemberAttendance(4, 3, 1, 0).rate.text == "75.0%"
    held = QuarterRecord(1, "第一季度", True, review_id=9, expected=8, present=6, attendance_recorded=True)
    assert (held.attendance.num, held.attendance.den, held.attendance.sources) == (6, 8, Sources((9,)))
    typed_nothing = QuarterRecord(1, "第一季度", True, review_id=9, expected=8, present=6)
    assert typed_nothing.attendance.den == 0 and typed_nothing.attendance.sources == Sources((9,))
    assert held.held and not held.missing
    assert QuarterRecord(2, "第二季度", True).missing and not QuarterRecord(3, "第三季度", False).missing
    assert QuarterRecord(3, "第三季度", False).attendance.sources == Sources()


AS_OF = "2026-06-30"


def test_tally_counts_due_items_of_approved_pledges_only():
    rows = [
        (1, 1, "修路", "2026-06-30", "进行中", "", "已审定"),  # deadline today: due, overdue
        (2, 2, "走访", "2026-07-01", "进行中", "", "已审定"),  # not due yet
        (3, 3, "捐资", "2026-12-31", "已兑现", "", "已公示"),  # fulfilled early: due, fulfilled
        (4, 4, "植树", "2026-12-31", "未兑现", "  ", "已评诺"),  # settled: due, unfulfilled, no reason
        (5, 5, "培训", "2026-01-01", "未兑现", "下雨", "已评诺"),
        (6, 1, "草稿里的", "2026-01-01", "未兑现", "", "草稿"),  # never promised in public
        (7, 1, "退回的", "2026-01-01", "进行中", "", "已退回"),
        (8, 6, "无期限", None, "进行中", "", "已审定"),  # no deadline: never due while open
    ]
    t = _tally(rows, AS_OF)
    assert t.items == 6 and t.pledged
    assert t.due_ids == (1, 3, 4, 5) and t.fulfilled_ids == (3,) and t.overdue_ids == (1,)
    assert [u.item_id for u in t.unfulfilled] == [4, 5]
    assert t.unfulfilled[1] == UnfulfilledItem(5, 5, "培训", "下雨", dt.date(2026, 1, 1))
    assert [u.item_id for u in t.without_reason] == [4]
    assert (t.due, t.fulfilled, t.fulfilment.num, t.fulfilment.den) == (4, 1, 1, 4)
    assert t.fulfilment.sources == t.sources == Sources(pledge_item_ids=(1, 3, 4, 5))


def test_no_pledge_is_not_an_empty_pledge():
    assert not PledgeTally().pledged and PledgeTally().without_reason == ()
    assert _tally([], AS_OF).pledged and _tally([], AS_OF).items == 0


def test_tallies_add_up():
    a = PledgeTally(3, (5, 1), (5,), (UnfulfilledItem(1, 1, "x", "", None),), (9,), pledged=False)
    b = PledgeTally(2, (2,), (2,), (), (3, 4), pledged=True)
    total = _sum_tallies([a, b])
    assert total == PledgeTally(5, (1, 2, 5), (2, 5), a.unfulfilled, (3, 4, 9), pledged=True)
    assert not _sum_tallies([a]).pledged and not _sum_tallies([]).pledged


def test_default_as_of():
    assert default_as_of(2026, dt.date(2026, 5, 4)) == dt.date(2026, 5, 4)
    assert default_as_of(2025, dt.date(2026, 5, 4)) == dt.date(2025, 12, 31)
    assert default_as_of(2026, dt.date(2026, 12, 31)) == dt.date(2026, 12, 31)
    assert default_as_of(2027, dt.date(2026, 5, 4)) == dt.date(2026, 5, 4)
