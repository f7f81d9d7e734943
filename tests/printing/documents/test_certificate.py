"""荣誉证书: read every PDF back — fonts, words, names, page sizes, positions, offsets."""
from __future__ import annotations

import io
import re
from dataclasses import fields
from datetime import date
from itertools import pairwise

import pdfplumber
import pytest

from printing.documents.certificate import (
    Cancelled,
    Certificate,
    certificate_lines,
    render_calibration,
    render_certificates,
    spaced_name,
    stock_layout,
)
from printing.errors import MissingGlyphsError, PrivateDataError
from printing.layout.certificate_layout import CertificateLayout
from printing.sizes import mm
from tests.printing.fontfactory import NOWHERE
from tests.printing.pdfcheck import (
    Char,
    assert_fonts_ok,
    assert_inside,
    chars_and_edges,
    compact,
    page_sizes,
    qpdf_check,
    text,
)

ISSUER = "中共先锋镇委员会"
DAY = date(2026, 7, 1)


def cert(name: str = "张三", title: str = "优秀共产党员", org: bool = False, number: str = "先锋〔2026〕1号",
         style: str = "chinese") -> Certificate:
    return Certificate(name, org, title, 2026, ISSUER, DAY, number, style)


def page_chars(pdf: bytes) -> list[list[Char]]:
    chars, _, sizes = chars_and_edges(pdf)
    pages: list[list[Char]] = [[] for _ in sizes]
    for c in chars:
        pages[c.page].append(c)
    return pages


def first_line(chars: list[Char]) -> list[Char]:
    """The topmost line of text (the recipient on stock without a title)."""
    top = min(c.bottom for c in chars)
    return sorted((c for c in chars if abs(c.bottom - top) < 1.0), key=lambda c: c.x0)


def box_pt(box) -> tuple[float, float, float, float]:
    """left, right, top, bottom in pdfplumber's top-down points."""
    return mm(box.x), mm(box.x + box.width), mm(box.y), mm(box.y + box.height)


# ------------------------------------------------------------------ wording

def test_wording_follows_the_convention():
    lines = certificate_lines(cert())
    assert lines.name == "张\u3000三" and lines.suffix == "\u3000同志："
    assert lines.paragraphs == ("在二〇二六年度创先争优活动中表现突出，被评为“优秀共产党员”。",
                                "特发此证，以资鼓励。")
    assert lines.date == "二〇二六年七月一日" and lines.issuer == ISSUER
    org = certificate_lines(cert("中共东风村支部委员会", "先进基层党组织", org=True, style="arabic"))
    assert (org.name, org.suffix) == ("中共东风村支部委员会", "：")
    assert org.paragraphs[0] == "在2026年度创先争优活动中表现突出，被评为“先进基层党组织”。"
    assert org.date == "2026年7月1日"


def test_names_spacing_and_cleaning():
    assert spaced_name("张三") == "张\u3000三"
    assert spaced_name("欧阳明华") == "欧阳明华" and spaced_name("王建国") == "王建国"
    assert cert("张 三").recipient == "张三"                        # typed with a space
    assert cert("李\u200b喆\r\n").recipient == "李喆"                 # pasted from Excel
    assert certificate_lines(cert("𠮷祥")).name == "𠮷\u3000祥"     # one character, not two
    with pytest.raises(ValueError, match="证书缺少受表彰者姓名或组织名称。"):
        cert("  ")


def test_certificates_have_no_private_fields_and_refuse_private_text(library):
    names = {f.name for f in fields(Certificate)}
    assert not names & {"id_number", "mobile", "phone"}
    with pytest.raises(PrivateDataError, match="公示内容中含有疑似身份证号或个人手机号，公开张贴"):
        render_certificates([cert("张三13812345678")], stock_layout("16k"), library)
    with pytest.raises(PrivateDataError, match="公示内容中含有疑似身份证号或个人手机号，公开张贴"):
        render_certificates([cert(number="410522198001010013")], stock_layout("16k"), library)


