"""`main.py check`, rule by rule, in-process: each finding provoked on a real file, with the
words a clerk reads. The rows are written past the services (as an old program, a crash or
a hand edit in a database tool would leave them), since the services refuse every one."""
import datetime as dt
import sqlite3

import pytest

from models.campaign import pledges
from models.roster import members
from models.safety import checks, opening, probe
from models.store import db as dbmod
from models.store.tables import MassTally, Member, MutualTally, Organization, PledgeItem, Review
from tests.helpers import make_id, member_data


@pytest.fixture
def town(db, branch):
    wang = members.save(member_data(branch.id, name="王建国", id_number=make_id("19800101", "011")))
    li = members.save(member_data(branch.id, name="李红", id_number=make_id("19820202", "022")))
    review = Review.create(org=branch.id, year=2026, quarter=1, date=dt.date(2026, 3, 28),
                           mutual_voters=10, mass_party_voters=10, mass_public_voters=20)
    return {"db": db, "branch": branch, "wang": wang, "li": li, "review": review}


def test_a_sound_file_has_no_findings(town):
    MutualTally.create(review=town["review"], member=town["wang"], excellent=6, qualified=4)
    MassTally.create(review=town["review"], member=None, item=1, group="群众", satisfied=20)
    assert checks.run(town["db"]) == []


def test_an_organization_cycle(town):
    branch = town["branch"]
    Organization.update(parent=branch.id).where(Organization.id == branch.parent_id).execute()
    found = list(checks.domain())
    assert found.count("组织“中共先锋镇委员会”的上级关系成环或指向不存在的组织。") == 1
    assert "组织“中共东风村支部委员会”的上级关系成环或指向不存在的组织。" in found


def test_a_parent_that_does_not_exist(town):
    town["db"].execute_sql("PRAGMA foreign_keys = OFF")
    Organization.update(parent=999).where(Organization.id == town["branch"].id).execute()
    town["db"].execute_sql("PRAGMA foreign_keys = ON")
    assert "组织“中共东风村支部委员会”的上级关系成环或指向不存在的组织。" in list(checks.domain())
    assert "表 organization 第 2 行引用了不存在的 organization 记录。" in checks.integrity(town["db"])


def test_a_member_breaking_a_form_rule_is_named_with_the_rule(town):
    Member.update(join_date=dt.date(1985, 1, 1)).where(Member.id == town["wang"].id).execute()  # aged 5
    Member.update(kind="预备党员", full_date=dt.date(2020, 7, 1)).where(Member.id == town["li"].id).execute()
    assert list(checks.domain()) == [
        "党员“王建国”（东风村党支部）：加入党组织时应年满十八周岁，请核对加入党组织日期和出生日期。",
        "党员“李红”（东风村党支部）：预备党员还没有转正，转为正式党员日期应空着；如已转正，请把人员类别改为正式党员。"]


def test_progress_is_reported_per_thousand(town):
    seen = []
    Member.insert_many([{"org": town["branch"].id, "name": f"党员{n}", "kind": "正式党员"}
                        for n in range(2100)]).execute()
    list(checks.domain(progress=lambda done, total: seen.append((done, total))))
    assert seen == [(1000, 2102), (2000, 2102)]


def test_an_unfulfilled_item_without_reason(town):
    p = pledges.save_draft(town["branch"].id, town["wang"].id, 2026,
                           [{"content": "结对帮扶", "deadline": "2026-10-30"}])
    item = pledges.items_of(p.id)[0]
    PledgeItem.update(state="未兑现", reason="").where(PledgeItem.id == item.id).execute()
    assert f"承诺事项（编号 {item.id}）标为未兑现但没有写明原因。" in list(checks.domain())
    PledgeItem.update(reason="资金未到位").where(PledgeItem.id == item.id).execute()
    assert list(checks.domain()) == []


def test_mutual_votes_above_the_voters(town):
    review = town["review"]
    MutualTally.create(review=review, member=town["wang"], excellent=5, qualified=3, basic=1,
                       unqualified=1)  # exactly the 10 voters: fine
    assert list(checks.domain()) == []
    MutualTally.create(review=review, member=town["li"], excellent=5, qualified=3, basic=1, unqualified=2)
    assert list(checks.domain()) == [f"评议记录（编号 {review.id}）中有党员互评票数超过参加互评人数。"]


@pytest.mark.parametrize(("group", "limit"), [("党员", 10), ("群众", 20)])
def test_mass_votes_above_the_ballots_of_their_group(town, group, limit):
    review = town["review"]
    MassTally.create(review=review, member=None, item=1, group=group, satisfied=limit - 3, fairly=1,
                     basic=1, unsatisfied=1)
    assert list(checks.domain()) == []
    MassTally.create(review=review, member=None, item=2, group=group, satisfied=limit - 2, fairly=1,
                     basic=1, unsatisfied=1)
    assert list(checks.domain()) == [f"评议记录（编号 {review.id}）中有群众评议票数超过参加评议人数。"]


def test_each_kind_of_tally_finding_is_said_once_per_file(town):
    review = town["review"]
    for n, member in enumerate((town["wang"], town["li"])):
        MutualTally.create(review=review, member=member, excellent=20 + n)
    for item in (1, 2):
        MassTally.create(review=review, member=None, item=item, group="群众", satisfied=99)
    found = list(checks.domain())
    assert len(found) == 2


def test_damage_is_reported_and_the_rules_then_wait(db_path):
    opening.connect(db_path)
    from models import demo

    demo.fill(members=300)
    dbmod.close()
    data = bytearray(db_path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start:start + 8192] = b"\xa5" * 8192
    db_path.write_bytes(bytes(data))
    conn = opening.connect(db_path, readonly=True)
    found = checks.run(conn)
    assert found and all(f.startswith("数据库文件损坏：") for f in found)
    dbmod.close()


def _point_index_elsewhere(path, index, table, column):
    """Declare an index on another column than the one its entries were built from, with a
    raw connection (as a hand edit in a database tool could): every row is then missing from
    it. Only the full `integrity_check` finds this — `quick_check` reads it as sound."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA writable_schema = ON")
        con.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?",
                    (f'CREATE INDEX "{index}" ON "{table}" ("{column}")', index))
        con.commit()
    finally:
        con.close()


def test_index_damage_only_the_full_check_sees(town, db_path):
    dbmod.close()
    _point_index_elsewhere(db_path, "member_name", "member", "stroke_key")
    assert probe.quick_check(db_path) == []
    conn = opening.connect(db_path, readonly=True)
    assert checks.run(conn) == ["数据库文件损坏：row 1 missing from index member_name",
                                "数据库文件损坏：row 2 missing from index member_name"]


def test_integrity_lists_at_most_twenty_of_each(town, db_path):
    Member.insert_many([{"org": town["branch"].id, "name": f"党员{n}", "kind": "正式党员"}
                        for n in range(25)]).execute()
    town["db"].execute_sql("PRAGMA foreign_keys = OFF")
    Member.update(org=999).execute()  # 27 members of an organization that does not exist
    dbmod.close()
    _point_index_elsewhere(db_path, "member_name", "member", "stroke_key")
    conn = opening.connect(db_path, readonly=True)
    found = checks.integrity(conn)
    assert found[:20] == [f"数据库文件损坏：row {n} missing from index member_name" for n in range(1, 21)]
    assert found[20:] == [f"表 member 第 {n} 行引用了不存在的 organization 记录。" for n in range(1, 21)]
