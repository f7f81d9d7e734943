"""parse_date accepts what clerks type and Excel holds, and rejects the rest in Chinese."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.dates import format_date_iso, parse_date, parse_optional_date
from models.errors import ValidationError

JULY_1 = date(1985, 7, 1)
LABEL = "出生日期"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    "value",
    [
        "1985-07-01", "1985-7-1", "1985/7/1", "1985/07/01", "1985.07.01", "1985.7.1",
        "1985年7月1日", "1985年07月01日", "1985年7月1号", "1985年7月1", "19850701",
        "  1985-07-01\t", "1985 年 7 月 1 日", "1985 - 07 - 01", "１９８５－０７－０１",
        "１９８５年７月１日", "1985-07-01\u3000", "\ufeff1985-07-01",
        "1985-07-01 00:00:00", "1985/7/1 0:00", "1985-07-01T08:30:00.5",
        JULY_1, datetime(1985, 7, 1, 23, 59), 31229, 31229.0, 31229.75, 19850701,
    ],
)
def test_accepts_a_full_date(value: object) -> None:
    assert parse_date(value, LABEL) == JULY_1


@pytest.mark.parametrize(
    "value",
    ["1985.07", "1985.7", "1985-07", "1985/7", "1985年7月", "1985 年 07 月", "198507",
     "１９８５．０７", 198507, 1985.07],
)
def test_month_only_means_the_first(value: object) -> None:
    assert parse_date(value, LABEL) == JULY_1


def test_year_dot_month_numbers_from_excel() -> None:
    assert parse_date(1985.12, LABEL) == date(1985, 12, 1)
    assert parse_date(1985.11, LABEL) == date(1985, 11, 1)
    assert parse_date(1985.2, LABEL) == date(1985, 2, 1)  # 1985.20 cannot be a month
    assert parse_date("1985.1", LABEL) == date(1985, 1, 1)  # text keeps its digits
    assert parse_date("1985.10", LABEL) == date(1985, 10, 1)


def test_year_dot_one_number_is_ambiguous() -> None:
    with pytest.raises(ValidationError) as err:
        parse_date(1985.1, LABEL)
    assert "1 月还是 10 月" in err.value.message
    assert "1985-10-01" in err.value.message


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)),
     (36526, date(2000, 1, 1)), (31229, JULY_1), (73415, date(2100, 12, 31))],
)
def test_excel_serials_1900_system(serial: int, expected: date) -> None:
    assert parse_date(serial, LABEL) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1985-13-01", "“1985-13-01”不是有效日期（没有 13 月），请按 1985-07-01 的格式填写"),
        ("1985-02-30", "1985 年 2 月没有 30 日"),
        ("1900-02-29", "1900 年 2 月没有 29 日"),
        ("1985-00-10", "没有 0 月"),
        ("1985.13", "没有 13 月"),
        ("1985-07-32", "没有 32 日"),
        ("1899-12-31", "年份 1899 超出范围，应在 1900 至 2100 年之间"),
        ("2101-01-01", "年份 2101 超出范围"),
        (date(1850, 1, 1), "年份 1850 超出范围"),
        ("abc", "“abc”不是有效日期，请按 1985-07-01 的格式填写"),
        ("85-7-1", "不是有效日期"),
        ("7/1/1985", "不是有效日期"),
        ("1985-07/01", "不是有效日期"),
        ("一九八五年七月", "不是有效日期"),
        ("1985", "只有年份"),
        ("1985年", "只有年份"),
        (1985, "只有年份"),
        ("", "未填写"),
        ("   ", "未填写"),
        (None, "未填写"),
        (60, "1900-02-29 并不存在"),
        (0, "超出了 1900 至 2100 年的范围"),
        (-1, "超出了"),
        (73416, "超出了"),
        (float("nan"), "不是有效日期"),
        (float("inf"), "不是有效日期"),
        (True, "不是有效日期"),
        ([1985, 7, 1], "不是有效日期"),
        (1985.123, "不是有效日期"),
        (19851301, "没有 13 月"),
    ],
)
def test_rejects_with_a_message_naming_the_field(value: object, fragment: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_date(value, LABEL, field="birth_date")
    assert err.value.message.startswith(LABEL)
    assert fragment in err.value.message
    assert str(err.value) == err.value.message
    assert err.value.field == "birth_date"


def test_message_quotes_long_or_odd_input_briefly() -> None:
    with pytest.raises(ValidationError) as err:
        parse_date("x" * 10_000 + "\x00\n", "加入党组织日期")
    assert err.value.message.startswith("加入党组织日期“")
    assert len(err.value.message) < 120
    assert "\x00" not in err.value.message and "\n" not in err.value.message


def test_optional_date() -> None:
    assert parse_optional_date(None, "失去联系日期") is None
    assert parse_optional_date(" \u3000", "失去联系日期") is None
    assert parse_optional_date("1985.7", "失去联系日期") == JULY_1
    with pytest.raises(ValidationError, match="失去联系日期“1985"):
        parse_optional_date("1985.13", "失去联系日期")


def test_format_date_iso() -> None:
    assert format_date_iso(JULY_1) == "1985-07-01"
    assert format_date_iso(datetime(1985, 7, 1, 9)) == "1985-07-01"
    assert format_date_iso(None) == ""


dates_in_range = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(dates_in_range)
def test_every_written_form_round_trips(d: date) -> None:
    forms = [
        d.isoformat(), f"{d.year}-{d.month}-{d.day}", f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month:02d}.{d.day:02d}", f"{d.year}年{d.month}月{d.day}日",
        d.strftime("%Y%m%d"), full_width(d.isoformat()), f" {d.isoformat()} 00:00:00 ",
        d, datetime(d.year, d.month, d.day, 12),
    ]
    for form in forms:
        assert parse_date(form, LABEL) == d, form
    assert parse_date(format_date_iso(d), LABEL) == d


@given(dates_in_range.filter(lambda d: d >= date(1900, 3, 1)))
def test_excel_serial_round_trips(d: date) -> None:
    serial = (d - date(1899, 12, 30)).days
    if not 1900 <= serial <= 2100:  # bare years, rejected as such
        assert parse_date(serial, LABEL) == d
        assert parse_date(serial + 0.5, LABEL) == d


@given(dates_in_range)
def test_month_forms_give_the_first(d: date) -> None:
    first = d.replace(day=1)
    for form in (f"{d.year}.{d.month:02d}", f"{d.year}.{d.month}", f"{d.year}年{d.month}月"):
        assert parse_date(form, LABEL) == first


anything = st.one_of(
    st.text(),
    st.text(st.characters(codec=None)),
    st.text(st.sampled_from("0123456789１９８５年月日号-/.．　 \t\n:T\x00𠮷eE+"), max_size=25),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.binary(max_size=10),
    st.dates(),
    st.datetimes(),
)


@given(anything)
@settings(max_examples=500)
def test_never_crashes(value: object) -> None:
    try:
        result = parse_date(value, LABEL)
    except ValidationError as err:
        assert err.message.startswith(LABEL)
        assert err.message.isprintable()
    else:
        assert isinstance(result, date) and not isinstance(result, datetime)
        assert 1900 <= result.year <= 2100


def test_huge_inputs() -> None:
    for value in ("1" * 1_000_000, "1985-07-01" * 100_000, 10**400, 10**5000, 1e308, -1e308):
        with pytest.raises(ValidationError, match="不是有效日期"):
            parse_date(value, LABEL)
