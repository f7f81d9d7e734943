"""The audit log out of the program: a CSV or Excel file a supervisor can read.

Summaries hold what clerks typed, so a value starting with = + - @ is written with a leading
apostrophe: Excel and WPS would otherwise run it as a formula (CSV/formula injection).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

from models.errors import ValidationError
from models.store.tables import AuditEntry

HEADERS = ("时间", "操作人员", "操作", "对象", "记录编号", "内容")


def rows(limit: int | None = None) -> list[tuple]:
    """Every line, newest first, shaped like HEADERS (time as 2026-07-01 09:30:00)."""
    query = (AuditEntry.select(AuditEntry.at, AuditEntry.user, AuditEntry.action, AuditEntry.entity,
                               AuditEntry.entity_id, AuditEntry.summary)
             .order_by(AuditEntry.id.desc()))
    if limit is not None:
        query = query.limit(limit)
    out = []
    for at, user, action, entity, entity_id, summary in query.tuples():
        when = at.strftime("%Y-%m-%d %H:%M:%S") if isinstance(at, dt.datetime) else str(at)
        out.append((when, user, action, entity, "" if entity_id is None else entity_id, summary))
    return out


def export(path: str | os.PathLike[str]) -> int:
    """Write the whole log to `path` (.csv or .xlsx by its suffix); returns the line count."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError("操作日志只能导出为 .csv 或 .xlsx 文件，请修改文件名。", "path")
    data = [tuple(_safe(v) for v in row) for row in rows()]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if suffix == ".csv":
            # utf-8-sig: Excel on Chinese Windows reads UTF-8 only with the BOM.
            with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(HEADERS)
                writer.writerows(data)
        else:
            _write_xlsx(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(data)


def _write_xlsx(path: Path, data: list[tuple]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "操作日志"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in data:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for letter, width in zip("ABCDEF", (20, 12, 10, 10, 10, 60), strict=False):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    wb.save(path)


def _safe(value: object) -> object:
    if isinstance(value, str):
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
        return value
    return value
