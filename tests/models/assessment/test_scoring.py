"""年度考核: scores against hand arithmetic, grade lines, settings checks, every hard rule,
and `main.py assess`."""
import subprocess
import sys
from pathlib import Path

import pytest

from models.assessment import report as assessment_text
from models.assessment import scoring as assessment
from models.assessment.scoring import MEMBER_TITLE, ORG_TITLE, WORKER_TITLE, suggest_grade
from models.campaign import pledges
from models.config import settings
from models.errors import FormErrors, ValidationError
from models.roster import members
from models.store.tables import PledgeItem
from tests.models.township import YEAR, add_members, build_town, pledge

ROOT = Path(__file__).resolve().parents[3]

MEMBER_DIMS = {
    "带头学习提高": {"points": 30, "computed_share": 1, "figure": "attendance_rate"},
    "带头争创佳绩": {"points": 20, "computed_share": 0.5, "figure": "pledge_fulfilment"},
    "带头服务群众": {"points": 20, "computed_share": 0.25, "figure": "mass_satisfaction"},
    "带头遵纪守法": {"points": 15, "computed_share": 0, "figure": "none"},
    "带头弘扬正气": {"points": 15, "computed_share": 0.6, "figure": "mutual_score"},
}


@pytest.fixture
def town(branch):
    return build_town(branch.id)


def _member(summary, member_id):
    return summary.candidate(member_id=member_id)


def test_member_score_by_hand(town):
    settings.put({"assessment_member_dimensions": MEMBER_DIMS})
    wang = town["ids"]["王建国"]
    c = _member(assessment.summary(YEAR), wang)
    by = {d.dimension: d for d in c.dimensions}
    assert by["带头学习提高"].computed == 30  # attendance 2/2 × 30 × 100%
    assert by["带头争创佳绩"].computed == 3.33  # pledges 1/3 × 20 × 50%
    assert by["带头服务群众"].computed == 4.5  # 群众评议 9/10 × 20 × 25%
    assert by["带头遵纪守法"].computed == 0 and by["带头遵纪守法"].entered_max == 15
    assert by["带头弘扬正气"].computed == 8.28  # (3×100 + 2×80) / 500 = 92% × 15 × 60%
    assert by["带头争创佳绩"].sources.pledge_item_ids == tuple(town["items"])
    assert by["带头弘扬正气"].sources.review_ids == (town["q1"], town["q2"])
    assert c.score == 46.11 and c.full_marks == 100
    assert round(c.percent, 2) == 85.39  # 46.11 of the 54 computed points so far
    assert c.attainable == 54 and assessment_text.score_text(c) == "总分 46.11 / 应得分 54.00（得分率 85.3%）"
    assert not c.complete and c.suggested == "合格"

    assessment.enter(YEAR, member_id=wang, scores={"带头争创佳绩": 9, "带头服务群众": "14", "带头遵纪守法": "１５",
                                                   "带头弘扬正气": 6}, remarks={"带头服务群众": "常年帮扶孤寡老人"})
    c = _member(assessment.summary(YEAR), wang)
    assert c.complete and c.score == 90.11 and round(c.percent, 2) == 90.11 and c.attainable == 100
    assert assessment_text.shortfall_text(c) == ""  # all entered, every figure has data
    assert c.suggested == "优秀" and c.grade == ""  # the committee grades, the score only suggests
    assert {d.dimension: d.remark for d in c.dimensions}["带头服务群众"] == "常年帮扶孤寡老人"
    # 李红 (see test_missing_figures_leave_the_attainable_points) is at 96.31% on less data
    assert c.rank == 2 and c.missing == ()


def test_entered_scores_are_checked(town):
    settings.put({"assessment_member_dimensions": MEMBER_DIMS})
    wang = town["ids"]["王建国"]
    with pytest.raises(FormErrors) as info:
        assessment.enter(YEAR, member_id=wang, scores={"带头争创佳绩": 10.5, "带头学习提高": 1, "带头致富": 3,
                                                       "带头服务群众": "很好"})
    errors = info.value.errors
    assert "0 到 10 分" in errors["scores.带头争创佳绩"]
    assert "全部由台账计算" in errors["scores.带头学习提高"]
    assert "不是" in errors["scores.带头致富"]
    assert "应是数字" in errors["scores.带头服务群众"]
    assert assessment.entry(YEAR, member_id=wang).scores == {}  # nothing half-saved
    with pytest.raises(ValidationError, match="请选择一个考核对象：一个党组织或一名党员。"):
        assessment.enter(YEAR, org_id=town["org"], member_id=wang, grade="合格")
    # a score can be cleared again
    assessment.enter(YEAR, member_id=wang, scores={"带头争创佳绩": 8})
    assessment.enter(YEAR, member_id=wang, scores={"带头争创佳绩": ""})
    assert assessment.entry(YEAR, member_id=wang).scores["带头争创佳绩"][0] is None


