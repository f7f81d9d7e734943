"""表彰: nominations bottom-up, the committee's review and decision, awards and certificates.

The campaign document prescribes 自下而上、分级评选、集中审议: a branch proposes (推荐), the
committee reviews and ranks (审核/排序), the candidates are put on public notice (公示), the
committee meeting decides (决定) or refuses (不予表彰, final), and any step before the decision
can send a nomination back with a reason (退回) for the branch to redo. Every step is kept
with its date and who took it, because a commendation feeds pay and promotion and may be
questioned later; so the dates must follow each other (no decision before its proposal, or
while the notice is still open). Hard rules from `models.assessment.scoring` are checked when
proposing and again when deciding, since the ledger may change in between.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

import peewee as pw

from models import fields
from models.assessment import scoring as assessment
from models.config import settings
from models.config.assessment_settings import certificate_number
from models.constants import AWARD_CATEGORIES, AWARD_LEVELS, NOMINATION_STATES, ORG_TITLE
from models.errors import NotFound, ValidationError
from models.roster.demo_points import demo_point_refusal, is_commended_org
from models.sheet import Sheet
from models.store import audit
from models.store.assessment_tables import Award, Nomination, NominationStep
from models.store.db import database
from models.store.tables import Member, Organization

BASIC, CITY = AWARD_LEVELS
PROPOSED, REVIEWED, DECIDED, RETURNED, DECLINED = NOMINATION_STATES
UNFILLED_MARK = "××"  # the city committee's placeholder name in the settings
#: 主要事迹 is a section of the 先进事迹材料 booklet (a page or two), not just a notice line
DEEDS_MAX = 3000


def issuer_for(level: str) -> str:
    """The commending body's full name: the township committee, or the city's for 市委 awards.

    '' while the city's name is still the settings' ×× placeholder, so nothing is ever signed
    with a made-up name.
    """
    if level == CITY:
        name = str(settings.get("city_committee_name") or "").strip()
        return "" if not name or UNFILLED_MARK in name else name
    return settings.get("committee_name")


def issuer_or_refuse(level: str, recorded: str = "") -> str:
    """The name to sign with (the one recorded at the time first); refuses an unfilled one."""
    name = recorded or issuer_for(level)
    if not name:
        raise ValidationError("还没有填写市委全称：市委表彰的公示、名单和证书以市委名义落款。"
                              "请先在“设置”中把“市委全称”改为实际名称（如 中共某某市委员会）。",
                              "city_committee_name")
    return name


def is_city_year(year: int) -> bool:
    """Whether the city commends this year: every `city_award_cycle` years from the base year."""
    cycle, base = int(settings.get("city_award_cycle")), int(settings.get("city_award_base_year"))
    return (year - base) % cycle == 0


def _level(level: str, year: int) -> str:
    level = fields.choice(level or BASIC, "表彰级别", "level", AWARD_LEVELS, required=True)
    if level == CITY and not is_city_year(year):
        cycle, base = settings.get("city_award_cycle"), settings.get("city_award_base_year")
        raise ValidationError(f"按设置，市委每 {cycle} 年表彰一次（{base}年起），{year}年不是市委表彰年度。", "level")
    return level


def _who(by: Any, default: str = "") -> str:
    by = fields.text(by, "经办人", "by", max_len=60)
    return by or default or settings.get("clerk_name") or settings.get("committee_name")


def _day(on: Any, label: str = "日期") -> dt.date:
    return fields.date(on, label, "on") or dt.date.today()


def _step(nom: Nomination, action: str, on: dt.date, by: str, note: str = "") -> None:
    NominationStep.create(nomination=nom.id, action=action, on=on, by=by, note=note)
    audit.record("状态变更", "表彰推荐", nom.id, f"{action}：{nom.year}年{nom.category} {note}".strip())


def _save(nom: Nomination) -> None:
    nom.updated_at = dt.datetime.now().replace(microsecond=0)
    nom.save()


def _check_picked(ids: list[int], none_picked: str) -> None:
    """The committee's selection: at least one, and none twice (it would be acted on twice)."""
    if not ids:
        raise ValidationError(none_picked, "ids")
    if len(set(ids)) != len(ids):
        raise ValidationError("所选推荐对象中有重复。", "ids")


