"""年度考核: organizations on the 五个好, members on the 五带头, and who cannot be commended.

The campaign asks for 定性评价与量化考评相结合: each dimension's points are split into a part
computed from the ledger (so the quarterly records count for something) and a part the
committee enters (so what the records cannot see still counts). Both are kept apart, with
the ledger figure and its source records beside the computed part, so a score can be
explained line by line at the committee meeting. The qualitative grade is always the
committee's; the score only suggests one.

Hard rules never rank: they say, in a sentence the committee can read out, why a candidate
cannot have a title at all.
"""
from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from models import fields
from models.campaign import ledger
from models.campaign.ledger import PARTY, PUBLIC, TOTAL, MemberLedger, OrgLedger, Ratio, Sources
from models.config import settings
from models.config.assessment_settings import MEMBER_FIGURES, ORG_FIGURES
from models.constants import FIVE_GOOD, FIVE_LEAD, MEMBER_TITLE, MUTUAL_GRADES, ORG_TITLE, WORKER_TITLE
from models.errors import NotFound, ValidationError
from models.roster.organizations import get, subtree_ids
from models.store import audit
from models.store.assessment_tables import Assessment, AssessmentScore
from models.store.db import database
from models.store.tables import Member, Organization

MUTUAL_POINTS = (100, 80, 60, 0)  # 优秀 合格 基本合格 不合格, the usual 测评 conversion
BLOCKING_ORG_GRADES = ("基本合格", "不合格")
BLOCKING_MEMBER_GRADES = ("基本合格", "不合格")


def grades_in_use(three_grades: bool) -> tuple[str, ...]:
    return tuple(g for g in MUTUAL_GRADES if not (three_grades and g == "基本合格"))


def suggest_grade(percent: float | None, thresholds: dict[str, float], three_grades: bool = False
                  ) -> str | None:
    """The grade a score suggests; with three grades the 基本合格 band counts as 合格, because
    不合格 carries consequences a missing ballot column should not bring on anyone."""
    if percent is None:
        return None
    p = round(percent, 6)
    if p >= thresholds["优秀"]:
        return "优秀"
    if p >= thresholds["合格"]:
        return "合格"
    if p >= thresholds["基本合格"]:
        return "合格" if three_grades else "基本合格"
    return "不合格"


def _pct(threshold: float) -> str:
    return f"{threshold * 100:g}%"


# ------------------------------------------------------------------ ledger figures

def org_figure(key: str, led: OrgLedger) -> Ratio | None:
    """The ledger figure named in settings for an organization's dimension (None: not computed)."""
    if key == "review_rate":
        return led.held
    if key == "attendance_rate":
        return led.attendance
    if key == "leader_comment_rate":
        held = [q for q in led.quarters if q.held]
        return Ratio(sum(bool(q.leader_comment.strip()) for q in held), len(held), Sources(led.review_ids))
    if key == "mutual_good_share":
        graded = [m for m in led.members if m.mutual.grade]
        src = Sources(tuple(sorted({r for m in graded for r in m.mutual.sources.review_ids})))
        return Ratio(sum(m.mutual.grade in ("优秀", "合格") for m in graded), len(graded), src)
    if key == "cap_compliance":
        checks = [q.cap for q in led.quarters if q.cap is not None]
        return Ratio(sum(not c.broken for c in checks), len(checks), Sources(tuple(c.review_id for c in checks)))
    if key == "pledge_fulfilment":
        return led.pledges.fulfilment
    if key == "mass_satisfaction":
        return led.mass.overall[TOTAL].ratio
    if key == "mass_public_satisfaction":
        return led.mass.overall[PUBLIC].ratio
    if key == "mass_party_satisfaction":
        return led.mass.overall[PARTY].ratio
    if key == "member_mass_satisfaction":
        sats = [m.mass.overall[TOTAL] for m in led.members if m.mass.has_votes]
        src = Sources(tuple(sorted({r for s in sats for r in s.sources.review_ids})))
        return Ratio(sum(s.favourable for s in sats), sum(s.valid for s in sats), src)
    return None


