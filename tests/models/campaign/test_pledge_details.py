"""The pledge rules to the letter: each refusal's field and words, the audit line of each
change, the boundaries of years and deadlines, and the list the 承诺 page shows.

Written against what a clerk reads and what the audit log must say, so a rule changed by a
character (a bound moved by one, a message or a field name swapped) fails here — this is
what `bench/mutation.py` measures.
"""
import datetime as dt

import pytest

from models.campaign import pledges
from models.errors import FormErrors, NotFound, ValidationError
from models.roster import members, organizations
from models.store.tables import AuditEntry, Pledge, PledgeItem
from tests.helpers import make_id, member_data

YEAR = 2026
STATE_CHOICE = "践诺状态“乱写”不在可选范围内，请从下拉列表中选择（未开始、进行中、已兑现、未兑现）。"


def item(content="结对帮扶困难户 1 户", deadline=f"{YEAR}-10-30", standard="带头服务群众"):
    return {"content": content, "deadline": deadline, "standard": standard}


@pytest.fixture
def member(branch):
    return members.save(member_data(branch.id, name="王建国"))


def last_audit():
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    return entry.action, entry.entity, entry.entity_id, entry.summary


def refused(func, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    return info.value


# --- drafts -------------------------------------------------------------------------------

def test_a_new_draft_and_its_audit_line(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item(), item("每月走访 4 户", standard="")])
    assert last_audit() == ("新增", "承诺", p.id, f"{YEAR}年，2项")
    rows = [(i.seq, i.content, i.deadline, i.standard, i.state) for i in pledges.items_of(p.id)]
    assert rows == [(1, "结对帮扶困难户 1 户", dt.date(YEAR, 10, 30), "带头服务群众", "未开始"),
                    (2, "每月走访 4 户", dt.date(YEAR, 10, 30), "", "未开始")]
    stored = Pledge.get_by_id(p.id)
    assert (stored.org_id, stored.member_id, stored.year, stored.state) == (branch.id, member.id, YEAR, "草稿")


def test_rewriting_a_draft_replaces_its_items(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item(), item("b")])
    other = pledges.save_draft(branch.id, None, YEAR, [item("组织承诺：修通村道")])
    pledges.save_draft(branch.id, member.id, YEAR, [item("只剩这一项")], pledge_id=p.id)
    assert last_audit() == ("修改", "承诺", p.id, f"{YEAR}年，1项")
    assert [i.content for i in pledges.items_of(p.id)] == ["只剩这一项"]
    assert [i.content for i in pledges.items_of(other.id)] == ["组织承诺：修通村道"]  # only its own items went
    assert Pledge.get_by_id(p.id).updated_at.microsecond == 0


def test_year_bounds(branch, member):
    for year in (2000, 2100):
        deadline = f"{year}-06-30"
        pledges.save_draft(branch.id, None if year == 2000 else member.id, year, [item(deadline=deadline)])
    for year in (1999, 2101):
        error = refused(pledges.save_draft, branch.id, member.id, year, [item(deadline=f"{year}-06-30")])
        assert error.field == "year" and error.message == f"年度应在 2000 到 2100 之间，现在是 {year}。"


def test_organization_and_member_must_match(branch, member):
    error = refused(pledges.save_draft, 9999, None, YEAR, [item()])
    assert (error.field, error.message) == ("org_id", "请选择承诺所属的党组织。")
    top = organizations.get(branch.parent_id)
    error = refused(pledges.save_draft, top.id, member.id, YEAR, [item()])
    assert (error.field, error.message) == ("member_id", "所选党员不在这个党组织中。")
    error = refused(pledges.save_draft, branch.id, 9999, YEAR, [item()])
    assert (error.field, error.message) == ("member_id", "所选党员不在这个党组织中。")