# ------------------------------------------------------------------ the decorated certificate

def test_plain_paper_certificate(library):
    pdf = render_certificates([cert()], stock_layout("plain"), library)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    (w, h), = page_sizes(pdf)
    assert (w, h) == pytest.approx((841.89, 595.28), abs=0.05)       # A4 landscape
    words = compact(text(pdf)[0])
    for expected in ("荣誉证书", "张三同志：", "在二〇二六年度创先争优活动中表现突出，被评为“优秀共产党员”。",
                     "特发此证，以资鼓励。", ISSUER, "二〇二六年七月一日", "证书编号：先锋〔2026〕1号"):
        assert expected in words
    assert words.index("荣誉证书") < words.index("张三") < words.index("特发此证") < words.index(ISSUER)
    assert "\x00" not in words and "\ufffd" not in words
    # the border is vector art drawn once as a form, not per page, and no image
    assert pdf.count(b"/Subtype /Form") == 1 and b"/Subtype /Image" not in pdf


def test_layout_of_the_plain_certificate(library):
    layout = stock_layout("plain")
    pdf = render_certificates([cert()], layout, library)
    chars = page_chars(pdf)[0]
    by_text = {c.text: c for c in chars}
    # title: large, letter-spaced, centred on the page
    title = sorted((c for c in chars if c.bottom - c.top > 30), key=lambda c: c.x0)
    assert "".join(c.text for c in title) == "荣誉证书"
    assert title[0].bottom - title[0].top == pytest.approx(layout.title_size, abs=0.5)
    gaps = [b.x0 - a.x1 for a, b in pairwise(title)]
    assert min(gaps) > layout.title_size * 0.5
    centre = (title[0].x0 + title[-1].x1) / 2
    assert centre == pytest.approx(layout.page_size[0] / 2, abs=1)
    # the name is spaced and larger than 同志
    zhang, san, tong = by_text["张"], by_text["三"], by_text["同"]
    assert san.x0 - zhang.x1 == pytest.approx(layout.name_size, abs=0.5)
    assert zhang.x1 - zhang.x0 > tong.x1 - tong.x0
    # issuer centred over the date, both in the right half, clear of the body
    issuer = [c for c in chars if c.text in ISSUER and abs(c.top - by_text["镇"].top) < 1]
    date_chars = [c for c in chars if abs(c.top - by_text["七"].top) < 1]
    def mid(cs):
        return (min(c.x0 for c in cs) + max(c.x1 for c in cs)) / 2

    assert mid(issuer) == pytest.approx(mid(date_chars), abs=1)
    assert mid(issuer) > layout.page_size[0] / 2
    body_bottom = by_text["励"].bottom                      # the last body line
    seal_top = (min(c.top for c in issuer) + max(c.bottom for c in date_chars)) / 2 - mm(21)
    assert body_bottom < seal_top          # the 42 mm seal over issuer and date covers no body text
    # everything inside the inner frame
    w, h = layout.page_size
    assert_inside(chars, mm(15), w - mm(15), mm(15), h - mm(15))


def test_body_is_justified_with_line_breaking(library):
    layout = stock_layout("16k")
    pdf = render_certificates([cert(title="优秀党务工作者")], layout, library)
    chars = page_chars(pdf)[0]
    left, right, top, bottom = box_pt(layout.body)
    body = [c for c in chars if top - 1 <= c.top and c.bottom <= bottom + 1]
    assert_inside(body, left, right, top, bottom)
    lines: dict[float, list[Char]] = {}
    for c in body:
        lines.setdefault(round(c.bottom, 1), []).append(c)
    rows = [sorted(cs, key=lambda c: c.x0) for _, cs in sorted(lines.items())]
    assert len(rows) >= 3
    assert rows[0][0].x0 == pytest.approx(left + 2 * layout.text_size, abs=0.1)   # indent
    assert rows[0][-1].x1 == pytest.approx(right, abs=0.1)                        # justified
    for row in rows:
        assert row[0].text not in "，。、；：”）"