def test_org_score_by_hand_with_default_weights(town):
    c = assessment.summary(YEAR).candidate(org_id=town["org"])
    by = {d.dimension: d.computed for d in c.dimensions}
    assert by == {"领导班子好": 5.0,  # 2 of 4 meetings × 10
                  "党员队伍好": 7.5,  # 3 of 4 members 合格 or better × 10
                  "工作机制好": 7.5,  # attendance 6/8 × 10
                  "工作业绩好": 5.0,  # pledge items 2/4 × 10
                  "群众反映好": 8.8}  # 44/50 × 10
    assert c.score == 33.8 and round(c.percent, 1) == 67.6 and c.suggested == "基本合格"
    assessment.enter(YEAR, org_id=town["org"], scores={d: 8 for d in by}, grade="合格", remark="班子团结")
    c = assessment.summary(YEAR).candidate(org_id=town["org"])
    assert c.score == 73.8 and c.suggested == "基本合格" and c.grade == "合格" and c.remark == "班子团结"


def test_missing_figures_leave_the_attainable_points(town):
    """李红 has no pledge and no 群众评议 votes: those computed parts (10 + 5 points) are left
    out instead of scoring 0, and she is marked 数据不全."""
    settings.put({"assessment_member_dimensions": MEMBER_DIMS})
    s = assessment.summary(YEAR)
    li = _member(s, town["ids"]["李红"])
    by = {d.dimension: d for d in li.dimensions}
    assert by["带头学习提高"].computed == 30  # attendance 2/2 × 30
    assert by["带头弘扬正气"].computed == 7.56  # (1×100 + 4×80) / 500 = 84% × 9
    assert by["带头争创佳绩"].missing and by["带头服务群众"].missing
    assert by["带头争创佳绩"].computed == 0 and not by["带头学习提高"].missing
    assert not by["带头遵纪守法"].missing  # all entered: nothing to compute, nothing missing
    assert li.score == 37.56
    assert round(li.percent, 2) == 96.31  # 37.56 of 30 + 9 attainable, not of 54 (69.56%)
    assert li.attainable == 39
    assert assessment_text.shortfall_text(li) == ("满分 100.00 分，其中考核小组评分未录的 46.00 分、"
                                                  "数据不全的 15.00 分不计入应得分")
    assert li.suggested == "优秀" and not li.no_data
    assert [d.dimension for d in li.missing] == ["带头争创佳绩", "带头服务群众"]
    assert li.missing_figures == ("承诺兑现率", "群众评议满意率（党员和群众合计）")
    (note,) = li.notes
    assert note == ("数据不全：台账中没有“承诺兑现率”、“群众评议满意率（党员和群众合计）”的数据，"
                    "带头争创佳绩、带头服务群众的台账计算部分（共 15 分）不计入应得分，得分率按其余各项折算。")
    zhang = _member(s, town["ids"]["张伟"])  # attendance 1/2 × 30 = 15; (3×80 + 60) / 500 × 9 = 5.4
    assert zhang.score == 20.4 and round(zhang.percent, 2) == 52.31 and zhang.suggested == "不合格"
    # an entered score on a dimension with missing data counts as entered
    assessment.enter(YEAR, member_id=town["ids"]["李红"], scores={"带头服务群众": 12})
    li = _member(assessment.summary(YEAR), town["ids"]["李红"])
    assert li.score == 49.56 and round(li.percent, 2) == round(49.56 / 54 * 100, 2)  # 39 + 15 entered
    assert li.attainable == 54


