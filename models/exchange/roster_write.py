"""Writing an import and taking it back: one transaction each way.

`commit` writes every accepted row of a preview at once (bulk statements, not one save per
member) and keeps a record of what it did: the members it created, the stored rows of those
it updated, and a digest of each row it wrote. `undo` uses the digests to refuse when anyone
touched those members since, because restoring the old rows would silently throw that work
away; it also refuses when a created member already has pledges, reviews or other records.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee as pw

from models.config import settings
from models.errors import NotFound, ValidationError
from models.exchange.import_plan import NEW, UPDATE, Preview, RowOutcome
from models.exchange.roster_format import COLUMNS
from models.names import stroke_sort_key
from models.roster import organizations
from models.store import audit
from models.store.db import database
from models.store.import_tables import ImportBatch
from models.store.tables import Member, Organization

_CHUNK = 500
_SHOWN = 5  # names listed in a refusal


def _columns() -> list[pw.Field]:
    return list(Member._meta.sorted_fields)


def raw_rows(member_ids: Iterable[int]) -> dict[int, tuple]:
    """Members' rows exactly as SQLite stores them (JSON-safe), keyed by id."""
    return dict(_stored_rows(member_ids))


def _stored_rows(member_ids: Iterable[int]) -> Iterator[tuple[int, tuple]]:
    """(id, stored row), a chunk at a time: 100,000 rows held at once would take ~200 MB."""
    ids = sorted(set(member_ids))
    names = ", ".join(f'"{f.column_name}"' for f in _columns())
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        cursor = database.execute_sql(f'SELECT {names} FROM "member" WHERE "id" IN ({marks})', chunk)
        for row in cursor.fetchall():
            yield row[0], tuple(row)


def fingerprint(row: Iterable[Any]) -> str:
    return hashlib.sha1(json.dumps(list(row), ensure_ascii=False, default=str).encode()).hexdigest()


def _as_dict(row: tuple) -> dict[str, Any]:
    """A stored row by column name, so a later schema step cannot shift its values."""
    return {f.column_name: value for f, value in zip(_columns(), row, strict=False)}


