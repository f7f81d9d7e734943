import datetime as dt

import pytest

from models.campaign import pledges
from models.errors import FormErrors, ValidationError
from models.roster import members
from models.store.tables import Pledge, PledgeItem
from tests.helpers import member_data

YEAR = 2026


@pytest.fixture
def member(branch):
    return members.save(member_data(branch.id))


def items(*texts):
    return [{"content": t, "deadline": f"{YEAR}-10-30", "standard": "带头服务群众"} for t in texts]


def test_lifecycle(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, items("结对帮扶困难户 1 户", "每月走访 4 户"))
    assert [i.seq for i in pledges.items_of(p.id)] == [1, 2]
    pledges.send_back(p.id, "不够具体")
    assert Pledge.get_by_id(p.id).return_reason == "不够具体"
    with pytest.raises(ValidationError, match="承诺当前是“退回”，不能直接改为“已审定”。"):
        pledges.approve(p.id)  # must be resubmitted first
    pledges.resubmit(p.id)
    pledges.save_draft(branch.id, member.id, YEAR, items("结对帮扶困难户 1 户，年增收 3000 元"), pledge_id=p.id)
    pledges.approve(p.id, "2026-03-10")
    with pytest.raises(ValidationError, match="承诺已已审定，内容不能再改；如需修改，请先退回。"):
        pledges.save_draft(branch.id, member.id, YEAR, items("改内容"), pledge_id=p.id)
    assert pledges.publish_all(branch.id, YEAR, "2026-03-15", "2026-03-21") == 1
    item = pledges.items_of(p.id)[0]
    with pytest.raises(ValidationError) as info:
        pledges.record_fulfilment(item.id, "未兑现")
    assert info.value.field == "reason"
    with pytest.raises(ValidationError, match="第 1 项还没有记录兑现情况，请先记录践诺情况再"):
        pledges.evaluate(p.id, "好")  # item still open
    pledges.record_fulfilment(item.id, "已兑现", progress="已帮扶")
    pledges.evaluate(p.id, "好", "群众满意")
    assert Pledge.get_by_id(p.id).state == "已评诺"
    rows = pledges.list_rows(branch.id, YEAR)
    assert rows[0][1] == member.name and rows[0][4] == 1 and rows[0][5] == 1


def test_draft_rules(branch, member):
    with pytest.raises(FormErrors) as info:
        pledges.save_draft(branch.id, member.id, YEAR, [])
    assert "items" in info.value.errors
    with pytest.raises(FormErrors) as info:
        pledges.save_draft(branch.id, member.id, YEAR, [{"content": "", "deadline": ""},
                                                        {"content": "x", "deadline": "2030-01-01"},
                                                        {"content": "y", "deadline": "2026-05-01", "standard": "乱写"}])
    assert {"items.1", "items.1.deadline", "items.2.deadline", "items.3.standard"} <= set(info.value.errors)
    pledges.save_draft(branch.id, None, YEAR, items("组织承诺：修通村道"))
    pledges.save_draft(branch.id, member.id, YEAR, items("a"))
    with pytest.raises(ValidationError, match="该党员 2026 年度已有承诺，请打开原承诺修改"):
        pledges.save_draft(branch.id, member.id, YEAR, items("again"))  # one pledge a year
    assert Pledge.select().count() == 2 and PledgeItem.select().count() == 2


def test_publish_period_checked(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, items("a"))
    pledges.approve(p.id)
    with pytest.raises(ValidationError, match="公示结束日期不能早于开始日期。"):
        pledges.publish(p.id, "2026-03-21", "2026-03-15")
    pledges.publish(p.id, dt.date(2026, 3, 15), "2026-03-21")
    assert Pledge.get_by_id(p.id).notice_end == dt.date(2026, 3, 21)