def test_no_ledger_data_suggests_no_grade(town):
    """A member on the roll with no record this year: nothing to compute, no grade suggested."""
    new = add_members(town["org"], ["赵敏"])["赵敏"]
    s = assessment.summary(YEAR)
    c = _member(s, new)
    assert c.no_data and c.percent is None and c.suggested is None and c.score == 0
    assert len(c.missing) == 5
    assert c.notes[0].startswith("数据不全：台账中没有“评议会出席率”、“承诺兑现率”")
    assert c.notes[0].endswith("无法按台账计分，不给出建议等次。")
    assert c.rank == len(s.members)  # no score ranks last
    # entered scores alone do not make a suggestion: no figure of the ledger backs them
    assessment.enter(YEAR, member_id=new, scores={d: 10 for d in ("带头学习提高", "带头争创佳绩", "带头服务群众",
                                                                 "带头遵纪守法", "带头弘扬正气")})
    c = _member(assessment.summary(YEAR), new)
    assert c.score == 50 and c.percent == 100 and c.suggested is None and c.no_data
    text = "\n".join(assessment_text.summary_lines(assessment.summary(YEAR)))
    assert ("赵敏（东风村党支部）：总分 50.00 / 应得分 50.00（得分率 100.0%）；满分 100.00 分，"  # all entered
            "其中数据不全的 50.00 分不计入应得分；建议等次：数据不全；评定等次：未评定；数据不全") in text


def test_org_without_mass_votes_is_not_dragged_down(branch):
    """An organization with meetings but no 群众评议 at all: 群众反映好's computed part (10) and the
    ⅓-cap and mutual figures without ballots are left out."""
    from tests.models.township import review

    ids = add_members(branch.id, ["周强", "吴兰"])
    review(branch.id, 1, attendance={ids["周强"]: "出席", ids["吴兰"]: "出席"})
    review(branch.id, 2, attendance={ids["周强"]: "出席", ids["吴兰"]: "缺席"})
    c = assessment.summary(YEAR).candidate(org_id=branch.id)
    by = {d.dimension: d for d in c.dimensions}
    assert by["领导班子好"].computed == 5  # 2 of 4 meetings × 10
    assert by["工作机制好"].computed == 7.5  # attendance 3/4 × 10
    assert {d.dimension for d in c.missing} == {"党员队伍好", "工作业绩好", "群众反映好"}
    assert c.score == 12.5 and round(c.percent, 1) == 62.5  # of 20 attainable, not 50 (25%)
    assert c.suggested == "基本合格"


def test_grade_lines():
    th = {"优秀": 90, "合格": 75, "基本合格": 60}
    assert [suggest_grade(p, th) for p in (100, 90, 89.99, 75, 74.9, 60, 59.99, 0)] == [
        "优秀", "优秀", "合格", "合格", "基本合格", "基本合格", "不合格", "不合格"]
    assert suggest_grade(65, th, three_grades=True) == "合格"
    assert suggest_grade(None, th) is None


def test_settings_are_validated(db):
    bad_names = {k: v for k, v in MEMBER_DIMS.items() if k != "带头弘扬正气"}
    with pytest.raises(ValidationError, match="五带头"):
        settings.put({"assessment_member_dimensions": bad_names})
    with pytest.raises(ValidationError, match="0 到 1"):
        settings.put({"assessment_member_dimensions": {**MEMBER_DIMS, "带头学习提高": {
            "points": 30, "computed_share": 1.5, "figure": "attendance_rate"}}})
    with pytest.raises(ValidationError, match="计算依据"):
        settings.put({"assessment_org_dimensions": {
            d: {"points": 20, "computed_share": 0.5, "figure": "x"}
            for d in ("领导班子好", "党员队伍好", "工作机制好", "工作业绩好", "群众反映好")}})
    with pytest.raises(ValidationError, match="从高到低"):
        settings.put({"assessment_grade_thresholds": {"优秀": 70, "合格": 75, "基本合格": 60}})
    with pytest.raises(ValidationError, match=r"\{序号\}"):
        settings.put({"certificate_number_formats": {"基层党委": "先锋〔{year}〕号", "市委": "市〔{year}〕{n}号"}})
    with pytest.raises(ValidationError, match="满意率门槛只能按“合计”（党员和群众一起）或“群"):
        settings.put({"satisfaction_gate_group": "党员"})
    with pytest.raises(ValidationError, match="市委表彰周期应为 1 到 5 年。"):
        settings.put({"city_award_cycle": 0})
    settings.put({"assessment_member_dimensions": MEMBER_DIMS, "city_award_cycle": "3"})
    assert settings.get("assessment_member_dimensions")["带头遵纪守法"]["figure"] == "none"
    assert settings.get("city_award_cycle") == 3


# ------------------------------------------------------------------ hard rules

