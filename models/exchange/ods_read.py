"""Reading an OpenDocument spreadsheet (.ods), as LibreOffice and WPS on Linux save rosters.

No library fits: odfpy builds the whole document as a DOM in pure Python (minutes and
gigabytes for a county roster, and no way to stop a bomb half-way), pyexcel-ods3 needs lxml,
which the program does not ship, and pandas is far too heavy. An .ods is a zip holding one
content.xml, so this reads it the way `xlsx_read` reads a sheet: one streaming pass with the
standard library's parser, every limit checked as the cells come.

Values come as the .xlsx reader gives them (str, int/float, bool, datetime); merged cells are
returned as ranges; repeated rows and cells (how ODF writes a run of equal or empty cells)
are expanded only when they hold a value, so a styled column down to row 1,048,576 costs
nothing.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import ValidationError
from models.exchange import limits
from models.exchange.formula import Uncomputed

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELL, _COVERED, _ROW, _SHEET = (_TABLE + t for t in ("table-cell", "covered-table-cell", "table-row", "table"))
_P, _H, _S, _TAB, _BREAK = (_TEXT + t for t in ("p", "h", "s", "tab", "line-break"))
_NOTE = _OFFICE + "annotation"
_ITEMS = frozenset({_CELL, _COVERED, _ROW, _SHEET, _TABLE + "table-column",
                    "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}style"})

HeaderTest = Callable[[list[tuple], str], bool]


@dataclass
class _Table:
    name: str = ""
    rows: list[tuple] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    row_number: int = 0  # rows seen so far, empty ones included
    keep: bool = True  # False: not the roster (no header in its top rows), read past
    checked: bool = False  # its top rows were seen to hold a header


def _text(el: Any) -> str:
    """A paragraph's text with ODF's spaces (<text:s c="3"/>), tabs and line breaks, without notes."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == _S:
            parts.append(" " * min(int(child.get(_TEXT + "c", "1") or 1), limits.MAX_CELL_CHARS))
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BREAK:
            parts.append("\n")
        elif tag != _NOTE:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _value(el: Any) -> Any:
    kind = el.get(_OFFICE + "value-type")
    if kind in ("float", "percentage", "currency"):
        raw = el.get(_OFFICE + "value", "")
        number = float(raw)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "date":
        raw = el.get(_OFFICE + "date-value", "")
        return dt.datetime.fromisoformat(raw[:19])
    if kind == "boolean":
        return el.get(_OFFICE + "boolean-value") in ("true", "1")
    if kind is None and el.get(_TABLE + "formula"):
        return Uncomputed(el.get(_TABLE + "formula", ""))
    paragraphs = [_text(p) for p in el if p.tag in (_P, _H)]
    text = "\n".join(paragraphs) if paragraphs else el.get(_OFFICE + "string-value", "")
    return text if text.strip() else None


def _repeat(el: Any, attr: str) -> int:
    try:
        return max(1, int(el.get(attr, "1")))
    except ValueError:
        return 1


def read_ods(path: Path, sheet: str | None, header_in: HeaderTest, scan: int,
             progress: limits.Progress | None = None) -> tuple[str, list[tuple], list[tuple[int, int, int, int]]]:
    """(sheet name, rows, merged ranges) of the named sheet or the first with a roster header.

    Without `sheet`, a table is kept while its first `scan` rows may still show a header; the
    first table is kept as the fallback. Reading stops as soon as the chosen table is done.
    """
    limits.check_zip_entries(path)
    try:
        zf = zipfile.ZipFile(path)
    except Exception as exc:
        if not limits.is_damage(exc):
            raise
        raise ValidationError(f"无法读取“{path.name}”：文件已损坏，或不是 OpenDocument 表格（.ods）。"
                              "请在 LibreOffice 或 WPS 中打开后另存为 .xlsx 再导入。") from None
    try:
        expected = zf.getinfo("content.xml").file_size
    except KeyError:
        expected = 0
    budget = limits.Budget(progress=progress, expected=expected)
    first: _Table | None = None
    table = _Table()
    cells: dict[int, Any] = {}
    col = 0
    try:
        with zf, zf.open("content.xml") as stream:
            for _ev, el in limits.xml_events(stream, budget, _ITEMS):
                tag = el.tag
                if tag == _CELL or tag == _COVERED:
                    repeat = _repeat(el, _TABLE + "number-columns-repeated")
                    if table.keep and tag == _CELL:
                        value = _value(el)
                        if value is not None:
                            if isinstance(value, str):
                                limits.check_text(value, f"第 {table.row_number + 1:,} 行的单元格")
                                value = budget.keep(value)
                            limits.check_columns(col + repeat - 1, table.row_number + 1)
                            for c in range(col, col + repeat):
                                cells[c] = value
                        spans = (_repeat(el, _TABLE + "number-columns-spanned"),
                                 _repeat(el, _TABLE + "number-rows-spanned"))
                        if spans != (1, 1) and len(table.merges) < 100_000:
                            top = table.row_number + 1
                            table.merges.append((col + 1, top, col + spans[0], top + spans[1] - 1))
                    col += repeat  # empty repeats cost nothing: only values are counted and kept
                    el.clear()
                elif tag == _ROW:
                    repeat = _repeat(el, _TABLE + "number-rows-repeated")
                    if cells and table.keep:
                        limits.check_rows(table.row_number + repeat)
                        row = tuple(cells.get(i) for i in range(max(cells) + 1))
                        budget.spend_cells(len(row) * repeat + table.row_number - len(table.rows))
                        table.rows.extend([()] * (table.row_number - len(table.rows)))
                        table.rows.extend([row] * repeat)
                    table.row_number += repeat
                    cells, col = {}, 0
                    el.clear()
                    if (sheet is None and first is not None and table.keep and not table.checked
                            and len(table.rows) >= scan):
                        if header_in(table.rows[:scan], table.name):
                            table.checked = True
                        else:
                            table = _drop(table)
                elif tag == _SHEET:
                    table.name = el.get(_TABLE + "name", "")
                    el.clear()
                    if sheet is not None:
                        if table.name == sheet:
                            return table.name, table.rows, table.merges
                    elif table.keep and (table.checked or header_in(table.rows[:scan], table.name)):
                        return table.name, table.rows, table.merges
                    elif first is None:
                        first = table
                    table = _Table()
    except KeyError:
        raise ValidationError(f"“{path.name}”不是 OpenDocument 表格（缺少 content.xml）。") from None
    except Exception as exc:
        if not limits.is_damage(exc):
            raise
        raise ValidationError(f"无法读取“{path.name}”：文件已损坏（{type(exc).__name__}）。"
                              "请在 LibreOffice 或 WPS 中打开后另存为 .xlsx 再导入。") from None
    if sheet is not None:
        raise ValidationError(f"工作簿中没有名为“{sheet}”的工作表。")
    if first is None:
        raise ValidationError(f"“{path.name}”中没有工作表。")
    return first.name, first.rows, first.merges


def _drop(table: _Table) -> _Table:
    """A table past its header rows without a header: read on, keep nothing."""
    return _Table(table.name, [], [], table.row_number, keep=False, checked=True)
