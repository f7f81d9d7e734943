"""The 表彰 page as the committee uses it: picking some of the nominations (not all), refusing one
(不予表彰), deciding without a notice only when confirmed, Excel lists, the level on the
certificates; and the 示范点 mark on the 概况 page."""
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from models.commendation import nominations as cm
from models.config import settings
from models.errors import ValidationError
from models.roster import organizations
from models.store.tables import Organization
from tests.models.township import YEAR
from tests.ui.conftest import type_text
from ui.committee.commendation_view import (
    SHOWN_NAME,
    SHOWN_ORG,
    CommendationView,
)
from ui.widgets import modal

MEMBER = "优秀共产党员"
PEOPLE = ("王建国", "李红", "张伟")


def proposed(town, level="基层党委"):
    return {n: cm.propose(YEAR, MEMBER, member_id=town["ids"][n], level=level, on="2026-06-01").id
            for n in PEOPLE}


def reviewed(town, level="基层党委"):
    ids = proposed(town, level)
    cm.review(YEAR, MEMBER, [ids[n] for n in PEOPLE], level=level, on="2026-06-10")
    return ids


def page(qtbot, town, level="基层党委"):
    view = CommendationView()
    qtbot.addWidget(view)
    view.year.setValue(YEAR)
    view.level.setCurrentText(level)
    view.title.setCurrentText(MEMBER)
    view.show_org(town["top"])
    view.show()
    qtbot.waitExposed(view)
    return view


def rows(panel):
    return [panel.model.row_tuple(i) for i in range(panel.model.rowCount())]


def click_rows(qtbot, panel, names):
    """Click the first name, Ctrl+click the others, as a clerk picks several rows."""
    table = panel.table
    for n, name in enumerate(names):
        row = next(i for i, r in enumerate(rows(panel)) if r.name == name)
        rect = table.visualRect(panel.model.index(row, 1))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    assert sorted(r.name for r in panel.selected()) == sorted(names)


def dated(day):
    def fill(dialog):
        dialog.show()
        dialog.form.widget("on").setText(day)
        assert dialog.try_save(), dialog.banner.text()
    return fill


def states(ids):
    return {n: cm.get(i).state for n, i in ids.items()}


# ------------------------------------------------------------------ picking a subset

def test_deciding_two_of_three_selected_decides_exactly_those(qtbot, town, answer_messages):
    ids = reviewed(town)
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    view = page(qtbot, town)
    click_rows(qtbot, view.nominations, ["王建国", "张伟"])
    modal.driver.run = dated("2026-06-28")
    assert view.decide_selected()
    assert states(ids) == {"王建国": "已决定", "李红": "已审核", "张伟": "已决定"}
    assert not [a for a in answer_messages.log if a[0] == "ask"]  # a selection needs no question
    assert {r.name: r.state for r in rows(view.nominations)} == {
        "王建国": "已决定", "李红": "已审核", "张伟": "已决定"}


def test_reviewing_two_of_three_selected_passes_only_those(qtbot, town):
    ids = proposed(town)
    view = page(qtbot, town)
    click_rows(qtbot, view.nominations, ["李红", "张伟"])
    modal.driver.run = dated("2026-06-10")
    assert view.review_selected()
    assert states(ids) == {"王建国": "已推荐", "李红": "已审核", "张伟": "已审核"}
    assert (cm.get(ids["李红"]).rank, cm.get(ids["张伟"]).rank) == (1, 2)


def test_nothing_selected_asks_before_taking_all_shown(qtbot, town, answer_messages):
    ids = reviewed(town)
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    view = page(qtbot, town)
    view.nominations.table.clearSelection()
    view.nominations.search.setText("王")  # only 王建国 is shown
    answer_messages.auto = lambda kind, title, text: False
    assert not view.decide_selected()
    kind, _title, asked = answer_messages.log[-1]
    assert kind == "ask" and "全部 1 个经党委审核对象（王建国）" in asked
    assert set(states(ids).values()) == {"已审核"}
    answer_messages.auto = lambda kind, title, text: True
    modal.driver.run = dated("2026-06-28")
    assert view.decide_selected()
    assert states(ids) == {"王建国": "已决定", "李红": "已审核", "张伟": "已审核"}


