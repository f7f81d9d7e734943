"""The assessment's rules that a one-character slip used to get past the tests (issue 20,
mutation testing): which figures and entries a scoped or dated summary reads, the order of a
ranking when scores tie, what the committee's form refuses and keeps, and the reasons a
nomination is refused. Every expected figure and sentence is written out by hand.

Default weights (settings): every dimension 20 points, half computed from the ledger. On the
hand-counted township (`tests/models/township.py`) that gives, of the computed parts:
王建国 attendance 2/2 → 10, pledges 1/3 → 3.33, 群众评议 9/10 → 9, 互评 not 不合格 5/5 → 10,
互评 score 460/500 → 9.2: 41.53 of 50 (83.06%); 李红 10 + 10 + 420/500 → 8.4 = 28.4 of 30
(94.67%, no pledge, no 群众评议); 张伟 1/2 → 5, 4/5 → 8, 300/500 → 6 = 19 of 30 (63.33%);
刘芳 5 + 1/5 → 2 + 80/500 → 1.6 = 8.6 of 30 (28.67%). The organization: 2/4 meetings → 5,
3/4 members 合格 or better → 7.5, attendance 6/8 → 7.5, pledge items 2/4 → 5, 群众评议 44/50 →
8.8: 33.8 of 50 (67.6%).
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from models.assessment import scoring
from models.assessment.scoring import MEMBER_TITLE, ORG_TITLE, WORKER_TITLE
from models.campaign.ledger import (
    CapCheck,
    MemberAttendance,
    MemberLedger,
    MutualResult,
    PledgeTally,
    QuarterRecord,
    Ratio,
    Sources,
)
from models.config import settings
from models.errors import FormErrors, NotFound, ValidationError
from models.roster import members, organizations
from models.store import audit
from models.store.assessment_tables import Assessment
from tests.models.township import YEAR, add_members, build_town, review

BANDS = {"优秀": 90.0, "合格": 75.0, "基本合格": 60.0}
OFF_ROLL = "已不在本组织名册上（转出、停止党籍或去世），不能参加评选。"
BELOW_GATE = ("群众评议满意率（党员和群众合计）为 88.0%（（满意＋比较满意）÷有效票，44/50 票），"
              "低于 90% 的门槛，不能评为先进基层党组织。")


@pytest.fixture
def town(branch):
    return build_town(branch.id)


def other_branch(branch, short_name="红旗村党支部"):
    return organizations.save({"name": f"中共{short_name[:3]}支部委员会", "short_name": short_name,
                               "level": "党支部", "parent_id": branch.parent_id})


# ------------------------------------------------------------------ figures on plain values

def test_cap_compliance_counts_the_meetings_that_kept_the_cap():
    kept = CapCheck(12, 2, 3, 3, 3, 1)  # 3 优秀 votes from 3 voters, 1 allowed each: kept
    broken = CapCheck(11, 1, 4, 2, 3, 1)  # 3 from 2 voters: broken
    kept_too = CapCheck(13, 3, 4, 2, 0, 1)
    led = SimpleNamespace(quarters=(
        QuarterRecord(1, "第一季度", True, 11, cap=broken), QuarterRecord(2, "第二季度", True, 12, cap=kept),
        QuarterRecord(3, "第三季度", True, 13, cap=kept_too), QuarterRecord(4, "第四季度", False)))
    figure = scoring.org_figure("cap_compliance", led)
    assert (figure.num, figure.den, figure.sources) == (2, 3, Sources((11, 12, 13)))


def ledger_member(mutual):
    return MemberLedger(5, 1, "张伟", "张", "", "正式党员", False, True, MemberAttendance(0, 0, 0, 0),
                        MutualResult(mutual, None), None, PledgeTally())


def test_member_figures_count_four_grades_unless_told_otherwise():
    m = ledger_member((1, 0, 1, 0))  # one 优秀 and one 基本合格 vote
    score = scoring.member_figure("mutual_score", m)
    assert (score.num, score.den) == (160, 200)  # 100 + 60
    good = scoring.member_figure("mutual_good_share", m)
    assert (good.num, good.den) == (1, 2)
    three = scoring.member_figure("mutual_score", m, True)
    assert (three.num, three.den) == (180, 200)  # 基本合格 counts as 合格's 80


# ------------------------------------------------------------------ one candidate

LABELS = {"attendance_rate": "出席率", "pledge_fulfilment": "承诺兑现率", "none": "—"}
DIMS = {
    "组织生活": {"points": 30, "figure": "attendance_rate", "computed_share": 0.5},
    "践诺": {"points": 40, "figure": "pledge_fulfilment", "computed_share": 1.0},
    "作用发挥": {"points": 30, "figure": "none", "computed_share": 0.7},
}


def candidate(figures, scores=None, dims=DIMS):
    specs = scoring._specs(dims, tuple(dims), LABELS)
    entry = scoring.Entry(scores=scores or {})
    return scoring._candidate(specs, figures.get, entry, 1, 2, "王建国", "东风村党支部", "王", False, {})


def test_a_dimension_without_a_figure_reads_none_whatever_the_ledger_has():
    c = candidate({"attendance_rate": Ratio(1, 2), "pledge_fulfilment": Ratio(1, 4), "none": Ratio(1, 1)})
    life, deeds, role = c.dimensions
    assert role.basis is None and role.computed == 0.0 and role.sources == Sources()
    assert (life.figure, deeds.figure, role.figure) == ("attendance_rate", "pledge_fulfilment", "none")
    assert (life.figure_label, role.figure_label) == ("出席率", "—")
    assert c.score == 17.5  # 7.5 + 10, nothing entered


def test_a_fresh_candidate_is_unranked_with_empty_remarks():
    c = candidate({"attendance_rate": Ratio(1, 1), "pledge_fulfilment": Ratio(1, 1)})
    assert [d.remark for d in c.dimensions] == ["", "", ""]
    assert [d.entered for d in c.dimensions] == [None, None, None]
    assert (c.rank, c.stroke_key, c.name, c.org_name, c.suggested) == (0, "王", "王建国", "东风村党支部", None)
    scored = candidate({"attendance_rate": Ratio(1, 1), "pledge_fulfilment": Ratio(1, 1)}, {"作用发挥": (20.0, "")})
    assert [d.remark for d in scored.dimensions] == ["", "", ""]


def test_the_score_is_kept_to_two_decimals():
    c = candidate({"attendance_rate": Ratio(1, 1), "pledge_fulfilment": Ratio(1, 1)}, {"作用发挥": (12.126, "")})
    assert c.score == 67.13  # 15 + 40 + 12.126


def test_a_computed_part_below_one_point_still_counts_as_missing():
    small = {"组织生活": {"points": 2, "figure": "attendance_rate", "computed_share": 0.25}}  # 0.5 computed
    c = candidate({"attendance_rate": Ratio(0, 0)}, dims=small)
    (life,) = c.dimensions
    assert life.computed_max == 0.5 and life.missing and c.missing == (life,)
    assert c.no_data and scoring.suggest_for(c, BANDS, False) is None
    assert c.notes == ("数据不全：台账中没有“出席率”的数据，无法按台账计分，不给出建议等次。",)


def test_no_missing_figure_no_note():
    c = candidate({"attendance_rate": Ratio(1, 2), "pledge_fulfilment": Ratio(1, 2)})
    assert scoring.missing_note(c) == "" and c.notes == ()


def test_suggestion_with_three_grades():
    c = candidate({"attendance_rate": Ratio(1, 2), "pledge_fulfilment": Ratio(3, 4)})  # 7.5 + 30 of 55
    assert round(c.percent, 2) == 68.18
    assert scoring.suggest_for(c, BANDS, True) == "合格"
    assert scoring.suggest_for(c, BANDS, False) == "基本合格"


def test_summary_ranked_and_candidate_on_plain_values():
    one = candidate({"attendance_rate": Ratio(1, 1), "pledge_fulfilment": Ratio(1, 1)})
    two = candidate({"attendance_rate": Ratio(1, 1), "pledge_fulfilment": Ratio(1, 1)})
    one.member_id = two.member_id = None
    one.org_id, two.org_id = 7, 8
    person = candidate({"attendance_rate": Ratio(1, 1), "pledge_fulfilment": Ratio(1, 1)})
    s = scoring.Summary(YEAR, dt.date(YEAR, 12, 31), [one, two], [person], {})
    assert s.ranked(ORG_TITLE) == [one, two]
    assert s.ranked(MEMBER_TITLE) == [person] and s.ranked(WORKER_TITLE) == []
    assert s.candidate(org_id=8) is two and s.candidate(org_id=7) is one
    assert s.candidate(member_id=2) is person and s.candidate(member_id=3) is None


# ------------------------------------------------------------------ the summary

def test_a_summary_as_of_midyear_counts_only_what_was_due(town):
    """On 30 June, Q3 and Q4 are not due (2/2 held → 10) and 王建国's third item (31 Dec) is not
    due: his pledges 1/2 → 5, the organization's 2/3 → 6.67."""
    s = scoring.summary(YEAR, as_of=dt.date(YEAR, 6, 30))
    assert s.as_of == dt.date(YEAR, 6, 30)
    org = s.candidate(org_id=town["org"])
    assert {d.dimension: d.computed for d in org.dimensions} == {
        "领导班子好": 10.0, "党员队伍好": 7.5, "工作机制好": 7.5, "工作业绩好": 6.67, "群众反映好": 8.8}
    assert org.score == 40.47
    wang = s.candidate(member_id=town["ids"]["王建国"])
    assert wang.score == 43.2 and round(wang.percent, 2) == 86.4