def test_one_pledge_per_member_and_one_for_the_organization_each_year(branch, member):
    pledges.save_draft(branch.id, member.id, YEAR, [item()])
    error = refused(pledges.save_draft, branch.id, member.id, YEAR, [item()])
    assert (error.field, error.message) == ("year", f"该党员 {YEAR} 年度已有承诺，请打开原承诺修改。")
    other = members.save(member_data(branch.id, name="李四", id_number=make_id("19850303", "013")))
    pledges.save_draft(branch.id, other.id, YEAR, [item()])  # another member: fine
    pledges.save_draft(branch.id, None, YEAR, [item()])
    error = refused(pledges.save_draft, branch.id, None, YEAR, [item()])
    assert (error.field, error.message) == ("year", f"本组织 {YEAR} 年度已有承诺，请打开原承诺修改。")
    pledges.save_draft(branch.id, member.id, YEAR + 1, [item(deadline=f"{YEAR + 1}-05-01")])  # another year: fine
    assert pledges.pledged_member_ids(branch.id, YEAR) == {member.id, other.id, None}
    assert pledges.pledged_member_ids(branch.id, YEAR + 1) == {member.id}
    top = organizations.get(branch.parent_id)
    assert pledges.pledged_member_ids(top.id, YEAR) == set()


def test_item_rules_each_named(branch, member):
    with pytest.raises(FormErrors) as info:
        pledges.save_draft(branch.id, member.id, YEAR, [])
    assert info.value.errors == {"items": "承诺至少要有一项具体内容。"}
    with pytest.raises(FormErrors) as info:
        pledges.save_draft(branch.id, member.id, YEAR, [item(f"第{n}项") for n in range(pledges.MAX_ITEMS + 1)])
    assert info.value.errors == {"items": f"一份承诺最多 {pledges.MAX_ITEMS} 项，请合并相近的内容。"}
    pledges.save_draft(branch.id, member.id, YEAR, [item(f"第{n}项") for n in range(pledges.MAX_ITEMS)])
    with pytest.raises(FormErrors) as info:
        pledges.save_draft(branch.id, None, YEAR, [
            item(content=""), item(deadline=""), item(standard="乱写"), item(deadline=f"{YEAR + 2}-01-01"),
            item(deadline=f"{YEAR - 1}-12-31"), item(content="长" * 301), item(standard="长" * 31)])
    assert info.value.errors == {
        "items.1": "请填写第 1 项承诺内容。",
        "items.2.deadline": "请填写第 2 项完成时限。",
        "items.3.standard": "第 3 项对应的标准“乱写”不在“五带头”和本组织争做目标中。",
        "items.4.deadline": f"第 4 项完成时限应在 {YEAR} 年内（最迟次年），现在是 {YEAR + 2}-01-01。",
        "items.5.deadline": f"第 5 项完成时限应在 {YEAR} 年内（最迟次年），现在是 {YEAR - 1}-12-31。",
        "items.6": "第 6 项承诺内容最多 300 个字，现在有 301 个字。",
        "items.7.standard": "第 7 项对应标准最多 30 个字，现在有 31 个字。",
    }


def test_item_text_limits_and_lines(branch, member):
    text = "第一行\n" + "长" * 296
    p = pledges.save_draft(branch.id, member.id, YEAR, [
        item(content=text, deadline=f"{YEAR + 1}-12-31", standard=""),
        item(deadline=f"{YEAR}-01-01", standard="带头学习提高")])
    first, second = pledges.items_of(p.id)
    assert first.content == text and len(text) == 300 and first.deadline == dt.date(YEAR + 1, 12, 31)
    assert first.standard == "" and second.standard == "带头学习提高"


def test_standards_are_five_lead_plus_the_category(branch):
    allowed = pledges.standards_for(branch)
    assert allowed[:5] == ("带头学习提高", "带头争创佳绩", "带头服务群众", "带头遵纪守法", "带头弘扬正气")
    assert len(allowed) > 5


# --- transitions --------------------------------------------------------------------------