def member_figure(key: str, m: MemberLedger, three_grades: bool = False) -> Ratio | None:
    """The ledger figure named in settings for a member's dimension (None: not computed)."""
    e, q, b, u = m.mutual.counts
    total = e + q + b + u
    src = m.mutual.sources
    if key == "attendance_rate":
        return m.attendance.rate
    if key == "pledge_fulfilment":
        return m.pledge.fulfilment
    if key == "mutual_score":
        basic_points = MUTUAL_POINTS[1] if three_grades else MUTUAL_POINTS[2]
        return Ratio(MUTUAL_POINTS[0] * e + MUTUAL_POINTS[1] * q + basic_points * b, 100 * total, src)
    if key == "mutual_excellent_share":
        return Ratio(e, total, src)
    if key == "mutual_good_share":
        return Ratio(e + q + (b if three_grades else 0), total, src)
    if key == "mutual_pass_share":
        return Ratio(total - u, total, src)
    if key == "mass_satisfaction":
        return m.mass.overall[TOTAL].ratio
    if key == "mass_public_satisfaction":
        return m.mass.overall[PUBLIC].ratio
    return None


# ------------------------------------------------------------------ scores

@dataclass(slots=True)
class DimensionScore:
    dimension: str
    points: float  # full marks of the dimension
    computed_max: float  # of which computed from the ledger
    figure: str  # settings key of the ledger figure ("none": all entered)
    figure_label: str
    basis: Ratio | None  # the ledger figure with its sources; None when not computed
    computed: float
    entered: float | None  # the committee's points; None until entered
    remark: str = ""
    # The ledger has no data for the computed part (a branch that recorded no 群众评议 votes, a
    # member without a due pledge item): it is left out of the points attainable rather than
    # scored 0, so a gap in the records does not drag anyone down.
    missing: bool = False

    @property
    def entered_max(self) -> float:
        return self.points - self.computed_max

    @property
    def total(self) -> float:
        return self.computed + (self.entered or 0.0)

    @property
    def sources(self) -> Sources:
        return self.basis.sources if self.basis is not None else ledger.NO_SOURCES


@dataclass(slots=True)
class Candidate:
    """One organization (member_id None) or member in the year's assessment."""

    org_id: int
    member_id: int | None
    name: str
    org_name: str
    stroke_key: str
    is_party_worker: bool
    dimensions: tuple[DimensionScore, ...]
    grade: str  # the committee's 定性评价; '' not yet
    remark: str
    suggested: str | None
    exclusions: dict[str, tuple[str, ...]]  # title → why it cannot be had
    # Dimensions whose ledger figure has no data (数据不全).
    missing: tuple[DimensionScore, ...] = ()
    # No ledger figure has data at all: the score would rest on nothing the records show, so
    # no grade is suggested.
    no_data: bool = False
    rank: int = 0
    score: float = 0.0  # computed plus entered points
    # Score over the points attainable so far: the computed parts that have ledger data plus
    # the entered parts already entered — so a ranking can start early, and a figure the
    # ledger lacks neither counts for nor against anyone.
    percent: float | None = None

    @property
    def is_org(self) -> bool:
        return self.member_id is None

    @property
    def full_marks(self) -> float:
        return sum(d.points for d in self.dimensions)

    @property
    def attainable(self) -> float:
        """The points the score is out of (应得分), which `percent` divides by: full marks less
        the computed parts without ledger data (数据不全) and the entered parts not yet entered.
        Shown beside the score, so 43.6 next to 87.2% reads as 43.6 of 50, not of 100."""
        return sum((0.0 if d.missing else d.computed_max) + (0.0 if d.entered is None else d.entered_max)
                   for d in self.dimensions)

    @property
    def complete(self) -> bool:
        """Every dimension's entered part is in (or there is none to enter)."""
        return all(d.entered is not None or d.entered_max == 0 for d in self.dimensions)

    @property
    def notes(self) -> tuple[str, ...]:
        """Gaps in the ledger the score had to pass over (made when shown: most of 30,000
        candidates are never looked at one by one)."""
        return (missing_note(self),) if self.missing else ()

    @property
    def missing_figures(self) -> tuple[str, ...]:
        """The names of the ledger figures without data, each once, in dimension order."""
        return tuple(dict.fromkeys(d.figure_label for d in self.missing))

    @property
    def titles(self) -> tuple[str, ...]:
        if self.is_org:
            return (ORG_TITLE,)
        return (MEMBER_TITLE, WORKER_TITLE) if self.is_party_worker else (MEMBER_TITLE,)

    def eligible(self, title: str) -> bool:
        return not self.exclusions.get(title)


