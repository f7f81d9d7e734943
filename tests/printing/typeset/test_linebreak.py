"""The line breaker alone: widths from a table, no fonts, no PDF."""
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from printing.typeset.linebreak import (
    MAX_TRACK,
    NO_END,
    NO_START,
    break_paragraph,
    is_latin,
    squeeze_room,
)
from printing.typeset.textdraw import TextStyle, char_gaps, line_geometry, stretch_after

ADV = defaultdict(lambda: 1.0)
for _c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-./:@ ,;!?()[]%":
    ADV[_c] = 0.5


def lines(text, width, **kw):
    return break_paragraph(text, ADV, 1.0, width, **kw)


def texts(text, width, **kw):
    return [ln.text for ln in lines(text, width, **kw)]


def test_breaks_anywhere_between_cjk():
    assert texts("一二三四五六七八九十", 5) == ["一二三四五", "六七八九十"]


def test_no_orphan_last_line_of_one_or_two_characters():
    # 10 into 4: 四 四 二 would leave 九十 alone; the line above gives one up
    assert texts("一二三四五六七八九十", 4) == ["一二三四", "五六七", "八九十"]
    # the audit's 2026年10月30日 / 前: the date column pulls 日 down with 前
    out = texts("完成于2026年10月30日前", 9)
    assert len(out[-1]) >= 3, out


def test_no_orphan_after_a_space_either():
    # the demo's "年内新建大棚 2 座": 座 alone under a line that ends in a space
    out = texts("带头发展特色种植，年内新建大棚 2 座", 15)
    assert len(out) == 2 and len(out[-1].replace(" ", "")) >= 3, out


def test_orphan_rule_never_empties_the_line_above_or_breaks_illegally():
    # a 3-wide line cannot give anything up without dropping below 60 %
    assert texts("一二三四", 3) == ["一二三", "四"]
    # "，" may not start the last line: the pulled-down run starts at a legal break
    out = texts("一二三四五六，七", 6)
    assert out[-1][0] not in NO_START and len(out[-1]) >= 3, out


def test_no_forbidden_line_start_pushes_previous_char_down():
    # "，" would start line 2; "四" is pushed down instead of hanging past the edge
    assert texts("一二三四，五六七", 4) == ["一二三", "四，五六", "七"]


def test_no_forbidden_line_end():
    assert texts("一二三（四）五六", 4) == ["一二三", "（四）五", "六"]


def test_closing_quote_and_full_stop_pair_pushes_two():
    assert texts("一二三四。”五", 5) == ["一二三", "四。”五"]


@pytest.mark.parametrize("mark", ["……", "——"])
def test_ellipsis_and_dash_pairs_are_never_split(mark):
    for width in range(3, 9):
        out = texts(f"一二三四五{mark}六七八九", width)
        assert any(mark in t for t in out), (width, out)
        assert all(not t.startswith(mark[0]) for t in out[1:]), (width, out)


def test_phone_number_and_year_stay_whole():
    out = texts("联系电话0371-12345678，请在2026年内联系", 10)
    assert any("0371-12345678" in t for t in out), out
    assert any("2026年" in t for t in out), out


def test_number_keeps_its_measure_word():
    out = texts("一二三四五六七八500米", 10)
    assert out == ["一二三四五六七八", "500米"]


def test_latin_run_longer_than_a_line_is_cut_and_never_overflows():
    url = "http://www.example.gov.cn/dangjian/chengnuo/2026/index.html"
    out = lines("网址" + url, 8)
    assert all(ln.width <= 8 + 1e-9 for ln in out)
    assert "".join(ln.text for ln in out) == "网址" + url


def test_spaces_are_dropped_at_breaks_only():
    out = texts("Party members keep promises", 6)
    assert all(not t.startswith(" ") and not t.endswith(" ") for t in out)
    assert " ".join(out) == "Party members keep promises"


def test_two_character_indent_and_last_line():
    out = lines("一二三四五六七八九十", 6, first_indent=2)
    assert out[0].x == 2 and out[0].avail == 4 and out[0].text == "一二三四"
    assert out[1].x == 0 and out[-1].last and not out[0].last


def test_hard_break_ends_a_justified_run():
    out = lines("一二三\n四五六七八九十", 4)
    assert [ln.text for ln in out] == ["一二三", "四五六七", "八九十"]
    assert out[0].last and not out[1].last and out[2].last


