"""The 首页 tab for the 党委: what to chase this week, and the counts reported upward.

待办: this quarter's (and, while it may still be recorded, last quarter's) missing reviews,
overdue pledge items, notices now posted, and what waits for the committee in the last year's
assessment (subjects not yet graded, commendation steps) — each line opens the record or the
page where it is dealt with. 上报统计: 民主评议党员 by grade (the committee's grades; peers'
results alone are 尚未评定) and 党内表彰 by category for a year, exportable to Excel. The
statistics read every ledger of the township, so they are computed only when their page is
opened.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import overview
from models.campaign import ledger_sources
from models.constants import QUARTERS
from models.errors import NotFound
from models.sheet import Sheet
from printing.dates import format_date
from ui.widgets import messages, modal
from ui.widgets.figure_table import Fig, FigureTable
from ui.widgets.lazy_view import LazyView
from ui.widgets.year_box import year_box

HEAD_STYLE = "font-weight: bold; margin-top: 6px;"
OVERDUE_HEADERS = ("党组织", "承诺人", "承诺事项", "完成时限", "逾期天数", "状态")
EMPTY_STYLE = "color: #2e7d32;"


def heading_text(today: dt.date, quarter: int) -> str:
    """今天是2026年11月28日，第四季度: the date as a notice writes it, not 2026-11-28 beside a
    Chinese quarter; the year is said once, by the date."""
    return f"今天是{format_date(today)}，{QUARTERS[quarter]}"


class HomeView(LazyView):
    open_tab = Signal(object, str)  # org id (None: keep the selection), tab title
    open_assessment = Signal(int)  # the year whose subjects wait for a grade
    open_commendation = Signal(int)  # the year whose nominations wait for a step
    org_shown = Signal(object)  # the window told this page of a newly selected organization

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: overview.Overview | None = None
        self.today: dt.date | None = None  # None: today (tests pin a date)
        self.heading = QLabel(self)
        self.heading.setObjectName("home_heading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.missing, self.overdue = FigureTable(self), FigureTable(self)
        self.notices, self.waiting = FigureTable(self), FigureTable(self)
        self.rectifications, self.no_plans = FigureTable(self), FigureTable(self)
        self.rectification_rows: list = []
        self.no_plan_rows: list[tuple[int, str]] = []
        self.titles: dict[FigureTable, QLabel] = {}
        self.export_overdue = QPushButton("导出 Excel…", self)
        self.export_overdue.setObjectName("export_overdue")
        self.export_overdue.clicked.connect(self.export_overdue_items)
        todo = QWidget(self)
        todo_layout = QVBoxLayout(todo)
        for table, name in ((self.missing, "missing"), (self.overdue, "overdue"), (self.notices, "notices"),
                            (self.rectifications, "rectifications"), (self.no_plans, "no_plans"),
                            (self.waiting, "waiting")):
            table.setObjectName(f"home_{name}")
            table.setSelectionBehavior(FigureTable.SelectionBehavior.SelectRows)
            label = QLabel(self)
            label.setStyleSheet(HEAD_STYLE)
            self.titles[table] = label
            if table is self.overdue:
                heading = QHBoxLayout()
                heading.addWidget(label, 1)
                heading.addWidget(self.export_overdue)
                todo_layout.addLayout(heading)
            else:
                todo_layout.addWidget(label)
            todo_layout.addWidget(table, 10 if table is self.overdue else 0)
        self.missing.doubleClicked.connect(lambda index: self.open_missing(index.row()))
        self.overdue.doubleClicked.connect(lambda index: self.open_overdue(index.row()))
        self.notices.doubleClicked.connect(lambda index: self.open_notice(index.row()))
        self.waiting.doubleClicked.connect(lambda index: self.open_waiting(index.row()))
        self.rectifications.doubleClicked.connect(lambda index: self.open_rectification(index.row()))
        self.no_plans.doubleClicked.connect(lambda index: self.open_plan(index.row()))
        todo_layout.addWidget(QLabel("双击一行打开对应的记录或页面。", self))
        todo_layout.addStretch(1)

        self.stats = StatsPage(self)
        self.pages = QTabWidget(self)
        self.pages.addTab(todo, "待办")
        self.pages.addTab(self.stats, "上报统计")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)

    def show_org(self, org_id: int | None) -> None:
        super().show_org(org_id)
        self.stats.show_org(org_id)
        self.org_shown.emit(org_id)

    def refresh(self) -> None:
        self.data = overview.overview(self.today, self.org_id)
        d = self.data
        self.heading.setText(heading_text(d.today, d.quarter))
        self._fill(self.missing, f"评议会未召开（{len(d.missing_reviews)}）", ("党组织", "季度", "最近一次评议"),
                   [[Fig(m.org_name, align_left=True), Fig(m.quarter_label, flag=True),
                     m.last_review.isoformat() if m.last_review else "本组织还没有评议记录"]
                    for m in d.missing_reviews], (10, 10, 14), "各基层党组织的季度评议都已召开。")
        # the most overdue first, bounded in SQL; a township may have tens of thousands
        listed = len(d.overdue_items)
        more = f"，列出逾期最久的 {listed} 项，全部清单可导出" if d.overdue_count > listed else ""
        overdue_rows = [[Fig(i.org_name, align_left=True), i.who, Fig(f"{i.seq}. {i.content}", align_left=True),
                         i.deadline.isoformat(), Fig(f"{i.days_overdue} 天", flag=True), i.state]
                        for i in d.overdue_items]
        self._fill(self.overdue, f"逾期未兑现的承诺事项（{d.overdue_count}{more}）",
                   OVERDUE_HEADERS, overdue_rows, (9, 6, 24, 7, 5, 5),
                   "" if d.overdue_items else "没有逾期未兑现的承诺事项。", stretch=2, rows_shown=20)
        self.export_overdue.setVisible(bool(d.overdue_items))
        self._fill(self.notices, f"正在公示（{len(d.notices)}）", ("公示", "党组织", "公示期", "数量"),
                   [[Fig(n.kind, align_left=True), n.org_name, f"{n.start.isoformat()} 至 {n.end.isoformat()}",
                     str(n.count)] for n in d.notices], (10, 10, 16, 4), "目前没有正在公示的内容。", stretch=None)
        self._fill_supervision(d.today)
        waiting = [[step, Fig(str(n), flag=bool(n))] for step, n in d.waiting.items()]
        self._fill(self.waiting, f"{d.assessment_year}年度考核与表彰待办", ("环节", "数量"), waiting, (10, 5),
                   "", stretch=None)

    def _fill_supervision(self, today: dt.date) -> None:
        """整改通知 near or past their deadline, and branches with no plan for this year."""
        rows, total = overview.open_rectifications(today, self.org_id)
        self.rectification_rows = rows
        more = f"，列出最早到期的 {len(rows)} 份" if total > len(rows) else ""
        self._fill(self.rectifications, f"整改通知待整改（{total}{more}）", ("党组织", "存在问题", "整改时限", "状态"),
                   [[Fig(r.org_name, align_left=True), Fig(r.problems.replace("\n", "；"), align_left=True),
                     r.deadline.isoformat(),
                     Fig(f"逾期 {(today - r.deadline).days} 天" if r.deadline < today
                         else f"还有 {(r.deadline - today).days} 天", flag=r.deadline < today)] for r in rows],
                   (9, 24, 7, 6), "没有临近或超过整改时限的整改通知。", stretch=1)
        plans, total = overview.without_plans(today.year, self.org_id)
        self.no_plan_rows = plans
        more = f"，列出前 {len(plans)} 个" if total > len(plans) else ""
        self._fill(self.no_plans, f"尚未制定{today.year}年度计划的党组织（{total}{more}）", ("党组织",),
                   [[Fig(name, align_left=True)] for _oid, name in plans], (14,),
                   "各基层党组织都已制定年度计划。", stretch=None)

    def open_rectification(self, row: int) -> bool:
        """The notice's 标记已整改 dialog: the branch has reported it done."""
        from ui.committee.rectification_dialog import DoneDialog

        if not 0 <= row < len(self.rectification_rows):
            return False
        if modal.run(DoneDialog(self, self.rectification_rows[row].id)):
            self.reload()
            self.changed.emit()
            return True
        return False

    def open_plan(self, row: int) -> bool:
        from ui.campaign.plan_dialog import PlanDialog

        if not 0 <= row < len(self.no_plan_rows):
            return False
        modal.run(PlanDialog(self, self.no_plan_rows[row][0]))
        self.reload()
        return True

    def _fill(self, table: FigureTable, title: str, headers: tuple[str, ...], rows: list,
              widths: tuple[float, ...], empty: str, stretch: int | None = -1, rows_shown: int = 8) -> None:
        table.set_rows(headers, rows, widths, stretch)
        label = self.titles[table]
        label.setText(title if rows or not empty else f"{title}　{empty}")
        table.setVisible(bool(rows))
        height = (table.verticalHeader().defaultSectionSize() * min(len(rows), rows_shown)
                  + table.horizontalHeader().sizeHint().height() + 6)
        table.setMaximumHeight(height)
        if stretch is None:  # a short list: as wide as its columns, not the page
            table.setMaximumWidth(sum(table.columnWidth(c) for c in range(table.columnCount())) + 4)

    def export_overdue_items(self) -> object:
        """Every overdue item, not only the lines shown, for the committee to send round."""
        from ui.exchange.export_actions import export_rows

        if self.data is None:
            return None
        rows = [(i.org_name, i.who, f"{i.seq}. {i.content}", i.deadline, i.days_overdue, i.state)
                for i in overview.overdue_items(self.data.today, self.org_id)]
        return export_rows(self, f"逾期未兑现的承诺事项（截至{format_date(self.data.today)}）", OVERDUE_HEADERS, rows)

    # --- opening --------------------------------------------------------------------------------
    def open_missing(self, row: int) -> None:
        if self.data is not None and 0 <= row < len(self.data.missing_reviews):
            self.open_tab.emit(self.data.missing_reviews[row].org_id, "季度评议")

    def open_waiting(self, row: int) -> None:
        """待评定 opens the 年度考核 page on the year counted; a nomination step the 表彰 page."""
        if self.data is None or not 0 <= row < len(self.data.waiting):
            return
        step = list(self.data.waiting)[row]
        if step in (overview.WAITING_ORGS, overview.WAITING_MEMBERS):
            self.open_assessment.emit(self.data.assessment_year)
        else:
            self.open_commendation.emit(self.data.assessment_year)

    def open_notice(self, row: int) -> None:
        if self.data is not None and 0 <= row < len(self.data.notices):
            n = self.data.notices[row]
            self.open_tab.emit(n.org_id, "承诺" if n.org_id is not None else "表彰")

    def open_overdue(self, row: int) -> bool:
        """The overdue item's pledge, in the pledge dialog where its 践诺 is recorded."""
        from ui.campaign.pledge_dialog import PledgeDialog

        if self.data is None or not 0 <= row < len(self.data.overdue_items):
            return False
        pledge_id = ledger_sources.pledge_of_item(self.data.overdue_items[row].item_id)
        try:
            dialog = PledgeDialog(self, pledge_id)
        except NotFound as exc:
            messages.warn(self, "打开承诺", exc.message)
            return False
        if modal.run(dialog):
            self.reload()
            self.changed.emit()
            return True
        return False