def test_deciding_without_a_notice_is_confirmed_first(qtbot, town, answer_messages):
    ids = reviewed(town)
    view = page(qtbot, town)
    click_rows(qtbot, view.nominations, ["李红"])
    opened = []
    modal.driver.run = lambda dialog: (opened.append(dialog), dialog.reject())
    answer_messages.auto = lambda kind, title, text: False  # the clerk says no
    assert not view.decide_selected()
    assert answer_messages.log[-1][2].startswith("尚未发布拟表彰对象公示，确定直接决定吗？")
    assert "李红" in answer_messages.log[-1][2] and not opened
    assert states(ids)["李红"] == "已审核"
    answer_messages.auto = lambda kind, title, text: True
    click_rows(qtbot, view.nominations, ["李红"])
    modal.driver.run = dated("2026-06-28")
    assert view.decide_selected()
    assert states(ids)["李红"] == "已决定" and cm.steps(ids["李红"])[-1][3] == "未经公示"


def test_a_decision_during_the_notice_is_refused_next_to_the_date(qtbot, town):
    ids = reviewed(town)
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    view = page(qtbot, town)
    click_rows(qtbot, view.nominations, ["王建国"])
    seen = {}

    def fill(dialog):
        dialog.show()
        dialog.form.widget("on").setText("2026-06-24")
        assert not dialog.try_save()
        seen["error"] = dialog.form.fields["on"].error.text()
        dialog.reject()

    modal.driver.run = fill
    assert not view.decide_selected()
    assert seen["error"].startswith("公示期未满") and states(ids)["王建国"] == "已审核"


# ------------------------------------------------------------------ 不予表彰

def test_decline_from_the_page(qtbot, town, answer_messages):
    ids = reviewed(town)
    view = page(qtbot, town)
    view.nominations.table.clearSelection()
    assert not view.decline_button.isEnabled()
    assert not view.decline_selected()  # never "all" for a refusal
    assert "请先选中" in answer_messages.log[-1][2]
    click_rows(qtbot, view.nominations, ["张伟"])
    assert view.decline_button.isEnabled()
    seen = {}

    def fill(dialog):
        dialog.show()
        dialog.form.widget("on").setText("2026-06-24")
        assert not dialog.try_save()  # the reason is required
        seen["error"] = dialog.form.fields["reason"].error.text()
        type_text(qtbot, dialog.form.widget("reason"), "公示期间收到反映，经核实属实")
        type_text(qtbot, dialog.form.widget("by"), "镇党委会议")
        assert dialog.try_save()

    modal.driver.run = fill
    assert view.decline_selected()
    assert "原因" in seen["error"]
    zhang = next(r for r in rows(view.nominations) if r.name == "张伟")
    assert (zhang.state, zhang.return_reason) == ("不予表彰", "公示期间收到反映，经核实属实")
    assert states(ids) == {"王建国": "已审核", "李红": "已审核", "张伟": "不予表彰"}
    nom = cm.get(ids["张伟"])
    assert (nom.decided_on.isoformat(), nom.decided_by) == ("2026-06-24", "镇党委会议")
    cand = next(r for r in rows(view.candidates) if r.name == "张伟")
    assert cand.state == "不予表彰"
    view.candidates.select_where(lambda r: r.name == "张伟")
    assert not view.propose_button.isEnabled()  # final: the branch cannot put him forward again
    view.nominations.select_where(lambda r: r.id == ids["张伟"])
    assert "不予表彰" in view.history.toPlainText() and "经核实属实" in view.history.toPlainText()
    assert "不予表彰 1" in view.status.text()


# ------------------------------------------------------------------ Excel lists

