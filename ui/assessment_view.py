"""The 年度考核 tab: organizations on the 五个好, members on the 五带头, ranked.

For the 党委 (or any organization: its whole subtree) and a year, each dimension shows its
two parts side by side — computed from the ledger, entered by the committee — then the
total, the suggested and the entered grade, and who cannot be commended and why. A figure
the ledger has no data for is marked 数据不全 and left out of the points attainable; an
organization whose 优秀 grades (the committee's, else the suggested ones) exceed the cap is
named in the summary line and in the detail. Lists search and sort like every other; the
selected row's detail explains each figure, and 录入评分… opens the committee's form.

A township's assessment takes seconds (30,000 members), so it is computed off the UI thread
(`ui.background.Runner`, with the worker's own SQLite connection): the page says 正在计算…
and the window keeps repainting; a year or organization changed meanwhile is computed next.
"""
from __future__ import annotations


from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import assessment, organizations, settings
from models.assessment import Candidate, GradeCap, Summary
from models.assessment_text import NO_DATA, suggested_text
from models.constants import FIVE_GOOD, FIVE_LEAD
from models.errors import NotFound
from models.records import Organization
from ui import modal
from ui.background import Runner
from ui.lazy_view import LazyView
from ui.list_panel import ListPanel
from ui.table_model import Column
from ui.year_box import year_box

# Row tuple: rank, name, organization, stroke key, (computed, entered) × 5, total, percent,
# missing ledger data, suggested, grade, may stand for, why not, the candidate's key
# (org id, member id).
RANK, NAME, ORG, STROKE = range(4)
DIMS = 4
TOTAL, PERCENT, DATA, SUGGESTED, GRADE, ELIGIBLE, WHY, KEY = range(14, 22)
MISSING_MARK = f"　<span style='color:#b3261e'>{NO_DATA}</span>"
MAX_NAMED = 5  # organizations named in the summary line; the rest in each one's detail


def _points(value: float | None) -> str:
    return "未录" if value is None else f"{value:g}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def data_text(c: Candidate) -> str:
    """'' when every figure has data; otherwise 数据不全 and the figures missing."""
    if not c.missing:
        return ""
    return f"{NO_DATA}：" + ("无台账数据" if c.no_data else "缺" + "、".join(c.missing_figures))


def candidate_row(c: Candidate) -> tuple:
    parts = []
    for d in c.dimensions:
        parts += [d.computed if d.computed_max else None, d.entered if d.entered_max else None]
    eligible = "、".join(t for t in c.titles if c.eligible(t)) or "不能参评"
    why = "；".join(f"{r}" for t in c.titles for r in c.exclusions.get(t, ()))
    name = c.org_name if c.is_org else c.name  # organizations by the short name the tree shows
    suggested = c.suggested or (NO_DATA if c.no_data else "")
    return (c.rank, name, c.org_name, c.stroke_key, *parts, c.score, c.percent, data_text(c), suggested,
            c.grade or "未评定", eligible, why, (c.org_id, c.member_id))


def short_dimension(dim: str) -> str:
    """领导班子好 → 领导班子, 带头学习提高 → 学习提高: narrow two-line column headers."""
    return dim.removeprefix("带头").removesuffix("好")


def _columns(member: bool) -> list[Column]:
    cols = [Column("排名", RANK, align_right=True), Column("姓名" if member else "党组织", NAME, sort_index=STROKE)]
    if member:
        cols.append(Column("所在党组织", ORG))
    for n, dim in enumerate(FIVE_LEAD if member else FIVE_GOOD):
        dim = short_dimension(dim)
        cols.append(Column(f"{dim}\n台账", DIMS + 2 * n, fmt=lambda v: "—" if v is None else f"{v:g}",
                           align_right=True, searchable=False))
        cols.append(Column(f"{dim}\n评分", DIMS + 2 * n + 1, fmt=_points, align_right=True, searchable=False))
    return cols + [
        Column("总分", TOTAL, fmt=lambda v: f"{v:g}", align_right=True, searchable=False),
        Column("得分率", PERCENT, fmt=_percent, align_right=True, searchable=False),
        Column("台账数据", DATA), Column("建议等次", SUGGESTED), Column("评定等次", GRADE), Column("可参评", ELIGIBLE),
        Column("不能参评的原因", WHY),
    ]


