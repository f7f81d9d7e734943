"""The 专项台账 tab: one organization's year, every figure traceable to its records.

Five small tables — 季度评议, 党员互评, 群众评议 (the organization's items, then each
member's items side by side), 承诺践诺, 领导点评 — over a 数据来源 list:
select a figure and the meetings or pledge items it was computed from are listed, and any
of them opens in its own dialog. The ledger prints from here (A4, the 群众评议 table on
landscape pages).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.campaign import ledger
from models.campaign.ledger import (
    PARTY,
    PUBLIC,
    TOTAL,
    MemberLedger,
    OrgLedger,
    Ratio,
    Satisfaction,
    Sources,
)
from models.config import settings
from models.constants import MUTUAL_GRADES
from models.errors import NotFound
from models.roster import organizations
from printing.dates import format_date
from ui.campaign.sources_panel import SourcesPanel
from ui.widgets.figure_table import Fig, FigureTable
from ui.widgets.lazy_view import LazyView
from ui.widgets.year_box import year_box

HINT_STYLE = "color: #5f4b32; background: #fbf3e4; padding: 6px; border-radius: 4px;"
WARN_STYLE = "color: #b3261e;"
ORG_PLEDGE = "（组织承诺）"


def ratio_text(r: Ratio) -> str:
    """93.3%（28/30）: the share and the counts it is made of."""
    return "—" if not r.den else f"{r.text}（{r.num}/{r.den}）"


def fit_columns(table: FigureTable, stretch: int | None = None) -> None:
    """Each column as wide as its widest cell or heading, plus a margin.

    The fixed widths in characters left a column far wider than its figures (and the last one
    took every spare pixel); only a free-text column (`stretch`) takes the spare width now.
    Without one, the table is as wide as its columns, not the page, like the 首页's short lists.
    Measured with font metrics rather than resizeColumnsToContents: a branch's member tables
    have hundreds of rows and this stays a few milliseconds."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    cells, heads = table.fontMetrics(), header.fontMetrics()
    margin = cells.horizontalAdvance("中") * 2
    for c in range(table.columnCount()):
        head = table.horizontalHeaderItem(c)
        width = heads.horizontalAdvance(head.text()) if head is not None else 0
        for r in range(table.rowCount()):
            item = table.item(r, c)
            if item is not None:
                width = max(width, cells.horizontalAdvance(item.text()))
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch
                                    else QHeaderView.ResizeMode.Interactive)
        if c != stretch:
            table.setColumnWidth(c, width + margin)
    if stretch is None:
        table.setMaximumWidth(sum(table.columnWidth(c) for c in range(table.columnCount()))
                              + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width())


def sat_fig(s: Satisfaction, what: str) -> Fig:
    return Fig(ratio_text(s.ratio), s.sources, what, flag=s.meets is False)


def verdict(s: Satisfaction, what: str) -> Fig:
    text = {None: "—", True: "达标", False: "未达标"}[s.meets]
    return Fig(text, s.sources, what, flag=s.meets is False, good=s.meets is True)