def test_candidate_and_award_lists_export(qtbot, town, tmp_path, monkeypatch, answer_messages):
    from ui.exchange import export_actions

    view = page(qtbot, town)
    assert view.export_candidates() is None and "还没有经党委审核" in answer_messages.log[-1][2]
    ids = reviewed(town)
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    cm.decline([ids["张伟"]], "经核实有问题", on="2026-06-24")
    cm.decide([ids["王建国"], ids["李红"]], on="2026-06-28")
    cm.record_awards(YEAR)
    target = tmp_path / "名单.xlsx"
    monkeypatch.setattr(export_actions, "choose_save_file", lambda *a: str(target))
    assert view.export_candidates() == target
    ws = load_workbook(target).active
    assert ws["A1"].value == "2025年度基层党委拟表彰对象名单" and ws["C2"].value == "姓名（组织名称）"
    assert [ws.cell(r, 3).value for r in range(3, ws.max_row + 1)] == ["王建国", "李红"]
    assert view.export_awards() == target
    ws = load_workbook(target).active
    assert ws["A1"].value == "2025年度基层党委创先争优表彰名单"
    assert [(ws.cell(r, 1).value, ws.cell(r, 4).value) for r in range(3, ws.max_row + 1)] == [
        ("先锋〔2026〕1号", "王建国"), ("先锋〔2026〕2号", "李红")]


# ------------------------------------------------------------------ the level on certificates

def test_certificates_of_the_pages_level(qtbot, town):
    settings.put({"city_committee_name": "中共新城市委员会"})
    ids = reviewed(town, "市委")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26", level="市委")
    cm.decide(list(ids.values()), on="2026-06-30")
    cm.record_awards(YEAR, level="市委")
    view = page(qtbot, town, "市委")
    seen = {}

    def look(dialog):
        seen["level"] = dialog.level.currentText()
        seen["note"] = dialog.issuer_note.text()
        seen["issuers"] = {c.issuer for c in dialog.certificates()}
        dialog.level.setCurrentText("基层党委")
        seen["basic_note"] = dialog.issuer_note.text()
        with pytest.raises(ValidationError, match="基层党委表彰"):
            dialog.certificates()
        dialog.reject()

    modal.driver.run = look
    view.print_certificates()
    assert seen["level"] == "市委" and seen["issuers"] == {"中共新城市委员会"}
    assert "落款单位：中共新城市委员会" in seen["note"]
    assert "落款单位：中共先锋镇委员会" in seen["basic_note"]


# ------------------------------------------------------------------ 示范点 on the 概况 page

def test_demo_point_shown_and_guarded_on_the_profile(qtbot, town):
    from ui.roster.org_dialog import OrgDialog
    from ui.roster.profile_view import ProfileView

    profile = ProfileView()
    qtbot.addWidget(profile)
    profile.show_org(town["org"])
    box = profile.form.widget("is_demo_point")
    assert not box.isEnabled() and "只有受到“先进基层党组织”表彰" in box.toolTip()
    assert not profile.honours.isVisibleTo(profile)
    box.setChecked(True)  # even if the box were ticked, the service's rule refuses
    assert not profile.save()
    assert "不能确定为示范点" in profile.form.fields["is_demo_point"].error.text()
    assert not organizations.get(town["org"]).is_demo_point
    with pytest.raises(ValidationError, match="不能确定为示范点"):
        organizations.save(dict(organizations.as_form(organizations.get(town["org"])), is_demo_point=True),
                           town["org"])
    new = OrgDialog(None, town["top"])
    qtbot.addWidget(new)
    assert not new.form.widget("is_demo_point").isEnabled()

    # marked before the rule (as the demo data is): shown although no honour is on record
    Organization.update(is_demo_point=True).where(Organization.id == town["org"]).execute()
    profile.show_org(town["org"])
    assert profile.honours.isVisibleTo(profile) and profile.honours.text() == "示范点"
    assert profile.form.widget("is_demo_point").isEnabled()  # may be taken off
    assert profile.save()

    Organization.update(is_demo_point=False).where(Organization.id == town["org"]).execute()
    cm.add_award(2024, "先进基层党组织", org_id=town["org"], decided_on="2024-06-28",
                 certificate_no="先锋〔2024〕3号")
    profile.show_org(town["org"])
    box = profile.form.widget("is_demo_point")
    assert box.isEnabled()
    box.setChecked(True)
    assert profile.save() and organizations.get(town["org"]).is_demo_point
    assert profile.honours.text().endswith("示范点")


