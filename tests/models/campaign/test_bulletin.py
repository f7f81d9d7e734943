"""创先争优活动进展情况通报: the ledger's figures per branch, ranked, the branches behind named.

The figures of 东风村 are build_town's, worked out by hand there; 西风村 holds every meeting
with everyone satisfied.
"""
from __future__ import annotations

import datetime as dt

from models.campaign.bulletin import bulletin
from models.campaign.reviews import MassCounts
from models.roster import organizations
from tests.models.township import YEAR, add_members, build_town, review

LATE = dt.date(YEAR + 1, 3, 1)


def _good_branch(parent_id: int) -> int:
    org = organizations.save({"name": "中共西风村支部委员会", "short_name": "西风村党支部", "level": "党支部",
                              "parent_id": parent_id})
    ids = add_members(org.id, ["赵一", "钱二"])
    for q in range(1, 5):
        review(org.id, q, attendance={m: "出席" for m in ids.values()}, public_voters=10,
               mass=[MassCounts(1, "群众", 10, 0, 0, 0)])
    return org.id


def test_year_bulletin_ranks_and_names_those_behind(branch):
    build_town(branch.id)
    good = _good_branch(branch.parent_id)
    data = bulletin(YEAR, today=LATE)
    assert [b.org_id for b in data.branches] == [good, branch.id]
    first, second = data.branches
    assert (first.rank, first.held.num, first.held.den, first.satisfaction.text, first.behind) == (
        1, 4, 4, "100.0%", False)
    assert (second.held.num, second.held.den) == (2, 4)
    assert (second.satisfaction.num, second.satisfaction.den) == (44, 50)
    assert (second.fulfilment.num, second.fulfilment.den) == (2, 4)
    assert second.reasons[0] == "第三季度、第四季度未召开评议会"
    assert "群众满意率88.0%，未达到90%" in second.reasons
    assert data.behind == (second,)


def test_quarter_bulletin_reads_that_meeting_only(branch):
    build_town(branch.id)
    good = _good_branch(branch.parent_id)
    data = bulletin(YEAR, 2, today=LATE)
    assert data.as_of == dt.date(YEAR, 6, 30) and data.period == f"{YEAR}年第二季度"
    by_id = {b.org_id: b for b in data.branches}
    assert (by_id[branch.id].held.num, by_id[branch.id].held.den) == (1, 1)
    assert by_id[branch.id].satisfaction.den == 0  # no 群众评议 at the second meeting
    assert not any("未召开" in r for r in by_id[branch.id].reasons)
    assert by_id[good].satisfaction.text == "100.0%"
    assert bulletin(YEAR, 1, today=LATE).branches[-1].satisfaction.num == 44
