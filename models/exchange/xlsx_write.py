"""A small, fast .xlsx writer for plain tables with a fixed set of styles.

openpyxl (without lxml, which the program does not ship) spends ~10 µs per cell, so 30,000
members took 7 s to export; writing the SpreadsheetML straight out takes a fraction of that.
It knows only what exports need: text, numbers, dates; a title, a header style, text-formatted
columns; column widths, merged cells, frozen panes, a filter, print titles, landscape fit to
width. Strings are written inline (no shared-strings table), which Excel, WPS, LibreOffice and
openpyxl all read.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

# Style name -> index into cellXfs of _STYLES_XML below.
STYLES = {"": 0, "title": 1, "header": 2, "text": 3, "date": 4, "datetime": 5}

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ROWS_PER_WRITE = 2000
_MAX_CELL_TEXT = 32767


class Styled(NamedTuple):
    """A cell value with one of the STYLES."""

    value: Any
    style: str


@dataclass
class SheetLayout:
    """Everything about the sheet but its cells."""

    name: str = "Sheet1"
    widths: Sequence[float] = ()  # characters, per column from A
    merges: Sequence[str] = ()  # "A1:U1"
    freeze: str | None = None  # top-left cell of the scrolling part, e.g. "C4"
    autofilter: str | None = None  # "A2:F100"
    print_title_rows: tuple[int, int] | None = None  # repeat these rows on every printed page
    landscape: bool = False
    fit_width: bool = False  # print all columns on one page width
    row_heights: dict[int, float] | None = None  # points, by 1-based row


def sheet_name(text: str) -> str:
    """A valid worksheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = text.translate(str.maketrans("[]:*?/\\", "（）：＊？／＼")).strip("'") or "Sheet1"
    return cleaned[:31]


def _esc(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


def _cell(ref: str, value: Any, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, str):
        if not value:
            return f'<c r="{ref}"{s}/>' if style else ""
        if len(value) > _MAX_CELL_TEXT:  # Excel would call the file damaged
            value = value[:_MAX_CELL_TEXT - 1] + "…"
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_esc(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return f'<c r="{ref}"{s} t="inlineStr"><is><t>{value}</t></is></c>'
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, (dt.date, dt.datetime)):
        if not style:
            s = f' s="{STYLES["datetime" if isinstance(value, dt.datetime) else "date"]}"'
        return f'<c r="{ref}"{s}><v>{to_excel(value)!r}</v></c>'
    return _cell(ref, str(value), style)


def _row_xml(number: int, values: Sequence[Any], letters: list[str], height: float | None) -> str:
    parts = []
    for i, value in enumerate(values):
        while i >= len(letters):
            letters.append(get_column_letter(len(letters) + 1))
        if type(value) is Styled:
            parts.append(_cell(f"{letters[i]}{number}", value.value, STYLES[value.style]))
        else:
            parts.append(_cell(f"{letters[i]}{number}", value, 0))
    ht = f' ht="{height}" customHeight="1"' if height else ""
    return f'<row r="{number}"{ht}>{"".join(parts)}</row>'


def write(path: str | Path, rows: Iterable[Sequence[Any]], layout: SheetLayout) -> int:
    """Write one sheet to `path` (replaced whole, never half-written); returns rows written."""
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.xlsx")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as zf:
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
            zf.writestr("_rels/.rels", _ROOT_RELS)
            zf.writestr("xl/workbook.xml", _workbook_xml(layout))
            zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
            zf.writestr("xl/styles.xml", _STYLES_XML)
            with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
                count = _write_sheet(out, rows, layout)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return count


def _write_sheet(out: Any, rows: Iterable[Sequence[Any]], layout: SheetLayout) -> int:
    head = [(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">')]
    if layout.fit_width:
        head.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
    head.append(_views(layout.freeze))
    head.append('<sheetFormatPr defaultRowHeight="15"/>')
    if layout.widths:
        cols = "".join(f'<col min="{i}" max="{i}" width="{w:.2f}" customWidth="1"/>'
                       for i, w in enumerate(layout.widths, 1))
        head.append(f"<cols>{cols}</cols>")
    head.append("<sheetData>")
    out.write("".join(head).encode())
    letters: list[str] = []
    heights = layout.row_heights or {}
    chunk: list[str] = []
    number = 0
    for number, values in enumerate(rows, 1):
        chunk.append(_row_xml(number, values, letters, heights.get(number)))
        if len(chunk) >= _ROWS_PER_WRITE:
            out.write("".join(chunk).encode())
            chunk = []
    chunk.append("</sheetData>")
    if layout.autofilter:
        chunk.append(f'<autoFilter ref="{layout.autofilter}"/>')
    if layout.merges:
        chunk.append(f'<mergeCells count="{len(layout.merges)}">'
                     + "".join(f'<mergeCell ref="{m}"/>' for m in layout.merges) + "</mergeCells>")
    chunk.append('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>')
    setup = ' paperSize="9"'
    if layout.landscape:
        setup += ' orientation="landscape"'
    if layout.fit_width:
        setup += ' fitToWidth="1" fitToHeight="0"'
    chunk.append(f"<pageSetup{setup}/></worksheet>")
    out.write("".join(chunk).encode())
    return number


def _views(freeze: str | None) -> str:
    if not freeze:
        return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    match = re.fullmatch(r"([A-Z]+)(\d+)", freeze)
    if match is None:
        raise ValueError(f"bad freeze cell {freeze!r}")
    from openpyxl.utils import column_index_from_string

    x, y = column_index_from_string(match[1]) - 1, int(match[2]) - 1
    pane = "bottomRight" if x and y else "bottomLeft" if y else "topRight"
    split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
    return (f'<sheetViews><sheetView workbookViewId="0"><pane{split} topLeftCell="{freeze}" '
            f'activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{freeze}" '
            f'sqref="{freeze}"/></sheetView></sheetViews>')


def _workbook_xml(layout: SheetLayout) -> str:
    name = sheet_name(layout.name)
    defined = ""
    if layout.print_title_rows:
        first, last = layout.print_title_rows
        quoted = name.replace("'", "''")
        defined = (f'<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'
                   f"{_esc(chr(39) + quoted + chr(39))}!${first}:${last}</definedName></definedNames>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name="{_attr(name)}" sheetId="1" r:id="rId1"/></sheets>{defined}</workbook>')


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>")
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>')
_CENTER = '<alignment horizontal="center" vertical="center" wrapText="1"/>'
_STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
    '<fonts count="3">'
    '<font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>'
    '<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>'
    '<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font>'
    "</fonts>"
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/>'
    '</right><top style="thin"><color rgb="FF808080"/></top><bottom style="thin">'
    '<color rgb="FF808080"/></bottom><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    f'<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{_CENTER}</xf>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" '
    f'applyBorder="1" applyAlignment="1">{_CENTER}</xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>")
