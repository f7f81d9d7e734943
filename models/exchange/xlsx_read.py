"""Reading cell values from an .xlsx quickly, merged ranges included.

openpyxl's read-only mode (without lxml, which the program does not ship) needs ~3 s for a
10,000-member roster and gives no merged ranges; a roster import has to read every cell and
wants the merges (a branch name merged down over its members). This reader walks the sheet
XML once with the standard library's C parser and returns values as openpyxl would (str, int,
float, bool, datetime), reading Chinese date formats (numFmt 27–36, 50–58) as dates too.
Anything it does not understand raises `Unsupported`, and the caller falls back to openpyxl.
Every part is read through `limits.xml_batches`, so a zip bomb or a sheet of a million columns
stops at the first limit it passes (`limits.TooLarge`), long before the memory fills.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from models.exchange import limits
from models.exchange.formula import Uncomputed

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _V, _IS, _T, _R, _ROW, _F = (_NS + t for t in ("c", "v", "is", "t", "r", "row", "f"))
_MERGE = _NS + "mergeCell"
_SHEET_ITEMS = frozenset({_C, _ROW, _MERGE, _NS + "hyperlink", _NS + "col"})
_MAX_EXTRAS = 100_000
_MAX_FORMATS = 65_000  # Excel's own limit is 64,000 cell formats
_EXCEL_ROWS, _EXCEL_COLUMNS = 1_048_576, 16_384
_CJK_DATE_FORMATS = set(range(27, 37)) | set(range(50, 59))  # 2001年1月1日 and kin
_REF = re.compile(r"([A-Z]+)(\d+)")


class Unsupported(Exception):
    """The file is an .xlsx this reader does not handle (strict XML, missing parts …)."""


@dataclass
class Sheet:
    name: str
    part: str  # path inside the archive
    hidden: bool = False


@dataclass
class Book:
    path: Path
    sheets: list[Sheet]
    active: int = 0
    _zip: zipfile.ZipFile | None = None
    _shared: list[str] | None = None
    _date_styles: set[int] = field(default_factory=set)
    _epoch: dt.datetime = CALENDAR_WINDOWS_1900
    budget: limits.Budget = field(default_factory=limits.Budget)

    def events(self, part: str, items: frozenset[str] = frozenset()) -> Any:
        """End events of one part of the archive, metered against this reading's budget."""
        if self._zip is None:
            raise ValueError("book is closed")
        return _events(self._zip, part, self.budget, items)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _events(zf: zipfile.ZipFile, part: str, budget: limits.Budget, items: frozenset[str] = frozenset()) -> Any:
    return limits.xml_events(zf.open(part), budget, items)


def _rels(zf: zipfile.ZipFile, part: str, budget: limits.Budget) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type tail, absolute part path) of one part."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, tuple[str, str]] = {}
    if rels_part not in zf.namelist():
        return found
    for _ev, el in _events(zf, rels_part, budget, frozenset({_PKG + "Relationship"})):
        if el.tag == _PKG + "Relationship":
            target = el.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found[el.get("Id", "")] = (el.get("Type", "").rsplit("/", 1)[-1], path)
    return found


def open_book(path: str | Path, progress: limits.Progress | None = None) -> Book:
    """The workbook's sheets and what it takes to read their cells; `progress` hears of the
    bytes inflated against the sizes the archive states."""
    limits.check_zip_entries(path)
    try:
        zf = zipfile.ZipFile(path)
    except Exception as exc:
        if not limits.is_damage(exc):
            raise
        raise Unsupported(str(exc)) from exc
    try:
        budget = limits.Budget(progress=progress, expected=sum(i.file_size for i in zf.infolist()))
        root = next((p for _t, p in _rels(zf, "", budget).values() if _t == "officeDocument"), None) \
            or "xl/workbook.xml"
        rels = _rels(zf, root, budget)
        book = Book(Path(path), [], _zip=zf, budget=budget)
        for _ev, el in _events(zf, root, budget, frozenset({_NS + "sheet", _NS + "definedName"})):
            if el.tag == _NS + "sheet":
                kind, part = rels.get(el.get(_R_ID, ""), ("", ""))
                if kind == "worksheet":
                    book.sheets.append(Sheet(el.get("name", ""), part, el.get("state", "visible") != "visible"))
            elif el.tag == _NS + "workbookPr" and el.get("date1904") in ("1", "true"):
                book._epoch = CALENDAR_MAC_1904
            elif el.tag == _NS + "workbookView":
                book.active = int(el.get("activeTab", "0") or 0)
        if not book.sheets:
            raise Unsupported("no worksheets in the standard namespace")
        for kind, part in rels.values():
            if kind == "styles":
                book._date_styles = _date_styles(book, part)
            elif kind == "sharedStrings":
                book._shared = _shared_strings(book, part)
        book.active = min(book.active, len(book.sheets) - 1)
        return book
    except Exception as exc:
        zf.close()
        if not limits.is_damage(exc):
            raise
        raise Unsupported(str(exc)) from exc
    except BaseException:
        zf.close()
        raise


def _text_of(el: Any) -> str:
    """A string item's text: its <t>, or its rich-text runs; phonetic hints (rPh) left out."""
    direct = el.find(_T)
    if direct is not None:
        return direct.text or ""
    return "".join((run.find(_T).text or "") for run in el.iter(_R) if run.find(_T) is not None)


def _shared_strings(book: Book, part: str) -> list[str]:
    strings: list[str] = []
    si = _NS + "si"
    for _ev, el in book.events(part, frozenset({si})):
        if el.tag == si:
            text = limits.check_text(_text_of(el), f"第 {len(strings) + 1:,} 个共享文字")
            strings.append(book.budget.keep(text))
            el.clear()
            book.budget.spend_cells(1)
    return strings


