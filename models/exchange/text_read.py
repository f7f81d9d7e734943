"""Reading a roster saved as text: CSV, or what Excel calls "Unicode 文本".

The text comes in the encodings Chinese offices' programs write: UTF-8 with or without a
byte-order mark, GBK (read as GB18030, which contains it) from WPS and older Excel, and
UTF-16 with a mark from Excel's "Unicode 文本" (tab-separated, saved as .txt). The separator
is the one of comma, tab and semicolon that cuts the first lines into equal widths. The file
is read line by line with every limit checked, never whole: a 1 GB line is refused at its
first megabyte.
"""
from __future__ import annotations

import codecs
import csv
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import IO

from models.errors import ValidationError
from models.exchange import limits

_DELIMITERS = ("\t", ",", ";")
_MAX_LINE = 1024 * 1024  # characters in one physical line
_SAMPLE_LINES = 30


def encoding_of(path: Path) -> str:
    """The codec to read the file with, judged from its mark, its zero bytes, or its validity."""
    with open(path, "rb") as f:
        head = f.read(4096)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if len(head) >= 16:  # UTF-16 without its mark: every other byte of ASCII text is zero
            odd, even = head[1::2].count(0), head[0::2].count(0)
            if odd > len(head) // 4 and even < odd // 8:
                return "utf-16-le"
            if even > len(head) // 4 and odd < even // 8:
                return "utf-16-be"
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = f.read(1024 * 1024)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"  # reads every GBK file WPS writes
    return "utf-8"


def _lines(stream: IO[str], budget: limits.Budget) -> Iterator[str]:
    number = 0
    while True:
        line = stream.readline(_MAX_LINE + 1)
        if not line:
            return
        number += 1
        if len(line) > _MAX_LINE:
            raise limits.too_large(f"第 {number:,} 行超过 {_MAX_LINE // 1024 // 1024} MB")
        budget.spend_bytes(len(line))
        yield line


def delimiter_of(lines: list[str]) -> str:
    """The separator that gives the most lines of one common width (more than one column)."""
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


def read_text(path: Path, progress: limits.Progress | None = None) -> tuple[list[tuple], str]:
    """(rows, encoding) of a CSV or tab-separated text file; `progress` hears of the characters read."""
    size = path.stat().st_size
    budget = limits.Budget(progress=progress, expected=size)
    if size > budget.max_bytes:
        raise limits.too_large(f"文件有 {size // (1024 * 1024):,} MB，超过 {budget.max_bytes // (1024 * 1024)} MB")
    encoding = encoding_of(path)
    rows: list[tuple] = []
    old_limit = csv.field_size_limit()
    try:
        csv.field_size_limit(limits.MAX_CELL_CHARS)
        with open(path, encoding=encoding, errors="replace", newline="") as stream:
            lines = _lines(stream, budget)
            sample = [line for _, line in zip(range(_SAMPLE_LINES), lines, strict=False)]
            reader = csv.reader(chain(sample, lines), delimiter=delimiter_of(sample))
            for number, cells in enumerate(reader, 1):
                row = [budget.keep(c) if c.strip() else None for c in cells]
                while row and row[-1] is None:
                    row.pop()
                if row:
                    limits.check_rows(number)
                    if len(row) > limits.MAX_COLUMNS:
                        limits.check_columns(len(row) - 1, number)
                    budget.spend_cells(len(row))
                rows.append(tuple(row))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            where = f"第 {len(rows) + 1:,} 行有一个单元格"
            raise limits.too_large(f"{where}超过 {limits.MAX_CELL_CHARS:,} 个字符") from None
        raise ValidationError(f"无法读取这个文本文件（第 {len(rows) + 1:,} 行格式有误）。"
                              "请在 Excel 中打开它，另存为 .xlsx 后再导入。") from None
    finally:
        csv.field_size_limit(old_limit)
    while rows and not rows[-1]:
        rows.pop()
    return rows, encoding

