"""党员公开承诺公示 end to end: render, open the PDF, check what the clerk would see."""
from dataclasses import replace
from datetime import date

import pytest
from reportlab.lib.pagesizes import A3, A4, landscape, portrait

from printing.data import PledgeBoard, PledgeItem, PledgeRow, find_private_data
from printing.documents.pledge_board import default_intro, render_pledge_board, title_of
from printing.documents.pledge_board import missing_characters as pledge_board_missing_characters
from printing.errors import MissingGlyphsError, NoCJKFontError, PrivateDataError
from printing.typeset.fonts import FontSettings
from tests.printing.pdfcheck import (
    assert_fonts_ok,
    assert_inside,
    assert_kinsoku,
    assert_no_char_crosses_rules,
    cell_texts,
    chars_and_edges,
    compact,
    page_sizes,
    qpdf_check,
    text,
    visual_lines,
)

NAMES = ["张堃", "李喆", "王昇", "赵赟", "刘垚", "陈玥", "杨镕", "𠮷田", "欧阳明华", "买买提·艾力"]
POSTS = ["党支部书记", "党支部副书记、村委会主任", "组织委员", "宣传委员", "纪检委员", "党员", ""]
ITEMS = [
    "带头参加村庄环境整治，每月义务劳动不少于2次，带动周边10户群众共同维护村容村貌。",
    "帮扶困难群众2户，帮助其发展特色种植，力争户均年增收3000元以上。",
    "认真学习党的路线方针政策，按时参加“三会一课”，全年不缺席。",
    "协助村“两委”做好矛盾纠纷调解工作，及时化解邻里纠纷——做到小事不出组、大事不出村。",
    "推广500米道路硬化成果，发现问题及时向村委会（0371-12345678）反映……",
]
DEADLINES = ["2026年12月底前", "长期坚持", "2026年6月30日前"]


def make_board(n: int = 12, **kw) -> PledgeBoard:
    rows = [PledgeRow(NAMES[i % len(NAMES)], POSTS[i % len(POSTS)],
                      [PledgeItem(ITEMS[(i + k) % len(ITEMS)], DEADLINES[(i + k) % 3])
                       for k in range(3)],
                      "已完成第一、二项，第三项正在推进。" if i % 3 == 0 else "")
            for i in range(n)]
    return PledgeBoard("中共东风村支部委员会", 2026, date(2026, 3, 1), date(2026, 3, 7), rows,
                       supervision_phone="0371-12345678", **kw)


@pytest.fixture
def board() -> PledgeBoard:
    return make_board()


@pytest.mark.parametrize("paper, orientation, size", [
    ("A4", "landscape", landscape(A4)), ("A4", "portrait", portrait(A4)),
    ("A3", "landscape", landscape(A3)), ("A3", "portrait", portrait(A3))])
def test_paper_and_orientation(library, paper, orientation, size):
    pdf = render_pledge_board(make_board(paper=paper, orientation=orientation), library)
    sizes = page_sizes(pdf)
    assert sizes and all(s == pytest.approx(size, abs=0.01) for s in sizes)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)


def test_reads_back_exactly(library, board):
    pdf = render_pledge_board(board, library)
    pages = [compact(t) for t in text(pdf)]
    joined = "".join(pages)
    assert pages[0].startswith(compact(title_of(board)))
    assert title_of(board) == "中共东风村支部委员会党员公开承诺公示"
    chars, edges, _sizes = chars_and_edges(pdf)
    cells = cell_texts(chars, edges)
    for name in NAMES:
        assert name in cells, name                      # 𠮷 堃 喆 … exactly, cell by cell
    assert "买买提·艾力" in visual_lines(chars, edges)     # shrunk to one line, not wrapped
    items = "".join(cells)
    for item in ITEMS:
        assert compact(item) in items
    assert "\x00" not in joined and "\ufffd" not in joined
    assert "监督电话：0371-12345678" in joined
    assert joined.rstrip("—0123456789").endswith("中共东风村支部委员会2026年3月1日")
    for n, p in enumerate(pages, 1):
        assert p.startswith("序号姓名党内职务/岗位承诺事项完成时限践诺情况") or n == 1
        assert p.endswith(f"—{n}—")


def test_layout_rules_hold_on_every_page(library):
    pdf = render_pledge_board(make_board(40), library)
    chars, edges, sizes = chars_and_edges(pdf)
    assert len(sizes) > 3
    w, h = sizes[0]
    margin = 18 * 72 / 25.4
    body = [c for c in chars if c.bottom < h - 22 * 72 / 25.4 + 0.1]
    assert_inside(body, margin, w - margin, margin, h)
    assert_no_char_crosses_rules(chars, edges)
    assert_kinsoku(visual_lines(body, edges))


@pytest.mark.slow
def test_three_hundred_members(library):
    board = make_board(300)
    pdf = render_pledge_board(board, library)
    pages = [compact(t) for t in text(pdf)]
    assert len(pages) > 30
    assert all(p.startswith("序号姓名") for p in pages[1:])
    cells = cell_texts(*chars_and_edges(pdf)[:2])
    numbers = {int(c) for c in cells if c.isdigit()}
    assert numbers >= set(range(1, 301))
    assert sum(c == "买买提·艾力" for c in cells) >= 30


