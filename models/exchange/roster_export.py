"""Writing .xlsx files: the national roster, and any list the program shows.

The roster goes out in the national format (title in A1, a two-row header, data from row 4),
with ID numbers and dates written as text: Excel turns an 18-digit number into 1.23457E+17
and keeps only 15 digits of it, and re-types dates by the machine's locale. A roster written
here reads back through `roster_import` without losing anything.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from models.exchange.roster_format import COLUMNS, GROUPS, TITLE
from models.exchange.xlsx_write import SheetLayout, Styled, sheet_name, write
from models.roster.members import shown_date
from models.roster.roll import on_books_clause
from models.store.tables import Member, Organization

_WIDTHS = {  # characters, by roster key
    "seq": 6, "name": 10, "org": 26, "id_number": 21, "sex": 6, "ethnicity": 8, "birth_date": 12,
    "education": 12, "kind": 10, "join_date": 14, "full_date": 14, "job": 18, "mobile": 14,
    "phone": 15, "address": 28, "party_status": 10, "is_lost": 10, "lost_date": 13,
    "is_mobile": 10, "mobile_destination": 18, "notes": 24,
}
_TEXT_KINDS = ("id", "date")


def _date(value: dt.date | None, key: str = "", month_only: str = "") -> str:
    """1985-07-01, or 1985-07 for a date known only to the month (read back as such)."""
    return shown_date(value, key, month_only) if value else ""


def roster_rows(org_ids: Sequence[int] | None = None, include_off_roll: bool = False) -> list[list[Any]]:
    """Members as national roster rows (序号 first), by organization then 姓氏笔画.

    Members transferred out or deceased are left out unless asked for; those whose membership
    is suspended stay, since the roster has a 党籍状态 column for them.
    """
    m = Member
    query = (m.select(m.name, Organization.name, m.id_number, m.sex, m.ethnicity, m.birth_date,
                      m.education, m.kind, m.join_date, m.full_date, m.job, m.mobile, m.phone,
                      m.address, m.party_status, m.is_lost, m.lost_date, m.is_mobile,
                      m.mobile_destination, m.notes, m.month_only)
             .join(Organization).order_by(Organization.id, m.stroke_key, m.id))
    if org_ids is not None:
        query = query.where(m.org.in_(list(org_ids)))
    if not include_off_roll:
        query = query.where(on_books_clause())
    rows = []
    for n, (name, org, idn, sex, eth, birth, edu, kind, join, full, job, mobile, phone, address,
            status, lost, lost_date, moving, dest, notes, partial) in enumerate(query.tuples(), 1):
        rows.append([n, name, org, idn or "", sex, eth, _date(birth, "birth_date", partial), edu, kind,
                     _date(join, "join_date", partial), _date(full, "full_date", partial), job, mobile,
                     phone, address, status, "是" if lost else "否",
                     _date(lost_date, "lost_date", partial) if lost else "", "是" if moving else "否",
                     dest if moving else "", notes])
    return rows


def _header_rows() -> tuple[list[Styled], list[Styled], list[str]]:
    """The two header rows and their merges: most headings span both rows, and 失联 / 流动
    pairs sit under a group heading."""
    upper, lower, merges = [], [], []
    under_group: set[str] = set()
    keys = [c.key for c in COLUMNS]
    for first, (_heading, span) in GROUPS.items():
        under_group.update(keys[keys.index(first):keys.index(first) + span])
    for col, column in enumerate(COLUMNS, 1):
        letter = get_column_letter(col)
        if column.key in GROUPS:
            heading, span = GROUPS[column.key]
            merges.append(f"{letter}2:{get_column_letter(col + span - 1)}2")
            upper.append(Styled(heading, "header"))
            lower.append(Styled(column.label, "header"))
        elif column.key in under_group:
            upper.append(Styled(None, "header"))
            lower.append(Styled(column.label, "header"))
        else:
            merges.append(f"{letter}2:{letter}3")
            upper.append(Styled(column.label, "header"))
            lower.append(Styled(None, "header"))
    return upper, lower, merges


def export_roster(path: str | Path, org_ids: Sequence[int] | None = None, *, title: str | None = None,
                  include_off_roll: bool = False) -> int:
    """Write the 党员基本信息汇总表 of the given organizations (all when None); returns the count."""
    rows = roster_rows(org_ids, include_off_roll)
    upper, lower, merges = _header_rows()
    last = get_column_letter(len(COLUMNS))
    text_positions = [i for i, c in enumerate(COLUMNS) if c.kind in _TEXT_KINDS]

    def lines() -> Iterable[list[Any]]:
        yield [Styled(title or TITLE, "title")]
        yield upper
        yield lower
        for values in rows:
            for i in text_positions:
                values[i] = Styled(values[i], "text")
            yield values

    layout = SheetLayout(
        name=TITLE, widths=[_WIDTHS[c.key] + 2 for c in COLUMNS], merges=[f"A1:{last}1", *merges],
        freeze="C4", print_title_rows=(2, 3), landscape=True, fit_width=True,
        row_heights={1: 30})
    write(path, lines(), layout)
    return len(rows)


def _width(value: Any) -> int:
    text = value.isoformat() if isinstance(value, dt.date) else "" if value is None else str(value)
    line = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def export_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], path: str | Path,
                 title: str | None = None, *, text_columns: Sequence[int] = ()) -> int:
    """Any list as a tidy sheet: optional title, bold header, fitted widths, frozen header, filter.

    Dates stay real dates (shown 2026-07-01) so Excel can sort and filter them; flags become
    是 / 否; the columns in `text_columns` (0-based) are written as text, for numbers that must
    keep every digit (ID numbers, phone numbers with a leading 0).
    """
    data = [list(r) for r in rows]
    width = max([len(headers), *(len(r) for r in data)], default=0) or 1
    widths = []
    for col in range(width):
        sample = [headers[col] if col < len(headers) else ""] + [r[col] for r in data[:500] if col < len(r)]
        widths.append(min(max(max(map(_width, sample)) + 2, 6), 60))
    texts = set(text_columns)
    header_row = 2 if title else 1

    def lines() -> Iterable[list[Any]]:
        if title:
            yield [Styled(title, "title")]
        yield [Styled(h, "header") for h in headers]
        for values in data:
            out = []
            for i, value in enumerate(values):
                if isinstance(value, bool):
                    value = "是" if value else "否"
                if i in texts and value is not None:
                    value = Styled(value if isinstance(value, str) else str(value), "text")
                out.append(value)
            yield out

    last = get_column_letter(width)
    layout = SheetLayout(
        name=sheet_name(title or "Sheet1"), widths=widths,
        merges=[f"A1:{last}1"] if title and width > 1 else [],
        freeze=f"A{header_row + 1}",
        autofilter=f"A{header_row}:{last}{header_row + max(len(data), 1)}" if headers else None,
        row_heights={1: 24} if title else None)
    write(path, lines(), layout)
    return len(data)
