"""The 年度考核 tab: organizations on the 五个好, members on the 五带头, ranked.

For the 党委 (or any organization: its whole subtree) and a year, each dimension shows its
two parts side by side — computed from the ledger, entered by the committee — then the
total, the suggested and the entered grade, and who cannot be commended and why. A figure
the ledger has no data for is marked 数据不全 and left out of the points attainable; an
organization whose 优秀 grades (the committee's, else the suggested ones) exceed the cap is
named in the summary line and in the detail. Lists search and sort like every other; the
selected row's detail explains each figure, and 录入评分… opens the committee's form.

A township's assessment takes seconds (30,000 members), so it is computed off the UI thread
(a `ui.jobs` job, with the worker's own SQLite connection): the page says 正在计算…
and the window keeps repainting; a year or organization changed meanwhile is computed next.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.assessment import scoring as assessment
from models.assessment.report import (
    NO_DATA,
    percent_text,
    points_text,
    score_text,
    shortfall_text,
    suggested_text,
)
from models.assessment.scoring import Candidate, DimensionScore, GradeCap, Summary
from models.config import settings
from models.constants import FIVE_GOOD, FIVE_LEAD
from models.errors import NotFound
from models.roster import organizations
from models.store.tables import Organization
from printing.dates import format_date
from ui.committee.computed_view import ComputedView
from ui.widgets import modal
from ui.widgets.buttons import action_button
from ui.widgets.list_panel import ListPanel
from ui.widgets.table_model import Column, RowsModel
from ui.widgets.year_box import year_box

# Row tuple: rank, name, organization, stroke key, (computed, entered) × 5, total, attainable,
# percent, missing ledger data, suggested, grade, may stand for, why not, the candidate's key
# (org id, member id). Numbers stay numbers (the lists sort on them); only the cells format.
RANK, NAME, ORG, STROKE = range(4)
DIMS = 4
TOTAL, ATTAINABLE, PERCENT, DATA, SUGGESTED, GRADE, ELIGIBLE, WHY, KEY = range(14, 23)
MISSING_MARK = f"　<span style='color:#b3261e'>{NO_DATA}</span>"
MAX_NAMED = 5  # organizations named in the summary line; the rest in each one's detail
TOTAL_TIP = ("总分：各项台账计分与考核小组评分之和。\n应得分：有台账数据的台账计分部分，加上考核小组已录入评分"
             "的项目的满分；数据不全、尚未录入评分的部分不计入。\n得分率 = 总分 ÷ 应得分，建议等次按得分率。")
HEADER_TIPS = {
    "总分": TOTAL_TIP, "应得分": TOTAL_TIP, "得分率": TOTAL_TIP,
    "台账数据": "数据不全：台账中缺少某项数据，该项的台账计分部分不计入应得分",
    "不能参评的原因": "把鼠标停在单元格上可看到完整原因；选中一行后下方也列出全部原因",
}


def _points(value: float | None) -> str:
    return "未录" if value is None else points_text(value)


def _ledger_points(value: float | None) -> str:
    return "—" if value is None else points_text(value)


def data_text(c: Candidate) -> str:
    """'' when every figure has data; otherwise 数据不全 and the figures missing."""
    if not c.missing:
        return ""
    return f"{NO_DATA}：" + ("无台账数据" if c.no_data else "缺" + "、".join(c.missing_figures))


def candidate_row(c: Candidate) -> tuple:
    parts = []
    for d in c.dimensions:
        # no ledger data (数据不全) is "—" like no computed part, not a 0.00 that was never scored
        parts += [d.computed if d.computed_max and not d.missing else None, d.entered if d.entered_max else None]
    eligible = "、".join(t for t in c.titles if c.eligible(t)) or "不能参评"
    why = "；".join(f"{r}" for t in c.titles for r in c.exclusions.get(t, ()))
    name = c.org_name if c.is_org else c.name  # organizations by the short name the tree shows
    suggested = c.suggested or (NO_DATA if c.no_data else "")
    return (c.rank, name, c.org_name, c.stroke_key, *parts, c.score, c.attainable, c.percent, data_text(c),
            suggested, c.grade or "未评定", eligible, why, (c.org_id, c.member_id))


def short_dimension(dim: str) -> str:
    """领导班子好 → 领导班子, 带头学习提高 → 学习提高: narrow two-line column headers."""
    return dim.removeprefix("带头").removesuffix("好")


def _columns(member: bool) -> list[Column]:
    """Who, then what the committee decides on (总分 / 应得分 / 得分率, 数据不全, the two grades),
    then the ten parts and who may stand: the deciding columns fit a 1280-pixel window unscrolled,
    the parts (also in the detail below) and the reasons (long; last, stretching) may scroll."""
    cols = [Column("排名", RANK, align_right=True), Column("姓名" if member else "党组织", NAME, sort_index=STROKE)]
    if member:
        cols.append(Column("所在党组织", ORG))
    cols += [
        Column("总分", TOTAL, fmt=points_text, align_right=True, searchable=False),
        Column("应得分", ATTAINABLE, fmt=points_text, align_right=True, searchable=False),
        Column("得分率", PERCENT, fmt=percent_text, align_right=True, searchable=False),
        Column("台账数据", DATA), Column("建议等次", SUGGESTED), Column("评定等次", GRADE),
    ]
    for n, dim in enumerate(FIVE_LEAD if member else FIVE_GOOD):
        dim = short_dimension(dim)
        cols.append(Column(f"{dim}\n台账", DIMS + 2 * n, fmt=_ledger_points, align_right=True, searchable=False))
        cols.append(Column(f"{dim}\n评分", DIMS + 2 * n + 1, fmt=_points, align_right=True, searchable=False))
    return cols + [Column("可参评", ELIGIBLE), Column("不能参评的原因", WHY)]


# Text columns cut to a few characters (the whole text is the cell's tooltip); the rest are as
# wide as their widest content, and the last (不能参评的原因) takes whatever room is left.
CUT_CHARS = {NAME: 6, ORG: 8, DATA: 7, ELIGIBLE: 6, WHY: 8}
NAME_CHARS_ORG = 9  # the organizations' list: 党组织 names are longer than people's


class CandidateModel(RowsModel):
    """The rows of a list, plus tooltips: a cut cell's whole text, what 总分 and 应得分 mean."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            column = self.columns[index.column()]
            if column.index in CUT_CHARS:
                return super().data(index, Qt.ItemDataRole.DisplayRole) or None
            if column.index in (TOTAL, ATTAINABLE, PERCENT):
                row = self.row_tuple(index.row())
                return (f"总分 {points_text(row[TOTAL])} / 应得分 {points_text(row[ATTAINABLE])}"
                        f"（得分率 {percent_text(row[PERCENT])}）")
            return None
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return HEADER_TIPS.get(self.columns[section].title)
        return super().headerData(section, orientation, role)