class StatsPage(LazyView):
    """民主评议党员 and 党内表彰 for a year, as the committee reports them, each exportable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheets: dict[str, Sheet] = {}
        self.year = year_box(self, self.reload)
        self.appraisal, self.honours = FigureTable(self), FigureTable(self)
        self.appraisal.setObjectName("stats_appraisal")
        self.honours.setObjectName("stats_honours")
        self.appraisal_title, self.honours_title = QLabel(self), QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for key, title, table in (("appraisal", self.appraisal_title, self.appraisal),
                                  ("honours", self.honours_title, self.honours)):
            row = QHBoxLayout()
            title.setStyleSheet(HEAD_STYLE)
            row.addWidget(title, 1)
            button = QPushButton("导出 Excel…", self)
            button.setObjectName(f"export_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.export(k))
            row.addWidget(button)
            layout.addLayout(row)
            layout.addWidget(table, 1)

    def refresh(self) -> None:
        year = self.year.value()
        self.sheets = {"appraisal": overview.appraisal_stats(year, self.org_id),
                       "honours": overview.honours_stats(year, self.org_id)}
        for key, title, table, widths in (
                ("appraisal", self.appraisal_title, self.appraisal, (12, 8, 8, 5, 5, 5, 5, 5)),
                ("honours", self.honours_title, self.honours, (10, 8, 8, 6))):
            sheet = self.sheets[key]
            title.setText(sheet.title)
            rows = [[Fig(str(v), align_left=i == 0) for i, v in enumerate(r)] for r in sheet.rows]
            table.set_rows(sheet.headers, rows, widths, stretch=None)

    def export(self, key: str) -> object:
        """The sheet as shown, through the window's Excel export (title on top, tidy columns)."""
        from ui.exchange.export_actions import export_rows

        if self._stale:
            self.reload()
        sheet = self.sheets[key]
        return export_rows(self, sheet.title, sheet.headers, sheet.rows)
