"""姓氏笔画 ordering: official lists of people are ordered by the strokes of their names.

The rule offices follow (and the national stroke-order standard behind it): compare names
character by character; for one character, fewer strokes first; with equal counts, compare the
strokes in writing order by their basic shape 横(一) 竖(丨) 撇(丿) 点(丶) 折(乛) — first stroke,
then second, and so on; when those agree too, a main shape comes before an attached one (横
before 提, 竖 before 竖钩, 点 before 捺), so 干 precedes 于.

Data (resources/strokes.txt, made by resources/make_strokes.py, nothing fetched at run time):
stroke counts for every CJK ideograph Unihan knows (incl. Extensions A–H, so 𠮷 堃 喆 垚 sort
by their real counts); stroke order for the ~7,000 general-use characters. A character with a
count but no stroke order sorts after the characters of the same count whose order is known,
then by code point. Characters with no data at all come after every CJK character, and
non-CJK characters (Latin, digits …) after those, so any name is sortable.

Two conventions exist for a single given name (two-character names): the 人大 lists compare
char by char (李强 after 李克强 because 强 has more strokes than 克), the 党代会/政协 lists
treat the given name as starting with an empty place (李强 before 李克强). The default here is
char by char; `single_name_first=True` gives the other.

The data (~250 KB) is read on first use, not at import, so start-up does not pay for it.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

__all__ = ["first_stroke", "sort_by_strokes", "stroke_count", "stroke_key"]

T = TypeVar("T")

DATA_PATH = Path(__file__).resolve().parent.parent / "resources" / "strokes.txt"

# Characters clerks put inside names that carry no order: spaces padding two-character names
# to the width of three (王　晨) and the separator dots of transliterated names (阿依古丽·买买提).
_IGNORED = frozenset("·•・‧･︲-‐‑")

# Per-character key: (group, strokes, order_unknown, shapes, attached, folded, char).
# group 0 = CJK with a count, 1 = CJK without data, 2 = anything else.
_BLANK = (-1, 0, 0, "", "", "", "")


class _StrokeData:
    """The parsed data file: count runs for bisect lookup, stroke orders by character."""

    __slots__ = ("attached", "orders", "run_starts", "run_texts")

    def __init__(self, text: str) -> None:
        self.run_starts: list[int] = []
        self.run_texts: list[str] = []
        self.orders: dict[str, str] = {}
        self.attached: dict[str, str] = {}
        for line in text.splitlines():
            if not line or line[0] == "#":
                continue
            if line[0] == "@":
                start, _, chars = line[1:].partition(" ")
                self.run_starts.append(int(start, 16))
                self.run_texts.append(chars)
            else:
                ch = line[0]
                shapes, _, attached = line[1:].partition(" ")
                self.orders[ch] = shapes
                if attached:
                    self.attached[ch] = attached

    def count(self, cp: int) -> int | None:
        i = bisect_right(self.run_starts, cp) - 1
        if i < 0:
            return None
        offset = cp - self.run_starts[i]
        text = self.run_texts[i]
        if offset >= len(text):
            return None
        n = ord(text[offset]) - 33
        return n or None


@lru_cache(maxsize=1)
def _data() -> _StrokeData:
    """Read the shipped data once, on first need."""
    try:
        text = DATA_PATH.read_text(encoding="utf-8")
    except OSError as exc:  # a broken installation, not a clerk's mistake
        raise RuntimeError(
            f"找不到笔画数据文件 {DATA_PATH}，无法按姓氏笔画排序。请重新安装本程序。"
        ) from exc
    return _StrokeData(text)


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    if 0x20000 <= cp <= 0x3FFFF:  # the two ideograph planes, incl. blocks newer than Python's
        return True
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH"))


def stroke_count(ch: str) -> int | None:
    """Total strokes of one character (zh-Hans count), or None when the data has none."""
    if len(ch) != 1:
        raise ValueError("stroke_count takes exactly one character")
    return _data().count(ord(ch))


def first_stroke(ch: str) -> int | None:
    """Shape of the first stroke, 1 横 2 竖 3 撇 4 点 5 折, or None outside the ~7,000 known."""
    shapes = _data().orders.get(ch)
    return int(shapes[0]) if shapes else None


def _char_key(ch: str, data: _StrokeData) -> tuple:
    count = data.count(ord(ch))
    if count is not None:
        shapes = data.orders.get(ch)
        if shapes is None:
            return (0, count, 1, "", "", ch, ch)
        return (0, count, 0, shapes, data.attached.get(ch, ""), ch, ch)
    if _is_cjk(ch):
        return (1, 0, 1, "", "", ch, ch)
    return (2, 0, 1, "", "", ch.casefold(), ch)


def _clean(name: object) -> str:
    if name is None:
        return ""
    text = unicodedata.normalize("NFKC", str(name))
    return "".join(c for c in text if not c.isspace() and c not in _IGNORED)


def stroke_key(name: str | None, *, single_name_first: bool = False) -> tuple:
    """Sort key putting names in 姓氏笔画 order; blank names sort last.

    Full-width forms and compatibility ideographs are folded (NFKC) and padding spaces and
    name dots ignored, so the same person typed two ways sorts to the same place.
    """
    text = _clean(name)
    if not text:
        return (1, ())
    data = _data()
    keys = [_char_key(ch, data) for ch in text]
    if single_name_first and len(keys) == 2 and keys[0][0] == 0 and keys[1][0] == 0:
        keys.insert(1, _BLANK)
    return (0, tuple(keys))


def sort_by_strokes(
    items: Iterable[T],
    key: Callable[[T], str | None] | None = None,
    *,
    single_name_first: bool = False,
) -> list[T]:
    """Return items in 姓氏笔画 order of key(item) (the item itself by default); stable, so
    people with identical names keep their input order."""
    get = key if key is not None else (lambda item: item)
    return sorted(items, key=lambda item: stroke_key(get(item), single_name_first=single_name_first))
