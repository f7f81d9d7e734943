"""What the committee's scoring form needs: the dimensions with their two parts, a live check.

`models.assessment.scoring.enter` validates and saves in one go; a form also wants to say what is
wrong while the clerk types, with the very same words, so this runs enter's checks on the
form's values (keys ``scores.<维度>``, ``remarks.<维度>``, ``grade``, ``remark``, ``by``,
``on``) without writing anything, and turns them back into enter's arguments.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models import fields
from models.assessment.scoring import _score_value, grades_in_use
from models.config import settings
from models.config.assessment_settings import MEMBER_FIGURES, ORG_FIGURES
from models.constants import FIVE_GOOD, FIVE_LEAD


@dataclass(frozen=True)
class DimensionSpec:
    name: str
    points: float
    computed_max: float  # from the ledger
    figure_label: str

    @property
    def entered_max(self) -> float:
        return self.points - self.computed_max


def dimensions(member: bool) -> list[DimensionSpec]:
    """The 五带头 (member) or 五个好 dimensions as the settings weigh them today."""
    conf = settings.get("assessment_member_dimensions" if member else "assessment_org_dimensions")
    labels = MEMBER_FIGURES if member else ORG_FIGURES
    out = []
    for name in (FIVE_LEAD if member else FIVE_GOOD):
        d = conf[name]
        points = float(d["points"])
        computed = 0.0 if d["figure"] == "none" else points * float(d["computed_share"])
        out.append(DimensionSpec(name, points, computed, labels[d["figure"]]))
    return out


def arguments(data: dict[str, Any], member: bool) -> dict[str, Any]:
    """The form's values as `assessment.enter` keyword arguments."""
    dims = dimensions(member)
    return {
        "scores": {d.name: data.get(f"scores.{d.name}") for d in dims if d.entered_max > 0},
        "remarks": {d.name: data.get(f"remarks.{d.name}", "") for d in dims},
        "grade": data.get("grade") or "",
        "remark": data.get("remark", ""),
        "by": data.get("by", ""),
        "on": data.get("on"),
    }


def check(data: dict[str, Any], member: bool) -> None:
    """Raise FormErrors with enter's own messages for whatever the form holds that enter refuses."""
    c = fields.Collector()
    for d in dimensions(member):
        key = f"scores.{d.name}"
        if d.entered_max > 0:
            c.run(_score_value, data.get(key), d.entered_max, f"“{d.name}”的评分", key)
        c.run(fields.text, data.get(f"remarks.{d.name}", ""), f"“{d.name}”的评语", f"remarks.{d.name}",
              max_len=500, multiline=True)
    c.run(fields.choice, data.get("grade") or "", "考核等次", "grade",
          grades_in_use(bool(settings.get("three_grades"))))
    c.run(fields.text, data.get("remark", ""), "总体评语", "remark", max_len=1000, multiline=True)
    c.run(fields.text, data.get("by", ""), "评定人", "by", max_len=60)
    c.run(fields.date, data.get("on"), "评定日期", "on")
    c.raise_if_any()
