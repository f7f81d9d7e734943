"""This installation as the others see it: its id, its name (东风村党支部的电脑), whether it is
the township's or a branch's, and which organization it keeps."""
from __future__ import annotations

from dataclasses import dataclass

from models.errors import ValidationError
from models.store.db import database
from models.store.sync_tables import ExchangeRecord, ExchangeSite
from models.store.tables import Organization
from models.sync.kinds import BRANCH, ROLE_NAMES, TOWNSHIP


@dataclass(frozen=True)
class Site:
    site: str
    name: str
    role: str
    org_uuid: str


def uuid_of(table: str, row_id: int) -> str:
    rec = ExchangeRecord.get_or_none((ExchangeRecord.tbl == table) & (ExchangeRecord.row_id == row_id))
    if rec is None:
        raise ValidationError(f"记录没有编号（{table} {row_id}），数据库可能已损坏。")
    return rec.uuid


def row_of(table: str, uuid: str) -> int | None:
    rec = ExchangeRecord.get_or_none((ExchangeRecord.tbl == table) & (ExchangeRecord.uuid == uuid))
    return rec.row_id if rec else None


def township_org() -> Organization | None:
    """The top of the tree: the organization with no parent (there is one per file)."""
    return Organization.select().where(Organization.parent.is_null()).order_by(Organization.id).first()


def _guess() -> tuple[str, Organization | None]:
    """A file made before packages existed: a township file holds several branches."""
    branches = list(Organization.select().where(Organization.parent.is_null(False)).order_by(Organization.id))
    if len(branches) == 1:
        return BRANCH, branches[0]
    return TOWNSHIP, township_org()


def current() -> Site:
    """This installation; its role and organization are settled the first time they are needed."""
    row = ExchangeSite.get()
    if not row.role and Organization.select().exists():
        role, org = _guess()
        if org is not None:
            with database.atomic():
                row.role, row.org_uuid = role, uuid_of("organization", org.id)
                row.name = row.name or f"{org.display_name}的电脑"
                ExchangeSite.update(role=row.role, org_uuid=row.org_uuid, name=row.name).execute()
    return Site(row.site, row.name, row.role, row.org_uuid)


def configure(name: str | None = None, role: str | None = None, org_name: str | None = None) -> Site:
    """Set this installation's name, role (township / branch) and organization."""
    current()
    values: dict = {}
    if name is not None:
        if not name.strip():
            raise ValidationError("本机名称不能为空，例如：东风村党支部的电脑。", "name")
        values["name"] = name.strip()[:100]
    if role is not None:
        if role not in ROLE_NAMES:
            raise ValidationError("本机角色只能是“乡镇党委”或“党支部”。", "role")
        values["role"] = role
    if org_name is not None:
        org = Organization.get_or_none((Organization.name == org_name) | (Organization.short_name == org_name))
        if org is None:
            raise ValidationError(f"没有名为“{org_name}”的组织。", "org")
        values["org_uuid"] = uuid_of("organization", org.id)
    elif role == TOWNSHIP and (top := township_org()) is not None:
        values["org_uuid"] = uuid_of("organization", top.id)
    if values:
        ExchangeSite.update(**values).execute()
    return current()
