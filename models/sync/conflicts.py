"""The conflict list: what a package would have changed but the local value kept, for the
clerk to decide; on screen and as an Excel sheet in the words of the issue.

A decision travels: 保留本机的值 or 采用数据包的值 makes a new local version of the record made
"with the package's version in hand" (its base), and the next package carries that base, so the
other side takes the decided version instead of listing the same conflict again.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

from models.errors import ValidationError
from models.exchange.xlsx_write import SheetLayout, write
from models.store import audit
from models.store.db import database
from models.store.sync_tables import ExchangeConflict, ExchangeRecord

KEEP = "保留本机的值"
TAKE = "采用数据包的值"
CHOICES = (KEEP, TAKE)

HEADERS = ("组织", "记录", "字段", "本机的值", "数据包的值", "修改时间", "修改的电脑", "数据包", "接收时间")


def open_ids() -> list[int]:
    """The undecided conflicts' ids, in the order `rows()` lists them."""
    query = ExchangeConflict.select(ExchangeConflict.id).where(ExchangeConflict.resolved == False)  # noqa: E712
    return [c.id for c in query.order_by(ExchangeConflict.id)]


def decide(ids: list[int], choice: str) -> int:
    """The clerk's choice for these conflicts, in one transaction; returns how many were decided.

    Several fields of one record are decided together: one new version of the record whose base
    is the package's version, so the decision reaches the other side with the next package."""
    if choice not in CHOICES:
        raise ValidationError(f"只能选择“{KEEP}”或“{TAKE}”。", "choice")
    chosen = list(ExchangeConflict.select().where(ExchangeConflict.id.in_(ids)
                                                  & (ExchangeConflict.resolved == False)))  # noqa: E712
    if not chosen:
        raise ValidationError("请先选择要处理的冲突（已处理过的不再列出）。", "ids")
    if choice == TAKE:
        cannot = [c for c in chosen if not c.package_raw]
        if cannot:
            raise ValidationError(f"“{cannot[0].record}”的“{cannot[0].field}”不能直接采用数据包的值"
                                  "（删除、缺少所属记录，或旧版本程序列出的冲突）：请手工修改这条记录，"
                                  "或选择“保留本机的值”。", "choice")
    by_record: dict[str, list[ExchangeConflict]] = defaultdict(list)
    for c in chosen:
        by_record[c.uuid].append(c)
    with database.atomic():
        for uuid, items in by_record.items():
            rec = ExchangeRecord.get_or_none(ExchangeRecord.uuid == uuid)
            if rec is not None and choice == TAKE:
                for c in items:
                    raw = json.loads(c.package_raw or "{}")
                    database.execute_sql(f'UPDATE "{rec.tbl}" SET "{raw["col"]}" = ? WHERE id = ?',
                                         (raw["value"], rec.row_id))
            versions = [(c.rev, c.site or "") for c in items if c.rev is not None]
            if rec is not None and versions:
                _supersede(uuid, max(versions))
            for c in items:
                c.resolved, c.choice = True, choice
                c.save()
                audit.record("数据包冲突处理", "数据包", c.id, f"{c.record} {c.field}：{choice}")
    return len(chosen)


def _supersede(uuid: str, theirs: tuple[int, str]) -> None:
    """A new local version of the record, above the package's, made with the package's in hand."""
    database.execute_sql("UPDATE exchange_site SET stamp = stamp + 1")
    database.execute_sql(
        "UPDATE exchange_record SET rev = max(rev, ?) + 1, site = (SELECT site FROM exchange_site LIMIT 1), "
        "changed_at = strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), base = ?, base_site = ?, "
        "stamp = (SELECT stamp FROM exchange_site LIMIT 1) WHERE uuid = ?", (theirs[0], theirs[0], theirs[1], uuid))


def rows(include_resolved: bool = False) -> list[tuple]:
    query = ExchangeConflict.select().order_by(ExchangeConflict.id)
    if not include_resolved:
        query = query.where(ExchangeConflict.resolved == False)  # noqa: E712
    return [(c.org_name, c.record, c.field, c.local_value, c.package_value, c.changed_at, c.changed_by,
             f"第{c.package_seq}号（{c.from_site}）", c.at) for c in query]


def _safe(value: object) -> object:
    """A typed value starting like a formula is shown as text, never run by Excel or WPS."""
    return f"'{value}" if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value


def export(path: str | os.PathLike[str]) -> int:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("冲突清单只能导出为 .xlsx 文件，请修改文件名。", "path")
    data = [tuple(_safe(v) for v in row) for row in rows()]
    layout = SheetLayout(name="数据包冲突", widths=(16, 22, 12, 24, 24, 20, 22, 22, 20), freeze="A2",
                         autofilter=f"A1:I{len(data) + 1}", landscape=True, fit_width=True)
    write(path, [HEADERS, *data], layout)
    return len(data)
