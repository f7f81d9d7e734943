"""A tiny hand-made branch for the ledger, assessment and commendation tests.

Everything goes through the services, so the figures the tests expect are worked out by hand
from the tallies typed here.
"""
from __future__ import annotations

import datetime as dt
import itertools

from models import members, pledges, reviews
from models.reviews import MassCounts, ReviewInput
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
                           [{"content": f"第{n}件实事：为群众办好事", "deadline": d} for n, d in enumerate(deadlines, 1)])
    pledges.approve(p.id, f"{year}-03-10")
    pledges.publish(p.id, f"{year}-03-15", f"{year}-03-21")
    return [i.id for i in pledges.items_of(p.id)]