def test_a_scoped_summary_reads_only_that_branch(town, branch):
    other = other_branch(branch)
    zhou = add_members(other.id, ["周强"])["周强"]
    review(other.id, 1, attendance={zhou: "出席"})
    s = scoring.summary(YEAR, town["org"])
    assert [c.org_id for c in s.organizations] == [town["org"]]
    assert set(s.ledgers) == {town["org"]}
    assert zhou not in [c.member_id for c in s.members]
    whole = scoring.summary(YEAR)
    assert [c.name for c in whole.organizations] == ["中共东风村支部委员会", "中共红旗村支部委员会"]


def test_the_organization_as_a_candidate(town):
    c = scoring.summary(YEAR).candidate(org_id=town["org"])
    assert (c.name, c.org_name, c.stroke_key) == ("中共东风村支部委员会", "东风村党支部", "中共东风村支部委员会")
    assert c.is_party_worker is False and c.is_org and c.titles == (ORG_TITLE,)
    assert c.score == 33.8 and c.suggested == "基本合格"
    assert c.exclusions == {ORG_TITLE: (BELOW_GATE,)}


def test_members_in_rank_order_with_their_figures(town):
    s = scoring.summary(YEAR)
    assert [(c.name, c.rank, c.score, c.suggested) for c in s.members] == [
        ("李红", 1, 28.4, "优秀"), ("王建国", 2, 41.53, "合格"), ("张伟", 3, 19.0, "基本合格"),
        ("刘芳", 4, 8.6, "不合格")]
    liu = s.candidate(member_id=town["ids"]["刘芳"])
    assert liu.exclusions == {
        MEMBER_TITLE: ("党员互评结果为“不合格”（不合格 4 票，占 80.0%），不能评为优秀共产党员。",),
        WORKER_TITLE: ("没有登记为党务工作者，不能评为优秀党务工作者。",
                       "党员互评结果为“不合格”（不合格 4 票，占 80.0%），不能评为优秀党务工作者。")}


