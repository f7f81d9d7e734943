"""Plain data the printing layer consumes: one dataclass family per document.

The UI (or anything else) fills these in from the database; ``printing`` never sees a
model object. Public notices must never carry ID numbers or private phone numbers, so
these classes simply have no field for them, and :func:`find_private_data` catches such
numbers typed into free text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Literal

from printing.dates import DateStyle

Paper = Literal["A4", "A3"]
Orientation = Literal["landscape", "portrait"]

__all__ = [
    "DateStyle",
    "Orientation",
    "Paper",
    "PledgeBoard",
    "PledgeItem",
    "PledgeRow",
    "find_private_data",
]


# ---------------------------------------------------------------- pledge board (承诺公示)

@dataclass(frozen=True)
class PledgeItem:
    """One pledge item (承诺事项) and its deadline (完成时限), e.g. "2026年12月底前"."""

    content: str
    deadline: str = ""


@dataclass(frozen=True)
class PledgeRow:
    """One member's line on the board; the 序号 is assigned from the row order."""

    name: str
    post: str = ""                       # 党内职务/岗位
    items: tuple[PledgeItem, ...] = ()
    fulfilment: str = ""                 # 践诺情况 (empty when the board is first posted)

    def __post_init__(self) -> None:
        # Accept any sequence from callers, keep a tuple so the row stays immutable.
        object.__setattr__(self, "items", tuple(self.items))


@dataclass(frozen=True)
class PledgeBoard:
    """党员公开承诺公示: one organization's members and their pledges for a year."""

    organization: str                    # full name, e.g. 中共东风村支部委员会
    year: int
    notice_start: date                   # 公示期
    notice_end: date
    rows: tuple[PledgeRow, ...] = ()
    intro: str | None = None             # None: a standard introduction is generated
    supervision_phone: str = ""          # the office's public supervision number
    issuer: str | None = None            # None: the organization's name
    issue_date: date | None = None       # None: the notice start date
    paper: Paper = "A4"
    orientation: Orientation = "landscape"
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        if self.notice_end < self.notice_start:
            raise ValueError("公示结束日期早于开始日期，请检查公示期。")
        if self.paper not in ("A4", "A3"):
            raise ValueError(f"不支持的纸张：{self.paper}（可选 A4、A3）")
        if self.orientation not in ("landscape", "portrait"):
            raise ValueError(f"不支持的纸张方向：{self.orientation}")


# ---------------------------------------------------------------- privacy guard

# 18-digit resident ID (last may be X), 15-digit old ID, mainland mobile numbers.
_ID_RE = re.compile(r"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9Xx])")
_MOBILE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789xX")

# Fields that are allowed to hold a phone number because it is the office's public one.
_PUBLIC_PHONE_FIELDS = {"supervision_phone"}


def _texts(obj: object, path: str) -> Iterator[tuple[str, str, str]]:
    """Yield (where, field name, text) for every string inside a document dataclass."""
    if isinstance(obj, str):
        yield path, "", obj
        return
    if isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj, 1):
            yield from _texts(item, f"{path}第{i}项")
        return
    if hasattr(obj, "__dataclass_fields__"):
        for f in fields(obj):  # type: ignore[arg-type]
            value = getattr(obj, f.name)
            for where, name, text in _texts(value, f"{path}{_FIELD_LABELS.get(f.name, f.name)}"):
                yield where, name or f.name, text


_FIELD_LABELS = {
    "organization": "组织名称",
    "intro": "公示说明",
    "supervision_phone": "监督电话",
    "issuer": "落款单位",
    "rows": "名单",
    "name": "·姓名",
    "post": "·职务",
    "items": "·承诺事项",
    "content": "·内容",
    "deadline": "·完成时限",
    "fulfilment": "·践诺情况",
}


def find_private_data(document: object) -> list[str]:
    """Where a document shows something that looks like an ID or a private mobile number.

    Returns human-readable places (Chinese) for the error message; empty when clean.
    """
    places: list[str] = []
    for where, name, text in _texts(document, ""):
        plain = text.translate(_FULLWIDTH_DIGITS).replace(" ", "").replace("-", "")
        if _ID_RE.search(plain):
            places.append(f"{where}（疑似身份证号）")
        elif name not in _PUBLIC_PHONE_FIELDS and _MOBILE_RE.search(plain):
            places.append(f"{where}（疑似个人手机号）")
    return places

