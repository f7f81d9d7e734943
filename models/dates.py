"""Dates as clerks type them and as Excel files hold them.

Rosters arrive with real dates, Excel serial numbers, and text in many shapes (1985-7-1,
1985.07, 1985年7月, 19850701, full-width digits). Everything funnels through `parse_date` so
that each form field and each import column accepts the same things and rejects the same
things with the same message. A date given only to the month (1985.07, 1985年7月) means the
first of that month for `parse_date` (the member form's fields); `parse_with_precision` says
too whether the day was given, so an import can store "known only to the month" honestly.
A text of up to five digits in a date column ("26425", as a CSV holds an Excel date) is the
Excel serial number.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta

from models.errors import ValidationError

__all__ = ["MAX_YEAR", "MIN_YEAR", "MonthOnly", "end_of_month", "format_date_iso", "format_month",
           "parse_date", "parse_optional_date", "parse_with_precision", "year_only"]

MIN_YEAR = 1900
MAX_YEAR = 2100

_EXAMPLE = "1985-07-01"
# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 the 1900-02-29 that never was
# (kept for Lotus 1-2-3 compatibility), so from serial 61 on the epoch is 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MAX_SERIAL = (date(MAX_YEAR, 12, 31) - _EXCEL_EPOCH).days

_TIME_TAIL = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_PATTERNS = [
    # 1985-07-01, 1985/7/1, 1985.07.01 (one separator throughout), optional time of day.
    re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _TIME_TAIL),
    # 1985-07, 1985.7, 1985/07: the first of the month.
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})"),
    # 1985年7月1日, 1985年7月1号, 1985年7月.
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?)?"),
    # 19850701 and 198507.
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?"),
]
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                   "\u2060\u2066\u2067\u2068\u2069\ufeff"))


def _shown(value: object) -> str:
    """The value as it may appear inside a message: one line, printable, not too long."""
    try:
        text = str(value)
    except ValueError:  # an int too long for str(): no clerk typed that on purpose
        text = "…"
    text = "".join(c if c.isprintable() else "?" for c in text[:200]).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _invalid(value: object, label: str, field: str | None, why: str = "") -> ValidationError:
    return ValidationError(
        f"{label}“{_shown(value)}”不是有效日期{why}，请按 {_EXAMPLE} 的格式填写", field
    )


def _build(y: int, m: int, d: int, value: object, label: str, field: str | None) -> date:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValidationError(
            f"{label}“{_shown(value)}”的年份 {y} 超出范围，应在 {MIN_YEAR} 至 {MAX_YEAR} 年之间，"
            "请核对后重新填写",
            field,
        )
    if not 1 <= m <= 12:
        raise _invalid(value, label, field, f"（没有 {m} 月）")
    try:
        return date(y, m, d)
    except ValueError:
        raise _invalid(value, label, field, f"（{y} 年 {m} 月没有 {d} 日）") from None


def _from_number(value: int | float, label: str, field: str | None) -> tuple[date, bool]:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _invalid(value, label, field)
        whole = math.floor(value)
        if MIN_YEAR <= whole <= MAX_YEAR and value != whole:
            return _from_year_dot_month(value, label, field), True
        value = whole  # a fraction is the time of day
    if 19000101 <= value <= 21001231 or 190001 <= value <= 210012:
        return _from_text(str(value), label, field)  # 19850701 typed into a number cell
    if MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationError(
            f"{label}“{value}”只有年份，请填写到月或日，例如 {_EXAMPLE}", field
        )
    if value == 60:
        raise _invalid(value, label, field, "（Excel 的 1900-02-29 并不存在）")
    if 1 <= value < 60:
        return _EXCEL_EPOCH + timedelta(days=value + 1), False
    if 61 <= value <= _EXCEL_MAX_SERIAL:
        return _EXCEL_EPOCH + timedelta(days=value), False
    raise _invalid(value, label, field, "（作为 Excel 日期序号超出了 1900 至 2100 年的范围）")


def _from_year_dot_month(value: float, label: str, field: str | None) -> date:
    """1985.07 typed into a number cell: Excel keeps 1985.07, but 1985.10 becomes 1985.1."""
    text = repr(value)
    year, _, frac = text.partition(".")
    if len(frac) > 2 or "e" in text:
        raise _invalid(value, label, field)
    if frac == "1":
        raise ValidationError(
            f"{label}“{value}”无法判断是 1 月还是 10 月（Excel 会把 {year}.10 存成 {year}.1），"
            f"请改成 {year}-01-01 或 {year}-10-01 的格式填写",
            field,
        )
    return _build(int(year), int(frac), 1, value, label, field)


def _from_text(value: str, label: str, field: str | None) -> tuple[date, bool]:
    text = unicodedata.normalize("NFKC", value).translate(_INVISIBLE).strip()
    text = re.sub(r"\s+", " ", text)
    # Spaces inside the date part are typing noise (1985 年 7 月); the one before a time of day
    # is not, so squeeze them only around non-digits.
    text = re.sub(r" ?([年月日号./-]) ?", r"\1", text)
    for pattern in _PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            parts = found.groupdict()
            day = int(parts["d"]) if parts.get("d") else 1
            return _build(int(parts["y"]), int(parts["m"]), day, value, label, field), not parts.get("d")
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):  # an Excel serial (1927-05-18 on) kept as text
        return _from_number(int(text.split(".")[0]), label, field)
    if re.fullmatch(r"\d{4}年?", text):
        raise ValidationError(
            f"{label}“{_shown(value)}”只有年份，请填写到月或日，例如 {_EXAMPLE}", field
        )
    raise _invalid(value, label, field)


def parse_date(value: object, field_label: str, *, field: str | None = None) -> date:
    """Read one date from a form field or a spreadsheet cell, or say what is wrong with it.

    field_label names the field in the message (出生日期); field is passed on to the error so
    the window can point at the field.
    """
    return parse_with_precision(value, field_label, field=field)[0]


def parse_with_precision(value: object, field_label: str, *, field: str | None = None
                         ) -> tuple[date, bool]:
    """(the date, True when only its year and month were given: 1972.05, 1972年5月, 197205)."""
    if isinstance(value, datetime):
        return _build(value.year, value.month, value.day, value, field_label, field), False
    if isinstance(value, date):
        return _build(value.year, value.month, value.day, value, field_label, field), False
    if isinstance(value, bool):
        raise _invalid(value, field_label, field)
    if isinstance(value, (int, float)):
        return _from_number(value, field_label, field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"{field_label}未填写，请按 {_EXAMPLE} 的格式填写", field)
    if isinstance(value, str):
        return _from_text(value, field_label, field)
    raise _invalid(value, field_label, field)


def parse_optional_date(value: object, field_label: str, *, field: str | None = None
                        ) -> date | None:
    """Like parse_date, but a blank cell means "no date" (失去联系日期 of a member in touch)."""
    if value is None or (isinstance(value, str) and not unicodedata.normalize(
            "NFKC", value).translate(_INVISIBLE).strip()):
        return None
    return parse_date(value, field_label, field=field)


class MonthOnly(date):
    """A date known only to its year and month: sorts as its 1st, shows as 1985-07."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat


def year_only(value: object) -> int | None:
    """The year of a cell that gives nothing but a year (1972, "1972", "1972年"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        year = int(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).translate(_INVISIBLE).strip()
        found = re.fullmatch(r"(\d{4})\s*年?", text)
        if not found:
            return None
        year = int(found.group(1))
    else:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def end_of_month(d: date) -> date:
    """The last day a date known only to its month can be."""
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def format_month(d: date | None) -> str:
    """1985-07 for a date known only to the month; '' for no date."""
    return "" if d is None else f"{d.year:04d}-{d.month:02d}"


def format_date_iso(d: date | None) -> str:
    """1985-07-01, the form every field shows and every file stores; '' for no date."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = d.date()
    return d.isoformat()