@pytest.mark.parametrize("stock", ["plain", "16k", "a4p", "a4l"])
@pytest.mark.parametrize("title", ["优秀共产党员", "优秀党务工作者", "先进基层党组织"])
def test_quoted_title_is_never_cut_in_two(library, stock, title):
    layout = stock_layout(stock)
    pdf = render_certificates([cert(title=title, org=title == "先进基层党组织")], layout, library)
    left, right, top, bottom = box_pt(layout.body)
    lines: dict[float, str] = {}
    for c in sorted(page_chars(pdf)[0], key=lambda c: c.x0):
        if top - 1 <= c.top and c.bottom <= bottom + 1:
            lines[round(c.bottom, 1)] = lines.get(round(c.bottom, 1), "") + c.text
    assert any(f"“{title}”" in line for line in lines.values()), lines
    assert "".join(lines[k] for k in sorted(lines)).startswith("在二〇二六年度创先争优活动中表现突出，被评为")


# ------------------------------------------------------------------ batches

def test_batch_one_page_each_names_read_back(library):
    names = ["张堃", "李喆", "𠮷祥", "欧阳明华", "王建国", "赵赟垚"]
    pdf = render_certificates([cert(n, number=f"先锋〔2026〕{i}号") for i, n in enumerate(names, 1)],
                              stock_layout("plain"), library)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    pages = text(pdf)
    assert len(pages) == len(names)
    for i, (name, page) in enumerate(zip(names, pages, strict=False), 1):
        assert compact(page).startswith(f"荣誉证书{name}同志：")
        assert f"先锋〔2026〕{i}号" in compact(page)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        got = "".join(c["text"] for c in doc.pages[2].chars)
    assert "𠮷" in got and "\x00" not in got


def test_fonts_are_shared_by_all_pages(library):
    certs = [cert(n) for n in ("张三", "李四", "王五", "赵六") * 25]
    pdf = render_certificates(certs, stock_layout("plain"), library)
    infos = assert_fonts_ok(pdf)
    assert len(infos) <= 4          # one subset per face for the whole batch
    assert len(pdf) / len(certs) <= 20_000


def test_progress_and_cancel(library):
    seen = []
    certs = [cert(f"党员{i}") for i in range(10)]
    pdf = render_certificates(certs, stock_layout("16k"), library,
                              progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 10) for i in range(1, 11)] and len(page_sizes(pdf)) == 10
    calls = []

    def stop_at_three(done: int, total: int) -> bool:
        calls.append(done)
        return done < 3

    with pytest.raises(Cancelled) as exc:
        render_certificates(certs, stock_layout("16k"), library, progress=stop_at_three)
    assert calls == [1, 2, 3] and "取消" in str(exc.value)


def test_missing_characters_asked_first(library):
    with pytest.raises(MissingGlyphsError) as exc:
        render_certificates([cert("张" + NOWHERE[0])], stock_layout("16k"), library)
    assert NOWHERE[0] in exc.value.characters
    pdf = render_certificates([cert("张" + NOWHERE[0])], stock_layout("16k"), library,
                              accept_missing=True)
    assert "\x00" not in text(pdf)[0]


# ------------------------------------------------------------------ stock, offsets, boxes

def test_stock_page_sizes(library):
    expected = {"16k": (595.3, 807.9), "a4p": (595.28, 841.89), "a4l": (841.89, 595.28)}
    for stock, size in expected.items():
        pdf = render_certificates([cert()], stock_layout(stock), library)
        assert page_sizes(pdf) == [pytest.approx(size, abs=0.1)]
        words = compact(text(pdf)[0])
        assert "荣誉证书" not in words and words.startswith("张三同志：")   # text only
        assert b"/Subtype /Form" not in pdf
    custom = stock_layout("16k").resized(185, 260)
    pdf = render_certificates([cert()], custom, library)
    assert page_sizes(pdf) == [pytest.approx((mm(185), mm(260)), abs=0.05)]