def test_three_grade_ballots_in_the_summary(town):
    """With three grades 张伟's 基本合格 vote counts 80: 320/500 → 6.4, 19.4 of 30 (64.67%), and
    the 基本合格 band is suggested as 合格, for him and for the organization (67.6%)."""
    settings.put({"three_grades": True})
    s = scoring.summary(YEAR)
    zhang = s.candidate(member_id=town["ids"]["张伟"])
    assert zhang.score == 19.4 and zhang.suggested == "合格"
    assert s.candidate(org_id=town["org"]).suggested == "合格"


def test_a_member_who_left_is_not_ranked_and_the_others_still_are(town):
    members.record_event(town["ids"]["王建国"], "转出", "2025-12-01", "转往县城")
    s = scoring.summary(YEAR)
    assert [c.name for c in s.members] == ["李红", "张伟", "刘芳"]
    assert [c.rank for c in s.members] == [1, 2, 3]


def test_a_party_worker_graded_low_cannot_be_the_worker_of_the_year(town):
    zhao = add_members(town["org"], ["赵敏"], workers=("赵敏",))["赵敏"]
    assert scoring.summary(YEAR).candidate(member_id=zhao).exclusions == {MEMBER_TITLE: (), WORKER_TITLE: ()}
    scoring.enter(YEAR, member_id=zhao, grade="不合格")
    assert scoring.summary(YEAR).candidate(member_id=zhao).exclusions == {
        MEMBER_TITLE: ("考核等次定为“不合格”，不能评为优秀共产党员。",),
        WORKER_TITLE: ("考核等次定为“不合格”，不能评为优秀党务工作者。",)}