def test_city_committee_name_in_settings(qtbot, db):
    from ui.config.settings_dialog import SettingsDialog

    d = SettingsDialog(None)
    qtbot.addWidget(d)
    assert d.org_form.widget("city_committee_name").text() == "中共××市委员会"
    d.org_form.widget("clerk_name").setText("李文书")
    d.org_form.widget("city_committee_name").setText("中共新城市委员会")
    assert d.try_save()
    assert settings.get("city_committee_name") == "中共新城市委员会"
    assert cm.issuer_for("市委") == "中共新城市委员会"


# ------------------------------------------------------------------ how the page reads

def test_an_organization_nominee_is_not_listed_twice_and_its_name_fits(qtbot, town):
    long_name = "先锋镇东风村第一经济合作社联合党支部"
    Organization.update(short_name=long_name).where(Organization.id == town["org"]).execute()
    cm.propose(YEAR, "先进基层党组织", org_id=town["org"], on="2025-11-01")
    view = page(qtbot, town)
    view.title.setCurrentText("先进基层党组织")
    for panel in (view.candidates, view.nominations):
        assert panel.model.headerData(SHOWN_ORG, Qt.Orientation.Horizontal) == "所在党组织"
        assert panel.table.isColumnHidden(SHOWN_ORG)  # the organization is its own 所在党组织
        assert long_name in [r.name for r in rows(panel)]
        assert panel.table.columnWidth(SHOWN_NAME) >= panel.fontMetrics().horizontalAdvance(long_name)
    view.nominations.select_where(lambda r: r.name == long_name)
    assert "中共东风村支部委员会" in view.history.toPlainText()  # the seal name, not the short one twice
    view.title.setCurrentText(MEMBER)  # people: their organization is worth a column again
    for panel in (view.candidates, view.nominations):
        assert not panel.table.isColumnHidden(SHOWN_ORG)
        assert panel.table.columnWidth(SHOWN_NAME) < panel.fontMetrics().horizontalAdvance(long_name)


def test_step_columns_give_the_date_and_a_short_issuer(qtbot, town):
    by = {"王建国": "东风村党支部", "李红": "东风村党支部", "张伟": "镇党委组织委员"}
    ids = {n: cm.propose(YEAR, MEMBER, member_id=town["ids"][n], on="2025-11-01", by=by[n]).id
           for n in PEOPLE}
    cm.review(YEAR, MEMBER, [ids[n] for n in PEOPLE], on="2025-11-10")
    cm.set_notice(YEAR, "2025-11-12", "2025-11-18")
    cm.decide([ids["王建国"]], on="2025-11-20")
    cm.decide([ids["李红"]], on="2026-01-05")  # decided early the next year: the year is said
    cm.decline([ids["张伟"]], "经核实有问题", on="2025-11-20", by="镇党委会议")
    view = page(qtbot, town)
    by_name = {r.name: r for r in rows(view.nominations)}
    assert by_name["王建国"].org_name == "东风村党支部"
    assert by_name["王建国"].proposed == "11-01 本组织"  # its own branch: named in the column beside
    assert by_name["张伟"].proposed == "11-01 镇党委组织委员"
    assert (by_name["王建国"].reviewed, by_name["王建国"].decided) == ("11-10 镇党委", "11-20 镇党委")
    assert by_name["李红"].decided == "2026-01-05 镇党委"
    assert by_name["张伟"].decided == "11-20 镇党委会议"  # anyone else as recorded
    for name in PEOPLE:
        assert "中共先锋镇委员会" not in by_name[name].decided
    view.nominations.select_where(lambda r: r.name == "王建国")
    assert "中共先锋镇委员会" in view.history.toPlainText()  # the full name stays in the 经过 pane


