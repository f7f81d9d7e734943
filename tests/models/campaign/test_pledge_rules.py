"""The pledge lifecycle as a table: every state × every action.

An allowed action succeeds and lands in the state the table says; every other one is refused
with the pledge's state named in the message and not one row of the database changed. The
table is written out by hand from the campaign's order (提出 → 审定 or 退回 → 公示 → 践诺 →
评诺), not derived from the code, so widening or narrowing any rule fails here.
"""
import pytest

from models.campaign import pledges
from models.constants import ITEM_STATES, PLEDGE_STATES
from models.errors import ValidationError
from models.roster import members
from models.store.tables import AuditEntry, Pledge, PledgeItem
from tests.helpers import member_data

YEAR = 2026
ITEMS = [{"content": "结对帮扶困难户 1 户", "deadline": f"{YEAR}-10-30", "standard": "带头服务群众"},
         {"content": "每月走访群众 4 户", "deadline": f"{YEAR}-11-30", "standard": ""}]


def _edit(pledge, member):
    pledges.save_draft(pledge.org_id, member.id, YEAR, ITEMS[:1], pledge_id=pledge.id)


def _fulfil(pledge, _member):
    pledges.record_fulfilment(pledge.items[0].id, "已兑现", progress="已帮扶")


# action -> (the states it is allowed from, the state it leaves the pledge in)
TABLE = {
    "审定": (lambda p, m: pledges.approve(p.id, f"{YEAR}-03-10"), {"草稿": "已审定"}),
    "退回": (lambda p, m: pledges.send_back(p.id, "内容不够具体"), {"草稿": "退回", "已审定": "退回"}),
    "重新提交": (lambda p, m: pledges.resubmit(p.id), {"退回": "草稿"}),
    "公示": (lambda p, m: pledges.publish(p.id, f"{YEAR}-03-15", f"{YEAR}-03-21"), {"已审定": "已公示"}),
    "评诺": (lambda p, m: pledges.evaluate(p.id, "好", "群众满意"), {"已公示": "已评诺"}),
    "践诺": (_fulfil, {"已审定": "已审定", "已公示": "已公示"}),
    "修改内容": (_edit, {"草稿": "草稿", "退回": "退回"}),
}


@pytest.fixture
def member(branch):
    return members.save(member_data(branch.id))


def pledge_in(state, branch, member, item_state="已兑现"):
    """A pledge with two items, put straight into `state` (the rules under test are the
    transitions *from* it), its items already in `item_state`."""
    pledge = pledges.save_draft(branch.id, member.id, YEAR, ITEMS)
    Pledge.update(state=state).where(Pledge.id == pledge.id).execute()
    PledgeItem.update(state=item_state).where(PledgeItem.pledge == pledge.id).execute()
    return Pledge.get_by_id(pledge.id)


def everything():
    """Every row the actions could touch, to prove a refusal changed nothing."""
    return (list(Pledge.select().order_by(Pledge.id).tuples()),
            list(PledgeItem.select().order_by(PledgeItem.id).tuples()),
            AuditEntry.select().count())


def test_the_table_covers_every_state_and_action():
    for _act, allowed in TABLE.values():
        assert set(allowed) <= set(PLEDGE_STATES) and set(allowed.values()) <= set(PLEDGE_STATES)
    assert len(TABLE) * len(PLEDGE_STATES) == 35


@pytest.mark.parametrize("state", PLEDGE_STATES)
@pytest.mark.parametrize("action", list(TABLE))
def test_every_state_and_action(action, state, branch, member):
    act, allowed = TABLE[action]
    pledge = pledge_in(state, branch, member)
    before = everything()
    if state in allowed:
        act(pledge, member)
        assert Pledge.get_by_id(pledge.id).state == allowed[state]
        assert everything()[2] > before[2]  # the change is in the audit log
    else:
        with pytest.raises(ValidationError) as info:
            act(pledge, member)
        assert info.value.field == "state", info.value.message
        assert state in info.value.message
        assert everything() == before


@pytest.mark.parametrize("item_state", ITEM_STATES)
def test_open_items_block_evaluation(item_state, branch, member):
    pledge = pledge_in("已公示", branch, member, item_state=item_state)
    if item_state in ("未开始", "进行中"):
        before = everything()
        with pytest.raises(ValidationError) as info:
            pledges.evaluate(pledge.id, "好")
        assert info.value.field == "evaluation" and "第 1、2 项还没有记录兑现情况" in info.value.message
        assert everything() == before
    else:
        pledges.evaluate(pledge.id, "较好")
        assert Pledge.get_by_id(pledge.id).state == "已评诺"


def test_one_open_item_is_enough_to_block(branch, member):
    pledge = pledge_in("已公示", branch, member)
    PledgeItem.update(state="进行中").where((PledgeItem.pledge == pledge.id) & (PledgeItem.seq == 2)).execute()
    with pytest.raises(ValidationError) as info:
        pledges.evaluate(pledge.id, "好")
    assert "第 2 项" in info.value.message and "第 1" not in info.value.message


@pytest.mark.parametrize("item_state", ITEM_STATES)
def test_fulfilment_states_and_the_reason_rule(item_state, branch, member):
    pledge = pledge_in("已公示", branch, member, item_state="未开始")
    item = pledge.items[0]
    if item_state == "未兑现":
        with pytest.raises(ValidationError) as info:
            pledges.record_fulfilment(item.id, item_state)
        assert info.value.field == "reason"
        pledges.record_fulfilment(item.id, item_state, reason="村道改线，项目延期")
        assert PledgeItem.get_by_id(item.id).reason == "村道改线，项目延期"
    else:
        pledges.record_fulfilment(item.id, item_state, reason="不该留下的原因")
        assert PledgeItem.get_by_id(item.id).reason == ""  # a reason belongs to 未兑现 only
    assert PledgeItem.get_by_id(item.id).state == item_state


def test_send_back_needs_a_reason_and_approval_clears_it(branch, member):
    pledge = pledge_in("草稿", branch, member)
    with pytest.raises(ValidationError) as info:
        pledges.send_back(pledge.id, "  ")
    assert info.value.field == "return_reason"
    pledges.send_back(pledge.id, "不够具体")
    pledges.resubmit(pledge.id)
    pledges.approve(pledge.id)
    assert Pledge.get_by_id(pledge.id).return_reason == ""


def test_a_notice_cannot_end_before_it_starts(branch, member):
    pledge = pledge_in("已审定", branch, member)
    with pytest.raises(ValidationError) as info:
        pledges.publish(pledge.id, f"{YEAR}-03-21", f"{YEAR}-03-15")
    assert info.value.field == "notice_end"
    assert Pledge.get_by_id(pledge.id).state == "已审定"


def test_publish_all_posts_only_the_approved(branch, member):
    other = members.save(member_data(branch.id, name="李四", id_number=""))
    approved = pledge_in("已审定", branch, member)
    draft = pledges.save_draft(branch.id, other.id, YEAR, ITEMS)
    assert pledges.publish_all(branch.id, YEAR, f"{YEAR}-03-15", f"{YEAR}-03-21") == 1
    assert Pledge.get_by_id(approved.id).state == "已公示" and Pledge.get_by_id(draft.id).state == "草稿"
