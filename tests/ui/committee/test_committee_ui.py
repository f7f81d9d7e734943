"""专项台账, 年度考核, 表彰 and 首页 driven as a clerk would, on a hand-counted branch."""
import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from models import overview
from models.assessment import scoring as assessment
from models.campaign.reviews import MassCounts
from models.commendation import nominations as cm
from models.config import settings
from models.store.assessment_tables import Award, Nomination
from models.store.tables import Organization
from tests.models.township import YEAR, add_members, review
from tests.ui.conftest import type_text
from ui import jobs
from ui.campaign.ledger_view import LedgerView
from ui.committee.assessment_view import ATTAINABLE, DATA, KEY, PERCENT, SUGGESTED, TOTAL, AssessmentView
from ui.committee.commendation_view import CommendationView
from ui.committee.home_view import HomeView
from ui.widgets import messages, modal
from ui.widgets.figure_table import FLAG_COLOUR


def computed(qtbot, view):
    """年度考核 and 表彰 compute off the UI thread (with `real_jobs`): wait until their lists are filled."""
    if hasattr(view, "computing"):
        qtbot.waitUntil(lambda: not view.computing, timeout=20000)
    return view


def shown(qtbot, view, org_id, year=YEAR):
    qtbot.addWidget(view)
    if hasattr(view, "year"):
        view.year.setValue(year)
    view.show_org(org_id)
    view.show()
    qtbot.waitExposed(view)
    return computed(qtbot, view)


def rows(panel):
    return [panel.model.row_tuple(i) for i in range(panel.model.rowCount())]


def select(panel, predicate):
    panel.select_where(predicate)
    assert panel.current() is not None and predicate(panel.current())


# ------------------------------------------------------------------ 专项台账

def test_ledger_figures_open_their_records(qtbot, town):
    view = shown(qtbot, LedgerView(), town["org"])
    q = view.quarters
    assert [q.text_at(r, 1) for r in range(4)] == ["已召开", "已召开", "未召开", "未召开"]
    assert q.text_at(0, 7) == "50.0%（2/4）" and q.text_at(4, 7) == "75.0%（6/8）"  # Q1 and the year
    assert "第三季度的评议会还没有召开" in view.warnings.text()
    assert "至少有一张测评票超出了优秀比例限制" in view.warnings.text()
    # 王建国's 优秀 share comes from both meetings
    m = view.mutual
    row = next(r for r in range(m.rowCount()) if m.text_at(r, 0) == "王建国")
    assert m.text_at(row, 1) == "3 票（60.0%）" and m.text_at(row, 6) == "优秀"
    m.setCurrentCell(row, 1)
    src = view.sources
    assert [r.record_id for r in src.records] == [town["q1"], town["q2"]]
    assert "王建国 优秀票" in src.caption.text()
    opened = []

    def look(dialog):
        opened.append((type(dialog).__name__, dialog.review_id))
        dialog.reject()

    modal.driver.run = look
    assert not src.open_row(0)
    assert opened == [("ReviewDialog", town["q1"])]
    # 群众评议: 88% below the 90% threshold is marked, the counts are beside the rate
    settings.put({"satisfaction_threshold": 0.9})
    view.reload()
    mass = view.mass
    total_row = next(r for r in range(mass.rowCount()) if mass.text_at(r, 1) == "各项合计")
    assert mass.text_at(total_row, 4) == "88.0%（44/50）" and mass.text_at(total_row, 5) == "未达标"
    assert "低于 90% 的门槛" in view.warnings.text()
    # 践诺: the unfulfilled item with its reason, openable in the pledge dialog
    p = view.pledges
    row = next(r for r in range(p.rowCount()) if p.text_at(r, 0) == "王建国")
    assert (p.text_at(row, 3), p.text_at(row, 4), p.text_at(row, 5)) == ("1", "1", "1")
    assert "资金未到位" in p.text_at(row, 7)
    p.setCurrentCell(row, 4)
    assert [r.record_id for r in src.records] == [town["items"][1]] and src.records[0].state == "未兑现"
    modal.driver.run = lambda dialog: (opened.append((type(dialog).__name__, dialog.pledge_id)), dialog.reject())
    src.open_row(0)
    assert opened[-1][0] == "PledgeDialog"
    assert [view.comments.text_at(0, c) for c in range(3)] == ["第一季度", "周建国", "承诺具体，践诺扎实。"]


def test_ledger_year_row_totals_and_cap_column(qtbot, town):
    """全年 adds 应到/实到/请假/缺席 up in person-times, so 实到/应到 is the year's 出席率; the cap
    column says what it checks (优秀≤1/3) and the year keeps Q1's breach flagged."""
    view = shown(qtbot, LedgerView(), town["org"])
    q = view.quarters
    headers = [q.horizontalHeaderItem(c).text() for c in range(q.columnCount())]
    assert headers[3:8] == ["应到", "实到", "请假", "缺席", "出席率"] and headers[-1] == "优秀≤1/3"
    # Q1 4 expected, 2 present (张伟 请假, 刘芳 缺席); Q2 4 of 4
    assert [q.text_at(4, c) for c in range(3, 8)] == ["8 人次", "6 人次", "1 人次", "1 人次", "75.0%（6/8）"]
    assert "2 次评议会" in q.item(4, 3).toolTip()
    assert q.text_at(0, 10) == "超出" and q.text_at(4, 10) == "超出 1 次"
    assert q.item(4, 10).foreground().color() == FLAG_COLOUR
    q.setCurrentCell(4, 4)
    assert [r.record_id for r in view.sources.records] == [town["q1"], town["q2"]]
    # columns fit their content: the last one is no longer the widest of the table
    widths = [q.columnWidth(c) for c in range(q.columnCount())]
    assert widths[-1] < max(widths) and not q.horizontalHeader().stretchLastSection()