def get(nomination_id: int) -> Nomination:
    nom = Nomination.get_or_none(Nomination.id == nomination_id)
    if nom is None:
        raise NotFound("该推荐记录已不存在。")
    return nom


def _subject_name(nom: Nomination) -> str:
    if nom.member_id is not None:
        return Member.get_by_id(nom.member_id).name
    org = Organization.get_by_id(nom.org_id)
    return org.short_name or org.name


def _not_before(when: dt.date, nom: Nomination, what: str) -> None:
    """A step cannot predate the steps it follows: refused with the date it must not precede."""
    for earlier, label in ((nom.proposed_on, "推荐日期"), (nom.reviewed_on, "审核日期")):
        if earlier is not None and when < earlier:
            raise ValidationError(f"{what}（{when.isoformat()}）不能早于{_subject_name(nom)}的{label}"
                                  f"（{earlier.isoformat()}）。", "on")


def _refuse_if_excluded(year: int, title: str, org_id: int | None, member_id: int | None, what: str) -> None:
    reasons = assessment.exclusions_for(year, title, org_id=org_id, member_id=member_id)
    if reasons:
        raise ValidationError(f"不能{what}：" + "".join(reasons), "subject")


# ------------------------------------------------------------------ the workflow

def propose(year: Any, title: str, *, org_id: int | None = None, member_id: int | None = None,
            deeds: str = "", level: str = BASIC, by: str = "", on: Any = None) -> Nomination:
    """推荐: the branch puts forward an organization or a member; a returned one is proposed again."""
    c = fields.Collector()
    year_v = c.run(fields.integer, year, "年度", "year", minimum=2000, maximum=2100)
    title = c.run(fields.choice, title, "表彰类别", "category", AWARD_CATEGORIES, required=True)
    deeds = c.run(fields.text, deeds, "主要事迹", "deeds", max_len=DEEDS_MAX, multiline=True)
    when = c.run(_day, on, "推荐日期")
    c.raise_if_any()
    level = _level(level, year_v)
    if title == ORG_TITLE:
        if org_id is None or member_id is not None:
            raise ValidationError(f"“{ORG_TITLE}”推荐的是党组织，请选择一个党组织。", "subject")
        org = Organization.get_or_none(Organization.id == org_id)
        if org is None:
            raise NotFound("该组织已不存在。")
        if org.level == "党委":
            raise ValidationError(f"“{ORG_TITLE}”只能推荐党总支、党支部。", "subject")
        member = None
    else:
        if member_id is None:
            raise ValidationError(f"“{title}”推荐的是党员个人，请选择一名党员。", "subject")
        member = Member.get_or_none(Member.id == member_id)
        if member is None:
            raise NotFound("该党员记录已不存在。")
        org = member.org
    by = _who(by, org.short_name or org.name)
    with database.atomic():
        cond = ((Nomination.year == year_v) & (Nomination.category == title) & (Nomination.level == level)
                & (Nomination.member == member.id if member else
                   (Nomination.org == org.id) & Nomination.member.is_null()))
        nom = Nomination.get_or_none(cond)
        if nom is not None and nom.state == DECLINED:
            who = member.name if member else org.short_name or org.name
            raise ValidationError(f"党委已决定{who}{year_v}年度“{title}”不予表彰，不能再次推荐。", "subject")
        if nom is not None and nom.state != RETURNED:
            who = member.name if member else org.short_name or org.name
            raise ValidationError(f"{who}已被推荐为{year_v}年度“{title}”（{nom.state}），不能重复推荐。", "subject")
        _refuse_if_excluded(year_v, title, None if member else org.id, member.id if member else None, "推荐")
        if nom is None:
            nom = Nomination(year=year_v, category=title, level=level, org=org.id,
                             member=member.id if member else None)
        nom.state, nom.deeds, nom.rank, nom.return_reason = PROPOSED, deeds, None, ""
        nom.proposed_on, nom.proposed_by = when, by
        nom.reviewed_on, nom.reviewed_by, nom.decided_on, nom.decided_by = None, "", None, ""
        nom.notice_start = nom.notice_end = None  # proposed anew: it must be posted anew
        _save(nom)
        _step(nom, "推荐", when, by, member.name if member else org.short_name or org.name)
    return nom