def test_org_below_the_satisfaction_threshold_cannot_be_advanced(town):
    c = assessment.summary(YEAR).candidate(org_id=town["org"])
    (reason,) = c.exclusions[ORG_TITLE]
    assert "88.0%" in reason and "低于 90% 的门槛" in reason and "44/50" in reason
    assert not c.eligible(ORG_TITLE)
    settings.put({"satisfaction_threshold": 0.85})
    assert assessment.summary(YEAR).candidate(org_id=town["org"]).eligible(ORG_TITLE)
    settings.put({"satisfaction_gate_group": "群众"})  # 群众 alone: 25/30 = 83.3%
    (reason,) = assessment.summary(YEAR).candidate(org_id=town["org"]).exclusions[ORG_TITLE]
    assert "群众评议满意率（群众）为 83.3%" in reason


def test_org_without_votes_or_graded_low_cannot_be_advanced(branch):
    from tests.models.township import review

    ids = add_members(branch.id, ["周强"])
    review(branch.id, 1, attendance={ids["周强"]: "出席"})
    c = assessment.summary(YEAR).candidate(org_id=branch.id)
    assert "没有群众评议票数" in c.exclusions[ORG_TITLE][0]
    settings.put({"satisfaction_threshold": 0.5})
    assessment.enter(YEAR, org_id=branch.id, grade="不合格")
    reasons = assessment.summary(YEAR).candidate(org_id=branch.id).exclusions[ORG_TITLE]
    assert any("考核等次定为“不合格”" in r for r in reasons)


def test_member_rules(town):
    ids = town["ids"]
    s = assessment.summary(YEAR)
    assert _member(s, ids["王建国"]).eligible(MEMBER_TITLE)
    # 党员互评 不合格
    (reason,) = _member(s, ids["刘芳"]).exclusions[MEMBER_TITLE]
    assert "党员互评结果为“不合格”（不合格 4 票，占 80.0%）" in reason
    # the committee's grade 不合格
    assessment.enter(YEAR, member_id=ids["李红"], grade="不合格")
    assert "考核等次定为“不合格”" in _member(assessment.summary(YEAR), ids["李红"]).exclusions[MEMBER_TITLE][0]


def test_unfulfilled_pledge_without_reason(town):
    zhang = town["ids"]["张伟"]
    (item,) = pledge(town["org"], zhang, ["2025-08-31"])
    pledges.record_fulfilment(item, "未兑现", reason="雨季推迟")
    assert _member(assessment.summary(YEAR), zhang).eligible(MEMBER_TITLE)
    PledgeItem.update(reason="").where(PledgeItem.id == item).execute()  # as an old import left it
    (reason,) = _member(assessment.summary(YEAR), zhang).exclusions[MEMBER_TITLE]
    assert "承诺事项第 1 项" in reason and "没有说明原因" in reason


@pytest.mark.parametrize("state", ["草稿", "退回"])
def test_unfulfilled_item_of_an_unapproved_pledge_does_not_block(town, state):
    """Only approved pledges count toward the 兑现率, so only they can shut a member out."""
    zhang = town["ids"]["张伟"]
    p = pledges.save_draft(town["org"], zhang, YEAR, [{"content": "修好村东水渠", "deadline": "2025-08-31"}])
    pledges.approve(p.id, "2025-03-10")
    (item,) = [i.id for i in pledges.items_of(p.id)]
    pledges.record_fulfilment(item, "未兑现", reason="雨季推迟")
    PledgeItem.update(reason="").where(PledgeItem.id == item).execute()  # as an old import left it
    assert not _member(assessment.summary(YEAR), zhang).eligible(MEMBER_TITLE)
    pledges.send_back(p.id, "承诺内容要再具体些")
    if state == "草稿":
        pledges.resubmit(p.id)
    assert pledges.get(p.id).state == state
    c = _member(assessment.summary(YEAR), zhang)
    assert c.eligible(MEMBER_TITLE), c.exclusions[MEMBER_TITLE]
    tally = assessment.summary(YEAR).ledgers[town["org"]].member(zhang).pledge
    assert tally.unfulfilled == () and tally.due == 0 and tally.items == 0


def _warnings(s) -> dict:
    """Per branch over the cap, the sentence the page, the detail and `assess` show."""
    return {cap.org_id: (cap.message,) for cap in s.cap_breaches}


def _caps(town_org):
    s = assessment.summary(YEAR)
    return s, s.caps[town_org]


