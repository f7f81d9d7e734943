"""设置 → 评议与考核 and 表彰与证书编号 pages: weights, computed share and ledger figure per
dimension, grade lines, the 90% gate's voter group, the city's commendation cycle and certificate
numbering.

`ui.config.settings_dialog` saves them with every other page at once through
`models.config.settings.put`, which checks all values first; a refusal is shown in the dialog and
what the clerk typed stays in place.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from models.config import assessment_settings as rules
from models.config import settings
from models.constants import AWARD_LEVELS, FIVE_GOOD, FIVE_LEAD, MUTUAL_GRADES

KEYS = ("assessment_org_dimensions", "assessment_member_dimensions", "assessment_grade_thresholds",
        "satisfaction_gate_group", "city_award_cycle", "city_award_base_year",
        "certificate_number_formats")
GATE_LABELS = {"合计": "合计（党员和群众一起）", "群众": "仅群众"}
GRADES = MUTUAL_GRADES[:3]


class DimensionTable(QTableWidget):
    """One row per dimension: 分值, 台账计算部分占比 (percent), 计算依据."""

    def __init__(self, names: tuple[str, ...], figures: dict[str, str], parent: QWidget | None = None
                 ) -> None:
        super().__init__(len(names), 3, parent)
        self.names = names
        self.figures = figures
        self.setHorizontalHeaderLabels(["分值", "台账计算部分占比", "计算依据"])
        self.setVerticalHeaderLabels(list(names))
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.points: dict[str, QDoubleSpinBox] = {}
        self.shares: dict[str, QDoubleSpinBox] = {}
        self.figure_boxes: dict[str, QComboBox] = {}
        for row, name in enumerate(names):
            points = QDoubleSpinBox()
            points.setRange(0, 100)
            points.setDecimals(1)
            points.setSuffix(" 分")
            share = QDoubleSpinBox()
            share.setRange(0, 100)
            share.setDecimals(0)
            share.setSuffix(" %")
            share.setToolTip("其余部分由考核小组评分")
            figure = QComboBox()
            for key, label in figures.items():
                figure.addItem(label, key)
            figure.currentIndexChanged.connect(lambda _i, n=name: self._figure_changed(n))
            self.setCellWidget(row, 0, points)
            self.setCellWidget(row, 1, share)
            self.setCellWidget(row, 2, figure)
            self.points[name], self.shares[name], self.figure_boxes[name] = points, share, figure
        self.setMinimumHeight(self.verticalHeader().length() + header.height() + 6)

    def _figure_changed(self, name: str) -> None:
        """不计算 means the whole dimension is scored by hand: no computed share."""
        none = self.figure_boxes[name].currentData() == "none"
        self.shares[name].setEnabled(not none)

    def set_values(self, value: dict[str, dict[str, Any]]) -> None:
        for name in self.names:
            entry = value.get(name, {})
            self.points[name].setValue(float(entry.get("points", 0)))
            self.shares[name].setValue(round(float(entry.get("computed_share", 0)) * 100))
            index = self.figure_boxes[name].findData(entry.get("figure", "none"))
            self.figure_boxes[name].setCurrentIndex(max(index, 0))
            self._figure_changed(name)

    def values(self) -> dict[str, dict[str, Any]]:
        out = {}
        for name in self.names:
            points = self.points[name].value()
            out[name] = {"points": int(points) if points.is_integer() else points,
                         "computed_share": round(self.shares[name].value() / 100, 4),
                         "figure": self.figure_boxes[name].currentData()}
        return out

    def total(self) -> float:
        return sum(box.value() for box in self.points.values())


class AssessmentRules:
    """The two pages of assessment rules: `scoring` (评分规则) and `awards` (表彰与证书编号)."""

    def __init__(self, parent: QWidget) -> None:
        scoring = QWidget(parent)
        layout = QVBoxLayout(scoring)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scoring = scoring

        self.org_table = DimensionTable(FIVE_GOOD, rules.ORG_FIGURES, scoring)
        self.member_table = DimensionTable(FIVE_LEAD, rules.MEMBER_FIGURES, scoring)
        self.org_total = QLabel(scoring)
        self.member_total = QLabel(scoring)
        for title, table, total in (("先进基层党组织“五个好”", self.org_table, self.org_total),
                                    ("优秀共产党员“五带头”", self.member_table, self.member_total)):
            box = QGroupBox(title, scoring)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            inner.addWidget(total)
            layout.addWidget(box)
            for spin in table.points.values():
                spin.valueChanged.connect(self._update_totals)

        grades = QGroupBox("建议等次分数线（得分率＝总分÷应得分）", scoring)
        grade_row = QHBoxLayout(grades)
        self.thresholds: dict[str, QDoubleSpinBox] = {}
        for grade in GRADES:
            spin = QDoubleSpinBox(grades)
            spin.setRange(0, 100)
            spin.setDecimals(0)
            spin.setSuffix(" %")
            grade_row.addWidget(QLabel(f"{grade} ≥", grades))
            grade_row.addWidget(spin)
            self.thresholds[grade] = spin
        grade_row.addStretch(1)
        layout.addWidget(grades)
        self.defaults_button = QPushButton("评分规则和编号恢复默认", scoring)
        self.defaults_button.setToolTip("填入文件规定的默认评分规则、等次线和证书编号格式；点“保存”才生效")
        self.defaults_button.clicked.connect(self.restore_defaults)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.defaults_button)
        layout.addLayout(row)

        other = QWidget(parent)
        self.awards = other
        form = QFormLayout(other)
        self.gate = QComboBox(other)
        for group in rules.GATE_GROUPS:
            self.gate.addItem(GATE_LABELS.get(group, group), group)
        self.gate.setToolTip("群众满意率低于门槛的组织不能评为先进基层党组织；门槛的百分数在“评议与考核”页")
        form.addRow("满意率门槛按谁的票计算：", self.gate)
        # What goes into a nested row layout is made with its page as parent: a row layout has no
        # widget yet, so PySide would leave a parentless widget Python-owned under a Qt parent,
        # and at exit both deleted the same QLineEdit ("shared QObject was deleted directly").
        self.cycle = QSpinBox(other)
        self.cycle.setRange(1, 5)
        self.cycle.setSuffix(" 年")
        self.base_year = QSpinBox(other)
        self.base_year.setRange(2000, 2100)
        cycle_row = QHBoxLayout()
        cycle_row.addWidget(self.cycle)
        cycle_row.addWidget(QLabel("一次，起算年份", other))
        cycle_row.addWidget(self.base_year)
        cycle_row.addStretch(1)
        form.addRow("市委表彰每", cycle_row)
        self.formats: dict[str, QLineEdit] = {}
        self.previews: dict[str, QLabel] = {}
        for level in AWARD_LEVELS:
            edit = QLineEdit(other)
            edit.setMaxLength(40)
            preview = QLabel(other)
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(preview, 1)
            form.addRow(f"{level}证书编号格式：", row)
            self.formats[level], self.previews[level] = edit, preview
            edit.textChanged.connect(lambda _t, lvl=level: self._update_preview(lvl))
        hint = QLabel("编号格式中 {年份} 换成年份，{序号} 换成序号，"
                      "例如 先锋〔{年份}〕{序号}号 → 先锋〔2026〕1号。", other)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        form.addRow(hint)

        stored = settings.get_all()
        self.set_values({key: stored[key] for key in KEYS})

    # --- values -------------------------------------------------------------------------------
    def set_values(self, values: dict[str, Any]) -> None:
        """Show the given settings (stored ones, or the defaults)."""
        self.org_table.set_values(values["assessment_org_dimensions"])
        self.member_table.set_values(values["assessment_member_dimensions"])
        for grade, spin in self.thresholds.items():
            spin.setValue(float(values["assessment_grade_thresholds"].get(grade, 0)))
        self.gate.setCurrentIndex(max(self.gate.findData(values["satisfaction_gate_group"]), 0))
        self.cycle.setValue(int(values["city_award_cycle"]))
        self.base_year.setValue(int(values["city_award_base_year"]))
        for level, edit in self.formats.items():
            edit.setText(str(values["certificate_number_formats"].get(level, "")))
        self._update_totals()

    def values(self) -> dict[str, Any]:
        """What the dialog currently holds, shaped as `settings.put` expects."""
        def number(spin: QDoubleSpinBox) -> float:
            v = spin.value()
            return int(v) if v.is_integer() else v

        return {
            "assessment_org_dimensions": self.org_table.values(),
            "assessment_member_dimensions": self.member_table.values(),
            "assessment_grade_thresholds": {g: number(s) for g, s in self.thresholds.items()},
            "satisfaction_gate_group": self.gate.currentData(),
            "city_award_cycle": self.cycle.value(),
            "city_award_base_year": self.base_year.value(),
            "certificate_number_formats": {lvl: e.text().strip() for lvl, e in self.formats.items()},
        }

    def _update_preview(self, level: str) -> None:
        """Show the first number of this year in the typed format, or why it cannot be read."""
        fmt = self.formats[level].text().strip()
        try:
            text = "→ " + rules.certificate_number(fmt, dt.date.today().year, 1)
            ok = bool(fmt) and ("{序号}" in fmt or "{n}" in fmt)
        except (ValueError, IndexError, KeyError):
            ok = False
        self.previews[level].setText(text if ok else "→ 格式不对：要含 {序号}")
        self.previews[level].setStyleSheet("" if ok else "color: #c00000;")

    def _update_totals(self) -> None:
        for table, label in ((self.org_table, self.org_total), (self.member_table, self.member_total)):
            label.setText(f"满分合计：{table.total():g} 分")

    # --- actions ------------------------------------------------------------------------------
    def restore_defaults(self) -> None:
        """Fill in the built-in rules; nothing is written until 保存."""
        self.set_values({key: settings.DEFAULTS[key] for key in KEYS})
