"""Paragraphs and tables drawn into real PDFs and read back by position."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Table, TableStyle

from printing.layout.page import Margins, build_pdf, declare_page_numbers
from printing.layout.table import Block, CJKTable, Column, Row
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle
from tests.printing.pdfcheck import (
    assert_fonts_ok,
    assert_inside,
    assert_kinsoku,
    assert_no_char_crosses_rules,
    chars_and_edges,
    compact,
    content_streams,
    qpdf_check,
    text,
    visual_lines,
)

PROSE = ("为深入开展创先争优活动，充分发挥共产党员先锋模范作用，经党员本人提出承诺、党组织审定，"
         "现将本支部党员2026年度公开承诺事项予以公示（公示期5天），接受党员和群众监督。"
         "联系电话0371-12345678；如有意见……请于“公示期内”反映——谢谢！")
MARGINS = Margins.mm(30, 25, 30, 25)


def _pdf(fonts, story) -> bytes:
    declare_page_numbers(fonts)
    fonts.resolve()
    return build_pdf(story, fonts, A4, MARGINS, title="测试")


def _frame():
    w, h = A4
    return MARGINS.left, w - MARGINS.right, MARGINS.top, h - MARGINS.bottom


def test_prose_paragraph_over_pages(library):
    fonts = library.new_document()
    style = TextStyle("body", 16, 28, "justify", indent_chars=2, space_after=6)
    story = [CJKParagraph(PROSE, style, fonts) for _ in range(12)]
    pdf = _pdf(fonts, story)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    chars, _edges, sizes = chars_and_edges(pdf)
    assert len(sizes) >= 2
    left, right, top, bottom = _frame()
    body = [c for c in chars if c.bottom < bottom + 0.1]           # page numbers are below
    assert_inside(body, left, right, top, bottom)
    lines = visual_lines(body)
    assert_kinsoku(lines)
    assert all("0371-12345678" in ln or "0371" not in ln for ln in lines)
    # first lines indented two characters; full lines end exactly at the right edge
    starts = sorted({round(c.x0, 2) for c in body})
    assert starts[0] == pytest.approx(left, abs=0.01)
    assert any(abs(x - (left + 32)) < 0.01 for x in starts)
    by_line = {}
    for c in body:
        by_line.setdefault((c.page, round(c.bottom, 1)), []).append(c)
    full = [max(cs, key=lambda c: c.x1).x1 for cs in by_line.values() if len(cs) > 15]
    assert sum(1 for x in full if abs(x - right) < 0.05) >= len(full) * 0.8
    # text reads back
    pages = "".join(compact(t) for t in text(pdf))
    assert compact(PROSE) in pages


def test_page_numbers_are_dashed_and_centred(library):
    fonts = library.new_document()
    story = [CJKParagraph(PROSE, TextStyle(size=16), fonts) for _ in range(12)]
    pdf = _pdf(fonts, story)
    pages = text(pdf)
    for n, t in enumerate(pages, 1):
        assert t.strip().splitlines()[-1].strip() == f"— {n} —"


def test_fake_bold_is_scoped(library):
    fonts = library.new_document()
    story = [CJKParagraph("加粗标题", TextStyle("hei", 22, bold=True), fonts),
             CJKParagraph("正文不加粗", TextStyle("body", 16), fonts)]
    pdf = _pdf(fonts, story)
    stream = content_streams(pdf)[0].decode("latin-1")
    assert " 2 Tr" in stream
    depth, bold_depth = 0, None
    for tok in re.findall(r"\bq\b|\bQ\b|\d Tr", stream):
        if tok == "q":
            depth += 1
        elif tok == "Q":
            if bold_depth is not None and depth == bold_depth:
                bold_depth = None
            depth -= 1
        elif tok == "2 Tr":
            assert depth > 0, "渲染模式2不在 q/Q 之内"
            bold_depth = depth
    assert bold_depth is None and depth == 0


def test_missing_characters_get_a_square_not_notdef(library):
    fonts = library.new_document()
    story = [CJKParagraph("姓名：张𪚥", TextStyle(size=16), fonts)]
    declare_page_numbers(fonts)
    fonts.resolve(accept_missing=True)
    pdf = build_pdf(story, fonts, A4, MARGINS, title="测试")
    t = text(pdf)[0]
    assert "张" in t and "𪚥" not in t and "\x00" not in t and "\ufffd" not in t
    assert " re" in content_streams(pdf)[0].decode("latin-1")      # the square


def _table(fonts, n_rows=40, item="带头参加村庄环境整治，每月义务劳动不少于2次，带动周边10户群众共同维护村容村貌。"):
    cell = TextStyle("song", 12, 18, "justify")
    centred = TextStyle("song", 12, 18, "center")
    head = TextStyle("hei", 12, 16, "center", bold=True)
    columns = [Column("序号", 12, centred, repeat=True), Column("姓名", 20, centred, repeat=True),
               Column("承诺事项", 90, cell, valign="top"),
               Column("完成时限", 30, centred, valign="top")]
    rows = [Row(((Block(str(i)),), (Block(f"张堃{i}"),),
                 tuple(Block(item * (1 + i % 4), f"{k}. ") for k in range(1, 4)),
                 tuple(Block("2026年12月底前") for _ in range(3))), aligned=(2, 3))
            for i in range(1, n_rows + 1)]
    return CJKTable(columns, rows, fonts, head)


def test_table_rows_split_between_lines_with_header_repeated(library):
    fonts = library.new_document()
    pdf = _pdf(fonts, [_table(fonts)])
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    chars, edges, sizes = chars_and_edges(pdf)
    assert len(sizes) > 3
    assert_no_char_crosses_rules(chars, edges)
    left, right, top, bottom = _frame()
    body = [c for c in chars if c.bottom < bottom + 0.1]
    assert_inside(body, left, right, top, bottom)
    assert_kinsoku(visual_lines(body, edges))
    pages = [compact(t) for t in text(pdf)]
    assert all(p.startswith("序号姓名承诺事项完成时限") for p in pages)
    # some row continues on the next page: its name is shown again there
    joined = "".join(pages)
    assert sum(joined.count(f"张堃{i}") > 1 for i in range(1, 41)) >= 1
    for i in range(1, 41):
        assert f"张堃{i}" in joined


def test_item_and_deadline_line_up(library):
    fonts = library.new_document()
    pdf = _pdf(fonts, [_table(fonts, 2)])
    chars, _edges, _ = chars_and_edges(pdf)
    labels = [c for c in chars if c.text in "123" and c.x0 < 300 and c.x0 > 150]
    deadlines = [c for c in chars if c.text == "底"]
    label_tops = sorted({round(c.top, 1) for c in labels if any(
        d.text == "." for d in chars if abs(d.top - c.top) < 0.1 and -0.01 < d.x0 - c.x1 < 1)})
    assert sorted(round(c.top, 1) for c in deadlines) == label_tops


def test_paragraph_works_inside_reportlab_table(library):
    """Table(splitInRow=1, repeatRows=1) splits our paragraphs at line boundaries."""
    fonts = library.new_document()
    body = TextStyle("song", 12, 18)
    head = TextStyle("hei", 12, 18, "center")
    data = [[CJKParagraph("姓名", head, fonts), CJKParagraph("承诺事项", head, fonts)]]
    data += [[CJKParagraph(f"李喆{i}", body, fonts), CJKParagraph(PROSE * 3, body, fonts)]
             for i in range(12)]
    table = Table(data, colWidths=[80, 360], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "__placeholder__"),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    declare_page_numbers(fonts)
    fonts.resolve()
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.primary_font("song"))]))
    pdf = build_pdf([table], fonts, A4, MARGINS, title="测试")
    assert_fonts_ok(pdf)
    chars, edges, sizes = chars_and_edges(pdf)
    assert len(sizes) > 1
    assert_no_char_crosses_rules(chars, edges)
    pages = [compact(t) for t in text(pdf)]
    assert all(p.startswith("姓名承诺事项") for p in pages)


def test_same_input_same_bytes(library):
    def once():
        fonts = library.new_document()
        return _pdf(fonts, [CJKParagraph(PROSE, TextStyle(size=16), fonts), _table(fonts, 5)])
    assert once() == once()


def test_row_split_keeps_two_lines_or_moves_the_row(library):
    fonts = library.new_document()
    table = _table(fonts, 3)
    fonts.resolve()
    width = 450
    table.wrap(width, 10_000)
    st = table._state
    header_h = table._row_height(st["header"])
    row1_h = table._row_height(st["rows"][0])
    pad = table.look.padding_y
    line = 18
    # room for row 1 plus one line of row 2: row 2 moves whole to the next part
    parts = table.split(width, header_h + row1_h + 2 * pad + line + 1)
    assert len(parts) == 2 and len(parts[0]._state["rows"]) == 1
    # room for two lines of row 2: it is split, two lines stay
    parts = table.split(width, header_h + row1_h + 2 * pad + 2 * line + 1)
    head = parts[0]._state["rows"][1]
    assert head.split and max(len(b.lines) for c in head.cells for b in c.blocks
                              if not c.repeat) >= 1
    assert parts[0].wrap(width, 10_000)[1] <= header_h + row1_h + 2 * pad + 2 * line + 1
    # the two parts hold every line of row 2 exactly once
    tail = parts[1]._state["rows"][0]
    def texts(r):
        return ["".join(ln.text for b in c.blocks for ln in b.lines) for c in r.cells]
    whole = texts(st["rows"][1])
    for i, (a, b) in enumerate(zip(texts(head), texts(tail), strict=False)):
        if table.columns[i].repeat:
            assert a == b == whole[i]
        else:
            assert a + b == whole[i]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # library is reusable
@given(st.text(alphabet=st.one_of(
    st.sampled_from(list("党员群众承诺，。（）“”……——·、；：！？ 　\t\n\r\u200b\u2002\x00\x07")),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4E50),
    st.sampled_from(list("堃𠮷𪚥"))), max_size=120))
def test_any_text_lays_out_and_draws(library, text):
    fonts = library.new_document()
    story = [CJKParagraph(text, TextStyle(size=14, indent_chars=2), fonts),
             _table(fonts, 1, item=text or "空")]
    declare_page_numbers(fonts)
    fonts.resolve(accept_missing=True)
    pdf = build_pdf(story, fonts, A4, MARGINS, title="测试")
    assert pdf.startswith(b"%PDF") and b"Helvetica" not in pdf


def test_markup_like_text_is_printed_literally(library):
    fonts = library.new_document()
    raw = "王<b>&amp;(括号)\\反斜杠</b>"
    pdf = _pdf(fonts, [CJKParagraph(raw, TextStyle(size=14), fonts)])
    assert compact(text(pdf)[0]).startswith(compact(raw))