def _date_styles(book: Book, part: str) -> set[int]:
    custom: dict[int, str] = {}
    formats: list[int] = []
    in_cell_xfs = False
    items = frozenset(_NS + t for t in ("xf", "numFmt", "font", "fill", "border", "dxf", "cellStyle"))
    if book._zip is None:
        raise ValueError("book is closed")
    for event, el in limits.xml_events(book._zip.open(part), book.budget, items, ("start", "end")):
        if el.tag == _NS + "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and el.tag == _NS + "numFmt":
            custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")[:255]
        elif event == "start" and in_cell_xfs and el.tag == _NS + "xf":
            formats.append(int(el.get("numFmtId", "0")))
            if len(formats) > _MAX_FORMATS:
                raise limits.too_large(f"单元格格式超过 {_MAX_FORMATS:,} 种")
        if event == "end" and el.tag in items:
            el.clear()
    dates = set()
    for index, fmt in enumerate(formats):
        code = custom.get(fmt) or BUILTIN_FORMATS.get(fmt)
        if fmt in _CJK_DATE_FORMATS or (code and is_date_format(code)):
            dates.add(index)
    return dates


_COLUMNS: dict[str, int] = {}  # "AB" -> 27; a sheet names few columns, a million times


def _column(letters: str) -> int:
    col = _COLUMNS.get(letters)
    if col is None:
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        _COLUMNS[letters] = col = col - 1
    return col


def read_sheet(book: Book, sheet: Sheet, max_rows: int | None = None
               ) -> tuple[list[tuple], list[tuple[int, int, int, int]]]:
    """(rows, merged ranges) of one sheet; rows[0] is row 1, missing rows are empty tuples.

    The limits are checked as the cells come: a row beyond `limits.MAX_ROWS` or a value
    beyond `limits.MAX_COLUMNS` ends the reading at once. Rows and cells that hold no value
    (formatting only, which Excel writes far beyond the data) count only against Excel's own
    size, so a correct but much-formatted sheet is still read.
    """
    shared = book._shared or []
    dates, epoch = book._date_styles, book._epoch
    budget = book.budget
    rows: list[tuple] = []
    merges: list[tuple[int, int, int, int]] = []
    cells: dict[int, Any] = {}
    next_col = 0
    row_number = 0
    in_row = 0  # <c> elements since the last </row>: all of them stay in memory until it
    extras = 0  # merges, links and column formats: they stay in memory until the end
    done = False
    try:
        if book._zip is None:
            raise ValueError("book is closed")
        for batch in limits.xml_batches(book._zip.open(sheet.part), budget, _SHEET_ITEMS):
            if done:
                break
            for _ev, el in batch:
                tag = el.tag
                if tag == _C:
                    ref = el.get("r")
                    if ref:
                        m = _REF.match(ref)
                        col = _column(m[1]) if m else next_col
                    else:
                        col = next_col
                    next_col = col + 1
                    in_row += 1
                    if in_row > _EXCEL_COLUMNS:
                        raise limits.too_large(f"第 {row_number + 1:,} 行有超过 {_EXCEL_COLUMNS:,} 个单元格")
                    value = _value(el, shared, dates, epoch, budget)
                    if value is not None:
                        if col >= limits.MAX_COLUMNS:
                            limits.check_columns(col, row_number + 1)
                        if value.__class__ is str and len(value) > limits.MAX_CELL_CHARS:
                            limits.check_text(value, f"第 {row_number + 1:,} 行的单元格")
                        cells[col] = value
                    el.clear()
                elif tag == _ROW:
                    r = el.get("r")
                    row_number = int(r) if r else row_number + 1
                    if max_rows is not None and row_number > max_rows:
                        done = True
                        break
                    if row_number > _EXCEL_ROWS:
                        raise limits.too_large(f"有第 {row_number:,} 行，超过了 Excel 的 {_EXCEL_ROWS:,} 行")
                    if cells:
                        limits.check_rows(row_number)
                        width = max(cells) + 1
                        budget.spend_cells(width + max(0, row_number - 1 - len(rows)))
                        while len(rows) < row_number - 1:
                            rows.append(())
                        rows.append(tuple(cells.get(i) for i in range(width)))
                        cells = {}
                    next_col = in_row = 0
                    el.clear()
                elif tag in _SHEET_ITEMS:
                    extras += 1
                    if extras > _MAX_EXTRAS:
                        raise limits.too_large(f"表格中合并单元格、链接或列格式超过 {_MAX_EXTRAS:,} 处")
                    if tag == _MERGE:
                        merges.append(range_boundaries(el.get("ref", "")))
    except Exception as exc:
        if not limits.is_damage(exc):
            raise
        raise Unsupported(str(exc)) from exc
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    return rows, merges


def _value(el: Any, shared: list[str], dates: set[int], epoch: dt.datetime, budget: limits.Budget) -> Any:
    kind = el.get("t", "n")
    if kind == "inlineStr":
        inline = el.find(_IS)
        if inline is None:
            return None
        inline_text = _text_of(inline)
        return budget.keep(inline_text)
    v = el.find(_V)
    text = v.text if v is not None else None
    if text is None:
        formula = el.find(_F)
        if formula is not None and kind != "str":  # Excel saves an empty text result as t="str"
            return Uncomputed(formula.text or "")
        return None
    if kind == "s":
        return shared[int(text)]
    if kind in ("str", "e"):
        return budget.keep(text)
    if kind == "b":
        return text in ("1", "true")
    if kind == "d":
        return dt.datetime.fromisoformat(text)
    number: int | float = float(text) if any(c in text for c in ".eE") else int(text)
    style = el.get("s")
    if style and int(style) in dates:
        try:
            return from_excel(number, epoch)
        except (ValueError, OverflowError):
            return number
    return number
