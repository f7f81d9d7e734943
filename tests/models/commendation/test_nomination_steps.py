"""The 表彰 steps as a table: every state of a nomination × every step the committee or the
branch can take (推荐 again, 审核, 决定, 不予表彰, 退回).

An allowed step lands in the state the table says and leaves a dated step line; every other one
is refused, naming the state (or, for 推荐, why it cannot be put forward again), with not a row
of the database changed. Written from the campaign's order, not from the code.
"""
import datetime as dt

import pytest

from models.commendation import nominations as cm
from models.config import settings
from models.constants import NOMINATION_STATES
from models.errors import ValidationError
from models.store.assessment_tables import Nomination, NominationStep
from tests.models.township import YEAR, build_town

MEMBER = "优秀共产党员"
ON = f"{YEAR}-07-01"  # after the proposal (06-01) and any review (06-10)

STEPS = {
    "再次推荐": (lambda n, t: cm.propose(YEAR, MEMBER, member_id=n.member_id, on=ON), {"已退回": "已推荐"}),
    "审核": (lambda n, t: cm.review(YEAR, MEMBER, [n.id], on=ON), {"已推荐": "已审核", "已审核": "已审核"}),
    "决定": (lambda n, t: cm.decide([n.id], on=ON, without_notice=True), {"已审核": "已决定"}),
    "不予表彰": (lambda n, t: cm.decline([n.id], "群众反映有异议，经核实属实", on=ON),
             {"已推荐": "不予表彰", "已审核": "不予表彰"}),
    "退回": (lambda n, t: cm.send_back(n.id, "事迹材料不全", on=ON), {"已推荐": "已退回", "已审核": "已退回"}),
}

REFUSAL = {  # the words naming the state, per step
    "审核": ("ids", "推荐对象当前是“{state}”，不能审核。"),
    "决定": ("ids", "推荐对象当前是“{state}”，须经党委审核后才能决定表彰。"),
    "不予表彰": ("ids", "推荐对象当前是“{state}”，不能决定不予表彰。"),
    "退回": ("state", "推荐对象当前是“{state}”，不能退回。"),
}


@pytest.fixture
def town(branch):
    t = build_town(branch.id)
    settings.put({"satisfaction_threshold": 0.85})
    return t


def nomination_in(state, town):
    n = cm.propose(YEAR, MEMBER, member_id=town["ids"]["王建国"], on=f"{YEAR}-06-01")
    if state != "已推荐":
        cm.review(YEAR, MEMBER, [n.id], on=f"{YEAR}-06-10")
    Nomination.update(state=state).where(Nomination.id == n.id).execute()
    return cm.get(n.id)


def everything():
    return (list(Nomination.select().order_by(Nomination.id).tuples()),
            list(NominationStep.select().order_by(NominationStep.id).tuples()))


def test_the_table_covers_every_state():
    assert set(NOMINATION_STATES) == {"已推荐", "已审核", "已决定", "已退回", "不予表彰"}
    for _act, allowed in STEPS.values():
        assert set(allowed) | set(allowed.values()) <= set(NOMINATION_STATES)


@pytest.mark.parametrize("state", NOMINATION_STATES)
@pytest.mark.parametrize("step", list(STEPS))
def test_every_state_and_step(step, state, town):
    act, allowed = STEPS[step]
    nom = nomination_in(state, town)
    before = everything()
    if state in allowed:
        act(nom, town)
        assert cm.get(nom.id).state == allowed[state]
        # the step is on record, dated — but re-ranking what was reviewed is not a new step
        assert len(everything()[1]) == len(before[1]) + (0 if (step, state) == ("审核", "已审核") else 1)
        return
    with pytest.raises(ValidationError) as info:
        act(nom, town)
    if step == "再次推荐":
        words = ("党委已决定王建国2026年度“优秀共产党员”不予表彰，不能再次推荐。" if state == "不予表彰"
                 else f"王建国已被推荐为2026年度“优秀共产党员”（{state}），不能重复推荐。")
        assert (info.value.field, info.value.message) == ("subject", words.replace("2026", str(YEAR)))
    else:
        field, words = REFUSAL[step]
        assert (info.value.field, info.value.message) == (field, words.format(state=state))
    assert everything() == before


def test_a_step_line_says_what_when_and_who(town):
    nom = nomination_in("已推荐", town)
    cm.send_back(nom.id, "事迹材料不全", on=ON, by="组织委员")
    assert cm.steps(nom.id)[-1] == ("退回", dt.date.fromisoformat(ON), "组织委员", "事迹材料不全")