@dataclass(frozen=True)
class Entry:
    """What the committee has entered for one subject."""

    grade: str = ""
    remark: str = ""
    scores: dict[str, tuple[float | None, str]] = field(default_factory=dict)
    graded_on: dt.date | None = None
    graded_by: str = ""


NO_ENTRY = Entry()


def _specs(dims_conf: dict[str, dict], order: tuple[str, ...], labels: dict[str, str]) -> list[tuple]:
    """(name, points, computed max, figure key, label) per dimension, worked out once per run."""
    out = []
    for name in order:
        conf = dims_conf[name]
        points, key = float(conf["points"]), conf["figure"]
        computed_max = 0.0 if key == "none" else points * float(conf["computed_share"])
        out.append((name, points, computed_max, key, labels[key]))
    return out


def missing_note(c: Candidate) -> str:
    """数据不全 in a sentence the committee can read out: which figures, and what it means."""
    if not c.missing:
        return ""
    figures = "、".join(f"“{label}”" for label in c.missing_figures)
    if c.no_data:
        return f"数据不全：台账中没有{figures}的数据，无法按台账计分，不给出建议等次。"
    dims = "、".join(d.dimension for d in c.missing)
    return (f"数据不全：台账中没有{figures}的数据，{dims}的台账计算部分"
            f"（共 {sum(d.computed_max for d in c.missing):g} 分）不计入应得分，得分率按其余各项折算。")


def _candidate(specs: list[tuple], figure_of: Callable[[str], Ratio | None], entry: Entry,
               org_id: int, member_id: int | None, name: str, org_name: str, stroke_key: str,
               is_party_worker: bool, exclusions: dict[str, tuple[str, ...]]) -> Candidate:
    dims, missing = [], []
    score = 0.0
    figures = 0  # dimensions with a computed part
    for dim, points, computed_max, key, label in specs:
        basis = None if key == "none" else figure_of(key)
        value = basis.value if basis is not None else None
        computed = round(computed_max * min(value, 1.0), 2) if value is not None else 0.0
        entered, remark = entry.scores.get(dim, (None, "")) if entry.scores else (None, "")
        gap = computed_max > 0 and value is None
        d = DimensionScore(dim, points, computed_max, key, label, basis, computed, entered, remark, gap)
        dims.append(d)
        if computed_max > 0:
            figures += 1
        if gap:
            missing.append(d)
        score += computed + (entered or 0.0)
    c = Candidate(org_id, member_id, name, org_name, stroke_key, is_party_worker, tuple(dims),
                  entry.grade, entry.remark, None, exclusions, tuple(missing),
                  bool(figures) and len(missing) == figures, 0, round(score, 2))
    attainable = c.attainable  # one definition for the percent and for what the pages show
    c.percent = c.score / attainable * 100 if attainable else None
    return c


def suggest_for(c: Candidate, thresholds: dict[str, float], three_grades: bool) -> str | None:
    """The suggested grade of a candidate; none when no ledger figure has data (数据不全)."""
    return None if c.no_data else suggest_grade(c.percent, thresholds, three_grades)


