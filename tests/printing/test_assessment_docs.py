"""专项台账, 拟表彰对象公示 and 表彰名单 rendered with the generated fonts, read back."""
import datetime as dt

import pytest

from printing.award_list import AwardEntry, AwardList, render_award_list
from printing.candidate_notice import CandidateNotice, NoticeEntry, render_candidate_notice
from printing.errors import MissingGlyphsError, PrivateDataError
from printing.ledger import (
    CommentLine,
    LedgerDoc,
    MassLine,
    MutualLine,
    PledgeLine,
    QuarterLine,
    UnfulfilledLine,
    Votes,
    render_ledger,
)

from .pdfcheck import (
    assert_fonts_ok,
    assert_kinsoku,
    assert_no_char_crosses_rules,
    chars_and_edges,
    compact,
    page_sizes,
    qpdf_check,
    text,
    visual_lines,
)

A4 = pytest.approx((595.28, 841.89), abs=0.1)
A4_LANDSCAPE = pytest.approx((841.89, 595.28), abs=0.1)
ISSUER = "中共先锋镇委员会"
BRANCH = "中共东风村支部委员会"


def body_lines(chars, edges):
    """Visual lines without the page numbers (— 1 — starts with a dash on purpose)."""
    return [line for line in visual_lines(chars, edges) if not line.startswith("—")]


def votes(s, f, b, u):
    return Votes(s, f, b, u, s + f)


def ledger_doc(**changes) -> LedgerDoc:
    data = {
        "organization": BRANCH, "year": 2025, "as_of": dt.date(2025, 12, 31),
        "formula": "（满意＋比较满意）/有效票", "threshold": 0.9,
        "quarters": [QuarterLine("第一季度", True, True, dt.date(2025, 2, 15), 4, 2, 1, 1, True, 2, 10, 30, True),
                  QuarterLine("第二季度", True, True, dt.date(2025, 5, 15), 4, 4, 0, 0, True, 3, 0, 0, False),
                  QuarterLine("第三季度", False, True), QuarterLine("第四季度", False, False)],
        "cap_notes": ["第一季度党员互评：2 人投票、评议 4 名党员，至少有一张测评票超出了优秀比例限制。"],
        "mutual": [MutualLine("王建国", (3, 2, 0, 0), "优秀"), MutualLine("刘芳", (0, 1, 0, 4), "不合格"),
                MutualLine("买买提·艾力", (0, 1, 0, 0), "合格", "（已不在册）")],
        "org_mass": [MassLine("组织开展创先争优活动情况", votes(8, 1, 1, 0), votes(20, 5, 3, 2), votes(28, 6, 4, 2), False)],
        "org_mass_overall": MassLine("合计", votes(13, 6, 1, 0), votes(20, 5, 3, 2), votes(33, 11, 4, 2), False),
        "member_mass": [MassLine("王建国", votes(0, 0, 0, 0), votes(9, 0, 0, 1), votes(9, 0, 0, 1), True)],
        "pledges": [PledgeLine("（组织承诺）", 1, 1, 1, 0, 0), PledgeLine("王建国", 3, 3, 1, 1, 1)],
        "unfulfilled": [UnfulfilledLine("王建国", 2, "修通村东水渠，联系人13912345678", dt.date(2025, 9, 30),
                                     "资金未到位，已报镇里协调")],
        "comments": [CommentLine("第一季度", "周建国", "承诺具体，践诺扎实。")]}
    data.update(changes)
    return LedgerDoc(**data)


def test_ledger_pdf(library):
    pdf = render_ledger(ledger_doc(), library)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    sizes = page_sizes(pdf)
    assert sizes[0] == A4 and A4_LANDSCAPE in sizes and sizes[-1] == A4  # turns for 群众评议 and back
    pages = [compact(t) for t in text(pdf)]
    whole = "".join(pages)
    assert "2025年度创先争优活动专项台账" in pages[0] and BRANCH in pages[0]
    assert "第三季度未召开" in whole and "未到期" in whole  # the fourth quarter is not due
    assert "50.0%" in whole and "3票60.0%" in whole  # Q1 attendance, 王建国's 优秀 share
    assert "至少有一张测评票超出了优秀比例限制" in whole and "超出" in whole
    landscape = "".join(p for p, s in zip(pages, sizes) if s == A4_LANDSCAPE)
    assert "群众评议情况" in landscape and "88.0%" in landscape and "未达标" in landscape
    assert "资金未到位" in whole and "周建国" in whole and "买买提·艾力" in whole
    assert "13912345678" not in whole and "139****" in whole  # a mobile in free text is masked
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)
    assert_kinsoku(body_lines(chars, edges))
    assert "— 1 —" in text(pdf)[0] and f"— {len(sizes)} —" in text(pdf)[-1]


