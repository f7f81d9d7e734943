"""The committee's home page and the figures reported upward."""
import datetime as dt

import pytest

from models import overview
from models.assessment import scoring as assessment
from models.campaign import pledges
from models.commendation import nominations as cm
from models.config import settings
from models.roster import organizations
from tests.models.township import YEAR, add_members, build_town

D = dt.date


@pytest.fixture
def town(branch):
    return build_town(branch.id)


def test_missing_reviews_this_quarter_and_last(town, branch):
    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部",
                                "parent_id": branch.parent_id})
    add_members(other.id, ["孙海"])
    organizations.save({"name": "中共柳河村支部委员会", "short_name": "柳河村党支部", "parent_id": branch.parent_id})
    late = overview.overview(today=D(YEAR, 11, 20))  # Q3 can no longer be recorded late
    assert late.quarter_label == "2025年第四季度"
    assert [(m.org_name, m.quarter) for m in late.missing_reviews] == [("东风村党支部", 4), ("红旗村党支部", 4)]
    assert late.missing_reviews[0].last_review == D(YEAR, 5, 15)
    assert late.missing_reviews[1].last_review is None
    early = overview.overview(today=D(YEAR, 10, 20))  # Q3 still may be, so it is listed first
    assert [(m.org_name, m.quarter_label) for m in early.missing_reviews][:2] == [
        ("东风村党支部", "2025年第三季度"), ("红旗村党支部", "2025年第三季度")]
    assert len(early.missing_reviews) == 4
    held = overview.overview(today=D(YEAR, 5, 20), org_id=branch.id)  # Q1 and Q2 are held
    assert held.missing_reviews == ()
    # an organization without members and the committee itself are not chased
    assert {m.org_name for m in early.missing_reviews} == {"东风村党支部", "红旗村党支部"}


def test_overdue_pledge_items(town):
    li = town["ids"]["李红"]
    pledges.save_draft(town["org"], li, YEAR, [{"content": "修好村东水渠", "deadline": "2025-06-30"}])  # a draft
    assert overview.overview(today=D(YEAR, 12, 31)).overdue_items == ()  # due today is not late yet
    (item,) = overview.overview(today=D(YEAR + 1, 1, 5)).overdue_items
    assert (item.item_id, item.who, item.org_name, item.seq, item.days_overdue, item.state) == (
        town["items"][2], "王建国", "东风村党支部", 3, 5, "进行中")
    assert item.deadline == D(YEAR, 12, 31)


