"""The 季度评议 rules as a table: tallies against voters and attendance, at each boundary.

Each case is the good record below with one thing changed; the table says whether it is
saved, and if not which field is blamed with which words. The numbers are the boundary
itself and one past it, so a bound moved by one fails here. A refused record writes nothing.
"""
import datetime as dt

import pytest

from models.campaign import reviews
from models.errors import FormErrors
from models.roster import members
from models.store.tables import Attendance, MassTally, MutualTally, Review
from tests.helpers import make_id, member_data

YEAR, QUARTER = 2025, 2  # a past quarter, so no date is in the future


@pytest.fixture
def roster(branch):
    return [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:02d}1")))
            for i, n in enumerate(("张三", "李四", "王五"))]


def record(roster, **over):
    """3 on the roll, 2 present (王五 on leave), 2 in 互评, 4 党员 and 10 群众 ballots."""
    zhang, li, wang = roster
    data = reviews.ReviewInput(
        year=YEAR, quarter=QUARTER, date=f"{YEAR}-05-20", texts={"place": "村部", "topics": "互评"},
        mutual_voters=2, mass_party_voters=4, mass_public_voters=10,
        attendance={zhang.id: ("出席", ""), li.id: ("出席", ""), wang.id: ("请假", "外出务工")},
        mutual={zhang.id: (1, 1, 0, 0)},
        mass=[reviews.MassCounts(1, "党员", 4, 0, 0, 0), reviews.MassCounts(1, "群众", 7, 1, 1, 1)],
    )
    for key, value in over.items():
        setattr(data, key, value(roster) if callable(value) else value)
    return data


def mass(*entries):
    return lambda roster: [reviews.MassCounts(*e[:6], member_id=roster[e[6]].id if len(e) > 6 else None)
                           for e in entries]


def nothing_written():
    return (Review.select().count(), Attendance.select().count(), MutualTally.select().count(),
            MassTally.select().count()) == (0, 0, 0, 0)


SAVED = [
    ("as recorded", {}),
    ("互评 votes exactly the voters", {"mutual": lambda r: {r[0].id: (2, 0, 0, 0), r[1].id: (0, 0, 1, 1)}}),
    ("互评 voters exactly the present", {"mutual_voters": 2}),
    ("党员 ballots exactly", {"mass": mass((2, "党员", 1, 1, 1, 1))}),
    ("群众 ballots exactly, a member's item", {"mass": mass((4, "群众", 10, 0, 0, 0, 0))}),
    ("the last organization item", {"mass": mass((5, "群众", 1, 0, 0, 0))}),
    ("the quarter's first day", {"date": f"{YEAR}-04-01"}),
    ("the last day one may record late", {"date": str(dt.date(YEAR, 6, 30) + dt.timedelta(days=reviews.LATE_DAYS))}),
    ("no attendance yet: 互评 not checked against it", {"attendance": {}, "mutual_voters": 3,
                                                      "mutual": lambda r: {r[0].id: (3, 0, 0, 0)}}),
    ("no tallies yet", {"mutual": {}, "mass": []}),
]