def org_exclusions(led: OrgLedger, grade: str, gate_group: str) -> tuple[str, ...]:
    """Why an organization cannot be 先进基层党组织 (empty: it can)."""
    reasons = []
    sat = led.mass.overall[gate_group]
    who = "党员和群众合计" if gate_group == TOTAL else "群众"
    if not sat.valid:
        reasons.append(f"{led.year}年没有群众评议票数，无法确认群众满意率达到{_pct(led.threshold)}以上，"
                       f"不能评为{ORG_TITLE}。")
    elif not sat.meets:
        reasons.append(
            f"群众评议满意率（{who}）为 {sat.ratio.text}（{settings.SATISFACTION_FORMULAS[led.formula]}，"
            f"{sat.favourable}/{sat.valid} 票），低于 {_pct(led.threshold)} 的门槛，不能评为{ORG_TITLE}。")
    if grade in BLOCKING_ORG_GRADES:
        reasons.append(f"考核等次定为“{grade}”，不能评为{ORG_TITLE}。")
    return tuple(reasons)


def member_exclusions(m: MemberLedger, grade: str, title: str) -> tuple[str, ...]:
    """Why a member cannot have a personal title (empty: they can)."""
    reasons = []
    if not m.on_roll:
        reasons.append("已不在本组织名册上（转出、停止党籍或去世），不能参加评选。")
    if title == WORKER_TITLE and not m.is_party_worker:
        reasons.append(f"没有登记为党务工作者，不能评为{WORKER_TITLE}。")
    if grade in BLOCKING_MEMBER_GRADES:
        reasons.append(f"考核等次定为“{grade}”，不能评为{title}。")
    if m.mutual.grade == "不合格":
        bad = m.mutual.share("不合格")
        reasons.append(f"党员互评结果为“不合格”（不合格 {bad.num} 票，占 {bad.text}），不能评为{title}。")
    for item in m.pledge.without_reason:
        content = item.content if len(item.content) <= 20 else item.content[:20] + "……"
        reasons.append(f"承诺事项第 {item.seq} 项“{content}”标为未兑现，但没有说明原因，不能评为{title}。")
    return tuple(reasons)


@dataclass(frozen=True, slots=True)
class GradeCap:
    """The 优秀 cap (settings, ⅓ by default) applied to one organization's 定性评价.

    The cap binds the committee's grades as much as the ballots: the committee's grade counts
    where it has been entered, the suggested grade where not yet, so the breach shows while
    there is still time to grade differently.
    """

    org_id: int
    org_name: str
    members: int  # on the roll and assessed
    allowed: int  # 优秀 the cap allows among them
    entered: int  # 优秀 given by the committee
    suggested: int  # 优秀 suggested for members the committee has not graded
    cap: float

    @property
    def excellent(self) -> int:
        return self.entered + self.suggested

    @property
    def broken(self) -> bool:
        return self.excellent > self.allowed

    @property
    def message(self) -> str:
        if not self.broken:
            return ""
        parts = ([f"考核小组评定为优秀 {self.entered} 名"] if self.entered else []) + (
            [f"尚未评定、建议等次为优秀 {self.suggested} 名"] if self.suggested else [])
        return (f"优秀比例超限：{self.org_name}在册党员 {self.members} 名，按{ledger.share_text(self.cap)}的比例"
                f"最多评 {self.allowed} 名优秀，现有{'、'.join(parts)}，共 {self.excellent} 名，"
                f"超出 {self.excellent - self.allowed} 名。")


def grade_caps(members: list[Candidate], cap: float) -> dict[int, GradeCap]:
    """The cap per organization over its assessed members (committee grade, else suggestion)."""
    pools: dict[int, list[Candidate]] = {}
    for c in members:
        pools.setdefault(c.org_id, []).append(c)
    out = {}
    for org_id, pool in pools.items():
        entered = sum(1 for c in pool if c.grade == "优秀")
        suggested = sum(1 for c in pool if not c.grade and c.suggested == "优秀")
        out[org_id] = GradeCap(org_id, pool[0].org_name, len(pool), ledger.cap_limit(len(pool), cap),
                               entered, suggested, cap)
    return out


