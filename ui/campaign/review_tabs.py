"""The three tally tabs of the review dialog: 出勤, 党员互评 and 群众评议.

Each tab owns its table models, loads its part of a ReviewInput, puts its part back, and
shows the service's message for its field keys beside the table.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.campaign.reviews import MassCounts, ReviewInput
from models.config import settings
from models.constants import (
    ATTENDANCE,
    MASS_LEVELS,
    MEMBER_MASS_ITEMS,
    MUTUAL_GRADES,
    ORG_MASS_ITEMS,
    VOTER_GROUPS,
)
from ui.campaign.review_tables import (
    AttendanceModel,
    Block,
    ChoiceDelegate,
    CountDelegate,
    CountsModel,
    TallyTable,
)
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.form import ERROR_STYLE, INVALID_FRAME

CIRCLED = "①②③④⑤"
NOTE_STYLE = "color: #5f4b32;"


def make_table(parent: QWidget, model, label_chars: int, cell_chars: float,
               counts: bool = True) -> TallyTable:
    """A table sized by expected content, never ResizeToContents (slow on hundreds of rows)."""
    table = TallyTable(parent)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    if counts:
        table.setItemDelegate(CountDelegate(table))
    table.setWordWrap(False)
    vh = table.verticalHeader()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(table.fontMetrics().height() + 10)
    em = table.fontMetrics().horizontalAdvance("中")
    table.setColumnWidth(0, int(em * label_chars) + 16)
    for c in range(1, model.columnCount()):
        table.setColumnWidth(c, int(em * cell_chars) + 12)
    table.horizontalHeader().setHighlightSections(False)
    return table


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def voters_spin(parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, 99999)
    spin.setSuffix(" 人")
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0") * 8 + 40)
    return spin


class TallyTab(QWidget):
    """What the dialog needs of every tab."""

    changed = Signal()
    keys: tuple[str, ...] = ()

    def show_errors(self, errors: dict[str, str]) -> bool:
        mine = [m for k, m in errors.items() if k in self.keys]
        self.error.setText("\n".join(mine))
        self.error.setVisible(bool(mine))
        return bool(mine)


class AttendanceTab(TallyTab):
    keys = ("attendance",)

    def __init__(self, names: Sequence[str], ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AttendanceModel(names, ids, self)
        self.table = make_table(self, self.model, 7, 5, counts=False)
        self.table.setItemDelegateForColumn(1, ChoiceDelegate(ATTENDANCE, self.table))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.counts = QLabel(self)
        self.counts.setObjectName("attendance_counts")
        self.counts.setStyleSheet("font-weight: bold;")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("输入姓名定位")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * 12)
        self.search.textChanged.connect(self._find)
        all_present = QPushButton("全部设为出席", self)
        all_present.clicked.connect(lambda: self.model.set_all("出席"))
        note = QLabel("默认全部出席，只需改请假和缺席的党员；请假要填原因。"
                      "名单为本组织在册、党籍正常的党员，按姓氏笔画排列。", self)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.error = error_label(self)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.search)
        top.addWidget(all_present)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.model.edited.connect(self._update)
        self.model.modelReset.connect(self._update)
        self._update()

    def _find(self, text: str) -> None:
        needle = text.strip()
        if not needle:
            return
        for row, name in enumerate(self.model.names):
            if needle in name:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return

    def _update(self) -> None:
        t = self.model.tally()
        self.counts.setText(f"应到 {len(self.model.names)} 人　实到 {t['出席']} 人　"
                            f"请假 {t['请假']} 人　缺席 {t['缺席']} 人")
        self.changed.emit()

    def present(self) -> int:
        return self.model.tally()["出席"]

    def load(self, data: ReviewInput) -> list[int]:
        """Returns saved member ids that are no longer on the roll."""
        self.model.beginResetModel()
        self.model.states = ["出席"] * len(self.model.names)
        self.model.reasons = [""] * len(self.model.names)
        gone = [mid for mid, (s, r) in data.attendance.items() if not self.model.set_entry(mid, s, r)]
        self.model.endResetModel()
        return gone

    def put(self, data: ReviewInput) -> None:
        data.attendance = {mid: (s, r if s == "请假" else "")
                           for mid, s, r in zip(self.model.member_ids, self.model.states, self.model.reasons,
                                                strict=False)}


class MutualTab(TallyTab):
    keys = ("mutual", "mutual_voters")

    def __init__(self, names: Sequence[str], ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voters = voters_spin(self)
        self.voters.setObjectName("mutual_voters")
        self.present_label = QLabel(self)
        same = QPushButton("同实到人数", self)
        same.setToolTip("参加互评的一般就是到会的党员")
        same.clicked.connect(lambda: self.voters.setValue(self._present))
        self._present = 0
        self.model = CountsModel("姓名", names, ids, [Block("", MUTUAL_GRADES, "voters", tip="互评票")], self)
        self.table = make_table(self, self.model, 7, 4.5)
        self.table.horizontalHeader().setStretchLastSection(False)
        cap = settings.get("excellent_cap")
        if settings.get("three_grades"):
            self.table.setColumnHidden(self.model.column_of(0, 2), True)
        note = QLabel(f"照纸质测评表逐人填写各档票数；一行的合计超过参加互评人数时标红。"
                      f"“优秀”一般不超过党员人数的{'三分之一' if abs(cap - 1 / 3) < 1e-6 else f'{cap:.0%}'}。", self)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.summary = QLabel(self)
        self.summary.setObjectName("mutual_summary")
        self.error = error_label(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("参加互评的党员：", self))
        top.addWidget(self.voters)
        top.addWidget(same)
        top.addWidget(self.present_label)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.voters.valueChanged.connect(self._voters_changed)
        self.model.edited.connect(self._update)
        self._voters_changed(0)

    def set_present(self, present: int) -> None:
        self._present = present
        self.present_label.setText(f"（实到 {present} 人）")

    def _voters_changed(self, value: int) -> None:
        self.model.set_limit("voters", value)
        self._update()

    def _update(self) -> None:
        over = self.model.over_rows()
        self.summary.setText(f"有 {len(over)} 人的票数合计超过参加互评人数" if over else "")
        self.summary.setStyleSheet(ERROR_STYLE if over else "")
        self.changed.emit()

    def load(self, data: ReviewInput) -> list[int]:
        self.model.beginResetModel()
        self.model.values = [[[0] * 4] for _ in self.model.labels]
        gone = [mid for mid, counts in data.mutual.items() if not self.model.set_counts(mid, 0, counts)]
        self.model.endResetModel()
        self.voters.setValue(int(data.mutual_voters or 0))
        return gone

    def put(self, data: ReviewInput) -> None:
        data.mutual_voters = self.voters.value()
        data.mutual = {mid: self.model.counts(r, 0) for r, mid in enumerate(self.model.keys)
                       if any(self.model.values[r][0])}

    def show_errors(self, errors: dict[str, str]) -> bool:
        self.voters.setStyleSheet(INVALID_FRAME if "mutual_voters" in errors else "")
        return super().show_errors(errors)


class MassTab(TallyTab):
    """The organization on 5 items and each member on 4, 党员 and 群众 ballots counted apart."""

    keys = ("mass", "mass_party_voters", "mass_public_voters")

    def __init__(self, names: Sequence[str], ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party = voters_spin(self)
        self.party.setObjectName("mass_party_voters")
        self.public = voters_spin(self)
        self.public.setObjectName("mass_public_voters")
        self.org_model = CountsModel("对党组织的评议项目", ORG_MASS_ITEMS, list(range(1, 6)),
                                     [Block(g, MASS_LEVELS, g, tip=f"{g}评议", shaded=g == "群众")
                                      for g in VOTER_GROUPS], self)
        self.org_table = make_table(self, self.org_model, 15, 4.3)
        self.org_table.verticalHeader().setVisible(False)
        self.org_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.org_table.setFixedHeight(self.org_table.verticalHeader().defaultSectionSize() * len(ORG_MASS_ITEMS)
                                      + self.org_table.horizontalHeader().sizeHint().height()
                                      + 2 * self.org_table.frameWidth())
        self.org_table.horizontalHeader().setStretchLastSection(False)
        self.rate = QLabel(self)
        self.rate.setObjectName("satisfaction")
        # 群众评议 of the members, one item at a time, 党员 and 群众 ballots side by side with full
        # level names: the old grid of 4 items × 4 levels in narrow columns was hard to follow.
        self.item_models = [
            CountsModel("姓名", names, ids, [Block(g, MASS_LEVELS, g, tip=f"{g}评议", shaded=g == "群众")
                                          for g in VOTER_GROUPS], self)
            for _ in MEMBER_MASS_ITEMS]
        self.item = 0
        self.member_table = make_table(self, self.item_models[0], 6, 4.3)
        self.item_buttons = QButtonGroup(self)
        choose = FlowLayout()
        choose.addWidget(QLabel("对党员的评议项目：", self))
        for i in range(len(MEMBER_MASS_ITEMS)):
            button = QRadioButton(self)
            button.setObjectName(f"item_{i + 1}")
            button.setChecked(i == 0)
            button.toggled.connect(lambda on, i=i: on and self.show_item(i))
            self.item_buttons.addButton(button, i)
            choose.addWidget(button)
        legend = QLabel("每项四档：满意、比较满意、基本满意、不满意；党员和群众的评议票分开录入，"
                        "合计超过参加评议人数时标红。", self)
        legend.setWordWrap(True)
        legend.setStyleSheet(NOTE_STYLE)
        self.error = error_label(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("参加评议的党员：", self))
        top.addWidget(self.party)
        top.addSpacing(16)
        top.addWidget(QLabel("群众：", self))
        top.addWidget(self.public)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.org_table)
        layout.addWidget(self.rate)
        layout.addLayout(choose)
        layout.addWidget(legend)
        layout.addWidget(self.member_table, 1)
        layout.addWidget(self.error)
        self.party.valueChanged.connect(lambda v: self._limit("党员", v))
        self.public.valueChanged.connect(lambda v: self._limit("群众", v))
        for model in (self.org_model, *self.item_models):
            model.edited.connect(self._update)
        self._update()

    def show_item(self, item: int) -> None:
        self.item = item
        self.member_table.setModel(self.item_models[item])
        if not self.item_buttons.button(item).isChecked():
            self.item_buttons.button(item).setChecked(True)

    def _limit(self, group: str, value: int) -> None:
        for model in (self.org_model, *self.item_models):
            model.set_limit(group, value)
        self._update()

    def _label_items(self) -> None:
        """Each item's button says how many members' totals are over, so no item is forgotten."""
        for i, item in enumerate(MEMBER_MASS_ITEMS):
            over = len(self.item_models[i].over_rows())
            button = self.item_buttons.button(i)
            button.setText(f"{CIRCLED[i]}{item}" + (f"（{over} 人超出）" if over else ""))
            button.setStyleSheet(ERROR_STYLE if over else "")

    def _update(self) -> None:
        formula = settings.get("satisfaction_formula")
        top = 3 if formula == "top3" else 2
        parts, total_yes, total_all = [], 0, 0
        for bi, group in enumerate(VOTER_GROUPS):
            yes = sum(sum(self.org_model.values[r][bi][:top]) for r in range(len(ORG_MASS_ITEMS)))
            all_ = sum(self.org_model.block_sum(r, bi) for r in range(len(ORG_MASS_ITEMS)))
            total_yes, total_all = total_yes + yes, total_all + all_
            parts.append(f"{group} {yes / all_:.1%}" if all_ else f"{group} —")
        threshold = settings.get("satisfaction_threshold")
        overall = total_yes / total_all if total_all else None
        text = f"对党组织的满意率（{settings.SATISFACTION_FORMULAS[formula]}）：{'，'.join(parts)}"
        if overall is not None:
            text += (f"；合计 {overall:.1%}" + ("，低于" if overall < threshold else "，达到")
                     + f" {threshold:.0%} 的门槛")
        self.rate.setText(text)
        self.rate.setStyleSheet(ERROR_STYLE if overall is not None and overall < threshold else "")
        self._label_items()
        self.changed.emit()

    def load(self, data: ReviewInput) -> list[int]:
        for model in (self.org_model, *self.item_models):
            model.beginResetModel()
            model.values = [[[0] * 4 for _ in model.blocks] for _ in model.labels]
        gone = set()
        group_block = {g: i for i, g in enumerate(VOTER_GROUPS)}
        for m in data.mass:
            counts = (m.satisfied, m.fairly, m.basic, m.unsatisfied)
            if m.member_id is None:
                self.org_model.set_counts(int(m.item), group_block[m.group], counts)
            elif not self.item_models[int(m.item) - 1].set_counts(m.member_id, group_block[m.group], counts):
                gone.add(m.member_id)
        for model in (self.org_model, *self.item_models):
            model.endResetModel()
        self.party.setValue(int(data.mass_party_voters or 0))
        self.public.setValue(int(data.mass_public_voters or 0))
        self._update()
        return sorted(gone)

    def put(self, data: ReviewInput) -> None:
        data.mass_party_voters = self.party.value()
        data.mass_public_voters = self.public.value()
        mass = []
        for bi, group in enumerate(VOTER_GROUPS):
            for r, item in enumerate(self.org_model.keys):
                if any(c := self.org_model.counts(r, bi)):
                    mass.append(MassCounts(item, group, *c))
        for ii, model in enumerate(self.item_models):
            for r, member_id in enumerate(model.keys):
                for bi, group in enumerate(VOTER_GROUPS):
                    if any(c := model.counts(r, bi)):
                        mass.append(MassCounts(ii + 1, group, *c, member_id=member_id))
        data.mass = mass

    def show_errors(self, errors: dict[str, str]) -> bool:
        self.party.setStyleSheet(INVALID_FRAME if "mass_party_voters" in errors else "")
        self.public.setStyleSheet(INVALID_FRAME if "mass_public_voters" in errors else "")
        return super().show_errors(errors)