class CandidateList(ListPanel):
    def __init__(self, member: bool, parent: QWidget | None = None) -> None:
        super().__init__(_columns(member), "输入姓名、组织、等次、原因搜索" if member else "输入组织名称、等次、原因搜索",
                         parent, default_sort=0)
        self.member = member
        widths = [3, 6 if member else 8] + ([8] if member else []) + [4.2] * 10 + [3.5, 4.5, 10, 4, 4, 9, 30]
        self.fit_columns(widths)
        self.table.horizontalHeader().setMinimumHeight(self.fontMetrics().height() * 2 + 12)


class AssessmentView(LazyView):
    open_ledger = Signal(int, int)  # org id, year

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: Summary | None = None
        self.runner = Runner(self)
        self._again = False  # the year or organization changed while computing
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
        self.enter_button = QPushButton("录入评分…", self)
        self.enter_button.setToolTip("录入考核小组对选中对象各项的评分、评语和评定等次")
        self.enter_button.clicked.connect(self.enter_current)
        self.ledger_button = QPushButton("查看台账", self)
        self.ledger_button.setToolTip("打开选中对象所在组织的专项台账，查看每个数字的来源记录")
        self.ledger_button.clicked.connect(self._open_ledger)
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
    @property
    def computing(self) -> bool:
        """The assessment is being computed (tests wait on this; the lists stay disabled)."""
        return self.runner.busy

    def refresh(self) -> None:
        if self.runner.busy:  # the running job is for the old year or organization
            self._again = True
            return
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
        self._set_computing(True)
        self.runner.start(lambda _progress: _compute(year, org_id),
                          lambda result: self._computed(result, org), self._failed)

    def _set_computing(self, on: bool) -> None:
        self.progress.setVisible(on)
        for widget in (self.lists, self.enter_button, self.ledger_button, self.detail):
            widget.setEnabled(not on)
        if on:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _finished(self) -> bool:
        """Back from the worker: False when a newer request has to be computed first."""
        if self._again:
            self._again = False
            self.refresh()
            return False
        self._set_computing(False)
        return True

    def _failed(self, exc: BaseException) -> None:
        if not self._finished():
            return
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

    def stop(self) -> None:
        """Let a running computation end before the page goes away (see Runner.abandon)."""
        if self.runner.busy:
            self.runner.abandon()
            self._stale = True  # what was on its way is dropped: compute again when shown
        self._again = False
        self._set_computing(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        self.stop()
        super().closeEvent(event)

    def _computed(self, result: Summary, org: Organization) -> None:
        if not self._finished():
            return
        self.result = result
        keep, self._keep = self._keep, None
        s = self.result
        conf = settings.get_all()
        th = conf["assessment_grade_thresholds"]
        blocked = {t: sum(1 for c in s.ranked(t) if not c.eligible(t))
                   for t in (assessment.ORG_TITLE, assessment.MEMBER_TITLE)}
        self.summary.setText(
            f"{org.display_name}{'及下级' if org.level != '党支部' else ''}：基层党组织 {len(s.organizations)} 个、"
            f"党员 {len(s.members)} 名；数据截至 {s.as_of.isoformat()}。建议等次按得分率：优秀 ≥{th['优秀']:g}%、"
            f"合格 ≥{th['合格']:g}%。不能评先进基层党组织 {blocked[assessment.ORG_TITLE]} 个、"
            f"不能评优秀共产党员 {blocked[assessment.MEMBER_TITLE]} 名（原因见各行）。"
            + summary_warnings(s))
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
                            "<p style='color:#5f4b32'>在上面的列表中选中一个党组织或党员，这里显示各项得分的依据和不能参评的原因。</p>")

    # --- actions ----------------------------------------------------------------------------
    def enter_current(self) -> bool:
        from ui.assessment_dialog import AssessmentEntryDialog

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