@dataclass
class Summary:
    year: int
    as_of: dt.date
    organizations: list[Candidate]  # ranked
    members: list[Candidate]  # ranked
    ledgers: dict[int, OrgLedger]
    caps: dict[int, GradeCap] = field(default_factory=dict)  # org id → the 优秀 cap on its grades

    @property
    def cap_breaches(self) -> list[GradeCap]:
        return [cap for cap in self.caps.values() if cap.broken]

    def ranked(self, title: str) -> list[Candidate]:
        """Those who may have the title in score order, then those who may not, with reasons."""
        pool = self.organizations if title == ORG_TITLE else [
            c for c in self.members if title == MEMBER_TITLE or c.is_party_worker]
        return [c for c in pool if c.eligible(title)] + [c for c in pool if not c.eligible(title)]

    def candidate(self, org_id: int | None = None, member_id: int | None = None) -> Candidate | None:
        pool = self.organizations if member_id is None else self.members
        return next((c for c in pool if (c.member_id == member_id if member_id else c.org_id == org_id)), None)


def entries(year: int, org_ids: list[int] | None) -> dict[tuple[str, int], Entry]:
    """The year's entries keyed ("org", id) or ("member", id): two queries for any number.

    A member's entry is found by the organization the member is in now as well as the one it
    was entered under: after a 本镇转接 the year's grade still binds in the new branch."""
    query = Assessment.select(Assessment.id, Assessment.org, Assessment.member, Assessment.grade,
                              Assessment.remark, Assessment.graded_on, Assessment.graded_by
                              ).where(Assessment.year == year)
    in_scope = None
    if org_ids is not None:
        in_scope = Assessment.org.in_(org_ids) | Assessment.member.in_(
            Member.select(Member.id).where(Member.org.in_(org_ids)))
        query = query.where(in_scope)
    heads: dict[int, Any] = {row.id: row for row in query.namedtuples()}  # rows, not models: ids in .org/.member
    scores: dict[int, dict[str, tuple[float | None, str]]] = {}
    if heads:
        sq = (AssessmentScore.select(AssessmentScore.assessment, AssessmentScore.dimension,
                                     AssessmentScore.score, AssessmentScore.remark)
              .join(Assessment).where(Assessment.year == year))
        if in_scope is not None:
            sq = sq.where(in_scope)
        for aid, dim, score, remark in sq.tuples():
            scores.setdefault(aid, {})[dim] = (score, remark)
    out = {}
    for h in heads.values():
        key = ("member", h.member) if h.member is not None else ("org", h.org)
        out[key] = Entry(h.grade, h.remark, scores.get(h.id, {}), h.graded_on, h.graded_by)
    return out


def assessed_orgs(ledgers: dict[int, OrgLedger]) -> list[OrgLedger]:
    """Basic organizations with something to assess: members or meetings of their own."""
    return [led for led in ledgers.values()
            if led.level != "党委" and (any(m.on_roll for m in led.members) or led.review_ids)]


def summary(year: int, org_id: int | None = None, as_of: dt.date | None = None) -> Summary:
    """Score and rank every organization and member (of `org_id`'s subtree, or all)."""
    with ledger.gc_paused():
        return _summary(year, org_id, as_of)


