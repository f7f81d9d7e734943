"""The print-quality audit of 2026-12-02, one test per defect a clerk would notice.

Each test reads the PDF back line by line, cell by cell (pdfplumber), as the clerk reads
the printout: a date broken before 前, a post broken before its last character, a name
wrapped over two lines.
"""
from datetime import date

import pytest

from printing.data import PledgeBoard, PledgeItem, PledgeRow
from printing.documents.pledge_board import render_pledge_board
from tests.printing.pdfcheck import (
    assert_no_char_crosses_rules,
    cell_texts,
    chars_and_edges,
    visual_lines,
)

DEADLINES = ["2026年10月30日前", "2026年12月30日前", "2026年6月前", "长期坚持"]
POSTS = ["农牧渔业生产人员", "外出务工经商人员", "党支部副书记、村委会主任、村集体经济合作社理事长",
         "书记", "乡村医生"]
ITEM = "参与村道硬化监督，确保10月底前完工，带动周边群众共同维护村容村貌"


def _board(paper="A4", orientation="portrait", names=("丁兰凤", "向鹏梅", "阿卜杜拉·买买提")):
    rows = [PledgeRow(names[i % len(names)], POSTS[i % len(POSTS)],
                      [PledgeItem(ITEM, DEADLINES[(i + k) % len(DEADLINES)]) for k in range(2)])
            for i in range(10)]
    return PledgeBoard("中共红旗村支部委员会", 2026, date(2026, 3, 15), date(2026, 3, 21), rows,
                       paper=paper, orientation=orientation)


def _lines(pdf):
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)
    return visual_lines(chars, edges), cell_texts(chars, edges)


def test_portrait_board_keeps_each_deadline_on_one_line(library):
    lines, _cells = _lines(render_pledge_board(_board(), library))
    assert "前" not in lines and "日前" not in lines
    for deadline in DEADLINES:
        assert deadline in lines, deadline


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_post_never_ends_in_a_lone_character(library, orientation):
    lines, _cells = _lines(render_pledge_board(_board(orientation=orientation), library))
    assert "员" not in lines and "人员" not in lines
    if orientation == "landscape":
        assert "农牧渔业生产人员" in lines


def test_posts_listed_with_dunhao_break_after_it(library):
    lines, _cells = _lines(render_pledge_board(_board(), library))
    post = POSTS[2]
    parts = [ln for ln in lines if len(ln) > 2 and ln in post]
    assert parts and all(p.endswith("、") or p.endswith("理事长") for p in parts), parts
    assert {"党支部副书记、", "村集体经济合作社理事长"} <= set(parts)


def test_no_cell_ends_in_a_one_or_two_character_line(library):
    for orientation in ("portrait", "landscape"):
        chars, edges, _ = chars_and_edges(render_pledge_board(_board(orientation=orientation),
                                                             library))
        lines, whole = visual_lines(chars, edges), set(cell_texts(chars, edges))
        short = [ln for ln in lines if 0 < len(ln) <= 2 and ln not in whole]
        assert not short, (orientation, short)


# ------------------------------------------------------------------ one rule for names

LONGEST = "阿卜杜热合曼·买买提明"     # 11 characters, the longest a roster holds here
BRANCH = "中共先锋水务有限公司支部委员会"


def _name_lines(pdf, name=LONGEST):
    """The name as drawn: every line holding part of it, and the sizes of its characters."""
    import io

    import pdfplumber

    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)
    lines = [ln for ln in visual_lines(chars, edges) if ln and ln in name]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        sizes = [c["size"] for p in doc.pages for c in p.chars if c["text"] in "阿卜杜热合曼"]
    return lines, sizes


def _assert_one_line(pdf, name=LONGEST):
    lines, sizes = _name_lines(pdf, name)
    assert name in lines, lines                    # whole, on one line
    assert not [ln for ln in lines if ln != name and len(ln) > 1], lines   # never a piece
    assert sizes and min(sizes) >= 7.0 - 0.01, min(sizes)


def test_candidate_notice_never_wraps_a_long_name(library):
    from printing.documents.candidate_notice import CandidateNotice, NoticeEntry, render_candidate_notice

    rows = [NoticeEntry("优秀共产党员", LONGEST, BRANCH, "男", "农牧渔业生产人员"),
            NoticeEntry("优秀共产党员", "阿卜杜拉·买买提", BRANCH, "男", "党支部书记、村委会主任")]
    pdf = render_candidate_notice(CandidateNotice("中共先锋镇委员会", 2025, date(2026, 6, 20),
                                                  date(2026, 6, 26), "0371-62810001", rows), library)
    _assert_one_line(pdf)
    _assert_one_line(pdf, "阿卜杜拉·买买提")


def test_award_list_never_wraps_a_long_name(library):
    from printing.documents.award_list import AwardEntry, AwardList, render_award_list

    rows = [AwardEntry("优秀共产党员", LONGEST, BRANCH, "先锋〔2026〕2号")]
    _assert_one_line(render_award_list(AwardList("中共先锋镇委员会", 2025, date(2026, 6, 28), rows),
                                       library))


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_pledge_board_never_wraps_a_long_name(library, orientation):
    _assert_one_line(render_pledge_board(_board(orientation=orientation, names=(LONGEST, "王一")),
                                         library))


@pytest.mark.parametrize("kind", ["party", "mass"])
def test_ballots_never_wrap_a_long_name(form_library, kind):
    from printing.documents.ballots import MassBallot, PartyBallot, render_ballots

    members = (LONGEST, "王一", "李二")
    ballot = (PartyBallot("中共东风村支部委员会", 2026, 1, members) if kind == "party"
              else MassBallot("中共东风村支部委员会", 2026, 1, members))
    _assert_one_line(render_ballots(ballot, form_library))