def test_ledger_of_the_committee_warns_of_no_meetings(qtbot, town):
    """A 党委 holds no quarterly meeting itself: a neutral note, not red 未召开 warnings."""
    view = shown(qtbot, LedgerView(), town["top"])
    q = view.quarters
    assert [q.text_at(r, 1) for r in range(5)] == ["—"] * 5
    assert all(q.item(r, 1).foreground().color() != FLAG_COLOUR for r in range(5))
    assert not view.warnings.isVisibleTo(view) and "还没有召开" not in view.warnings.text()
    assert view.hint.isVisibleTo(view) and "本级不召开季度评议会" in view.hint.text()
    assert "季度评议 本级不召开" in view.summary.text() and "0.0%" not in view.summary.text()
    view.show_org(town["org"])  # the branch itself is still warned of its missing Q3 and Q4
    assert "第三季度的评议会还没有召开" in view.warnings.text() and not view.hint.isVisibleTo(view)
    assert q.text_at(2, 1) == "未召开" and q.item(2, 1).foreground().color() == FLAG_COLOUR


def test_ledger_shows_each_members_items(qtbot, town):
    """One row per member and voter group, the four items and 各项合计 side by side."""
    w, li = town["ids"]["王建国"], town["ids"]["李红"]
    q3 = review(town["org"], 3, party_voters=5, public_voters=10, mass=[
        MassCounts(1, "党员", 4, 1, 0, 0, member_id=w), MassCounts(2, "党员", 3, 1, 1, 0, member_id=w),
        MassCounts(3, "群众", 6, 2, 1, 1, member_id=w), MassCounts(4, "党员", 2, 2, 1, 0, member_id=li)])
    view = shown(qtbot, LedgerView(), town["org"])
    assert {view.mass.text_at(r, 0) for r in range(view.mass.rowCount())} == {"本组织"}
    mm = view.member_mass
    assert [mm.horizontalHeaderItem(c).text() for c in range(mm.columnCount())] == [
        "姓名", "计票", "参加创先争优活动情况", "立足岗位履行职责情况", "承诺践诺情况", "联系和服务群众情况",
        "各项合计", "是否达标（合计）"]
    # 王建国: item 1 党员 4+1 of 5 (Q3), 群众 9 of 10 (Q1); item 2 党员 4 of 5; item 3 群众 8 of 10;
    # overall 党员 9/10, 群众 17/20, 合计 26/30 = 86.7% ≥ 85%. 李红: item 4 党员 4/5 = 80% < 85%.
    assert [[mm.text_at(r, c) for c in range(mm.columnCount())] for r in range(mm.rowCount())] == [
        ["王建国", "党员", "100.0%（5/5）", "80.0%（4/5）", "—", "—", "90.0%（9/10）", "达标"],
        ["", "群众", "90.0%（9/10）", "—", "80.0%（8/10）", "—", "85.0%（17/20）", ""],
        ["", "合计", "93.3%（14/15）", "80.0%（4/5）", "80.0%（8/10）", "—", "86.7%（26/30）", ""],
        ["李红", "党员", "—", "—", "—", "80.0%（4/5）", "80.0%（4/5）", "未达标"],
        ["", "群众", "—", "—", "—", "—", "—", ""],
        ["", "合计", "—", "—", "—", "80.0%（4/5）", "80.0%（4/5）", ""]]
    mm.setCurrentCell(1, 2)  # 王建国's item 1 from 群众: the first meeting only
    assert [r.record_id for r in view.sources.records] == [town["q1"]]
    assert "王建国 参加创先争优活动情况（群众）" in view.sources.caption.text()
    mm.setCurrentCell(2, 2)  # 合计 of the same item: both meetings
    assert [r.record_id for r in view.sources.records] == [town["q1"], q3.id]


# ------------------------------------------------------------------ 年度考核