def _summary(year: int, org_id: int | None, as_of: dt.date | None) -> Summary:
    scope = None
    if org_id is not None:
        get(org_id)
        scope = subtree_ids(org_id)
    conf = settings.get_all()
    three = bool(conf["three_grades"])
    thresholds = conf["assessment_grade_thresholds"]
    gate = conf["satisfaction_gate_group"]
    as_of = as_of or ledger.default_as_of(year)
    ledgers = ledger.build(year, scope, as_of)
    entered = entries(year, scope)

    org_specs = _specs(conf["assessment_org_dimensions"], FIVE_GOOD, ORG_FIGURES)
    orgs = []
    for led in assessed_orgs(ledgers):
        entry = entered.get(("org", led.org_id), NO_ENTRY)
        c = _candidate(org_specs, partial(org_figure, led=led), entry, led.org_id, None,
                       led.name, led.label, led.name, False,
                       {ORG_TITLE: org_exclusions(led, entry.grade, gate)})
        c.suggested = suggest_for(c, thresholds, three)
        orgs.append(c)

    member_specs = _specs(conf["assessment_member_dimensions"], FIVE_LEAD, MEMBER_FIGURES)
    members = []
    for led in ledgers.values():
        for m in led.members:
            if not m.on_roll:
                continue
            entry = entered.get(("member", m.member_id), NO_ENTRY)
            excl = {MEMBER_TITLE: member_exclusions(m, entry.grade, MEMBER_TITLE),
                    WORKER_TITLE: member_exclusions(m, entry.grade, WORKER_TITLE)}
            c = _candidate(member_specs, partial(member_figure, m=m, three_grades=three), entry, led.org_id,
                           m.member_id, m.name, led.label, m.stroke_key, m.is_party_worker, excl)
            c.suggested = suggest_for(c, thresholds, three)
            members.append(c)

    def order(c: Candidate) -> tuple:
        return (-(c.percent if c.percent is not None else -1), -c.score, c.stroke_key,
                c.member_id or c.org_id)

    for pool in (orgs, members):
        pool.sort(key=order)
        for n, c in enumerate(pool, 1):
            c.rank = n
    return Summary(year, as_of, orgs, members, ledgers, grade_caps(members, float(conf["excellent_cap"])))


def exclusions_for(year: int, title: str, org_id: int | None = None, member_id: int | None = None
                   ) -> tuple[str, ...]:
    """The hard rules for one candidate, read fresh (the nomination services call this)."""
    conf = settings.get_all()
    if member_id is None:
        assert org_id is not None, "exclusions_for needs an organization or a member"
        led = ledger.build(year, [org_id])[org_id]
        entry = entries(year, [org_id]).get(("org", org_id), NO_ENTRY)
        return org_exclusions(led, entry.grade, conf["satisfaction_gate_group"])
    member = Member.get_by_id(member_id)
    led = ledger.build(year, [member.org_id])[member.org_id]
    m = led.member(member_id)
    if m is None:
        return ("已不在本组织名册上（转出、停止党籍或去世），不能参加评选。",)
    entry = entries(year, [member.org_id]).get(("member", member_id), NO_ENTRY)
    return member_exclusions(m, entry.grade, title)


# ------------------------------------------------------------------ the committee's entries

def _score_value(raw: Any, limit: float, label: str, key: str) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(unicodedata.normalize("NFKC", str(raw)).strip().rstrip("分"))
    except ValueError:
        raise ValidationError(f"{label}应是数字，现在填的是“{str(raw)[:20]}”。", key) from None
    if math.isnan(value) or not 0 <= value <= limit + 1e-9:
        raise ValidationError(f"{label}应在 0 到 {limit:g} 分之间，现在是 {value:g}。", key)
    return round(value, 2)


def _subject(org_id: int | None, member_id: int | None) -> tuple[Organization, Member | None]:
    if (org_id is None) == (member_id is None):
        raise ValidationError("请选择一个考核对象：一个党组织或一名党员。", "subject")
    if member_id is not None:
        member = Member.get_or_none(Member.id == member_id)
        if member is None:
            raise NotFound("该党员记录已不存在。")
        return member.org, member
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound("该组织已不存在。")
    if org.level == "党委":
        raise ValidationError("年度考核的对象是基层党组织（党总支、党支部），不是党委本身。", "subject")
    return org, None


def _find(year: int, org: Organization, member: Member | None) -> Assessment | None:
    cond = (Assessment.year == year) & (
        Assessment.member == member.id if member is not None
        else (Assessment.org == org.id) & Assessment.member.is_null())
    return Assessment.get_or_none(cond)


