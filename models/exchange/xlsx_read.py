"""Reading cell values from an .xlsx quickly, merged ranges included.

openpyxl's read-only mode (without lxml, which the program does not ship) needs ~3 s for a
10,000-member roster and gives no merged ranges; a roster import has to read every cell and
wants the merges (a branch name merged down over its members). This reader walks the sheet
XML once with the standard library's C parser and returns values as openpyxl would (str, int,
float, bool, datetime), reading Chinese date formats (numFmt 27–36, 50–58) as dates too.
Anything it does not understand raises `Unsupported`, and the caller falls back to openpyxl.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _V, _IS, _T, _R, _ROW = (_NS + t for t in ("c", "v", "is", "t", "r", "row"))
_MERGE = _NS + "mergeCell"
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

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type tail, absolute part path) of one part."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, tuple[str, str]] = {}
    if rels_part not in zf.namelist():
        return found
    for _ev, el in iterparse(zf.open(rels_part)):
        if el.tag == _PKG + "Relationship":
            target = el.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found[el.get("Id", "")] = (el.get("Type", "").rsplit("/", 1)[-1], path)
    return found


def open_book(path: str | Path) -> Book:
    """The workbook's sheets and what it takes to read their cells."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise Unsupported(str(exc)) from exc
    try:
        root = next((p for _t, p in _rels(zf, "").values() if _t == "officeDocument"), None) \
            or "xl/workbook.xml"
        rels = _rels(zf, root)
        book = Book(Path(path), [], _zip=zf)
        for _ev, el in iterparse(zf.open(root)):
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
                book._date_styles = _date_styles(zf, part)
            elif kind == "sharedStrings":
                book._shared = _shared_strings(zf, part)
        book.active = min(book.active, len(book.sheets) - 1)
        return book
    except (KeyError, ParseError, ValueError) as exc:
        zf.close()
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


def _shared_strings(zf: zipfile.ZipFile, part: str) -> list[str]:
    strings = []
    for _ev, el in iterparse(zf.open(part)):
        if el.tag == _NS + "si":
            strings.append(_text_of(el))
            el.clear()
    return strings


def _date_styles(zf: zipfile.ZipFile, part: str) -> set[int]:
    custom: dict[int, str] = {}
    formats: list[int] = []
    in_cell_xfs = False
    for event, el in iterparse(zf.open(part), events=("start", "end")):
        if el.tag == _NS + "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and el.tag == _NS + "numFmt":
            custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
        elif event == "start" and in_cell_xfs and el.tag == _NS + "xf":
            formats.append(int(el.get("numFmtId", "0")))
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
    """(rows, merged ranges) of one sheet; rows[0] is row 1, missing rows are empty tuples."""
    if book._zip is None:
        raise ValueError("book is closed")
    shared = book._shared or []
    dates, epoch = book._date_styles, book._epoch
    rows: list[tuple] = []
    merges: list[tuple[int, int, int, int]] = []
    cells: dict[int, Any] = {}
    next_col = 0
    row_number = 0
    try:
        for _ev, el in iterparse(book._zip.open(sheet.part)):
            tag = el.tag
            if tag == _C:
                ref = el.get("r")
                if ref:
                    m = _REF.match(ref)
                    col = _column(m[1]) if m else next_col
                else:
                    col = next_col
                next_col = col + 1
                value = _value(el, shared, dates, epoch)
                if value is not None:
                    cells[col] = value
                el.clear()
            elif tag == _ROW:
                r = el.get("r")
                row_number = int(r) if r else row_number + 1
                if max_rows is not None and row_number > max_rows:
                    break
                while len(rows) < row_number - 1:
                    rows.append(())
                rows.append(tuple(cells.get(i) for i in range(max(cells) + 1)) if cells else ())
                cells, next_col = {}, 0
                el.clear()
            elif tag == _MERGE:
                merges.append(range_boundaries(el.get("ref", "")))
    except (ParseError, KeyError, ValueError, TypeError) as exc:
        raise Unsupported(str(exc)) from exc
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    return rows, merges


def _value(el: Any, shared: list[str], dates: set[int], epoch: dt.datetime) -> Any:
    kind = el.get("t", "n")
    if kind == "inlineStr":
        inline = el.find(_IS)
        return _text_of(inline) if inline is not None else None
    v = el.find(_V)
    text = v.text if v is not None else None
    if text is None:
        return None
    if kind == "s":
        return shared[int(text)]
    if kind in ("str", "e"):
        return text
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