def test_ties_are_ranked_by_score_then_strokes_and_no_score_last(branch):
    """吴兰 1/2 attended and 互评 (1,0,0,1): 5 + 5 + 5 = 15 of 30; 王芳 and 周强 1/2 attended:
    5 of 10 — all at 50%, the larger score first, then 王 (4 strokes) before 周 (8) although
    周强 was entered first; 郑伟 attended neither: 0 of 10; 冯丽 has no record: no percent."""
    ids = add_members(branch.id, ["周强", "王芳", "吴兰", "郑伟", "冯丽"])
    zhou, wang, wu, zheng = ids["周强"], ids["王芳"], ids["吴兰"], ids["郑伟"]
    review(branch.id, 1, attendance={zhou: "出席", wang: "出席", wu: "出席", zheng: "缺席"},
           mutual_voters=2, mutual={wu: (1, 0, 0, 1)})
    review(branch.id, 2, attendance={zhou: "缺席", wang: "缺席", wu: "缺席", zheng: "缺席"})
    s = scoring.summary(YEAR)
    assert [(c.name, c.score) for c in s.members] == [
        ("吴兰", 15.0), ("王芳", 5.0), ("周强", 5.0), ("郑伟", 0.0), ("冯丽", 0.0)]
    assert [c.percent for c in s.members][:4] == [50.0, 50.0, 50.0, 0.0]
    assert s.members[4].percent is None and s.members[4].rank == 5


def test_equal_members_of_two_branches_are_ranked_by_who_was_entered_first(branch):
    other = other_branch(branch)
    first = add_members(other.id, ["王芳"])["王芳"]  # entered first, in the later branch
    second = add_members(branch.id, ["王芳"])["王芳"]
    review(other.id, 1, attendance={first: "出席"})
    review(branch.id, 1, attendance={second: "出席"})
    s = scoring.summary(YEAR)
    assert [(c.member_id, c.org_name, c.score) for c in s.members] == [
        (first, "红旗村党支部", 10.0), (second, "东风村党支部", 10.0)]


def test_who_is_assessed(branch):
    """A branch with members, or with meetings of its own, is assessed; an empty branch and
    the 党委 itself, even with a member on its roll, are not."""
    top = branch.parent_id
    add_members(top, ["孙海"])
    add_members(branch.id, ["周强"])  # members, no meeting
    met = other_branch(branch)  # a meeting, nobody on its roll now
    left = add_members(met.id, ["吴兰"])["吴兰"]
    review(met.id, 1, attendance={left: "出席"})
    members.record_event(left, "转出", "2025-12-01", "转往县城")
    other_branch(branch, "柳河村党支部")  # nothing at all
    s = scoring.summary(YEAR)
    assert [c.org_name for c in s.organizations] == ["红旗村党支部", "东风村党支部"]  # 1/1 attended first


