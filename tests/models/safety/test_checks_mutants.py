"""`main.py check`: the findings mutation testing showed nobody checked (issue 20) — an ID
number registered twice, progress near a thousand members, a rule finding through `run`,
and which meeting is named when several broke a tally rule. Rows are written past the
services, as in `test_checks.py`."""
import datetime as dt

import pytest

from models.campaign import pledges
from models.roster import members
from models.safety import checks
from models.store.tables import MassTally, Member, MutualTally, PledgeItem, Review
from tests.helpers import make_id, member_data


@pytest.fixture
def town(db, branch):
    wang = members.save(member_data(branch.id, name="王建国", id_number=make_id("19800101", "011")))
    li = members.save(member_data(branch.id, name="李红", id_number=make_id("19820202", "022")))
    return {"db": db, "branch": branch, "wang": wang, "li": li}


def test_an_id_number_registered_twice(town):
    """The file's unique index on ID numbers dropped in a database tool, then the number typed
    in twice more: the file is sound, the roster is not."""
    # born the same day, men, as the number says: only the number itself is wrong
    twins = [members.save(member_data(town["branch"].id, name=name, id_number=make_id("19800101", seq))).id
             for name, seq in (("王建民", "013"), ("张伟", "015"))]
    town["db"].execute_sql('DROP INDEX "member_id_number"')
    Member.update(id_number=town["wang"].id_number).where(Member.id.in_(twins)).execute()
    assert list(checks.domain()) == [
        "党员“王建民”（东风村党支部）：这个身份证号已登记在党员“王建国”名下，同一人不能登记两次。",
        "党员“张伟”（东风村党支部）：这个身份证号已登记在党员“王建国”名下，同一人不能登记两次。"]


@pytest.mark.parametrize(("added", "seen"), [(997, []), (998, [(1000, 1000)])])
def test_progress_at_the_thousandth_member(town, added, seen):
    got = []
    Member.insert_many([{"org": town["branch"].id, "name": f"党员{n}", "kind": "正式党员"}
                        for n in range(added)]).execute()
    list(checks.domain(progress=lambda done, total: got.append((done, total))))
    assert got == seen


def test_run_reports_the_rules_of_a_sound_file(town):
    p = pledges.save_draft(town["branch"].id, town["wang"].id, 2026,
                           [{"content": "结对帮扶", "deadline": "2026-10-30"}])
    item = pledges.items_of(p.id)[0]
    PledgeItem.update(state="未兑现", reason="").where(PledgeItem.id == item.id).execute()
    assert checks.run(town["db"]) == [f"承诺事项（编号 {item.id}）标为未兑现但没有写明原因。"]


def test_the_first_tally_typed_in_names_its_meeting(town):
    """Two meetings break both tally rules; the tallies of the later meeting were typed in
    first, and that meeting is the one named."""
    early = Review.create(org=town["branch"].id, year=2026, quarter=1, date=dt.date(2026, 3, 28),
                          mutual_voters=1, mass_party_voters=1, mass_public_voters=1)
    late = Review.create(org=town["branch"].id, year=2026, quarter=2, date=dt.date(2026, 6, 28),
                         mutual_voters=1, mass_party_voters=1, mass_public_voters=1)
    MutualTally.create(review=late, member=town["wang"], excellent=2)
    MutualTally.create(review=early, member=town["li"], excellent=2)
    MassTally.create(review=late, member=None, item=1, group="群众", satisfied=2)
    MassTally.create(review=early, member=None, item=1, group="群众", satisfied=2)
    assert list(checks.domain()) == [f"评议记录（编号 {late.id}）中有党员互评票数超过参加互评人数。",
                                     f"评议记录（编号 {late.id}）中有群众评议票数超过参加评议人数。"]