REFUSED = [
    ("互评 one vote over", {"mutual": lambda r: {r[0].id: (2, 1, 0, 0)}},
     "mutual", "张三的互评票数合计 3 张，超过参加互评的 2 人。"),
    ("互评 voters over the present", {"mutual_voters": 3},
     "mutual_voters", "参加互评的党员（3 人）不能多于实到人数（2 人）。"),
    ("互评 voters over the roll", {"mutual_voters": 4, "attendance": {}},
     "mutual_voters", "参加互评的党员人数应在 0 到 3 之间，现在是 4。"),
    ("党员 ballots one over (the 群众 count is not theirs)", {"mass": mass((1, "党员", 5, 0, 0, 0))},
     "mass", "东风村党支部“组织开展创先争优活动情况”的党员评议票合计 5 张，超过参加评议的党员 4 人。"),
    ("群众 ballots one over", {"mass": mass((3, "群众", 11, 0, 0, 0))},
     "mass", "东风村党支部“承诺践诺情况”的群众评议票合计 11 张，超过参加评议的群众 10 人。"),
    ("a member's item over", {"mass": mass((2, "党员", 3, 2, 0, 0, 1))},
     "mass", "李四“立足岗位履行职责情况”的党员评议票合计 5 张，超过参加评议的党员 4 人。"),
    ("the same slot twice", {"mass": mass((1, "群众", 1, 0, 0, 0), (1, "群众", 1, 0, 0, 0))},
     "mass", "东风村党支部“组织开展创先争优活动情况”的群众评议票数重复填写。"),
    ("an organization item past the last", {"mass": mass((6, "群众", 1, 0, 0, 0))},
     "mass", "群众评议项目序号应在 1 到 5 之间，现在是 6。"),
    ("a member item past the last", {"mass": mass((5, "群众", 1, 0, 0, 0, 0))},
     "mass", "群众评议项目序号应在 1 到 4 之间，现在是 5。"),
    ("item 0", {"mass": mass((0, "群众", 1, 0, 0, 0))},
     "mass", "群众评议项目序号应在 1 到 5 之间，现在是 0。"),
    ("a group that is not one", {"mass": mass((1, "干部", 1, 0, 0, 0))},
     "mass", "群众评议的评议项目或评议人类别不正确。"),
    ("leave without a reason", {"attendance": lambda r: {r[0].id: ("出席", ""), r[1].id: ("出席", ""),
                                                        r[2].id: ("请假", "")}},
     "attendance", "王五请假，请填写请假原因。"),
    ("someone not on the roll", {"attendance": {999: ("出席", "")}},
     "attendance", "出勤名单中有不在本组织名册上的党员，请刷新后重试。"),
    ("a 互评 line for someone not on the roll", {"mutual": {999: (1, 0, 0, 0)}},
     "mutual", "互评票数中有不在本组织名册上的党员。"),
    ("the day before the quarter", {"date": f"{YEAR}-03-31"},
     "date", f"会议日期 {YEAR}-03-31 不在{YEAR}年第二季度（{YEAR}-04-01 至 {YEAR}-06-30，可延后 45 天补开）内。"),
    ("a day past the late window", {"date": str(dt.date(YEAR, 6, 30) + dt.timedelta(days=reviews.LATE_DAYS + 1))},
     "date", f"会议日期 {YEAR}-08-15 不在{YEAR}年第二季度（{YEAR}-04-01 至 {YEAR}-06-30，可延后 45 天补开）内。"),
    ("no year", {"year": ""}, "year", "请填写年度。"),
    ("no quarter", {"quarter": ""}, "quarter", "请选择季度。"),
    ("quarter 5", {"quarter": 5}, "quarter", "季度应在 1 到 4 之间，现在是 5。"),
]


@pytest.mark.parametrize(("case", "over"), SAVED, ids=[c for c, _ in SAVED])
def test_saved(branch, roster, case, over):
    saved = reviews.save(branch.id, record(roster, **over))
    back = reviews.load(saved.id)
    data = record(roster, **over)
    assert back.mutual == {k: tuple(v) for k, v in data.mutual.items()}
    assert len(back.mass) == len(data.mass)


@pytest.mark.parametrize(("case", "over", "field", "words"), REFUSED, ids=[c for c, *_ in REFUSED])
def test_refused(branch, roster, case, over, field, words):
    with pytest.raises(FormErrors) as info:
        reviews.save(branch.id, record(roster, **over))
    assert info.value.errors.get(field) == words, info.value.errors
    assert nothing_written()


def test_a_date_in_the_future(branch, roster):
    today = dt.date.today()
    quarter = (today.month - 1) // 3 + 1
    tomorrow = today + dt.timedelta(days=1)
    data = record(roster, year=tomorrow.year, quarter=(tomorrow.month - 1) // 3 + 1, date=tomorrow.isoformat())
    with pytest.raises(FormErrors) as info:
        reviews.save(branch.id, data)
    assert info.value.errors["date"] == "会议日期不能晚于今天。"
    reviews.save(branch.id, record(roster, year=today.year, quarter=quarter, date=today.isoformat()))


def test_reasons_belong_to_leave_only_and_expected_is_the_roll(branch, roster):
    zhang, li, wang = roster
    saved = reviews.save(branch.id, record(roster, attendance={zhang.id: ("出席", "多写的原因"),
                                                                 li.id: ("出席", ""), wang.id: ("缺席", "x")}))
    assert saved.expected == 3
    assert dict(Attendance.select(Attendance.member, Attendance.reason).where(
        Attendance.review == saved.id).tuples()) == {zhang.id: "", li.id: "", wang.id: ""}
