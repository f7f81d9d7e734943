"""Reading a roster file into plain rows, and finding which column holds what.

Real rosters are not tidy tables: a merged title on top, a header over two rows, a branch
name merged down over its members, a .csv saved by WPS in GBK. This module turns a file into
a list of row tuples exactly as the cells hold them (merged cells filled in, nothing else
changed) and finds the header by its words, so the importer can judge every cell itself and
point at it by its cell reference.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import range_boundaries

from models.config import settings
from models.errors import ValidationError
from models.exchange import limits
from models.exchange.roster_format import BY_KEY, KEYS, column_for_header, normalize_header

HEADER_SCAN = 30  # the header is looked for in this many rows from the top
_MAX_MERGE_CELLS = 200_000  # a merge larger than this is formatting, not data

Progress = Callable[[int, int], None]


@dataclass
class SheetData:
    """One worksheet's cell values; rows[0] is sheet row 1."""

    source: str  # the file name, for messages and the import record
    sheet: str
    rows: list[tuple] = field(default_factory=list)

    def value(self, row: int, col: int) -> Any:
        """The value at 1-based row and 0-based column, None beyond the edges."""
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 0 <= col < len(cells):
                return cells[col]
        return None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows[:HEADER_SCAN * 4]), default=0)


@dataclass(frozen=True)
class Layout:
    """Where each roster column sits (0-based) and the first row of data (1-based)."""

    columns: dict[str, int]
    first_data_row: int
    recognized: bool = False  # found by the header words rather than given by the clerk

    def cell(self, key: str, row: int) -> str:
        """The cell reference (D7) of a column in a row, '' when the column is not mapped."""
        col = self.columns.get(key)
        return "" if col is None else f"{get_column_letter(col + 1)}{row}"


def column_letter(col: int) -> str:
    return get_column_letter(col + 1)


# --- reading files ------------------------------------------------------------------------

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", *TEXT_SUFFIXES)  # what `read_file` takes


