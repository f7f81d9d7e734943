"""Quarterly reviews (季度评议): the meeting record, attendance and the ballot tallies.

The whole review — record, attendance, 党员互评 and 群众评议 counts — is saved as one
unit in one transaction, because a half-saved tally sheet is worse than none.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from models import fields
from models.constants import ATTENDANCE, MEMBER_MASS_ITEMS, ORG_MASS_ITEMS, QUARTERS, VOTER_GROUPS
from models.errors import NotFound, ValidationError
from models.roster.members import on_roll
from models.store import audit
from models.store.db import database
from models.store.tables import Attendance, MassTally, MutualTally, Organization, Review

REVIEW_TEXT_FIELDS = {
    "place": ("地点", 100, False), "host": ("主持人", 30, False), "recorder": ("记录人", 30, False),
    "observers": ("列席人员", 300, True), "topics": ("议题", 1000, True),
    "results": ("成效", 3000, True), "problems": ("问题", 3000, True),
    "measures": ("整改措施", 3000, True), "leader_name": ("点评领导", 30, False),
    "leader_comment": ("领导点评", 3000, True),
}
LATE_DAYS = 45  # a quarter's meeting may be recorded this long after the quarter ends


@dataclass
class MassCounts:
    item: int  # 1-based
    group: str  # 党员 / 群众
    satisfied: int = 0
    fairly: int = 0
    basic: int = 0
    unsatisfied: int = 0
    member_id: int | None = None  # None: the organization is rated


@dataclass
class ReviewInput:
    year: Any
    quarter: Any
    date: Any
    texts: dict[str, str] = field(default_factory=dict)
    mutual_voters: Any = 0
    mass_party_voters: Any = 0
    mass_public_voters: Any = 0
    attendance: dict[int, tuple[str, str]] = field(default_factory=dict)  # member id → (state, reason)
    mutual: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)  # 优秀 合格 基本合格 不合格
    mass: list[MassCounts] = field(default_factory=list)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


def _validate(org: Organization, data: ReviewInput) -> dict[str, Any]:
    c = fields.Collector()
    year = c.run(fields.integer, data.year, "年度", "year", minimum=2000, maximum=2100)
    quarter = c.run(fields.integer, data.quarter, "季度", "quarter", minimum=1, maximum=4)
    if year == 0:  # fields.integer reads a blank as 0
        c.add("year", "请填写年度。")
    if quarter == 0:
        c.add("quarter", "请选择季度。")
    when = c.run(fields.date, data.date, "会议日期", "date", required=True)
    if year and quarter and when:
        start, end = quarter_bounds(year, quarter)
        if not start <= when <= end + dt.timedelta(days=LATE_DAYS):
            c.add("date", f"会议日期 {when.isoformat()} 不在{year}年{QUARTERS[quarter]}"
                          f"（{start.isoformat()} 至 {end.isoformat()}，可延后 {LATE_DAYS} 天补开）内。")
        if when > dt.date.today():
            c.add("date", "会议日期不能晚于今天。")
    texts = {}
    for key, (label, size, multi) in REVIEW_TEXT_FIELDS.items():
        texts[key] = c.run(fields.text, data.texts.get(key, ""), label, key, max_len=size, multiline=multi)
    roster = {m.id: m for m in on_roll(org.id)}
    expected = len(roster)
    mutual_voters = c.run(fields.integer, data.mutual_voters, "参加互评的党员人数", "mutual_voters",
                          maximum=expected or 0)
    party_voters = c.run(fields.integer, data.mass_party_voters, "参加群众评议的党员人数", "mass_party_voters")
    public_voters = c.run(fields.integer, data.mass_public_voters, "参加群众评议的群众人数", "mass_public_voters")

    attendance = {}
    for member_id, (state, reason) in data.attendance.items():
        if member_id not in roster:
            c.add("attendance", "出勤名单中有不在本组织名册上的党员，请刷新后重试。")
            continue
        state = c.run(fields.choice, state, "出勤情况", "attendance", ATTENDANCE, required=True)
        reason = c.run(fields.text, reason, "请假原因", "attendance", max_len=100)
        if state == "请假" and not reason:
            c.add("attendance", f"{roster[member_id].name}请假，请填写请假原因。")
        attendance[member_id] = (state, reason if state == "请假" else "")
    present = sum(1 for s, _ in attendance.values() if s == "出席")
    if mutual_voters and attendance and mutual_voters > present:
        c.add("mutual_voters", f"参加互评的党员（{mutual_voters} 人）不能多于实到人数（{present} 人）。")

    mutual = {}
    for member_id, counts in data.mutual.items():
        if member_id not in roster:
            c.add("mutual", "互评票数中有不在本组织名册上的党员。")
            continue
        name = roster[member_id].name
        vals = [c.run(fields.integer, v, f"{name}的互评票数", "mutual") for v in counts]
        if None in vals:
            continue
        if sum(vals) > (mutual_voters or 0):
            c.add("mutual", f"{name}的互评票数合计 {sum(vals)} 张，超过参加互评的 {mutual_voters or 0} 人。")
        mutual[member_id] = tuple(vals)

    mass = []
    seen = set()
    for entry in data.mass:
        items = ORG_MASS_ITEMS if entry.member_id is None else MEMBER_MASS_ITEMS
        who = org.short_name or org.name if entry.member_id is None else (
            roster[entry.member_id].name if entry.member_id in roster else None)
        if who is None:
            c.add("mass", "群众评议票数中有不在本组织名册上的党员。")
            continue
        # An item number from a pasted sheet may be anything: refuse it in words, never crash.
        item = c.run(fields.integer, entry.item, "群众评议项目序号", "mass", minimum=1, maximum=len(items))
        if not item or entry.group not in VOTER_GROUPS:  # blank reads as 0
            c.add("mass", "群众评议的评议项目或评议人类别不正确。")
            continue
        slot = (entry.member_id, item, entry.group)
        if slot in seen:
            c.add("mass", f"{who}“{items[item - 1]}”的{entry.group}评议票数重复填写。")
            continue
        seen.add(slot)
        vals = [c.run(fields.integer, v, "群众评议票数", "mass")
                for v in (entry.satisfied, entry.fairly, entry.basic, entry.unsatisfied)]
        if None in vals:
            continue
        limit = (party_voters if entry.group == "党员" else public_voters) or 0
        if sum(vals) > limit:
            c.add("mass", f"{who}“{items[item - 1]}”的{entry.group}评议票合计 {sum(vals)} 张，"
                          f"超过参加评议的{entry.group} {limit} 人。")
        mass.append((entry.member_id, item, entry.group, *vals))
    c.raise_if_any()
    return {
        "year": year, "quarter": quarter, "date": when, "texts": texts, "expected": expected,
        "mutual_voters": mutual_voters, "mass_party_voters": party_voters,
        "mass_public_voters": public_voters, "attendance": attendance, "mutual": mutual, "mass": mass,
    }


def save(org_id: int, data: ReviewInput, review_id: int | None = None) -> Review:
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise ValidationError("请选择召开评议会的党组织。", "org_id")
    clean = _validate(org, data)
    with database.atomic():
        clash = Review.get_or_none((Review.org == org.id) & (Review.year == clean["year"])
                                   & (Review.quarter == clean["quarter"]))
        if clash is not None and clash.id != review_id:
            raise ValidationError(
                f"{clean['year']}年{QUARTERS[clean['quarter']]}的评议记录已经存在，请打开原记录修改。", "quarter")
        if review_id is None:
            review = Review(org=org)
        else:
            review = get(review_id)
            review.updated_at = dt.datetime.now().replace(microsecond=0)
        for key in ("year", "quarter", "date", "expected", "mutual_voters", "mass_party_voters",
                    "mass_public_voters"):
            setattr(review, key, clean[key])
        for key, value in clean["texts"].items():
            setattr(review, key, value)
        review.save()
        for model in (Attendance, MutualTally, MassTally):
            model.delete().where(model.review == review.id).execute()
        if clean["attendance"]:
            Attendance.insert_many(
                [(review.id, mid, s, r) for mid, (s, r) in clean["attendance"].items()],
                fields=[Attendance.review, Attendance.member, Attendance.state, Attendance.reason],
            ).execute()
        if clean["mutual"]:
            MutualTally.insert_many(
                [(review.id, mid, *v) for mid, v in clean["mutual"].items()],
                fields=[MutualTally.review, MutualTally.member, MutualTally.excellent,
                        MutualTally.qualified, MutualTally.basic, MutualTally.unqualified],
            ).execute()
        if clean["mass"]:
            MassTally.insert_many(
                [(review.id, *row) for row in clean["mass"]],
                fields=[MassTally.review, MassTally.member, MassTally.item, MassTally.group,
                        MassTally.satisfied, MassTally.fairly, MassTally.basic, MassTally.unsatisfied],
            ).execute()
        audit.record("新增" if review_id is None else "修改", "季度评议", review.id,
                     f"{org.name} {clean['year']}年{QUARTERS[clean['quarter']]}")
    return review


def get(review_id: int) -> Review:
    review = Review.get_or_none(Review.id == review_id)
    if review is None:
        raise NotFound("该评议记录已不存在。")
    return review


def load(review_id: int) -> ReviewInput:
    """The saved review in the shape `save` takes, so a form can edit and save it back."""
    r = get(review_id)
    return ReviewInput(
        year=r.year, quarter=r.quarter, date=r.date,
        texts={key: getattr(r, key) for key in REVIEW_TEXT_FIELDS},
        mutual_voters=r.mutual_voters, mass_party_voters=r.mass_party_voters,
        mass_public_voters=r.mass_public_voters,
        attendance={a.member_id: (a.state, a.reason) for a in r.attendance},
        mutual={t.member_id: (t.excellent, t.qualified, t.basic, t.unqualified) for t in r.mutual},
        mass=[MassCounts(t.item, t.group, t.satisfied, t.fairly, t.basic, t.unsatisfied, t.member_id)
              for t in r.mass],
    )


class ReviewListRow(NamedTuple):
    """A review as the 季度评议 list shows it."""

    id: int
    year: int
    quarter: str  # 第一季度 …
    date: dt.date
    place: str
    expected: int  # 应到
    present: int  # 实到
    host: str


def list_rows(org_id: int) -> list[ReviewListRow]:
    """The organization's reviews, newest first."""
    from peewee import JOIN, Case, fn

    query = (
        Review.select(Review.id, Review.year, Review.quarter, Review.date, Review.place, Review.expected,
                      fn.SUM(Case(None, [(Attendance.state == "出席", 1)], 0)), Review.host)
        .join(Attendance, JOIN.LEFT_OUTER, on=(Attendance.review == Review.id))
        .where(Review.org == org_id)
        .group_by(Review.id)
        .order_by(Review.year.desc(), Review.quarter.desc())
    )
    return [ReviewListRow(rid, y, QUARTERS[q], d, p, e, present or 0, h)
            for rid, y, q, d, p, e, present, h in query.tuples()]