def review(year: Any, title: str, ordered_ids: list[int], *, level: str = BASIC, by: str = "",
           on: Any = None) -> list[Nomination]:
    """审核/排序: the committee passes the listed nominations, ranked in the list's order.

    Nominations it reviewed earlier and did not list keep their relative order after these.
    """
    year_v = fields.integer(year, "年度", "year", minimum=2000, maximum=2100)
    title = fields.choice(title, "表彰类别", "category", AWARD_CATEGORIES, required=True)
    level = fields.choice(level or BASIC, "表彰级别", "level", AWARD_LEVELS, required=True)
    when, by = _day(on, "审核日期"), _who(by, settings.get("committee_name"))
    _check_picked(ordered_ids, "请至少选择一个推荐对象进行审核。")
    with database.atomic():
        listed = [get(i) for i in ordered_ids]
        for nom in listed:
            if (nom.year, nom.category, nom.level) != (year_v, title, level):
                raise ValidationError(f"排序名单只能包含{year_v}年度{level}“{title}”的推荐对象。", "ids")
            if nom.state not in (PROPOSED, REVIEWED):
                raise ValidationError(f"推荐对象当前是“{nom.state}”，不能审核。", "ids")
            if nom.state == PROPOSED:
                _not_before(when, nom, "审核日期")
        earlier = [n for n in Nomination.select().where(
            (Nomination.year == year_v) & (Nomination.category == title) & (Nomination.level == level)
            & (Nomination.state == REVIEWED) & Nomination.id.not_in(ordered_ids)
        ).order_by(Nomination.rank, Nomination.id)]
        for rank, nom in enumerate(listed + earlier, 1):
            first = nom.state == PROPOSED
            nom.rank, nom.state = rank, REVIEWED
            if first:
                nom.reviewed_on, nom.reviewed_by = when, by
            _save(nom)
            if first:
                _step(nom, "审核", when, by, f"排第 {rank} 位")
    return listed


def decide(ids: list[int], *, by: str = "", on: Any = None, note: str = "",
           without_notice: bool = False) -> list[Nomination]:
    """决定 at the committee meeting (集中审议): only reviewed nominations, hard rules rechecked.

    The candidates are put on public notice first so objections can be heard: a nomination
    on notice is decided only after its period ends; one never on notice only when the
    committee says so explicitly (`without_notice`), and the step records that it was.
    """
    when, by = _day(on, "决定日期"), _who(by, settings.get("committee_name"))
    note = fields.text(note, "会议记录", "note", max_len=200)
    _check_picked(ids, "请选择要决定表彰的推荐对象。")
    with database.atomic():
        noms = [get(i) for i in ids]
        unnoticed = []
        for nom in noms:
            if nom.state != REVIEWED:
                raise ValidationError(f"推荐对象当前是“{nom.state}”，须经党委审核后才能决定表彰。", "ids")
            _not_before(when, nom, "决定日期")
            if nom.notice_end is not None and when <= nom.notice_end:
                after = nom.notice_end + dt.timedelta(days=1)
                assert nom.notice_start is not None  # the notice period is set as a whole
                raise ValidationError(
                    f"公示期未满：{_subject_name(nom)}的拟表彰对象公示期为{nom.notice_start.isoformat()}至"
                    f"{nom.notice_end.isoformat()}，须在{after.isoformat()}及以后决定表彰。", "on")
            if nom.notice_end is None:
                unnoticed.append(nom)
            _refuse_if_excluded(nom.year, nom.category, nom.org_id if nom.member_id is None else None,
                                nom.member_id, "决定表彰")
        if unnoticed and not without_notice:
            names = "、".join(_subject_name(n) for n in unnoticed)
            raise ValidationError(f"尚未发布拟表彰对象公示：{names}还没有公示。请先设置公示期并公示，"
                                  "确需不经公示直接决定的，须确认“未经公示”。", "without_notice")
        for nom in noms:
            nom.state, nom.decided_on, nom.decided_by = DECIDED, when, by
            _save(nom)
            plain = "未经公示" if nom.notice_end is None else ""
            _step(nom, "决定", when, by, "；".join(t for t in (note, plain) if t))
    return noms


