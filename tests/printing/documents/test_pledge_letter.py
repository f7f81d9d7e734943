"""党员承诺书: batches, page flow, signature blocks, privacy, fonts, read-back."""
import datetime as dt

import pytest

from printing.documents.pledge_letter import (
    MARGINS,
    LetterItem,
    PledgeLetter,
    missing_characters,
    render_pledge_letters,
)
from printing.errors import MissingGlyphsError
from printing.layout.sections import RenderCancelled
from tests.printing.fontfactory import NOWHERE
from tests.printing.formfonts import NAMES, check_pdf
from tests.printing.pdfcheck import compact, content_streams, text

ORG = "中共东风村支部委员会"
ITEMS = (
    LetterItem("带头参加村庄环境整治，每月义务劳动不少于2次，带动周边10户群众共同维护村容村貌", "2026年12月底前"),
    LetterItem("帮助2户困难群众发展特色种植，联系农技站开展技术指导不少于4次（户均增收3000元以上）。",
               "2026年10月31日前"),
    LetterItem("认真学习党章党规，按时参加“三会一课”，按月足额交纳党费。", "2026年12月31日前"),
)


def letters():
    return [
        PledgeLetter(ORG, 2026, ITEMS, member=NAMES[0], post="党支部书记"),
        PledgeLetter(ORG, 2026, ITEMS * 5, member=NAMES[2], post="村民"),
        PledgeLetter(ORG, 2026, ITEMS, member=None, date=dt.date(2026, 3, 1)),
    ]


def test_batch_one_letter_each_long_one_over_two_pages(form_library):
    counts = []
    pdf = render_pledge_letters(letters(), form_library, page_counts=counts)
    assert counts[0] == 1 and counts[1] >= 2 and counts[2] == 1
    check_pdf(pdf, MARGINS, pages=sum(counts))
    pages = [compact(t) for t in text(pdf)]
    starts = [0, 1, 1 + counts[1]]
    for i in starts:
        assert pages[i].startswith("2026年度")
    # a single-page letter carries no page number; the long one numbers its own pages
    assert "—1—" not in pages[0] and "—1—" not in pages[-1]
    assert pages[1].endswith("—1—") and pages[2].endswith("—2—")
    # its second sheet says whose letter it is
    assert pages[2].startswith(compact(f"{NAMES[2]}　2026年度党员承诺书（续）"))


def test_member_letter_reads_as_the_convention(form_library):
    pdf = render_pledge_letters(letters()[0], form_library)
    page = compact(text(pdf)[0])
    assert page.startswith("2026年度党员承诺书")
    for part in (f"姓名：{NAMES[0]}", "党内职务/岗位：党支部书记", f"所在党组织：{ORG}", "我郑重承诺：",
                 "1.带头参加村庄环境整治", "（完成时限：2026年12月底前）", "2.帮助2户", "3.认真学习党章党规",
                 "以上承诺，请党组织和群众监督。", "承诺人："):
        assert part in page, part
    assert page.endswith("年月日")            # blank date to fill in by hand
    assert page.index("3.认真") < page.index("以上承诺") < page.index("承诺人：")
    assert "1.带头参加村庄环境整治，每月义务劳动不少于2次，带动周边10户群众共同维护村容村貌。" in page


def test_signature_has_a_drawn_rule_and_date_blanks(form_library):
    pdf = render_pledge_letters(letters()[0], form_library)
    from tests.printing.pdfcheck import chars_and_edges

    chars, edges, _ = chars_and_edges(pdf)
    label = [c for c in chars if c.text == "人" and any(d.text == "诺" for d in chars
                                                       if abs(d.top - c.top) < 0.1 and 0 < c.x0 - d.x0 < 20)]
    sign = label[-1]
    rule = [h for h in edges[0].horizontal if h[1] >= sign.x1 - 15 and abs(h[0] - sign.bottom) < 6]
    assert rule and rule[0][2] - rule[0][1] > 60       # room to sign
    year = [c for c in chars if c.text == "年" and c.top > sign.top][-1]
    day = [c for c in chars if c.text == "日" and c.top > sign.top][-1]
    assert day.x0 - year.x1 > 40                        # 年 　月　 日 with room for the numbers