def _db(value: Any) -> Any:
    """A Python value as peewee stores it in SQLite (dates as ISO text, flags as 0/1)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _stamp() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- commit ------------------------------------------------------------------------------------

def commit(preview: Preview) -> ImportBatch:
    """Write every accepted row in one transaction; a failure anywhere leaves nothing written."""
    accepted = preview.accepted()
    if not accepted:
        raise ValidationError("没有可以导入的党员：所有行都未通过检查或已跳过。")
    now = _stamp()
    new_rows = [r for r in accepted if r.action == NEW]
    updates = [r for r in accepted if r.action == UPDATE]
    with database.atomic():
        _check_unchanged(preview, new_rows)
        org_ids = _create_orgs(preview.new_orgs)
        created = _insert_members(new_rows, org_ids, now)
        _update_members(updates, org_ids, now)
        touched = created + [r.matched_id for r in updates]
        prints = {str(k): fingerprint(v) for k, v in _stored_rows(touched)}
        batch = ImportBatch.create(
            at=now, user=settings.get("clerk_name"), source=preview.source[:250],
            created_count=len(created), updated_count=len(updates),
            created_ids=json.dumps(created), created_org_ids=json.dumps(sorted(org_ids.values())),
            previous=json.dumps({str(r.matched_id): _as_dict(preview.snapshots[r.matched_id]) for r in updates},
                                ensure_ascii=False),
            fingerprints=json.dumps(prints))
        audit.record("导入", "党员名册", batch.id,
                     f"从“{preview.source}”导入：新增 {len(created)} 名、更新 {len(updates)} 名党员"
                     + (f"，新建党支部 {len(org_ids)} 个" if org_ids else ""))
    return batch


def _check_unchanged(preview: Preview, new_rows: list[RowOutcome]) -> None:
    """The preview was judged against the database as it was; refuse if it moved since."""
    now = raw_rows(preview.snapshots)
    if any(now.get(k) != tuple(v) for k, v in preview.snapshots.items()):
        raise ValidationError("预览之后，有党员的信息被修改过。请重新预览后再导入。")
    numbers = [r.values["id_number"] for r in new_rows if r.values.get("id_number")]
    for i in range(0, len(numbers), _CHUNK):  # plain SQL: peewee took 0.3 s to build 20 of these
        chunk = numbers[i:i + _CHUNK]
        clash = database.execute_sql(
            f'SELECT "name" FROM "member" WHERE "id_number" IN ({", ".join("?" * len(chunk))}) LIMIT 1',
            chunk).fetchone()
        if clash is not None:
            raise ValidationError(f"预览之后，数据库中又登记了党员“{clash[0]}”。请重新预览后再导入。")


def _create_orgs(new_orgs: dict[str, int | None]) -> dict[str, int]:
    created: dict[str, int] = {}
    for name, parent_id in new_orgs.items():
        parent = Organization.get_or_none(Organization.id == parent_id) if parent_id else None
        org = organizations.save({"name": name, "level": "党支部", "parent_id": parent_id,
                                  "category": parent.category if parent else "rural"})
        created[name] = org.id
    return created


def _row_values(outcome: RowOutcome, org_ids: dict[str, int]) -> dict[str, Any]:
    values = dict(outcome.values)
    if outcome.new_org is not None:
        values["org_id"] = org_ids[outcome.new_org]
    values["stroke_key"] = stroke_sort_key(values["name"])
    return values


def _insert_members(rows: list[RowOutcome], org_ids: dict[str, int], now: dt.datetime) -> list[int]:
    """executemany straight to SQLite with ids given, so the batch knows exactly what it made.

    The parameters are made as SQLite asks for them, never all held at once."""
    if not rows:
        return []
    fields = _columns()
    start = (Member.select(pw.fn.MAX(Member.id)).scalar() or 0) + 1
    ids = list(range(start, start + len(rows)))
    defaults = {f.name: (f.default() if callable(f.default) else f.default) for f in fields}
    defaults.update(created_at=now, updated_at=now)
    keys = ["org_id" if f.name == "org" else f.name for f in fields]

    def params() -> Iterator[tuple]:
        for member_id, outcome in zip(ids, rows, strict=False):
            values = _row_values(outcome, org_ids)
            values["id"] = member_id
            yield tuple(_db(values.get(key, defaults[f.name])) for key, f in zip(keys, fields, strict=True))

    names = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" * len(fields))
    database.connection().executemany(f'INSERT INTO "member" ({names}) VALUES ({marks})', params())
    return ids


def _update_members(rows: list[RowOutcome], org_ids: dict[str, int], now: dt.datetime) -> None:
    if not rows:
        return
    from models.roster.members import MEMBER_FIELDS

    keys = [*MEMBER_FIELDS, "stroke_key", "updated_at"]
    sets = ", ".join(f'"{key}" = ?' for key in keys)
    params = []
    for outcome in rows:
        values = _row_values(outcome, org_ids)
        values["updated_at"] = now
        params.append((*(_db(values[k]) for k in keys), outcome.member_id))
    database.connection().executemany(f'UPDATE "member" SET {sets} WHERE "id" = ?', params)


# --- undo --------------------------------------------------------------------------------------

def last_batch() -> ImportBatch | None:
    """The most recent import not yet undone."""
    return (ImportBatch.select().where(ImportBatch.undone_at.is_null())
            .order_by(ImportBatch.id.desc()).first())


def _names(ids: Iterable[int]) -> str:
    ids = sorted(ids)
    shown = [name for (name,) in Member.select(Member.name).where(Member.id.in_(ids[:_SHOWN])).tuples()]
    text = "、".join(shown)
    return text + (f"等 {len(ids)} 人" if len(ids) > _SHOWN else "")


def _referenced(member_ids: list[int]) -> set[int]:
    """Created members that other records (pledges, reviews, events, assessments …) point at."""
    found: set[int] = set()
    for fk in Member._meta.backrefs:
        for i in range(0, len(member_ids), _CHUNK):
            chunk = member_ids[i:i + _CHUNK]
            query = fk.model.select(fk).where(fk.in_(chunk)).distinct().tuples()
            found.update(row[0] for row in query)
    return found


def undo(batch_id: int | None = None) -> ImportBatch:
    """Take a whole import back: delete the members it created, restore those it updated."""
    batch = last_batch() if batch_id is None else ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFound("没有可以撤销的导入。")
    if batch.undone_at is not None:
        raise ValidationError("这次导入已经撤销过了。")
    created: list[int] = json.loads(batch.created_ids)
    previous = {int(k): v for k, v in json.loads(batch.previous).items()}
    prints = {int(k): v for k, v in json.loads(batch.fingerprints).items()}
    with database.atomic():
        current = raw_rows(prints)
        edited = [k for k, digest in prints.items() if k not in current or fingerprint(current[k]) != digest]
        if edited:
            raise ValidationError(
                f"导入之后，又修改过 {len(edited)} 名党员的信息（{_names(edited)}）。撤销会丢掉这些修改，"
                "所以不能撤销这次导入；如确需撤销，请逐个修改这些党员。")
        used = _referenced(created)
        if used:
            raise ValidationError(
                f"这次导入新增的党员中，已有 {len(used)} 人有了承诺、评议或其他记录（{_names(used)}），"
                "不能撤销这次导入。")
        for i in range(0, len(created), _CHUNK):
            Member.delete().where(Member.id.in_(created[i:i + _CHUNK])).execute()
        _restore(previous)
        for org_id in json.loads(batch.created_org_ids):
            try:
                organizations.delete(org_id)
            except (ValidationError, NotFound):
                pass  # someone put other members or records there since: it stays
        batch.undone_at = _stamp()
        batch.save()
        audit.record("撤销导入", "党员名册", batch.id,
                     f"撤销从“{batch.source}”的导入：删除新增的 {len(created)} 名，恢复更新的 {len(previous)} 名")
    return batch


def _restore(previous: dict[int, dict[str, Any]]) -> None:
    if not previous:
        return
    present = {f.column_name for f in _columns()} - {"id"}
    keys = [k for k in next(iter(previous.values())) if k in present]
    sets = ", ".join(f'"{k}" = ?' for k in keys)
    params = [(*(row.get(k) for k in keys), member_id) for member_id, row in previous.items()]
    database.connection().executemany(f'UPDATE "member" SET {sets} WHERE "id" = ?', params)


# --- rejected rows -----------------------------------------------------------------------------

def _id_text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(Decimal(f"{value:.15g}")))  # the 15 digits Excel kept: damage stays visible
    return value if value is None or isinstance(value, str) else str(value)


def save_rejects(preview: Preview, path: str | Path) -> int:
    """The rows that did not pass, in the national column order with a reason column, so the
    clerk can fix them in Excel and import that file again. Returns the number of rows."""
    from models.exchange.roster_export import export_table

    headers = ["原行号", *(c.label for c in COLUMNS[1:]), "未通过原因"]
    rows = []
    for outcome in preview.rejected():
        cells: list[Any] = [outcome.row]
        for column in COLUMNS[1:]:
            value = outcome.raw.get(column.key)
            cells.append(_id_text(value) if column.kind == "id" else value)
        cells.append(outcome.reason)
        rows.append(cells)
    id_col = [c.key for c in COLUMNS].index("id_number")
    export_table(headers, rows, path, f"未通过检查的行（来自“{preview.source}”）", text_columns=(id_col,))
    return len(rows)