def decline(ids: list[int], reason: str, *, by: str = "", on: Any = None) -> list[Nomination]:
    """不予表彰: the committee's final "no" (e.g. after an objection during the notice).

    Unlike 退回 the branch does not redo it: the nomination cannot be proposed again for the
    same year, title and level, and never reaches the award list or a certificate. The reason
    is kept in `return_reason`, the date and who in `decided_on`/`decided_by`.
    """
    reason = fields.text(reason, "不予表彰的原因", "reason", required=True, max_len=300, multiline=True)
    when, by = _day(on, "决定日期"), _who(by, settings.get("committee_name"))
    _check_picked(ids, "请选择不予表彰的推荐对象。")
    with database.atomic():
        noms = [get(i) for i in ids]
        for nom in noms:
            if nom.state not in (PROPOSED, REVIEWED):
                raise ValidationError(f"推荐对象当前是“{nom.state}”，不能决定不予表彰。", "ids")
            _not_before(when, nom, "决定日期")
        for nom in noms:
            nom.state, nom.rank, nom.return_reason = DECLINED, None, reason
            nom.decided_on, nom.decided_by = when, by
            _save(nom)
            _step(nom, "不予表彰", when, by, reason)
    return noms


def set_deeds(nomination_id: int, deeds: str) -> Nomination:
    """主要事迹 rewritten, at any step: the booklet is printed after the decision, and the
    committee's office often polishes the text the branch sent. Not after 不予表彰."""
    text = fields.text(deeds, "主要事迹", "deeds", max_len=DEEDS_MAX, multiline=True)
    with database.atomic():
        nom = get(nomination_id)
        if nom.state == DECLINED:
            raise ValidationError(f"{_subject_name(nom)}已决定不予表彰，主要事迹不能再修改。", "deeds")
        nom.deeds = text
        _save(nom)
        audit.record("修改", "表彰推荐", nom.id, f"主要事迹：{nom.year}年{nom.category} {_subject_name(nom)}")
    return nom


def send_back(nomination_id: int, reason: str, *, by: str = "", on: Any = None) -> Nomination:
    """退回: back to the branch with a reason; it may be proposed again after it is redone."""
    reason = fields.text(reason, "退回原因", "return_reason", required=True, max_len=300, multiline=True)
    when, by = _day(on, "退回日期"), _who(by, settings.get("committee_name"))
    with database.atomic():
        nom = get(nomination_id)
        if nom.state not in (PROPOSED, REVIEWED):
            raise ValidationError(f"推荐对象当前是“{nom.state}”，不能退回。", "state")
        _not_before(when, nom, "退回日期")
        nom.state, nom.rank, nom.return_reason = RETURNED, None, reason
        _save(nom)
        _step(nom, "退回", when, by, reason)
    return nom


def set_notice(year: Any, start: Any, end: Any, *, level: str = BASIC) -> int:
    """拟表彰对象公示: the notice period of every reviewed nomination of the year not yet decided.

    A decided (or refused) one keeps the period it was decided after, so a later notice
    cannot make an earlier decision look as if it came before the notice ended.
    """
    c = fields.Collector()
    year_v = c.run(fields.integer, year, "年度", "year", minimum=2000, maximum=2100)
    s = c.run(fields.date, start, "公示开始日期", "notice_start", required=True)
    e = c.run(fields.date, end, "公示结束日期", "notice_end", required=True)
    c.raise_if_any()
    if e < s:
        raise ValidationError("公示结束日期不能早于开始日期。", "notice_end")
    with database.atomic():
        noms = list(Nomination.select().where((Nomination.year == year_v) & (Nomination.level == level)
                                              & (Nomination.state == REVIEWED)))
        if not noms:
            raise ValidationError(f"{year_v}年度还没有经党委审核、尚待决定的推荐对象，无法公示。", "year")
        for nom in noms:  # a notice posted before the review would not have named them
            _not_before(s, nom, "公示开始日期")
        for nom in noms:
            nom.notice_start, nom.notice_end = s, e
            _save(nom)
            _step(nom, "公示", s, _who(""), f"{s.isoformat()} 至 {e.isoformat()}")
    return len(noms)


