"""Organizations: the tree of 党委 → 党总支 → 党支部 and their campaign profile."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models import fields
from models.constants import CATEGORIES, CATEGORY_BY_NAME, LEVELS, Category
from models.errors import NotFound, ValidationError
from models.roster.demo_points import demo_point_refusal, may_be_demo_point
from models.store import audit
from models.store.db import database
from models.store.tables import Member, Organization

ORG_FIELDS = (
    "name", "short_name", "level", "parent_id", "category", "strive_theme", "carriers",
    "secretary", "supervision_phone", "address", "is_demo_point", "is_contact_point",
    "contact_leader", "notes",
)


@dataclass(frozen=True)
class OrgNode:
    id: int
    name: str
    short_name: str
    level: str
    parent_id: int | None
    category: str

    @property
    def label(self) -> str:
        return self.short_name or self.name


def category_of(org: Organization) -> Category:
    return CATEGORIES.get(org.category, CATEGORIES["rural"])


def validate(data: dict[str, Any], org_id: int | None = None) -> dict[str, Any]:
    c = fields.Collector()
    clean: dict[str, Any] = {}
    clean["name"] = c.run(fields.text, data.get("name"), "组织全称", "name", required=True, max_len=60)
    clean["short_name"] = c.run(fields.text, data.get("short_name"), "简称", "short_name", max_len=30)
    clean["level"] = c.run(fields.choice, data.get("level") or "党支部", "组织层级", "level", LEVELS)
    cat = data.get("category") or "rural"
    if cat in CATEGORY_BY_NAME:
        cat = CATEGORY_BY_NAME[cat].key
    if cat not in CATEGORIES:
        c.add("category", "请选择组织类别（农村、社区、国企、机关事业、非公和社会组织之一）。")
    clean["category"] = cat
    for key, label, size in (
        ("strive_theme", "争创主题", 200), ("carriers", "活动载体", 300), ("notes", "备注", 2000),
    ):
        clean[key] = c.run(fields.text, data.get(key), label, key, max_len=size, multiline=True)
    clean["secretary"] = c.run(fields.text, data.get("secretary"), "书记", "secretary", max_len=30)
    clean["contact_leader"] = c.run(fields.text, data.get("contact_leader"), "联系领导", "contact_leader", max_len=30)
    clean["address"] = c.run(fields.text, data.get("address"), "地址", "address", max_len=100)
    clean["supervision_phone"] = c.run(fields.phone, data.get("supervision_phone"), "监督电话", "supervision_phone")
    clean["is_demo_point"] = fields.flag(data.get("is_demo_point"))
    if clean["is_demo_point"] and not may_be_demo_point(org_id):
        c.add("is_demo_point", demo_point_refusal(clean.get("name") or "本组织"))
    clean["is_contact_point"] = fields.flag(data.get("is_contact_point"))
    parent_id = data.get("parent_id") or None
    if parent_id is not None:
        parent = Organization.get_or_none(Organization.id == parent_id)
        if parent is None:
            c.add("parent_id", "所选的上级组织已不存在，请重新选择。")
        elif org_id is not None and _is_descendant_or_self(int(parent_id), org_id):
            c.add("parent_id", "上级组织不能是本组织或它的下级组织。")
        elif parent.level == "党支部":
            c.add("parent_id", "党支部下面不能再设组织，请选择党委或党总支作上级。")
    clean["parent_id"] = parent_id
    if clean.get("name"):
        clash = Organization.get_or_none(Organization.name == clean["name"])
        if clash is not None and clash.id != org_id:
            c.add("name", f"已有名为“{clean['name']}”的组织，全称不能重复。")
    c.raise_if_any()
    return clean


def _is_descendant_or_self(candidate: int, org_id: int) -> bool:
    current: int | None = candidate
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == org_id:
            return True
        seen.add(current)
        row = Organization.select(Organization.parent).where(Organization.id == current).tuples().first()
        current = row[0] if row else None
    return False


def save(data: dict[str, Any], org_id: int | None = None) -> Organization:
    clean = validate(data, org_id)
    with database.atomic():
        if org_id is None:
            org = Organization.create(**{k: v for k, v in clean.items() if k != "parent_id"},
                                      parent=clean["parent_id"])
            audit.record("新增", "组织", org.id, org.name)
        else:
            org = get(org_id)
            for key, value in clean.items():
                if key == "parent_id":
                    org.parent = value
                else:
                    setattr(org, key, value)
            org.updated_at = dt.datetime.now().replace(microsecond=0)
            org.save()
            audit.record("修改", "组织", org.id, org.name)
    return org


def get(org_id: int) -> Organization:
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound("该组织已不存在，可能已被合并或数据已恢复到较早的备份。")
    return org


def as_form(org: Organization) -> dict[str, Any]:
    data = {key: getattr(org, key) for key in ORG_FIELDS if key != "parent_id"}
    data["parent_id"] = org.parent_id
    return data


def find(name: str) -> Organization:
    """By full or short name, as the command line's --org takes it."""
    name = name.strip()
    org = Organization.get_or_none(Organization.name == name)
    if org is not None:
        return org
    matches = list(Organization.select().where(Organization.short_name == name))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(f"有多个组织简称为“{name}”，请用全称。")
    raise NotFound(f"找不到名为“{name}”的组织，请检查全称或简称。")


def tree() -> list[OrgNode]:
    rows = Organization.select(
        Organization.id, Organization.name, Organization.short_name, Organization.level,
        Organization.parent, Organization.category,
    ).order_by(Organization.id).tuples()
    return [OrgNode(*row) for row in rows]


def subtree_ids(org_id: int) -> list[int]:
    nodes = tree()
    children: dict[int | None, list[int]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node.id)
    result, stack = [], [org_id]
    while stack:
        current = stack.pop()
        result.append(current)
        stack.extend(children.get(current, []))
    return result


def delete(org_id: int) -> None:
    """Only an empty organization may go: members and records are never deleted with it."""
    org = get(org_id)
    if Organization.select().where(Organization.parent == org_id).exists():
        raise ValidationError("该组织下还有下级组织，不能删除。", None)
    if Member.select().where(Member.org == org_id).exists():
        raise ValidationError("该组织还有党员记录，不能删除；如组织撤并，请先把党员转到其他组织。", None)
    if org.pledges.exists() or org.reviews.exists():
        raise ValidationError("该组织已有承诺或评议记录，不能删除。", None)
    if org.plans.exists() or org.rectifications.exists():  # type: ignore[attr-defined]  # backrefs of step 8
        raise ValidationError("该组织已有年度计划或整改通知，不能删除。", None)
    with database.atomic():
        audit.record("删除", "组织", org.id, org.name)
        org.delete_instance()
