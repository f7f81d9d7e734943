"""The 表彰 tab: 推荐 → 审核/排序 → 公示 → 决定 → 发证, with 退回 at every step before the decision.

Candidates come from the year's assessment in rank order, each with the reason it cannot be
put forward when a hard rule stands in the way. Nominations list every step's date and who
took it; the committee orders them (上移/下移), passes the ones it picks, sets the notice
period, decides at its meeting on the ones it picks, refuses others (不予表彰, final, unlike
退回 which asks the branch to redo), then numbers the certificates. The committee picks by
selecting rows (Ctrl/Shift for several). The selected subject's honours are shown, a
commended organization can be made a 示范点, and the candidate and award lists export to Excel.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.assessment import scoring as assessment
from models.assessment.report import percent_text
from models.assessment.scoring import MEMBER_TITLE, ORG_TITLE
from models.commendation import nominations as commendations
from models.commendation import rows as rows_model
from models.commendation.rows import LOW_SUGGESTIONS, ORDERABLE, CandidateLine, NominationLine, NominationRow
from models.constants import AWARD_CATEGORIES, AWARD_LEVELS
from models.errors import NotFound, ValidationError
from models.printouts import sheets
from models.roster import organizations
from ui import jobs
from ui.committee import commendation_dialogs as dialogs
from ui.committee.assessment_view import light_summary
from ui.committee.computed_view import ComputedView
from ui.widgets import messages, modal
from ui.widgets.buttons import action_button
from ui.widgets.list_panel import ListPanel
from ui.widgets.table_model import Column
from ui.widgets.year_box import year_box

# A column's place in the named rows the two lists hold, by field name.
_C = CandidateLine._fields.index
_N = NominationLine._fields.index
# Where the name and organization columns sit in both tables (the rank or order comes first).
SHOWN_NAME, SHOWN_ORG = 1, 2
NAME_WIDTH = {"candidates": 7, "nominations": 6}  # in 中 widths, for people's names
NOTE_COLOUR = "#6b5a44"


def _today() -> dt.date:
    """Today, read where the notice's state is worked out (tests set it)."""
    return dt.date.today()


def notice_state(start: dt.date, end: dt.date, today: dt.date) -> str:
    """Whether the 公示 is still running: a period long past must not read as if it were open."""
    if today < start:
        return "未开始"
    return "公示中" if today <= end else "已结束"


