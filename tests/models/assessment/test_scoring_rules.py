"""The assessment's rules on plain values, every figure worked out by hand: the grade bands,
how computed and entered points make a score and what it is out of, the 数据不全 note, the
优秀 cap on the committee's grades, why a member cannot have a title, and what the committee
may type as points."""
from __future__ import annotations

import pytest

from models.assessment import scoring
from models.campaign.ledger import (
    MemberAttendance,
    MemberLedger,
    MutualResult,
    PledgeTally,
    Ratio,
    Sources,
    UnfulfilledItem,
)
from models.errors import ValidationError

BANDS = {"优秀": 90.0, "合格": 75.0, "基本合格": 60.0}


@pytest.mark.parametrize(("percent", "four", "three"), [
    (100.0, "优秀", "优秀"), (90.0, "优秀", "优秀"), (89.9999999, "优秀", "优秀"),  # 90 shown, 90 meant
    (89.99, "合格", "合格"), (75.0, "合格", "合格"), (74.99, "基本合格", "合格"),
    (60.0, "基本合格", "合格"), (59.99, "不合格", "不合格"), (0.0, "不合格", "不合格"), (None, None, None),
])
def test_suggest_grade_bands(percent, four, three):
    assert scoring.suggest_grade(percent, BANDS) == four
    assert scoring.suggest_grade(percent, BANDS, three_grades=True) == three


def test_grades_in_use():
    assert scoring.grades_in_use(False) == ("优秀", "合格", "基本合格", "不合格")
    assert scoring.grades_in_use(True) == ("优秀", "合格", "不合格")


LABELS = {"attendance_rate": "出席率", "pledge_fulfilment": "承诺兑现率", "none": "—"}
DIMS = {
    "组织生活": {"points": 30, "figure": "attendance_rate", "computed_share": 0.5},  # 15 computed, 15 entered
    "践诺": {"points": 40, "figure": "pledge_fulfilment", "computed_share": 1.0},  # all computed
    "作用发挥": {"points": 30, "figure": "none", "computed_share": 0.7},  # all entered, whatever the share
}


def specs():
    return scoring._specs(DIMS, ("组织生活", "践诺", "作用发挥"), LABELS)


def candidate(figures, scores=None):
    entry = scoring.Entry(scores=scores or {})
    return scoring._candidate(specs(), figures.get, entry, 1, 2, "王建国", "东风村党支部", "王", False, {})


def test_specs_split_each_dimension_into_computed_and_entered():
    assert specs() == [("组织生活", 30.0, 15.0, "attendance_rate", "出席率"),
                       ("践诺", 40.0, 40.0, "pledge_fulfilment", "承诺兑现率"),
                       ("作用发挥", 30.0, 0.0, "none", "—")]


def test_score_and_what_it_is_out_of():
    c = candidate({"attendance_rate": Ratio(3, 4), "pledge_fulfilment": Ratio(1, 3)},
                  {"组织生活": (12.0, "按时"), "作用发挥": (25.5, "")})
    life, deeds, role = c.dimensions
    assert (life.computed, life.entered, life.remark) == (11.25, 12.0, "按时")
    assert (life.entered_max, life.total) == (15.0, 23.25)
    assert (deeds.computed, deeds.entered, deeds.entered_max, deeds.total) == (13.33, None, 0.0, 13.33)
    assert (role.computed, role.basis, role.entered_max, role.total) == (0.0, None, 30.0, 25.5)
    assert c.full_marks == 100.0 and c.score == 62.08  # 11.25 + 12 + 13.33 + 25.5
    assert c.attainable == 100.0 and c.percent == pytest.approx(62.08)
    assert c.complete and not c.missing and c.notes == () and not c.no_data
    assert life.sources == Sources() and role.sources == Sources()


def test_a_figure_above_one_scores_full_marks_not_more():
    c = candidate({"attendance_rate": Ratio(5, 4), "pledge_fulfilment": Ratio(0, 2)})
    assert [d.computed for d in c.dimensions] == [15.0, 0.0, 0.0]


def test_entered_parts_not_yet_entered_are_left_out_of_the_attainable_points():
    c = candidate({"attendance_rate": Ratio(1, 2), "pledge_fulfilment": Ratio(1, 1)})
    assert not c.complete and c.score == 47.5 and c.attainable == 55.0  # 15 + 40 computed, nothing entered
    assert c.percent == pytest.approx(47.5 / 55 * 100)


def test_missing_figures_are_noted_and_left_out():
    c = candidate({"attendance_rate": Ratio(0, 0), "pledge_fulfilment": Ratio(2, 2)}, {"组织生活": (10.0, "")})
    assert [d.missing for d in c.dimensions] == [True, False, False]
    assert c.attainable == 55.0 and c.score == 50.0 and not c.no_data  # 0 + 10 entered + 40
    assert c.missing_figures == ("出席率",)
    assert c.notes == ("数据不全：台账中没有“出席率”的数据，组织生活的台账计算部分（共 15 分）不计入应得分，"
                       "得分率按其余各项折算。",)
    assert scoring.suggest_for(c, BANDS, False) == "优秀"  # 50 of 55 is 90.9 %


def test_no_ledger_data_at_all_suggests_no_grade():
    c = candidate({"attendance_rate": Ratio(0, 0), "pledge_fulfilment": Ratio(0, 0)}, {"作用发挥": (30.0, "")})
    assert c.no_data and c.percent == 100.0
    assert scoring.suggest_for(c, BANDS, False) is None
    assert scoring.missing_note(c) == ("数据不全：台账中没有“出席率”、“承诺兑现率”的数据，无法按台账计分，"
                                       "不给出建议等次。")
    nothing = candidate({"attendance_rate": Ratio(0, 0), "pledge_fulfilment": Ratio(0, 0)})
    assert nothing.attainable == 0.0 and nothing.percent is None


