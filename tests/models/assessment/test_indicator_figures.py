"""Every assessment indicator on the hand-counted township, as the committee would count it.

The figures are worked out by hand from the tallies in `tests/models/township.py` (its
docstring lists them), written here as numerator/denominator, never computed by calling the
code: 2 of 4 quarters held; attendance 2/4 and 4/4; one leader's comment in two meetings; 互评
summed 王建国 (3,2,0,0), 李红 (1,4,0,0), 张伟 (0,3,1,1), 刘芳 (0,1,0,4) at 100/80/60/0 points;
Q1 broke the ⅓ 优秀 cap; 群众评议 党员 19/20, 群众 25/30; 王建国's own 9/10; pledges 王建国 1 of 3
due items fulfilled, the organization's own 1 of 1.
"""
import pytest

from models.assessment import scoring
from models.campaign import ledger
from tests.models.township import YEAR, build_town

ORG = {  # key: (numerator, denominator, sources: "reviews" q1+q2, "q1", or "items")
    "review_rate": (2, 4, "reviews"),
    "attendance_rate": (6, 8, "reviews"),
    "leader_comment_rate": (1, 2, "reviews"),
    "mutual_good_share": (3, 4, "reviews"),  # 王 优秀, 李 合格, 张 合格; 刘 不合格
    "cap_compliance": (1, 2, "reviews"),  # Q1 broke the cap, Q2 kept it
    "pledge_fulfilment": (2, 4, "items"),
    "mass_satisfaction": (44, 50, "q1"),
    "mass_public_satisfaction": (25, 30, "q1"),
    "mass_party_satisfaction": (19, 20, "q1"),
    "member_mass_satisfaction": (9, 10, "q1"),
}

MEMBER = {  # name: key: (num, den) with four grades, and with three where it differs
    "王建国": {"attendance_rate": (2, 2), "pledge_fulfilment": (1, 3), "mutual_score": (460, 500),
            "mutual_excellent_share": (3, 5), "mutual_good_share": (5, 5), "mutual_pass_share": (5, 5),
            "mass_satisfaction": (9, 10), "mass_public_satisfaction": (9, 10)},
    "李红": {"attendance_rate": (2, 2), "pledge_fulfilment": (0, 0), "mutual_score": (420, 500),
           "mutual_excellent_share": (1, 5), "mutual_good_share": (5, 5), "mutual_pass_share": (5, 5),
           "mass_satisfaction": (0, 0), "mass_public_satisfaction": (0, 0)},
    "张伟": {"attendance_rate": (1, 2), "pledge_fulfilment": (0, 0), "mutual_score": (300, 500),
           "mutual_excellent_share": (0, 5), "mutual_good_share": (3, 5), "mutual_pass_share": (4, 5),
           "mass_satisfaction": (0, 0), "mass_public_satisfaction": (0, 0)},
    "刘芳": {"attendance_rate": (1, 2), "pledge_fulfilment": (0, 0), "mutual_score": (80, 500),
           "mutual_excellent_share": (0, 5), "mutual_good_share": (1, 5), "mutual_pass_share": (1, 5),
           "mass_satisfaction": (0, 0), "mass_public_satisfaction": (0, 0)},
}
THREE_GRADES = {("张伟", "mutual_score"): (320, 500),  # 基本合格 counts as 合格's 80 points
                ("张伟", "mutual_good_share"): (4, 5)}  # …and as good


@pytest.fixture
def led(branch):
    town = build_town(branch.id)
    built = ledger.build(YEAR, [branch.id])[branch.id]
    return town, built


def sources(town, which):
    if which == "items":
        return (), tuple(sorted([*town["items"], *town["own"]]))
    return ((town["q1"], town["q2"]) if which == "reviews" else (town["q1"],)), ()


@pytest.mark.parametrize("key", sorted(ORG))
def test_organization_figures(led, key):
    town, built = led
    num, den, which = ORG[key]
    figure = scoring.org_figure(key, built)
    assert (figure.num, figure.den) == (num, den)
    assert (figure.sources.review_ids, figure.sources.pledge_item_ids) == sources(town, which)


def test_an_unknown_figure_is_not_computed(led):
    _town, built = led
    assert scoring.org_figure("none", built) is None
    assert scoring.member_figure("none", built.members[0]) is None
    assert scoring.member_figure("cap_compliance", built.members[0]) is None  # an organization's figure


@pytest.mark.parametrize("three", [False, True])
@pytest.mark.parametrize("name", sorted(MEMBER))
def test_member_figures(led, name, three):
    town, built = led
    member = next(m for m in built.members if m.member_id == town["ids"][name])
    for key, (num, den) in MEMBER[name].items():
        if three:
            num, den = THREE_GRADES.get((name, key), (num, den))
        figure = scoring.member_figure(key, member, three)
        assert (figure.num, figure.den) == (num, den), (name, key, three)
        if key.startswith("mutual"):
            assert figure.sources.review_ids == (town["q1"], town["q2"])
        if key == "attendance_rate":
            assert figure.sources.review_ids == (town["q1"], town["q2"])