def test_ledger_without_records(library):
    pdf = render_ledger(ledger_doc(quarters=[QuarterLine("第一季度", False, False)], cap_notes=[], mutual=[],
                                   org_mass=[], org_mass_overall=None, member_mass=[], pledges=[],
                                   unfulfilled=[], comments=[]), library)
    whole = "".join(compact(t) for t in text(pdf))
    for said in ("本年度没有党员互评记录", "本年度没有对党组织的群众评议票数", "本年度没有经审定的承诺",
                 "本年度没有领导点评记录"):
        assert said in whole


def test_ledger_refuses_a_box_unless_accepted(library):
    doc = ledger_doc(mutual=[MutualLine("王䶮", (1, 0, 0, 0), "优秀")])
    with pytest.raises(MissingGlyphsError):
        render_ledger(doc, library)
    assert render_ledger(doc, library, accept_missing=True)[:4] == b"%PDF"


PEOPLE = [NoticeEntry("先进基层党组织", BRANCH),
          NoticeEntry("优秀共产党员", "李红", BRANCH, "女", "党支部书记"),
          NoticeEntry("优秀共产党员", "王建国", BRANCH, "男", "农牧渔业生产人员"),
          NoticeEntry("优秀党务工作者", "赵敏", BRANCH, "女", "组织委员")]


def notice(**changes) -> CandidateNotice:
    data = {"issuer": ISSUER, "year": 2025, "notice_start": dt.date(2026, 6, 20),
            "notice_end": dt.date(2026, 6, 26), "supervision_phone": "0371-62810001", "rows": PEOPLE}
    data.update(changes)
    return CandidateNotice(**data)


def test_candidate_notice_pdf(library):
    pdf = render_candidate_notice(notice(), library)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    assert page_sizes(pdf) == [A4]
    (page,) = [compact(t) for t in text(pdf)]
    assert page.startswith("关于2025年度创先争优活动拟表彰对象的公示")
    assert "公示期为2026年6月20日至2026年6月26日" in page and "联系电话：0371-62810001" in page
    assert "一、先进基层党组织（1个）" in page and "二、优秀共产党员（2名）" in page and "三、优秀党务工作者（1名）" in page
    assert page.index("李红") < page.index("王建国") < page.index("赵敏")
    assert page.endswith(f"{ISSUER}2026年6月20日—1—")
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)
    assert_kinsoku(body_lines(chars, edges))


def test_candidate_notice_without_a_period_leaves_blanks(library):
    page = compact(text(render_candidate_notice(notice(notice_start=None, notice_end=None), library))[0])
    assert "公示期为年月日至年月日" in page


def test_public_lists_refuse_private_numbers(library):
    with pytest.raises(PrivateDataError, match="身份证"):
        render_candidate_notice(notice(rows=[NoticeEntry("优秀共产党员", "李红", BRANCH, post="410522198001010011")]),
                                library)
    with pytest.raises(PrivateDataError, match="手机"):
        render_award_list(AwardList(ISSUER, 2025, dt.date(2026, 6, 28),
                                    [AwardEntry("优秀共产党员", "李红13912345678", BRANCH, "1号")]), library)
    # the office's own supervision number may be a mobile
    assert render_candidate_notice(notice(supervision_phone="13912345678"), library)[:4] == b"%PDF"


def test_award_list_pdf(library):
    rows = [AwardEntry("先进基层党组织", BRANCH, "", "先锋〔2026〕1号"),
            AwardEntry("优秀共产党员", "李红", BRANCH, "先锋〔2026〕2号")]
    pdf = render_award_list(AwardList(ISSUER, 2025, dt.date(2026, 6, 28), rows), library)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    assert page_sizes(pdf) == [A4]
    (page,) = [compact(t) for t in text(pdf)]
    assert page.startswith("2025年度创先争优活动表彰名单")
    assert "2026年6月28日中共先锋镇委员会集中审议决定" in page
    assert "授予1个党组织“先进基层党组织”称号" in page and "授予1名同志“优秀共产党员”称号" in page
    assert "先锋〔2026〕1号" in page and "先锋〔2026〕2号" in page
    assert "王建国" not in page and "赵敏" not in page