def test_assessment_entry_refused_then_saved(qtbot, town):
    view = shown(qtbot, AssessmentView(), town["top"])
    assert [r[1] for r in rows(view.orgs)] == ["东风村党支部"]
    assert {r[1] for r in rows(view.people)} == {"王建国", "李红", "张伟", "刘芳", "赵敏"}
    view.lists.setCurrentWidget(view.people)
    view.people.search.setText("刘芳")
    (liu,) = rows(view.people)
    assert "党员互评结果为“不合格”" in liu[-2] and liu[-3] == "不能参评"
    view.people.search.setText("")
    wang_id = town["ids"]["王建国"]
    select(view.people, lambda r: r[KEY][1] == wang_id)
    assert "带头学习提高" in view.detail.toPlainText() and "评议会出席率" in view.detail.toPlainText()
    before = view.current().score
    seen = {}

    def fill(dialog):
        dialog.show()
        f = dialog.form
        type_text(qtbot, f.widget("scores.带头学习提高"), "15")  # the entered part is worth 10
        type_text(qtbot, f.widget("remarks.带头学习提高"), "按时参加学习")
        f.set_value("grade", "优秀")
        assert not dialog.try_save()
        seen["error"] = f.fields["scores.带头学习提高"].error.text()
        seen["kept"] = (f.widget("scores.带头学习提高").text(), f.widget("remarks.带头学习提高").text())
        seen["banner"] = dialog.banner.text()
        seen["note"] = dialog.findChild(QLabel, "entry_note").text()
        f.widget("scores.带头学习提高").setText("８")  # full-width digits are folded
        assert dialog.try_save()

    modal.driver.run = fill
    assert view.enter_current()
    computed(qtbot, view)
    assert "应在 0 到 10 分之间" in seen["error"]
    assert f"现在总分 {before:.2f} / 应得分 " in seen["note"]  # what the total is out of, as on the page
    assert seen["kept"] == ("15", "按时参加学习") and "已填写的内容都保留着" in seen["banner"]
    entry = assessment.entry(YEAR, member_id=wang_id)
    assert entry.grade == "优秀" and entry.scores["带头学习提高"] == (8.0, "按时参加学习")
    row = view.people.current()
    assert row[KEY][1] == wang_id  # still selected after the reload
    assert row[5] == 8.0 and row[TOTAL] == pytest.approx(before + 8)  # 带头学习提高: 台账 | 评分
    entered_col = headers_of(view.people).index("学习提高\n评分")
    assert view.people.model.index(view.people.table.currentIndex().row(), entered_col).data() == "8.00"
    assert "评定等次：优秀" in view.detail.toPlainText()


def headers_of(panel):
    return [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(panel.model.columnCount())]


def test_assessment_lists_sort_and_show_both_parts(qtbot, town):
    view = shown(qtbot, AssessmentView(), town["top"])
    panel = view.people
    headers = headers_of(panel)
    first = headers.index("学习提高\n台账")
    assert headers[first:first + 2] == ["学习提高\n台账", "学习提高\n评分"]
    assert headers[headers.index("总分"):headers.index("总分") + 3] == ["总分", "应得分", "得分率"]
    for title, pos in (("总分", TOTAL), ("应得分", ATTAINABLE), ("得分率", PERCENT)):
        # by the numbers, not by the text shown ("9.50" after "38.28" as text)
        panel.table.sortByColumn(headers.index(title), Qt.SortOrder.DescendingOrder)
        values = [r[pos] for r in rows(panel) if r[pos] is not None]
        assert values == sorted(values, reverse=True) and len(set(values)) > 1
    assert all(panel.model.index(0, c).data() == "未录" for c, h in enumerate(headers) if h.endswith("\n评分"))


def test_assessment_view_marks_missing_data_and_the_cap(qtbot, town):
    """Default weights: 李红 (no pledge, no 群众评议) 28.4 of 30 attainable → 优秀 suggested, 数据不全;
    赵敏 has no record at all; 5 members allow one 优秀 under the ⅓ cap."""
    ids = town["ids"]
    view = shown(qtbot, AssessmentView(), town["top"])
    people = {r[1]: r for r in rows(view.people)}
    assert people["李红"][DATA] == "数据不全：缺承诺兑现率、群众评议满意率（党员和群众合计）"
    assert people["李红"][SUGGESTED] == "优秀" and people["李红"][TOTAL] == 28.4
    assert people["赵敏"][DATA] == "数据不全：无台账数据" and people["赵敏"][SUGGESTED] == "数据不全"
    assert people["王建国"][DATA] == "" and people["王建国"][SUGGESTED] == "合格"
    panel = view.people
    headers = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(panel.model.columnCount())]
    assert headers[headers.index("得分率") + 1:headers.index("得分率") + 3] == ["台账数据", "建议等次"]
    text = view.summary.text()
    assert "台账数据不全：党组织 0 个、党员 4 名" in text and "优秀比例超限" not in text
    view.lists.setCurrentWidget(view.people)
    view.people.search.setText("数据不全")  # the mark is searchable
    assert {r[1] for r in rows(view.people)} == {"李红", "张伟", "刘芳", "赵敏"}
    view.people.search.setText("")
    select(view.people, lambda r: r[KEY][1] == ids["赵敏"])
    detail = view.detail.toPlainText()
    assert "建议等次：数据不全" in detail and "不计（无数据）" in detail
    assert "数据不全：台账中没有“评议会出席率”" in detail and "不给出建议等次" in detail
    # the committee grades 王建国 优秀 while 李红 is still suggested 优秀: over the cap
    assessment.enter(YEAR, member_id=ids["王建国"], grade="优秀")
    view.reload()
    computed(qtbot, view)
    assert "优秀比例超限：东风村党支部（最多 1 名，现 2 名）" in view.summary.text()
    select(view.people, lambda r: r[KEY][1] == ids["李红"])
    detail = view.detail.toPlainText()
    assert ("优秀比例超限：东风村党支部在册党员 5 名，按三分之一的比例最多评 1 名优秀，现有考核小组评定为优秀 1 名、"
            "尚未评定、建议等次为优秀 1 名，共 2 名，超出 1 名。") in detail
    assert detail.index("优秀比例超限") < detail.index("考核项目")  # above the table, never cut off below
    assert re.search(r"互评得分率[^%]*%（\d+ 分 / 满分 \d+ 分）", detail)  # its counts are points, said so
    assert "带头争创佳绩、带头服务群众的台账计算部分（共 20 分）不计入应得分" in detail
    view.lists.setCurrentWidget(view.orgs)
    select(view.orgs, lambda r: r[KEY] == (town["org"], None))
    assert "优秀比例超限：东风村党支部" in view.detail.toPlainText()
    assessment.enter(YEAR, member_id=ids["李红"], grade="合格")
    view.reload()
    computed(qtbot, view)
    assert "优秀比例超限" not in view.summary.text() and "优秀比例超限" not in view.detail.toPlainText()


