"""A tiny hand-made branch for the ledger, assessment and commendation tests.

Everything goes through the services, so the figures the tests expect are worked out by hand
from the tallies typed here.
"""
from __future__ import annotations

import datetime as dt
import itertools

from models.campaign import pledges, reviews
from models.campaign.reviews import MassCounts, ReviewInput
from models.roster import members
from tests.helpers import make_id, member_data

YEAR = 2025  # a whole past year: every quarter's meeting date lies before today
_serial = itertools.count(1)


def add_members(org_id: int, names: list[str], workers: tuple[str, ...] = ()) -> dict[str, int]:
    ids = {}
    for name in names:
        n = next(_serial)
        m = members.save(member_data(org_id, name=name, id_number=make_id("19800101", f"{n:03d}"),
                                     mobile=f"1391234{n:04d}", is_party_worker=name in workers))
        ids[name] = m.id
    return ids


def review(org_id: int, quarter: int, *, attendance: dict[int, str] | None = None,
           mutual: dict[int, tuple[int, int, int, int]] | None = None, mutual_voters: int = 0,
           mass: list[MassCounts] | None = None, party_voters: int = 0, public_voters: int = 0,
           comment: str = "", year: int = YEAR):
    """attendance: member id → 出席 / 请假 / 缺席 (a 请假 gets a reason)."""
    data = ReviewInput(
        year=year, quarter=quarter, date=dt.date(year, 3 * quarter - 1, 15),
        texts={"leader_name": "周建国" if comment else "", "leader_comment": comment},
        mutual_voters=mutual_voters, mass_party_voters=party_voters, mass_public_voters=public_voters,
        attendance={mid: (state, "外出务工" if state == "请假" else "") for mid, state in (attendance or {}).items()},
        mutual=mutual or {}, mass=mass or [],
    )
    return reviews.save(org_id, data)


def pledge(org_id: int, member_id: int | None, deadlines: list[str], year: int = YEAR):
    """An approved, posted pledge with one item per deadline; returns the item ids in order."""
    p = pledges.save_draft(org_id, member_id, year,
                           [{"content": f"第{n}件实事：为群众办好事", "deadline": d}
                            for n, d in enumerate(deadlines, 1)])
    pledges.approve(p.id, f"{year}-03-10")
    pledges.publish(p.id, f"{year}-03-15", f"{year}-03-21")
    return [i.id for i in pledges.items_of(p.id)]


def build_town(org_id: int) -> dict:
    """Four members, two quarterly meetings and pledges, with these hand-counted results:

    attendance Q1 2/4 (张伟 请假, 刘芳 缺席), Q2 4/4; 党员互评 summed 王建国 (3,2,0,0) 优秀,
    李红 (1,4,0,0) 合格, 张伟 (0,3,1,1) 合格, 刘芳 (0,1,0,4) 不合格; Q1 breaks the ⅓ cap
    (3 优秀 from 2 voters, 1 allowed each); organization 群众评议 top2: 党员 19/20, 群众 25/30,
    合计 44/50 = 88%; 王建国's 群众评议 9/10; 王建国's pledge: item 1 已兑现, item 2 未兑现 with
    a reason, item 3 (due Dec 31) 进行中; the organization's own pledge 1/1.
    """
    from models.campaign import pledges as pledge_service

    ids = add_members(org_id, ["王建国", "李红", "张伟", "刘芳"])
    w, li, z, liu = ids["王建国"], ids["李红"], ids["张伟"], ids["刘芳"]
    q1 = review(
        org_id, 1, attendance={w: "出席", li: "出席", z: "请假", liu: "缺席"},
        mutual_voters=2, mutual={w: (2, 0, 0, 0), li: (1, 1, 0, 0), z: (0, 2, 0, 0), liu: (0, 0, 0, 2)},
        party_voters=10, public_voters=30,
        mass=[MassCounts(1, "党员", 8, 1, 1, 0), MassCounts(1, "群众", 20, 5, 3, 2),
              MassCounts(2, "党员", 5, 5, 0, 0), MassCounts(1, "群众", 9, 0, 0, 1, member_id=w)],
        comment="承诺具体，践诺扎实。")
    q2 = review(
        org_id, 2, attendance={m: "出席" for m in ids.values()},
        mutual_voters=3, mutual={w: (1, 2, 0, 0), li: (0, 3, 0, 0), z: (0, 1, 1, 1), liu: (0, 1, 0, 2)})
    items = pledge(org_id, w, ["2025-06-30", "2025-09-30", "2025-12-31"])
    pledge_service.record_fulfilment(items[0], "已兑现")
    pledge_service.record_fulfilment(items[1], "未兑现", reason="资金未到位，已报镇里协调")
    pledge_service.record_fulfilment(items[2], "进行中", progress="已完成一半")
    own = pledge(org_id, None, ["2025-05-31"])
    pledge_service.record_fulfilment(own[0], "已兑现")
    return {"org": org_id, "ids": ids, "q1": q1.id, "q2": q2.id, "items": items, "own": own}