def test_text_lands_in_its_boxes(library):
    layout = stock_layout("16k")
    chars = page_chars(render_certificates([cert()], layout, library))[0]
    for name, box in layout.boxes().items():
        left, right, top, bottom = box_pt(box)
        inside = [c for c in chars if left - 0.1 <= c.x0 and c.x1 <= right + 0.1
                  and top - 0.1 <= c.top and c.bottom <= bottom + 0.1]
        assert inside, f"{name} 框内没有文字"
    assert len(chars) == sum(  # every character is in some box
        1 for c in chars if any(box_pt(b)[0] - 0.1 <= c.x0 and c.x1 <= box_pt(b)[1] + 0.1
                                and box_pt(b)[2] - 0.1 <= c.top and c.bottom <= box_pt(b)[3] + 0.1
                                for b in layout.boxes().values()))


@pytest.mark.parametrize("dx,dy", [(3.0, -2.0), (-1.5, 4.5)])
def test_offsets_move_every_character(library, dx, dy):
    base = page_chars(render_certificates([cert()], stock_layout("16k"), library))[0]
    moved = page_chars(render_certificates([cert()], stock_layout("16k", (dx, dy)), library))[0]
    assert [c.text for c in base] == [c.text for c in moved]
    for a, b in zip(base, moved, strict=False):
        assert b.x0 - a.x0 == pytest.approx(mm(dx), abs=0.02)
        assert b.top - a.top == pytest.approx(mm(dy), abs=0.02)    # +y is down the sheet


def test_offsets_are_limited():
    with pytest.raises(ValueError, match="打印偏移不能超过 30 毫米（现为 31、0）。"):
        stock_layout("16k", (31, 0))
    with pytest.raises(ValueError, match="未知的证书纸张：newspaper（可选 pla"):
        stock_layout("newspaper")


@pytest.mark.parametrize("name,org", [
    ("中共先锋镇东风村第一农业产业园区联合支部委员会", True),
    ("中共先锋镇人民政府机关暨农业农村服务中心联合支部委员会", True),
    ("阿卜杜热合曼·买买提艾力·库尔班江", False),
])
def test_long_names_shrink_and_stay_in_their_box(library, name, org):
    layout = stock_layout("16k")
    pdf = render_certificates([cert(name, "先进基层党组织" if org else "优秀共产党员", org)], layout,
                              library)
    line = first_line(page_chars(pdf)[0])
    assert "".join(c.text for c in line).startswith(name.replace("·", "")[:3])
    left, right, top, bottom = box_pt(layout.recipient)
    assert_inside(line, left, right, top, bottom)
    height = max(c.bottom - c.top for c in line)
    assert height < layout.name_size - 0.5           # shrunk
    assert re.sub(r"\s", "", compact(text(pdf)[0])).startswith(name)


def test_absurd_name_wraps_but_stays_within_the_width(library):
    layout = stock_layout("16k")
    name = "中共先锋镇" + "联合" * 60 + "支部委员会"
    chars = page_chars(render_certificates([cert(name, "先进基层党组织", True)], layout, library))[0]
    left, right, _, _ = box_pt(layout.recipient)
    name_chars = [c for c in chars if c.bottom - c.top < 9]   # drawn at the minimum size
    assert len(name_chars) >= len(name)
    assert all(left - 0.05 <= c.x0 and c.x1 <= right + 0.05 for c in name_chars)


# ------------------------------------------------------------------ calibration

