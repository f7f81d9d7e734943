from datetime import date

import pytest

from printing.dates import chinese_year, format_date, format_period
from printing.sizes import ZIHAO, mm


@pytest.mark.parametrize("d, arabic, chinese", [
    (date(2026, 7, 1), "2026年7月1日", "二〇二六年七月一日"),
    (date(2026, 11, 28), "2026年11月28日", "二〇二六年十一月二十八日"),
    (date(2025, 12, 31), "2025年12月31日", "二〇二五年十二月三十一日"),
    (date(2000, 10, 10), "2000年10月10日", "二〇〇〇年十月十日"),
    (date(2011, 1, 20), "2011年1月20日", "二〇一一年一月二十日"),
    (date(2019, 2, 19), "2019年2月19日", "二〇一九年二月十九日"),
    (date(2030, 3, 30), "2030年3月30日", "二〇三〇年三月三十日"),
])
def test_format_date(d, arabic, chinese):
    assert format_date(d) == arabic
    assert format_date(d, "arabic") == arabic
    assert format_date(d, "chinese") == chinese


def test_every_day_of_a_year_reads_correctly():
    """No 一十, no 十〇, no 二十〇 anywhere in a year."""
    d = date(2024, 1, 1)
    while d.year == 2024:
        s = format_date(d, "chinese")
        assert "一十" not in s and "十〇" not in s and not s.startswith("〇")
        d = date.fromordinal(d.toordinal() + 1)


def test_bad_style_is_refused_in_chinese():
    with pytest.raises(ValueError, match="日期格式"):
        format_date(date(2026, 1, 1), "roman")  # type: ignore[arg-type]


def test_period_and_year():
    assert format_period(date(2026, 3, 1), date(2026, 3, 7)) == "2026年3月1日至2026年3月7日"
    assert chinese_year(2026) == "二〇二六"


def test_zihao_table():
    assert list(ZIHAO.items()) == [
        ("初号", 42), ("小初", 36), ("一号", 26), ("小一", 24), ("二号", 22), ("小二", 18),
        ("三号", 16), ("小三", 15), ("四号", 14), ("小四", 12), ("五号", 10.5), ("小五", 9)]
    assert mm(25.4) == pytest.approx(72)
