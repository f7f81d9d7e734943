"""From records to 承诺书, 评议表 and 评议记录: what goes on paper, in what order, and what never does."""
import pytest

from models.campaign import pledges, reviews
from models.config import settings
from models.errors import ValidationError
from models.printouts import sources as print_sources
from models.roster import members
from printing.documents.ballots import render_ballots
from printing.documents.minutes import render_minutes
from printing.documents.pledge_letter import render_pledge_letters
from tests.helpers import make_id, member_data
from tests.printing.pdfcheck import cell_texts, chars_and_edges, compact, text

NAMES = ("王堃", "李喆", "吉𠮷", "方芳")


@pytest.fixture
def roster(branch):
    out = []
    for i, n in enumerate(NAMES):
        out.append(members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:02d}1"),
                                            mobile=f"1381234567{i}", party_post="支部委员" if i == 0 else "")))
    return out


@pytest.fixture
def year_pledges(branch, roster):
    items = [{"content": "带头参加村庄环境整治，每月义务劳动不少于2次", "deadline": "2026-12-31"},
             {"content": "帮助2户困难群众发展特色种植", "deadline": "2026-10-31"}]
    made = []
    for m in roster[:3]:
        p = pledges.save_draft(branch.id, m.id, 2026, items)
        pledges.approve(p.id, "2026-03-01")
        made.append(p)
    org_pledge = pledges.save_draft(branch.id, None, 2026, items[:1])
    pledges.approve(org_pledge.id, "2026-03-01")
    draft = pledges.save_draft(branch.id, roster[3].id, 2026, items[:1])
    return made, org_pledge, draft


@pytest.fixture
def review(branch, roster):
    data = reviews.ReviewInput(
        year=2026, quarter=2, date="2026-05-20",
        texts={"place": "村部", "host": "王堃", "recorder": "李喆", "topics": "互评",
               "results": "完成环境整治。", "leader_name": "陈明", "leader_comment": "继续努力。"},
        mutual_voters=3, mass_party_voters=3, mass_public_voters=10,
        attendance={roster[0].id: ("出席", ""), roster[1].id: ("出席", ""), roster[2].id: ("出席", ""),
                    roster[3].id: ("请假", "外出务工")},
        mutual={m.id: (1, 2, 0, 0) for m in roster},
        mass=[reviews.MassCounts(1, "群众", 8, 1, 1, 0), reviews.MassCounts(1, "党员", 2, 1, 0, 0),
              reviews.MassCounts(2, "群众", 5, 3, 1, 1, member_id=roster[0].id)],
    )
    return reviews.save(branch.id, data)


def private_numbers(roster):
    return [m.id_number for m in roster] + [m.mobile for m in roster]


def test_letters_organization_first_then_stroke_order(branch, roster, year_pledges, form_library):
    letters = print_sources.pledge_letters(branch.id, 2026)
    assert [x.member for x in letters] == [None, "王堃", "吉𠮷", "李喆"]   # 王4 吉6 李7 strokes
    assert letters[1].post == "支部委员" and letters[1].items[0].deadline == "2026年12月31日前"
    assert letters[0].organization == "中共东风村支部委员会"
    pdf = render_pledge_letters(letters, form_library)
    whole = "".join(compact(t) for t in text(pdf))
    for n in ("王堃", "吉𠮷", "李喆"):
        assert f"姓名：{n}" in whole
    assert "方芳" not in whole                                        # a draft is not printed
    for number in private_numbers(roster):
        assert number not in whole