def enter(year: Any, *, org_id: int | None = None, member_id: int | None = None,
          scores: dict[str, Any] | None = None, remarks: dict[str, Any] | None = None,
          grade: str | None = None, remark: str | None = None, by: str = "", on: Any = None
          ) -> Assessment:
    """Save the committee's scores, remarks and grade for one subject in one go.

    Only what is passed changes (`grade=None` keeps the grade, `grade=""` clears it); a
    score of None or "" clears that dimension's entry.
    """
    c = fields.Collector()
    year_v = c.run(fields.integer, year, "年度", "year", minimum=2000, maximum=2100)
    org, member = _subject(org_id, member_id)
    conf = settings.get_all()
    dims = conf["assessment_member_dimensions" if member else "assessment_org_dimensions"]
    names = FIVE_LEAD if member else FIVE_GOOD
    clean_scores: dict[str, float | None] = {}
    for name, raw in (scores or {}).items():
        if name not in names:
            c.add(f"scores.{name}", f"“{name}”不是{'“五带头”' if member else '“五个好”'}中的考核项目。")
            continue
        d = dims[name]
        limit = float(d["points"]) * (1 - (0 if d["figure"] == "none" else float(d["computed_share"])))
        if limit <= 0 and raw not in (None, ""):
            c.add(f"scores.{name}", f"“{name}”全部由台账计算，不需要录入评分。")
            continue
        clean_scores[name] = c.run(_score_value, raw, limit, f"“{name}”的评分", f"scores.{name}")
    clean_remarks = {}
    for name, text in (remarks or {}).items():
        if name not in names:
            c.add(f"remarks.{name}", f"“{name}”不是考核项目。")
            continue
        clean_remarks[name] = c.run(fields.text, text, f"“{name}”的评语", f"remarks.{name}",
                                    max_len=500, multiline=True)
    if grade is not None:
        grade = c.run(fields.choice, grade, "考核等次", "grade", grades_in_use(bool(conf["three_grades"])))
    if remark is not None:
        remark = c.run(fields.text, remark, "总体评语", "remark", max_len=1000, multiline=True)
    by = c.run(fields.text, by, "评定人", "by", max_len=60) or conf["clerk_name"]
    when = c.run(fields.date, on, "评定日期", "on") or dt.date.today()
    c.raise_if_any()
    with database.atomic():
        row = _find(year_v, org, member)
        if row is None:
            row = Assessment(year=year_v, org=org.id, member=member.id if member else None)
        if grade is not None:
            row.grade = grade
            row.graded_on, row.graded_by = (when, by) if grade else (None, "")
        if remark is not None:
            row.remark = remark
        row.updated_at = dt.datetime.now().replace(microsecond=0)
        row.save()
        for name in set(clean_scores) | set(clean_remarks):
            cell = AssessmentScore.get_or_none((AssessmentScore.assessment == row.id)
                                               & (AssessmentScore.dimension == name))
            if cell is None:
                cell = AssessmentScore(assessment=row.id, dimension=name)
            if name in clean_scores:
                cell.score = clean_scores[name]
            if name in clean_remarks:
                cell.remark = clean_remarks[name]
            cell.save()
        who = member.name if member else org.short_name or org.name
        audit.record("修改", "年度考核", row.id, f"{year_v}年 {who}"
                     + (f" 等次：{grade}" if grade else "") + (f" 评分 {len(clean_scores)} 项" if clean_scores else ""))
    return row


def entry(year: int, org_id: int | None = None, member_id: int | None = None) -> Entry:
    """What the committee has entered so far, for a form to load."""
    org, member = _subject(org_id, member_id)
    row = _find(year, org, member)
    if row is None:
        return NO_ENTRY
    return Entry(row.grade, row.remark, {s.dimension: (s.score, s.remark) for s in row.scores},
                 row.graded_on, row.graded_by)