def graded(org_id, grade, suggested):
    c = candidate({"attendance_rate": Ratio(1, 1), "pledge_fulfilment": Ratio(1, 1)})
    c.org_id, c.grade, c.suggested = org_id, grade, suggested
    return c


def test_grade_caps_count_the_committee_grade_else_the_suggestion():
    pool = [graded(1, "优秀", "合格"), graded(1, "", "优秀"), graded(1, "合格", "优秀"), graded(1, "", "优秀"),
            graded(1, "", "合格"), graded(1, "", None), graded(2, "", "优秀"), graded(2, "合格", "合格")]
    caps = scoring.grade_caps(pool, 1 / 3)
    one, two = caps[1], caps[2]
    assert (one.members, one.allowed, one.entered, one.suggested, one.excellent) == (6, 2, 1, 2, 3)
    assert one.broken and one.message == (
        "优秀比例超限：东风村党支部在册党员 6 名，按三分之一的比例最多评 2 名优秀，"
        "现有考核小组评定为优秀 1 名、尚未评定、建议等次为优秀 2 名，共 3 名，超出 1 名。")
    assert (two.members, two.allowed, two.excellent, two.broken, two.message) == (2, 0, 1, True,
        "优秀比例超限：东风村党支部在册党员 2 名，按三分之一的比例最多评 0 名优秀，"
        "现有尚未评定、建议等次为优秀 1 名，共 1 名，超出 1 名。")
    within = scoring.GradeCap(3, "红旗村党支部", 3, 1, 1, 0, 1 / 3)
    assert not within.broken and within.message == ""
    entered_only = scoring.GradeCap(3, "红旗村党支部", 3, 1, 2, 0, 0.25)
    assert entered_only.message == ("优秀比例超限：红旗村党支部在册党员 3 名，按四分之一的比例最多评 1 名优秀，"
                                    "现有考核小组评定为优秀 2 名，共 2 名，超出 1 名。")


def member(*, on_roll=True, worker=False, mutual=(0, 0, 0, 0), grade=None, unfulfilled=()):
    return MemberLedger(5, 1, "张伟", "张", "", "正式党员", worker, on_roll, MemberAttendance(0, 0, 0, 0),
                        MutualResult(mutual, grade), None, PledgeTally(unfulfilled=unfulfilled))


def test_member_exclusions_each_reason():
    assert scoring.member_exclusions(member(), "合格", scoring.MEMBER_TITLE) == ()
    assert scoring.member_exclusions(member(on_roll=False), "", scoring.MEMBER_TITLE) == (
        "已不在本组织名册上（转出、停止党籍或去世），不能参加评选。",)
    assert scoring.member_exclusions(member(), "", scoring.WORKER_TITLE) == (
        "没有登记为党务工作者，不能评为优秀党务工作者。",)
    assert scoring.member_exclusions(member(worker=True), "", scoring.WORKER_TITLE) == ()
    for grade in ("基本合格", "不合格"):
        assert scoring.member_exclusions(member(), grade, scoring.MEMBER_TITLE) == (
            f"考核等次定为“{grade}”，不能评为优秀共产党员。",)
    assert scoring.member_exclusions(member(mutual=(0, 1, 0, 3), grade="不合格"), "", scoring.MEMBER_TITLE) == (
        "党员互评结果为“不合格”（不合格 3 票，占 75.0%），不能评为优秀共产党员。",)
    items = (UnfulfilledItem(1, 2, "修通村道", " ", None), UnfulfilledItem(2, 3, "捐", "下雨", None),
             UnfulfilledItem(3, 4, "一" * 21, "", None), UnfulfilledItem(4, 5, "二" * 20, "", None))
    assert scoring.member_exclusions(member(unfulfilled=items), "", scoring.MEMBER_TITLE) == (
        "承诺事项第 2 项“修通村道”标为未兑现，但没有说明原因，不能评为优秀共产党员。",
        f"承诺事项第 4 项“{'一' * 20}……”标为未兑现，但没有说明原因，不能评为优秀共产党员。",
        f"承诺事项第 5 项“{'二' * 20}”标为未兑现，但没有说明原因，不能评为优秀共产党员。")


@pytest.mark.parametrize(("raw", "value"), [
    (None, None), ("", None), ("  ", None), (12, 12.0), ("12.345", 12.35), ("１２分", 12.0), (" 8 ", 8.0),
    (0, 0.0), ("20", 20.0),
])
def test_points_the_committee_may_type(raw, value):
    assert scoring._score_value(raw, 20, "作用发挥", "role") == value


@pytest.mark.parametrize(("raw", "message"), [
    ("十分", "作用发挥应是数字，现在填的是“十分”。"),
    ("x" * 30, f"作用发挥应是数字，现在填的是“{'x' * 20}”。"),
    ("20.5", "作用发挥应在 0 到 20 分之间，现在是 20.5。"),
    (-1, "作用发挥应在 0 到 20 分之间，现在是 -1。"),
    ("nan", "作用发挥应在 0 到 20 分之间，现在是 nan。"),
])
def test_points_refused(raw, message):
    with pytest.raises(ValidationError) as err:
        scoring._score_value(raw, 20, "作用发挥", "role")
    assert err.value.message == message and err.value.field == "role"