def test_letters_by_member_pledge_and_drafts(branch, roster, year_pledges):
    made, org_pledge, draft = year_pledges
    assert [x.member for x in print_sources.pledge_letters(branch.id, 2026, [roster[1].id])] == ["李喆"]
    assert [x.member for x in print_sources.pledge_letters(branch.id, 2026, pledge_ids=[org_pledge.id])] == [None]
    assert print_sources.pledge_letters(branch.id, 2026, include_org=False)[0].member == "王堃"
    assert "方芳" in [x.member for x in print_sources.pledge_letters(branch.id, 2026, drafts=True)]
    with pytest.raises(ValidationError, match="没有审定通过的承诺"):
        print_sources.pledge_letters(branch.id, 2025)
    with pytest.raises(ValidationError, match="退回"):
        pledges.send_back(made[0].id, "内容不具体")
        print_sources.pledge_letters(branch.id, 2026, pledge_ids=[made[0].id], drafts=True)
    assert print_sources.member_named(branch.id, "李喆").id == roster[1].id
    with pytest.raises(ValidationError, match="没有名为"):
        print_sources.member_named(branch.id, "张三")


def test_ballots_from_the_roll(branch, roster, form_library):
    members.record_event(roster[3].id, "转出", "2026-04-01", "转往县城")
    ballot = print_sources.party_ballot(branch.id, 2026, 2)
    assert ballot.members == ("王堃", "吉𠮷", "李喆") and ballot.copies == 3
    assert ballot.excellent_limit() == 1 and not ballot.three_grades
    settings.put({"three_grades": True, "excellent_cap": 0.5})
    ballot = print_sources.party_ballot(branch.id, 2026, 2, copies=5)
    assert ballot.three_grades and ballot.excellent_limit() == 1 and ballot.copies == 5
    mass = [print_sources.mass_ballot(branch.id, 2026, 2, g) for g in ("党员", "群众")]
    assert mass[0].copies == 3 and mass[1].copies == 3        # no review yet: one per member
    pdf = render_ballots([ballot, *mass], form_library)
    chars, edges, _ = chars_and_edges(pdf)
    cells = cell_texts(chars, edges)
    for n in ("王堃", "吉𠮷", "李喆"):
        assert cells.count(n) == 5 + 3 + 3
    whole = "".join(compact(t) for t in text(pdf))
    for number in private_numbers(roster):
        assert number not in whole


def test_public_copies_follow_the_last_review(branch, roster, review):
    assert print_sources.default_mass_copies(branch.id, "群众") == 10
    assert print_sources.default_mass_copies(branch.id, "党员") == 4


def test_no_members_no_ballot(branch):
    with pytest.raises(ValidationError, match="没有在册党员"):
        print_sources.party_ballot(branch.id, 2026, 1)


def test_minutes_from_a_review(branch, roster, review, form_library):
    assert print_sources.find_review(branch.id, 2026, 2).id == review.id
    with pytest.raises(ValidationError, match="没有 2026 年第一季度的评议记录"):
        print_sources.find_review(branch.id, 2026, 1)
    m = print_sources.review_minutes(review.id)
    assert (m.expected, m.present) == (4, 3)
    assert [(x.name, x.reason) for x in m.leave] == [("方芳", "外出务工")] and m.absent == ()
    assert [r.name for r in m.mutual] == ["王堃", "方芳", "吉𠮷", "李喆"]     # 王 方 4 strokes, 吉 6, 李 7
    first = m.org_satisfaction[0]
    assert first.public == pytest.approx(0.9) and first.party == 1.0 and first.total == pytest.approx(12 / 13)
    assert m.org_satisfaction[1].total is None
    assert [(r.item, r.public) for r in m.member_satisfaction] == [("王堃", 0.8)]
    settings.put({"satisfaction_formula": "top3"})
    m3 = print_sources.review_minutes(review.id)
    assert m3.member_satisfaction[0].public == pytest.approx(0.9) and "基本满意" in m3.formula
    pdf = render_minutes(m, form_library)
    whole = "".join(compact(t) for t in text(pdf))
    assert "请假：1人，方芳（外出务工）" in whole and "点评领导：陈明" in whole
    assert "90.0%" in whole and "92.3%" in whole
    for number in private_numbers(roster):
        assert number not in whole


def test_satisfaction_rate():
    assert print_sources.satisfaction_rate([], "top2") is None
    assert print_sources.satisfaction_rate([(1, 1, 1, 1)], "top2") == 0.5
    assert print_sources.satisfaction_rate([(1, 1, 1, 1), (2, 0, 0, 0)], "top3") == 5 / 6