def steps(nomination_id: int) -> list[tuple[str, dt.date, str, str]]:
    """(action, date, by, note) oldest first: the nomination's whole history."""
    return list(NominationStep.select(NominationStep.action, NominationStep.on, NominationStep.by,
                                      NominationStep.note)
                .where(NominationStep.nomination == nomination_id)
                .order_by(NominationStep.id).tuples())


# ------------------------------------------------------------------ awards

def _certificate_no(level: str, issued: dt.date) -> tuple[int, str]:
    """The next number of the issuing year and level, in the settings' format (先锋〔2026〕1号)."""
    fmt = settings.get("certificate_number_formats")[level]
    start, end = dt.date(issued.year, 1, 1), dt.date(issued.year, 12, 31)
    last = (Award.select(pw.fn.MAX(Award.serial))
            .where((Award.level == level) & (Award.decided_on.between(start, end))).scalar()) or 0
    serial = last + 1
    number = certificate_number(fmt, issued.year, serial)
    while Award.select().where(Award.certificate_no == number).exists():  # typed-in numbers
        serial += 1
        number = certificate_number(fmt, issued.year, serial)
    return serial, number


def _title_order(nom_or_award: Any) -> int:
    return AWARD_CATEGORIES.index(nom_or_award.category)


def record_awards(year: Any, *, level: str = BASIC) -> list[Award]:
    """Awards with numbered certificates for every decided nomination of the year not yet awarded.

    Numbering runs by title (组织 first, as 表彰决定 list them), then the committee's rank.
    """
    year_v = fields.integer(year, "年度", "year", minimum=2000, maximum=2100)
    level = fields.choice(level or BASIC, "表彰级别", "level", AWARD_LEVELS, required=True)
    with database.atomic():
        noms = list(Nomination.select().where(
            (Nomination.year == year_v) & (Nomination.level == level) & (Nomination.state == DECIDED)
            & Nomination.id.not_in(Award.select(Award.nomination).where(Award.nomination.is_null(False)))))
        if not noms:
            raise ValidationError(f"{year_v}年度没有已决定但尚未发证的表彰对象。", "year")
        issuer = issuer_or_refuse(level)  # the body's name at the time stays with the award
        noms.sort(key=lambda n: (_title_order(n), n.rank or 10**6, n.id))
        awards = []
        for nom in noms:
            assert nom.decided_on is not None  # DECIDED has its date
            serial, number = _certificate_no(level, nom.decided_on)
            awards.append(Award.create(
                year=year_v, category=nom.category, level=level, org=nom.org_id, member=nom.member_id,
                nomination=nom.id, decided_on=nom.decided_on, issuer=issuer, serial=serial,
                certificate_no=number))
            audit.record("新增", "表彰", awards[-1].id, f"{nom.category} {number}")
    return awards


def add_award(year: Any, title: str, *, org_id: int | None = None, member_id: int | None = None,
              level: str = BASIC, decided_on: Any = None, certificate_no: str = "", issuer: str = ""
              ) -> Award:
    """An honour conferred outside this program (earlier years, or by the city), for the history;
    without a certificate number it is numbered like the rest."""
    c = fields.Collector()
    year_v = c.run(fields.integer, year, "年度", "year", minimum=2000, maximum=2100)
    title = c.run(fields.choice, title, "表彰类别", "category", AWARD_CATEGORIES, required=True)
    level = c.run(fields.choice, level or BASIC, "表彰级别", "level", AWARD_LEVELS, required=True)
    when = c.run(fields.date, decided_on, "表彰决定日期", "decided_on", required=True)
    number = c.run(fields.text, certificate_no, "证书编号", "certificate_no", max_len=40)
    issuer = c.run(fields.text, issuer, "表彰单位", "issuer", max_len=60)
    c.raise_if_any()
    if (title == ORG_TITLE) != (member_id is None) or (member_id is None and org_id is None):
        raise ValidationError(f"“{title}”的对象应是{'党组织' if title == ORG_TITLE else '党员个人'}。", "subject")
    if member_id is not None:
        member = Member.get_or_none(Member.id == member_id)
        if member is None:
            raise NotFound("该党员记录已不存在。")
        org_id = member.org_id
    elif Organization.get_or_none(Organization.id == org_id) is None:
        raise NotFound("该组织已不存在。")
    with database.atomic():
        serial = None
        if number:
            if Award.select().where(Award.certificate_no == number).exists():
                raise ValidationError(f"证书编号“{number}”已经用过。", "certificate_no")
        else:
            serial, number = _certificate_no(level, when)
        award = Award.create(year=year_v, category=title, level=level, org=org_id, member=member_id,
                             decided_on=when, issuer=issuer or issuer_for(level),
                             serial=serial, certificate_no=number)
        audit.record("新增", "表彰", award.id, f"{title} {number}（补录）")
    return award


