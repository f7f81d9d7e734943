"""The 承诺 tab and dialog as a clerk uses them: write items, get refused, move a pledge along."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from models.campaign import pledges
from models.roster import members
from models.safety import opening
from models.store import db as dbmod
from models.store.tables import Pledge, PledgeItem
from tests.helpers import make_id, member_data
from ui.campaign.pledge_actions import EvaluateDialog, MemberPicker, PublishDialog, SendBackDialog
from ui.campaign.pledge_dialog import PledgeDialog
from ui.campaign.pledges_view import STATE, PledgesView
from ui.widgets import modal

YEAR = dt.date.today().year


@pytest.fixture
def driver():
    """Modal dialogs are handed to `driver.steps`, one callable per dialog, instead of exec()."""

    class Steps:
        def __init__(self):
            self.steps = []

    steps = Steps()
    modal.driver.run = lambda dialog: steps.steps.pop(0)(dialog)
    yield steps
    modal.driver.run = None
    assert not steps.steps, "a dialog the test expected was never opened"


@pytest.fixture
def member(branch):
    return members.save(member_data(branch.id, name="王建国"))


def fill(row, content, deadline, standard_index=1):
    row.content.setPlainText(content)
    row.deadline.setText(deadline)
    row.standard.setCurrentIndex(standard_index)


def test_write_items_save_and_reopen_from_disk(qtbot, branch, member, db_path):
    dialog = PledgeDialog(None, org_id=branch.id, member_id=member.id, year=YEAR)
    qtbot.addWidget(dialog)
    editor = dialog.editor
    fill(editor.rows[0], "每月走访困难户 4 户", f"{YEAR}-12-31")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    fill(editor.rows[1], "结对帮扶困难户 1 户，年增收 3000 元", f"{YEAR}-10-30", 3)
    dialog.editor.add_item()  # a blank third row is ignored, not refused
    qtbot.mouseClick(editor.rows[1].up_button, Qt.MouseButton.LeftButton)
    assert [r.number.text() for r in editor.rows] == ["1.", "2.", "3."]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dbmod.close()
    opening.connect(db_path)
    items = pledges.items_of(dialog.pledge_id)
    assert [i.content for i in items] == ["结对帮扶困难户 1 户，年增收 3000 元", "每月走访困难户 4 户"]
    assert items[0].deadline == dt.date(YEAR, 10, 30) and items[0].standard == pledges.standards_for(branch)[2]
    again = PledgeDialog(None, pledge_id=dialog.pledge_id)
    qtbot.addWidget(again)
    assert [v.content for v in again.editor.values()] == [i.content for i in items]
    assert again.findChild(type(again.banner), "state").text() == "草稿"
    assert not again.is_dirty()


def test_refusal_marks_rows_and_keeps_everything_typed(qtbot, branch, member):
    dialog = PledgeDialog(None, org_id=branch.id, member_id=member.id, year=YEAR)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editor
    fill(editor.rows[0], "修通村道", f"{YEAR + 5}-01-01")
    editor.add_item()
    editor.add_item()
    fill(editor.rows[2], "", f"{YEAR}-06-30")  # row 2 stays blank and is skipped
    assert not dialog.try_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert editor.rows[0].error.isVisible() and "完成时限" in editor.rows[0].error.text()
    assert not editor.rows[1].error.isVisible()
    assert editor.rows[2].error.isVisible() and "第 2 项承诺内容" in editor.rows[2].error.text()
    assert dialog.banner.isVisible() and "保留" in dialog.banner.text()
    assert editor.rows[0].content.toPlainText() == "修通村道"
    assert editor.rows[0].deadline.text() == f"{YEAR + 5}-01-01"
    assert Pledge.select().count() == 0
    editor.rows[0].deadline.setText(f"{YEAR}-12-31")
    editor.rows[2].content.setPlainText("整治村容村貌")
    assert dialog.try_save()
    assert [i.content for i in pledges.items_of(dialog.pledge_id)] == ["修通村道", "整治村容村貌"]


def test_closing_with_unsaved_items_asks(qtbot, branch, member, answer_messages):
    dialog = PledgeDialog(None, org_id=branch.id, member_id=member.id, year=YEAR)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editor.rows[0].content.setPlainText("带头移风易俗")
    answer_messages.auto = lambda kind, title, text: False  # 取消: stay
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answer_messages.log[-1][0] == "ask_save"
    assert dialog.isVisible()
    assert dialog.editor.rows[0].content.toPlainText() == "带头移风易俗"
    answer_messages.auto = lambda kind, title, text: True  # 不保存
    dialog.close()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert Pledge.select().count() == 0


def test_lifecycle_through_the_buttons(qtbot, branch, member, driver):
    other = members.save(member_data(branch.id, name="李四", id_number=make_id("19800101", "011")))
    view = PledgesView()
    qtbot.addWidget(view)
    view.show_org(branch.id)
    assert "2 名党员未提出承诺" in view.summary.text()

    def pick(picker: MemberPicker):
        assert picker.list.count() == 3  # 组织承诺 and both members
        picker.select(member.id)
        picker.choose()

    def write(dialog: PledgeDialog):
        fill(dialog.editor.rows[0], "每月走访困难户 4 户", f"{YEAR}-12-31")
        assert dialog.try_save()

    driver.steps = [pick, write]
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    row = view.panel.current()
    assert row is not None and row[1] == "王建国" and row[STATE] == "草稿"
    def state():
        return Pledge.get_by_id(row[0]).state

    assert view.approve_button.isEnabled() and not view.evaluate_button.isEnabled()

    def reason(dialog: SendBackDialog):
        dialog.form.widget("return_reason").setPlainText("")
        assert not dialog.try_save()  # a reason is required
        assert dialog.form.fields["return_reason"].error.text()
        dialog.form.widget("return_reason").setPlainText("请写明走访对象")
        assert dialog.try_save()

    driver.steps = [reason]
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert state() == "退回" and view.resubmit_button.isEnabled()
    assert Pledge.get_by_id(row[0]).return_reason == "请写明走访对象"

    def sees_reason(dialog: PledgeDialog):
        assert "请写明走访对象" in dialog.findChild(type(dialog.banner), "return_reason").text()
        dialog.editor.rows[0].content.setPlainText("每月走访五保户张某等 4 户")
        assert dialog.save_and_resubmit()

    driver.steps = [sees_reason]
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert state() == "草稿"
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)  # ask() auto-answered 是
    assert state() == "已审定"

    def post(dialog: PublishDialog):
        assert dialog.form.values()["scope"] == ""  # one or all: the clerk says which
        assert not dialog.try_save()
        assert dialog.form.fields["scope"].error.text() == "请选择公示范围。"
        dialog.form.set_value("scope", "all")
        dialog.form.widget("notice_end").setText(f"{YEAR - 1}-01-01")
        assert not dialog.try_save()
        assert "早于" in dialog.form.fields["notice_end"].error.text()
        dialog.form.widget("notice_start").setText(f"{YEAR}-01-05")
        dialog.form.widget("notice_end").setText(f"{YEAR}-01-11")
        assert dialog.try_save()

    driver.steps = [post]
    qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
    p = Pledge.get_by_id(row[0])
    assert p.state == "已公示" and p.notice_end == dt.date(YEAR, 1, 11)
    assert view.panel.current()[6] == dt.date(YEAR, 1, 11)

    def judge_too_early(dialog: EvaluateDialog):
        assert dialog.form.values()["evaluation"] == ""  # the meeting's verdict is never pre-set
        dialog.form.set_value("evaluation", "较好")
        assert not dialog.try_save()  # the item has no 践诺 yet
        assert "践诺" in dialog.form.fields["evaluation"].error.text()
        dialog.reject()

    driver.steps = [judge_too_early]
    qtbot.mouseClick(view.evaluate_button, Qt.MouseButton.LeftButton)
    item = pledges.items_of(row[0])[0]
    pledges.record_fulfilment(item.id, "已兑现", progress="已走访 4 户")

    def judge(dialog: EvaluateDialog):
        dialog.form.set_value("evaluation", "较好")
        dialog.form.widget("evaluation_note").setPlainText("群众满意")
        assert dialog.try_save()

    driver.steps = [judge]
    qtbot.mouseClick(view.evaluate_button, Qt.MouseButton.LeftButton)
    p = Pledge.get_by_id(row[0])
    assert (p.state, p.evaluation) == ("已评诺", "较好")
    assert view.panel.current()[STATE] == "已评诺"
    assert not any(b.isEnabled() for b in (view.approve_button, view.back_button, view.evaluate_button))
    assert other.id not in pledges.pledged_member_ids(branch.id, YEAR)


def test_record_fulfilment_unfulfilled_needs_a_reason(qtbot, branch, member):
    p = pledges.save_draft(branch.id, member.id, YEAR, [
        {"content": "修通村道", "deadline": f"{YEAR}-10-30"},
        {"content": "帮扶困难户", "deadline": f"{YEAR}-12-31"},
    ])
    pledges.approve(p.id)
    dialog = PledgeDialog(None, pledge_id=p.id)
    qtbot.addWidget(dialog)
    dialog.show()
    first, second = dialog.editor.rows
    assert not hasattr(first, "content")  # approved: the wording cannot change
    first.state.setCurrentText("未兑现")
    assert first.reason.isEnabled()
    second.state.setCurrentText("已兑现")
    second.progress.setPlainText("已帮扶 2 户")
    assert not dialog.try_save()
    assert first.error.isVisible() and "原因" in first.error.text()
    assert not second.error.isVisible()
    assert [i.state for i in pledges.items_of(p.id)] == ["未开始", "未开始"]  # all or nothing
    assert second.progress.toPlainText() == "已帮扶 2 户"
    first.reason.setText("汛期施工推迟，列入明年计划")
    assert dialog.try_save()
    items = pledges.items_of(p.id)
    assert [(i.state, i.reason, i.progress) for i in items] == [
        ("未兑现", "汛期施工推迟，列入明年计划", ""), ("已兑现", "", "已帮扶 2 户")]
    again = PledgeDialog(None, pledge_id=p.id)
    qtbot.addWidget(again)
    assert again.editor.rows[0].state.currentText() == "未兑现" and not again.is_dirty()


def test_committee_lists_its_branches_pledges(qtbot, branch, member):
    pledges.save_draft(branch.id, member.id, YEAR, [{"content": "a", "deadline": f"{YEAR}-12-31"}])
    view = PledgesView()
    qtbot.addWidget(view)
    view.show_org(branch.parent_id)
    assert view.hint.isVisibleTo(view) and "党支部" in view.hint.text()
    assert view.panel.model.rowCount() == 1 and not view.panel.table.isColumnHidden(1)
    assert view.panel.model.index(0, 1).data() == "东风村党支部"
    view.show_org(branch.id)
    assert not view.hint.isVisibleTo(view) and view.panel.table.isColumnHidden(1)
    view.year.setValue(YEAR - 1)
    assert view.panel.model.rowCount() == 0


def test_pledge_rows_model(qtmodeltester, branch, member):
    pledges.save_draft(branch.id, member.id, YEAR, [{"content": "a", "deadline": f"{YEAR}-12-31"}])
    view = PledgesView()
    view.show_org(branch.id)
    qtmodeltester.check(view.panel.model)
    assert PledgeItem.select().count() == 1
