"""公民身份证号: normalization, every validation rule, derived facts, masking, Excel damage."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from models.errors import ValidationError
from models.roster.idcard import (
    IdCard,
    birth_date_from_id,
    check_digit,
    looks_excel_damaged,
    mask_id,
    normalize_id,
    parse_id,
    sex_from_id,
    validate_id,
)

TODAY = date(2026, 6, 1)


def make_id(region: str = "110105", born: date = date(1985, 7, 1), seq: str = "123") -> str:
    """A valid ID: the check digit computed independently of the code under test."""
    body = f"{region}{born:%Y%m%d}{seq}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=False)) % 11]


def rejects(value: object, fragment: str, **kw: object) -> ValidationError:
    """Refused with the fragment in the message, and every refusal names the form field it was
    given (the form puts the message beside that field)."""
    with pytest.raises(ValidationError) as err:
        validate_id(value, today=TODAY, **kw)
    assert fragment in err.value.message, err.value.message
    assert str(err.value) == err.value.message
    assert err.value.field == kw.get("field")
    if "field" not in kw:
        with pytest.raises(ValidationError) as named:
            validate_id(value, today=TODAY, field="id_number")
        assert named.value.field == "id_number" and named.value.message == err.value.message
    return err.value


# --- the check digit -------------------------------------------------------------------------

def test_standard_examples() -> None:
    # The worked examples of GB 11643-1999.
    assert check_digit("11010519491231002") == "X"
    assert check_digit("44052418800101001") == "4"
    assert validate_id("11010519491231002X", today=TODAY) == "11010519491231002X"


def test_check_digit_needs_17_digits() -> None:
    for bad in ("", "1" * 16, "1" * 18, "1" * 16 + "X", "１" * 17):
        with pytest.raises(ValueError, match="^check_digit needs exactly 17 ASCII digits$"):
            check_digit(bad)


def test_make_id_agrees_with_check_digit() -> None:
    number = make_id()
    assert check_digit(number[:17]) == number[17]


# --- normalization ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("11010519491231002×", "11010519491231002X"),
        (" 110105 19491231 002X ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        ("110105\u300019491231002X\u00a0", "11010519491231002X"),
        ("\ufeff11010519491231002X\u200b", "11010519491231002X"),
        ("'11010519491231002X", "11010519491231002X"),
        ("11010519491231002X\n", "11010519491231002X"),
        (None, ""),
        (123456789012345.0, "123456789012345"),
    ],
)
def test_normalize(raw: object, clean: str) -> None:
    assert normalize_id(raw) == clean


def test_validate_returns_normalized() -> None:
    assert validate_id(" １１０１０５１９４９１２３１００２ｘ ", today=TODAY) == "11010519491231002X"
    assert validate_id(int(make_id()), today=TODAY) == make_id()


# --- each rule, good and bad -------------------------------------------------------------------

def test_blank() -> None:
    for blank in ("", "   ", "\u3000", None):
        rejects(blank, "未填写")


def test_length() -> None:
    number = make_id()
    rejects(number[:17], "有 17 位，应为 18 位")
    rejects(number + "1", "有 19 位，应为 18 位")
    rejects(number[:15], "15 位的旧号码")
    rejects(number[:14] + "X", "有 15 位，应为 18 位")  # an old number never ends in X


def test_digits_only_with_x_last() -> None:
    number = make_id()
    rejects(number[:17] + "Y", "含有数字以外的字符（只有最后一位可以是 X）")
    rejects("X" + number[1:], "含有数字以外的字符")
    rejects(number[:8] + "-" + number[9:], "含有数字以外的字符")
    rejects("٣" * 18, "含有数字以外的字符")  # Arabic-Indic digits are digits, but not ASCII


def test_birth_date_must_exist() -> None:
    body = "110105" + "19850230" + "123"
    err = rejects(body + check_digit(body), "第 7 至 14 位的出生日期“19850230”不是有效日期")
    assert err.field is None
    body = "110105" + "19851301" + "123"
    rejects(body + check_digit(body), "不是有效日期", field="id_number")


def test_birth_date_not_before_1900() -> None:
    rejects("440524188001010014", "早于 1900 年")  # the standard's own example, born 1880
    assert validate_id(make_id(born=date(1900, 1, 1)), today=TODAY)


def test_birth_date_not_in_the_future() -> None:
    rejects(make_id(born=TODAY + timedelta(days=1)), "晚于今天")
    assert validate_id(make_id(born=TODAY), today=TODAY)


def test_wrong_check_digit() -> None:
    number = make_id()
    wrong = "0" if number[17] != "0" else "1"
    rejects(number[:17] + wrong, "最后一位校验码不对")


def test_field_and_label_are_passed_on() -> None:
    with pytest.raises(ValidationError) as err:
        validate_id("123", "身份证号码", field="id_number")
    assert err.value.field == "id_number"
    assert err.value.message.startswith("身份证号码“123”")


def test_huge_int() -> None:
    rejects(10**5000, "位数远多于 18 位")
    rejects(10**30, "位数远多于 18 位")


# --- Excel damage -------------------------------------------------------------------------------

EXCEL_HINT = "被 Excel 当成了数字"


def test_float_from_a_number_cell() -> None:
    number = make_id()
    as_float = float(number[:17] + "0")
    assert looks_excel_damaged(as_float)
    err = rejects(as_float, EXCEL_HINT)
    assert "“文本”格式" in err.message and "18 位" in err.message


@pytest.mark.parametrize("text", ["1.10105E+17", "1.10105e+17", "１．１０１０５Ｅ＋１７", "1.1E17"])
def test_scientific_notation_text(text: str) -> None:
    assert looks_excel_damaged(text)
    rejects(text, EXCEL_HINT)


def test_rounded_to_15_digits() -> None:
    number = make_id()
    rounded = number[:15] + "000"
    assert check_digit(rounded[:17]) != "0"
    assert looks_excel_damaged(rounded)
    rejects(rounded, EXCEL_HINT)
    rejects(int(rounded), EXCEL_HINT)
    rejects(rounded + ".0", EXCEL_HINT)


def test_valid_id_ending_in_000_is_not_damage() -> None:
    for seq in range(1000):
        number = make_id(seq=f"{seq:03d}")
        if number.endswith("000"):
            break
    else:  # pragma: no cover - some sequence number always gives check digit 0
        pytest.fail("no valid ID ending in 000")
    assert not looks_excel_damaged(number)
    assert validate_id(number, today=TODAY) == number


def test_ordinary_typo_is_not_called_excel_damage() -> None:
    assert not looks_excel_damaged(make_id()[:17] + "9")
    assert not looks_excel_damaged("abc")


# --- derived facts and masking ----------------------------------------------------------------

def test_birth_and_sex() -> None:
    assert birth_date_from_id("11010519491231002X") == date(1949, 12, 31)
    assert sex_from_id("11010519491231002X") == "女"  # 17th digit 2
    assert sex_from_id(make_id(seq="122")) == "女"  # the 17th digit is the last of the seq
    assert sex_from_id(make_id(seq="131")) == "男"
    assert parse_id(make_id(seq="017"), today=TODAY) == IdCard(
        make_id(seq="017"), date(1985, 7, 1), "男"
    )
    with pytest.raises(ValidationError, match="公民身份证号“123”有 3 位，应为 18 位"):
        sex_from_id("123")
    with pytest.raises(ValidationError, match="公民身份证号“123”有 3 位，应为 18 位"):
        birth_date_from_id("123")


def test_parse_id_passes_label_day_and_field_on() -> None:
    """parse_id is what the roster import calls: its message must name the column and field it
    was given, and 'today' must be the day it was given (a clock test would pass anyway)."""
    later = date(2040, 1, 1)
    born = date(2039, 5, 4)  # after the real today, before `later`
    assert parse_id(make_id(born=born), today=later).birth_date == born
    with pytest.raises(ValidationError, match="晚于今天"):
        parse_id(make_id(born=born))
    with pytest.raises(ValidationError) as err:
        parse_id("123", "身份证号码", today=later, field="id_number")
    assert err.value.field == "id_number" and err.value.message.startswith("身份证号码“123”有 3 位")


def test_mask() -> None:
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_id("11010519491231002x") == "110105********002X"
    assert parse_id("11010519491231002X", today=TODAY).masked == "110105********002X"
    assert mask_id("1101051949") == "**********"  # half-typed: nothing shown
    assert mask_id("") == ""
    assert mask_id(None) == ""


# --- properties ---------------------------------------------------------------------------------

regions = st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)  # no area code starts with 0
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
seqs = st.text("0123456789", min_size=3, max_size=3)
valid_ids = st.builds(make_id, regions, births, seqs)


@given(regions, births, seqs)
def test_every_valid_id_validates_and_reads_back(region: str, born: date, seq: str) -> None:
    number = make_id(region, born, seq)
    card = parse_id(number, today=TODAY)
    assert card.number == number
    assert card.birth_date == born
    assert card.sex == ("男" if int(seq[2]) % 2 else "女")
    masked = mask_id(number)
    assert masked[:6] == number[:6] and masked[-4:] == number[-4:] and masked[6:14] == "*" * 8


@given(valid_ids)
def test_typed_variants_normalize(number: str) -> None:
    spaced = " ".join([number[:6], number[6:14], number[14:]])
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number.lower())
    for variant in (number.lower(), spaced, wide, f"\u3000{number}\t"):
        assert validate_id(variant, today=TODAY) == number


@given(valid_ids, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_error_is_caught(number: str, pos: int, delta: int) -> None:
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1:]
    with pytest.raises(ValidationError, match="公民身份证号"):
        validate_id(changed, today=TODAY)


@given(valid_ids, st.integers(0, 15))
def test_any_adjacent_swap_is_caught(number: str, pos: int) -> None:
    assume(number[pos] != number[pos + 1])
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2:]
    with pytest.raises(ValidationError, match="公民身份证号"):
        validate_id(swapped, today=TODAY)


@given(valid_ids)
def test_excel_float_of_any_id_is_reported_as_damage(number: str) -> None:
    assume(number[-1] != "X")
    value = float(number)
    with pytest.raises(ValidationError) as err:
        validate_id(value, today=TODAY)
    assert EXCEL_HINT in err.value.message
    with pytest.raises(ValidationError) as err:
        validate_id(f"{value:.5E}", today=TODAY)
    assert EXCEL_HINT in err.value.message


anything = st.one_of(
    st.text(),
    st.text(st.characters(codec=None)),
    st.text(st.sampled_from("0123456789xX×１２Ｘ \u3000\t\n\x00.eE+-𠮷"), max_size=24),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.binary(max_size=20),
    valid_ids,
)


@given(anything)
@settings(max_examples=500)
def test_never_crashes(value: object) -> None:
    masked = mask_id(value)
    assert isinstance(masked, str)
    try:
        number = validate_id(value, today=TODAY)
    except ValidationError as err:
        assert err.message.startswith("公民身份证号")
        assert err.message.isprintable()
        assert len(err.message) < 250
    else:
        assert len(number) == 18 and check_digit(number[:17]) == number[17]


def test_huge_string() -> None:
    rejects("1" * 1_000_000, "有 1000000 位")
    rejects("𠮷" * 100_000 + "\x00", "含有数字以外的字符")