# ------------------------------------------------------------------ the hard rules, read fresh

def test_exclusions_for_an_organization(town):
    assert scoring.exclusions_for(YEAR, ORG_TITLE, org_id=town["org"]) == (BELOW_GATE,)
    scoring.enter(YEAR - 1, org_id=town["org"], grade="优秀")  # another year's grade does not count
    scoring.enter(YEAR, org_id=town["org"], grade="不合格")
    assert scoring.exclusions_for(YEAR, ORG_TITLE, org_id=town["org"]) == (
        BELOW_GATE, "考核等次定为“不合格”，不能评为先进基层党组织。")
    settings.put({"satisfaction_gate_group": "群众"})
    assert scoring.exclusions_for(YEAR, ORG_TITLE, org_id=town["org"])[0] == (
        "群众评议满意率（群众）为 83.3%（（满意＋比较满意）÷有效票，25/30 票），"
        "低于 90% 的门槛，不能评为先进基层党组织。")


def test_exclusions_for_a_member(town):
    ids = town["ids"]
    assert scoring.exclusions_for(YEAR, MEMBER_TITLE, member_id=ids["王建国"]) == ()
    assert scoring.exclusions_for(YEAR, WORKER_TITLE, member_id=ids["王建国"]) == (
        "没有登记为党务工作者，不能评为优秀党务工作者。",)
    assert scoring.exclusions_for(YEAR, MEMBER_TITLE, member_id=ids["刘芳"]) == (
        "党员互评结果为“不合格”（不合格 4 票，占 80.0%），不能评为优秀共产党员。",)
    scoring.enter(YEAR - 1, member_id=ids["李红"], grade="优秀")
    scoring.enter(YEAR, member_id=ids["李红"], grade="不合格")
    assert scoring.exclusions_for(YEAR, MEMBER_TITLE, member_id=ids["李红"]) == (
        "考核等次定为“不合格”，不能评为优秀共产党员。",)
    members.record_event(ids["王建国"], "转出", "2025-12-01", "转往县城")
    assert scoring.exclusions_for(YEAR, MEMBER_TITLE, member_id=ids["王建国"]) == (OFF_ROLL,)


def test_exclusions_for_needs_a_subject(db):
    with pytest.raises(AssertionError, match="^exclusions_for needs an organization or a member$"):
        scoring.exclusions_for(YEAR, ORG_TITLE)


# ------------------------------------------------------------------ what the committee enters

def test_entries_of_one_year_and_one_scope(town, branch):
    ids = town["ids"]
    scoring.enter(YEAR, member_id=ids["王建国"], grade="优秀", scores={"带头遵纪守法": 9}, by="李书记",
                  on="2025-12-20")
    scoring.enter(YEAR - 1, member_id=ids["王建国"], grade="合格", scores={"带头遵纪守法": 5})
    scoring.enter(YEAR, member_id=ids["李红"], remark="作风扎实")
    other = other_branch(branch)
    zhou = add_members(other.id, ["周强"])["周强"]
    scoring.enter(YEAR, member_id=zhou, grade="合格")
    got = scoring.entries(YEAR, [town["org"]])
    assert set(got) == {("member", ids["王建国"]), ("member", ids["李红"])}
    wang = got[("member", ids["王建国"])]
    assert (wang.grade, wang.graded_on, wang.graded_by) == ("优秀", dt.date(2025, 12, 20), "李书记")
    assert wang.scores == {"带头遵纪守法": (9.0, "")}
    li = got[("member", ids["李红"])]
    assert (li.grade, li.remark, li.scores, li.graded_on, li.graded_by) == ("", "作风扎实", {}, None, "")
    everyone = scoring.entries(YEAR, None)
    assert set(everyone) == {("member", ids["王建国"]), ("member", ids["李红"]), ("member", zhou)}
    assert everyone[("member", ids["王建国"])].scores == {"带头遵纪守法": (9.0, "")}
    assert everyone[("member", ids["李红"])].scores == {}


