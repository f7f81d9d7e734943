"""How much of a file the roster import will read, checked while it reads.

A hostile or broken file must end in seconds with a message, not fill the memory: a 1.6 MB
workbook can hold a sheet that expands to gigabytes, and the sizes a zip archive states for
its entries can lie. So nothing here trusts a stated size: bytes are counted as they are
decompressed, rows, columns and cells as they are parsed, and the parse stops at the first
limit passed. The limits sit far above a township's roster (100,000 members read in full, see
bench/excel.py) and low enough that reading the largest file they allow stays within a few
hundred MB.
"""
from __future__ import annotations

import errno
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Literal
from xml.etree.ElementTree import ParseError, XMLPullParser

from models.errors import ValidationError

MAX_BYTES = 320 * 1024 * 1024  # uncompressed XML or text read from one file (100,000 members: ~140 MB)
MAX_ROWS = 120_000  # sheet rows holding values (Excel allows 1,048,576)
MAX_COLUMNS = 256  # columns holding values (the national roster has 21)
MAX_CELLS = 4_000_000  # rows × width kept in memory (100,000 members × 21 columns: 2.1 million)
MAX_CELL_CHARS = 32_767  # characters in one cell, Excel's own limit
MAX_TEXT_MEMORY = 160 * 1024 * 1024  # different texts kept, as CPython stores them (100,000 members: ~40 MB)
MAX_XLS_BYTES = 40 * 1024 * 1024  # an .xls is read whole: 56 MB of distinct texts took 260 MB; a roster ~20 MB
_MAX_PENDING = 1024 * 1024  # bytes parsed with no element completed: one value cannot be that long
_MAX_PARTS = 5_000  # elements inside one cell (rich-text runs, paragraphs) or between two rows
_CHUNK = 4 * 1024  # small: the parser then works in the CPU cache (64 KB chunks read 40 % slower)
_REPORT_EVERY = 1024 * 1024  # bytes between two progress reports
_SHARED_LENGTH = 24  # texts shorter than this are kept once however often they come
_MAX_ENTRIES = 10_000  # parts in a zip archive; a workbook has a few dozen

_REDO = "请检查文件是否完整；如确是名册，请在 Excel 或 WPS 中删去多余的内容，或分成几个文件后再导入。"


Event = Literal["start", "end"]
Progress = Callable[[int, int], None]


# What zipfile, zlib and the XML parser raise for a file damaged on the way (cut short, bytes
# changed): the readers turn these into a message saying the file is damaged.
_BROKEN: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, struct.error, UnicodeDecodeError,
    ParseError, LookupError, ValueError, TypeError, SyntaxError)


def is_damage(exc: BaseException) -> bool:
    """True for what a damaged file raises; False for a limit passed, a bug, or a fault of the
    disk or the memory (`faults` words those)."""
    if isinstance(exc, ValidationError):
        return False
    if isinstance(exc, OSError):  # zipfile seeking to an offset the damage made negative
        return exc.errno == errno.EINVAL
    return isinstance(exc, _BROKEN)


class TooLarge(ValidationError):
    """The file passes a limit; raised while reading, before the rest of it is looked at."""


def too_large(what: str) -> TooLarge:
    return TooLarge(f"文件太大或已损坏，无法导入：{what}。{_REDO}")


def check_rows(row: int) -> None:
    if row > MAX_ROWS:
        raise too_large(f"第 {row:,} 行还有内容，超过了 {MAX_ROWS:,} 行的上限")


def check_columns(col: int, row: int) -> None:
    """`col` is 0-based."""
    if col >= MAX_COLUMNS:
        raise too_large(f"第 {row:,} 行的第 {col + 1:,} 列还有内容，超过了 {MAX_COLUMNS} 列的上限")


def check_text(text: str, where: str) -> str:
    if len(text) > MAX_CELL_CHARS:
        raise too_large(f"{where}的内容有 {len(text):,} 个字符，超过了一个单元格 {MAX_CELL_CHARS:,} 个字符的上限")
    return text


