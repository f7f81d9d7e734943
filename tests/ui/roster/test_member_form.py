"""The member form as a clerk uses it: type, save, get told what is wrong, lose nothing."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from models.safety import opening
from models.store import db as dbmod
from models.store.tables import Member
from tests.helpers import make_id
from tests.ui.conftest import type_text
from ui.roster.member_dialog import MemberDialog


def choose(form, key, text):
    """As a clerk picks from the drop-down list."""
    box = form.widget(key)
    box.setCurrentIndex(box.findText(text))
    assert box.currentText() == text


def saved_and_read_back(qtbot, dialog, db_path, name):
    """保存 clicked, then the member as the file on disk has it."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dbmod.close()
    opening.connect(db_path)
    return Member.get(Member.name == name)


def test_type_and_save_then_read_back_from_disk(qtbot, branch, db_path):
    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    f = dialog.form
    type_text(qtbot, f.widget("name"), "王𠮷喆")
    type_text(qtbot, f.widget("id_number"), make_id("19850701", "002").lower())
    type_text(qtbot, f.widget("join_date"), "2010.07")
    type_text(qtbot, f.widget("full_date"), "2011-7-1")
    type_text(qtbot, f.widget("mobile"), "13900001111")
    choose(f, "kind", "正式党员")
    m = saved_and_read_back(qtbot, dialog, db_path, "王𠮷喆")
    assert m.sex == "女" and m.birth_date == dt.date(1985, 7, 1)
    assert m.join_date == dt.date(2010, 7, 1) and m.full_date == dt.date(2011, 7, 1)


def test_refused_save_shows_messages_and_keeps_input(qtbot, branch):
    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.form
    type_text(qtbot, f.widget("name"), "李四")
    type_text(qtbot, f.widget("id_number"), "110105198001011234")  # wrong check digit
    type_text(qtbot, f.widget("join_date"), "2005-01-01")
    type_text(qtbot, f.widget("full_date"), "2004-01-01")  # before joining
    choose(f, "kind", "正式党员")
    qtbot.keyClick(f.widget("name"), Qt.Key.Key_Return)  # Enter saves
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert f.fields["id_number"].error.isVisibleTo(dialog)
    assert "最后一位校验码不对" in f.fields["id_number"].error.text()
    assert "晚于加入党组织日期" in f.fields["full_date"].error.text()
    assert f.widget("name").text() == "李四"
    assert f.widget("id_number").text() == "110105198001011234"
    assert Member.select().count() == 0
    # fix and save
    f.widget("id_number").clear()
    f.widget("full_date").setText("2006-01-01")
    dialog.try_save()
    assert Member.select().count() == 1


def test_validates_while_typing(qtbot, branch):
    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.form
    qtbot.keyClicks(f.widget("mobile"), "12345")
    qtbot.waitUntil(lambda: f.fields["mobile"].error.isVisible(), timeout=2000)
    assert "手机" in f.fields["mobile"].error.text()
    assert not f.fields["name"].error.isVisible()  # untouched fields wait for 保存


def test_cancel_with_unsaved_changes_asks(qtbot, branch, answer_messages):
    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.form.widget("name"), "赵六")
    answer_messages.auto = lambda kind, title, text: False  # 取消: stay
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answer_messages.log[-1][0] == "ask_save"
    assert dialog.isVisible() and dialog.form.is_dirty()  # still open, nothing typed lost
    assert dialog.form.widget("name").text() == "赵六"
    answer_messages.auto = lambda kind, title, text: True  # 不保存
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert Member.select().count() == 0


def test_a_date_typed_to_the_month_stays_a_month(qtbot, branch):
    from models.roster import members

    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    f = dialog.form
    type_text(qtbot, f.widget("name"), "赵月")
    type_text(qtbot, f.widget("id_number"), make_id("19850701", "011"))
    type_text(qtbot, f.widget("join_date"), "2010年7月")
    choose(f, "kind", "正式党员")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    m = Member.get(Member.name == "赵月")
    assert (m.join_date, m.month_only) == (dt.date(2010, 7, 1), "join_date")

    again = MemberDialog(None, member_id=m.id)  # shown as the month, not as an invented 1st
    qtbot.addWidget(again)
    assert again.form.widget("join_date").text() == "2010-07"
    assert not again.form.is_dirty()
    type_text(qtbot, again.form.widget("join_date"), "2010-07-15")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    m = members.get(m.id)
    assert (m.join_date, m.month_only) == (dt.date(2010, 7, 15), "")
def test_a_new_member_starts_blank_and_saves_only_what_was_chosen(qtbot, branch, db_path):
    """公务员 was pre-filled as 工作岗位: a farmer was saved as a civil servant unless noticed."""
    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.form
    for key in ("sex", "ethnicity", "education", "kind", "job", "party_post"):
        assert f.widget(key).currentText() == "", key
    assert f.widget("org_id").currentData() == branch.id  # known: the organization selected
    type_text(qtbot, f.widget("name"), "张三")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and Member.select().count() == 0
    assert f.fields["kind"].error.text() == "请选择人员类别。" and f.fields["kind"].error.isVisibleTo(dialog)
    assert f.widget("name").text() == "张三"  # nothing typed is lost
    choose(f, "kind", "预备党员")
    m = saved_and_read_back(qtbot, dialog, db_path, "张三")
    assert (m.kind, m.job, m.ethnicity, m.education, m.sex) == ("预备党员", "", "", "", "")


def test_sex_and_birth_date_fill_from_a_valid_id_as_typed(qtbot, branch):
    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.form
    number = make_id("19850701", "003")  # odd 17th digit: 男
    qtbot.keyClicks(f.widget("id_number"), number[:17])
    assert f.widget("sex").currentText() == "" and f.widget("birth_date").text() == ""  # not yet valid
    qtbot.keyClicks(f.widget("id_number"), number[17])
    assert f.widget("sex").currentText() == "男" and f.widget("birth_date").text() == "1985-07-01"
    assert Member.select().count() == 0  # shown before anything is saved
    f.widget("id_number").setText(make_id("19900215", "002"))  # corrected: both follow
    assert f.widget("sex").currentText() == "女" and f.widget("birth_date").text() == "1990-02-15"
    qtbot.keyClick(f.widget("id_number"), Qt.Key.Key_Backspace)  # no longer valid: nothing guessed
    assert f.widget("sex").currentText() == "" and f.widget("birth_date").text() == ""


def test_a_sex_the_clerk_chose_is_not_overwritten_but_flagged(qtbot, branch):
    dialog = MemberDialog(None, org_id=branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.form
    choose(f, "sex", "女")
    type_text(qtbot, f.widget("id_number"), make_id("19850701", "003"))
    assert f.widget("sex").currentText() == "女" and f.widget("birth_date").text() == "1985-07-01"
    f.validate_touched()  # what the pause in typing triggers
    assert f.fields["sex"].error.isVisibleTo(dialog) and "性别与身份证号不符" in f.fields["sex"].error.text()