def test_excellent_cap_on_the_committees_grades(town, branch):
    """Default weights: suggested 王建国 合格 (83.06%), 李红 优秀 (28.4 of 30 = 94.67%), 张伟 基本合格,
    刘芳 不合格; 4 members on the roll, ⅓ of 4 allows 1 优秀."""
    org = town["org"]
    ids = town["ids"]
    s, cap = _caps(org)
    assert [_member(s, ids[n]).suggested for n in ("王建国", "李红", "张伟", "刘芳")] == [
        "合格", "优秀", "基本合格", "不合格"]
    assert (cap.members, cap.allowed, cap.entered, cap.suggested, cap.broken) == (4, 1, 0, 1, False)
    assert _warnings(s) == {}
    # the committee grades 王建国 优秀 while 李红, not yet graded, is suggested 优秀: 2 > 1
    assessment.enter(YEAR, member_id=ids["王建国"], grade="优秀")
    s, cap = _caps(org)
    assert (cap.entered, cap.suggested, cap.excellent, cap.broken) == (1, 1, 2, True)
    assert _warnings(s) == {org: (
        "优秀比例超限：东风村党支部在册党员 4 名，按三分之一的比例最多评 1 名优秀，现有考核小组评定为优秀 1 名、"
        "尚未评定、建议等次为优秀 1 名，共 2 名，超出 1 名。",)}
    # grading 李红 合格 settles it; grading her 优秀 instead is the committee's own breach
    assessment.enter(YEAR, member_id=ids["李红"], grade="合格")
    assert _warnings(_caps(org)[0]) == {}
    assessment.enter(YEAR, member_id=ids["李红"], grade="优秀")
    s, cap = _caps(org)
    assert (cap.entered, cap.suggested, cap.broken) == (2, 0, True)
    assert "现有考核小组评定为优秀 2 名，共 2 名，超出 1 名。" in _warnings(s)[org][0]
    # 6 members: ⅓ allows 2 (the two new members have no data and no suggestion)
    add_members(org, ["赵敏", "钱进"])
    s, cap = _caps(org)
    assert (cap.members, cap.allowed, cap.excellent, cap.broken) == (6, 2, 2, False)
    # the cap is a setting: 30% of 6 allows 1
    settings.put({"excellent_cap": 0.3})
    s, cap = _caps(org)
    assert cap.allowed == 1 and cap.broken and "按30%的比例最多评 1 名优秀" in cap.message
    text = "\n".join(assessment_text.summary_lines(s))
    assert "优秀比例检查（每个党组织评为优秀的党员不超过30%" in text
    assert "  优秀比例超限：东风村党支部在册党员 6 名" in text


def test_excellent_cap_is_per_branch(town, branch):
    """Another branch's members neither share nor lift the cap of 东风村."""
    from models.roster import organizations

    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部",
                                "parent_id": branch.parent_id})
    add_members(other.id, ["孙海", "周强", "吴兰", "郑伟", "冯丽", "陈晨"])
    ids = town["ids"]
    assessment.enter(YEAR, member_id=ids["王建国"], grade="优秀")
    s = assessment.summary(YEAR)
    assert set(_warnings(s)) == {town["org"]}
    assert (s.caps[other.id].members, s.caps[other.id].allowed, s.caps[other.id].broken) == (6, 2, False)
    assert "东风村党支部在册党员 4 名" in _warnings(s)[town["org"]][0]
    assert _warnings(assessment.summary(YEAR, other.id)) == {}  # a scope of one branch checks that one


def test_summary_lines_without_cap_breach(town):
    text = "\n".join(assessment_text.summary_lines(assessment.summary(YEAR)))
    assert "优秀比例检查：各党组织考核小组评定（未评定的按建议等次）为优秀的党员都没有超过三分之一。" in text


def test_party_worker_title_and_roll(town):
    worker = add_members(town["org"], ["赵敏"], workers=("赵敏",))["赵敏"]
    s = assessment.summary(YEAR)
    wang = _member(s, town["ids"]["王建国"])
    assert wang.titles == (MEMBER_TITLE,) and "没有登记为党务工作者" in wang.exclusions[WORKER_TITLE][0]
    zhao = _member(s, worker)
    assert zhao.titles == (MEMBER_TITLE, WORKER_TITLE) and zhao.eligible(WORKER_TITLE)
    assert [c.member_id for c in s.ranked(WORKER_TITLE)] == [worker]
    members.record_event(worker, "转出", "2025-12-01", "转往县城")
    assert _member(assessment.summary(YEAR), worker) is None
    assert "不在本组织名册" in assessment.exclusions_for(YEAR, MEMBER_TITLE, member_id=worker)[0]