def test_an_organization_and_its_members_have_separate_entries(town, branch):
    wang = town["ids"]["王建国"]
    scoring.enter(YEAR, member_id=wang, grade="优秀")
    assert scoring.entry(YEAR, org_id=town["org"]) == scoring.NO_ENTRY
    other = other_branch(branch)
    scoring.enter(YEAR, org_id=other.id, grade="不合格", remark="班子不全")
    assert scoring.entry(YEAR, org_id=town["org"]) == scoring.NO_ENTRY
    scoring.enter(YEAR, org_id=town["org"], grade="合格", remark="班子团结", scores={"领导班子好": 8},
                  remarks={"领导班子好": "按时换届"}, by="李书记", on="2025-12-20")
    assert scoring.entry(YEAR, org_id=town["org"]) == scoring.Entry(
        "合格", "班子团结", {"领导班子好": (8.0, "按时换届")}, dt.date(2025, 12, 20), "李书记")
    assert scoring.entry(YEAR, member_id=wang).grade == "优秀"
    assert scoring.entry(YEAR, org_id=other.id).grade == "不合格"


def test_the_subject_must_exist_and_be_one(town, branch):
    with pytest.raises(ValidationError) as err:
        scoring.entry(YEAR)
    assert (err.value.message, err.value.field) == ("请选择一个考核对象：一个党组织或一名党员。", "subject")
    with pytest.raises(NotFound) as missing:
        scoring.entry(YEAR, member_id=99999)
    assert missing.value.message == "该党员记录已不存在。"
    with pytest.raises(NotFound) as gone:
        scoring.entry(YEAR, org_id=99999)
    assert gone.value.message == "该组织已不存在。"
    with pytest.raises(ValidationError) as top:
        scoring.enter(YEAR, org_id=branch.parent_id, grade="合格")
    assert (top.value.message, top.value.field) == (
        "年度考核的对象是基层党组织（党总支、党支部），不是党委本身。", "subject")


@pytest.mark.parametrize(("year", "ok"), [(2000, True), (2100, True), (1999, False), (2101, False)])
def test_the_year_entered(town, year, ok):
    wang = town["ids"]["王建国"]
    if ok:
        assert scoring.enter(year, member_id=wang, grade="合格").year == year
        return
    with pytest.raises(FormErrors) as err:
        scoring.enter(year, member_id=wang, grade="合格")
    assert err.value.errors == {"year": f"年度应在 2000 到 2100 之间，现在是 {year}。"}


MEMBER_DIMS = {
    "带头学习提高": {"points": 30, "computed_share": 1, "figure": "attendance_rate"},  # all computed
    "带头争创佳绩": {"points": 20, "computed_share": 0.5, "figure": "pledge_fulfilment"},  # 10 to enter
    "带头服务群众": {"points": 20, "computed_share": 0.975, "figure": "mass_satisfaction"},  # 0.5 to enter
    "带头遵纪守法": {"points": 15, "computed_share": 0.6, "figure": "none"},  # all 15 entered
    "带头弘扬正气": {"points": 15, "computed_share": 0.6, "figure": "mutual_score"},
}


def test_what_each_dimension_takes(town):
    settings.put({"assessment_member_dimensions": MEMBER_DIMS})
    wang = town["ids"]["王建国"]
    scoring.enter(YEAR, member_id=wang, scores={"带头遵纪守法": 15, "带头服务群众": "0.5", "带头学习提高": ""})
    assert scoring.entry(YEAR, member_id=wang).scores == {"带头遵纪守法": (15.0, ""), "带头服务群众": (0.5, ""),
                                                          "带头学习提高": (None, "")}
    with pytest.raises(FormErrors) as err:
        scoring.enter(YEAR, member_id=wang, scores={"带头争创佳绩": 10.5, "带头致富": 3, "带头学习提高": 1})
    assert err.value.errors == {
        "scores.带头争创佳绩": "“带头争创佳绩”的评分应在 0 到 10 分之间，现在是 10.5。",
        "scores.带头致富": "“带头致富”不是“五带头”中的考核项目。",
        "scores.带头学习提高": "“带头学习提高”全部由台账计算，不需要录入评分。"}
    with pytest.raises(FormErrors) as org_err:
        scoring.enter(YEAR, org_id=town["org"], scores={"带头学习提高": 3})
    assert org_err.value.errors == {"scores.带头学习提高": "“带头学习提高”不是“五个好”中的考核项目。"}