def test_the_rank_says_whose_ranking_it_is(qtbot, town):
    view = page(qtbot, town)
    header = view.candidates.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "全镇排名" and "全镇党员" in view.candidates_box.title()
    width = view.candidates.table.columnWidth(0)
    assert width >= view.candidates.table.horizontalHeader().fontMetrics().horizontalAdvance(header)
    view.title.setCurrentText("优秀党务工作者")  # ranked among all members: the numbers have gaps
    assert "全镇全体党员中" in view.candidates_box.title()
    view.show_org(town["org"])  # a branch picked on the left: the rank is within it
    assert view.candidates.model.headerData(0, Qt.Orientation.Horizontal) == "本组织排名"
    assert "东风村党支部全体党员中" in view.candidates_box.title()


def _history_table(view):
    from PySide6.QtGui import QTextTable

    tables = [f for f in view.history.document().rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1
    table = tables[0]
    return [[table.cellAt(r, c).firstCursorPosition().block().text() for c in range(table.columns())]
            for r in range(table.rows())]


def test_the_history_lists_one_step_a_line(qtbot, town):
    ids = reviewed(town)
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    cm.decide([ids["王建国"]], on="2026-06-28", note="党委会议集中审议")
    view = page(qtbot, town)
    view.nominations.select_where(lambda r: r.name == "王建国")
    # date | step | who, and the note on a line of its own under who
    lines = [[date, step, who.split("\u2028")] for date, step, who in _history_table(view)]
    assert lines == [
        ["2026-06-01", "推荐", ["东风村党支部", "王建国"]],
        ["2026-06-10", "审核", ["中共先锋镇委员会", "排第 1 位"]],
        ["2026-06-20", "公示", ["中共先锋镇委员会", "2026-06-20 至 2026-06-26"]],
        ["2026-06-28", "决定", ["中共先锋镇委员会", "党委会议集中审议"]]]


@pytest.mark.parametrize("today, state", [("2026-06-19", "未开始"), ("2026-06-20", "公示中"),
                                          ("2026-06-26", "公示中"), ("2026-06-27", "已结束")])
def test_the_notice_says_whether_it_is_still_running(qtbot, town, monkeypatch, today, state):
    import datetime as dt

    from ui.committee import commendation_view

    reviewed(town)
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    monkeypatch.setattr(commendation_view, "_today", lambda: dt.date.fromisoformat(today))
    view = page(qtbot, town)
    assert f"公示期 2026-06-20 至 2026-06-26（{state}）" in view.status.text()


def test_a_low_suggested_grade_shows_and_asks_before_proposing(qtbot, town, answer_messages, monkeypatch):
    """未评定 alone hid a 基本合格 suggestion: the committee must see it, and confirm to propose."""
    from models.assessment import scoring as assessment

    real = assessment.suggest_for
    low = town["ids"]["王建国"]
    monkeypatch.setattr(assessment, "suggest_for",
                        lambda c, *a: "基本合格" if c.member_id == low else real(c, *a))
    view = page(qtbot, town)
    by_name = {r.name: r for r in rows(view.candidates)}
    assert by_name["王建国"].grade == "未评定（建议基本合格）"
    assert by_name["李红"].grade.startswith("未评定（建议")
    view.candidates.select_where(lambda r: r.name == "王建国")
    answer_messages.auto = lambda kind, title, text: False
    assert not view.propose_current()
    kind, _title, asked = answer_messages.log[-1]
    assert kind == "ask" and "建议等次为“基本合格”" in asked and "考核小组还没有评定等次" in asked
    assert {r.name: r for r in rows(view.candidates)}["王建国"].state == ""  # not proposed
    assessment.enter(YEAR, member_id=low, grade="合格")  # graded by the committee: no question
    view.mark_stale()  # as the 年度考核 page's change tells it
    assert {r.name: r for r in rows(view.candidates)}["王建国"].grade == "合格"
