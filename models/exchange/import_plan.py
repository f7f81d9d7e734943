"""What a roster import would do, before anything is written: the options, each row's
outcome with its problems, and the preview as a whole.

Kept apart from the reading and judging (`roster_import`) and the writing (`roster_write`),
which both work on these types, so neither has to import the other.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from models.exchange.roster_read import Layout, SheetData
from models.exchange.vocabulary import FUZZY, KEEP, UNKNOWN
from models.roster import idcard

NEW, UPDATE, SKIP, REJECT = "新增", "更新", "跳过", "未通过"


@dataclass(frozen=True)
class ImportOptions:
    """The clerk's choices: where rows without a branch go, and what to do with known people.

    `org_id` receives rows whose 所在党支部 is blank (or the file has no such column) and is the
    parent of branches created when `create_orgs` is on (its parent if it is a 党支部 itself).
    """

    org_id: int | None = None
    update_existing: bool = True
    create_orgs: bool = False
    # The clerk's choices for coded values: (field, spelling as written, canonical value; ""
    # leaves it blank). A tuple, so that options stay hashable and comparable.
    choices: tuple[tuple[str, str, str], ...] = ()

    def choice_map(self) -> dict[tuple[str, str], str]:
        return {(key, text): value for key, text, value in self.choices}


@dataclass
class ValueMapping:
    """One distinct spelling of a coded column and what the import makes of it."""

    key: str  # the member field
    label: str  # 学历
    text: str  # as first written in the sheet
    value: str | None  # what is stored; None: left blank (or, for free text, kept as written)
    how: str  # vocabulary.SYNONYM / FUZZY / UNKNOWN / ...
    count: int = 0
    first_row: int = 0
    free_text: bool = False  # unknown spellings are kept as written (工作岗位)

    @property
    def doubtful(self) -> bool:
        """A guess or no mapping at all: for the clerk to confirm or choose."""
        return self.how == FUZZY or (self.how == UNKNOWN and not self.free_text)

    def target(self) -> str:
        if self.value and self.value != KEEP:
            return f"「{self.value}」"
        return "（按原文保存）" if self.free_text or self.value == KEEP else "（留空）"

    def __str__(self) -> str:
        return f"{self.label}「{self.text}」→{self.target()}，{self.count} 行（{self.how}）"


@dataclass(frozen=True)
class Problem:
    row: int
    cell: str  # "D7"; "" when it concerns the row as a whole
    message: str
    blocking: bool = True  # False: a note; the row is still imported

    def __str__(self) -> str:
        where = self.cell or f"第 {self.row} 行"
        return f"{where}：{self.message}"


@dataclass
class RowOutcome:
    row: int  # sheet row, 1-based
    action: str  # NEW / UPDATE / SKIP / REJECT
    raw: dict[str, Any]  # roster key -> the cell's value as read
    values: dict[str, Any] = field(default_factory=dict)  # as it will be stored
    problems: list[Problem] = field(default_factory=list)
    member_id: int | None = None  # the member it matched by ID number
    org_label: str = ""  # where the member lands, as shown
    new_org: str | None = None  # a branch the import will create for this row
    changes: tuple[str, ...] = ()  # columns an update changes

    @property
    def name(self) -> str:
        return str(self.values.get("name") or cell_text(self.raw.get("name"))).strip()

    @property
    def id_number(self) -> str:
        return self.values.get("id_number") or idcard.normalize_id(self.raw.get("id_number"))

    @property
    def matched_id(self) -> int:
        """The stored member an UPDATE (or SKIP) row is about; only such rows are asked."""
        if self.member_id is None:
            raise ValueError(f"第 {self.row} 行没有对应的已登记党员")
        return self.member_id

    @property
    def reason(self) -> str:
        return "；".join(str(p) for p in self.problems if p.blocking)


@dataclass
class Preview:
    """What an import would do; nothing has been written yet."""

    data: SheetData
    layout: Layout
    options: ImportOptions
    rows: list[RowOutcome] = field(default_factory=list)
    ignored: list[Problem] = field(default_factory=list)  # rows that are not members
    new_orgs: dict[str, int | None] = field(default_factory=dict)  # branch name -> parent id
    snapshots: dict[int, tuple] = field(default_factory=dict)  # stored rows of matched members
    mappings: list[ValueMapping] = field(default_factory=list)  # spellings not stored as written
    cleaned: int = 0  # cells whose invisible or direction-control characters were removed

    @property
    def source(self) -> str:
        return self.data.source

    def counts(self) -> dict[str, int]:
        result = {NEW: 0, UPDATE: 0, SKIP: 0, REJECT: 0}
        for r in self.rows:
            result[r.action] += 1
        return result

    def accepted(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.action in (NEW, UPDATE)]

    def rejected(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.action == REJECT]

    def problems(self, skipped: bool = True) -> list[Problem]:
        """Every problem and note, in row order; `skipped=False` leaves out the notes on rows
        that are skipped anyway (already stored, unchanged), which on a re-import are all rows."""
        found = [p for r in self.rows if skipped or r.action != SKIP for p in r.problems] + self.ignored
        return sorted(found, key=lambda p: p.row)

    def summary(self) -> str:
        c = self.counts()
        text = (f"共 {len(self.rows)} 名党员：新增 {c[NEW]} 名，更新 {c[UPDATE]} 名，"
                f"跳过 {c[SKIP]} 名，未通过 {c[REJECT]} 名。")
        if self.new_orgs:
            text += f"将新建党支部：{'、'.join(self.new_orgs)}。"
        return text


def cell_text(value: Any) -> str:
    """A cell as text: 13812345678.0 is a number cell, not a decimal; a date cell is its date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
