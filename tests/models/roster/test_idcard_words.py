"""Every refusal of an ID number, word for word, and the bounds it turns on.

test_idcard.py checks that each rule catches what it should; this file pins what the clerk
reads and exactly where each bound lies, so a message or a bound changed by one character
fails (what `bench/mutation.py` measures).
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.errors import ValidationError
from models.roster.idcard import looks_excel_damaged, mask_id, normalize_id, validate_id

TODAY = date(2026, 6, 1)


def make_id(region: str = "110105", born: date = date(1985, 7, 1), seq: str = "123") -> str:
    body = f"{region}{born:%Y%m%d}{seq}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=False)) % 11]


def message(value: object, **kw: object) -> str:
    with pytest.raises(ValidationError) as err:
        validate_id(value, today=TODAY, **kw)
    return err.value.message


GOOD = make_id()
ONLY_DIGITS = "含有数字以外的字符（只有最后一位可以是 X），请照身份证核对后重新填写"
EXCEL = ("被 Excel 当成了数字，只保留了前 15 位有效数字（显示成 1.23457E+17 或末尾变成 000），号码已经不对了。"
         "请把这一列的单元格设为“文本”格式，再照身份证重新输入完整的 18 位号码")


@pytest.mark.parametrize(("value", "words"), [
    ("", "公民身份证号未填写，请填写 18 位公民身份证号"),
    (None, "公民身份证号未填写，请填写 18 位公民身份证号"),
    (2**65, "公民身份证号的位数远多于 18 位，请照身份证核对后重新填写"),
    ("1.10105E+17", f"公民身份证号“1.10105E+17”{EXCEL}"),
    (GOOD[:17] + "Y", f"公民身份证号“{GOOD[:17]}Y”{ONLY_DIGITS}"),
    (GOOD[:15], f"公民身份证号“{GOOD[:15]}”是 15 位的旧号码，请改填现行的 18 位公民身份证号"),
    (GOOD[:16], f"公民身份证号“{GOOD[:16]}”有 16 位，应为 18 位，请照身份证核对后重新填写"),
    ("110105198502300123", "公民身份证号“110105198502300123”第 7 至 14 位的出生日期“19850230”不是有效日期，"
                           "请照身份证核对后重新填写"),
    (make_id(born=date(1899, 12, 31)), f"公民身份证号“{make_id(born=date(1899, 12, 31))}”中的出生日期 1899-12-31 "
                                       "早于 1900 年，请照身份证核对后重新填写"),
    (make_id(born=TODAY + timedelta(days=1)), f"公民身份证号“{make_id(born=TODAY + timedelta(days=1))}”中的出生日期 "
                                              "2026-06-02 晚于今天，请照身份证核对后重新填写"),
    (GOOD[:17] + ("0" if GOOD[17] != "0" else "1"),
     f"公民身份证号“{GOOD[:17] + ('0' if GOOD[17] != '0' else '1')}”的最后一位校验码不对，说明号码中有输错的数字，"
     "请照身份证逐位核对后重新填写"),
])
def test_words(value: object, words: str) -> None:
    assert message(value) == words


def test_the_label_and_field_travel_with_every_message() -> None:
    with pytest.raises(ValidationError) as err:
        validate_id("123", "身份证号码", today=TODAY, field="id_number")
    assert err.value.field == "id_number"
    assert err.value.message == "身份证号码“123”有 3 位，应为 18 位，请照身份证核对后重新填写"
    with pytest.raises(ValidationError) as err:
        validate_id("", today=TODAY)
    assert err.value.field is None


def test_long_or_unprintable_text_is_shown_cut_and_cleaned() -> None:
    long_text = "1" * 41
    assert message(long_text) == f"公民身份证号“{'1' * 40}…”有 41 位，应为 18 位，请照身份证核对后重新填写"
    assert message("1" * 40) == f"公民身份证号“{'1' * 40}”有 40 位，应为 18 位，请照身份证核对后重新填写"
    assert message("12\x003") == f"公民身份证号“12?3”{ONLY_DIGITS}"


def test_bounds() -> None:
    assert validate_id(make_id(born=date(1900, 1, 1)), today=TODAY)
    assert validate_id(make_id(born=TODAY), today=TODAY)
    assert message(2**64) == "公民身份证号的位数远多于 18 位，请照身份证核对后重新填写"  # 65 bits
    assert message(2**64 - 1) == "公民身份证号“18446744073709551615”有 20 位，应为 18 位，请照身份证核对后重新填写"


def test_floats_from_number_cells() -> None:
    assert normalize_id(110105.0) == "110105"
    assert normalize_id(999999999999999.0) == "999999999999999"  # 15 digits: exact
    assert normalize_id(1e15) == "1000000000000000.0" and looks_excel_damaged(1e15)
    assert not looks_excel_damaged(999999999999999.0)
    assert normalize_id(1.5) == "1.5" and normalize_id(float("nan")) == "nan"
    assert not looks_excel_damaged(float("inf"))
    assert message(float(GOOD)) == f"公民身份证号“{float(GOOD)!r}”{EXCEL}"


def test_what_is_folded_and_what_is_kept() -> None:
    assert normalize_id("\u00ad1\u200b1\u200e0\u202a1\u20600\u20665\ufeff'‘’\"“”") == "110105"
    assert normalize_id("1x×") == "1XX"
    assert normalize_id(10**5000) == ""  # beyond str()'s digit limit


def test_an_id_ending_in_000_with_a_right_check_digit_is_not_damage() -> None:
    for seq in range(1000):
        number = make_id(seq=f"{seq:03d}")
        if number.endswith("000"):
            assert not looks_excel_damaged(number) and validate_id(number, today=TODAY) == number
            assert not looks_excel_damaged(number + ".00")
            break
    else:
        pytest.fail("no valid ID ending in 000 found")
    bad = GOOD[:15] + "000"
    assert looks_excel_damaged(bad) and looks_excel_damaged(bad + ".0")
    assert not looks_excel_damaged(bad + ".5")


def test_mask_lengths() -> None:
    assert mask_id("1" * 17) == "*" * 17
    assert mask_id(GOOD) == GOOD[:6] + "*" * 8 + GOOD[-4:]
    assert mask_id("1234567890123456789") == "123456" + "*" * 9 + "6789"  # longer: still only 10 shown