def test_justification_fills_the_line_exactly():
    style = TextStyle(size=1.0, align="justify")
    out = lines("一二三四，五六七", 4)
    x, tc = line_geometry(out[0], style, 4)
    n = len(out[0].text)
    assert x + out[0].width + (n - 1) * tc == pytest.approx(4)
    assert tc > 0
    assert line_geometry(out[-1], style, 4) == (0, 0.0)   # last line not stretched


def test_justification_keeps_numbers_tight():
    style = TextStyle(size=1.0, align="justify")
    line = lines("电话0371-12345678请联系我们的村委会办公室", 12)[0]
    assert line.text.startswith("电话0371-12345678")
    flags = stretch_after(line.text)
    assert flags[:3] == [True, True, False] and not any(flags[2:14]) and flags[14]
    x, tc = line_geometry(line, style, 12)
    assert x + line.width + sum(flags) * tc == pytest.approx(12)
    # a line of nothing but Latin still fills the width
    latin = lines("abcdefghij klmnopqrstuvwxyz", 6)[0]
    x, tc = line_geometry(latin, style, 6)
    assert latin.width + sum(stretch_after(latin.text)) * tc == pytest.approx(6)


def test_is_latin():
    assert is_latin("a") and is_latin("７") and is_latin("é")
    assert not is_latin("中") and not is_latin("，") and not is_latin("-")


# -- property: any mix of the pieces real pledges are made of -------------------------

PIECES = st.one_of(
    st.sampled_from(list("党员带头服务群众村庄环境整治帮扶困难户学习按时参加会议")),
    st.sampled_from(list("党员服务群众")).map(lambda c: c + "，"),
    st.sampled_from(list("党员服务群众")).map(lambda c: c + "。"),
    st.sampled_from(["（", "《", "“"]).map(lambda c: c + "群众"),
    st.sampled_from(list("党员服务群众")).map(lambda c: c + "）"),
    st.sampled_from(list("党员服务群众")).map(lambda c: c + "”"),
    st.from_regex(r"[0-9]{1,11}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,7}", fullmatch=True),
    st.sampled_from(["500米", "2026年", "3户", "……", "——", "0371-12345678"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=40), st.integers(min_value=10, max_value=30))
def test_property_no_overflow_no_forbidden_edges(pieces, width):
    text = "".join(pieces)
    out = lines(text, width)
    assert "".join(ln.text for ln in out) == text         # nothing lost or added
    for i, ln in enumerate(out):
        # nothing past the edge: a line pulled up fits once its marks are squeezed
        assert ln.width <= width + squeeze_room(ln.text, ADV, 1.0) + 1e-9
        if i > 0:
            assert ln.text[0] not in NO_START, out
        if i < len(out) - 1:
            assert ln.text[-1] not in NO_END, out
    for mark in ("……", "——"):
        assert text.count(mark) == sum(ln.text.count(mark) for ln in out)


# ------------------------------------------------------------------ justification


def test_line_before_a_date_pulls_it_up_by_squeezing_punctuation():
    # 10 wide: "公示，监督。期：" then 3月21日 (3.5 wide, unbreakable) would leave the line
    # 2 short, spread over 7 gaps (0.29 em); squeezing ，。： by half fits it instead
    text = "公示，监督。期：3月21日至今天为止"
    out = lines(text, 10)
    first = out[0]
    assert first.text.endswith("3月21日"), out
    x, gaps = char_gaps(first, TextStyle(size=1.0), 10, ADV)
    assert sum(gaps) + first.width == pytest.approx(10)      # flush right, no overflow
    assert all(g <= 0 for g in gaps) and min(gaps) >= -0.5   # only the marks gave way


def test_date_splits_between_month_and_day_rather_than_space_a_line_out():
    # no mark to squeeze: the line would need 0.4 em per gap before 12月30日前
    text = "一二三四五六七八九十一二12月30日前完成"
    out = lines(text, 15)
    n = len(out[0].text)
    slack = 15 - out[0].width
    assert slack / (n - 1) <= MAX_TRACK + 1e-9, out
    assert out[0].text.endswith("12月"), out


def test_every_line_but_the_last_is_justified_flush():
    text = "带头参加村庄环境整治，每月义务劳动不少于2次，带动周边10户群众共同维护村容村貌。" * 3
    style = TextStyle(size=1.0)
    out = lines(text, 13)
    for ln in out[:-1]:
        x, gaps = char_gaps(ln, style, 13, ADV)
        assert x + ln.width + sum(gaps) == pytest.approx(13), ln
        assert max(gaps) <= 0.34, ln                          # never ⅓ em between characters
    x, gaps = char_gaps(out[-1], style, 13, ADV)
    assert not any(gaps)                                      # the last line is not spread