def mark_demo_point(org_id: int, on: bool = True) -> Organization:
    """典型带动: a commended organization becomes a 示范点 (only a commended one can)."""
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound("该组织已不存在。")
    if on and not is_commended_org(org_id):
        raise ValidationError(demo_point_refusal(org.short_name or org.name), "is_demo_point")
    with database.atomic():
        org.is_demo_point = on
        org.save()
        audit.record("修改", "组织", org.id, f"{org.name}：{'确定为' if on else '取消'}示范点")
    return org


# ------------------------------------------------------------------ what others read

@dataclass(frozen=True)
class Honour:
    award_id: int
    year: int
    title: str
    level: str
    certificate_no: str
    decided_on: dt.date
    issuer: str


def honours(*, member_id: int | None = None, org_id: int | None = None) -> list[Honour]:
    """A member's or an organization's own honours, newest first."""
    if (member_id is None) == (org_id is None):
        raise ValidationError("请选择一名党员或一个党组织。", "subject")
    cond = (Award.member == member_id) if member_id is not None else (
        (Award.org == org_id) & Award.member.is_null())
    rows = (Award.select(Award.id, Award.year, Award.category, Award.level, Award.certificate_no,
                         Award.decided_on, Award.issuer).where(cond)
            .order_by(Award.year.desc(), Award.decided_on.desc(), Award.id.desc()).tuples())
    return [Honour(*r) for r in rows]


@dataclass(frozen=True)
class NoticeRow:
    """One line of the 拟表彰对象公示: public, so no ID number and no private phone."""

    title: str
    name: str  # the member's name, or the organization's full name
    organization: str  # the member's branch (full name); the organization itself for 先进
    sex: str
    post: str  # 党内职务 or 工作岗位
    deeds: str  # 主要事迹


@dataclass(frozen=True)
class CandidateNotice:
    year: int
    level: str
    issuer: str  # '' while the city's name is not filled in (see issuer_for)
    notice_start: dt.date | None
    notice_end: dt.date | None
    supervision_phone: str  # the office's public number from settings
    rows: tuple[NoticeRow, ...]


class _Listed(NamedTuple):
    nomination: Nomination
    org_name: str  # full name
    member_name: str | None  # None for an organization
    sex: str
    post: str  # 党内职务, or else 工作岗位
    stroke_key: str


def _nominations_in_order(year: int, level: str, states: tuple[str, ...]) -> list[_Listed]:
    """Nominations in these states by title, rank, 姓氏笔画."""
    noms = {n.id: n for n in Nomination.select().where(
        (Nomination.year == year) & (Nomination.level == level) & Nomination.state.in_(states))}
    if not noms:
        return []
    orgs: dict[int, str] = dict(Organization.select(Organization.id, Organization.name)
                                .where(Organization.id.in_({n.org_id for n in noms.values()})).tuples())
    people = {m.id: m for m in Member.select(Member.id, Member.name, Member.sex, Member.party_post,
                                             Member.job, Member.stroke_key)
              .where(Member.id.in_({n.member_id for n in noms.values() if n.member_id}))}
    out = []
    for n in noms.values():
        m = people.get(n.member_id) if n.member_id is not None else None
        org_name = orgs[n.org_id]
        out.append(_Listed(n, org_name, None, "", "", org_name) if m is None
                   else _Listed(n, org_name, m.name, m.sex, m.party_post or m.job, m.stroke_key))
    out.sort(key=lambda r: (_title_order(r.nomination), r.nomination.rank or 10**6, r.stroke_key, r.nomination.id))
    return out


