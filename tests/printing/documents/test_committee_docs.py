"""专项台账, 拟表彰对象公示 and 表彰名单 rendered with the generated fonts, read back."""
import datetime as dt
import io

import pdfplumber
import pytest

from printing.documents.award_list import AwardEntry, AwardList, render_award_list
from printing.documents.candidate_notice import CandidateNotice, NoticeEntry, blanks_note, render_candidate_notice
from printing.documents.ledger import (
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
from printing.errors import MissingGlyphsError, PrivateDataError
from tests.printing.pdfcheck import (
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
        "org_mass": [MassLine("组织开展创先争优活动情况", votes(8, 1, 1, 0), votes(20, 5, 3, 2), votes(28, 6, 4, 2),
                              False)],
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
    assert "优秀≤1/3" in whole  # the cap column says the cap, as on the page
    landscape = "".join(p for p, s in zip(pages, sizes, strict=False) if s == A4_LANDSCAPE)
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


def test_ledger_of_a_committee_reports_no_missing_meeting(library):
    """A 党委's branches hold the quarterly meetings: its own ledger must not print them as missed."""
    quarters = [QuarterLine("第一季度", False, True), QuarterLine("第二季度", False, True)]
    whole = "".join(compact(t) for t in text(render_ledger(ledger_doc(quarters=quarters), library)))
    assert "第一季度、第二季度未召开" in whole and "本级不召开" not in whole  # a branch is warned
    whole = "".join(compact(t) for t in text(render_ledger(
        ledger_doc(quarters=quarters, holds_reviews=False), library)))
    assert "未召开" not in whole and "本级不召开季度评议会，由所属基层党组织召开" in whole
    assert whole.count("本级不召开") == 3  # the summary and each quarter due


def test_ledger_refuses_a_box_unless_accepted(library):
    doc = ledger_doc(mutual=[MutualLine("王䶮", (1, 0, 0, 0), "优秀")])
    with pytest.raises(MissingGlyphsError, match="以下字符在已安装的字体中都找不到：“䶮”（U"):
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
    assert ("一、先进基层党组织（1个）" in page and "二、优秀共产党员（2名）" in page
            and "三、优秀党务工作者（1名）" in page)
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


# ------------------------------------------------------------------ the objection phone

def test_candidate_notice_without_a_phone_leaves_a_blank_to_fill_in(library):
    page = compact(text(render_candidate_notice(notice(supervision_phone=""), library))[0])
    assert "联系电话：＿＿＿＿＿＿＿＿" in page  # the line is always there: a notice says where to object
    assert blanks_note(notice()) == ""
    note = blanks_note(notice(supervision_phone=" "))
    assert "联系电话未设置" in note and "默认监督电话" in note and "公示期" not in note
    both = blanks_note(notice(supervision_phone="", notice_start=None, notice_end=None))
    assert both.startswith("注意：公示期和联系电话未设置")


# ------------------------------------------------------------------ members' 群众评议 per item

MEMBER_ITEMS = ("参加创先争优活动情况", "立足岗位履行职责情况", "承诺践诺情况", "联系和服务群众情况")


def member_line(name, per_item, meets):
    """per_item: ((党员 counts), (群众 counts)) for each of the four items."""
    def add(*groups):
        return [sum(c) for c in zip(*groups, strict=False)]

    items = [MassLine(label, votes(*p), votes(*q), votes(*add(p, q)))
             for label, (p, q) in zip(MEMBER_ITEMS, per_item, strict=False)]
    party, public = add(*(p for p, _q in per_item)), add(*(q for _p, q in per_item))
    return MassLine(name, votes(*party), votes(*public), votes(*add(party, public)), meets, items)


NONE = (0, 0, 0, 0)


def member_cells(pdf: bytes, caption: str, name: str) -> list[list[str]]:
    """The words of ``name``'s row in the table under ``caption``, by column (党员 群众 合计 under
    each item, left to right), each column's words top to bottom: read by position, so a
    figure in the wrong column fails."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            words = page.extract_words()
            joined = "".join(w["text"] for w in words)
            if caption not in joined:
                continue
            start = next(w["top"] for w in words if w["text"].startswith("（二）"))
            end = next((w["top"] for w in words if w["text"].startswith("（三）")), page.height)
            mine = [w for w in words if start < w["top"] < end]
            heads = [w for w in mine if w["text"] in ("党员", "群众", "合计")]
            row = next(w for w in mine if w["text"] == name)
            mid = (row["top"] + row["bottom"]) / 2
            centres = [(h["x0"] + h["x1"]) / 2 for h in heads]
            cells: list[list[str]] = [[] for _ in heads]
            for w in sorted(mine, key=lambda w: w["top"]):
                if abs((w["top"] + w["bottom"]) / 2 - mid) > 16 or w["x0"] < row["x1"] or w["text"] == "未达标":
                    continue
                x = (w["x0"] + w["x1"]) / 2
                cells[min(range(len(centres)), key=lambda i: abs(centres[i] - x))].append(w["text"])
            return cells
    raise AssertionError(f"没有找到：{caption}")


def test_ledger_prints_each_members_items(library):
    # 王建国: item 1 党员 5/5, 群众 9/10 → 合计 14/15 = 93.3%; item 2 党员 4/5 = 80.0%;
    # item 3 群众 8/10; overall 党员 9/10 = 90.0%, 群众 17/20 = 85.0%, 合计 26/30 = 86.7%.
    wang = member_line("王建国", [((4, 1, 0, 0), (9, 0, 0, 1)), ((3, 1, 1, 0), NONE),
                                  (NONE, (6, 2, 1, 1)), (NONE, NONE)], False)
    # 李红: only item 4, 党员 4/5 = 80.0%.
    li = member_line("李红", [(NONE, NONE), (NONE, NONE), (NONE, NONE), ((2, 2, 1, 0), NONE)], False)
    pdf = render_ledger(ledger_doc(member_mass=[wang, li]), library)
    sizes = page_sizes(pdf)
    pages = [compact(t) for t in text(pdf)]
    landscape = "".join(p for p, s in zip(pages, sizes, strict=False) if s == A4_LANDSCAPE)
    caption = "（二）对党员的分项评议（满意率%：党员、群众分别计票及合计）"
    assert caption in landscape and "（三）对党员的评议（各项合并的票数）" in landscape
    for item in MEMBER_ITEMS:
        assert item in landscape
    # items in ballot order, then 各项合计; under each 党员 · 群众 · 合计: the rate over its counts
    assert member_cells(pdf, caption, "王建国") == [
        ["100.0", "5/5"], ["90.0", "9/10"], ["93.3", "14/15"],
        ["80.0", "4/5"], ["—"], ["80.0", "4/5"],
        ["—"], ["80.0", "8/10"], ["80.0", "8/10"],
        ["—"], ["—"], ["—"],
        ["90.0", "9/10"], ["85.0", "17/20"], ["86.7", "26/30"]]
    assert member_cells(pdf, caption, "李红")[9:] == [
        ["80.0", "4/5"], ["—"], ["80.0", "4/5"], ["80.0", "4/5"], ["—"], ["80.0", "4/5"]]
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)


def test_ledger_member_items_with_one_voter_group(library):
    """Only 群众 rated members: one column per item, each rate with its counts."""
    wang = member_line("王建国", [(NONE, (9, 0, 0, 1)), (NONE, (5, 5, 0, 0)), (NONE, (2, 1, 1, 1)),
                                  (NONE, NONE)], False)
    pdf = render_ledger(ledger_doc(member_mass=[wang]), library)
    whole = "".join(compact(t) for t in text(pdf))
    assert "对党员的分项评议（群众满意率；本年度对党员的评议只有群众投票）" in whole
    assert "王建国90.0%（9/10）100.0%（10/10）60.0%（3/5）—88.0%（22/25）未达标" in whole
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)


# ------------------------------------------------------------------ the seal never alone on a page

def _rows(n: int) -> list[NoticeEntry]:
    return [NoticeEntry("先进基层党组织", BRANCH)] + [
        NoticeEntry("优秀共产党员", f"党员{k:02d}", BRANCH, "男", "党支部书记") for k in range(1, n)]


@pytest.mark.parametrize("kind", ["notice", "awards"])
def test_issuer_shares_its_page_with_the_last_rows(library, kind):
    for n in range(1, 41):
        rows = _rows(n)
        if kind == "notice":
            pdf = render_candidate_notice(notice(rows=rows), library)
            date_text = "2026年6月20日"
        else:
            pdf = render_award_list(AwardList(ISSUER, 2025, dt.date(2026, 6, 28), [
                AwardEntry(r.title, r.name, r.organization, f"先锋〔2026〕{k}号") for k, r in enumerate(rows, 1)]),
                library)
            date_text = "2026年6月28日"
        pages = [compact(t) for t in text(pdf)]
        last = pages[-1]
        assert last.rstrip("—0123456789").endswith(f"{ISSUER}{date_text}"), (kind, n)
        before = last[:last.rindex(ISSUER)]
        # the last table row (and at least one more when there are two) is printed above the issuer
        assert rows[-1].name in before, (kind, n, len(pages))
        if kind == "awards":
            assert f"先锋〔2026〕{n}号" in before, (kind, n)


def test_rows_taller_than_a_page_still_print(library):
    """Kept rows that cannot share any page with the issuer flow as they can (no layout error)."""
    long_post = "负责村集体经济发展和产业项目推进" * 40
    rows = [NoticeEntry("优秀共产党员", "王建国", BRANCH, "男", long_post),
            NoticeEntry("优秀共产党员", "李红", BRANCH, "女", long_post)]
    pdf = render_candidate_notice(notice(rows=rows), library)
    pages = [compact(t) for t in text(pdf)]
    assert len(pages) >= 2 and ISSUER in pages[-1] and "李红" in "".join(pages)


# ------------------------------------------------------------------ column widths

def placed_lines(pdf: bytes) -> list[tuple[int, str, float, float]]:
    """(page, text, cell left rule, cell right rule) of every line drawn inside a table cell."""
    chars, edges, _ = chars_and_edges(pdf)
    groups: dict[tuple, list] = {}
    for c in chars:
        rules = [x for x, top, bottom in edges[c.page].vertical
                 if top < c.bottom and bottom > c.top]
        left = max((x for x in rules if x <= c.x0 + 0.05), default=None)
        right = min((x for x in rules if x >= c.x1 - 0.05), default=None)
        groups.setdefault((c.page, round(c.bottom, 1), left, right), []).append(c)
    return [(page, "".join(c.text for c in sorted(cs, key=lambda c: c.x0)), left, right)
            for (page, _b, left, right), cs in sorted(groups.items(), key=lambda kv: kv[0][:2])
            if left is not None and right is not None]


def test_award_list_numbers_as_wide_under_organizations_as_under_members(library):
    """表彰名单: 证书编号 is one column width in both tables; a number never wraps in either."""
    orgs = [AwardEntry("先进基层党组织", f"中共东风村第{n}支部委员会", "", f"先锋〔2026〕{k}号")
            for n, k in (("一", 10), ("二", 11), ("三", 143))]
    people = [AwardEntry("优秀共产党员", name, BRANCH, f"先锋〔2026〕{k}号")
              for name, k in (("李红", 12), ("王建国", 13), ("买买提·艾力", 144))]
    pdf = render_award_list(AwardList(ISSUER, 2025, dt.date(2026, 6, 28), orgs + people), library)
    cells = {text: (left, right) for _p, text, left, right in placed_lines(pdf)}
    for k in (10, 11, 143, 12, 13, 144):
        assert f"先锋〔2026〕{k}号" in cells, (k, sorted(cells))   # whole, on one line
    for org_k, member_k in ((10, 12), (11, 13), (143, 144)):
        assert cells[f"先锋〔2026〕{org_k}号"] == pytest.approx(cells[f"先锋〔2026〕{member_k}号"], abs=0.1)
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)


LONG_POST = "党支部书记、村委会主任、村集体经济合作社理事长"
LISTED_POST = "党支部组织委员、妇联主席、网格员"
LONG_BRANCH = "中共先锋水务有限公司支部委员会"


def test_candidate_notice_long_posts_wrap_between_their_parts(library):
    rows = [NoticeEntry("先进基层党组织", BRANCH),
            NoticeEntry("优秀共产党员", "谭国云", LONG_BRANCH, "男", LONG_POST),
            NoticeEntry("优秀共产党员", "闫丹凤", BRANCH, "女", LISTED_POST),
            NoticeEntry("优秀共产党员", "李红", BRANCH, "女", "党支部书记")]
    pdf = render_candidate_notice(notice(rows=rows), library)
    texts = [text for _p, text, _l, _r in placed_lines(pdf)]
    # two lines each, broken after a 、 between posts, never inside 主任 or 主席
    assert "党支部书记、村委会主任、" in texts and "村集体经济合作社理事长" in texts
    assert ("党支部组织委员、" in texts and "妇联主席、网格员" in texts) or LISTED_POST in texts
    assert LONG_BRANCH in texts and "党支部书记" in texts   # a branch's full name stays on one line
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)             # nothing runs into the next column
    assert_kinsoku(body_lines(chars, edges))


def test_candidate_notice_heading_keeps_the_first_row_whole(library):
    """However many organizations precede them, the members' heading, header and first row
    (a post of two lines) start on one page: the row is never cut under the heading."""
    for n in range(8, 30):
        rows = [NoticeEntry("先进基层党组织", f"中共东风村第{k}支部委员会") for k in range(1, n + 1)]
        rows += [NoticeEntry("优秀共产党员", "谭国云", BRANCH, "男", LONG_POST),
                 NoticeEntry("优秀共产党员", "李红", BRANCH, "女", "党支部书记")]
        lines = placed_lines(pdf := render_candidate_notice(notice(rows=rows), library))
        pages = [compact(t) for t in text(pdf)]
        heading = next(k for k, p in enumerate(pages) if "二、优秀共产党员" in p)
        post_pages = {page for page, t, _l, _r in lines if t in ("党支部书记、村委会主任、", "村集体经济合作社理事长")}
        assert post_pages == {heading}, (n, post_pages, heading)