class CandidateList(ListPanel):
    def __init__(self, member: bool, parent: QWidget | None = None) -> None:
        columns = _columns(member)
        super().__init__(columns, "输入姓名、组织、等次、原因搜索" if member else "输入组织名称、等次、原因搜索",
                         parent, default_sort=0, model_class=CandidateModel)  # rows with tooltips
        self.member = member
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("中") * 2)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fit(columns, [])

    def set_rows(self, rows: list[tuple]) -> None:
        super().set_rows(rows)
        self._fit(self.model.columns, rows)

    def _fit(self, columns: Sequence[Column], rows: list[tuple]) -> None:
        """Width by content, measured cheaply: a column's distinct values, and of its numbers
        only the largest (digits are equally wide) — never ResizeToContents on 30,000 rows."""
        cells, heads = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        em = cells.horizontalAdvance("中")
        for n, column in enumerate(columns):
            if column.index in CUT_CHARS:
                chars = NAME_CHARS_ORG if column.index == NAME and not self.member else CUT_CHARS[column.index]
                self.table.setColumnWidth(n, em * chars + 16)
                continue
            values = {row[column.index] for row in rows}
            numbers = [v for v in values if isinstance(v, int | float)]
            texts = {(column.fmt or str)(v) for v in values if not isinstance(v, int | float)}
            if numbers:
                texts.add((column.fmt or str)(max(numbers)))
            widest = max((cells.horizontalAdvance(t) for t in texts), default=0)
            head = max(heads.horizontalAdvance(line) for line in column.title.split("\n"))
            self.table.setColumnWidth(n, max(widest + 14, head + 18))


