"""Names as lists order them: a stored text key so SQL can sort by 姓氏笔画."""
from __future__ import annotations

from models.strokes import stroke_key


def _char_text(key: tuple) -> str:
    group, count, unknown, shapes, attached, folded, _ch = key
    # When counts are equal the shape strings are compared; cutting or padding both to the
    # count keeps them aligned, so the concatenation compares like the tuples do.
    width = min(count, 64)
    shapes = shapes[:width].ljust(width, "0") if not unknown else ""
    attached = attached[:width].ljust(width, "0") if not unknown else ""
    return f"{group}{min(count, 255):02x}{unknown}{shapes}{attached}{ord(folded[:1] or ' '):06x}"


def stroke_sort_key(name: str) -> str:
    """Text whose plain string order is `models.strokes.stroke_key` order (for ORDER BY).

    Party lists (党代会) put a single given name first — 李强 before 李克强 — so that is the
    convention used here.
    """
    blank, keys = stroke_key(name or "", single_name_first=True)
    if blank:
        return "z"
    return "".join(_char_text(k) for k in keys)
