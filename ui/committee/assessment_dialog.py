"""录入考核评分: the committee's points, remarks and grade for one organization or member.

Beside each dimension the form shows what the ledger already computed, so the committee
scores only the entered part, within its maximum; anything out of range is said next to
the field in the service's own words, and a refused save keeps every figure typed.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from models.assessment import form as assessment_form
from models.assessment import scoring as assessment
from models.assessment.report import score_text, suggested_text
from models.assessment.scoring import Candidate
from models.config import settings
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.record_dialog import RecordDialog

NOTE_STYLE = "color: #5f4b32; background: #fbf3e4; padding: 6px; border-radius: 4px;"


def _fields(candidate: Candidate) -> list[Field]:
    member = not candidate.is_org
    grades = assessment.grades_in_use(bool(settings.get("three_grades")))
    out = []
    for dim, spec in zip(candidate.dimensions, assessment_form.dimensions(member), strict=False):
        if spec.entered_max > 0:
            ledger_part = "台账无数据，不计" if dim.missing else f"台账已计 {dim.computed:g}/{dim.computed_max:g}"
            out.append(Field(f"scores.{spec.name}", f"{spec.name}评分",
                             placeholder=f"0～{spec.entered_max:g} 分（{ledger_part}）",
                             tip=f"考核小组评定的部分，满分 {spec.entered_max:g} 分；"
                                 f"台账计算部分依据“{spec.figure_label}”"))
        else:
            out.append(Field(f"scores.{spec.name}", f"{spec.name}评分", placeholder="全部由台账计算，不需录入",
                             tip=f"依据“{spec.figure_label}”全部由台账计算"))
        out.append(Field(f"remarks.{spec.name}", f"{spec.name}评语"))
    out += [
        Field("grade", "评定等次", "choice", grades,
              tip=f"考核小组的定性评价；建议等次：{suggested_text(candidate)}"),
        Field("on", "评定日期", "date"),
        Field("remark", "总体评语", "multiline", span=2),
        Field("by", "评定人", placeholder="如 镇党委考核小组"),
    ]
    return out


class AssessmentEntryDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, year: int, candidate: Candidate) -> None:
        self.year, self.candidate = year, candidate
        member = not candidate.is_org

        def make_form(owner: QWidget) -> Form:
            return Form(_fields(candidate), owner, columns=2,
                        validator=lambda data: assessment_form.check(data, member))

        who = f"{candidate.name}（{candidate.org_name}）" if member else candidate.name
        super().__init__(f"{year}年度考核评分：{who}", make_form, self._save, parent)
        lines = [(f"{'“五带头”' if member else '“五个好”'}每项分为台账计算部分和考核小组评分部分，"
                  f"现在{score_text(candidate)}，建议等次：{suggested_text(candidate)}。")]
        lines += [f"不能评为“{t}”：{r}" for t in candidate.titles for r in candidate.exclusions.get(t, ())]
        lines += list(candidate.notes)  # 数据不全: which figures the ledger lacks
        note = QLabel("\n".join(lines), self)
        note.setObjectName("entry_note")
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.layout().insertWidget(0, note)
        for spec in assessment_form.dimensions(member):
            if spec.entered_max <= 0:
                self.form.widget(f"scores.{spec.name}").setEnabled(False)
        entry = assessment.entry(year, org_id=None if member else candidate.org_id, member_id=candidate.member_id)
        data: dict[str, Any] = {"grade": entry.grade, "remark": entry.remark, "by": entry.graded_by,
                                "on": entry.graded_on or dt.date.today()}
        for name, (score, remark) in entry.scores.items():
            data[f"scores.{name}"] = "" if score is None else f"{score:g}"
            data[f"remarks.{name}"] = remark
        self.form.load(data)
        fit.to_screen(self, 820, 480)

    def _save(self, data: dict[str, Any]) -> Any:
        member = not self.candidate.is_org
        args = assessment_form.arguments(data, member)
        return assessment.enter(self.year, org_id=None if member else self.candidate.org_id,
                                member_id=self.candidate.member_id, **args)