class AssessmentView(ComputedView):
    open_ledger = Signal(int, int)  # org id, year

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: Summary | None = None
        self._keep: tuple[int | None, int | None] | None = None  # the selection to restore
        self.year = year_box(self, self.reload)
        self.summary = QLabel(self)
        self.summary.setObjectName("assessment_summary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # no steps to count: a moving bar says it is working
        self.progress.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * 8)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.orgs, self.people = CandidateList(False, self), CandidateList(True, self)
        self.lists = QTabWidget(self)
        self.lists.addTab(self.orgs, "基层党组织（五个好）")
        self.lists.addTab(self.people, "党员（五带头）")
        self.lists.currentChanged.connect(lambda _i: self._show_detail())
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("assessment_detail")
        self.detail.setOpenLinks(False)
        self.enter_button = action_button(self, "录入评分…", self.enter_current,
                                          "录入考核小组对选中对象各项的评分、评语和评定等次")
        self.ledger_button = action_button(self, "查看台账", self._open_ledger,
                                           "打开选中对象所在组织的专项台账，查看每个数字的来源记录")
        for panel in (self.orgs, self.people):
            panel.activated.connect(lambda _row: self.enter_current())
            panel.table.selectionModel().currentChanged.connect(lambda *_a: self._show_detail())
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enter_button)
        buttons.addWidget(self.ledger_button)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.detail, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.lists)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.progress)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    @property
    def panel(self) -> ListPanel:
        """The list on screen (文件 → 导出当前列表 exports it)."""
        return self.people if self.lists.currentWidget() is self.people else self.orgs

    # --- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current()
        self._keep = None if keep is None else (keep.org_id if keep.is_org else None, keep.member_id)
        org = None
        if self.org_id is not None:
            try:
                org = organizations.get(self.org_id)
            except NotFound:
                self.org_id = None
        if org is None:
            self._show_empty()
            return
        year, org_id = self.year.value(), self.org_id
        self.summary.setText(f"正在计算{org.display_name} {year} 年度考核…")
        self.compute(lambda _token: light_summary(year, org_id), lambda result: self._computed(result, org),
                     self._failed, "年度考核")

    def busy_widgets(self) -> tuple[QWidget, ...]:
        return (self.lists, self.enter_button, self.ledger_button, self.detail)

    def show_computing(self, on: bool) -> None:
        """The lists stay disabled while computing; a moving bar says it is working."""
        self.progress.setVisible(on)
        super().show_computing(on)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFound):  # the organization went away while computing
            self.org_id = None
            self._show_empty()
            return
        self.summary.setText("年度考核计算出错，请重试。")
        raise exc

    def _show_empty(self) -> None:
        self.result = None
        self.summary.setText("请先在左侧选择党委（全镇）或一个党组织。")
        self.orgs.set_rows([])
        self.people.set_rows([])
        self._show_detail()

    def _computed(self, result: Summary, org: Organization) -> None:
        self.result = result
        keep, self._keep = self._keep, None
        s = self.result
        conf = settings.get_all()
        th = conf["assessment_grade_thresholds"]
        blocked = {t: sum(1 for c in s.ranked(t) if not c.eligible(t))
                   for t in (assessment.ORG_TITLE, assessment.MEMBER_TITLE)}
        three = bool(conf["three_grades"])
        below = "及下级" if org.level != "党支部" else ""
        lines = [f"{org.display_name}{below}：基层党组织 {len(s.organizations)} 个、"
                 f"党员 {len(s.members)} 名（数据截至{format_date(s.as_of)}）",
                 f"建议等次按得分率（总分 ÷ 应得分）：{grade_lines_text(th, three)}",
                 f"不能评先进基层党组织 {blocked[assessment.ORG_TITLE]} 个、"
                 f"不能评优秀共产党员 {blocked[assessment.MEMBER_TITLE]} 名（原因见各行及下方说明）",
                 *summary_warnings(s)]
        self.summary.setText("\n".join(lines))
        self.orgs.set_rows([candidate_row(c) for c in s.organizations])
        self.people.set_rows([candidate_row(c) for c in s.members])
        if keep is not None:
            self.select(*keep)
        self._show_detail()

    def current(self) -> Candidate | None:
        row = self.panel.current()
        if row is None or self.result is None:
            return None
        org_id, member_id = row[KEY]
        return self.result.candidate(org_id=org_id, member_id=member_id)

    def select(self, org_id: int | None = None, member_id: int | None = None) -> None:
        panel = self.people if member_id is not None else self.orgs
        self.lists.setCurrentWidget(panel)
        panel.select_where(lambda r: r[KEY] == (r[KEY][0] if member_id else org_id, member_id))

    def _show_detail(self) -> None:
        c = self.current()
        self.enter_button.setEnabled(c is not None)
        self.ledger_button.setEnabled(c is not None)
        cap = self.result.caps.get(c.org_id) if c is not None and self.result is not None else None
        self.detail.setHtml(detail_html(c, cap) if c is not None else
                            "<p style='color:#5f4b32'>在上面的列表中选中一个党组织或党员，"
                            "这里显示各项得分的依据和不能参评的原因。</p>")

    # --- actions ----------------------------------------------------------------------------
    def enter_current(self) -> bool:
        from ui.committee.assessment_dialog import AssessmentEntryDialog

        c = self.current()
        if c is None:
            return False
        dialog = AssessmentEntryDialog(self, self.year.value(), c)
        if not modal.run(dialog):
            return False
        self.reload()
        self.changed.emit()
        return True

    def _open_ledger(self) -> None:
        c = self.current()
        if c is not None:
            self.open_ledger.emit(c.org_id, self.year.value())


def light_summary(year: int, org_id: int) -> Summary:
    """On the worker thread: the summary without the ledgers (the candidates keep what the
    年度考核 and 表彰 pages show; 30,000 ledgers are heavy to hand over and keep)."""
    result = assessment.summary(year, org_id)
    result.ledgers = {}
    return result