def read_file(path: str | Path, sheet: str | None = None, progress: Progress | None = None) -> SheetData:
    """Every row of the roster sheet of a workbook (.xlsx / .xlsm / .xls / .ods) or a text file.

    Without `sheet`, the first sheet (active one first) whose header is recognised is read,
    so a workbook with an instructions sheet in front still works. Every reader stops at the
    first of `limits` a file passes, with a message (`limits.TooLarge`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, progress)
    if suffix in _WORKBOOK_SUFFIXES:
        suffix = _content_kind(path, suffix)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet, progress)
    if suffix == ".xls":
        return _read_xls(path, sheet)
    if suffix == ".ods":
        return _read_ods(path, sheet, progress)
    if suffix in (".et", ".wps"):
        raise ValidationError(
            f"暂不能直接读取 {suffix} 格式的 WPS 表格。请在 WPS 中打开它，"
            "“另存为”Excel 工作簿（.xlsx 或 .xls）后再导入。")
    if suffix in (".numbers", ".xlsb", ".fods"):
        raise ValidationError(
            f"暂不能读取 {suffix} 格式的表格。请在原来的程序中打开它，另存为 Excel 工作簿（.xlsx）后再导入。")
    raise ValidationError("只能导入 Excel 工作簿（.xlsx、.xls）、OpenDocument 表格（.ods）"
                          "或文本文件（.csv、.txt）。")


_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .xls (and of password-protected .xlsx)
_ODS_MIME = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


def _content_kind(path: Path, suffix: str) -> str:
    """What a workbook is by its first bytes, whatever its name says.

    Offices rename files, and web systems export "xls" files that are .xlsx, or not
    workbooks at all but a web page of a table: the first are read as what they are, the
    others refused with what to do.
    """
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(_OLE):
        if _encrypted(path):
            raise _password(path)
        return ".xls"
    if head.startswith(b"PK\x03\x04"):
        if _ODS_MIME in head:
            return ".ods"
        return suffix if suffix != ".xls" else ".xlsx"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<html", b"<!doctype", b"<table", b"<meta", b"<head")) or (
            start.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head):
        raise ValidationError(f"“{path.name}”实际上是网页（HTML / XML）格式的表格，只是扩展名写成了 {path.suffix}。"
                              "请在 Excel 或 WPS 中打开它，另存为 Excel 工作簿（.xlsx）后再导入。")
    return suffix


def _password(path: Path) -> ValidationError:
    return ValidationError(f"“{path.name}”设置了打开密码，无法读取。请在 Excel 或 WPS 中打开它，"
                           "取消密码（文件 → 信息 → 保护工作簿）并保存后再导入。")


def _encrypted(path: Path) -> bool:
    """A compound file holding an encrypted .xlsx: its directory names the EncryptedPackage stream."""
    with open(path, "rb") as f:
        return "EncryptedPackage".encode("utf-16-le") in f.read(1024 * 1024)


def _read_ods(path: Path, sheet: str | None, progress: Progress | None) -> SheetData:
    from models.exchange import ods_read

    name, rows, merges = ods_read.read_ods(path, sheet, _header_in, HEADER_SCAN, progress)
    _fill_merged(rows, merges)
    return SheetData(path.name, name, rows)


def _read_xls(path: Path, sheet: str | None) -> SheetData:
    """An Excel 97–2003 workbook, still what many offices' templates are, through xlrd.

    xlrd reads the whole file into memory, so the file's size is the limit; an .xls cannot
    hold more than 65,536 rows anyway.
    """
    import xlrd

    size = path.stat().st_size
    if size > limits.MAX_XLS_BYTES:
        raise limits.too_large(f"文件有 {size // (1024 * 1024):,} MB，Excel 97–2003 工作簿最多读取 "
                               f"{limits.MAX_XLS_BYTES // (1024 * 1024)} MB")
    try:
        # xlrd's own warnings (a truncated file, an odd sector) would go to stdout: the message says it
        book = xlrd.open_workbook(str(path), formatting_info=True, logfile=io.StringIO())
    except MemoryError:
        raise
    except Exception as exc:
        if "encrypted" in str(exc).lower():  # xlrd: "Workbook is encrypted"
            raise _password(path) from None
        raise ValidationError(
            f"无法读取“{path.name}”：文件已损坏，或不是 Excel 97–2003 工作簿（{type(exc).__name__}）。"
            "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。") from None
    sheets = [s for s in book.sheets() if s.visibility == 0] or book.sheets()
    if not sheets:
        raise ValidationError(f"“{path.name}”中没有工作表。")
    if sheet is not None:
        chosen = next((s for s in book.sheets() if s.name == sheet), None)
        if chosen is None:
            raise ValidationError(f"工作簿中没有名为“{sheet}”的工作表。")
    else:
        chosen = next((s for s in sheets if _header_in(_xls_rows(book, s, HEADER_SCAN), s.name)),
                      sheets[0])
    limits.check_rows(chosen.nrows)
    limits.Budget().spend_cells(chosen.nrows * chosen.ncols)
    rows = _xls_rows(book, chosen)
    _fill_merged(rows, [(clo + 1, rlo + 1, chi, rhi) for rlo, rhi, clo, chi in chosen.merged_cells])
    return SheetData(path.name, chosen.name, rows)


def _xls_rows(book: Any, sheet: Any, max_row: int | None = None) -> list[tuple]:
    """Cell values as the .xlsx readers give them: str, int/float, datetime, bool or None."""
    import xlrd

    def value(cell: Any) -> Any:
        kind, v = cell.ctype, cell.value
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        if kind == xlrd.XL_CELL_TEXT:
            return v if v.strip() else None
        if kind == xlrd.XL_CELL_NUMBER:
            return int(v) if float(v).is_integer() else v
        if kind == xlrd.XL_CELL_DATE:
            try:
                return xlrd.xldate_as_datetime(v, book.datemode)
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                return v
        if kind == xlrd.XL_CELL_BOOLEAN:
            return bool(v)
        return xlrd.error_text_from_code.get(v)   # #N/A and the like, as Excel shows them

    count = sheet.nrows if max_row is None else min(sheet.nrows, max_row)
    rows = [tuple(value(c) for c in sheet.row(r)) for r in range(count)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def _read_text(path: Path, progress: Progress | None) -> SheetData:
    from models.exchange import text_read

    rows, _encoding = text_read.read_text(path, progress)
    return SheetData(path.name, path.stem, rows)


def _read_xlsx(path: Path, sheet: str | None, progress: Progress | None) -> SheetData:
    from models.exchange import xlsx_read

    try:
        with xlsx_read.open_book(path, progress) as book:
            if sheet is not None:
                chosen = next((s for s in book.sheets if s.name == sheet), None)
                if chosen is None:
                    raise ValidationError(f"工作簿中没有名为“{sheet}”的工作表。")
            else:
                active = book.sheets[book.active]
                ordered = [active, *(s for s in book.sheets if s is not active and not s.hidden)]
                chosen = next((s for s in ordered if _header_in(
                    xlsx_read.read_sheet(book, s, HEADER_SCAN)[0], s.name)), active)
            rows, merges = xlsx_read.read_sheet(book, chosen)
    except xlsx_read.Unsupported:
        return _read_xlsx_openpyxl(path, sheet)
    _fill_merged(rows, merges)
    return SheetData(path.name, chosen.name, rows)


def _header_in(rows: list[tuple], name: str) -> bool:
    return detect_layout(SheetData("", name, rows)) is not None


def _read_xlsx_openpyxl(path: Path, sheet: str | None) -> SheetData:
    """The slower way, for workbooks the fast reader does not understand (strict XML and the like).

    openpyxl cannot be metered as it inflates, but zipfile never inflates an entry past the
    size the directory states, so those sizes bound what it reads.
    """
    import openpyxl

    try:
        with zipfile.ZipFile(path) as zf:
            declared = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        declared = 0  # openpyxl reports it below
    if declared > _MAX_FALLBACK_BYTES:
        raise limits.too_large(f"解压后的内容有 {declared // (1024 * 1024):,} MB")
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        # InvalidFileException: a zip header and nothing of a workbook behind it (found by the
        # fuzz test: b"PK\x03\x04" named .xls)
        if not (isinstance(exc, InvalidFileException) or limits.is_damage(exc)):
            raise
        raise _damaged(path, exc) from None
    try:
        sheets = [ws for ws in wb.worksheets if hasattr(ws, "iter_rows")]
        if not sheets:
            raise ValidationError(f"“{path.name}”中没有工作表。")
        if sheet is not None:
            chosen = next((ws for ws in sheets if ws.title == sheet), None)
            if chosen is None:
                raise ValidationError(f"工作簿中没有名为“{sheet}”的工作表。")
        else:
            active = wb.active if wb.active in sheets else sheets[0]
            ordered = [active, *(ws for ws in sheets if ws is not active)]
            chosen = next((ws for ws in ordered if _header_in(_openpyxl_rows(ws, HEADER_SCAN), ws.title)),
                          active)
        rows = _openpyxl_rows(chosen)
        _fill_merged(rows, _merged_ranges(chosen))
        return SheetData(path.name, chosen.title, rows)
    except Exception as exc:  # a part found damaged only when its rows are read
        if not limits.is_damage(exc):
            raise
        raise _damaged(path, exc) from None
    finally:
        wb.close()


_MAX_FALLBACK_BYTES = 64 * 1024 * 1024


def _damaged(path: Path, exc: BaseException) -> ValidationError:
    return ValidationError(
        f"无法读取“{path.name}”：文件已损坏，或不是 Excel 工作簿（{type(exc).__name__}）。"
        "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。")


def _openpyxl_rows(ws: Any, max_row: int | None = None) -> list[tuple]:
    ws.reset_dimensions()  # some writers record a wrong size; read what is there
    budget = limits.Budget()
    rows = []
    for number, row in enumerate(ws.iter_rows(max_row=max_row, values_only=True), 1):
        while row and row[-1] is None:
            row = row[:-1]
        if row:
            limits.check_rows(number)
            if len(row) > limits.MAX_COLUMNS:
                limits.check_columns(len(row) - 1, number)
            budget.spend_cells(len(row))
        rows.append(row)
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a read-only sheet (openpyxl gives none there): from the sheet's XML."""
    try:
        with ws._get_source() as src:
            xml = src.read()
    except (AttributeError, KeyError, OSError):
        return []
    return [range_boundaries(ref.decode()) for ref in _MERGE_RE.findall(xml)]