def test_assessment_key_columns_fit_a_1280_pixel_window(qtbot, town, db_path):
    """Name, 总分 / 应得分 / 得分率 and both grades are on screen unscrolled in a 1280-pixel window;
    the reasons column is last, narrow and stretching, its whole text in the tooltip."""
    from ui.main_window import MainWindow

    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    w.load()
    w.show()
    w.resize(1280, 800)
    view = w.committee.assessment
    view.year.setValue(YEAR)
    w.committee.show_view(view)
    computed(qtbot, view)
    em = view.fontMetrics().horizontalAdvance("中")
    for panel, name in ((view.orgs, "党组织"), (view.people, "姓名")):
        view.lists.setCurrentWidget(panel)
        qtbot.wait(20)
        table, header, headers = panel.table, panel.table.horizontalHeader(), headers_of(panel)
        assert table.horizontalScrollBar().value() == 0
        for title in (name, "总分", "应得分", "得分率", "台账数据", "建议等次", "评定等次"):
            n = headers.index(title)
            right = header.sectionViewportPosition(n) + header.sectionSize(n)
            assert right <= table.viewport().width(), (title, right, table.viewport().width())
        assert headers[-1] == "不能参评的原因" and header.stretchLastSection()
        assert header.sectionSize(len(headers) - 1) <= em * 12
    people = view.people
    people.search.setText("刘芳")
    why = headers_of(people).index("不能参评的原因")
    cell = people.model.index(0, why)
    assert "党员互评结果为“不合格”" in cell.data() and cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data()
    tip = people.model.headerData(headers_of(people).index("总分"), Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.ToolTipRole)
    assert "应得分" in tip and "总分 ÷ 应得分" in tip
    total = people.model.index(0, headers_of(people).index("总分"))
    assert total.data(Qt.ItemDataRole.ToolTipRole).startswith(f"总分 {total.data()} / 应得分 ")


def test_assessment_numbers_have_one_format(qtbot, town):
    """Points with two decimals in every list cell and in the detail; 得分率 with one; the detail
    says what the total is out of (应得分) and why that is below full marks."""
    import re

    assessment.enter(YEAR, member_id=town["ids"]["王建国"], scores={"带头学习提高": 8.5})
    view = shown(qtbot, AssessmentView(), town["top"])
    for panel in (view.orgs, view.people):
        headers = headers_of(panel)
        for c, title in enumerate(headers):
            texts = {panel.model.index(r, c).data() for r in range(panel.model.rowCount())}
            if title in ("总分", "应得分") or title.endswith(("\n台账", "\n评分")):
                assert all(re.fullmatch(r"\d+\.\d\d|未录|—", t) for t in texts), (title, texts)
            elif title == "得分率":
                assert all(re.fullmatch(r"\d+\.\d%|—", t) for t in texts), texts
    li = next(r for r in rows(view.people) if r[1] == "李红")
    assert li[TOTAL] == 28.4 and li[ATTAINABLE] == 30  # 数据不全: attainable below the 50 computed
    view.lists.setCurrentWidget(view.people)
    select(view.people, lambda r: r[1] == "李红")
    detail = view.detail.toPlainText()
    assert "总分 28.40 / 应得分 30.00（得分率 94.6%）" in detail  # 94.67% cut, not rounded up
    assert "满分 100.00 分，其中考核小组评分未录的 50.00 分、数据不全的 20.00 分不计入应得分" in detail
    assert "不计（无数据）" in detail and re.search(r"\d+\.\d\d / 10\.00", detail)
    assert not re.search(r"(?<![\d.])\d+\.\d(?!\d|%)", detail)  # no one-decimal points anywhere
    row = next(r for r in rows(view.people) if r[1] == "李红")
    missing = [n for n, d in enumerate(view.current().dimensions) if d.missing]
    assert missing and all(row[4 + 2 * n] is None for n in missing)  # "—", not a 0.00 never scored
    select(view.people, lambda r: r[1] == "王建国")
    assert "考核小组评分未录的 40.00 分" in view.detail.toPlainText()
    assert "8.50 / 10.00" in view.detail.toPlainText()


def test_assessment_computes_off_the_ui_thread(qtbot, town, real_jobs):
    """正在计算… shows while the worker runs; a year changed meanwhile is computed next."""
    view = shown(qtbot, AssessmentView(), town["top"])
    view.year.setValue(YEAR - 1)  # starts at once: the page is on screen
    assert view.computing and view.summary.text().startswith("正在计算先锋镇党委 2024 年度考核")
    assert view.progress.isVisible() and not view.lists.isEnabled() and not view.enter_button.isEnabled()
    view.year.setValue(YEAR)  # while the 2024 job runs: 2025 is computed after it
    computed(qtbot, view)
    assert view.result.year == YEAR and "正在计算" not in view.summary.text()
    assert view.lists.isEnabled() and not view.progress.isVisible()
    assert {r[1] for r in rows(view.people)} == {"王建国", "李红", "张伟", "刘芳", "赵敏"}
    view.show_org(town["org"])  # another organization, computed in the background too
    assert view.computing
    jobs.stop_all(wait=True)  # what the window does before a restore and on close: wait, drop the result
    assert not view.computing and not jobs.running()
    assert view.result.year == YEAR and "正在计算" in view.summary.text()  # the dropped job filled nothing
    # still on screen: computed again once things settle
    qtbot.waitUntil(lambda: "东风村党支部：基层党组织 1 个" in view.summary.text(), timeout=20000)
    assert "基本合格 ≥60%、以下不合格" in view.summary.text() and "数据截至20" in view.summary.text()


