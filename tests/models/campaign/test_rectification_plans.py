"""整改通知 and 实施方案/年度计划: saved as the clerk typed them, reopened, audited, listed."""
from __future__ import annotations

import datetime as dt

import pytest

from models.campaign import plans, rectification
from models.campaign.plans import PlanInput, ScheduleRow
from models.errors import FormErrors, ValidationError
from models.roster import organizations
from models.safety import opening
from models.store import audit
from models.store import db as dbmod
from tests.models.township import add_members


def _notice(org_id: int, deadline: str = "2026-05-20") -> int:
    return rectification.issue(org_id, {"issued_on": "2026-04-20", "deadline": deadline,
                                        "problems": "一季度评议未开展群众评议", "requirement": "补开群众评议"}).id


def test_notice_issued_then_done_survives_reopening(branch, db_path):
    nid = _notice(branch.id)
    rectification.mark_done(nid, "2026-05-12", "已补开群众评议")
    dbmod.close()
    opening.connect(db_path)
    row = rectification.get(nid)
    assert (row.state, row.done_on, row.remarks) == ("已整改", dt.date(2026, 5, 12), "已补开群众评议")
    assert row.issuer == "中共先锋镇委员会" and row.year == 2026
    assert [r[2] for r in audit.recent(5)][:2] == ["状态变更", "新增"]


def test_notice_rules(branch):
    top = organizations.get(branch.parent_id)
    with pytest.raises(ValidationError):
        _notice(top.id)  # the committee does not notify itself
    with pytest.raises(FormErrors) as err:
        rectification.issue(branch.id, {"issued_on": "2026-04-20", "deadline": "2026-04-01", "problems": "x"})
    assert "deadline" in err.value.errors
    with pytest.raises(FormErrors) as err:
        rectification.issue(branch.id, {"issued_on": "2026-04-20", "deadline": "2026-05-01", "problems": " "})
    assert "problems" in err.value.errors
    nid = _notice(branch.id)
    with pytest.raises(ValidationError):
        rectification.mark_done(nid, "2026-04-01")


def test_due_soon_lists_open_notices_near_or_past_deadline(branch):
    late, near, far = (_notice(branch.id, d) for d in ("2026-05-01", "2026-05-25", "2026-08-01"))
    done = _notice(branch.id, "2026-05-02")
    rectification.mark_done(done, "2026-05-01")
    rows, total = rectification.due_soon(dt.date(2026, 5, 15))
    assert [r.id for r in rows] == [late, near] and total == 2
    rows, total = rectification.due_soon(dt.date(2026, 5, 15), limit=1)
    assert [r.id for r in rows] == [late] and total == 2
    assert far not in [r.id for r in rectification.due_soon(dt.date(2026, 7, 1))[0]]


def test_plan_saved_whole_and_replaced(branch, db_path):
    data = PlanInput("争创五好党支部", "一、抓班子\n二、抓队伍", "党员责任区",
                     [ScheduleRow(3, "组织党员公开承诺", "王支书"), ScheduleRow(14, "二季度评议", ""),
                      ScheduleRow(5, "", "")])  # the empty line is dropped
    plans.save(branch.id, 2026, data)
    dbmod.close()
    opening.connect(db_path)
    loaded = plans.load(branch.id, 2026)
    assert loaded is not None and loaded.rows == data.rows[:2] and loaded.measures == data.measures
    plans.save(branch.id, 2026, PlanInput("新目标", rows=[ScheduleRow(15, "三季度评议", "李红")]))
    loaded = plans.load(branch.id, 2026)
    assert loaded is not None and loaded.goals == "新目标" and [r.content for r in loaded.rows] == ["三季度评议"]
    assert plans.period_label(14) == "第二季度" and plans.period_label(3) == "3月"


def test_plan_rules(branch):
    with pytest.raises(FormErrors) as err:
        plans.save(branch.id, 2026, PlanInput(rows=[ScheduleRow(0, "无月份", "")]))
    assert "rows" in err.value.errors
    with pytest.raises(FormErrors):
        plans.save(branch.id, 2026, PlanInput())  # nothing at all
    assert plans.load(branch.id, 2026) is None


def test_branches_without_a_plan(branch):
    other = organizations.save({"name": "中共西风村支部委员会", "short_name": "西风村党支部", "level": "党支部",
                                "parent_id": branch.parent_id})
    empty = organizations.save({"name": "中共南风村支部委员会", "short_name": "南风村党支部", "level": "党支部",
                                "parent_id": branch.parent_id})
    add_members(branch.id, ["王建国"])
    add_members(other.id, ["李红"])
    assert plans.without_plan(2026) == ([(branch.id, "东风村党支部"), (other.id, "西风村党支部")], 2)
    plans.save(branch.id, 2026, PlanInput("目标"))
    assert plans.without_plan(2026) == ([(other.id, "西风村党支部")], 1)
    assert plans.without_plan(2025)[1] == 2
    assert empty.id not in [i for i, _ in plans.without_plan(2026)[0]]  # no members: nothing asked of it


def test_an_organization_with_a_plan_or_notice_is_not_deleted(branch):
    other = organizations.save({"name": "中共西风村支部委员会", "short_name": "西风村党支部", "level": "党支部",
                                "parent_id": branch.parent_id})
    plans.save(other.id, 2026, PlanInput("目标"))
    with pytest.raises(ValidationError, match="年度计划或整改通知"):
        organizations.delete(other.id)
    _notice(branch.id)
    with pytest.raises(ValidationError, match="年度计划或整改通知"):
        organizations.delete(branch.id)