class Budget:
    """Bytes, cells and kept text one reading of one file may still use."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_cells: int = MAX_CELLS,
                 max_text: int = MAX_TEXT_MEMORY, *, progress: Progress | None = None, expected: int = 0) -> None:
        """`progress(done, total)` hears of the bytes read, each megabyte, against `expected`
        (what the file says it holds: a guess, and never shown past its end); it may raise to
        stop the reading (the window's 取消)."""
        self.progress = progress
        self.expected = expected
        self._next_report = _REPORT_EVERY
        self.bytes_left = max_bytes
        self.cells_left = max_cells
        self.text_left = max_text
        self.max_bytes = max_bytes
        self.max_cells = max_cells
        self.max_text = max_text
        self._seen: dict[str, str] = {}

    def keep(self, text: str) -> str:
        """The one object kept for this text (男, 汉族 … come a million times); a text not kept
        before is paid for, so four million different ones cannot fill the memory."""
        cost = 56 + 2 * len(text)  # CPython's str: its header, then 1, 2 or 4 bytes a character
        if len(text) < _SHARED_LENGTH:
            kept = self._seen.get(text)
            if kept is not None:
                return kept
            self._seen[text] = text
            cost += 48  # its place in the table of kept texts
        self.text_left -= cost
        if self.text_left < 0:
            raise too_large(f"表格中不同的文字超过 {self.max_text // (1024 * 1024)} MB")
        return text

    def spend_bytes(self, n: int) -> None:
        self.bytes_left -= n
        if self.bytes_left < 0:
            raise too_large(f"解压后的内容超过 {self.max_bytes // (1024 * 1024)} MB")
        if self.progress is not None:
            spent = self.max_bytes - self.bytes_left
            if spent >= self._next_report:
                self._next_report = spent + _REPORT_EVERY
                total = max(self.expected, 1)
                self.progress(min(spent, total), total)

    def spend_cells(self, n: int) -> None:
        self.cells_left -= n
        if self.cells_left < 0:
            raise too_large(f"表格超过 {self.max_cells // 10_000:,} 万个单元格")


def check_zip_entries(path: str | Path) -> None:
    """Refuse an archive whose central directory lists more parts than a workbook has.

    zipfile builds an object per entry before anything can be checked, so the count is read
    from the end-of-directory record first: a few MB of empty entries would be a million.
    """
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 66_000))
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return  # not a zip: zipfile says so
    entries = int.from_bytes(tail[at + 10:at + 12], "little")
    if entries > _MAX_ENTRIES:
        raise too_large(f"压缩包中有 {entries:,} 个部分（工作簿一般只有几十个）")


def xml_batches(stream: IO[bytes], budget: Budget, items: frozenset[str],
                events: tuple[Event, ...] = ("end",)) -> Iterator[list[tuple[str, Any]]]:
    """Parse events of an XML stream, fed in chunks and metered, a list per chunk.

    `items` are the tags that end one unit of data (a cell, a row, a shared string): between
    two of them only `_MAX_PARTS` other elements may end, so a cell of a million rich-text
    runs is refused before it is built. A megabyte fed without any element ending means a
    value or tag that long (CDATA included), refused before the parser has gathered more.
    Lists rather than single events: a county roster has millions, and one generator step
    less for each is a tenth of the reading time.
    """
    parser: Any = XMLPullParser(events)  # its events are (kind, element) for start and end
    pending = 0
    parts = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        budget.spend_bytes(len(chunk))
        parser.feed(chunk)
        batch = list(parser.read_events())
        for _event, el in batch:
            if el.tag in items:
                parts = 0
            else:
                parts += 1
                if parts > _MAX_PARTS:
                    raise too_large(f"一个单元格或一行中有超过 {_MAX_PARTS:,} 个部分")
        pending = 0 if batch else pending + len(chunk)
        if pending > _MAX_PENDING:
            raise too_large("有一个单元格或标记超过 1 MB")
        yield batch
    parser.close()
    yield list(parser.read_events())


def xml_events(stream: IO[bytes], budget: Budget, items: frozenset[str],
               events: tuple[Event, ...] = ("end",)) -> Iterator[tuple[str, Any]]:
    """The events of `xml_batches` one by one, for the small parts of a file."""
    for batch in xml_batches(stream, budget, items, events):
        yield from batch