def test_calibration_page(library):
    layout = stock_layout("16k", (2.0, -1.5))
    pdf = render_calibration(layout, library)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    assert page_sizes(pdf) == [pytest.approx((595.3, 807.9), abs=0.1)]
    words = compact(text(pdf)[0])
    for expected in ("证书套打校准页", "大16开", "水平+2.0毫米", "垂直-1.5毫米", "受表彰者", "正文",
                     "落款单位", "日期", "证书编号", "盖章处（直径42毫米）"):
        assert expected in words
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        # ruler ticks every millimetre on all four edges, a grid, the dashed boxes
        assert len(page.lines) + len(page.curves) > 200 or len(page.edges) > 200
        rects = [r for r in page.rects if r["width"] > 50]
    # the recipient box is drawn where the text will land: offset applied
    box = layout.recipient.moved(2.0, -1.5)
    assert any(abs(r["x0"] - mm(box.x)) < 0.5 and abs(r["top"] - mm(box.y)) < 0.5 for r in rects)
    # ruler numbers 10 … 200 along the top
    assert all(str(n) in words for n in (10, 50, 100, 200))


def test_calibration_for_a4_landscape_and_plain(library):
    for stock in ("a4l", "plain"):
        pdf = render_calibration(stock_layout(stock), library)
        assert page_sizes(pdf) == [pytest.approx((841.89, 595.28), abs=0.1)]
        assert "证书套打校准页" in compact(text(pdf)[0])


def test_layout_rejects_silly_sizes():
    base = stock_layout("16k")
    with pytest.raises(ValueError, match="证书纸张尺寸不合理：宽 10、高 10 毫米。"):
        CertificateLayout(**{**base.__dict__, "page_mm": (10, 10)})


# ------------------------------------------------------------------ real fonts

@pytest.mark.realfonts
def test_real_fonts_certificate(real_library):
    names = ["张堃", "李喆", "吉𠮷", "欧阳明华"]
    pdf = render_certificates([cert(n) for n in names], stock_layout("plain"), real_library,
                              accept_missing=False)
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    pages = text(pdf)
    assert len(pages) == 4
    for name, page in zip(names, pages, strict=False):
        assert f"{name}同志：" in compact(page)


def test_font_samples_one_page_per_role(library):
    from printing.documents.font_sample import SAMPLES, render_font_samples

    pdf = render_font_samples(library)
    assert_fonts_ok(pdf)
    pages = [compact(t) for t in text(pdf)]
    assert pages == [compact(SAMPLES[r]) for r in ("title", "body", "kai", "hei", "song")]


@pytest.mark.parametrize("stock", ["plain", "a4l", "16k"])
def test_body_block_is_centred_in_the_frame(library, stock):
    """A body whose lines end short (the title pushed to its own line) is centred as a
    block, with the name: the right third of the frame is not left empty (issue 18)."""
    layout = stock_layout(stock)
    chars = page_chars(render_certificates([cert()], layout, library))[0]
    left, right, top, bottom = box_pt(layout.body)
    body = [c for c in chars if top - 1 <= c.top and c.bottom <= bottom + 1]
    block_mid = (min(c.x0 for c in body) + max(c.x1 for c in body)) / 2
    assert block_mid == pytest.approx((left + right) / 2, abs=2)
    name = first_line([c for c in chars if c.bottom - c.top < 30])   # below the title
    assert name[0].x0 == pytest.approx(min(c.x0 for c in body), abs=1)


@pytest.mark.parametrize("stock", ["plain", "16k", "a4p", "a4l"])
def test_calibration_notes_clear_every_box(library, stock):
    """The instructions sit in an empty part of the sheet, never over a box or its label."""
    from printing.documents.certificate_calibration import (
        _obstacles,
        _place_notes,
        declare_calibration,
    )

    layout = stock_layout(stock)
    doc = library.new_document()
    declare_calibration(doc, layout)
    doc.resolve(accept_missing=True)
    rect, style, laid = _place_notes(layout, doc)
    need_mm = (style.size * 1.6 + sum(len(p) for p in laid) * style.line_height) / mm(1)
    x0, y0, x1 = rect[0], rect[1], rect[2]
    assert y0 + 2 + need_mm <= rect[3] + 0.01
    for r in _obstacles(layout):
        assert not (x0 < r[2] and r[0] < x1 and y0 < r[3] and r[1] < y0 + 2 + need_mm), (rect, r)
    assert style.size >= 7
