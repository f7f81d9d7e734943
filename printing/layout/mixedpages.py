"""Documents whose pages turn: portrait for prose and narrow tables, landscape for wide ones.

A ledger is read as one document, so its page numbers run on across the turn; each page
size has its own frame and its page number centred under its own width. Both sizes are
A4, so a clerk's printer needs no other paper.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from printing.layout.page import PAGE_NUMBER_STYLE, Margins, page_number_text
from printing.sizes import mm
from printing.typeset.fonts import DocFonts
from printing.typeset.paragraph import layout
from printing.typeset.textdraw import draw_lines

PORTRAIT, LANDSCAPE = "portrait", "landscape"


def turn_to(orientation: str) -> list[Flowable]:
    """Flowables that continue the story on a new page of the given orientation."""
    return [NextPageTemplate(orientation), PageBreak()]


def build_mixed(story: Sequence[Flowable], fonts: DocFonts, portrait_margins: Margins,
                landscape_margins: Margins, *, title: str, author: str = "",
                number_gap: float = mm(7)) -> bytes:
    """Lay out a story starting on an A4 portrait page; `turn_to` switches the page size.

    ``fonts`` must be resolved, with the page-number characters declared.
    """
    templates = []
    for name, size, margins in ((PORTRAIT, portrait(A4), portrait_margins),
                                (LANDSCAPE, landscape(A4), landscape_margins)):
        width, height = size
        frame = Frame(margins.left, margins.bottom, width - margins.left - margins.right,
                      height - margins.top - margins.bottom, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id=f"body-{name}")

        def on_page(canv, doc, width=width, margins=margins) -> None:
            style = PAGE_NUMBER_STYLE
            lines = layout(page_number_text(doc.page), style, fonts, width)
            draw_lines(canv, lines, style, fonts, 0.0,
                       margins.bottom - number_gap + style.line_height / 2, width)

        templates.append(PageTemplate(id=name, frames=[frame], onPage=on_page, pagesize=size))
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=portrait(A4), title=title, author=author, creator="先锋台账", subject=title,
        initialFontName=fonts.primary_font("body"), initialFontSize=12, pageTemplates=templates)
    doc.build(list(story))
    return buf.getvalue()


__all__ = ["LANDSCAPE", "PORTRAIT", "build_mixed", "turn_to"]