def test_points_typed_with_a_stray_letter_are_refused():
    with pytest.raises(ValidationError) as err:
        scoring._score_value("12X", 20, "作用发挥", "role")
    assert (err.value.message, err.value.field) == ("作用发挥应是数字，现在填的是“12X”。", "role")


def test_remarks_the_committee_types(town):
    wang = town["ids"]["王建国"]
    long_ok = "好" * 500
    scoring.enter(YEAR, member_id=wang, remarks={"带头服务群众": long_ok, "带头遵纪守法": "第一行\n第二行"},
                  remark="全年表现突出\n群众认可")
    got = scoring.entry(YEAR, member_id=wang)
    assert got.scores == {"带头服务群众": (None, long_ok), "带头遵纪守法": (None, "第一行\n第二行")}
    assert got.remark == "全年表现突出\n群众认可"
    with pytest.raises(FormErrors) as err:
        scoring.enter(YEAR, member_id=wang, remarks={"带头致富": "好", "带头服务群众": "好" * 501})
    assert err.value.errors == {"remarks.带头致富": "“带头致富”不是考核项目。",
                                "remarks.带头服务群众": "“带头服务群众”的评语最多 500 个字，现在有 501 个字。"}


def test_the_overall_remark(town):
    wang = town["ids"]["王建国"]
    scoring.enter(YEAR, member_id=wang, remark="  作风扎实  ")
    assert scoring.entry(YEAR, member_id=wang).remark == "作风扎实"
    scoring.enter(YEAR, member_id=wang, grade="合格")  # remark=None keeps it
    assert scoring.entry(YEAR, member_id=wang).remark == "作风扎实"
    scoring.enter(YEAR, member_id=wang, remark="好" * 1000)
    assert scoring.entry(YEAR, member_id=wang).remark == "好" * 1000
    with pytest.raises(FormErrors) as err:
        scoring.enter(YEAR, member_id=wang, remark="好" * 1001)
    assert err.value.errors == {"remark": "总体评语最多 1000 个字，现在有 1001 个字。"}


def test_the_grade_offered(town):
    settings.put({"three_grades": True})
    with pytest.raises(FormErrors) as err:
        scoring.enter(YEAR, member_id=town["ids"]["王建国"], grade="基本合格")
    assert err.value.errors == {"grade": "考核等次“基本合格”不在可选范围内，请从下拉列表中选择（优秀、合格、不合格）。"}


def test_who_graded_and_when(town):
    wang = town["ids"]["王建国"]
    row = scoring.enter(YEAR, member_id=wang, grade="优秀", by="李书记", on="2025-12-20")
    assert (row.graded_on, row.graded_by) == (dt.date(2025, 12, 20), "李书记")
    settings.put({"clerk_name": "王文书"})
    before = dt.date.today()
    scoring.enter(YEAR, member_id=wang, grade="合格")
    got = scoring.entry(YEAR, member_id=wang)
    assert got.graded_by == "王文书" and before <= got.graded_on <= dt.date.today()
    scoring.enter(YEAR, member_id=wang, grade="", on="2025-12-21")  # cleared: nobody graded
    got = scoring.entry(YEAR, member_id=wang)
    assert (got.grade, got.graded_on, got.graded_by) == ("", None, "")
    stored = Assessment.get_by_id(row.id)
    assert stored.updated_at.microsecond == 0