class CommendationView(ComputedView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noms: list[NominationRow] = []
        self.order: list[int] = []  # nomination ids in the order the committee is arranging
        self._name_widths: dict[str, int] = {}  # the name columns' widths last set, by table
        # The assessment of (year, organization): nominations do not change it, so switching
        # titles or taking a step does not recompute 30,000 ledgers; other pages' writes do.
        self._assessed: tuple[tuple[int, int], assessment.Summary] | None = None
        self.year = year_box(self, self.reload)
        self.level = QComboBox(self)
        self.level.addItems(AWARD_LEVELS)
        self.level.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.title = QComboBox(self)
        self.title.setObjectName("award_title")
        self.title.addItems(AWARD_CATEGORIES)
        self.title.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.status = QLabel(self)
        self.status.setObjectName("commendation_status")
        self.status.setWordWrap(True)

        self.candidates = ListPanel([
            Column("全镇排名", _C("rank"), align_right=True), Column("名称", _C("name"), sort_index=_C("stroke_key")),
            Column("所在党组织", _C("org_name")),
            Column("得分率", _C("percent"), fmt=percent_text, align_right=True),
            Column("评定等次", _C("grade")), Column("推荐情况", _C("state")), Column("不能推荐的原因", _C("why")),
        ], "输入姓名、组织、原因搜索", self, default_sort=0)
        self.candidates.fit_columns((5, NAME_WIDTH["candidates"], 8, 4, 10.5, 5, 28))  # 等次: 未评定（建议基本合格）
        self.propose_button = self.candidates.add_button("推荐…", self.propose_current,
                                                         "由所在党组织推荐选中的对象（须符合参评条件）")
        self.candidates.finish_buttons()
        self.candidates.activated.connect(lambda _row: self.propose_current())
        self.candidates.table.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())

        self.nominations = ListPanel([
            Column("排序", _N("rank"), fmt=lambda v: "" if v is None else str(v), sort_index=_N("position"),
                   align_right=True),
            Column("名称", _N("name")), Column("所在党组织", _N("org_name")), Column("状态", _N("state")),
            Column("推荐", _N("proposed")), Column("审核", _N("reviewed")), Column("决定", _N("decided")),
            Column("退回或不予表彰原因", _N("return_reason")), Column("证书编号", _N("certificate_no")),
        ], "输入姓名、状态、证书编号搜索", self)
        # The committee picks whom to pass or decide on: several rows with Ctrl/Shift.
        self.nominations.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.nominations.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.nominations.table.setSortingEnabled(False)  # the list stays in the committee's order
        self.nominations.fit_columns((3, NAME_WIDTH["nominations"], 8, 4, 8, 8, 8, 10, 9))
        n = self.nominations
        self.up_button = n.add_button("上移", lambda: self.move(-1), "把选中的推荐对象排前一位")
        self.down_button = n.add_button("下移", lambda: self.move(1), "把选中的推荐对象排后一位")
        self.review_button = n.add_button("审核通过并排序…", self.review_selected,
                                          "党委审核通过选中的待审核对象（按住 Ctrl 或 Shift 可选多个），"
                                          "按列表顺序排序；未选中时可选择全部")
        self.back_button = n.add_button("退回…", self.send_back_current,
                                        "退回选中的推荐对象，由所在党组织修改后重新推荐，须写明原因")
        self.decide_button = n.add_button("决定表彰…", self.decide_selected,
                                          "党委会议决定表彰选中的已审核对象；未选中时可选择全部")
        self.deeds_button = n.add_button("主要事迹…", self.edit_deeds,
                                         "修改选中推荐对象的主要事迹（印在先进事迹材料上）")
        self.decline_button = n.add_button("不予表彰…", self.decline_selected,
                                           "党委决定不予表彰选中的对象（最终决定，不能再推荐），须写明原因")
        n.finish_buttons()
        n.table.selectionModel().currentChanged.connect(lambda *_a: self._show_history())
        n.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.history = QTextBrowser(self)
        self.history.setObjectName("nomination_history")
        year_group = self.year_group = QGroupBox("本年度", self)
        grid = QGridLayout(year_group)
        self.notice_button = action_button(self, "设置公示期…", self.set_notice)
        self.print_notice_button = action_button(self, "打印拟表彰对象公示", self.print_notice)
        self.awards_button = action_button(self, "生成证书编号", self.record_awards,
                                           "为已决定表彰、尚未发证的对象按类别和排序编号")
        self.print_awards_button = action_button(self, "打印表彰名单", self.print_awards)
        self.print_deeds_button = action_button(self, "打印先进事迹材料", self.print_deeds,
                                                "本年度本级别已决定表彰对象的事迹材料汇编（封面、目录、主要事迹）")
        self.certificates_button = action_button(self, "打印荣誉证书…", self.print_certificates,
                                                 "打印本年度已编号的全部荣誉证书（可选证书纸和打印机偏移）")
        self.export_candidates_button = action_button(
            self, "导出公示名单…", self.export_candidates,
            "把拟表彰对象名单导出为 Excel：本年度本级别经党委审核或已决定的对象，含主要事迹")
        self.export_awards_button = action_button(self, "导出表彰名单…", self.export_awards,
                                                  "把表彰名单导出为 Excel：本年度本级别已编号的表彰，含证书编号")
        self.demo_button = action_button(self, "确定为示范点", self.toggle_demo_point,
                                         "受表彰的先进基层党组织可确定为示范点（典型带动）")
        for i, b in enumerate((self.notice_button, self.print_notice_button, self.awards_button,
                               self.print_awards_button, self.certificates_button, self.demo_button,
                               self.export_candidates_button, self.export_awards_button,
                               self.print_deeds_button)):
            grid.addWidget(b, i // 2, i % 2)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("经过和荣誉：", self))
        side_layout.addWidget(self.history, 1)
        side_layout.addWidget(year_group)

        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self._boxed("推荐对象（按党委排序）", self.nominations))
        lower.addWidget(side)
        lower.setStretchFactor(0, 4)
        lower.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.candidates_box = self._boxed("候选对象（按年度考核得分率排名）", self.candidates)
        split.addWidget(self.candidates_box)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        top = QHBoxLayout()
        for label, widget in (("年度：", self.year), ("级别：", self.level), ("类别：", self.title)):
            top.addWidget(QLabel(label, self))
            top.addWidget(widget)
            top.addSpacing(8)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def _boxed(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(widget)
        return box

    # --- data -----------------------------------------------------------------------------------
    @property
    def current_title(self) -> str:
        return self.title.currentText()

    @property
    def current_level(self) -> str:
        return self.level.currentText()

    def refresh(self) -> None:
        """The year's assessment (seconds on a township) is a background job; the candidates,
        nominations and status are filled from it on the UI thread."""
        key = (self.year.value(), self.org_id)
        cached = self._assessed[1] if self._assessed is not None and self._assessed[0] == key else None
        if self.org_id is not None and cached is None:
            year, org_id = key
            self.status.setText("正在计算候选对象（按年度考核得分率排名）…")
            self.compute(lambda _token: light_summary(year, org_id), lambda result: self._fill(key, result),
                         self._failed, "表彰")
            return
        self._fill(key, cached)

    def _choice_changed(self) -> None:
        """Another level or title needs no new assessment: while one is computed, the lists
        are filled with the level and title chosen when it is back."""
        if not self.computing:
            self.reload()

    def busy_widgets(self) -> tuple[QWidget, ...]:
        return (self.candidates, self.nominations, self.year_group)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFound):  # the organization went away while computing
            self.org_id = None
            self._fill((self.year.value(), None), None)
            return
        self.status.setText("候选对象计算出错，请重试。")
        jobs.show_error(self, "表彰", exc)

    def _fill(self, key: tuple[int, int | None], result: assessment.Summary | None) -> None:
        if result is not None:
            self._assessed = (key, result)  # nominations do not change it: kept for steps and titles
        self.noms = []
        scope = None
        if result is not None:
            try:
                scope = organizations.subtree_ids(self.org_id)
            except NotFound:
                self.org_id, result = None, None
        if result is not None:
            self.noms = rows_model.nomination_rows(self.year.value(), level=self.current_level,
                                                   title=self.current_title, org_ids=scope)
        candidates = [] if result is None else rows_model.candidate_lines(
            result.ranked(self.current_title), self.current_title, self.noms)
        self.candidates.set_rows(candidates)
        self.order = [n.id for n in self.noms]
        self._show_nominations()
        self._show_status()
        self._arrange_columns([c.name for c in candidates])
        self._word_ranking()

    def _arrange_columns(self, candidate_names: list[str]) -> None:
        """An organization nominee is its own 所在党组织: that column goes, its name gets room.

        The name column is then as wide as the longest name listed, so no branch is cut to
        "东风村第一…" while the duplicate column took the space.
        """
        org = self.current_title == ORG_TITLE
        for key, panel, names in (("candidates", self.candidates, candidate_names),
                                  ("nominations", self.nominations, [n.name for n in self.noms])):
            panel.table.setColumnHidden(SHOWN_ORG, org)
            metrics = panel.fontMetrics()
            width = int(metrics.horizontalAdvance("中") * NAME_WIDTH[key]) + 16
            if org:
                width = max([width] + [metrics.horizontalAdvance(n) + 24 for n in names])
            # Set again only when it changes, so a reload keeps a width the clerk dragged.
            if self._name_widths.get(key) != width:
                self._name_widths[key] = width
                panel.table.setColumnWidth(SHOWN_NAME, width)

    def _word_ranking(self) -> None:
        """Say what the rank counts: it is the place by 得分率 among everyone assessed in the
        organization picked on the left (the whole township for the committee), and for
        优秀党务工作者 the place among all members, so those numbers have gaps."""
        scope, header = "全镇", "全镇排名"
        if self.org_id is not None:
            org = organizations.get(self.org_id)
            if org.parent_id is not None:
                scope, header = org.display_name, "本组织排名"
        model = self.candidates.model
        if model.columns[0].title != header:
            model.columns[0] = replace(model.columns[0], title=header)
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
            header_view = self.candidates.table.horizontalHeader()  # room for the sort arrow too
            width = header_view.fontMetrics().horizontalAdvance(header) + 30
            self.candidates.table.setColumnWidth(0, width)
        title = self.current_title
        if title == ORG_TITLE:
            text = f"候选对象（{scope}基层党组织按年度考核得分率排名）"
        elif title == MEMBER_TITLE:
            text = f"候选对象（{scope}党员按年度考核得分率排名）"
        else:
            text = f"候选对象（党务工作者；排名是在{scope}全体党员中按年度考核得分率的名次）"
        self.candidates_box.setTitle(text)

    def mark_stale(self) -> None:
        """Scores, grades or the ledger changed elsewhere: the candidates must be recomputed."""
        self._assessed = None
        super().mark_stale()

    def _show_nominations(self, select_id: int | None = None) -> None:
        self.nominations.set_rows(rows_model.nomination_lines(self.noms, self.order))
        if select_id is not None:
            self.nominations.select_where(lambda r: r.id == select_id)
        self._show_history()

    def _show_status(self) -> None:
        if self.org_id is None:
            self.status.setText("请先在左侧选择党委（全镇）或一个党组织。")
            return
        counts = {s: sum(1 for n in self.noms if n.state == s) for s in commendations.NOMINATION_STATES}
        awarded = sum(1 for n in self.noms if n.certificate_no)
        notice = next((n.notice for n in self.noms if n.notice[0]), None)
        text = "　".join(f"{s} {k}" for s, k in counts.items()) + f"　已发证 {awarded}"
        second = []  # on a line of its own, so the period is never split across two lines
        if notice:
            second.append(f"公示期 {notice[0].isoformat()} 至 {notice[1].isoformat()}"
                          f"（{notice_state(notice[0], notice[1], _today())}）")
        if self.current_level == commendations.CITY and not commendations.is_city_year(self.year.value()):
            second.append("（按设置本年度不是市委表彰年度）")
        self.status.setText(text + ("\n" + "　".join(second) if second else ""))

    def _update_buttons(self) -> None:
        cand = self.current_candidate()
        state = cand.state if cand else None
        self.propose_button.setEnabled(cand is not None and state in ("", commendations.RETURNED))
        nom = self.current_nomination()
        orderable = [nid for nid in self.order if self._nom(nid).state in ORDERABLE]
        self.up_button.setEnabled(nom is not None and nom.id in orderable[1:])
        self.down_button.setEnabled(nom is not None and nom.id in orderable[:-1])
        self.review_button.setEnabled(bool(orderable))
        self.back_button.setEnabled(nom is not None and nom.state in ORDERABLE)
        self.deeds_button.setEnabled(nom is not None and nom.state != commendations.DECLINED)
        self.decide_button.setEnabled(any(n.state == commendations.REVIEWED for n in self.noms))
        self.decline_button.setEnabled(any(self._nom(r.id).state in ORDERABLE
                                           for r in self.nominations.selected()))
        self.demo_button.setEnabled(nom is not None and nom.title == ORG_TITLE and bool(nom.certificate_no))
        if nom is not None and nom.title == ORG_TITLE:
            self.demo_button.setText("取消示范点" if organizations.get(nom.org_id).is_demo_point else "确定为示范点")

    def _nom(self, nid: int) -> NominationRow:
        return next(n for n in self.noms if n.id == nid)

    def current_candidate(self) -> CandidateLine | None:
        return self.candidates.current()

    def current_nomination(self) -> NominationRow | None:
        row = self.nominations.current()
        return self._nom(row.id) if row is not None else None

    def _show_history(self) -> None:
        nom = self.current_nomination()
        self._update_buttons()
        if nom is None:
            self.history.setHtml("<p style='color:#5f4b32'>选中一个推荐对象，这里显示推荐、审核、退回、决定的经过，"
                                 "以及该党员或党组织历年的荣誉。</p>")
            return
        # An organization is its own 所在党组织: its seal name is said instead of the short one twice.
        where = organizations.get(nom.org_id).name if nom.member_id is None else nom.org_name
        parts = [f"<p><b>{_esc(nom.name)}</b>（{_esc(where)}）<br>{_esc(nom.title)}　{_esc(nom.level)}</p>"]
        if nom.deeds:
            parts.append(f"<p>主要事迹：{_esc(nom.deeds)}</p>")
        parts.append("<p><b>经过：</b></p>" + _steps_table(commendations.steps(nom.id)))
        honours = (commendations.honours(member_id=nom.member_id) if nom.member_id
                   else commendations.honours(org_id=nom.org_id))
        if honours:
            parts.append("<p><b>历年荣誉：</b><br>" + "<br>".join(
                f"{h.year}年度　{_esc(h.title)}（{_esc(h.level)}，{_esc(h.certificate_no)}）"
                for h in honours) + "</p>")
        self.history.setHtml("".join(parts))

    # --- the workflow ---------------------------------------------------------------------------
    def _run(self, dialog: Any, select_id: int | None = None) -> bool:
        if not modal.run(dialog):
            return False
        self.reload()
        if select_id is not None:
            self.nominations.select_where(lambda r: r.id == select_id)
        self.changed.emit()
        return True

    def propose_current(self) -> bool:
        cand = self.current_candidate()
        if cand is None:
            messages.info(self, "推荐", "请先在候选对象中选中一个党组织或党员。")
            return False
        if cand.state not in ("", commendations.RETURNED):
            why = cand.why or f"已经{cand.state}。"
            messages.info(self, "推荐", f"{cand.name}不能推荐：{why}")
            return False
        org_id, member_id = cand.org_id, cand.member_id
        year, title = self.year.value(), self.current_title
        low = cand.suggested if cand.suggested in LOW_SUGGESTIONS else None
        if low and not messages.ask(self, "推荐", f"{cand.name}的年度考核建议等次为“{low}”，考核小组还没有评定"
                                    "等次。确定推荐吗？\n（在“年度考核”页录入评定等次后，评定为基本合格、不合格的不能推荐。）"):
            return False

        def save(data: dict[str, Any]) -> Any:
            return commendations.propose(year, title, org_id=None if member_id else org_id, member_id=member_id,
                                         deeds=data["deeds"], level=self.current_level, by=data["by"], on=data["on"])

        return self._run(dialogs.propose_dialog(self, cand.name, title, year, save))

    def move(self, step: int) -> None:
        nom = self.current_nomination()
        if nom is None or nom.state not in ORDERABLE:
            return
        orderable = [nid for nid in self.order if self._nom(nid).state in ORDERABLE]
        i = orderable.index(nom.id)
        j = i + step
        if not 0 <= j < len(orderable):
            return
        a, b = self.order.index(orderable[i]), self.order.index(orderable[j])
        self.order[a], self.order[b] = self.order[b], self.order[a]
        self._show_nominations(nom.id)
        self.status.setText("顺序已调整，点“审核通过并排序”后保存。")

    def _picked(self, states: tuple[str, ...], what: str, kind: str) -> list[int] | None:
        """The selected nominations in one of `states`, in the committee's order.

        With nothing selected the clerk is asked whether every one shown is meant; None when
        the clerk says no, [] when there is nothing to act on.
        """
        chosen = self.nominations.selected()
        if not chosen:
            shown = [r for r in self.nominations.shown() if self._nom(r.id).state in states]
            if not shown:
                messages.info(self, what, f"列表中没有{kind}的推荐对象。")
                return []
            names = "、".join(r.name for r in shown)
            if not messages.ask(self, what, f"没有选中推荐对象。要对列表中显示的全部 {len(shown)} 个{kind}对象"
                                            f"（{names}）{what}吗？\n\n"
                                            "只处理其中几个的，请先按住 Ctrl 或 Shift 选中它们。"):
                return None
            chosen = shown
        ids = {r.id for r in chosen if self._nom(r.id).state in states}
        if not ids:
            messages.info(self, what, f"选中的推荐对象中没有{kind}的。")
            return []
        return [nid for nid in self.order if nid in ids]

    def review_selected(self) -> bool:
        """审核通过: the picked 待审核 ones pass; every reviewed one keeps the order shown."""
        picked = self._picked(ORDERABLE, "审核通过", "待审核或已审核")
        if not picked:
            return False
        ids = [nid for nid in self.order
               if nid in picked or self._nom(nid).state == commendations.REVIEWED]
        passing = [self._nom(i).name for i in ids if self._nom(i).state == commendations.PROPOSED]
        year, title, level = self.year.value(), self.current_title, self.current_level

        def save(data: dict[str, Any]) -> Any:
            return commendations.review(year, title, ids, level=level, by=data["by"], on=data["on"])

        order = [self._nom(i).name for i in ids]
        return self._run(dialogs.review_dialog(self, passing, order, title, save))

    def edit_deeds(self) -> bool:
        nom = self.current_nomination()
        if nom is None or nom.state == commendations.DECLINED:
            messages.info(self, "主要事迹", "请先选中一个推荐对象（不予表彰的除外）。")
            return False

        def save(data: dict[str, Any]) -> Any:
            return commendations.set_deeds(nom.id, data["deeds"])

        return self._run(dialogs.deeds_dialog(self, nom.name, nom.deeds, save), nom.id)

    def send_back_current(self) -> bool:
        nom = self.current_nomination()
        if nom is None or nom.state not in ORDERABLE:
            messages.info(self, "退回", "请先选中一个待审核或已审核的推荐对象。")
            return False

        def save(data: dict[str, Any]) -> Any:
            return commendations.send_back(nom.id, data["return_reason"], by=data["by"], on=data["on"])

        return self._run(dialogs.send_back_dialog(self, nom.name, save), nom.id)

    def decide_selected(self) -> bool:
        """决定表彰 of the picked reviewed ones; without a notice only after the clerk confirms."""
        ids = self._picked((commendations.REVIEWED,), "决定表彰", "经党委审核")
        if not ids:
            return False
        unnoticed = [self._nom(i).name for i in ids if self._nom(i).notice[1] is None]
        if unnoticed and not messages.ask(
                self, "决定表彰", "尚未发布拟表彰对象公示，确定直接决定吗？\n\n"
                                 f"未经公示的对象：{'、'.join(unnoticed)}。"
                                 "按规定应先公示、公示期满后再决定表彰；直接决定会在经过中记为“未经公示”。"):
            return False

        def save(data: dict[str, Any]) -> Any:
            return commendations.decide(ids, by=data["by"], on=data["on"], note=data["note"],
                                        without_notice=bool(unnoticed))

        return self._run(dialogs.decide_dialog(self, [self._nom(i).name for i in ids], self.current_title, save))

    def decline_selected(self) -> bool:
        """不予表彰 of the selected ones: a final decision, so never "all" by default."""
        ids = {r.id for r in self.nominations.selected() if self._nom(r.id).state in ORDERABLE}
        if not ids:
            messages.info(self, "不予表彰", "请先选中要不予表彰的待审核或已审核对象（按住 Ctrl 或 Shift 可选多个）。")
            return False
        ordered = [nid for nid in self.order if nid in ids]

        def save(data: dict[str, Any]) -> Any:
            return commendations.decline(ordered, data["reason"], by=data["by"], on=data["on"])

        return self._run(dialogs.decline_dialog(self, [self._nom(i).name for i in ordered], save))

    def set_notice(self) -> bool:
        year, level = self.year.value(), self.current_level

        def save(data: dict[str, Any]) -> Any:
            return commendations.set_notice(year, data["notice_start"], data["notice_end"], level=level)

        return self._run(dialogs.notice_dialog(self, year, save))

    def record_awards(self) -> bool:
        try:
            awards = commendations.record_awards(self.year.value(), level=self.current_level)
        except (ValidationError, NotFound) as exc:
            messages.warn(self, "生成证书编号", str(exc))
            return False
        numbers = "、".join(a.certificate_no for a in awards[:3]) + ("……" if len(awards) > 3 else "")
        messages.info(self, "生成证书编号", f"已为 {len(awards)} 个表彰对象生成证书编号：{numbers}")
        self.reload()
        self.changed.emit()
        return True

    def toggle_demo_point(self) -> bool:
        nom = self.current_nomination()
        if nom is None:
            return False
        on = not organizations.get(nom.org_id).is_demo_point
        try:
            commendations.mark_demo_point(nom.org_id, on)
        except (ValidationError, NotFound) as exc:
            messages.warn(self, "示范点", str(exc))
            return False
        messages.info(self, "示范点", f"{nom.name}已{'确定为' if on else '取消'}示范点。")
        self._update_buttons()
        self.changed.emit()
        return True

    # --- printing -------------------------------------------------------------------------------
    def print_notice(self) -> None:
        from ui.prints.committee_prints import print_candidates

        print_candidates(self, self.year.value(), self.current_level)

    def print_awards(self) -> None:
        from ui.prints.committee_prints import print_awards

        print_awards(self, self.year.value(), self.current_level)

    def print_deeds(self) -> None:
        from ui.prints.deeds_prints import print_deeds

        print_deeds(self, self.year.value(), self.current_level)

    def print_certificates(self) -> None:
        from ui.prints.committee_prints import print_award_certificates

        print_award_certificates(self, self.year.value(), self.current_level)

    # --- Excel ----------------------------------------------------------------------------------
    def export_candidates(self) -> Path | None:
        """The candidate list (as on the 拟表彰对象公示, with 主要事迹) for the meeting's papers."""
        return self._export(sheets.candidate_notice_rows(self.year.value(), self.current_level),
                            "还没有经党委审核的拟表彰对象。")

    def export_awards(self) -> Path | None:
        """The 表彰名单 with certificate numbers, for reporting upward."""
        return self._export(commendations.award_sheet(self.year.value(), self.current_level),
                            "还没有已决定并生成证书编号的表彰。")

    def _export(self, sheet: Any, empty: str) -> Path | None:
        from ui.exchange.export_actions import export_rows

        if not sheet.rows:
            messages.info(self, "导出", f"{self.year.value()}年度{self.current_level}{empty}")
            return None
        return export_rows(self, sheet.title, sheet.headers, sheet.rows)


def _steps_table(steps: list[tuple[str, dt.date, str, str]]) -> str:
    """One row per step: date, step and who on one line, the note under who in a softer colour.

    Run together with <br> the steps wrapped mid-entry in the narrow pane (a notice's period
    broke onto the next line under the date), so which words belonged to which step was lost.
    """
    nowrap = "style='white-space:nowrap; padding-right:6px'"
    rows = []
    for action, on, by, note in steps:
        note_html = f"<br><span style='color:{NOTE_COLOUR}'>{_esc(note)}</span>" if note else ""
        rows.append(f"<tr><td {nowrap}>{on.isoformat()}</td><td {nowrap}><b>{_esc(action)}</b></td>"
                    f"<td>{_esc(by)}{note_html}</td></tr>")
    return "<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
