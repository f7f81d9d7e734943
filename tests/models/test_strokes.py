"""姓氏笔画 ordering against the shipped data and against orders published with the rule."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import strokes
from models.strokes import DATA_PATH, first_stroke, sort_by_strokes, stroke_count, stroke_key

HENG, SHU, PIE, DIAN, ZHE = 1, 2, 3, 4, 5


def ordered(names: list[str], **kw: bool) -> list[str]:
    return sort_by_strokes(names, **kw)


def test_data_file_is_small_and_complete() -> None:
    """Small enough to ship and parse at start-up (bench/strokes.py times the parse)."""
    assert DATA_PATH.stat().st_size < 1_000_000
    data = strokes._StrokeData(DATA_PATH.read_text(encoding="utf-8"))
    assert len(data.orders) > 6000


def test_import_does_not_read_the_data() -> None:
    code = "import models.strokes as s; assert s._data.cache_info().currsize == 0"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


@pytest.mark.parametrize(
    ("ch", "count"),
    [("一", 1), ("丁", 2), ("于", 3), ("马", 3), ("王", 4), ("方", 4), ("石", 5), ("白", 5),
     ("刘", 6), ("孙", 6), ("张", 7), ("李", 7), ("陈", 7), ("林", 8), ("欧", 8), ("洪", 9),
     ("高", 10), ("垚", 9), ("堃", 11), ("喆", 12), ("𠮷", 6)],
)
def test_counts_are_the_zh_hans_counts(ch: str, count: int) -> None:
    assert stroke_count(ch) == count


@pytest.mark.parametrize(
    ("first", "last"), [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF)]
)
def test_every_ideograph_of_the_main_blocks_and_extensions_a_b_has_a_count(
    first: int, last: int
) -> None:
    missing = [hex(cp) for cp in range(first, last + 1) if stroke_count(chr(cp)) is None]
    assert missing == []


def test_no_count_outside_ideographs() -> None:
    assert [stroke_count(c) for c in "A1 ，〇"] == [None] * 5


def test_stroke_count_takes_one_character() -> None:
    with pytest.raises(ValueError, match="stroke_count takes exact"):
        stroke_count("王晨")


@pytest.mark.parametrize(
    ("ch", "shape"),
    [("王", HENG), ("干", HENG), ("史", SHU), ("白", PIE), ("方", DIAN), ("火", DIAN),
     ("马", ZHE), ("张", ZHE), ("陈", ZHE), ("女", ZHE)],
)
def test_first_stroke_shapes(ch: str, shape: int) -> None:
    assert first_stroke(ch) == shape


def test_first_stroke_unknown_for_rare_characters() -> None:
    assert first_stroke("𠮷") is None
    assert first_stroke("A") is None


def test_brief_surname_sequence() -> None:
    # 2: 丁 | 3: 于 (横) 马 (折) | 4: 王 (横) 方 (点) | 5: 石 (横) 白 (撇) | 6: 刘 (点) 孙 (折)
    # | 7: 张 陈 both 折, second strokes 横 < 竖.
    expected = list("丁于马王方石白刘孙张陈")
    assert ordered(list(reversed(expected))) == expected


def test_wang_liu_zhang_li() -> None:
    # 王 4 < 刘 6 < 李 7 = 张 7, and 李 starts with 横 while 张 starts with 折.
    assert ordered(list("张李刘王")) == list("王刘李张")


def test_seven_stroke_surnames_in_index_order() -> None:
    # The 7-stroke block as surname indexes print it, by first, second, ... stroke shape.
    expected = list("严苏杜李杨吴邱何余邹汪沈宋张陆陈邵")
    assert all(stroke_count(c) == 7 for c in expected)
    assert ordered(sorted(expected)) == expected


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("丁小宁", "王小宁"),  # fewer strokes in the surname first
        ("欧阳少东", "洪少东"),  # the first character decides, not the whole compound surname
        ("李一鸣", "李大鸣"),  # same surname: the next character decides
        ("王", "文"),  # same count: 横 before 点
        ("林", "欧"),  # same count, same first stroke: second stroke 竖 before 撇
        ("史", "司"),  # same count: 竖 before 折
        ("干", "于"),  # same shapes 横横竖: main 竖 before attached 竖钩
        ("土", "大"),  # 3 strokes: 横竖横 before 横撇捺
        ("大", "万"),
        ("李克强", "李强"),  # char by char: 克 (7) before 强 (12)
        ("王", "王晨"),  # a prefix first
    ],
)
def test_published_rule_examples(before: str, after: str) -> None:
    assert stroke_key(before) < stroke_key(after)
    assert ordered([after, before]) == [before, after]


def test_single_given_name_first_convention() -> None:
    names = ["李鸿忠", "李强", "李克强", "李希", "高大富", "高富"]
    assert ordered(names) == ["李克强", "李希", "李鸿忠", "李强", "高大富", "高富"]
    assert ordered(names, single_name_first=True) == [
        "李希", "李强", "李克强", "李鸿忠", "高富", "高大富"
    ]


def test_padding_spaces_full_width_and_dots_are_ignored() -> None:
    assert stroke_key("王　晨") == stroke_key("王晨") == stroke_key(" 王 晨 ")
    assert stroke_key("阿依古丽·买买提") == stroke_key("阿依古丽买买提")
    assert stroke_key("ＡＢ") == stroke_key("AB")
    # A compatibility ideograph sorts as the unified one it stands for.
    assert stroke_key("\uf900") == stroke_key("豈")


def test_rare_characters_sort_by_their_count() -> None:
    # 𠮷 (Ext B, 6 strokes) among 5- and 7-stroke surnames; order data for it is absent,
    # so it goes after the 6-stroke characters whose stroke order is known.
    assert ordered(["李", "𠮷", "刘", "白"]) == ["白", "刘", "𠮷", "李"]
    assert ordered(["喆", "堃", "垚"]) == ["垚", "堃", "喆"]


def test_non_cjk_after_cjk_and_blank_last() -> None:
    names = ["", "Tom", "王", "123", "\U0002EBF0", "龘", None]
    result = sort_by_strokes(names)
    assert result[:2] == ["王", "龘"]
    assert result[2] == "\U0002EBF0"  # an ideograph newer than the data: after the known ones
    assert set(result[3:5]) == {"Tom", "123"}
    assert result[5:] == ["", None]


def test_latin_is_case_insensitive() -> None:
    assert ordered(["bob", "Anna"]) == ["Anna", "bob"]


def test_sort_by_key_is_stable() -> None:
    people = [{"name": "张三", "id": 1}, {"name": "王五", "id": 2}, {"name": "张三", "id": 3}]
    result = sort_by_strokes(people, key=lambda p: p["name"])
    assert [p["id"] for p in result] == [2, 1, 3]


def test_accepts_any_iterable() -> None:
    assert sort_by_strokes(iter(["张", "王"])) == ["王", "张"]


names = st.text(st.characters(codec=None), max_size=30) | st.text(
    st.sampled_from("王张李刘陈𠮷堃喆垚一乙·　 \t\x00\ud800A"), max_size=8
)


@given(st.lists(names, max_size=20))
@settings(max_examples=300)
def test_any_names_sort_without_error(values: list[str]) -> None:
    result = sort_by_strokes(values)
    assert Counter(result) == Counter(values)
    assert sorted(map(stroke_key, values)) == list(map(stroke_key, result))


@given(st.text(min_size=1, max_size=5), st.text(min_size=1, max_size=5))
def test_order_is_antisymmetric(a: str, b: str) -> None:
    ka, kb = stroke_key(a), stroke_key(b)
    assert (ka < kb) + (kb < ka) + (ka == kb) == 1


def test_huge_name_is_fine() -> None:
    big = "王" * 100_000 + "\x00" + "𠮷" * 1000
    assert stroke_key(big)[0] == 0
