"""The column-width planner alone: points in, points out."""
from collections import defaultdict

import pytest

from printing.layout.widths import ColumnNeed, plan_widths, unbreakable_runs, widen_for

ADV = defaultdict(lambda: 1.0)
for _c in "0123456789":
    ADV[_c] = 0.5


def test_every_column_gets_its_longest_run_then_the_rest_by_need():
    needs = [ColumnNeed(10, 10), ColumnNeed(40, 40), ColumnNeed(20, 200)]
    widths = plan_widths(needs, 150)
    assert sum(widths) == pytest.approx(150)
    assert widths[:2] == pytest.approx([10, 40])     # already at their longest text
    assert widths[2] == pytest.approx(100)           # the prose column takes the rest


def test_room_left_once_everything_fits_follows_the_weights():
    widths = plan_widths([ColumnNeed(10, 20, 1), ColumnNeed(10, 20, 3)], 80)
    assert widths == pytest.approx([30, 50])


def test_a_date_is_one_run_and_a_post_list_breaks_after_dunhao():
    assert max(unbreakable_runs("2026年10月30日前", ADV, 1.0)) == pytest.approx(8)
    assert max(unbreakable_runs("2026年6月前", ADV, 1.0)) == pytest.approx(5.5)
    posts = unbreakable_runs("书记、农牧渔业生产人员", ADV, 1.0, breaks="、")
    assert posts == pytest.approx([3, 8])
    assert unbreakable_runs("阿卜杜拉·买买提", ADV, 1.0, whole=True) == pytest.approx([8])


def test_a_name_column_widens_from_the_others_within_their_keep():
    out = widen_for([20, 40, 40], {0: 35}, keep=[0, 38, 10])
    # 2 from the second (down to its keep), 10 from the third (a quarter of it)
    assert out == pytest.approx([32, 38, 30])
    assert sum(out) == pytest.approx(100)
