"""The small rules every 表彰 step leans on: who signs, which years the city commends, who is
recorded as having done a step, what the committee's selection must be."""
from __future__ import annotations

import pytest

from models.commendation import nominations as cm
from models.config import settings
from models.errors import ValidationError

UNFILLED = "还没有填写市委全称：市委表彰的公示、名单和证书以市委名义落款。"


def test_who_signs(db):
    assert cm.issuer_for(cm.BASIC) == "中共先锋镇委员会"
    assert cm.issuer_for(cm.CITY) == ""  # the ×× placeholder is never signed
    for unfilled in ("  ", "中共新城××委员会"):
        settings.put({"city_committee_name": unfilled})
        assert cm.issuer_for(cm.CITY) == ""
    settings.put({"city_committee_name": " 中共新城市委员会 ", "committee_name": "中共东风镇委员会"})
    assert cm.issuer_for(cm.CITY) == "中共新城市委员会" and cm.issuer_for(cm.BASIC) == "中共东风镇委员会"


def test_an_unfilled_city_name_is_refused_unless_one_was_recorded(db):
    with pytest.raises(ValidationError, match=UNFILLED) as err:
        cm.issuer_or_refuse(cm.CITY)
    assert err.value.field == "city_committee_name"
    assert cm.issuer_or_refuse(cm.CITY, "中共旧城市委员会") == "中共旧城市委员会"
    assert cm.issuer_or_refuse(cm.BASIC) == "中共先锋镇委员会"
    assert cm.issuer_or_refuse(cm.BASIC, "中共老镇委员会") == "中共老镇委员会"  # as signed at the time


@pytest.mark.parametrize(("year", "city"), [(2020, True), (2023, True), (2026, True), (2021, False),
                                             (2022, False), (2017, True), (2018, False)])
def test_city_years_every_cycle_from_the_base_year(db, year, city):
    settings.put({"city_award_cycle": 3, "city_award_base_year": 2020})
    assert cm.is_city_year(year) is city


def test_the_level_of_a_year(db):
    assert cm._level("", 2026) == cm.BASIC and cm._level(cm.CITY, 2025) == cm.CITY
    not_this_year = "^按设置，市委每 2 年表彰一次（2011年起），2026年不是市委表彰年度。$"
    with pytest.raises(ValidationError, match=not_this_year) as err:
        cm._level(cm.CITY, 2026)
    assert err.value.field == "level"


def test_who_did_a_step(db):
    assert cm._who(" 李书记 ") == "李书记"
    assert cm._who("", "考核小组") == "考核小组"
    assert cm._who("") == "中共先锋镇委员会"  # nobody named: the committee
    settings.put({"clerk_name": "王干事"})
    assert cm._who("") == "王干事" and cm._who(None, "考核小组") == "考核小组"
    with pytest.raises(ValidationError) as err:
        cm._who("字" * 61)
    assert err.value.field == "by" and "经办人" in err.value.message


def test_the_committees_selection():
    with pytest.raises(ValidationError, match="^请选择$") as err:
        cm._check_picked([], "请选择")
    assert err.value.field == "ids"
    with pytest.raises(ValidationError, match="^所选推荐对象中有重复。$") as err:
        cm._check_picked([3, 1, 3], "请选择")
    assert err.value.field == "ids"
    cm._check_picked([3, 1], "请选择")
