"""After 转出, 去世 or a move to another branch the member does not just vanish from the list: it
says how many left and why, and one click shows them with where they went."""
from models.roster import members, organizations
from tests.helpers import make_id, member_data
from ui.roster.members_view import C, MembersView


def test_the_list_says_who_left_and_shows_where(qtbot, branch):
    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部", "level": "党支部",
                                "parent_id": branch.parent_id, "category": "rural"})
    moved = members.save(member_data(branch.id))
    left = members.save(member_data(branch.id, name="李秀英", id_number=make_id("19850303", "002")))
    members.save(member_data(branch.id, name="刘红", id_number=make_id("19800505", "024")))
    view = MembersView()
    qtbot.addWidget(view)
    view.show_org(branch.id)
    assert view.left_note.isHidden()
    assert [row[C["name"]] for row in view.panel.shown()] == ["王建国", "刘红", "李秀英"]  # 姓氏笔画: 王4 刘6 李7

    members.record_event(moved.id, "本镇转接", "2026-11-03", to_org_id=other.id)
    members.record_event(left.id, "转出", "2026-10-08", "转至郑州市某街道党工委")
    view.reload()
    assert [row[C["name"]] for row in view.panel.shown()] == ["刘红"]
    assert not view.left_note.isHidden()
    assert "另有 2 名党员已不在本名册（已转出 1 人、转到本镇其他党支部 1 人）" in view.left_note.text()

    view.left_note.linkActivated.emit("show")  # the clerk clicks 显示他们和去向
    assert view.show_all.isChecked()
    status = {row[C["name"]]: row[C["roll_status"]] for row in view.panel.shown()}
    assert status == {"刘红": "在册", "王建国": "已转至红旗村党支部（2026-11-03）",
                      "李秀英": "已转出（2026-10-08，转至郑州市某街道党工委）"}
    assert "“状态”一栏写明去向" in view.left_note.text()
    # the receiving branch lists the member as its own, on the roll, and has lost nobody
    view.show_all.setChecked(False)
    view.show_org(other.id)
    assert [row[C["name"]] for row in view.panel.shown()] == ["王建国"]
    assert view.left_note.isHidden()