def _compute(year: int, org_id: int) -> Summary:
    """On the worker thread: the summary without the ledgers (the candidates keep what the view
    shows; 30,000 ledgers are heavy to hand over and keep)."""
    result = assessment.summary(year, org_id)
    result.ledgers = {}
    return result


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def summary_warnings(s: Summary) -> str:
    """What the summary line adds: the organizations over the 优秀 cap and the 数据不全 count."""
    out = ""
    breaches = s.cap_breaches
    if breaches:
        named = "、".join(f"{b.org_name}（最多 {b.allowed} 名，现 {b.excellent} 名）" for b in breaches[:MAX_NAMED])
        more = f"等 {len(breaches)} 个" if len(breaches) > MAX_NAMED else ""
        out += f"优秀比例超限：{named}{more}，详见各党组织及其党员的说明。"
    incomplete = (sum(1 for c in s.organizations if c.missing), sum(1 for c in s.members if c.missing))
    if any(incomplete):
        out += (f"台账数据不全：党组织 {incomplete[0]} 个、党员 {incomplete[1]} 名，缺数据的项目不计入应得分"
                "（见“台账数据”列）。")
    return out


def detail_html(c: Candidate, cap: GradeCap | None = None) -> str:
    """Each dimension's basis, its two parts and the remark; then exclusions, the cap and gaps."""
    head = _esc(c.name + (f"（{c.org_name}）" if not c.is_org else ""))
    rows = "".join(
        f"<tr><td>{_esc(d.dimension)}</td><td align='right'>{d.points:g}</td><td>{_esc(d.figure_label)}</td>"
        f"<td align='right'>{_esc('无数据' if d.missing else d.basis.text if d.basis is not None else '—')}"
        f"{'' if d.basis is None or not d.basis.den else f'（{d.basis.num}/{d.basis.den}）'}</td>"
        f"<td align='right'>{'不计（无数据）' if d.missing else f'{d.computed:g}/{d.computed_max:g}'}</td>"
        f"<td align='right'>{'—' if not d.entered_max else _points(d.entered) + f'/{d.entered_max:g}'}</td>"
        f"<td>{_esc(d.remark)}</td></tr>" for d in c.dimensions)
    percent = _percent(c.percent)
    out = [(f"<p><b>{head}</b>　第 {c.rank} 名　总分 {c.score:g}/{c.full_marks:g}（得分率 {percent}"
            f"{'' if c.complete else '，考核小组评分未录齐，按已有部分折算'}）　建议等次：{_esc(suggested_text(c))}"
            f"　评定等次：{_esc(c.grade or '未评定')}"
            f"{MISSING_MARK if c.missing else ''}</p>"),
           ("<table border='1' cellspacing='0' cellpadding='3'><tr><th>考核项目</th><th>满分</th><th>台账依据</th>"
            f"<th>台账数据</th><th>台账计分</th><th>考核小组评分</th><th>评语</th></tr>{rows}</table>")]
    if c.remark:
        out.append(f"<p>总体评语：{_esc(c.remark)}</p>")
    reasons = [(t, r) for t in c.titles for r in c.exclusions.get(t, ())]
    if reasons:
        out.append("<p style='color:#b3261e'><b>不能参评：</b><br>" +
                   "<br>".join(f"不能评为“{_esc(t)}”：{_esc(r)}" for t, r in reasons) + "</p>")
    else:
        out.append("<p style='color:#2e7d32'>可参评：" + "、".join(f"“{t}”" for t in c.titles) + "</p>")
    if cap is not None and cap.broken:
        out.append(f"<p style='color:#b3261e'><b>{_esc(cap.message)}</b></p>")
    if c.notes:
        out.append("<p style='color:#5f4b32'>" + "<br>".join(_esc(n) for n in c.notes) + "</p>")
    return "".join(out)