def _part(computed: float, most: float, missing: bool) -> str:
    if missing:
        return "不计（无数据）"
    return "—" if not most else f"{points_text(computed)} / {points_text(most)}"


def _entered(d: Any) -> str:
    """The committee's part of a dimension: points given over the part's maximum."""
    return "—" if not d.entered_max else f"{_points(d.entered)} / {points_text(d.entered_max)}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def grade_lines_text(thresholds: dict[str, float], three_grades: bool) -> str:
    """The score lines in a sentence, every band said: 优秀 ≥90%、合格 ≥75%、基本合格 ≥60%、以下不合格."""
    if three_grades:  # the 基本合格 band counts as 合格 (see assessment.suggest_grade)
        return f"优秀 ≥{thresholds['优秀']:g}%、合格 ≥{thresholds['基本合格']:g}%、以下不合格"
    return (f"优秀 ≥{thresholds['优秀']:g}%、合格 ≥{thresholds['合格']:g}%、"
            f"基本合格 ≥{thresholds['基本合格']:g}%、以下不合格")


def summary_warnings(s: Summary) -> list[str]:
    """The summary's lines on the organizations over the 优秀 cap and the 数据不全 count."""
    out = []
    breaches = s.cap_breaches
    if breaches:
        named = "、".join(f"{b.org_name}（最多 {b.allowed} 名，现 {b.excellent} 名）" for b in breaches[:MAX_NAMED])
        more = f"等 {len(breaches)} 个" if len(breaches) > MAX_NAMED else ""
        out.append(f"优秀比例超限：{named}{more}，详见各党组织及其党员的说明")
    incomplete = (sum(1 for c in s.organizations if c.missing), sum(1 for c in s.members if c.missing))
    if any(incomplete):
        out.append(f"台账数据不全：党组织 {incomplete[0]} 个、党员 {incomplete[1]} 名，缺数据的项目不计入应得分"
                   "（见“台账数据”列）")
    return out


def detail_html(c: Candidate, cap: GradeCap | None = None) -> str:
    """Each dimension's basis, its two parts and the remark; then exclusions, the cap and gaps."""
    head = _esc(c.name + (f"（{c.org_name}）" if not c.is_org else ""))
    rows = "".join(
        f"<tr><td>{_esc(d.dimension)}</td><td align='right'>{points_text(d.points)}</td><td>{_esc(d.figure_label)}</td>"
        f"<td align='right'>{_esc('无数据' if d.missing else d.basis.text if d.basis is not None else '—')}"
        f"{_basis_counts(d)}</td>"
        f"<td align='right'>{_part(d.computed, d.computed_max, d.missing)}</td>"
        f"<td align='right'>{_entered(d)}</td>"
        f"<td>{_esc(d.remark)}</td></tr>" for d in c.dimensions)
    shortfall = shortfall_text(c)
    out = [(f"<p><b>{head}</b>　第 {c.rank} 名　{score_text(c)}　建议等次：{_esc(suggested_text(c))}"
            f"　评定等次：{_esc(c.grade or '未评定')}{MISSING_MARK if c.missing else ''}"
            f"{f'<br>{_esc(shortfall)}，得分率按应得分计算。' if shortfall else ''}</p>")]
    # what stops a commendation comes before the table: at the foot it was cut off unseen
    reasons = [(t, r) for t in c.titles for r in c.exclusions.get(t, ())]
    if reasons:
        out.append("<p style='color:#b3261e'><b>不能参评：</b><br>" +
                   "<br>".join(f"不能评为“{_esc(t)}”：{_esc(r)}" for t, r in reasons) + "</p>")
    else:
        out.append("<p style='color:#2e7d32'>可参评：" + "、".join(f"“{t}”" for t in c.titles) + "</p>")
    if cap is not None and cap.broken:
        out.append(f"<p style='color:#b3261e'><b>{_esc(cap.message)}</b></p>")
    out.append("<table border='1' cellspacing='0' cellpadding='3'><tr><th>考核项目</th><th>满分</th>"
               f"<th>台账依据</th><th>台账数据</th><th>台账计分</th><th>考核小组评分</th><th>评语</th></tr>{rows}</table>")
    if c.remark:
        out.append(f"<p>总体评语：{_esc(c.remark)}</p>")
    if c.notes:
        out.append("<p style='color:#5f4b32'>" + "<br>".join(_esc(n) for n in c.notes) + "</p>")
    return "".join(out)


def _basis_counts(d: DimensionScore) -> str:
    """The counts behind a figure: votes or items (44/50), but for 互评得分率 points, said so."""
    if d.basis is None or not d.basis.den:
        return ""
    if d.figure == "mutual_score":
        return f"（{d.basis.num:g} 分 / 满分 {d.basis.den:g} 分）"
    return f"（{d.basis.num}/{d.basis.den}）"
