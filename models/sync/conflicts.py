"""The conflict list: what a package would have changed but the local value kept, for the
clerk to decide; on screen and as an Excel sheet in the words of the issue."""
from __future__ import annotations

import os
from pathlib import Path

from models.errors import ValidationError
from models.exchange.xlsx_write import SheetLayout, write
from models.store.sync_tables import ExchangeConflict

HEADERS = ("组织", "记录", "字段", "本机的值", "数据包的值", "修改时间", "修改的电脑", "数据包", "接收时间")


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