def test_intro_and_chinese_dates(library):
    board = make_board(3, date_style="chinese", issue_date=date(2026, 11, 28))
    assert "2026年度" in default_intro(board) and "3名党员" in default_intro(board)
    joined = "".join(compact(t) for t in text(render_pledge_board(board, library)))
    assert "公示期：二〇二六年三月一日至二〇二六年三月七日" in joined
    assert "二〇二六年十一月二十八日" in joined


def test_custom_intro_and_issuer(library):
    board = make_board(2, intro="　　本村党员承诺如下，请群众监督。", issuer="中共东风村党支部")
    joined = "".join(compact(t) for t in text(render_pledge_board(board, library)))
    assert "本村党员承诺如下，请群众监督。" in joined and "中共东风村党支部2026年3月1日" in joined


def test_signature_sits_right_with_date_four_characters_in(library, board):
    pdf = render_pledge_board(board, library)
    chars, _edges, sizes = chars_and_edges(pdf)
    last = [c for c in chars if c.page == len(sizes) - 1]
    date_line = [c for c in last if c.text == "日"][-1]
    right = sizes[0][0] - 18 * 72 / 25.4
    assert date_line.x1 == pytest.approx(right - 4 * 14, abs=0.05)
    issuer = [c for c in last if c.bottom < date_line.top and c.text in "中共东风村支部委员会"]
    assert issuer and max(c.bottom for c in issuer) < date_line.top


def test_missing_glyph_is_reported_not_printed(library):
    board = make_board(3)
    rows = list(board.rows)
    rows[1] = replace(rows[1], name="王𪚥")
    board = replace(board, rows=rows)
    assert pledge_board_missing_characters(board, library) == ["𪚥"]
    with pytest.raises(MissingGlyphsError) as err:
        render_pledge_board(board, library)
    assert err.value.characters == ("𪚥",)
    pdf = render_pledge_board(board, library, accept_missing=True)
    joined = "".join(text(pdf))
    assert "𪚥" not in joined and "\x00" not in joined and "王" in joined


def test_private_numbers_are_refused(library, board):
    rows = list(board.rows)
    rows[0] = replace(rows[0], fulfilment="身份证410102199001011234已登记")
    rows[1] = replace(rows[1], items=[PledgeItem("有事请打13812345678", "长期")])
    bad = replace(board, rows=rows)
    places = find_private_data(bad)
    assert len(places) == 2 and "身份证" in places[0] and "手机号" in places[1]
    with pytest.raises(PrivateDataError, match="身份证号"):
        render_pledge_board(bad, library)
    # the public supervision phone may be a mobile number
    assert find_private_data(replace(board, supervision_phone="13812345678")) == []


def test_bad_board_values_are_refused():
    with pytest.raises(ValueError, match="公示结束日期"):
        make_board(1, notice_start=date(2026, 3, 8)) if False else PledgeBoard(
            "中共东风村支部委员会", 2026, date(2026, 3, 8), date(2026, 3, 7))
    with pytest.raises(ValueError, match="纸张"):
        make_board(1, paper="B5")


def test_no_font_means_no_pdf(tmp_path, board):
    settings = FontSettings(system_fonts=False, cache_dir=tmp_path)
    with pytest.raises(NoCJKFontError, match="未找到可用的中文字体，无法生成PDF。请安装中文"):
        render_pledge_board(board, settings)


def test_byte_stable(library, board):
    assert render_pledge_board(board, library) == render_pledge_board(board, library)


def test_settings_object_works_too(font_settings, board):
    pdf = render_pledge_board(board, font_settings)
    assert_fonts_ok(pdf)


# -- with the machine's real fonts (CI installs them) -----------------------------------

@pytest.mark.realfonts
def test_real_fonts_board(real_library):
    board = make_board(30)
    missing = pledge_board_missing_characters(board, real_library)
    pdf = render_pledge_board(board, real_library, accept_missing=bool(missing))
    infos = assert_fonts_ok(pdf)
    assert len(infos) >= 2
    qpdf_check(pdf)
    chars, edges, sizes = chars_and_edges(pdf)
    cells = cell_texts(chars, edges)
    for name in NAMES:
        if not set(name) & set(missing):
            assert name in cells, name
    assert_no_char_crosses_rules(chars, edges)
    body = [c for c in chars if c.bottom < sizes[0][1] - 22 * 72 / 25.4 + 0.1]
    assert_kinsoku(visual_lines(body, edges))


@pytest.mark.realfonts
def test_real_fonts_extension_b_name(real_library):
    if real_library.missing_characters("𠮷"):
        pytest.skip("本机字体没有“𠮷”")
    board = make_board(1)
    board = replace(board, rows=[replace(board.rows[0], name="𠮷田")])
    pdf = render_pledge_board(board, real_library)
    assert "𠮷田" in cell_texts(*chars_and_edges(pdf)[:2])
