"""Tables of the annual assessment (年度考核) and commendations (表彰).

Kept apart from `models.store.tables` because they come with schema step 3+ and belong to one
piece of work; rules live in `models.assessment.scoring` and `models.commendation.nominations`. What the
committee enters is stored here; what the ledger computes is never stored, so a corrected
tally changes the computed scores at once.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import peewee as pw

from models.store.tables import BaseModel, Member, Organization

if TYPE_CHECKING:
    from models.store.tables import Select


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Assessment(BaseModel):
    """The committee's entries for one organization (member NULL) or one member in a year."""

    year = pw.IntegerField()
    org = pw.ForeignKeyField(Organization, backref="assessments", on_delete="RESTRICT")
    org_id: int
    member = pw.ForeignKeyField(Member, null=True, backref="assessments", on_delete="RESTRICT")
    member_id: int | None
    grade = pw.CharField(default="")  # 定性评价: 优秀 / 合格 / 基本合格 / 不合格; '' not yet graded
    remark = pw.TextField(default="")  # 评语
    graded_on = pw.DateField(null=True)
    graded_by = pw.CharField(default="")
    updated_at = pw.DateTimeField(default=_now)
    scores: Select[AssessmentScore]  # backref


class AssessmentScore(BaseModel):
    """A committee-entered score and remark for one dimension (五个好 / 五带头)."""

    assessment = pw.ForeignKeyField(Assessment, backref="scores", on_delete="CASCADE")
    assessment_id: int
    dimension = pw.CharField()
    score = pw.FloatField(null=True)
    remark = pw.TextField(default="")

    class Meta:
        indexes = ((("assessment", "dimension"), True),)


class Nomination(BaseModel):
    """One candidate for one title: 推荐 by the branch → 审核/排序 → 公示 → 决定 (集中审议);
    退回 sends back to the branch, 不予表彰 is the committee's final no."""

    year = pw.IntegerField(index=True)
    category = pw.CharField()  # 先进基层党组织 / 优秀共产党员 / 优秀党务工作者
    level = pw.CharField(default="基层党委")  # 基层党委 / 市委
    org = pw.ForeignKeyField(Organization, backref="nominations", on_delete="RESTRICT")
    org_id: int
    member = pw.ForeignKeyField(Member, null=True, backref="nominations", on_delete="RESTRICT")
    member_id: int | None
    state = pw.CharField(default="已推荐")  # text: one of constants.NOMINATION_STATES
    deeds = pw.TextField(default="")  # 主要事迹: goes on the public notice
    rank = pw.IntegerField(null=True)  # the committee's order within the title
    proposed_on = pw.DateField(null=True)
    proposed_by = pw.CharField(default="")
    reviewed_on = pw.DateField(null=True)
    reviewed_by = pw.CharField(default="")
    decided_on = pw.DateField(null=True)
    decided_by = pw.CharField(default="")
    return_reason = pw.TextField(default="")  # why 退回, or why 不予表彰 (then decided_on/by too)
    notice_start = pw.DateField(null=True)  # 拟表彰对象公示期
    notice_end = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=_now)
    updated_at = pw.DateTimeField(default=_now)
    steps: Select[NominationStep]  # backrefs
    award: Select[Award]


class NominationStep(BaseModel):
    """Every step of a nomination, kept even after a send-back restarts it."""

    nomination = pw.ForeignKeyField(Nomination, backref="steps", on_delete="CASCADE")
    nomination_id: int
    action = pw.CharField()  # 推荐 / 审核 / 公示 / 决定 / 不予表彰 / 退回
    on = pw.DateField()
    by = pw.CharField(default="")
    note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=_now)


class Award(BaseModel):
    """An honour conferred: the certificate's number and the decision's date."""

    year = pw.IntegerField(index=True)  # the assessment year (年度)
    category = pw.CharField()
    level = pw.CharField()
    org = pw.ForeignKeyField(Organization, backref="awards", on_delete="RESTRICT")
    org_id: int
    member = pw.ForeignKeyField(Member, null=True, backref="awards", on_delete="RESTRICT")
    member_id: int | None
    nomination = pw.ForeignKeyField(Nomination, null=True, unique=True, backref="award",
                                    on_delete="SET NULL")
    nomination_id: int | None
    decided_on = pw.DateField()
    issuer = pw.CharField(default="")  # the commending body's full name at the time
    serial = pw.IntegerField(null=True)  # n in the numbering format, per issuing year and level
    certificate_no = pw.CharField(unique=True)
    created_at = pw.DateTimeField(default=_now)


# One row per subject: SQLite treats NULLs as distinct, so partial indexes say it for orgs.
Assessment.add_index(Assessment.index(Assessment.year, Assessment.org, unique=True)
                     .where(Assessment.member.is_null()))
Assessment.add_index(Assessment.index(Assessment.year, Assessment.member, unique=True)
                     .where(Assessment.member.is_null(False)))
Nomination.add_index(Nomination.index(Nomination.year, Nomination.category, Nomination.level,
                                      Nomination.org, unique=True).where(Nomination.member.is_null()))
Nomination.add_index(Nomination.index(Nomination.year, Nomination.category, Nomination.level,
                                      Nomination.member, unique=True).where(Nomination.member.is_null(False)))

ASSESSMENT_MODELS = (Assessment, AssessmentScore, Nomination, NominationStep, Award)
