"""Every member rule, with good and bad input, read back from the database file."""
import datetime as dt

import pytest

from models.errors import FormErrors, ValidationError
from models.roster import members
from models.safety import opening
from models.store import db as dbmod
from models.store.tables import AuditEntry, Member, MemberEvent
from tests.helpers import make_id, member_data


def errors_of(data, member_id=None):
    with pytest.raises(FormErrors) as info:
        members.validate(data, member_id)
    return info.value.errors


def test_save_and_reopen_from_disk(db_path, branch):
    m = members.save(member_data(branch.id, name="王𠮷", id_number=make_id("19800101", "001").lower()))
    dbmod.close()
    opening.connect(db_path)
    again = Member.get_by_id(m.id)
    assert again.name == "王𠮷"
    assert again.sex == "男" and again.birth_date == dt.date(1980, 1, 1)  # derived from the ID
    assert again.id_number == make_id("19800101", "001").upper()
    assert again.stroke_key  # sortable by 姓氏笔画
    assert AuditEntry.select().where(AuditEntry.entity == "党员").count() == 1


def test_lowercase_x_is_normalized(branch):
    # find a body whose check digit is X
    from models.roster.idcard import check_digit

    for seq in range(100, 999):
        body = f"41052219800101{seq:03d}"
        if check_digit(body) == "X":
            break
    m = members.save(member_data(branch.id, id_number=body + "x"))
    assert m.id_number == body + "X"


@pytest.mark.parametrize("bad, field", [
    ({"name": ""}, "name"),
    ({"name": "张三3"}, "name"),
    ({"name": "王\u202e伟"}, "name"),
    ({"id_number": "41052219800101001"}, "id_number"),  # 17 digits
    ({"id_number": make_id()[:-1] + ("0" if make_id()[-1] != "0" else "1")}, "id_number"),  # check digit
    ({"id_number": 4.10522198001010e17}, "id_number"),  # Excel number
    ({"sex": "女"}, "sex"),  # ID says 男
    ({"birth_date": "1981-01-01"}, "birth_date"),  # ID says 1980-01-01
    ({"birth_date": "1980-02-30", "id_number": ""}, "birth_date"),
    ({"join_date": "1990-01-01"}, "join_date"),  # not yet 18
    ({"full_date": "2005-01-01"}, "full_date"),  # before joining
    ({"kind": "预备党员"}, "full_date"),  # probationary member cannot have a full date
    ({"kind": "积极分子"}, "kind"),
    ({"ethnicity": "火星族"}, "ethnicity"),
    ({"education": "幼儿园"}, "education"),
    ({"mobile": "1381234567"}, "mobile"),
    ({"is_lost": True}, "lost_date"),
    ({"lost_date": "2020-01-01"}, "lost_date"),
    ({"is_mobile": True}, "mobile_destination"),
    ({"mobile_destination": "广东"}, "mobile_destination"),
    ({"join_date": "2099-01-01"}, "join_date"),
    ({"org_id": 9999}, "org_id"),
])
def test_each_rule_rejects_bad_input(branch, bad, field):
    data = member_data(branch.id)
    data.update(bad)
    errors = errors_of(data)
    assert field in errors
    assert all("\u4e00" <= ch <= "\u9fff" for ch in errors[field] if ch.isalpha() and not ch.isascii())


def test_good_variants_accepted(branch):
    ok = members.validate(member_data(branch.id, is_lost=True, lost_date="2020.5", is_mobile="是",
                                      mobile_destination="广东省深圳市", id_number="",
                                      sex="女", birth_date="1980年1月1日"))
    assert ok["lost_date"] == dt.date(2020, 5, 1)
    assert ok["is_mobile"] is True and ok["sex"] == "女"
    assert ok["id_number"] is None


def test_all_problems_reported_at_once(branch):
    errors = errors_of(member_data(branch.id, name="", mobile="123", kind="x"))
    assert {"name", "mobile", "kind"} <= set(errors)


def test_same_id_twice_refused_with_the_holders_name(branch):
    members.save(member_data(branch.id, name="李四"))
    errors = errors_of(member_data(branch.id, name="李五"))
    assert "李四" in errors["id_number"]


def test_refused_save_writes_nothing(branch):
    before = Member.select().count(), AuditEntry.select().count()
    with pytest.raises(ValidationError, match="手机号“12”不是 11 位手机号码，请检查。"):
        members.save(member_data(branch.id, mobile="12"))
    assert (Member.select().count(), AuditEntry.select().count()) == before


def test_status_events_never_delete(branch):
    m = members.save(member_data(branch.id))
    members.record_event(m.id, "停止党籍", "2024-01-02", "长期不参加组织生活")
    assert Member.get_by_id(m.id).party_status == "停止党籍"
    members.record_event(m.id, "恢复党籍", "2024-06-01")
    members.record_event(m.id, "转出", "2025-03-01", "转往城关镇党委")
    row = Member.get_by_id(m.id)
    assert row.roll_status == "转出" and row.party_status == "正常"
    assert [e[1] for e in members.events(m.id)] == ["停止党籍", "恢复党籍", "转出"]
    assert members.list_rows([branch.id], on_roll_only=True) == []
    assert len(members.list_rows([branch.id])) == 1
    with pytest.raises(ValidationError, match="只有停止党籍的党员才能恢复党籍。"):
        members.record_event(m.id, "恢复党籍", "2025-04-01")  # not suspended
    with pytest.raises(ValidationError, match="变动日期不能晚于今天。"):
        members.record_event(m.id, "去世", "2099-01-01")
    assert MemberEvent.select().count() == 3


def test_list_rows_in_stroke_order(branch):
    for n, name in enumerate(("张三", "王五", "丁一", "刘六", "𠮷安")):
        members.save(member_data(branch.id, name=name, id_number=make_id("19800101", f"{n:02d}1")))
    names = [row[1] for row in members.list_rows([branch.id])]
    # 𠮷 has 6 strokes like 刘; a character with known stroke order comes first
    assert names == ["丁一", "王五", "刘六", "𠮷安", "张三"]


def test_single_given_name_first_as_party_lists_do(branch):
    for n, name in enumerate(("李克强", "李强")):
        members.save(member_data(branch.id, name=name, id_number=make_id("19800101", f"{n:02d}1")))
    assert [row[1] for row in members.list_rows([branch.id])] == ["李强", "李克强"]
