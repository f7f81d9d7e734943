"""民主评议党员测评表 and 群众评议表: copies, rows for a pen, headers, instructions, names."""
import pytest

from printing.documents.ballots import (
    LEVELS,
    MARGINS,
    MEMBER_ITEMS,
    ORG_ITEMS,
    ROW_HEIGHT,
    MassBallot,
    PartyBallot,
    excellent_limit,
    render_ballots,
)
from printing.sizes import mm
from tests.printing.formfonts import NAMES, check_pdf
from tests.printing.pdfcheck import cell_texts, chars_and_edges, compact, text

ORG = "中共东风村支部委员会"
LONG_NAME = "阿卜杜热合曼·买买提明"
MEMBERS = NAMES + ("陈建国", "林芳", "周国强", "郑晓", LONG_NAME) + tuple(f"王{c}" for c in "一二三四五六七八九十") \
    + ("赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七")
PARTY_HEADER = "序号姓名优秀合格基本合格不合格意见"


def copy_starts(pages, title):
    return [i for i, p in enumerate(pages) if p.startswith(title)]


def test_party_ballot_copies_each_from_a_new_page(form_library):
    assert len(MEMBERS) == 30
    counts = []
    pdf = render_ballots(PartyBallot(ORG, 2026, 1, MEMBERS, copies=3), form_library, page_counts=counts)
    assert len(counts) == 3 and len(set(counts)) == 1 and counts[0] == 2
    chars, edges = check_pdf(pdf, MARGINS, pages=6)
    pages = [compact(t) for t in text(pdf)]
    assert copy_starts(pages, "民主评议党员测评表") == [0, 2, 4]
    for p in pages:                                   # header repeated on every page
        assert PARTY_HEADER in p
    # every name, rare characters included, exactly once per copy, in a cell of its own
    cells = cell_texts(chars, edges)
    for name in MEMBERS:
        assert cells.count(name) == 3, name


def test_rows_are_tall_enough_for_a_pen_and_never_split(form_library):
    pdf = render_ballots(PartyBallot(ORG, 2026, 2, MEMBERS), form_library)
    chars, edges, _ = chars_and_edges(pdf)
    for _page, e in enumerate(edges):
        left = min(x0 for _y, x0, _x1 in e.horizontal)
        rules = sorted({round(y, 2) for y, x0, _x1 in e.horizontal if abs(x0 - left) < 0.5})
        gaps = [b - a for a, b in zip(rules, rules[1:], strict=False)]
        assert len(gaps) >= 5
        assert min(gaps[1:]) >= ROW_HEIGHT - 0.01 >= mm(8)    # the header row may differ
    # the serial numbers run 1..30 without a gap or repeat across the page break
    numbers = [t for t in cell_texts(chars, edges) if t.isdigit()]
    assert numbers == [str(i) for i in range(1, 31)]


def test_instructions_state_the_cap_and_the_grounds(form_library):
    pdf = render_ballots(PartyBallot(ORG, 2026, 1, MEMBERS), form_library)
    page = compact(text(pdf)[0])
    assert "党组织：中共东风村支部委员会" in page and "2026年第一季度" in page
    assert "划“√”，每行只划一个" in page
    assert "不得超过参评党员人数的三分之一：本次参评党员30名，“优秀”最多10名" in page
    assert "应评为“不合格”：（1）理想信念动摇" in page and "不按规定交纳党费" in page
    assert "本表不记名" in page


@pytest.mark.parametrize(("n", "cap", "limit", "words"), [
    (30, 1 / 3, 10, "三分之一"), (10, 1 / 3, 3, "三分之一"), (9, 1 / 3, 3, "三分之一"),
    (20, 0.3, 6, "30%"), (7, 0.25, 1, "四分之一"),
])
def test_excellent_cap(form_library, n, cap, limit, words):
    assert excellent_limit(n, cap) == limit
    ballot = PartyBallot(ORG, 2026, 1, MEMBERS[:n], excellent_cap=cap)
    page = compact(text(render_ballots(ballot, form_library))[0])
    assert f"参评党员人数的{words}：本次参评党员{n}名，“优秀”最多{limit}名" in page


def test_three_grade_variant(form_library):
    pdf = render_ballots(PartyBallot(ORG, 2026, None, MEMBERS[:8], three_grades=True), form_library)
    page = compact(text(pdf)[0])
    assert "序号姓名优秀合格不合格意见" in page and "基本合格" not in page
    assert "2026年度" in page


def test_long_name_stays_in_its_cell(form_library):
    pdf = render_ballots(PartyBallot(ORG, 2026, 1, [LONG_NAME, "王一"]), form_library)
    chars, edges = check_pdf(pdf, MARGINS, pages=1)
    assert LONG_NAME in cell_texts(chars, edges)


def test_mass_ballots_labelled_per_voter_group(form_library):
    counts = []
    ballots = [MassBallot(ORG, 2026, 3, MEMBERS, voter_group="党员", copies=2),
               MassBallot(ORG, 2026, 3, MEMBERS, voter_group="群众", copies=3)]
    pdf = render_ballots(ballots, form_library, page_counts=counts)
    assert len(counts) == 5 and len(set(counts)) == 1
    chars, edges = check_pdf(pdf, MARGINS, pages=sum(counts))
    pages = [compact(t) for t in text(pdf)]
    starts = copy_starts(pages, "群众评议表")
    assert len(starts) == 5
    assert [("（党员填写）" in pages[i]) for i in starts] == [True, True, False, False, False]
    assert all("（群众填写）" in pages[i] for i in starts[2:])
    first = pages[0]
    assert "一、对党组织的评议" in first and "二、对党员的评议" in first
    assert "序号评议项目" + "".join(LEVELS) in first
    for item in ORG_ITEMS + MEMBER_ITEMS:
        assert item in first
    cells = cell_texts(chars, edges)
    for level in LEVELS:                       # stacked headers read back as words
        assert cells.count(level) >= 5 * len(MEMBER_ITEMS)
    for name in MEMBERS:
        assert cells.count(name) == 5, name


def test_mass_ballot_without_members_rates_the_organization_only(form_library):
    pdf = render_ballots(MassBallot(ORG, 2026, 1, [], voter_group="群众"), form_library)
    page = compact(text(pdf)[0])
    assert "一、对党组织的评议" in page and "二、对党员的评议" not in page


def test_bad_arguments():
    with pytest.raises(ValueError, match="份数应在 1 到 2000 之间：0"):
        PartyBallot(ORG, 2026, 1, MEMBERS, copies=0)
    with pytest.raises(ValueError, match="评议人类别应为 党员 或 群众：干部"):
        MassBallot(ORG, 2026, 1, MEMBERS, voter_group="干部")
    with pytest.raises(ValueError, match="季度应为 1 到 4：5"):
        PartyBallot(ORG, 2026, 5, MEMBERS)                      # there is no fifth quarter


@pytest.mark.realfonts
def test_real_fonts(real_library):
    pdf = render_ballots([PartyBallot(ORG, 2026, 1, MEMBERS, copies=2),
                          MassBallot(ORG, 2026, 1, MEMBERS, voter_group="群众")], real_library)
    chars, edges = check_pdf(pdf, MARGINS)
    cells = cell_texts(chars, edges)
    for name in MEMBERS:
        assert cells.count(name) == 3, name

