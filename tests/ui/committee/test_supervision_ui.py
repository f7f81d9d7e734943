"""打印 → 进展情况通报…, 整改通知…, 实施方案/年度计划…, and the 首页's supervision lists,
driven as a clerk would: typed in, saved, reopened, previewed."""
import datetime as dt

from PySide6.QtWidgets import QComboBox

from models.campaign import plans, rectification
from tests.printing.pdfcheck import compact, text
from tests.ui.committee import test_committee_ui as committee_ui
from tests.ui.conftest import type_text
from ui.campaign.plan_dialog import PlanDialog
from ui.committee.home_view import HomeView
from ui.committee.rectification_dialog import DoneDialog, IssueDialog, RectificationDialog
from ui.widgets import modal

YEAR = committee_ui.YEAR
test_fonts = committee_ui.test_fonts   # a generated font in the settings: no Chinese font needed


def test_plan_typed_saved_and_reopened(qtbot, town, answer_messages):
    dialog = PlanDialog(None, town["org"], YEAR)
    qtbot.addWidget(dialog)
    assert "还没有年度计划" in dialog.status.text() and not dialog.is_dirty()
    type_text(qtbot, dialog.goals, "争创五好党支部")
    dialog.add_button.click()
    dialog.add_button.click()
    period = dialog.table.cellWidget(0, 0)
    assert isinstance(period, QComboBox)
    period.setCurrentIndex(period.findData(plans.QUARTER_BASE + 2))  # 第二季度
    dialog.table.item(0, 1).setText("召开第二季度评议会")
    dialog.table.item(0, 2).setText("支部书记")
    dialog.table.cellWidget(1, 0).setCurrentIndex(2)  # 3月
    dialog.table.item(1, 1).setText("组织党员公开承诺")
    assert dialog.is_dirty()
    assert dialog.try_save()
    assert not dialog.is_dirty()
    again = PlanDialog(None, town["org"], YEAR)
    qtbot.addWidget(again)
    assert again.goals.toPlainText() == "争创五好党支部"
    assert [again.table.item(r, 1).text() for r in range(again.table.rowCount())] == [
        "组织党员公开承诺", "召开第二季度评议会"]  # kept in time order: 3月 before 第二季度
    again.table.item(0, 1).setText("")
    again.table.item(0, 2).setText("王支书")  # a responsible person without content is refused
    assert not again.try_save() and "内容" in answer_messages.log[-1][2]


def test_plan_read_only_cannot_save(qtbot, town):
    dialog = PlanDialog(None, town["org"], YEAR, read_only=True)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled() and not dialog.add_button.isEnabled()


def test_notice_issued_marked_done_and_previewed(qtbot, town, test_fonts, answer_messages):
    dialog = RectificationDialog(None, town["top"])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0

    def issue(d):
        assert isinstance(d, IssueDialog) and d.org.currentData() == town["org"]
        type_text(qtbot, d.problems, "第三季度未召开评议会")
        d.save()
    modal.driver.run = issue
    dialog.issue()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "未整改"
    previews = []
    modal.driver.run = lambda d: (previews.append(d), d.reject())
    dialog.preview()
    qtbot.waitUntil(lambda: bool(previews), timeout=20000)
    whole = "".join(compact(p) for p in text(previews[-1].pdf))
    assert "关于限期整改的通知" in whole and "第三季度未召开评议会" in whole

    def done(d):
        assert isinstance(d, DoneDialog)
        type_text(qtbot, d.remarks, "已补开")
        d.save()
    modal.driver.run = done
    dialog.mark_done()
    assert dialog.table.item(0, 4).text() == "已整改"
    assert rectification.list_rows()[0].state == "已整改"


def test_home_lists_notices_and_branches_without_a_plan(qtbot, town):
    today = dt.date(YEAR, 5, 15)
    late = rectification.issue(town["org"], {"issued_on": f"{YEAR}-04-01", "deadline": f"{YEAR}-05-01",
                                             "problems": "群众满意率偏低"})
    rectification.issue(town["org"], {"issued_on": f"{YEAR}-04-01", "deadline": f"{YEAR}-09-01",
                                      "problems": "还早"})
    home = HomeView()
    home.today = today
    committee_ui.shown(qtbot, home, town["top"])
    t = home.rectifications
    assert t.rowCount() == 1 and t.text_at(0, 1) == "群众满意率偏低" and t.text_at(0, 3) == "逾期 14 天"
    assert home.no_plans.rowCount() == 1 and home.no_plans.text_at(0, 0) == "东风村党支部"
    modal.driver.run = lambda d: d.save()
    assert home.open_rectification(0)
    assert rectification.get(late.id).state == "已整改"
    assert home.rectifications.rowCount() == 0 and "没有临近或超过" in home.titles[home.rectifications].text()
    plans.save(town["org"], YEAR, plans.PlanInput("目标"))
    home.reload()
    committee_ui.computed(qtbot, home)
    assert home.no_plans.rowCount() == 0


def test_bulletin_from_the_print_menu(qtbot, town, test_fonts):
    from ui.prints.campaign_prints import BulletinOptions, print_bulletin

    previews = []

    def drive(d):
        if isinstance(d, BulletinOptions):
            d.year.setValue(YEAR)
            d.accept()
        else:
            previews.append(d)
            d.reject()
    modal.driver.run = drive
    print_bulletin(None)
    qtbot.waitUntil(lambda: bool(previews), timeout=20000)
    whole = "".join(compact(p) for p in text(previews[-1].pdf))
    assert f"关于{YEAR}年创先争优活动进展情况的通报" in whole and "东风村党支部：" in whole


def test_print_menu_entries_open_the_editors(qtbot, demo_db, db_path, monkeypatch, answer_messages):
    from tests.ui.test_main_window import make_window

    w = make_window(qtbot, db_path)
    entries = {a.text(): a for a in w.print_menu.actions()}
    assert {"进展情况通报…", "整改通知…", "实施方案/年度计划…"} <= set(entries)
    opened = []
    monkeypatch.setattr(PlanDialog, "exec", lambda self: opened.append((self.org_id, self.read_only)) or 0)
    monkeypatch.setattr(w.tree, "current_id", lambda: None)
    entries["实施方案/年度计划…"].trigger()
    assert not opened and "请先在左侧选择" in answer_messages.log[-1][2]
    branch = committee_ui.Organization.select().where(committee_ui.Organization.level == "党支部").first()
    monkeypatch.setattr(w.tree, "current_id", lambda: branch.id)
    entries["实施方案/年度计划…"].trigger()
    assert opened == [(branch.id, False)]


def test_plan_year_change_keeps_unsaved_edits_apart(qtbot, town, answer_messages):
    dialog = PlanDialog(None, town["org"], YEAR)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.goals, "本年目标")
    answer_messages.auto = lambda kind, title, text: False  # 取消: stay on the year
    dialog.year.setValue(YEAR + 1)
    assert dialog.year.value() == YEAR and dialog.goals.toPlainText() == "本年目标"
    assert plans.load(town["org"], YEAR) is None
    answer_messages.auto = lambda kind, title, text: True  # 不保存
    dialog.year.setValue(YEAR + 1)
    assert dialog.goals.toPlainText() == "" and plans.load(town["org"], YEAR) is None
    type_text(qtbot, dialog.goals, "明年目标")
    assert dialog.try_save() and plans.load(town["org"], YEAR + 1).goals == "明年目标"
