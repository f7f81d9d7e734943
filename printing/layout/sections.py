"""Documents made of independent sections: one letter per member, one ballot per voter.

Each section starts on a new page and is handed out on its own, so page numbers count
within the section (a one-page letter has none; a two-page letter says — 1 — and — 2 —)
and a continuation page repeats a short caption at the top, so a loose second sheet
still says whose letter or which ballot it belongs to.

Sections also report progress while ReportLab draws them, and a progress callback may
raise :class:`RenderCancelled` to stop a long batch (the window's 取消 button).
"""
from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from printing.errors import PrintingError
from printing.layout.page import PAGE_NUMBER_CHARS, PAGE_NUMBER_STYLE, Margins, page_number_text
from printing.sizes import WUHAO, mm
from printing.typeset.fonts import DocFonts
from printing.typeset.linebreak import Line
from printing.typeset.paragraph import layout
from printing.typeset.textdraw import TextStyle, draw_lines

#: progress(sections_done, sections_total); may raise RenderCancelled.
Progress = Callable[[int, int], None]

CAPTION_STYLE = TextStyle(role="song", size=WUHAO, align="right", leading=WUHAO * 1.3)
CONTINUED = "（续）"


class RenderCancelled(PrintingError):
    """The clerk pressed 取消 while a batch was being drawn."""

    def __init__(self) -> None:
        super().__init__("已取消生成。")


@dataclass
class Section:
    """The flowables of one section and the caption shown on its continuation pages."""

    story: list[Flowable]
    caption: str = ""


@dataclass
class _State:
    total: int
    progress: Progress | None
    index: int = 0
    start_page: int = 1
    caption: str = ""
    done: bool = False
    pages: list[int] = field(default_factory=list)     # page count of each finished section


class _Marker(Flowable):
    """Zero-size flowable that tells the page callbacks where a section begins or ends."""

    def __init__(self, state: _State, start: bool, caption: str = ""):
        super().__init__()
        self.state = state
        self.start = start
        self.caption = caption

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        st = self.state
        page = self.canv.getPageNumber()
        if self.start:
            if st.progress is not None:
                st.progress(st.index, st.total)
            st.start_page, st.caption, st.done = page, self.caption, False
        else:
            st.done = True
            st.index += 1
            st.pages.append(page - st.start_page + 1)


def declare_section_text(fonts: DocFonts, captions: Sequence[str]) -> None:
    """Declare the page-number and caption characters before resolving the fonts."""
    fonts.need(PAGE_NUMBER_STYLE.role, PAGE_NUMBER_CHARS)
    fonts.need(CAPTION_STYLE.role, "".join(captions) + CONTINUED)


def build_sections(sections: Sequence[Section], fonts: DocFonts, pagesize: tuple[float, float],
                   margins: Margins, *, title: str, author: str = "",
                   progress: Progress | None = None, number_gap: float = mm(7),
                   page_counts: list[int] | None = None) -> bytes:
    """Lay out sections, each from a new page, and return the PDF bytes.

    ``fonts`` must be resolved (declare captions with :func:`declare_section_text`).
    ``page_counts``, if given, receives the number of pages of every section.
    """
    state = _State(len(sections), progress)
    story: list[Flowable] = []
    for n, sec in enumerate(sections):
        if n:
            story.append(PageBreak())
        story.append(_Marker(state, True, sec.caption))
        story.extend(sec.story)
        story.append(_Marker(state, False))
    width, height = pagesize

    def on_page_end(canv, doc) -> None:
        local = canv.getPageNumber() - state.start_page + 1
        if local > 1 and state.caption:
            text = state.caption + CONTINUED
            style = CAPTION_STYLE
            lines = layout(text, style, fonts, width - margins.left - margins.right)
            top = height - margins.top + style.line_height * 1.6
            draw_lines(canv, lines, style, fonts, margins.left, top,
                       width - margins.left - margins.right)
        if local > 1 or not state.done:
            style = PAGE_NUMBER_STYLE
            text = page_number_text(local)
            w = sum(fonts.advances(style.role)[c] for c in text) * style.size
            top = margins.bottom - number_gap + style.line_height / 2
            draw_lines(canv, [Line(text, w, 0.0, w, True)], replace(style, align="left"), fonts,
                       (width - w) / 2, top, w)

    buf = io.BytesIO()
    frame = Frame(margins.left, margins.bottom, width - margins.left - margins.right,
                  height - margins.top - margins.bottom, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(
        buf, pagesize=pagesize, title=title, author=author, creator="先锋台账",
        subject=title, leftMargin=margins.left, rightMargin=margins.right,
        topMargin=margins.top, bottomMargin=margins.bottom,
        initialFontName=fonts.primary_font("body"), initialFontSize=12,
        pageTemplates=[PageTemplate(id="page", frames=[frame], onPageEnd=on_page_end)],
    )
    doc.build(story)
    if progress is not None:
        progress(len(sections), len(sections))
    if page_counts is not None:
        page_counts[:] = state.pages
    return buf.getvalue()


__all__ = ["Progress", "RenderCancelled", "Section", "build_sections", "declare_section_text"]