# ------------------------------------------------------------------ 表彰

def test_commendation_candidates_compute_off_the_ui_thread(qtbot, town, real_jobs):
    """The year's assessment behind the candidates is a job; a year, level or title chosen
    meanwhile is what the lists show once it is back."""
    view = shown(qtbot, CommendationView(), town["top"])
    view.year.setValue(YEAR - 1)
    assert view.computing and "正在计算候选对象" in view.status.text()
    assert not view.candidates.isEnabled() and not view.nominations.isEnabled()
    view.title.setCurrentText("优秀共产党员")
    view.year.setValue(YEAR)  # while the 2024 job runs: 2025 is computed after it
    computed(qtbot, view)
    assert view.candidates.isEnabled() and "正在计算" not in view.status.text()
    assert {r.name for r in rows(view.candidates)} == {"王建国", "李红", "张伟", "刘芳", "赵敏"}
    view.title.setCurrentText("先进基层党组织")  # the same assessment: no new job
    assert not view.computing and [r.name for r in rows(view.candidates)] == ["东风村党支部"]


def test_commendation_workflow_through_send_back_and_decision(qtbot, town):
    view = shown(qtbot, CommendationView(), town["top"])
    view.title.setCurrentText("优秀共产党员")
    cands = view.candidates
    liu = next(r for r in rows(cands) if r.name == "刘芳")
    assert liu.state == "不能推荐" and "党员互评结果为“不合格”" in liu.why
    select(cands, lambda r: r.name == "刘芳")
    assert not view.propose_button.isEnabled()
    assert not view.propose_current() and "不能推荐" in messages.answers.log[-1][2]

    def propose(deeds):
        def fill(dialog):
            dialog.show()
            type_text(qtbot, dialog.form.widget("deeds"), deeds)
            dialog.form.widget("on").setText("2026-06-01")
            type_text(qtbot, dialog.form.widget("by"), "东风村党支部")
            assert dialog.try_save()
        return fill

    for name in ("王建国", "李红"):
        select(cands, lambda r, n=name: r.name == n)
        modal.driver.run = propose(f"{name}带领群众发展大棚")
        assert view.propose_current()
    noms = view.nominations
    assert [(r.name, r.state) for r in rows(noms)] == [("王建国", "已推荐"), ("李红", "已推荐")]
    select(noms, lambda r: r.name == "李红")
    view.move(-1)  # the committee puts 李红 first
    assert [r.name for r in rows(noms)] == ["李红", "王建国"]

    def review(dialog):
        dialog.show()
        dialog.form.widget("on").setText("2026-06-05")
        assert dialog.try_save()

    modal.driver.run = review
    noms.table.clearSelection()  # nothing picked: the page asks whether every one shown is meant
    assert view.review_selected()
    assert "全部 2 个" in next(t for k, _title, t in messages.answers.log if k == "ask")
    assert [(r[0], r.name, r.state) for r in rows(noms)] == [(1, "李红", "已审核"), (2, "王建国", "已审核")]

    saw = {}

    def send_back(dialog):
        dialog.show()
        assert not dialog.try_save()  # no reason: refused
        saw["error"] = dialog.form.fields["return_reason"].error.text()
        type_text(qtbot, dialog.form.widget("return_reason"), "事迹不够具体，请补充帮扶成效")
        dialog.form.widget("on").setText("2026-06-06")
        assert dialog.try_save()

    select(noms, lambda r: r.name == "王建国")
    modal.driver.run = send_back
    assert view.send_back_current()
    assert "退回原因" in saw["error"]
    wang = next(r for r in rows(noms) if r.name == "王建国")
    assert (wang.state, wang.return_reason) == ("已退回", "事迹不够具体，请补充帮扶成效")
    assert next(r for r in rows(cands) if r.name == "王建国").state == "已退回"
    assert "退回" in view.history.toPlainText() and "事迹不够具体" in view.history.toPlainText()

    select(cands, lambda r: r.name == "王建国")  # redone and proposed again
    modal.driver.run = propose("帮助 3 户困难群众年增收 1 万元")
    assert view.propose_current()
    modal.driver.run = review
    assert view.review_selected()

    def decide(dialog):
        dialog.show()
        dialog.form.widget("on").setText("2026-06-28")
        type_text(qtbot, dialog.form.widget("by"), "镇党委会议")
        assert dialog.try_save()

    modal.driver.run = decide
    assert view.decide_selected()  # never on notice: the clerk confirmed deciding directly
    assert messages.answers.log[-1][2].startswith("尚未发布拟表彰对象公示，确定直接决定吗？")
    assert {r.state for r in rows(noms)} == {"已决定"}
    nomination = Nomination.get(Nomination.member == town["ids"]["王建国"])
    history = [(s[0], s[1].isoformat(), s[2]) for s in cm.steps(nomination.id)]
    assert history == [("推荐", "2026-06-01", "东风村党支部"), ("审核", "2026-06-05", "中共先锋镇委员会"),
                       ("退回", "2026-06-06", "中共先锋镇委员会"), ("推荐", "2026-06-01", "东风村党支部"),
                       ("审核", "2026-06-05", "中共先锋镇委员会"), ("决定", "2026-06-28", "镇党委会议")]
    assert view.record_awards()
    numbers = {r.name: r.certificate_no for r in rows(noms)}
    assert numbers == {"李红": "先锋〔2026〕1号", "王建国": "先锋〔2026〕2号"}  # ranked order
    select(noms, lambda r: r.name == "王建国")
    assert "先锋〔2026〕2号" in view.history.toPlainText()  # honours history


