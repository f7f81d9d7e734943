"""The 18-digit 公民身份证号 (GB 11643-1999): clean it, check it, read it, mask it.

The number carries the birth date (digits 7–14), the sex (17th digit odd = 男) and an
ISO 7064 MOD 11-2 check digit, so a typo is almost always caught and the other roster columns
can be cross-checked against it. The one damage typos do not explain is Excel's: a number cell
keeps only 15 significant digits, so the ID shows as 1.10105E+17 or ends in 000 — that gets its
own message, because the fix (re-type the cell as text) is not what a typo needs.
Public notices never show the full number: `mask_id` is for every printed or listed ID.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from models.errors import ValidationError

__all__ = [
    "IdCard",
    "birth_date_from_id",
    "check_digit",
    "looks_excel_damaged",
    "mask_id",
    "normalize_id",
    "parse_id",
    "sex_from_id",
    "validate_id",
]

LABEL = "公民身份证号"
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+")
# Spaces (incl. the full-width U+3000 that NFKC folds), invisible marks pasted from web pages,
# and the apostrophe Excel users type to force text; soft hyphens and direction marks too.
_NOISE = re.compile("[\\s'‘’\"“”\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_MIN_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class IdCard:
    """A checked ID number and what it says about its holder."""

    number: str
    birth_date: date
    sex: str  # 男 / 女

    @property
    def masked(self) -> str:
        return mask_id(self.number)


def _shown(value: object) -> str:
    text = "".join(c if c.isprintable() else "?" for c in str(value)[:200]).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("check_digit needs exactly 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=False))
    return _CHECK_CHARS[total % 11]


def normalize_id(value: object) -> str:
    """Fold what clerks and spreadsheets do to an ID back to its plain form, without judging it:
    full-width digits and letters, spaces anywhere, a lowercase x (or ×) as the check digit."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))  # exact: under 16 digits a float loses nothing
        return repr(value)
    try:
        text = str(value)
    except ValueError:  # an int beyond str()'s digit limit: nothing of an ID in it
        return ""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", text))
    return text.replace("×", "X").replace("x", "X")


def looks_excel_damaged(value: object) -> bool:
    """True when the value went through an Excel number cell and lost digits on the way."""
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) >= 1e15
    text = normalize_id(value)
    if _SCIENTIFIC.fullmatch(text):
        return True
    if re.fullmatch(r"\d{18}(?:\.0+)?", text):
        digits = text[:18]
        return digits.endswith("000") and check_digit(digits[:17]) != digits[17]
    return False


def validate_id(value: object, field_label: str = LABEL, *, today: date | None = None,
                field: str | None = None) -> str:
    """Return the normalized 18-character ID, or raise ValidationError saying what to fix.

    today is for tests; the birth date must not lie after it.
    """
    label = field_label
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        raise ValidationError(f"{label}的位数远多于 18 位，请照身份证核对后重新填写", field)
    text = normalize_id(value)
    if not text:
        raise ValidationError(f"{label}未填写，请填写 18 位公民身份证号", field)
    if looks_excel_damaged(value):
        raise ValidationError(
            f"{label}“{_shown(text)}”被 Excel 当成了数字，只保留了前 15 位有效数字"
            "（显示成 1.23457E+17 或末尾变成 000），号码已经不对了。请把这一列的单元格设为"
            "“文本”格式，再照身份证重新输入完整的 18 位号码",
            field,
        )
    if not re.fullmatch(r"[0-9]*X?", text):
        raise ValidationError(
            f"{label}“{_shown(text)}”含有数字以外的字符（只有最后一位可以是 X），"
            "请照身份证核对后重新填写",
            field,
        )
    if len(text) == 15 and "X" not in text:
        raise ValidationError(
            f"{label}“{text}”是 15 位的旧号码，请改填现行的 18 位公民身份证号", field
        )
    if len(text) != 18:
        raise ValidationError(
            f"{label}“{_shown(text)}”有 {len(text)} 位，应为 18 位，请照身份证核对后重新填写",
            field,
        )
    body, last = text[:17], text[17]
    digits = text[6:14]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise ValidationError(
            f"{label}“{text}”第 7 至 14 位的出生日期“{digits}”不是有效日期，"
            "请照身份证核对后重新填写",
            field,
        ) from None
    if born < _MIN_BIRTH:
        raise ValidationError(
            f"{label}“{text}”中的出生日期 {born.isoformat()} 早于 1900 年，"
            "请照身份证核对后重新填写",
            field,
        )
    if born > (today or date.today()):
        raise ValidationError(
            f"{label}“{text}”中的出生日期 {born.isoformat()} 晚于今天，请照身份证核对后重新填写",
            field,
        )
    if check_digit(body) != last:
        raise ValidationError(
            f"{label}“{text}”的最后一位校验码不对，说明号码中有输错的数字，"
            "请照身份证逐位核对后重新填写",
            field,
        )
    return text


def parse_id(value: object, field_label: str = LABEL, *, today: date | None = None,
             field: str | None = None) -> IdCard:
    """Check an ID and read the birth date and sex it carries, for cross-checking a roster row."""
    number = validate_id(value, field_label, today=today, field=field)
    return IdCard(number, _birth(number), _sex(number))


def _birth(number: str) -> date:
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def _sex(number: str) -> str:
    return "男" if int(number[16]) % 2 else "女"


def birth_date_from_id(value: object) -> date:
    """The birth date in digits 7–14 of a valid ID (raises ValidationError for an invalid one)."""
    return _birth(validate_id(value))


def sex_from_id(value: object) -> str:
    """男 or 女 from the 17th digit of a valid ID (raises ValidationError for an invalid one)."""
    return _sex(validate_id(value))


def mask_id(value: object) -> str:
    """110105********123X: enough to tell people apart on a notice, not enough to misuse.

    Works on anything, valid or not; shorter than 18 characters it hides everything, so a
    half-typed number cannot leak onto a printout either.
    """
    text = normalize_id(value)
    if len(text) < 18:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]
