"""Which branches have sent their 数据包 this quarter: the township's view of its villages.

The township's 年度考核 is only as good as the packages it has taken in, so the clerk needs to
see at a glance which branch is behind. A branch counts as covered by a package from its own
computer or from one kept for an organization above it (a 党总支's PC sends for its 支部);
a branch the township types in itself never sends one, which the page says rather than hides.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from models.campaign.reviews import quarter_bounds
from models.store.sync_tables import ExchangePeer
from models.store.tables import Organization
from models.sync import site

RECEIVED, BEHIND, NEVER = "本季度已收到", "本季度尚未收到", "从未收到"


@dataclass(frozen=True)
class BranchStatus:
    org_id: int
    org_name: str
    state: str  # RECEIVED / BEHIND / NEVER
    site_name: str = ""
    last_seq: int = 0
    last_at: str = ""  # 2026-12-02 16:30:00, local time of taking it in
    counts: dict[str, int] = field(default_factory=dict)


def _quarter_start(today: dt.date) -> dt.date:
    return quarter_bounds(today.year, (today.month - 1) // 3 + 1)[0]


def branch_statuses(today: dt.date | None = None) -> list[BranchStatus]:
    """Every organization under the township, behind ones first, then by name."""
    top = site.township_org()
    if top is None:
        return []
    start = _quarter_start(today or dt.date.today()).isoformat()
    orgs = list(Organization.select(Organization.id, Organization.name, Organization.short_name,
                                    Organization.parent).where(Organization.id != top.id).tuples())
    parent = {oid: pid for oid, _name, _short, pid in orgs}
    peer_of: dict[int, ExchangePeer] = {}
    for sender in ExchangePeer.select():
        row = site.row_of("organization", sender.org_uuid) if sender.org_uuid else None
        if row is not None and row != top.id:
            peer_of[row] = sender
    out = []
    for oid, name, short, _pid in orgs:
        peer: ExchangePeer | None = None
        up: int | None = oid
        while up is not None and up != top.id:
            if up in peer_of:
                peer = peer_of[up]
                break
            up = parent.get(up)
        label = short or name
        if peer is None:
            out.append(BranchStatus(oid, label, NEVER))
            continue
        try:
            counts = {k: int(v) for k, v in json.loads(peer.last_counts or "{}").items()}
        except (ValueError, TypeError, AttributeError):
            counts = {}
        state = RECEIVED if (peer.last_at or "") >= start else BEHIND
        out.append(BranchStatus(oid, label, state, peer.name, peer.last_seq, peer.last_at, counts))
    order = {BEHIND: 0, NEVER: 1, RECEIVED: 2}
    return sorted(out, key=lambda s: (order[s.state], s.org_name))
