"""Cleaning one typed value: the same rules for forms, imports and the command line.

Each function takes what the clerk typed (or what a cell held), returns the value to store,
or raises ValidationError naming the field, in words that say what to type instead.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from models.errors import FormErrors, ValidationError

# Bidi overrides and isolates can make a name display as something else: never stored.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff")


def _bad_char(ch: str, multiline: bool) -> bool:
    if multiline and ch in "\n\t":
        return False
    if ch in _BIDI_CONTROLS:
        return True
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cs", "Co", "Cn") or (cat == "Zl" or cat == "Zp")


def text(
    value: Any,
    label: str,
    field: str,
    *,
    required: bool = False,
    max_len: int = 100,
    multiline: bool = False,
) -> str:
    s = "" if value is None else str(value)
    if s.isprintable() and len(s) <= max_len and s.strip():
        # the usual cell or field: no line break, control, zero-width or ideographic space to
        # clean, and the same string object kept (a 100,000-row import holds a million of them)
        return s.strip()
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = "".join(ch for ch in s if ch not in _ZERO_WIDTH)
    s = s.strip() if multiline else s.replace("\u3000", " ").strip()
    if not multiline and "\n" in s:
        raise ValidationError(f"{label}不能换行，请写在一行内。", field)
    bad = next((ch for ch in s if _bad_char(ch, multiline)), None)
    if bad is not None:
        raise ValidationError(
            f"{label}中有无法显示或打印的控制字符（U+{ord(bad):04X}），请删除后重新输入。", field
        )
    if required and not s:
        raise ValidationError(f"请填写{label}。", field)
    if len(s) > max_len:
        raise ValidationError(f"{label}最多 {max_len} 个字，现在有 {len(s)} 个字。", field)
    return s


def name(value: Any, label: str, field: str, *, max_len: int = 30) -> str:
    """A person's name: no digits or Latin punctuation, internal spaces removed (张 三 → 张三)."""
    s = text(value, label, field, required=True, max_len=max_len)
    s = re.sub(r"\s+", "", s) if all(not ch.isascii() or ch == " " for ch in s) else s
    if any(ch.isdigit() for ch in s):
        raise ValidationError(f"{label}中不应有数字，请检查是否填错了栏目。", field)
    if any(ch in "<>{}[]|\\/@#$%^*=+;:\"" for ch in s):
        raise ValidationError(f"{label}中有不应出现在姓名里的符号，请检查。", field)
    return s


def choice(value: Any, label: str, field: str, options: Iterable[str], *, required: bool = False) -> str:
    s = text(value, label, field, required=required)
    opts = tuple(options)
    if s and s not in opts:
        shown = "、".join(opts[:8]) + ("等" if len(opts) > 8 else "")
        raise ValidationError(f"{label}“{s}”不在可选范围内，请从下拉列表中选择（{shown}）。", field)
    return s


_PHONE_RE = re.compile(r"^[0-9（）()\-－— 转]{5,25}$")


def phone(value: Any, label: str, field: str, *, required: bool = False) -> str:
    s = text(value, label, field, required=required, max_len=25)
    s = unicodedata.normalize("NFKC", s).strip()
    if s and (not _PHONE_RE.match(s) or sum(ch.isdigit() for ch in s) < 5):
        raise ValidationError(f"{label}“{s}”不像电话号码，请只填数字和短横线，例如 0371-12345678。", field)
    return s


def mobile(value: Any, label: str, field: str) -> str:
    s = unicodedata.normalize("NFKC", text(value, label, field, max_len=20)).replace(" ", "").replace("-", "")
    if s and not re.fullmatch(r"1[3-9]\d{9}", s):
        raise ValidationError(f"{label}“{s}”不是 11 位手机号码，请检查。", field)
    return s


def date(value: Any, label: str, field: str, *, required: bool = False) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"请填写{label}。", field)
        return None
    from models.dates import parse_date

    return parse_date(value, label, field=field)


def integer(value: Any, label: str, field: str, *, minimum: int = 0, maximum: int = 100000) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise ValidationError(f"{label}应是整数。", field)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        n = int(unicodedata.normalize("NFKC", str(value)).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(f"{label}应是整数，现在填的是“{str(value)[:20]}”。", field) from None
    if n < minimum or n > maximum:
        raise ValidationError(f"{label}应在 {minimum} 到 {maximum} 之间，现在是 {n}。", field)
    return n


def flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip() in ("是", "1", "true", "True", "Y", "y", "√")
    return bool(value)


class Collector:
    """Runs many field checks and reports every failure together, keyed by field."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def run(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            self.errors.setdefault(exc.field or "_", exc.message)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise FormErrors(self.errors)