def test_each_transition_writes_its_audit_line(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item()])
    pledges.send_back(p.id, "不够具体")
    assert last_audit() == ("状态变更", "承诺", p.id, "退回 不够具体")
    assert Pledge.get_by_id(p.id).return_reason == "不够具体"
    pledges.resubmit(p.id)
    assert last_audit() == ("状态变更", "承诺", p.id, "草稿")
    pledges.approve(p.id, f"{YEAR}-03-10")
    assert last_audit() == ("状态变更", "承诺", p.id, "已审定")
    stored = Pledge.get_by_id(p.id)
    assert stored.approved_on == dt.date(YEAR, 3, 10) and stored.return_reason == ""
    assert stored.updated_at.microsecond == 0
    pledges.publish(p.id, f"{YEAR}-03-15", f"{YEAR}-03-15")  # a one-day notice is allowed
    assert last_audit() == ("状态变更", "承诺", p.id, "已公示")
    stored = Pledge.get_by_id(p.id)
    assert (stored.notice_start, stored.notice_end) == (dt.date(YEAR, 3, 15), dt.date(YEAR, 3, 15))
    it = pledges.items_of(p.id)[0]
    pledges.record_fulfilment(it.id, "已兑现", progress="已帮扶")
    assert last_audit() == ("践诺", "承诺事项", it.id, "第1项：已兑现")
    pledges.evaluate(p.id, "较好", "群众满意")
    assert last_audit() == ("状态变更", "承诺", p.id, "已评诺")
    stored = Pledge.get_by_id(p.id)
    assert (stored.state, stored.evaluation, stored.evaluation_note) == ("已评诺", "较好", "群众满意")


def test_approval_defaults_to_today(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item()])
    pledges.approve(p.id)
    assert Pledge.get_by_id(p.id).approved_on == dt.date.today()


def test_refusal_words(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item()])
    error = refused(pledges.publish, p.id, f"{YEAR}-03-15", f"{YEAR}-03-21")
    assert (error.field, error.message) == ("state", "承诺当前是“草稿”，不能直接改为“已公示”。")
    pledges.approve(p.id)
    error = refused(pledges.save_draft, branch.id, member.id, YEAR, [item()], pledge_id=p.id)
    assert (error.field, error.message) == ("state", "承诺已已审定，内容不能再改；如需修改，请先退回。")
    error = refused(pledges.publish, p.id, f"{YEAR}-03-21", f"{YEAR}-03-15")
    assert (error.field, error.message) == ("notice_end", "公示结束日期不能早于开始日期。")
    with pytest.raises(FormErrors) as info:
        pledges.publish(p.id, "", "")
    assert set(info.value.errors) == {"notice_start", "notice_end"}
    error = refused(pledges.send_back, p.id, "")
    assert error.field == "return_reason" and error.message == "请填写退回原因。"
    error = refused(pledges.evaluate, p.id, "")
    assert error.field == "evaluation"
    error = refused(pledges.evaluate, p.id, "很好")
    assert error.field == "evaluation"
    it = pledges.items_of(p.id)[0]
    error = refused(pledges.record_fulfilment, it.id, "未兑现")
    assert (error.field, error.message) == ("reason", "标为“未兑现”时必须写明原因。")
    error = refused(pledges.record_fulfilment, it.id, "")
    assert error.field == "state"


def test_fulfilment_on_a_draft_names_the_state(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item()])
    it = pledges.items_of(p.id)[0]
    error = refused(pledges.record_fulfilment, it.id, "进行中", progress="已走访 2 户")
    assert (error.field, error.message) == ("state", "承诺当前是“草稿”，审定后才能记录践诺情况。")
    assert PledgeItem.get_by_id(it.id).state == "未开始"