def test_organization_letter_full_name_date_and_seal_room(form_library):
    pdf = render_pledge_letters(letters()[2], form_library)
    page = compact(text(pdf)[0])
    assert page.startswith("2026年度党组织公开承诺书")
    assert f"承诺单位：{ORG}" in page and "我们郑重承诺：" in page and "承诺人" not in page
    assert page.endswith(f"{ORG}2026年3月1日")
    from tests.printing.pdfcheck import chars_and_edges

    chars, _e, _s = chars_and_edges(pdf)
    closing = [c for c in chars if c.text == "督"][-1]
    issuer = [c for c in chars if c.text == "会"][-1]
    assert issuer.top - closing.bottom > 40            # blank room above the name for the seal


def test_rare_names_read_back_exactly(form_library):
    batch = [PledgeLetter(ORG, 2026, ITEMS[:1], member=n) for n in NAMES]
    pdf = render_pledge_letters(batch, form_library)
    pages = [compact(t) for t in text(pdf)]
    assert len(pages) == len(NAMES)
    for name, page in zip(NAMES, pages, strict=False):
        assert f"姓名：{name}" in page


def test_private_numbers_are_masked(form_library):
    item = LetterItem("公开手机号13812345678，身份证410522198001010011不应出现", "2026年12月底前")
    pdf = render_pledge_letters(PledgeLetter(ORG, 2026, [item], member="王一", post="电话13912345678"),
                                form_library)
    page = compact(text(pdf)[0])
    assert "13812345678" not in page and "410522198001010011" not in page and "13912345678" not in page
    assert "138****5678" in page and "4105************11" in page


def test_missing_glyph_asked_first(form_library):
    letter = PledgeLetter(ORG, 2026, ITEMS[:1], member=f"张{NOWHERE[0]}")
    assert missing_characters([letter], form_library) == [NOWHERE[0]]
    with pytest.raises(MissingGlyphsError, match="以下字符在已安装的字体中都找不到：“䶮”（U"):
        render_pledge_letters(letter, form_library)
    pdf = render_pledge_letters(letter, form_library, accept_missing=True)
    assert " re" in content_streams(pdf)[0].decode("latin-1")   # the square to fill by hand


def test_progress_and_cancel(form_library):
    seen = []
    render_pledge_letters(letters(), form_library, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]

    def stop(done, total):
        if done == 1:
            raise RenderCancelled()

    with pytest.raises(RenderCancelled, match="已取消生成。"):
        render_pledge_letters(letters(), form_library, progress=stop)


def test_same_input_same_bytes(form_library):
    assert render_pledge_letters(letters(), form_library) == render_pledge_letters(letters(), form_library)


@pytest.mark.realfonts
def test_real_fonts(real_library):
    pdf = render_pledge_letters(letters(), real_library)
    check_pdf(pdf, MARGINS)
    pages = "".join(compact(t) for t in text(pdf))
    for name in (NAMES[0], NAMES[2]):
        assert f"姓名：{name}" in pages


def test_item_end_punctuation_normalised_once(form_library):
    """…… keeps its own end (no 。 added), ； and ， become 。, nothing is doubled."""
    items = (LetterItem("带头搞好环境卫生……", ""), LetterItem("按月交纳党费；", ""),
             LetterItem("帮助困难群众，", ""), LetterItem("争当致富带头人！", ""),
             LetterItem("参加“三会一课”", ""), LetterItem("办好一件实事。", "2026年底前"))
    pdf = render_pledge_letters(PledgeLetter(ORG, 2026, items, member=NAMES[0]), form_library)
    page = compact(text(pdf)[0])
    for part in ("1.带头搞好环境卫生……2.", "2.按月交纳党费。3.", "3.帮助困难群众。4.",
                 "4.争当致富带头人！5.", "5.参加“三会一课”。6.", "6.办好一件实事。（完成时限：2026年底前）"):
        assert part in page, part
    assert "……。" not in page and "；。" not in page


def test_end_sentence_rules():
    from printing.typeset.punctuation import end_sentence

    assert [end_sentence(t) for t in ("甲……", "乙；", "丙，", "丁", "戊。", "己？", " 庚 ",
                                     "（辛！）", "“壬”", "", "3.5")] == [
        "甲……", "乙。", "丙。", "丁。", "戊。", "己？", "庚。", "（辛！）", "“壬”。", "", "3.5。"]
