"""创先争优活动进展情况通报: how each basic organization stands, ranked, with those behind named.

"通报活动情况 … 对思想上不重视、工作上不得力的党组织提出通报批评，限期进行整改". Every figure
comes from the ledger (models.campaign.ledger), the same one the 专项台账 prints, so the
bulletin never disagrees with a branch's own ledger:

- 季度评议: meetings held of those due by the bulletin's date (for one quarter: that meeting);
- 承诺兑现率: fulfilled of the pledge items due by then (the ledger's `pledges.fulfilment`);
- 群众满意率: the organization's rating by the gate group in 设置 — the year's votes, or that
  quarter's meeting's for a quarterly bulletin.

Ranked by meetings held, then satisfaction, then fulfilment (no figure ranks last). Behind:
a due meeting missing, satisfaction under the threshold, or due pledge items left open.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from models.campaign import ledger
from models.campaign.ledger import PARTY, PUBLIC, TOTAL, OrgLedger, Ratio, Satisfaction
from models.campaign.reviews import quarter_bounds
from models.config import settings
from models.constants import QUARTERS
from models.roster.organizations import subtree_ids
from models.store.tables import MassTally


@dataclass(frozen=True)
class BranchStanding:
    org_id: int
    name: str  # short name, as the township calls it
    held: Ratio  # meetings held / due
    fulfilment: Ratio
    satisfaction: Ratio  # favourable / valid votes of the gate group
    satisfaction_meets: bool | None
    reasons: tuple[str, ...]  # why it is behind; () when it is not
    rank: int = 0

    @property
    def behind(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class BulletinData:
    year: int
    quarter: int | None
    as_of: dt.date
    threshold: float
    gate_group: str  # 党员 / 群众 / 合计
    branches: tuple[BranchStanding, ...]  # ranked

    @property
    def period(self) -> str:
        return f"{self.year}年{QUARTERS[self.quarter]}" if self.quarter else f"{self.year}年"

    @property
    def behind(self) -> tuple[BranchStanding, ...]:
        return tuple(b for b in self.branches if b.behind)


def _as_of(year: int, quarter: int | None, today: dt.date) -> dt.date:
    end = quarter_bounds(year, quarter)[1] if quarter else dt.date(year, 12, 31)
    return min(end, today)


def _gate(satisfaction: dict[str, Satisfaction], gate: str) -> Satisfaction:
    return satisfaction.get(gate if gate in (PARTY, PUBLIC) else TOTAL, satisfaction[TOTAL])


def _quarter_satisfaction(led: OrgLedger, quarter: int, gate: str) -> Satisfaction:
    """The organization's rating at that quarter's meeting alone (the ledger pools the year)."""
    record = led.quarters[quarter - 1]
    groups = (PARTY, PUBLIC) if gate not in (PARTY, PUBLIC) else (gate,)
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)
    if record.review_id is not None:
        row = (MassTally.select(fn.SUM(MassTally.satisfied), fn.SUM(MassTally.fairly), fn.SUM(MassTally.basic),
                                fn.SUM(MassTally.unsatisfied))
               .where((MassTally.review == record.review_id) & MassTally.member.is_null()
                      & MassTally.group.in_(groups)).tuples().first())
        counts = tuple(int(v or 0) for v in row) if row else counts  # type: ignore[assignment]
    return Satisfaction(*counts, led.formula, led.threshold, ledger.Sources((record.review_id,))
                        if record.review_id is not None else ledger.NO_SOURCES)


def _standing(led: OrgLedger, quarter: int | None, gate: str) -> BranchStanding:
    if quarter:
        record = led.quarters[quarter - 1]
        held = Ratio(int(record.held), int(record.due or record.held))
        sat = _quarter_satisfaction(led, quarter, gate)
    else:
        held = led.held
        sat = _gate(led.mass.overall, gate)
    reasons = []
    missing = [q.label for q in led.missing_quarters if quarter is None or q.quarter == quarter]
    if missing:
        reasons.append(f"{'、'.join(missing)}未召开评议会")
    if sat.meets is False:
        reasons.append(f"群众满意率{sat.ratio.text}，未达到{ledger.share_text(led.threshold)}")
    open_items = len(led.pledges.overdue_ids)
    if open_items:
        reasons.append(f"{open_items}项到期承诺未办结")
    return BranchStanding(led.org_id, led.label, held, led.pledges.fulfilment, sat.ratio, sat.meets, tuple(reasons))


def _key(b: BranchStanding) -> tuple:
    def value(r: Ratio) -> float:
        return -1.0 if r.value is None else r.value
    return (-value(b.held), -value(b.satisfaction), -value(b.fulfilment), b.org_id)


def bulletin(year: int, quarter: int | None = None, org_id: int | None = None,
             today: dt.date | None = None) -> BulletinData:
    """The bulletin of every basic organization (under ``org_id``, or all) for the year, or
    for the year up to the end of ``quarter``."""
    as_of = _as_of(year, quarter, today or dt.date.today())
    ids = None if org_id is None else subtree_ids(org_id)
    gate = str(settings.get("satisfaction_gate_group") or TOTAL)
    ledgers = [led for led in ledger.build(year, ids, as_of).values() if led.holds_reviews]
    ranked = sorted((_standing(led, quarter, gate) for led in ledgers), key=_key)
    branches = tuple(BranchStanding(b.org_id, b.name, b.held, b.fulfilment, b.satisfaction, b.satisfaction_meets,
                                    b.reasons, n) for n, b in enumerate(ranked, 1))
    return BulletinData(year, quarter, as_of, float(settings.get("satisfaction_threshold")), gate, branches)
