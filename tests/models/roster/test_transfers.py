"""本镇转接: a member moves to another branch of the township; both branches keep the record."""
import datetime as dt

import pytest

from models.errors import ValidationError
from models.roster import members, organizations
from models.store.tables import AuditEntry, Member, MemberEvent, Organization
from tests.helpers import make_id, member_data


@pytest.fixture
def two_branches(branch):
    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部", "level": "党支部",
                                "parent_id": branch.parent_id, "category": "rural"})
    return branch, other


def test_a_transfer_moves_the_member_and_names_both_branches(two_branches):
    branch, other = two_branches
    member = members.save(member_data(branch.id))
    event = members.record_event(member.id, "本镇转接", "2026-11-03", "家庭住址变更", to_org_id=other.id)
    moved = Member.get_by_id(member.id)
    assert moved.org_id == other.id and moved.roll_status == "在册"
    assert (event.from_org_id, event.to_org_id) == (branch.id, other.id)
    assert event.detail == f"由{branch.display_name}转至{other.display_name}；家庭住址变更"
    assert members.events(member.id) == [(dt.date(2026, 11, 3), "本镇转接", event.detail)]
    assert members.moved_out([branch.id]) == [members.Move(member.id, "王建国", dt.date(2026, 11, 3), "红旗村党支部")]
    assert members.moved_out([other.id]) == []
    assert AuditEntry.select().where(AuditEntry.summary.contains("本镇转接")).count() == 1


@pytest.mark.parametrize(("to", "field", "words"), [
    (None, "to_org", "请选择转入的党组织。"),
    ("same", "to_org", "转入的党组织就是党员现在所在的党组织，请选择本镇其他党支部。"),
    (999999, "to_org", "请选择转入的党组织。"),
])
def test_a_transfer_needs_another_branch(two_branches, to, field, words):
    branch, _other = two_branches
    member = members.save(member_data(branch.id))
    target = branch.id if to == "same" else to
    with pytest.raises(ValidationError, match=words) as refused:
        members.record_event(member.id, "本镇转接", "2026-11-03", to_org_id=target)
    assert refused.value.field == field
    assert MemberEvent.select().count() == 0 and Member.get_by_id(member.id).org_id == branch.id


def test_only_a_member_on_the_roll_can_move(two_branches):
    branch, other = two_branches
    member = members.save(member_data(branch.id))
    members.record_event(member.id, "转出", "2026-10-01", "转往县城")
    with pytest.raises(ValidationError, match="该党员当前为“转出”，不在册，不能转到其他党支部。"):
        members.record_event(member.id, "本镇转接", "2026-11-03", to_org_id=other.id)
    assert Member.get_by_id(member.id).org_id == branch.id
    assert Organization.get_by_id(other.id).members.count() == 0


def test_departures_say_where_each_member_went(two_branches):
    branch, other = two_branches
    moved = members.save(member_data(branch.id))
    left = members.save(member_data(branch.id, name="李秀英", id_number=make_id("19850303", "002")))
    dead = members.save(member_data(branch.id, name="张大山", id_number=make_id("19400404", "013")))
    stays = members.save(member_data(branch.id, name="刘红", id_number=make_id("19800505", "024")))
    members.record_event(moved.id, "本镇转接", "2026-11-03", to_org_id=other.id)
    members.record_event(left.id, "转出", "2026-10-08", "转至郑州市某街道党工委")
    members.record_event(dead.id, "去世", "2026-09-01")
    assert members.departures([branch.id]) == {
        moved.id: "已转至红旗村党支部（2026-11-03）",
        left.id: "已转出（2026-10-08，转至郑州市某街道党工委）",
        dead.id: "去世（2026-09-01）",
    }
    assert stays.id not in members.departures([branch.id])
    # the branch that received the member has lost nobody; a move inside the subtree is no departure
    assert members.departures([other.id]) == {}
    assert members.departures([branch.id, other.id]) == {left.id: "已转出（2026-10-08，转至郑州市某街道党工委）",
                                                        dead.id: "去世（2026-09-01）"}


def test_a_member_who_moved_back_has_not_left(two_branches):
    branch, other = two_branches
    member = members.save(member_data(branch.id))
    members.record_event(member.id, "本镇转接", "2026-10-03", to_org_id=other.id)
    members.record_event(member.id, "本镇转接", "2026-11-03", to_org_id=branch.id)
    assert members.moved_out([branch.id]) == []
    assert members.departures([branch.id]) == {}
    assert members.departures([other.id]) == {member.id: "已转至东风村党支部（2026-11-03）"}
