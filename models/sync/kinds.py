"""What travels in a package, table by table: links, natural keys, names and who owns it.

The branch owns what it records (roster, pledges and fulfilment, reviews, attendance, tallies);
the township owns what the committee decides (assessments and scores, nominations from 审核 on,
awards, campaign settings). A branch may still *create* a nomination (推荐); steps of a
nomination are history and only ever added.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import peewee as pw

from models.store.assessment_tables import ASSESSMENT_MODELS
from models.store.tables import ALL_MODELS

TOWNSHIP = "township"
BRANCH = "branch"
ROLE_NAMES = {TOWNSHIP: "乡镇党委", BRANCH: "党支部"}


@dataclass(frozen=True)
class Kind:
    table: str
    name: str  # 党员: what a clerk calls one record of it
    owner: str  # TOWNSHIP / BRANCH
    natural: tuple[str, ...]  # columns that find the same record in a file typed separately
    org_path: str  # SQL, over alias t, giving the organization the record belongs to
    joins: str = ""  # SQL joins org_path needs
    label: tuple[str, ...] = ()  # columns that name one record to a person
    append_only: bool = False


KINDS: tuple[Kind, ...] = (
    Kind("organization", "组织", BRANCH, ("name",), "t.id", label=("short_name", "name")),
    Kind("member", "党员", BRANCH, ("org_id", "name", "id_number"), "t.org_id", label=("name",)),
    Kind("member_event", "党员变动", BRANCH, ("member_id", "kind", "date"), "p.org_id",
         'JOIN "member" p ON p.id = t.member_id', label=("kind", "date")),
    Kind("pledge", "承诺", BRANCH, ("org_id", "member_id", "year"), "t.org_id", label=("year",)),
    Kind("pledge_item", "承诺事项", BRANCH, ("pledge_id", "seq"), "p.org_id",
         'JOIN "pledge" p ON p.id = t.pledge_id', label=("content",)),
    Kind("review", "季度评议", BRANCH, ("org_id", "year", "quarter"), "t.org_id", label=("year", "quarter")),
    Kind("attendance", "评议出席", BRANCH, ("review_id", "member_id"), "p.org_id",
         'JOIN "review" p ON p.id = t.review_id'),
    Kind("mutual_tally", "党员互评", BRANCH, ("review_id", "member_id"), "p.org_id",
         'JOIN "review" p ON p.id = t.review_id'),
    Kind("mass_tally", "群众评议", BRANCH, ("review_id", "member_id", "item", "group"), "p.org_id",
         'JOIN "review" p ON p.id = t.review_id', label=("group", "item")),
    Kind("assessment", "年度考核", TOWNSHIP, ("year", "org_id", "member_id"), "t.org_id", label=("year",)),
    Kind("assessment_score", "考核得分", TOWNSHIP, ("assessment_id", "dimension"), "p.org_id",
         'JOIN "assessment" p ON p.id = t.assessment_id', label=("dimension",)),
    Kind("nomination", "表彰推荐", TOWNSHIP, ("year", "category", "level", "org_id", "member_id"), "t.org_id",
         label=("year", "category")),
    Kind("nomination_step", "推荐步骤", TOWNSHIP, ("nomination_id", "action", "on", "by"), "p.org_id",
         'JOIN "nomination" p ON p.id = t.nomination_id', label=("action", "on"), append_only=True),
    Kind("award", "表彰", TOWNSHIP, ("certificate_no",), "t.org_id", label=("certificate_no",)),
)
BY_TABLE = {k.table: k for k in KINDS}
MODELS: dict[str, type[pw.Model]] = {m._meta.table_name: m for m in (*ALL_MODELS, *ASSESSMENT_MODELS)}

# Settings the township decides for the whole campaign; the rest (the clerk's name, printers,
# remembered import layouts) belong to one computer and never travel.
LOCAL_SETTINGS = frozenset({"clerk_name", "import_mappings", "value_mappings", "font_overrides",
                            "certificate_offsets", "printer_options", "certificate_stock", "default_issuer",
                            "default_supervision_phone"})

# Columns compared for conflicts: the others change on every save and say nothing by themselves.
UNCOMPARED = frozenset({"id", "created_at", "updated_at", "stroke_key"})

FIELD_NAMES = {
    "name": "名称", "short_name": "简称", "level": "层级", "parent_id": "上级组织", "category": "类别",
    "secretary": "书记", "address": "地址", "notes": "备注", "id_number": "身份证号", "sex": "性别",
    "ethnicity": "民族", "birth_date": "出生日期", "education": "学历", "kind": "类别", "join_date": "入党日期",
    "full_date": "转正日期", "job": "工作岗位", "party_post": "党内职务", "mobile": "手机", "phone": "电话",
    "party_status": "党籍状态", "roll_status": "在册状态", "state": "状态", "year": "年度", "quarter": "季度",
    "content": "承诺内容", "progress": "践诺情况", "reason": "原因", "grade": "定性评价", "remark": "评语",
    "score": "得分", "rank": "排序", "deeds": "主要事迹", "certificate_no": "证书编号", "date": "日期",
    "evaluation": "评诺", "deadline": "完成时限", "org_id": "所属组织", "member_id": "党员",
    "review_id": "季度评议", "pledge_id": "承诺", "nomination_id": "表彰推荐", "assessment_id": "年度考核",
}


def owner_of(kind: Kind, row: dict) -> str:
    """The township's own organization row (the top of the tree) is the township's."""
    if kind.table == "organization" and row.get("parent_id") is None:
        return TOWNSHIP
    return kind.owner


@cache
def fk_targets(table: str) -> dict[str, str]:
    """Link columns of `table` and the table each points at."""
    model = MODELS[table]
    return {f.column_name: f.rel_model._meta.table_name
            for f in model._meta.sorted_fields if isinstance(f, pw.ForeignKeyField)}


@cache
def columns(table: str) -> tuple[str, ...]:
    return tuple(f.column_name for f in MODELS[table]._meta.sorted_fields)


def default_of(table: str, column: str) -> object:
    """What a new file would store for a column a package from an older program lacks."""
    field = MODELS[table]._meta.columns[column]
    value = field.default() if callable(field.default) else field.default
    return field.db_value(value) if value is not None else None


def record_label(kind: Kind, row: dict) -> str:
    parts = [str(row[c]) for c in kind.label if row.get(c) not in (None, "")][:1 if kind.table == "organization" else 2]
    return f"{kind.name} {' '.join(parts)}".strip()