def candidate_notice(year: int, level: str = BASIC) -> CandidateNotice:
    """The 拟表彰对象公示, by title and rank, of one notice period.

    A year can have several notices (a second batch reviewed after the first was decided), and
    a notice must state its own period truly, so it lists one batch, never a merged period:
    while some reviewed candidate has no period yet, the notice being prepared (every reviewed
    candidate, as `set_notice` will post them; the period left blank); otherwise the latest
    period's candidates, decided or not, so the posted notice can be printed again.
    """
    rows = _nominations_in_order(year, level, (REVIEWED, DECIDED))
    pending = [r for r in rows if r.nomination.state == REVIEWED]
    if any(r.nomination.notice_start is None for r in pending):
        rows, start, end = pending, None, None
    else:
        start, end = max(((r.nomination.notice_start, r.nomination.notice_end) for r in (pending or rows)
                          if r.nomination.notice_start), default=(None, None))
        rows = [r for r in rows if (r.nomination.notice_start, r.nomination.notice_end) == (start, end)]
    return CandidateNotice(
        year, level, issuer_for(level), start, end,
        settings.get("default_supervision_phone"),
        tuple(NoticeRow(r.nomination.category, r.member_name or r.org_name, r.org_name, r.sex, r.post,
                        r.nomination.deeds) for r in rows))


@dataclass(frozen=True)
class AwardRow:
    """What a certificate and the 表彰名单 need: public data only."""

    award_id: int
    certificate_no: str
    title: str
    level: str
    year: int
    recipient: str  # 同志's name, or the organization's full name
    is_member: bool
    organization: str  # full name of the recipient's organization
    decided_on: dt.date
    issuer: str


def award_rows(year: int, level: str | None = None) -> list[AwardRow]:
    """The year's awards in certificate-number order."""
    query = (Award.select(Award.id, Award.certificate_no, Award.category, Award.level, Award.year,
                          Member.name.alias("member_name"), Organization.name.alias("org_name"),
                          Award.decided_on, Award.issuer, Award.serial)
             .join(Organization, on=(Award.org == Organization.id))
             .switch(Award).join(Member, pw.JOIN.LEFT_OUTER, on=(Award.member == Member.id))
             .where(Award.year == year))
    if level is not None:
        query = query.where(Award.level == level)
    rows: list[Any] = sorted(query.namedtuples(),  # rows with the aliased names, not Award models
                             key=lambda r: (AWARD_LEVELS.index(r.level), r.decided_on, r.serial or 10**6, r.id))
    return [AwardRow(r.id, r.certificate_no, r.category, r.level, r.year, r.member_name or r.org_name,
                     r.member_name is not None, r.org_name, r.decided_on, r.issuer) for r in rows]


def award_sheet(year: int, level: str | None = None) -> Sheet:
    """The 表彰名单 as an Excel sheet, for reporting upward."""
    return Sheet(f"{year}年度{level or ''}创先争优表彰名单",
                 ("证书编号", "表彰类别", "表彰级别", "受表彰对象", "所在党组织", "表彰决定日期", "表彰单位"),
                 [(r.certificate_no, r.title, r.level, r.recipient, r.organization, r.decided_on, r.issuer)
                  for r in award_rows(year, level)])


def waiting_counts(year: int | None = None, org_ids: list[int] | None = None) -> dict[str, int]:
    """How many nominations wait at each step (for the committee's home page), of one year and
    of the organizations `org_ids` (None: all)."""
    where = Nomination.id.is_null(False)
    if year is not None:
        where &= Nomination.year == year
    if org_ids is not None:
        where &= Nomination.org.in_(org_ids)
    counts = {PROPOSED: 0, REVIEWED: 0, DECIDED: 0, RETURNED: 0,
              **dict(Nomination.select(Nomination.state, pw.fn.COUNT(Nomination.id)).where(where)
                     .group_by(Nomination.state).tuples())}
    unawarded = Nomination.select().where(
        where & (Nomination.state == DECIDED)
        & Nomination.id.not_in(Award.select(Award.nomination).where(Award.nomination.is_null(False))))
    return {"待审核": counts[PROPOSED], "待决定": counts[REVIEWED], "待发证": unawarded.count(),
            "已退回待重新推荐": counts[RETURNED]}