def test_deeds_edited_after_the_decision_for_the_booklet(qtbot, town):
    """主要事迹 are a section of the 先进事迹材料 booklet: longer than a notice line, and the
    office rewrites them after the decision, before the booklet goes to the print shop."""
    view = shown(qtbot, CommendationView(), town["top"])
    view.title.setCurrentText("优秀共产党员")
    select(view.candidates, lambda r: r.name == "李红")
    modal.driver.run = lambda d: (d.show(), d.try_save())
    assert view.propose_current() and view.review_selected() and view.decide_selected()
    select(view.nominations, lambda r: r.name == "李红")
    assert view.deeds_button.isEnabled()
    long_text = "李红同志带头领办蔬菜合作社，带动全村发展大棚蔬菜。" * 30 + "\n群众称她是“领头雁”。"
    assert len(long_text) > 300                       # the old limit
    seen = {}

    def edit(dialog):
        dialog.show()
        seen["before"] = dialog.form.widget("deeds").toPlainText()
        dialog.form.widget("deeds").setPlainText(long_text)
        assert dialog.try_save()

    modal.driver.run = edit
    assert view.edit_deeds()
    assert seen["before"] == ""
    assert Nomination.get(Nomination.member == town["ids"]["李红"]).deeds == long_text
    assert "领头雁" in view.history.toPlainText()


def test_organization_award_and_demo_point(qtbot, town):
    view = shown(qtbot, CommendationView(), town["top"])
    view.title.setCurrentText("先进基层党组织")
    select(view.candidates, lambda r: r.name == "东风村党支部")
    modal.driver.run = lambda d: (d.show(), d.try_save())
    assert view.propose_current()
    assert view.review_selected()
    assert view.decide_selected()
    assert view.record_awards()
    select(view.nominations, lambda r: r.name == "东风村党支部")
    assert view.demo_button.isEnabled() and view.demo_button.text() == "确定为示范点"
    assert view.toggle_demo_point()
    assert Organization.get_by_id(town["org"]).is_demo_point
    assert view.demo_button.text() == "取消示范点"


def test_member_and_organization_records_show_honours(qtbot, town):
    from ui.roster.member_dialog import MemberDialog
    from ui.roster.profile_view import ProfileView

    cm.add_award(2024, "优秀共产党员", member_id=town["ids"]["李红"], decided_on="2024-06-28",
                 certificate_no="先锋〔2024〕7号")
    dialog = MemberDialog(None, town["ids"]["李红"])
    qtbot.addWidget(dialog)
    label = dialog.findChild(type(dialog.banner), "honours")
    assert label is not None and "2024年度“优秀共产党员”（基层党委，先锋〔2024〕7号）" in label.text()
    cm.add_award(2024, "先进基层党组织", org_id=town["org"], decided_on="2024-06-28")
    cm.mark_demo_point(town["org"])
    profile = ProfileView()
    qtbot.addWidget(profile)
    profile.show_org(town["org"])
    assert "先进基层党组织" in profile.honours.text() and "示范点" in profile.honours.text()


# ------------------------------------------------------------------ 首页

def test_home_lists_open_their_records_and_stats_export(qtbot, town, tmp_path, monkeypatch):
    from ui.exchange import export_actions

    home = HomeView()
    home.today = dt.date(YEAR + 1, 1, 5)  # Q4 of last year may still be recorded late
    shown(qtbot, home, town["top"])
    assert home.heading.text() == "今天是2026年1月5日，第一季度"  # not 2026-01-05 beside a Chinese quarter
    assert home.missing.rowCount() == 2 and home.missing.text_at(0, 1) == "2025年第四季度"
    assert home.overdue.rowCount() == 1 and "第3件实事" in home.overdue.text_at(0, 2)
    asked = []
    home.open_tab.connect(lambda org, title: asked.append((org, title)))
    home.open_missing(0)
    assert asked == [(town["org"], "季度评议")]
    opened = []
    modal.driver.run = lambda dialog: (opened.append(dialog.pledge_id), dialog.reject())
    home.open_overdue(0)
    assert opened and opened[0] is not None
    home.pages.setCurrentWidget(home.stats)
    home.stats.year.setValue(YEAR)
    table = home.stats.appraisal
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == [
        "单位", "应参加评议党员数", "实际参加评议党员数"]
    assert table.text_at(table.rowCount() - 1, 0) == "合计"
    target = tmp_path / "民主评议.xlsx"
    monkeypatch.setattr(export_actions, "choose_save_file", lambda *a: str(target))
    assert home.stats.export("appraisal") == target
    # nobody graded by the committee yet: the 4 peer-rated members are 尚未评定, not 评为合格
    last = table.columnCount() - 1
    assert table.horizontalHeaderItem(last).text() == "尚未评定"
    assert [table.text_at(0, c) for c in range(1, last + 1)] == ["5", "4", "0", "0", "0", "0", "4"]
    ws = load_workbook(target).active
    assert ws["A1"].value == f"{YEAR}年度民主评议党员情况统计表" and ws["A2"].value == "单位"
    assert ws["A3"].value == "东风村党支部" and ws["B3"].value == 5
    assert ws["H2"].value == "尚未评定" and ws["H3"].value == 4 and ws["E3"].value == 0
    target = tmp_path / "逾期.xlsx"
    assert home.export_overdue_items() == target
    ws = load_workbook(target).active
    assert ws["A1"].value == "逾期未兑现的承诺事项（截至2026年1月5日）" and ws["B3"].value == "王建国"


