"""One roll: who is 在册 with 党籍 正常, the same in SQL, in Python and at every site that asks.

The suspended member here is the one the old `roll_status == "在册"` checks let through: the
member form and the roster import set 党籍状态 to 停止党籍 without a 停止党籍 event, so the
member stays recorded 在册.
"""
import pytest

from models.campaign import ledger
from models.exchange.roster_export import roster_rows
from models.roster import members, roll
from models.store.tables import Member
from tests.helpers import make_id, member_data


@pytest.fixture
def roster(branch):
    """One of each standing: normal, suspended by the form, suspended by an event, transferred out."""
    made = {}
    standings = (("王建国", "正常"), ("李红", "停止党籍"), ("张伟", "正常"), ("刘芳", "正常"))
    for n, (name, status) in enumerate(standings, 1):
        made[name] = members.save(member_data(branch.id, name=name, id_number=make_id("19800101", f"{n:03d}"),
                                              mobile=f"1391234{n:04d}", party_status=status)).id
    members.record_event(made["张伟"], "停止党籍", "2024-01-02", "长期不参加组织生活")
    members.record_event(made["刘芳"], "转出", "2024-03-01", "转往城关镇党委")
    return made


def test_clause_and_predicate_agree(roster):
    by_clause = {m.id for m in Member.select().where(roll.on_roll_clause())}
    by_predicate = {m.id for m in Member.select() if roll.is_on_roll(m)}
    assert by_clause == by_predicate == {roster["王建国"]}
    assert Member.get_by_id(roster["李红"]).roll_status == "在册"  # what the old checks looked at alone


def test_the_meeting_roster_and_the_ledger(branch, roster):
    assert [m.name for m in members.on_roll(branch.id)] == ["王建国"]
    led = ledger.build(2026, [branch.id])[branch.id]
    assert [m.name for m in led.members if m.on_roll] == ["王建国"]


def test_the_member_list_hides_the_suspended_by_default(branch, roster):
    """Its tick reads 显示已转出、停止党籍和去世的党员: a member suspended on the form was listed anyway."""
    names = {row[members.LIST_COLUMNS.index("name")] for row in members.list_rows([branch.id], on_roll_only=True)}
    assert names == {"王建国"}
    assert len(members.list_rows([branch.id])) == 4


def test_the_national_roster_keeps_the_suspended(branch, roster):
    """Not the roll: the national sheet lists suspended members under 党籍状态, not the gone ones."""
    assert {row[1] for row in roster_rows([branch.id])} == {"王建国", "李红", "张伟"}
    assert len(roster_rows([branch.id], include_off_roll=True)) == 4
