import datetime as dt

import pytest

from models.campaign import reviews
from models.errors import FormErrors
from models.roster import members
from models.store.tables import Attendance, MassTally, MutualTally, Review
from tests.helpers import make_id, member_data


@pytest.fixture
def roster(branch):
    return [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:02d}1")))
            for i, n in enumerate(("张三", "李四", "王五"))]


def good(roster, **over):
    data = reviews.ReviewInput(
        year=2026, quarter=2, date="2026-05-20", texts={"place": "村部", "host": "张三", "topics": "互评"},
        mutual_voters=2, mass_party_voters=2, mass_public_voters=10,
        attendance={roster[0].id: ("出席", ""), roster[1].id: ("出席", ""), roster[2].id: ("请假", "外出务工")},
        mutual={m.id: (1, 1, 0, 0) for m in roster},
        mass=[reviews.MassCounts(1, "群众", 8, 1, 1, 0), reviews.MassCounts(1, "党员", 2, 0, 0, 0),
              reviews.MassCounts(2, "群众", 5, 5, 0, 0, member_id=roster[0].id)],
    )
    for k, v in over.items():
        setattr(data, k, v)
    return data


def test_save_load_round_trip(branch, roster):
    r = reviews.save(branch.id, good(roster))
    assert r.expected == 3
    again = reviews.load(r.id)
    assert again.attendance[roster[2].id] == ("请假", "外出务工")
    assert again.mutual[roster[0].id] == (1, 1, 0, 0)
    assert len(again.mass) == 3
    rows = reviews.list_rows(branch.id)
    assert (rows[0].quarter, rows[0].expected, rows[0].present) == ("第二季度", 3, 2)
    # editing replaces the tallies, never duplicates them
    again.mutual = {roster[0].id: (0, 2, 0, 0)}
    reviews.save(branch.id, again, r.id)
    assert MutualTally.select().count() == 1


@pytest.mark.parametrize("over, field", [
    ({"date": "2026-01-05"}, "date"),  # not in Q2
    ({"quarter": 5}, "quarter"),
    ({"mutual_voters": 3}, "mutual_voters"),  # more than present
    ({"mutual": {}}, None),
    ({"attendance": {}}, None),
])
def test_rules(branch, roster, over, field):
    data = good(roster, **over)
    if field is None:
        reviews.save(branch.id, data)  # these are allowed: tallies may be entered later
        return
    with pytest.raises(FormErrors) as info:
        reviews.save(branch.id, data)
    assert field in info.value.errors


def test_tallies_exceeding_voters_rejected_and_nothing_written(branch, roster):
    data = good(roster, mutual={roster[0].id: (2, 1, 0, 0)})
    with pytest.raises(FormErrors) as info:
        reviews.save(branch.id, data)
    assert "超过" in info.value.errors["mutual"]
    data = good(roster, mass=[reviews.MassCounts(1, "群众", 9, 2, 0, 0)])
    with pytest.raises(FormErrors) as info:
        reviews.save(branch.id, data)
    assert "超过" in info.value.errors["mass"]
    data = good(roster, attendance={roster[2].id: ("请假", "")})
    with pytest.raises(FormErrors, match="王五请假，请填写请假原因。；参加互评的党员（2"):
        reviews.save(branch.id, data)
    assert (Review.select().count(), Attendance.select().count(), MassTally.select().count()) == (0, 0, 0)


def test_one_review_per_quarter(branch, roster):
    reviews.save(branch.id, good(roster))
    with pytest.raises(Exception) as info:
        reviews.save(branch.id, good(roster))
    assert "已经存在" in str(info.value)


def test_quarter_bounds():
    assert reviews.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert reviews.quarter_bounds(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