class LedgerView(LazyView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.led: OrgLedger | None = None
        self.year = year_box(self, self.reload)
        self.summary = QLabel(self)
        self.summary.setObjectName("ledger_summary")
        self.summary.setWordWrap(True)
        self.print_button = QPushButton("打印台账…", self)
        self.print_button.setToolTip("生成本组织本年度专项台账（A4，群众评议表为横向页），先预览再打印")
        self.print_button.clicked.connect(self.print_ledger)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setVisible(False)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("ledger_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARN_STYLE)
        self.warnings.setVisible(False)
        self.quarters, self.mutual, self.mass = FigureTable(self), FigureTable(self), FigureTable(self)
        self.member_mass = FigureTable(self)
        self.member_mass.setObjectName("ledger_member_mass")
        self.pledges, self.comments = FigureTable(self), FigureTable(self)
        self.sections = QTabWidget(self)
        self.sections.setObjectName("ledger_sections")
        for widget, title, name in ((self.quarters, "季度评议", "quarters"), (self.mutual, "党员互评", "mutual"),
                                    (self._mass_page(), "群众评议", "mass"), (self.pledges, "承诺践诺", "pledges"),
                                    (self.comments, "领导点评", "comments")):
            if isinstance(widget, FigureTable):
                widget.setObjectName(f"ledger_{name}")
            self.sections.addTab(widget, title)
        self.sources = SourcesPanel(self)
        self.sources.record_saved.connect(self._record_saved)
        for table in self._tables():
            table.figure_selected.connect(self.sources.show_sources)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.sections)
        split.addWidget(self.sources)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.warnings)
        layout.addWidget(split, 1)

    def _mass_page(self) -> QWidget:
        """群众评议: the organization's items over its members' (one row per member and vote)."""
        self.mass.setObjectName("ledger_mass")
        self.member_mass_caption = QLabel("对党员的评议（分项满意率）", self)
        page = QWidget(self)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(QLabel("对党组织的评议", page))
        lay.addWidget(self.mass)  # six rows: as tall as they need, the members take the rest
        lay.addSpacing(6)
        lay.addWidget(self.member_mass_caption)
        lay.addWidget(self.member_mass, 1)
        return page

    def _fit_height(self, table: FigureTable) -> None:
        """The organization's few rows shown whole, without a scroll bar or a blank area."""
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        bar = table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(table.horizontalHeader().height() + rows + 2 * table.frameWidth() + bar)

    def _tables(self) -> tuple[FigureTable, ...]:
        return self.quarters, self.mutual, self.mass, self.member_mass, self.pledges, self.comments

    # --- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.led = None
        if self.org_id is not None:
            try:
                org = organizations.get(self.org_id)
                self.led = ledger.for_org(self.org_id, self.year.value())
            except NotFound:
                self.org_id = None
        self.print_button.setEnabled(self.led is not None)
        self.sources.show_sources("", ledger.NO_SOURCES)
        if self.led is None:
            self.summary.setText("请先在左侧选择一个党组织。")
            for table in self._tables():
                table.set_rows((), [])
            self.hint.setVisible(False)
            self.warnings.setVisible(False)
            return
        self.hint.setText(self._no_reviews_note(org.display_name))
        self.hint.setVisible(not self.led.holds_reviews)
        self._show_summary()
        self._fill_quarters()
        self._fill_mutual()
        self._fill_mass()
        self._fill_pledges()
        self._fill_comments()

    def _no_reviews_note(self, name: str) -> str:
        """Why an organization that holds no quarterly meetings itself has an empty ledger, and
        where its branches' figures are: neutral, never the red 未召开 of a branch."""
        led = self.led
        assert led is not None
        if led.holds_reviews:
            return ""
        if led.level == "党委":
            why = f"{name}本级不召开季度评议会，季度评议由所属基层党组织召开"
        else:
            why = f"{name}本级没有在册党员，季度评议由所属党支部召开"
        return (f"{why}，这里不作“未召开”提示。请在左侧选择一个党支部查看它的专项台账；"
                "各支部评议会的召开情况见“首页”待办，汇总和排名见“年度考核”页。")

    def _held_text(self) -> str:
        """季度评议 in the summary line: held of due for a branch; for an organization that holds
        no meetings itself, 0/3 would read as a failure, so say so instead."""
        led = self.led
        assert led is not None
        if led.holds_reviews:
            return ratio_text(led.held)
        return f"本级召开 {led.held.num} 次" if led.held.num else "本级不召开"

    def _show_summary(self) -> None:
        led = self.led
        assert led is not None
        conf = settings.get_all()
        gate = led.mass.overall[conf["satisfaction_gate_group"]]
        text = (f"{led.label}　数据截至{format_date(led.as_of)}　满意率按{settings.SATISFACTION_FORMULAS[led.formula]}"
                f"计算，门槛 {led.threshold * 100:g}%\n"
                f"季度评议 {self._held_text()}　出席率 {ratio_text(led.attendance)}"
                f"　群众满意率 {ratio_text(gate.ratio)}　承诺兑现率 {ratio_text(led.pledges.fulfilment)}")
        self.summary.setText(text)
        problems = [f"{q.label}的评议会还没有召开（记录）。" for q in led.missing_quarters]
        problems += [c.message for c in led.cap_breaches]
        graded = [m for m in led.members if m.mutual.grade]
        excellent = led.mutual_grade_counts["优秀"]
        if graded and excellent * 1.0 / len(graded) > led.excellent_cap + 1e-9:
            problems.append(f"互评结果为优秀的党员 {excellent} 名，占 {len(graded)} 名的 "
                            f"{excellent / len(graded) * 100:.1f}%，超过了优秀比例上限。")
        if gate.meets is False:
            problems.append(f"群众满意率 {gate.ratio.text} 低于 {led.threshold * 100:g}% 的门槛，"
                            "不能评为先进基层党组织。")
        self.warnings.setText("\n".join(problems))
        self.warnings.setVisible(bool(problems))

    def _fill_quarters(self) -> None:
        led = self.led
        assert led is not None
        rows = []
        for q in led.quarters:
            src = Sources((q.review_id,)) if q.review_id else ledger.NO_SOURCES
            if not q.held:
                if not led.holds_reviews:
                    state = Fig("—", tip="本级不召开季度评议会，由所属党支部召开")
                else:
                    state = Fig("未召开" if q.due else "未到期", flag=q.due)
                rows.append([q.label, state] + [""] * 9)
                continue
            cap = "—" if q.cap is None else ("超出" if q.cap.broken else "符合")
            rows.append([
                Fig(q.label, src, f"{q.label}评议会"), Fig("已召开", src, f"{q.label}评议会"),
                Fig(q.date.isoformat() if q.date else "", src, f"{q.label}评议会"),
                Fig(str(q.expected), src, f"{q.label}应到"),
                Fig(str(q.present) if q.attendance_recorded else "未登记", src, f"{q.label}实到"),
                Fig(str(q.leave), src, f"{q.label}请假"), Fig(str(q.absent), src, f"{q.label}缺席"),
                Fig(ratio_text(q.attendance), src, f"{q.label}出席率"),
                Fig(f"{q.mutual_voters} 人", src, f"{q.label}参加互评"),
                Fig(f"党员 {q.mass_party_voters}，群众 {q.mass_public_voters}", src, f"{q.label}群众评议人数"),
                Fig(cap, src, f"{q.label}优秀比例", flag=bool(q.cap and q.cap.broken),
                    tip=q.cap.message if q.cap and q.cap.broken else ""),
            ])
        rows.append(self._year_row())
        self.quarters.set_rows(("季度", "召开情况", "会议日期", "应到", "实到", "请假", "缺席", "出席率",
                                "参加互评", "参加群众评议", f"优秀≤{ledger.cap_text(led.excellent_cap)}"), rows)
        fit_columns(self.quarters)

    def _year_row(self) -> list:
        """全年: the year's totals in person-times (人次), so that 实到/应到 is the year's 出席率.

        Only meetings whose attendance was typed in are added up (as the rate counts them);
        the tooltips say which, so a column that does not add up is explained, not puzzling."""
        led = self.led
        assert led is not None
        t = led.totals
        held = led.held
        if led.holds_reviews:
            state = Fig(f"已召开 {held.num}/{held.den}", held.sources, "全年评议会召开情况",
                        flag=held.num < held.den)
        else:
            state = Fig(f"本级召开 {held.num} 次" if held.num else "—", held.sources, "全年评议会召开情况",
                        tip="本级不召开季度评议会，由所属党支部召开")
        if not t.recorded:
            why = "本年度还没有召开评议会" if not t.meetings else "本年度的评议会都还没有登记出勤"
            return [Fig("全年", t.sources, "全年评议会"), state, "",
                    *(Fig("—", tip=why) for _ in range(4)),
                    Fig(ratio_text(t.attendance), t.attendance_sources, "全年出席率", tip=why),
                    *self._year_voters(t)]
        skipped = t.meetings - t.recorded
        tip = (f"全年合计（人次）：已登记出勤的 {t.recorded} 次评议会相加"
               + (f"，另有 {skipped} 次未登记出勤，不计入" if skipped else "")
               + "；出席率 = 实到 ÷ 应到。")
        src = t.attendance_sources
        return [Fig("全年", t.sources, "全年评议会"), state, "",
                Fig(f"{t.expected} 人次", src, "全年应到", tip=tip),
                Fig(f"{t.present} 人次", src, "全年实到", tip=tip),
                Fig(f"{t.leave} 人次", src, "全年请假", tip=tip),
                Fig(f"{t.absent} 人次", src, "全年缺席", tip=tip),
                Fig(ratio_text(t.attendance), src, "全年出席率", tip=tip),
                *self._year_voters(t)]

    def _year_voters(self, t: ledger.MeetingTotals) -> list:
        """参加互评, 参加群众评议 and the 优秀 cap over the year's meetings."""
        led = self.led
        assert led is not None
        if not t.meetings:
            return ["", "", ""]
        checked = [q for q in led.quarters if q.cap is not None]
        broken = led.cap_breaches
        cap = Fig("—" if not checked else (f"超出 {len(broken)} 次" if broken else "符合"),
                  Sources(tuple(c.review_id for c in broken)) if broken else t.sources, "全年优秀比例",
                  flag=bool(broken), tip="\n".join(c.message for c in broken))
        return [Fig(f"{t.mutual_voters} 人次", t.sources, "全年参加互评", tip="各次评议会参加互评人数之和"),
                Fig(f"党员 {t.mass_party_voters}，群众 {t.mass_public_voters} 人次", t.sources,
                    "全年群众评议人数", tip="各次评议会参加群众评议人数之和"),
                cap]

    def _fill_mutual(self) -> None:
        led = self.led
        assert led is not None
        grades = [g for g in MUTUAL_GRADES if not (led.three_grades and g == "基本合格")]
        rows = []
        for m in led.members:
            mu = m.mutual
            if not mu.total and not m.attendance.expected:
                continue
            name = m.name + ("（已不在册）" if not m.on_roll else "")
            row = [Fig(name, mu.sources, f"{m.name} 党员互评", align_left=True)]
            for g in grades:
                share = mu.share(g)
                row.append(Fig(f"{share.num} 票（{share.text}）" if share.den else "—", mu.sources, f"{m.name} {g}票"))
            row += [Fig(str(mu.total), mu.sources, f"{m.name} 有效票"),
                    Fig(mu.grade or "未评", mu.sources, f"{m.name} 互评结果", flag=mu.grade == "不合格"),
                    Fig(ratio_text(m.attendance.rate), m.attendance.sources, f"{m.name} 出席率")]
            rows.append(row)
        self.mutual.set_rows(("姓名", *grades, "有效票", "互评结果", "评议会出席"), rows)
        fit_columns(self.mutual)

    def _fill_mass(self) -> None:
        led = self.led
        assert led is not None
        gate = settings.get("satisfaction_gate_group")
        rows = []
        for item, groups in zip(led.mass.items, led.mass.by_item, strict=False):
            rows.append(self._mass_row("本组织", item, groups, gate))
        rows.append(self._mass_row("本组织", "各项合计", led.mass.overall, gate))
        self.mass.set_rows(("评议对象", "评议项目", "党员", "群众", "合计", f"是否达标（{gate}）"), rows)
        fit_columns(self.mass)
        self._fit_height(self.mass)
        self._fill_member_mass(gate)

    def _fill_member_mass(self, gate: str) -> None:
        """One row per member and voter group, the four items and 各项合计 side by side.

        Only the groups that rated members this year get rows (with 合计 when both did):
        a row of dashes under every member would hide the figures that exist."""
        led = self.led
        assert led is not None
        rated = [m for m in led.members if m.mass.has_votes]
        voted = [g for g in (PARTY, PUBLIC) if any(m.mass.overall[g].valid for m in rated)]
        groups = [*voted, TOTAL] if len(voted) == 2 else voted
        items = rated[0].mass.items if rated else ()
        rows = []
        for m in rated:
            for n, group in enumerate(groups):
                rows.append(self._member_mass_row(m, group, gate, first=n == 0))
        self.member_mass_caption.setText("对党员的评议（分项满意率，每名党员按计票分行）" if rated
                                         else "对党员的评议：本年度没有评议票数")
        self.member_mass.set_rows(("姓名", "计票", *items, "各项合计", f"是否达标（{gate}）"), rows)
        fit_columns(self.member_mass)

    @staticmethod
    def _member_mass_row(m: MemberLedger, group: str, gate: str, first: bool) -> list:
        overall = m.mass.overall
        name = m.name + ("（已不在册）" if not m.on_roll else "")
        row: list = [Fig(name if first else "", overall[TOTAL].sources, f"{m.name} 群众评议", align_left=True),
                     Fig(group, overall[group].sources, f"{m.name} 群众评议（{group}）")]
        for item, groups in zip(m.mass.items, m.mass.by_item, strict=False):
            row.append(sat_fig(groups[group], f"{m.name} {item}（{group}）"))
        row.append(sat_fig(overall[group], f"{m.name} 各项合计（{group}）"))
        row.append(verdict(overall[gate], f"{m.name} 是否达标") if first else "")
        return row

    @staticmethod
    def _mass_row(who: str, item: str, groups: dict[str, Satisfaction], gate: str) -> list:
        what = f"{who} {item}"
        return [Fig(who, groups[TOTAL].sources, what, align_left=True),
                Fig(item, groups[TOTAL].sources, what, align_left=True),
                sat_fig(groups[PARTY], f"{what}（党员）"), sat_fig(groups[PUBLIC], f"{what}（群众）"),
                sat_fig(groups[TOTAL], f"{what}（合计）"), verdict(groups[gate], f"{what}是否达标")]

    def _fill_pledges(self) -> None:
        led = self.led
        assert led is not None
        rows = []
        for who, t in [(ORG_PLEDGE, led.org_pledge), *((m.name, m.pledge) for m in led.members)]:
            if not t.pledged or not t.items:
                continue
            due = Sources(pledge_item_ids=t.due_ids)
            reasons = "；".join(f"第{u.seq}项：{u.reason or '未说明原因'}" for u in t.unfulfilled)
            rows.append([
                Fig(who, due, f"{who} 承诺", align_left=True), Fig(str(t.items), due, f"{who} 承诺事项"),
                Fig(str(t.due), due, f"{who} 已到期事项"),
                Fig(str(t.fulfilled), Sources(pledge_item_ids=t.fulfilled_ids), f"{who} 已兑现事项"),
                Fig(str(len(t.unfulfilled)), Sources(pledge_item_ids=tuple(u.item_id for u in t.unfulfilled)),
                    f"{who} 未兑现事项", flag=bool(t.without_reason)),
                Fig(str(len(t.overdue_ids)), Sources(pledge_item_ids=t.overdue_ids), f"{who} 逾期未登记事项",
                    flag=bool(t.overdue_ids)),
                Fig(ratio_text(t.fulfilment), due, f"{who} 兑现率"),
                Fig(reasons, Sources(pledge_item_ids=tuple(u.item_id for u in t.unfulfilled)),
                    f"{who} 未兑现原因", flag=bool(t.without_reason), align_left=True),
            ])
        self.pledges.set_rows(("承诺人", "承诺事项", "已到期", "已兑现", "未兑现", "逾期未登记", "兑现率",
                               "未兑现原因"), rows)
        fit_columns(self.pledges, stretch=7)

    def _fill_comments(self) -> None:
        led = self.led
        assert led is not None
        rows = [[Fig(q.label, Sources((q.review_id,)), f"{q.label}领导点评"),
                 Fig(q.leader_name or "—", Sources((q.review_id,)), f"{q.label}领导点评"),
                 Fig(q.leader_comment, Sources((q.review_id,)), f"{q.label}领导点评", align_left=True)]
                for q in led.quarters if q.held and q.leader_comment.strip()]
        self.comments.set_rows(("季度", "点评领导", "点评内容"), rows)
        fit_columns(self.comments, stretch=2)

    # --- actions ----------------------------------------------------------------------------
    def _record_saved(self) -> None:
        """A source record was corrected: the figures change at once, and other tabs too."""
        self.reload()
        self.changed.emit()

    def print_ledger(self) -> None:
        from ui.prints.committee_prints import print_ledger

        if self.org_id is not None:
            print_ledger(self, self.org_id, self.year.value())
