"""Members: the roster, its rules, and dated changes of standing (never deletion)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any

from models import fields
from models.constants import (
    EDUCATIONS,
    ETHNICITIES,
    MEMBER_KINDS,
    ON_ROLL,
    PARTY_STATUSES,
    SEXES,
    STATUS_EVENTS,
    TRANSFER_WITHIN,
)
from models.dates import MonthOnly, end_of_month, format_month, parse_with_precision, year_only
from models.errors import NotFound, ValidationError
from models.names import stroke_sort_key
from models.roster.roll import on_roll_clause
from models.store import audit
from models.store.db import database
from models.store.tables import Member, MemberEvent, Organization

MEMBER_FIELDS = (
    "org_id", "name", "id_number", "sex", "ethnicity", "birth_date", "education", "kind",
    "join_date", "full_date", "job", "party_post", "mobile", "phone", "address",
    "party_status", "is_lost", "lost_date", "is_mobile", "mobile_destination", "is_hardship",
    "is_party_worker", "notes", "month_only",
)
DATE_FIELDS = ("birth_date", "join_date", "full_date", "lost_date")

# Columns of the member list, in order; `list_rows` returns tuples in this shape.
LIST_COLUMNS = ("id", "name", "sex", "birth_date", "id_number", "kind", "party_post", "job",
                "education", "mobile", "roll_status", "stroke_key", "org", "month_only")


def validate(data: dict[str, Any], member_id: int | None = None, today: dt.date | None = None, *,
             org_ids: Container[int] | None = None,
             id_owners: Mapping[str, tuple[int, str]] | None = None) -> dict[str, Any]:
    """Check every field at once; derive sex and birth date from the ID number where blank.

    A date given only to the month (1972-05, 1972.05, 1972年5月) is kept at that precision:
    stored as the 1st with its field named in `month_only`, checked against the ID number only
    to the month (the ID's full birth date is then taken), and a join in that month counts as
    possibly its last day for the age check.

    A bulk caller (the roster import) passes `org_ids` (ids of every organization) and
    `id_owners` (ID number -> (member id, name) of members already stored) looked up once,
    instead of two queries per row; the rules and messages are the same.
    """
    from models.roster import idcard

    today = today or dt.date.today()
    c = fields.Collector()
    clean: dict[str, Any] = {}
    org_id = data.get("org_id")
    if not org_id or not (org_id in org_ids if org_ids is not None
                          else Organization.select().where(Organization.id == org_id).exists()):
        c.add("org_id", "请选择党员所在的党组织。")
    clean["org_id"] = org_id
    clean["name"] = c.run(fields.name, data.get("name"), "姓名", "name")
    raw_id = data.get("id_number")
    id_number = None
    if raw_id is not None and str(raw_id).strip():
        id_number = c.run(_checked_id, raw_id)
    clean["id_number"] = id_number or None
    clean["sex"] = c.run(fields.choice, data.get("sex"), "性别", "sex", SEXES)
    partial: set[str] = set()
    birth_year = year_only(data.get("birth_date")) if id_number else None
    if birth_year is None:
        clean["birth_date"] = _date(c, data.get("birth_date"), "出生日期", "birth_date", partial)
    else:  # 出生年份 only: checked against the ID below, which gives the date
        clean["birth_date"] = None
    if id_number:
        card = idcard.parse_id(id_number)
        id_sex, id_birth = card.sex, card.birth_date
        if not clean["sex"]:
            clean["sex"] = id_sex
        elif clean["sex"] != id_sex:
            c.add("sex", f"性别与身份证号不符：身份证号显示为“{id_sex}”，请核对。")
        given = clean["birth_date"]
        if birth_year is not None and birth_year != id_birth.year:
            c.add("birth_date", f"出生年份 {birth_year} 与身份证号不符：身份证号显示为 "
                  f"{id_birth.isoformat()}，请核对。")
        elif given is None and "birth_date" not in c.errors:
            clean["birth_date"] = id_birth
        elif given and "birth_date" in partial:
            if (given.year, given.month) == (id_birth.year, id_birth.month):
                clean["birth_date"] = id_birth  # the day the sheet left out
                partial.discard("birth_date")
            else:
                c.add("birth_date", f"出生年月 {format_month(given)} 与身份证号不符：身份证号显示为 "
                      f"{id_birth.isoformat()}，请核对。")
        elif given and given != id_birth:
            c.add("birth_date", f"出生日期与身份证号不符：身份证号显示为 {id_birth.isoformat()}，请核对。")
    clean["ethnicity"] = c.run(fields.choice, data.get("ethnicity"), "民族", "ethnicity", ETHNICITIES)
    clean["education"] = c.run(fields.text, data.get("education"), "学历", "education", max_len=20)
    if clean["education"] and clean["education"] not in EDUCATIONS and "党校" not in clean["education"]:
        c.add("education", f"学历“{clean['education']}”不在党内统计的学历名称中，请从下拉列表中选择。")
    clean["kind"] = c.run(fields.choice, data.get("kind") or "正式党员", "人员类别", "kind", MEMBER_KINDS)
    clean["join_date"] = _date(c, data.get("join_date"), "加入党组织日期", "join_date", partial)
    clean["full_date"] = _date(c, data.get("full_date"), "转为正式党员日期", "full_date", partial)
    clean["job"] = c.run(fields.text, data.get("job"), "工作岗位", "job", max_len=40)
    clean["party_post"] = c.run(fields.text, data.get("party_post"), "党内职务", "party_post", max_len=30)
    clean["mobile"] = c.run(fields.mobile, data.get("mobile"), "手机号", "mobile")
    clean["phone"] = c.run(fields.phone, data.get("phone"), "固定电话", "phone")
    clean["address"] = c.run(fields.text, data.get("address"), "家庭住址", "address", max_len=100)
    clean["party_status"] = c.run(fields.choice, data.get("party_status") or "正常", "党籍状态",
                                  "party_status", PARTY_STATUSES)
    clean["is_lost"] = fields.flag(data.get("is_lost"))
    clean["lost_date"] = _date(c, data.get("lost_date"), "失去联系日期", "lost_date", partial)
    clean["is_mobile"] = fields.flag(data.get("is_mobile"))
    clean["mobile_destination"] = c.run(fields.text, data.get("mobile_destination"), "外出流向",
                                        "mobile_destination", max_len=60)
    clean["is_hardship"] = fields.flag(data.get("is_hardship"))
    clean["is_party_worker"] = fields.flag(data.get("is_party_worker"))
    clean["notes"] = c.run(fields.text, data.get("notes"), "备注", "notes", max_len=2000, multiline=True)
    clean["month_only"] = ",".join(k for k in DATE_FIELDS if k in partial and clean.get(k))

    birth, join, full = clean.get("birth_date"), clean.get("join_date"), clean.get("full_date")
    for key, label in (("birth_date", "出生日期"), ("join_date", "加入党组织日期"),
                       ("full_date", "转为正式党员日期"), ("lost_date", "失去联系日期")):
        value = clean.get(key)
        if value and value > today:
            c.add(key, f"{label}不能晚于今天（{today.isoformat()}）。")
    latest_join = end_of_month(join) if join and "join_date" in partial else join
    if birth and latest_join and latest_join < _add_years(birth, 18):
        c.add("join_date", "加入党组织时应年满十八周岁，请核对加入党组织日期和出生日期。")
    if join and full and full <= join:
        c.add("full_date", "转为正式党员日期应晚于加入党组织日期（一般相隔一年预备期）。")
    if clean["kind"] == "预备党员" and full:
        c.add("full_date", "预备党员还没有转正，转为正式党员日期应空着；如已转正，请把人员类别改为正式党员。")
    if clean["is_lost"] and not clean.get("lost_date") and "lost_date" not in c.errors:
        c.add("lost_date", "已标为失联党员，请填写失去联系日期。")
    if not clean["is_lost"] and clean.get("lost_date"):
        c.add("lost_date", "未标为失联党员，失去联系日期应空着。")
    if clean["is_mobile"] and not clean.get("mobile_destination"):
        c.add("mobile_destination", "已标为流动党员，请填写外出流向。")
    if not clean["is_mobile"] and clean.get("mobile_destination"):
        c.add("mobile_destination", "未标为流动党员，外出流向应空着。")
    if id_number:
        if id_owners is not None:
            owner = id_owners.get(id_number)
        else:
            clash = Member.get_or_none(Member.id_number == id_number)
            owner = (clash.id, clash.name) if clash is not None else None
        if owner is not None and owner[0] != member_id:
            c.add("id_number", f"这个身份证号已登记在党员“{owner[1]}”名下，同一人不能登记两次。")
    c.raise_if_any()
    return clean


def _date(c: fields.Collector, value: Any, label: str, key: str, partial: set[str]) -> dt.date | None:
    """A date field, noting in `partial` when only its year and month were given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found = c.run(parse_with_precision, value, label, field=key)
    if found is None:
        return None
    if found[1]:
        partial.add(key)
    return found[0]


def _checked_id(raw: Any) -> str:
    from models.roster import idcard

    return idcard.validate_id(raw, field="id_number")


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _apply(member: Member, clean: dict[str, Any]) -> None:
    for key, value in clean.items():
        if key == "org_id":
            member.org = value
        else:
            setattr(member, key, value)
    member.stroke_key = stroke_sort_key(member.name)


def save(data: dict[str, Any], member_id: int | None = None) -> Member:
    clean = validate(data, member_id)
    with database.atomic():
        if member_id is None:
            member = Member()
            _apply(member, clean)
            member.save()
            audit.record("新增", "党员", member.id, member.name)
        else:
            member = get(member_id)
            _apply(member, clean)
            member.updated_at = dt.datetime.now().replace(microsecond=0)
            member.save()
            audit.record("修改", "党员", member.id, member.name)
    return member


def get(member_id: int) -> Member:
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("该党员记录已不存在，可能数据已恢复到较早的备份。")
    return member


def as_form(member: Member) -> dict[str, Any]:
    """The member as the form shows it: a date known only to the month as 1985-07."""
    data = {key: getattr(member, key) for key in MEMBER_FIELDS if key != "org_id"}
    data["org_id"] = member.org_id
    data["id_number"] = member.id_number or ""
    for key in month_only_fields(member.month_only):
        if data.get(key):
            data[key] = format_month(data[key])
    return data


def month_only_fields(stored: str | None) -> set[str]:
    """The date fields a stored `month_only` names."""
    return {k for k in (stored or "").split(",") if k in DATE_FIELDS}


def shown_date(value: dt.date | None, key: str, stored_month_only: str | None) -> str:
    """A member's date for lists and files: 1985-07 when only the month is known."""
    if value is None:
        return ""
    return format_month(value) if key in month_only_fields(stored_month_only) else value.isoformat()


_EVENT_STATUS = {"转出": "转出", "停止党籍": "停止党籍", "去世": "去世", "恢复党籍": ON_ROLL, "转入": ON_ROLL}


def _transfer_target(member: Member, to_org_id: Any) -> Organization:
    """本镇转接: another organization of this file, and a member still on the roll."""
    if member.roll_status != ON_ROLL:
        raise ValidationError(f"该党员当前为“{member.roll_status}”，不在册，不能转到其他党支部。", "kind")
    target = Organization.get_or_none(Organization.id == to_org_id) if to_org_id else None
    if target is None:
        raise ValidationError("请选择转入的党组织。", "to_org")
    if target.id == member.org_id:
        raise ValidationError("转入的党组织就是党员现在所在的党组织，请选择本镇其他党支部。", "to_org")
    return target


def record_event(member_id: int, kind: str, date: Any, detail: str = "",
                 to_org_id: int | None = None) -> MemberEvent:
    """Transfer out, stop, restore, death: a dated record; the member row stays. 本镇转接 moves
    the member to another branch of this township and names both branches on the record."""
    c = fields.Collector()
    kind = c.run(fields.choice, kind, "变动类型", "kind", STATUS_EVENTS, required=True)
    when = c.run(fields.date, date, "变动日期", "date", required=True)
    detail = c.run(fields.text, detail, "说明", "detail", max_len=200)
    c.raise_if_any()
    if when > dt.date.today():
        raise ValidationError("变动日期不能晚于今天。", "date")
    member = get(member_id)
    if kind == "恢复党籍" and member.party_status != "停止党籍":
        raise ValidationError("只有停止党籍的党员才能恢复党籍。", "kind")
    if member.roll_status == "去世":
        raise ValidationError("该党员已登记去世，不能再登记其他变动。", "kind")
    if kind == TRANSFER_WITHIN:
        return _transfer_within(member, _transfer_target(member, to_org_id), when, detail)
    with database.atomic():
        event = MemberEvent.create(member=member, kind=kind, date=when, detail=detail)
        member.roll_status = _EVENT_STATUS[kind]
        if kind == "停止党籍":
            member.party_status = "停止党籍"
        elif kind == "恢复党籍":
            member.party_status = "正常"
        if kind == "转入" and to_org_id:
            member.org_id = to_org_id
        member.save()
        audit.record("状态变更", "党员", member.id, f"{member.name}：{kind} {when.isoformat()} {detail}")
    return event


def _transfer_within(member: Member, target: Organization, when: dt.date, detail: str) -> MemberEvent:
    source = Organization.get_by_id(member.org_id)
    moved = f"由{source.display_name}转至{target.display_name}"
    with database.atomic():
        event = MemberEvent.create(member=member, kind=TRANSFER_WITHIN, date=when,
                                   detail=f"{moved}；{detail}" if detail else moved,
                                   from_org=source.id, to_org=target.id)
        member.org_id = target.id
        member.save()
        audit.record("状态变更", "党员", member.id, f"{member.name}：{TRANSFER_WITHIN} {when.isoformat()} {moved}")
    return event


@dataclass(frozen=True)
class Move:
    """A member who left an organization by 本镇转接, for the branch that is left behind."""

    member_id: int
    name: str
    date: dt.date
    to_org: str


def moved_out(org_ids: list[int]) -> list[Move]:
    """Who left these organizations for another branch of the township, newest first."""
    rows = (MemberEvent.select(MemberEvent.member, Member.name, MemberEvent.date, Organization.name,
                               Organization.short_name)
            .join(Member, on=(MemberEvent.member == Member.id))
            .switch(MemberEvent).join(Organization, on=(MemberEvent.to_org == Organization.id))
            .where((MemberEvent.kind == TRANSFER_WITHIN) & MemberEvent.from_org.in_(org_ids)
                   & Member.org.not_in(org_ids))  # moved there and back again: not gone
            .order_by(MemberEvent.date.desc(), MemberEvent.id.desc()).tuples())
    return [Move(mid, name, day, short or full) for mid, name, day, full, short in rows]


# the events that take a member off the roll, as the list says them
_LEFT_AS = {"转出": "已转出", "去世": "去世", "停止党籍": "停止党籍"}


def departures(org_ids: list[int]) -> dict[int, str]:
    """Where each member who is no longer on these organizations' roll went, by member id: the
    list says 已转出（2026-11-05，转至…）or 已转至西村党支部 instead of dropping them silently."""
    gone: dict[int, str] = {}
    rows = (MemberEvent.select(MemberEvent.member, MemberEvent.kind, MemberEvent.date, MemberEvent.detail)
            .join(Member, on=(MemberEvent.member == Member.id))
            .where(Member.org.in_(org_ids) & ~on_roll_clause() & MemberEvent.kind.in_(list(_LEFT_AS)))
            .order_by(MemberEvent.date, MemberEvent.id).tuples())
    for member_id, kind, day, detail in rows:  # the newest event speaks last
        note = f"，{detail[:40]}" if detail else ""
        gone[member_id] = f"{_LEFT_AS[kind]}（{day.isoformat()}{note}）"
    for move in moved_out(org_ids):  # newest first: a member moved twice is named by the last move
        gone.setdefault(move.member_id, f"已转至{move.to_org}（{move.date.isoformat()}）")
    return gone


def events(member_id: int) -> list[tuple[dt.date, str, str]]:
    rows = (MemberEvent.select(MemberEvent.date, MemberEvent.kind, MemberEvent.detail)
            .where(MemberEvent.member == member_id).order_by(MemberEvent.date, MemberEvent.id))
    return list(rows.tuples())


def list_rows(org_ids: list[int] | None = None, on_roll_only: bool = False,
              member_ids: list[int] | None = None) -> list[tuple]:
    """Rows for the member list, as tuples, in 姓氏笔画 order.

    Read with the plain cursor: every value but the birth date is already what SQLite gives,
    and peewee's per-value conversion was most of the start-up at 30,000 members (issue 17).
    """
    cols = [getattr(Member, c) for c in LIST_COLUMNS]
    query = Member.select(*cols)
    if member_ids is not None:
        query = query.where(Member.id.in_(member_ids))
    if org_ids is not None:
        query = query.where(Member.org.in_(org_ids)) if len(org_ids) != 1 else query.where(Member.org == org_ids[0])
    if on_roll_only:
        query = query.where(on_roll_clause())
    sql, params = query.order_by(Member.stroke_key, Member.id).sql()
    rows = database.execute_sql(sql, params).fetchall()
    birth, partial = LIST_COLUMNS.index("birth_date"), LIST_COLUMNS.index("month_only")
    day_of = dt.date.fromisoformat
    for i, row in enumerate(rows):
        text = row[birth]
        if text is None:
            continue
        day = day_of(text) if isinstance(text, str) else text
        if row[partial] and "birth_date" in month_only_fields(row[partial]):
            day = MonthOnly(day.year, day.month, 1)
        rows[i] = (*row[:birth], day, *row[birth + 1:])
    return rows


def on_roll(org_id: int) -> list[Member]:
    """Members expected at meetings: on the roll, membership not suspended; stroke order."""
    return list(Member.select().where((Member.org == org_id) & on_roll_clause())
                .order_by(Member.stroke_key, Member.id))
