"""Lists start blank unless the value is known; a blank the services would fill with a default
(组织层级 → 党支部, 变动类型 → the first kind) is refused by the form with a Chinese message."""
from PySide6.QtWidgets import QDialog

from models.store.tables import Member, MemberEvent, Organization
from tests.helpers import member_data
from tests.ui.conftest import type_text
from tests.ui.roster.test_member_form import choose
from ui.roster.org_dialog import OrgDialog
from ui.roster.status_dialog import StatusDialog


def test_new_organization_asks_level_and_category(qtbot, branch):
    dialog = OrgDialog(None, parent_id=branch.parent_id)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.form
    assert f.widget("level").currentText() == "" and f.widget("category").currentText() == ""
    assert f.widget("parent_id").currentData() == branch.parent_id
    before = Organization.select().count()
    type_text(qtbot, f.widget("name"), "中共红旗村支部委员会")
    assert not dialog.try_save()
    assert f.fields["level"].error.text() == "请选择组织层级。"
    assert f.fields["category"].error.text() == "请选择组织类别。"
    assert Organization.select().count() == before
    choose(f, "level", "党支部")
    choose(f, "category", "街道社区党组织")
    assert dialog.try_save() and dialog.result() == QDialog.DialogCode.Accepted
    org = Organization.get(Organization.name == "中共红旗村支部委员会")
    assert (org.level, org.category) == ("党支部", "community")


def test_status_change_kind_is_chosen_not_preset(qtbot, branch):
    from models.roster import members

    member = members.save(member_data(branch.id))
    dialog = StatusDialog(None, member.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.widget("kind").currentText() == ""
    assert not dialog.try_save()
    assert dialog.form.fields["kind"].error.text() == "请选择变动类型。"
    assert MemberEvent.select().count() == 0 and Member.get_by_id(member.id).roll_status == "在册"



def test_profile_refuses_a_level_set_back_to_blank(qtbot, branch):
    """概况: the blank at the top of 组织层级 is refused, not saved as the service's 党支部."""
    from ui.roster.profile_view import ProfileView

    view = ProfileView()
    qtbot.addWidget(view)
    view.show_org(branch.parent_id)  # the 党委
    view.show()
    choose(view.form, "level", "")
    assert not view.save()
    assert view.form.fields["level"].error.text() == "请选择组织层级。" and view.banner.isVisibleTo(view)
    assert Organization.get_by_id(branch.parent_id).level == "党委"


def test_a_transfer_within_the_township_from_the_status_dialog(qtbot, branch):
    """转到本镇其他党支部: chosen like any change, with the branch it goes to; 转入党组织 is greyed
    out for the other kinds and asked for when missing."""
    from models.roster import members, organizations

    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部", "level": "党支部",
                                "parent_id": branch.parent_id, "category": "rural"})
    member = members.save(member_data(branch.id))
    dialog = StatusDialog(None, member.id)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.form
    kinds = [f.widget("kind").itemText(i) for i in range(f.widget("kind").count())]
    assert kinds[1] == "转到本镇其他党支部" and "转出（到本镇以外）" in kinds
    targets = [f.widget("to_org").itemText(i) for i in range(f.widget("to_org").count())]
    assert "红旗村党支部" in targets and (branch.short_name or branch.name) not in targets
    assert not f.widget("to_org").isEnabled()
    choose(f, "kind", "转到本镇其他党支部")
    assert f.widget("to_org").isEnabled()
    assert not dialog.try_save()
    assert f.fields["to_org"].error.text() == "请选择转入的党组织。"
    assert Member.get_by_id(member.id).org_id == branch.id
    choose(f, "to_org", "红旗村党支部")
    assert dialog.try_save()
    assert Member.get_by_id(member.id).org_id == other.id
    event = MemberEvent.get()
    assert (event.kind, event.from_org_id, event.to_org_id) == ("本镇转接", branch.id, other.id)


def test_with_a_branch_selected_the_parent_offered_is_the_committee_above_it(qtbot, branch, db):
    """A new user with 东风村党支部 selected saw 上级组织 “1”: a 党支部 can have nothing under it."""
    from models.roster import organizations

    dialog = OrgDialog(None, parent_id=branch.id)
    qtbot.addWidget(dialog)
    box = dialog.form.widget("parent_id")
    assert box.currentData() == branch.parent_id and box.currentText() == "先锋镇党委"
    assert [box.itemText(i) for i in range(box.count())] == ["（无，最上级）", "先锋镇党委"]
    lone = organizations.save({"name": "中共西山村支部委员会", "short_name": "西山村党支部", "level": "党支部",
                               "category": "rural"})
    again = OrgDialog(None, parent_id=lone.id)  # a branch with nothing above it: offered none
    qtbot.addWidget(again)
    assert again.form.widget("parent_id").currentData() is None
    assert again.form.widget("parent_id").currentText() == "（无，最上级）"


def test_a_lone_branch_is_told_why_it_has_no_branch_to_move_to(qtbot, db):
    """A new user's branch had no 党委 above it: the 转入党组织 list was empty without a word."""
    from models.roster import members, organizations

    lone = organizations.save({"name": "中共东风村支部委员会", "short_name": "东风村党支部", "level": "党支部",
                               "category": "rural"})
    member = members.save(member_data(lone.id))
    dialog = StatusDialog(None, member.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.no_target.isHidden()
    choose(dialog.form, "kind", "转到本镇其他党支部")
    assert dialog.no_target.isVisible() and "新建党组织" in dialog.no_target.text()
    assert not dialog.form.widget("to_org").isEnabled()
    choose(dialog.form, "kind", "去世")
    assert dialog.no_target.isHidden()