def _fill_merged(rows: list[tuple], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the value of its top-left cell, as the clerk sees it."""
    for min_col, min_row, max_col, max_row in ranges:
        if (max_col - min_col + 1) * (max_row - min_row + 1) > _MAX_MERGE_CELLS:
            continue
        if min_row > len(rows):
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        if value is None:
            continue
        for r in range(min_row, min(max_row, len(rows)) + 1):
            cells = list(rows[r - 1])
            if len(cells) < max_col:
                cells.extend([None] * (max_col - len(cells)))
            for c in range(min_col, max_col + 1):
                if cells[c - 1] is None:
                    cells[c - 1] = value
            rows[r - 1] = tuple(cells)


# --- finding the columns --------------------------------------------------------------------

def _match(header_rows: list[tuple]) -> dict[str, int]:
    """Columns recognised in a header of one or two rows (the lower row's word wins)."""
    width = max((len(r) for r in header_rows), default=0)
    found: dict[str, int] = {}
    for col in range(width):
        texts = [r[col] if col < len(r) else None for r in header_rows]
        candidates = [t for t in reversed(texts) if t is not None]
        if len(candidates) > 1:
            candidates.append("".join(str(t) for t in texts if t is not None))
        for text in candidates:
            key = column_for_header(text)
            if key is not None:
                found.setdefault(key, col)
                break
    return found


def detect_layout(data: SheetData) -> Layout | None:
    """The roster header among the top rows, or None when no row looks like one.

    A header must name 姓名 and at least two other roster columns. When a one-row and a
    two-row reading find the same columns, the one-row reading wins.
    """
    best: tuple[tuple[int, int, int], Layout] | None = None
    top = data.rows[:HEADER_SCAN + 1]
    for i in range(min(HEADER_SCAN, len(top))):
        for span in (1, 2):
            if i + span > len(top):
                continue
            columns = _match(top[i:i + span])
            if "name" not in columns or len(columns) < 3:
                continue
            rank = (len(columns), -span, -i)
            if best is None or rank > best[0]:
                best = (rank, Layout(columns, i + span + 1, recognized=True))
    if best is None:
        return None
    layout = best[1]
    # a header merged over two rows is filled into both: the copy is not a member
    while (layout.first_data_row <= len(data.rows)
           and _match([data.rows[layout.first_data_row - 1]]) == layout.columns):
        layout = Layout(layout.columns, layout.first_data_row + 1, recognized=True)
    return layout


def make_layout(mapping: dict[str, str | int], first_data_row: int | None = None,
                data: SheetData | None = None) -> Layout:
    """A layout the clerk gave: roster key -> column letter ("D") or 0-based index.

    Without `first_data_row`, data is taken to start at the first row under the top rows that
    holds a name in the name column and no header words.
    """
    columns: dict[str, int] = {}
    for key, where in mapping.items():
        if key not in BY_KEY:
            raise ValidationError(f"未知的栏目“{key}”。")
        if where is None or where == "":
            continue
        if isinstance(where, int):
            col = where
        else:
            try:
                col = column_index_from_string(str(where).strip().upper()) - 1
            except ValueError:
                raise ValidationError(f"“{where}”不是有效的列号，请填写 A、B、C 这样的列字母。") from None
        if col < 0:
            raise ValidationError(f"“{where}”不是有效的列号。")
        columns[key] = col
    if "name" not in columns:
        raise ValidationError("请指定“姓名”在哪一列。")
    taken: dict[int, str] = {}
    for key, col in columns.items():
        if col in taken:
            raise ValidationError(
                f"“{BY_KEY[taken[col]].label}”和“{BY_KEY[key].label}”指定了同一列（{column_letter(col)} 列）。")
        taken[col] = key
    if first_data_row is None:
        first_data_row = _guess_first_data_row(data, columns) if data else 2
    if first_data_row < 1:
        raise ValidationError("数据开始的行号应从 1 起。")
    return Layout(dict(sorted(columns.items(), key=lambda kv: KEYS.index(kv[0]))), first_data_row)


def _guess_first_data_row(data: SheetData, columns: dict[str, int]) -> int:
    """The first row holding an ID-like number, or else a name that is no header word."""
    from models.roster.idcard import normalize_id

    id_col = columns.get("id_number")
    for row in range(1, min(HEADER_SCAN, len(data.rows)) + 1):
        if id_col is not None:
            value = data.value(row, id_col)
            if isinstance(value, (int, float)) and value >= 1e14 or re.fullmatch(
                    r"\d{15,17}[\dX]|[\d.]+E\+?1\d", normalize_id(value)):
                return row
        else:
            name = data.value(row, columns["name"])
            if isinstance(name, str) and name.strip() and not any(
                    column_for_header(v) for v in data.rows[row - 1] if isinstance(v, str)):
                return row
    return 2


# --- remembered layouts -----------------------------------------------------------------------

def _signature(cells: tuple) -> str:
    texts = [normalize_header(v) for v in cells]
    while texts and not texts[-1]:
        texts.pop()
    return "|".join(texts) if sum(1 for t in texts if t) >= 2 else ""


def remembered_layout(data: SheetData) -> Layout | None:
    """A layout the clerk saved for a sheet whose header row reads exactly like this one."""
    saved = settings.get("import_mappings") or {}
    for i, cells in enumerate(data.rows[:HEADER_SCAN]):
        entry = saved.get(_signature(cells))
        if entry:
            return Layout({k: int(v) for k, v in entry["columns"].items() if k in BY_KEY}, i + 2)
    return None


def remember_layout(data: SheetData, layout: Layout) -> bool:
    """Save the layout under the text of the row above the data; False when that row is empty.

    The next file with the same header row opens with these columns without asking.
    """
    if layout.first_data_row < 2:
        return False
    signature = _signature(data.rows[layout.first_data_row - 2]) if len(data.rows) >= layout.first_data_row - 1 else ""
    if not signature:
        return False
    saved = dict(settings.get("import_mappings") or {})
    saved.pop(signature, None)
    saved[signature] = {"columns": dict(layout.columns)}
    while len(saved) > 50:  # the oldest go first
        saved.pop(next(iter(saved)))
    settings.put({"import_mappings": saved})
    return True