def test_running_notices(town):
    (notice,) = overview.overview(today=D(YEAR, 3, 18)).notices
    assert (notice.kind, notice.org_name, notice.count) == ("党员公开承诺公示", "东风村党支部", 2)
    assert (notice.start, notice.end) == (D(YEAR, 3, 15), D(YEAR, 3, 21))
    assert overview.overview(today=D(YEAR, 3, 22)).notices == ()
    settings.put({"satisfaction_threshold": 0.85})
    n = cm.propose(YEAR, "先进基层党组织", org_id=town["org"], on="2026-06-01")
    cm.review(YEAR, "先进基层党组织", [n.id], on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    (notice,) = overview.overview(today=D(2026, 6, 22)).notices
    assert (notice.kind, notice.org_name, notice.count) == ("拟表彰对象公示", "中共先锋镇委员会", 1)
    assert overview.overview(today=D(2026, 6, 22)).waiting["待决定"] == 1


def test_appraisal_stats_rows(town):
    """Only the committee's grades are reported by grade; 互评 alone is 尚未评定."""
    ids = town["ids"]
    zhao = add_members(town["org"], ["赵敏"])["赵敏"]  # on the roll, not appraised this year
    sheet = overview.appraisal_stats(YEAR)
    assert sheet.headers == ("单位", "应参加评议党员数", "实际参加评议党员数", "评为优秀", "评为合格",
                             "评为基本合格", "评为不合格", "尚未评定")
    # 4 rated by their peers (王建国 优秀, 李红 and 张伟 合格, 刘芳 不合格), none graded by the committee
    assert sheet.rows == [("东风村党支部", 5, 4, 0, 0, 0, 0, 4), ("合计", 5, 4, 0, 0, 0, 0, 4)]
    assessment.enter(YEAR, member_id=ids["刘芳"], grade="基本合格")  # 组织评定, not the 互评 不合格
    assessment.enter(YEAR, member_id=ids["王建国"], grade="合格")
    assessment.enter(YEAR, member_id=ids["李红"], remark="表现良好")  # a remark is not a grade
    assert overview.appraisal_stats(YEAR).rows[0] == ("东风村党支部", 5, 4, 0, 1, 1, 0, 2)
    assessment.enter(YEAR, member_id=zhao, grade="优秀")  # graded without a 互评 vote: appraised
    assert overview.appraisal_stats(YEAR).rows[-1] == ("合计", 5, 5, 1, 1, 1, 0, 2)
    assert sheet.as_lists()[0][0] == "单位" and len(sheet.as_lists()) == 3


def test_waiting_is_scoped_by_year_and_organization(town, branch):
    """待评定 and the nomination steps count the assessment year's items in scope only."""
    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部",
                                "parent_id": branch.parent_id})
    sun = add_members(other.id, ["孙海"])["孙海"]
    organizations.save({"name": "中共柳河村支部委员会", "short_name": "柳河村党支部",  # nobody to assess
                        "parent_id": branch.parent_id})
    settings.put({"satisfaction_threshold": 0.85})
    ids = town["ids"]
    jan = D(YEAR + 1, 1, 5)  # early next year: the 2025 assessment is under way
    o = overview.overview(today=jan)
    assert o.assessment_year == YEAR
    assert overview.assessment_year(D(YEAR, 11, 28)) == YEAR  # the year-end assessment is prepared
    assert overview.assessment_year(D(YEAR + 1, 7, 1)) == YEAR  # commended around the next 七一
    assert o.waiting == {"待评定（党组织）": 2, "待评定（党员）": 5, "待审核": 0, "待决定": 0, "待发证": 0,
                         "已退回待重新推荐": 0}
    assessment.enter(YEAR, org_id=town["org"], grade="合格")
    assessment.enter(YEAR, member_id=ids["王建国"], grade="优秀")
    assessment.enter(YEAR, member_id=ids["李红"], remark="还要再议")  # entered but not graded
    assessment.enter(YEAR - 1, member_id=sun, grade="合格")  # another year's grade
    w = overview.overview(today=jan).waiting
    assert (w["待评定（党组织）"], w["待评定（党员）"]) == (1, 4)
    scoped = overview.overview(today=jan, org_id=town["org"]).waiting
    assert (scoped["待评定（党组织）"], scoped["待评定（党员）"]) == (0, 3)
    # nominations: one of this year in 东风村, an old send-back of last year, one in 红旗村
    march = D(YEAR, 3, 1)
    assert overview.assessment_year(march) == YEAR - 1  # the last year's commendations still to come
    n = cm.propose(YEAR, "优秀共产党员", member_id=ids["王建国"])
    assert overview.assessment_year(march) == YEAR  # the committee has begun nominating for this one
    assert overview.assessment_year(march, [other.id]) == YEAR - 1  # not in 红旗村 yet
    old = cm.propose(YEAR - 1, "优秀共产党员", member_id=ids["张伟"])
    cm.send_back(old.id, "事迹材料不全")
    cm.propose(YEAR, "优秀共产党员", member_id=sun)
    w = overview.overview(today=jan).waiting
    assert (w["待审核"], w["已退回待重新推荐"]) == (2, 0)
    w = overview.overview(today=jan, org_id=town["org"]).waiting
    assert (w["待审核"], w["已退回待重新推荐"]) == (1, 0)
    w = overview.overview(today=jan, org_id=town["org"], year=YEAR - 1).waiting
    assert (w["待审核"], w["已退回待重新推荐"], w["待评定（党员）"]) == (0, 1, 4)
    cm.review(YEAR, "优秀共产党员", [n.id])
    assert overview.overview(today=jan, org_id=other.id).waiting["待决定"] == 0
    assert overview.overview(today=jan, org_id=town["org"]).waiting["待决定"] == 1


def test_honours_stats_rows(town):
    ids = town["ids"]
    cm.add_award(YEAR, "先进基层党组织", org_id=town["org"], decided_on="2026-06-28")
    cm.add_award(YEAR, "优秀共产党员", member_id=ids["王建国"], decided_on="2026-06-28")
    cm.add_award(YEAR, "优秀共产党员", member_id=ids["李红"], decided_on="2026-06-28")
    cm.add_award(YEAR, "优秀共产党员", member_id=ids["王建国"], level="市委", decided_on="2026-06-30")
    cm.add_award(YEAR - 1, "优秀党务工作者", member_id=ids["张伟"], decided_on="2025-06-28")  # another year
    sheet = overview.honours_stats(YEAR)
    assert sheet.headers == ("表彰类别", "基层党委表彰", "市委表彰", "合计")
    assert sheet.rows == [("先进基层党组织", 1, 0, 1), ("优秀共产党员", 2, 1, 3), ("优秀党务工作者", 0, 0, 0),
                          ("合计", 3, 1, 4)]


def test_an_organization_whose_only_member_is_suspended_is_not_chased(town, branch):
    """No one there is expected at a meeting (the review dialog says so), so no meeting is missing;
    the member is 在册 with 党籍 stopped on the form, which `roll_status == "在册"` alone let through."""
    from models.roster import members
    from tests.helpers import make_id, member_data

    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部",
                                "parent_id": branch.parent_id})
    members.save(member_data(other.id, name="孙海", id_number=make_id("19800101", "901"), mobile="13912349901",
                             party_status="停止党籍"))
    late = overview.overview(today=D(YEAR, 11, 20))
    assert [m.org_name for m in late.missing_reviews] == ["东风村党支部"]