def test_home_waiting_counts_the_years_grades_in_scope(qtbot, town):
    from models.roster import organizations

    other = organizations.save({"name": "中共红旗村支部委员会", "short_name": "红旗村党支部",
                                "parent_id": town["top"]})
    add_members(other.id, ["孙海"])
    home = HomeView()
    home.today = dt.date(YEAR + 1, 1, 5)  # the 2025 assessment is under way
    assessment.enter(YEAR, member_id=town["ids"]["王建国"], grade="优秀")
    assessment.enter(YEAR - 1, member_id=town["ids"]["李红"], grade="合格")  # last year's grade
    shown(qtbot, home, town["top"])
    w = home.waiting
    assert home.titles[w].text() == f"{YEAR}年度考核与表彰待办"
    assert [(w.text_at(r, 0), w.text_at(r, 1)) for r in range(w.rowCount())] == [
        ("待评定（党组织）", "2"), ("待评定（党员）", "5"), ("待审核", "0"), ("待决定", "0"), ("待发证", "0"),
        ("已退回待重新推荐", "0")]
    years, commendation_years = [], []
    home.open_assessment.connect(years.append)
    home.open_commendation.connect(commendation_years.append)
    home.open_waiting(1)
    home.open_waiting(2)
    assert years == [YEAR] and commendation_years == [YEAR]  # the 表彰 page opens on the year counted
    home.show_org(town["org"])  # a branch's own subtree; 红旗村 does not count
    assert (w.text_at(0, 1), w.text_at(1, 1)) == ("1", "4")


def test_home_lists_at_most_200_lines(qtbot, town, tmp_path, monkeypatch):
    """At the real cap: a township with more overdue items than lines shows the 200 most
    overdue, counts all of them and exports all of them."""
    from models.campaign import ledger
    from models.store.tables import Pledge, PledgeItem
    from ui.exchange import export_actions

    p = Pledge.select().where(Pledge.state.in_(ledger.COUNTED_PLEDGE_STATES)).first()
    PledgeItem.insert_many([{"pledge": p.id, "seq": 100 + n, "content": "修通村道" if n == 0 else f"第{n}项",
                             "deadline": dt.date(YEAR - 1, 3, 1) if n == 0 else dt.date(YEAR, 5, 1)}
                            for n in range(260)]).execute()
    home = HomeView()
    home.today = dt.date(YEAR + 1, 1, 5)
    shown(qtbot, home, town["top"])
    title = home.titles[home.overdue].text()
    assert home.overdue.rowCount() == 200 and "列出逾期最久的 200 项，全部清单可导出" in title
    assert home.export_overdue.isVisibleTo(home)
    first = [home.overdue.item(0, c).text() for c in range(home.overdue.columnCount())]
    assert "修通村道" in " ".join(first)  # the most overdue first
    everything = overview.overdue_items(home.today)
    assert len(everything) > 260 and title.startswith(f"逾期未兑现的承诺事项（{len(everything)}，")
    target = tmp_path / "逾期.xlsx"
    monkeypatch.setattr(export_actions, "choose_save_file", lambda *a: str(target))
    assert home.export_overdue_items() == target
    ws = load_workbook(target).active
    assert ws.max_row == 2 + len(everything) and "修通村道" in ws["C3"].value


# ------------------------------------------------------------------ the window

def test_window_pages_and_home_for_the_committee(qtbot, town, db_path):
    from ui.main_window import MainWindow

    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    w.load()
    w.show()
    pages = w.committee
    tabs = w.tabs
    assert tabs.currentWidget() is pages.home and tabs.tabText(0) == "首页"
    assert [tabs.tabText(i) for i in range(tabs.count())][-3:] == ["专项台账", "年度考核", "表彰"]
    w.tree.reload(town["org"])
    assert not tabs.isTabVisible(tabs.indexOf(pages.home))
    pages.assessment.year.setValue(YEAR)
    pages.show_view(pages.assessment)
    computed(qtbot, pages.assessment)
    assert pages.assessment.result is not None and pages.assessment.org_id == town["org"]
    select(pages.assessment.orgs, lambda r: r[1] == "东风村党支部")
    pages.open_assessment(YEAR - 1)  # from the home page's 待评定
    assert tabs.currentWidget() is pages.assessment and pages.assessment.year.value() == YEAR - 1
    pages.open_commendation(YEAR - 1)  # from the home page's nomination steps
    assert tabs.currentWidget() is pages.commendation and pages.commendation.year.value() == YEAR - 1
    pages.assessment.year.setValue(YEAR)
    computed(qtbot, pages.assessment)
    assert pages.assessment.result.year == YEAR
    select(pages.assessment.orgs, lambda r: r[1] == "东风村党支部")
    pages.assessment._open_ledger()
    assert tabs.currentWidget() is pages.ledger and pages.ledger.year.value() == YEAR
    assert pages.ledger.quarters.text_at(0, 1) == "已召开"
    assert any(a.text() == "考核表彰(&K)" for a in w.menuBar().actions())


