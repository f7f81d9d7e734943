"""A conflict the clerk decides (保留本机的值 / 采用数据包的值) travels back with the next package:
the other side takes the decided version instead of listing the same conflict again."""
from __future__ import annotations

import pytest

from models.errors import ValidationError
from models.roster import members
from models.store.sync_tables import ExchangeConflict
from models.store.tables import AuditEntry, Member
from models.sync import conflicts
from tests.models.sync.sites import Sites, a_member

VILLAGE = "红旗村党支部"


def _set(org_short: str, **values) -> Member:
    member = a_member(org_short)
    data = members.as_form(member)
    data.update(values)
    return members.save(data, member.id)


def _both_changed(sites: Sites) -> Member:
    """The village's member: the township changed the mobile, the village the mobile and the post."""
    package = sites.send("township", VILLAGE, everything=True)
    assert sites.take("village", package).applied
    sites.use("township")
    target = _set(VILLAGE, mobile="13500000000")
    sites.use("village")
    _set(VILLAGE, mobile="13511111111")
    return target


def _mobile(target: Member) -> str:
    return Member.get(Member.id_number == target.id_number).mobile


def test_keeping_the_branchs_value_reaches_the_township(sites):
    target = _both_changed(sites)
    out = sites.take("township", sites.send("village"))   # the township sees the conflict …
    assert out.counts["member"]["conflict"] == 1 and _mobile(target) == "13500000000"
    down = sites.send("township", VILLAGE)                # … and sends its change down
    out = sites.take("village", down)
    assert out.counts["member"]["conflict"] == 1          # the village sees the same conflict
    (conflict,) = [c for c in ExchangeConflict.select() if c.field == "手机" and not c.resolved]
    assert conflicts.decide([conflict.id], conflicts.KEEP) == 1
    assert _mobile(target) == "13511111111"
    assert conflicts.rows() == [] and ExchangeConflict.get_by_id(conflict.id).choice == conflicts.KEEP
    assert AuditEntry.select().where(AuditEntry.action == "数据包冲突处理").count() == 1
    out = sites.take("township", sites.send("village"))   # the decision travels up
    assert out.counts["member"]["conflict"] == 0 and out.counts["member"]["changed"] == 1
    assert _mobile(target) == "13511111111"
    assert conflicts.rows() == []  # the township's own listing of it is settled too
    assert ExchangeConflict.select().where(ExchangeConflict.choice == "对方已处理").count() >= 1
    # and nothing comes back down as a new conflict
    out = sites.take("village", sites.send("township", VILLAGE))
    assert out.total("conflict") == 0 and _mobile(target) == "13511111111"


def test_taking_the_packages_value_writes_it_exactly_and_converges(sites):
    target = _both_changed(sites)
    sites.take("township", sites.send("village"))
    out = sites.take("village", sites.send("township", VILLAGE))
    assert out.counts["member"]["conflict"] == 1
    ids = conflicts.open_ids()
    assert conflicts.decide(ids, conflicts.TAKE) == len(ids)
    assert _mobile(target) == "13500000000"
    out = sites.take("township", sites.send("village"))
    assert out.total("conflict") == 0 and _mobile(target) == "13500000000"
    assert conflicts.rows() == []


def test_a_decision_is_refused_clearly_and_changes_nothing(sites):
    _both_changed(sites)
    sites.take("township", sites.send("village"))
    sites.take("village", sites.send("township", VILLAGE))
    with pytest.raises(ValidationError, match="只能选择") as refused:
        conflicts.decide(conflicts.open_ids(), "都要")
    assert refused.value.field == "choice"
    with pytest.raises(ValidationError, match="请先选择要处理的冲突"):
        conflicts.decide([], conflicts.KEEP)
    old = ExchangeConflict.get_by_id(conflicts.open_ids()[0])
    old.package_raw = None  # as listed by the program before schema step 9
    old.save()
    with pytest.raises(ValidationError, match="不能直接采用数据包的值"):
        conflicts.decide([old.id], conflicts.TAKE)
    assert not ExchangeConflict.get_by_id(old.id).resolved
