"""Page set-up shared by documents: paper, margins, page numbers "— 1 —", PDF bytes out.

The canvas starts with one of our own fonts (``initialFontName``) so ReportLab never
adds Helvetica to a page.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from printing.sizes import SIHAO, mm
from printing.typeset.fonts import DocFonts
from printing.typeset.paragraph import layout
from printing.typeset.textdraw import TextStyle, draw_lines

PAPERS = {"A4": A4, "A3": A3}
PAGE_NUMBER_STYLE = TextStyle(role="song", size=SIHAO, align="center", leading=SIHAO * 1.2)
PAGE_NUMBER_CHARS = "— 0123456789"


def page_size(paper: str, orientation: str) -> tuple[float, float]:
    size = PAPERS[paper]
    return landscape(size) if orientation == "landscape" else portrait(size)


@dataclass(frozen=True)
class Margins:
    top: float
    right: float
    bottom: float
    left: float

    @classmethod
    def mm(cls, top: float, right: float, bottom: float, left: float) -> Margins:
        return cls(mm(top), mm(right), mm(bottom), mm(left))


def page_number_text(n: int) -> str:
    """GB/T 9704 page number: an em dash, the number, an em dash (— 1 —)."""
    return f"— {n} —"


def declare_page_numbers(fonts: DocFonts) -> None:
    fonts.need(PAGE_NUMBER_STYLE.role, PAGE_NUMBER_CHARS)


def build_pdf(story: Sequence[Flowable], fonts: DocFonts, pagesize: tuple[float, float],
              margins: Margins, *, title: str, author: str = "",
              page_numbers: bool = True, number_gap: float = mm(7),
              front_pages: int = 0) -> bytes:
    """Lay out a story on identical pages and return the PDF bytes.

    ``fonts`` must be resolved. Page numbers sit ``number_gap`` below the frame. The first
    ``front_pages`` (a booklet's cover and contents) carry none, and the page after them
    is — 1 —, as a print shop numbers a booklet.
    """
    buf = io.BytesIO()
    width, height = pagesize
    frame = Frame(margins.left, margins.bottom, width - margins.left - margins.right,
                  height - margins.top - margins.bottom, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")

    def on_page(canv, doc) -> None:
        if not page_numbers or doc.page <= front_pages:
            return
        text = page_number_text(doc.page - front_pages)
        style = PAGE_NUMBER_STYLE
        lines = layout(text, style, fonts, width)
        top = margins.bottom - number_gap + style.line_height / 2
        draw_lines(canv, lines, style, fonts, 0.0, top, width)

    doc = BaseDocTemplate(
        buf, pagesize=pagesize, title=title, author=author, creator="先锋台账",
        subject=title, leftMargin=margins.left, rightMargin=margins.right,
        topMargin=margins.top, bottomMargin=margins.bottom,
        initialFontName=fonts.primary_font("body"), initialFontSize=12,
        pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=on_page)],
    )
    doc.build(list(story))
    return buf.getvalue()


__all__ = ["Margins", "build_pdf", "declare_page_numbers", "page_number_text", "page_size"]