def test_who_and_when_are_checked(town):
    wang = town["ids"]["王建国"]
    scoring.enter(YEAR, member_id=wang, grade="优秀", by="李" * 60)
    assert scoring.entry(YEAR, member_id=wang).graded_by == "李" * 60
    with pytest.raises(FormErrors) as err:
        scoring.enter(YEAR, member_id=wang, grade="优秀", by="李" * 61, on="2025-13-45")
    assert err.value.errors == {
        "by": "评定人最多 60 个字，现在有 61 个字。",
        "on": "评定日期“2025-13-45”不是有效日期（没有 13 月），请按 1985-07-01 的格式填写"}


def test_each_entry_leaves_an_audit_line(town):
    wang = town["ids"]["王建国"]
    row = scoring.enter(YEAR, member_id=wang, grade="优秀", scores={"带头遵纪守法": 9, "带头弘扬正气": 8})
    _at, _user, action, entity, entity_id, summary = audit.recent(1)[0]
    assert (action, entity, entity_id, summary) == ("修改", "年度考核", row.id, "2025年 王建国 等次：优秀 评分 2 项")
    scoring.enter(YEAR, member_id=wang, remark="作风扎实")
    assert audit.recent(1)[0][5] == "2025年 王建国"
    scoring.enter(YEAR, org_id=town["org"], scores={"领导班子好": 8})
    assert audit.recent(1)[0][5] == "2025年 东风村党支部 评分 1 项"


def test_the_committees_grade_follows_a_member_who_moves(town, branch):
    """王建国 is graded 不合格 in 东风村, then moves to 红旗村 (本镇转接): the grade still shuts
    him out there, in 红旗村's own summary and when a nomination asks (it did not: the entry
    was looked up under the branch he had left)."""
    wang = town["ids"]["王建国"]
    hongqi = other_branch(branch)
    scoring.enter(YEAR, member_id=wang, grade="不合格", scores={"带头遵纪守法": 6})
    members.record_event(wang, "本镇转接", "2025-12-01", "随家迁居", to_org_id=hongqi.id)
    blocked = ("考核等次定为“不合格”，不能评为优秀共产党员。",)
    assert scoring.summary(YEAR).candidate(member_id=wang).exclusions[MEMBER_TITLE] == blocked
    assert scoring.summary(YEAR, hongqi.id).candidate(member_id=wang).exclusions[MEMBER_TITLE] == blocked
    assert scoring.exclusions_for(YEAR, MEMBER_TITLE, member_id=wang) == blocked
    moved = scoring.entries(YEAR, [hongqi.id])[("member", wang)]
    assert (moved.grade, moved.scores) == ("不合格", {"带头遵纪守法": (6.0, "")})
    there = scoring.summary(YEAR, hongqi.id).candidate(member_id=wang)
    assert there.score == 6.0 and there.no_data  # his 东风村 records stay on 东风村's ledger


def test_dimensions_as_an_older_version_stored_them(town):
    """Settings saved before a "none" figure forced its computed share to 0 still carry one
    (带头遵纪守法: 15 points, share 0.6 beside "none"): the form takes the full 15, as the
    score counts them."""
    import json

    from models.store.tables import Setting

    stored = {**MEMBER_DIMS, "带头遵纪守法": {"points": 15, "computed_share": 0.6, "figure": "none"}}
    Setting.insert(key="assessment_member_dimensions", value=json.dumps(stored, ensure_ascii=False)
                   ).on_conflict_replace().execute()
    wang = town["ids"]["王建国"]
    scoring.enter(YEAR, member_id=wang, scores={"带头遵纪守法": 15})
    law = {d.dimension: d for d in scoring.summary(YEAR).candidate(member_id=wang).dimensions}["带头遵纪守法"]
    assert (law.computed_max, law.entered_max, law.entered, law.total) == (0.0, 15.0, 15.0, 15.0)


def test_a_member_gone_from_every_ledger_is_refused_for_it(town):
    """赵敏 left with no record of the year: no ledger names her, and the nomination is refused."""
    zhao = add_members(town["org"], ["赵敏"])["赵敏"]
    members.record_event(zhao, "转出", "2025-12-01", "转往县城")
    assert scoring.exclusions_for(YEAR, MEMBER_TITLE, member_id=zhao) == (OFF_ROLL,)
