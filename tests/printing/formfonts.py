"""Fonts and checks shared by the form tests (承诺书, 评议表, 评议记录).

The forms print √ and ÷, which the generic test font leaves out; this font adds them so
the tests run without any Chinese font installed and without missing-glyph questions.
"""
from __future__ import annotations

from reportlab.lib.pagesizes import A4

from tests.printing.pdfcheck import (
    assert_fonts_ok,
    assert_inside,
    assert_kinsoku,
    assert_no_char_crosses_rules,
    chars_and_edges,
    page_sizes,
    qpdf_check,
    visual_lines,
)

FORM_EXTRA = "√÷×"
NAMES = ("王堃", "李喆", "吉𠮷", "朱昇", "刘赟", "张垚", "陈玥", "林镕")


def check_pdf(pdf: bytes, margins, pages: int | None = None):
    """What every form must pass: A4 portrait, fonts, qpdf, 禁则, nothing out of its frame
    or across a rule. Returns chars and edges for further checks."""
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    sizes = page_sizes(pdf)
    if pages is not None:
        assert len(sizes) == pages
    assert all(abs(w - A4[0]) < 0.5 and abs(h - A4[1]) < 0.5 for w, h in sizes)
    chars, edges, _ = chars_and_edges(pdf)
    assert_no_char_crosses_rules(chars, edges)
    width, height = A4
    assert_inside(chars, margins.left, width - margins.right, 0, height)
    body = [c for c in chars if margins.top - 0.1 <= c.top and c.bottom <= height - margins.bottom + 0.1]
    assert_inside(body, margins.left, width - margins.right, margins.top, height - margins.bottom)
    lines = visual_lines([c for c in chars if c.bottom <= height - margins.bottom + 0.1], edges)
    assert_kinsoku([ln for ln in lines if ln.strip() != "—"])   # a dash alone: nobody voted
    assert "\x00" not in "".join(c.text for c in chars) and "\ufffd" not in "".join(c.text for c in chars)
    return chars, edges
