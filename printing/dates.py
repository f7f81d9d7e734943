"""Chinese date formatting.

Notices use Arabic numerals (GB/T 9704-2012: 2026年7月1日); certificates customarily use
Chinese numerals with 〇 (二〇二六年七月一日). Which one is a per-template setting.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

DateStyle = Literal["arabic", "chinese"]

_DIGITS = "〇一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """1–31 the way dates say them: 十, 十一, 二十, 二十八, 三十一 (never 一十)."""
    if not 0 < n < 100:
        raise ValueError(f"日期数字超出范围：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def chinese_year(year: int) -> str:
    """Years are read digit by digit with 〇 for zero: 2026 → 二〇二六."""
    return "".join(_DIGITS[int(c)] for c in str(year))


def format_date(d: date, style: DateStyle = "arabic") -> str:
    """Format a date as 2026年7月1日 ("arabic") or 二〇二六年七月一日 ("chinese")."""
    if style == "arabic":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "chinese":
        return f"{chinese_year(d.year)}年{_chinese_number(d.month)}月{_chinese_number(d.day)}日"
    raise ValueError(f"未知的日期格式：{style!r}（应为 arabic 或 chinese）")


def format_period(start: date, end: date, style: DateStyle = "arabic") -> str:
    """A notice period, 2026年3月1日至2026年3月7日."""
    return f"{format_date(start, style)}至{format_date(end, style)}"