def test_restore_and_quit_wait_for_the_assessment_worker(qtbot, town, db_path, monkeypatch, real_jobs):
    """The worker reads through its own connection: it must be gone before a restore replaces
    the file, and before quitting releases the lock and makes the exit backup."""
    from ui.main_window import MainWindow
    from ui.safety.backup_dialog import BackupRestoreDialog

    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    w.load()
    w.show()
    view = w.committee.assessment
    running_when_shown = []
    monkeypatch.setattr(BackupRestoreDialog, "exec", lambda self: running_when_shown.append(jobs.running()))
    view.year.setValue(YEAR)
    w.committee.show_view(view)
    assert view.computing  # computing in the background
    w.backup_restore()
    assert running_when_shown == [[]]
    # the dropped computation runs again on the page still shown
    qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
    view.year.setValue(YEAR - 1)
    assert view.computing
    w.close_database_on_exit = False
    w.close()
    assert not view.computing and not jobs.running()


# ------------------------------------------------------------------ printing from the views

@pytest.fixture
def test_fonts(tmp_path_factory, town):
    from tests.printing.fontfactory import build_ttf, main_codepoints

    font = build_ttf(tmp_path_factory.mktemp("fonts") / "xf-ui-assess.ttf", main_codepoints() + [0xF7], "XF UI Assess")
    settings.put({"font_overrides": {r: str(font) for r in ("title", "body", "kai", "hei", "song")}})
    return font


def test_prints_from_the_views(qtbot, town, test_fonts):
    from tests.printing.pdfcheck import compact, text
    from ui.prints import committee_prints

    previews = []
    modal.driver.run = lambda dialog: (previews.append(dialog), dialog.reject())
    assert committee_prints.print_ledger(None, town["org"], YEAR) is not None  # rendered, then previewed
    assert "2025年度创先争优活动专项台账" in compact(text(previews[-1].pdf)[0])
    assert committee_prints.print_candidates(None, YEAR) is None  # nothing reviewed yet: said so
    assert "还没有经党委审核" in messages.answers.log[-1][2]
    n = cm.propose(YEAR, "优秀共产党员", member_id=town["ids"]["李红"], on="2026-06-01")
    cm.review(YEAR, "优秀共产党员", [n.id], on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    cm.decide([n.id], on="2026-06-28")
    cm.record_awards(YEAR)
    committee_prints.print_candidates(None, YEAR)
    notice = previews[-1]
    assert "李红" in compact(text(notice.pdf)[0]) and "王建国" not in compact(text(notice.pdf)[0])
    committee_prints.print_awards(None, YEAR)
    assert "先锋〔2026〕1号" in compact(text(previews[-1].pdf)[0])
    assert Award.select().count() == 1


def test_candidate_notice_preview_says_what_is_left_blank(qtbot, town, test_fonts):
    from PySide6.QtWidgets import QLabel

    from tests.printing.pdfcheck import compact, text
    from ui.prints import committee_prints

    previews = []
    modal.driver.run = lambda dialog: (previews.append(dialog), dialog.reject())
    n = cm.propose(YEAR, "优秀共产党员", member_id=town["ids"]["李红"], on="2026-06-01")
    cm.review(YEAR, "优秀共产党员", [n.id], on="2026-06-10")

    def shown_note(preview):
        return " ".join(label.text() for label in preview.findChildren(QLabel))

    committee_prints.print_candidates(None, YEAR)
    preview = previews[-1]
    assert "注意：公示期和联系电话未设置" in shown_note(preview) and "默认监督电话" in shown_note(preview)
    assert "联系电话：＿＿＿＿＿＿＿＿" in compact(text(preview.pdf)[0])
    settings.put({"default_supervision_phone": "0371-62810001"})
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    committee_prints.print_candidates(None, YEAR)
    preview = previews[-1]
    assert "未设置" not in shown_note(preview)
    assert "联系电话：0371-62810001" in compact(text(preview.pdf)[0])


def test_certificates_button_opens_the_years_awards(qtbot, town, test_fonts):
    view = shown(qtbot, CommendationView(), town["top"])
    seen = {}

    def look(dialog):
        seen["kind"], seen["year"] = dialog.kind_name(), dialog.year.value()
        dialog.reject()

    modal.driver.run = look
    view.print_certificates()
    assert seen == {"kind": "awards", "year": YEAR}


def test_sorting_many_times_does_not_exhaust_true(qtbot):
    """PySide6 6.12 drops a reference to True per layoutChanged emit (each header sort)."""
    import sys

    from ui.widgets.list_panel import ListPanel
    from ui.widgets.table_model import Column

    panel = ListPanel([Column("姓名", 0)], "搜索")
    qtbot.addWidget(panel)
    panel.set_rows([("王建国",), ("李红",)])
    for n in range(30_000):  # more than True's natural reference count
        panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder if n % 2 else Qt.SortOrder.DescendingOrder)
    assert sys.getrefcount(True) > 1000
