"""The 季度评议 tab and dialog: type a meeting and its paper tallies in, get refused, read back."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QRadioButton

from models.campaign import reviews
from models.names import stroke_sort_key
from models.roster import members
from models.safety import opening
from models.store import db as dbmod
from models.store.tables import Member, MutualTally, Review
from tests.helpers import make_id, member_data
from ui.campaign.review_dialog import ReviewDialog
from ui.campaign.reviews_view import ReviewsView
from ui.widgets import modal

LAST_YEAR = dt.date.today().year - 1
EDIT = Qt.ItemDataRole.EditRole


@pytest.fixture
def roster(branch):
    return [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:02d}1")))
            for i, n in enumerate(("张三", "李四", "王五"))]


def row_of(model, member):
    return model.keys.index(member.id) if hasattr(model, "keys") else model.member_ids.index(member.id)


def put(model, row, block, counts):
    """Type one block of counts into a row, as the delegate would."""
    r = row
    for level, value in enumerate(counts):
        assert model.setData(model.index(r, model.column_of(block, level)), value, EDIT)


def fill_record(dialog):
    f = dialog.form
    f.set_value("year", LAST_YEAR)
    f.set_value("quarter", 2)
    f.widget("date").setText(f"{LAST_YEAR}-05-20")
    f.widget("place").setText("村党员活动室")
    f.set_value("host", "张三")
    f.widget("results").setPlainText("修通村道 2 公里")


def test_create_review_refused_then_saved_and_read_back(qtbot, branch, roster, db_path):
    zhang, li, wang = roster
    dialog = ReviewDialog(None, branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_record(dialog)
    att = dialog.attendance.model
    assert att.names == sorted(att.names, key=stroke_sort_key)  # 姓氏笔画 order
    assert att.setData(att.index(row_of(att, wang), 1), "请假", EDIT)
    assert att.setData(att.index(row_of(att, wang), 2), "外出务工", EDIT)
    assert "应到 3 人　实到 2 人　请假 1 人" in dialog.attendance.counts.text()
    assert "实到 2 人" in dialog.mutual.present_label.text()
    dialog.mutual.voters.setValue(2)
    mutual = dialog.mutual.model
    put(mutual, row_of(mutual, zhang), 0, (1, 1, 0, 0))
    put(mutual, row_of(mutual, li), 0, (2, 1, 0, 0))  # three ballots, but only two voted
    assert mutual.over(row_of(mutual, li), 0) and not mutual.over(row_of(mutual, zhang), 0)
    total = mutual.index(row_of(mutual, li), mutual.column_of(0, None))
    assert total.data() == 3 and total.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "1 人" in dialog.mutual.summary.text()
    mass = dialog.mass
    mass.party.setValue(2)
    mass.public.setValue(10)
    put(mass.org_model, 0, 1, (8, 1, 1, 0))  # item 1, 群众 block
    put(mass.item_models[1], row_of(mass.item_models[1], zhang), 1, (5, 5, 0, 0))  # item 2, 群众 block
    assert "群众 90.0%" in mass.rate.text()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.mutual.error.isVisible() and "李四的互评票数合计 3 张，超过" in dialog.mutual.error.text()
    assert dialog.tabs.currentIndex() == 2 and "有误" in dialog.tabs.tabText(2)
    assert dialog.banner.isVisible() and "党员互评" in dialog.banner.text()
    assert Review.select().count() == 0
    assert mutual.counts(row_of(mutual, li), 0) == (2, 1, 0, 0)  # nothing typed is lost
    assert dialog.form.widget("place").text() == "村党员活动室"

    put(mutual, row_of(mutual, li), 0, (1, 1, 0, 0))
    assert dialog.try_save()
    review_id = dialog.review_id
    dbmod.close()
    opening.connect(db_path)
    saved = reviews.load(review_id)
    assert (saved.year, saved.quarter, saved.date) == (LAST_YEAR, 2, dt.date(LAST_YEAR, 5, 20))
    assert saved.texts["place"] == "村党员活动室" and saved.texts["host"] == "张三"
    assert saved.attendance == {zhang.id: ("出席", ""), li.id: ("出席", ""), wang.id: ("请假", "外出务工")}
    assert saved.mutual == {zhang.id: (1, 1, 0, 0), li.id: (1, 1, 0, 0)}
    assert (saved.mutual_voters, saved.mass_party_voters, saved.mass_public_voters) == (2, 2, 10)
    assert {(m.member_id, m.item, m.group, m.satisfied, m.fairly, m.basic, m.unsatisfied) for m in saved.mass} == {
        (None, 1, "群众", 8, 1, 1, 0), (zhang.id, 2, "群众", 5, 5, 0, 0)}
    assert Review.get_by_id(review_id).expected == 3


def test_record_errors_sit_beside_fields(qtbot, branch, roster):
    dialog = ReviewDialog(None, branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_record(dialog)
    dialog.form.widget("date").setText(f"{LAST_YEAR}-01-05")  # not in the second quarter
    att = dialog.attendance.model
    att.setData(att.index(0, 1), "请假", EDIT)  # no reason
    assert not dialog.try_save()
    assert "第二季度" in dialog.form.fields["date"].error.text()
    assert not dialog.attendance.error.isHidden() and "请假原因" in dialog.attendance.error.text()
    assert dialog.tabs.currentIndex() == 0
    assert "有误" in dialog.tabs.tabText(0) and "有误" in dialog.tabs.tabText(1)
    assert "有误" not in dialog.tabs.tabText(2)


def test_reopen_for_edit(qtbot, branch, roster):
    zhang, li, wang = roster
    review = reviews.save(branch.id, reviews.ReviewInput(
        year=LAST_YEAR, quarter=3, date=f"{LAST_YEAR}-08-20", texts={"place": "村部"},
        mutual_voters=2, mass_party_voters=2, mass_public_voters=10,
        attendance={zhang.id: ("出席", ""), li.id: ("出席", ""), wang.id: ("缺席", "")},
        mutual={zhang.id: (2, 0, 0, 0)},
        mass=[reviews.MassCounts(3, "党员", 2, 0, 0, 0, member_id=li.id),
              reviews.MassCounts(5, "群众", 6, 4, 0, 0)]))
    dialog = ReviewDialog(None, branch.id, review.id)
    qtbot.addWidget(dialog)
    assert not dialog.is_dirty()
    assert dialog.form.values()["quarter"] == 3 and dialog.form.widget("place").text() == "村部"
    att, mutual = dialog.attendance.model, dialog.mutual.model
    assert att.states[row_of(att, wang)] == "缺席"
    assert mutual.counts(row_of(mutual, zhang), 0) == (2, 0, 0, 0)
    third = dialog.mass.item_models[2]
    assert third.counts(row_of(third, li), 0) == (2, 0, 0, 0)  # item 3, 党员 block
    assert dialog.mass.org_model.counts(4, 1) == (6, 4, 0, 0)
    dialog.mass.findChild(QRadioButton, "item_3").setChecked(True)
    assert dialog.mass.member_table.model() is third
    put(mutual, row_of(mutual, li), 0, (0, 2, 0, 0))
    assert dialog.is_dirty()
    assert dialog.try_save()
    assert MutualTally.select().count() == 2  # replaced, never duplicated
    assert reviews.load(review.id).mutual[li.id] == (0, 2, 0, 0)
    assert Review.select().count() == 1


def test_typing_counts_through_the_table(qtbot, branch, roster):
    dialog = ReviewDialog(None, branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    table, model = dialog.mutual.table, dialog.mutual.model
    table.setCurrentIndex(model.index(0, 2))  # moving onto a cell opens its editor
    editor = table.indexWidget(table.currentIndex())
    assert isinstance(editor, QLineEdit) and editor.validator() is not None
    qtbot.keyClicks(editor, "7x")  # the letter is refused by the validator
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # commits and moves right
    assert model.counts(0, 0) == (0, 7, 0, 0)
    qtbot.waitUntil(lambda: table.currentIndex().column() == 3)
    editor = table.indexWidget(table.currentIndex())  # the open editor of the new cell
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits and goes down the column, never saves
    qtbot.waitUntil(lambda: table.currentIndex().row() == 1)
    assert table.currentIndex().column() == 3 and dialog.isVisible()
    assert model.counts(0, 0) == (0, 7, 2, 0)
    qtbot.keyClick(table.indexWidget(table.currentIndex()), Qt.Key.Key_Return)  # an empty cell: just go on
    qtbot.waitUntil(lambda: table.currentIndex().row() == 2)
    assert dialog.isVisible() and model.counts(1, 0) == (0, 0, 0, 0)
    put(model, 0, 0, (0, 7, 0, 0))
    assert model.over(0, 0)  # nobody has been said to vote yet
    dialog.mutual.voters.setValue(2)
    assert model.over(0, 0)
    dialog.mutual.voters.setValue(7)
    assert not model.over(0, 0)


def test_unsaved_review_asks_before_closing(qtbot, branch, roster, answer_messages):
    dialog = ReviewDialog(None, branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mass.public.setValue(30)
    answer_messages.auto = lambda kind, title, text: False  # 取消
    dialog.reject()
    assert answer_messages.log[-1][0] == "ask_save" and dialog.isVisible()
    assert dialog.mass.public.value() == 30
    answer_messages.auto = lambda kind, title, text: True  # 不保存
    dialog.reject()
    assert not dialog.isVisible()


def test_view_lists_reviews_and_names_missing_quarters(qtbot, branch, roster):
    today = dt.date.today()
    view = ReviewsView()
    qtbot.addWidget(view)
    view.show_org(branch.id)
    assert view.hint.isVisibleTo(view) and "第一季度" in view.hint.text()
    assert not view.open_button.isEnabled()

    def write(dialog: ReviewDialog):
        dialog.form.set_value("year", today.year)
        dialog.form.set_value("quarter", 1)
        dialog.form.widget("date").setText(f"{today.year}-01-10")
        dialog.form.widget("place").setText("村部")
        assert dialog.try_save()

    modal.driver.run = write
    try:
        qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    finally:
        modal.driver.run = None
    row = view.panel.current()
    assert row is not None and row[2] == "第一季度" and row[5] == 3 and row[6] == 3
    assert "第一季度" not in view.hint.text()
    view.show_org(branch.parent_id)
    assert "党支部" in view.hint.text() and view.panel.model.rowCount() == 0


def test_big_branch_lists_everyone(qtbot, branch):
    """300 members in every tally (bench/dialogs.py times the opening)."""
    names = [f"张{chr(0x4e00 + i)}{chr(0x4e00 + i * 7 % 900)}" for i in range(300)]
    Member.insert_many([{"org": branch.id, "name": n, "stroke_key": stroke_sort_key(n)} for n in names]).execute()
    dialog = ReviewDialog(None, branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    data = dialog.collect()
    assert len(data.attendance) == 300 and dialog.mass.item_models[0].rowCount() == 300


def test_tally_models(qtmodeltester, branch, roster):
    dialog = ReviewDialog(None, branch.id)
    for model in (dialog.attendance.model, dialog.mutual.model, dialog.mass.org_model,
                  dialog.mass.item_models[0]):
        qtmodeltester.check(model)


def test_mass_grid_one_item_at_a_time(qtbot, branch, roster):
    """群众评议 of members: one item per page, 党员 and 群众 side by side, full level names, and each
    item's button says how many totals are over as they are typed."""
    zhang, li, _wang = roster
    dialog = ReviewDialog(None, branch.id)
    qtbot.addWidget(dialog)
    dialog.show()
    mass = dialog.mass
    model = mass.member_table.model()
    assert model is mass.item_models[0]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["姓名", "党员\n满意", "党员\n比较满意", "党员\n基本满意", "党员\n不满意", "党员\n合计",
                       "群众\n满意", "群众\n比较满意", "群众\n基本满意", "群众\n不满意", "群众\n合计"]
    mass.party.setValue(2)
    mass.public.setValue(5)
    button = mass.findChild(QRadioButton, "item_4")
    assert button.text() == "④联系和服务群众情况"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    fourth = mass.item_models[3]
    assert mass.member_table.model() is fourth
    put(fourth, row_of(fourth, zhang), 1, (4, 2, 0, 0))  # six 群众 ballots, five voted
    put(fourth, row_of(fourth, li), 0, (2, 0, 0, 0))
    assert button.text() == "④联系和服务群众情况（1 人超出）"
    assert mass.findChild(QRadioButton, "item_1").text() == "①参加创先争优活动情况"
    put(fourth, row_of(fourth, zhang), 1, (3, 2, 0, 0))
    assert button.text() == "④联系和服务群众情况"
    data = dialog.collect()
    assert {(m.member_id, m.item, m.group, m.satisfied, m.fairly) for m in data.mass if m.member_id} == {
        (zhang.id, 4, "群众", 3, 2), (li.id, 4, "党员", 2, 0)}