def test_three_grade_ballots_refuse_basic(town):
    settings.put({"three_grades": True})
    with pytest.raises(FormErrors) as info:
        assessment.enter(YEAR, member_id=town["ids"]["王建国"], grade="基本合格")
    assert "grade" in info.value.errors
    assessment.enter(YEAR, member_id=town["ids"]["王建国"], grade="合格")


def test_committee_itself_is_not_assessed(town, branch):
    s = assessment.summary(YEAR)
    assert [c.org_id for c in s.organizations] == [town["org"]]
    with pytest.raises(ValidationError, match="不是党委本身"):
        assessment.enter(YEAR, org_id=branch.parent_id, grade="合格")


def test_ranked_puts_the_excluded_last(town):
    ranked = assessment.summary(YEAR).ranked(MEMBER_TITLE)
    assert ranked[-1].name == "刘芳" and not ranked[-1].eligible(MEMBER_TITLE)
    assert all(c.eligible(MEMBER_TITLE) for c in ranked[:-1])


# ------------------------------------------------------------------ printed summary and CLI

def test_summary_lines(town):
    text = "\n".join(assessment_text.summary_lines(assessment.summary(YEAR)))
    assert "2025年度创先争优年度考核汇总" in text and "一、基层党组织（“五个好”，1 个）" in text
    assert "不能评为“先进基层党组织”：群众评议满意率（党员和群众合计）为 88.0%" in text
    assert "刘芳（东风村党支部）：总分 " in text and "其中考核小组评分未录的 " in text


def test_points_and_percent_formats():
    """Points always with two decimals; 得分率 cut to one decimal, so a shown 90.0% is never
    below the 优秀 line at 90% (89.96% rounded would show 90.0% beside 合格)."""
    assert [assessment_text.points_text(v) for v in (43.6, 87.25, 8, 0)] == ["43.60", "87.25", "8.00", "0.00"]
    assert assessment_text.percent_text(89.96) == "89.9%"
    assert assessment.suggest_grade(89.96, {"优秀": 90, "合格": 75, "基本合格": 60}) == "合格"
    assert assessment_text.percent_text(90.0) == "90.0%" and assessment_text.percent_text(87.25) == "87.2%"
    assert assessment_text.percent_text(0.29 * 100) == "29.0%"  # 28.999999999999996: float noise is not cut
    assert assessment_text.percent_text(45.2 / 50 * 100) == "90.4%"
    assert assessment_text.percent_text(None) == "—"


def _run(*args, env_dir):
    import os

    env = dict(os.environ, XIANFENG_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120, check=False)


def test_cli_assess(tmp_path):
    import datetime as dt

    db = tmp_path / "t.db"
    assert _run("--db", str(db), "demo", "--members", "60", env_dir=tmp_path).returncode == 0
    year = str(dt.date.today().year)
    r = _run("--db", str(db), "assess", "--year", year, env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"{year}年度创先争优年度考核汇总" in r.stdout
    assert "一、基层党组织" in r.stdout and "二、党员（“五带头”，60 名）" in r.stdout
    assert "建议等次" in r.stdout
    r = _run("--db", str(db), "assess", "--year", year, "--org", "红旗村党支部", env_dir=tmp_path)
    assert r.returncode == 0 and "一、基层党组织（“五个好”，1 个）" in r.stdout and "柳河村" not in r.stdout
    r = _run("--db", str(db), "assess", "--year", year, "--org", "没有这个支部", env_dir=tmp_path)
    assert r.returncode != 0 and "错误：找不到名为“没有这个支部”的组织" in r.stderr
    r = _run("--db", str(db), "assess", env_dir=tmp_path)
    assert r.returncode == 2 and "--year" in r.stderr


def test_cli_assess_while_the_window_has_the_file(town, db_path, tmp_path):
    """This process holds the writer's lock, as an open window would: assess reads anyway."""
    r = _run("--db", str(db_path), "assess", "--year", str(YEAR), env_dir=tmp_path / "data")
    assert r.returncode == 0, r.stderr
    assert "东风村党支部：总分 33.80 / 应得分 " in r.stdout and "王建国（东风村党支部）" in r.stdout