def test_fulfilment_keeps_progress_and_long_texts(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item()])
    pledges.approve(p.id)
    it = pledges.items_of(p.id)[0]
    pledges.record_fulfilment(it.id, "进行中", progress="第一行\n第二行")
    assert PledgeItem.get_by_id(it.id).progress == "第一行\n第二行"
    pledges.record_fulfilment(it.id, "未兑现", reason="原\n因" + "长" * 297)
    assert len(PledgeItem.get_by_id(it.id).reason) == 300
    error = refused(pledges.record_fulfilment, it.id, "未兑现", reason="长" * 301)
    assert error.field == "reason"
    error = refused(pledges.record_fulfilment, it.id, "进行中", progress="长" * 501)
    assert error.field == "progress"


def test_missing_records(branch):
    with pytest.raises(NotFound) as info:
        pledges.approve(9999)
    assert info.value.message == "该承诺已不存在。"
    with pytest.raises(NotFound) as info:
        pledges.record_fulfilment(9999, "已兑现")
    assert info.value.message == "该承诺事项已不存在。"


def test_several_fulfilments_all_or_nothing_with_each_row_named(branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [item(), item("b"), item("c")])
    pledges.approve(p.id)
    one, two, three = pledges.items_of(p.id)
    with pytest.raises(FormErrors) as info:
        pledges.record_fulfilments([(one.id, "已兑现", "", "做完了"), (two.id, "未兑现", "", ""),
                                    (three.id, "乱写", "", "")])
    assert info.value.errors == {"items.2.reason": "标为“未兑现”时必须写明原因。",
                                 "items.3.state": STATE_CHOICE}
    assert [i.state for i in pledges.items_of(p.id)] == ["未开始"] * 3  # nothing kept
    with pytest.raises(NotFound, match="该承诺事项已不存在。"):  # an item deleted meanwhile: the whole batch is refused
        pledges.record_fulfilments([(one.id, "已兑现", "", ""), (9999, "已兑现", "", "")])
    assert [i.state for i in pledges.items_of(p.id)] == ["未开始"] * 3
    pledges.record_fulfilments([(one.id, "已兑现", "", "做完了"), (two.id, "未兑现", "资金未到位", ""),
                                (three.id, "进行中", "", "已走访 2 户")])
    got = [(i.state, i.reason, i.progress) for i in pledges.items_of(p.id)]
    assert got == [("已兑现", "", "做完了"), ("未兑现", "资金未到位", ""), ("进行中", "", "已走访 2 户")]


def test_the_list_the_page_shows(branch, member):
    second = members.save(member_data(branch.id, name="丁一", id_number=make_id("19860404", "015")))
    mine = pledges.save_draft(branch.id, member.id, YEAR, [item(), item("b")])
    org = pledges.save_draft(branch.id, None, YEAR, [item("组织承诺")])
    theirs = pledges.save_draft(branch.id, second.id, YEAR, [item()])
    old = pledges.save_draft(branch.id, member.id, YEAR - 1, [item(deadline=f"{YEAR - 1}-09-01")])
    pledges.approve(mine.id)
    pledges.publish(mine.id, f"{YEAR}-03-15", f"{YEAR}-03-21")
    first_item = pledges.items_of(mine.id)[0]
    pledges.record_fulfilment(first_item.id, "已兑现")
    top = organizations.get(branch.parent_id)
    pledges.save_draft(top.id, None, YEAR, [item("别的组织")])
    rows = pledges.list_rows(branch.id)
    # newest year first; within it the organization's own (no strokes) then members by 姓氏笔画
    assert rows == [
        (org.id, "（组织承诺）", YEAR, "草稿", 1, 0, None),
        (theirs.id, "丁一", YEAR, "草稿", 1, 0, None),
        (mine.id, "王建国", YEAR, "已公示", 2, 1, dt.date(YEAR, 3, 21)),
        (old.id, "王建国", YEAR - 1, "草稿", 1, 0, None),
    ]
    assert [r[0] for r in pledges.list_rows(branch.id, YEAR - 1)] == [old.id]
    assert [r[1] for r in pledges.list_rows(top.id, YEAR)] == ["（组织承诺）"]
