"""先进事迹材料: the booklet of a year's decided awardees, for a print shop ("大力宣传…先进事迹").

A title page, a contents table with page numbers, then one section per awardee (title,
name, organization) with the 主要事迹 as given at nomination, each section from a new page.
The contents' page numbers come from a first pass that records where each section lands
(`_Mark`); the second pass prints them — the contents take the same room both times, so
the numbers hold. A4 portrait; cover and contents carry no page number, the first section
is page 1 (numbers at the foot); public data only.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import PageBreak, Spacer
from reportlab.platypus.flowables import Flowable

from printing.data import find_private_data
from printing.dates import DateStyle, format_date
from printing.documents.candidate_notice import CELL, CELL_LEFT, HEAD, HEADING, LOOK, MARGINS, PROSE, grouped
from printing.errors import PrivateDataError
from printing.layout.blocks import TableStart
from printing.layout.page import build_pdf, declare_page_numbers, page_size
from printing.layout.table import Block, CJKTable, Column, Row
from printing.sizes import ERHAO, SANHAO, XIAOCHU, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = ["DeedEntry", "DeedsBooklet", "missing_characters", "render_deeds", "title_of"]

#: What a section says when the nomination carried no 主要事迹 (so the gap is seen, not hidden).
NO_DEEDS = "（推荐时未填写主要事迹。）"


@dataclass(frozen=True)
class DeedEntry:
    title: str                 # 先进基层党组织 / 优秀共产党员 / 优秀党务工作者
    name: str                  # a member's name, or an organization's full name
    organization: str = ""     # a member's branch (full name); '' for an organization
    deeds: str = ""            # 主要事迹, paragraphs separated by line breaks


@dataclass(frozen=True)
class DeedsBooklet:
    issuer: str
    year: int
    decided_on: date
    entries: tuple[DeedEntry, ...] = ()
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))


def title_of(booklet: DeedsBooklet) -> str:
    return f"{booklet.year}年度创先争优活动先进事迹材料"


COVER = TextStyle("title", XIAOCHU, XIAOCHU * 1.5, "center")
COVER_SUB = TextStyle("body", SANHAO, SANHAO * 1.8, "center")
CONTENTS = TextStyle("title", ERHAO, ERHAO * 1.4, "center", space_after=SANHAO * 0.6)
NAME = TextStyle("title", ERHAO, ERHAO * 1.4, "center", space_after=SANHAO * 0.2)
UNDER_NAME = TextStyle("kai", SANHAO, SANHAO * 1.6, "center", space_after=SANHAO * 0.6)


class _Mark(Flowable):
    """Takes no room; notes the page it lands on under its key."""

    def __init__(self, key: int, pages: dict[int, int]) -> None:
        super().__init__()
        self.key, self.pages = key, pages

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


def _label(e: DeedEntry) -> str:
    return f"{e.name}（{e.organization}）" if e.organization else e.name


def _ordered(booklet: DeedsBooklet) -> list[DeedEntry]:
    return [e for _t, rows in grouped(booklet.entries) for e in rows]


def _front_pages(marks: dict[int, int]) -> int:
    """Cover and contents: the pages before the first section, which carry no number."""
    return marks.get(0, 3) - 1


def _contents(entries: Sequence[DeedEntry], pages: dict[int, int], fonts: DocFonts) -> CJKTable:
    cols = [Column("称号", 26, CELL), Column("先进集体和个人", 62, CELL_LEFT), Column("页码", 12, CELL)]
    front = _front_pages(pages)
    body = [Row(((Block(e.title),), (Block(_label(e)),), (Block(str(max(0, pages.get(k, 0) - front))),)))
            for k, e in enumerate(entries)]
    return CJKTable(cols, body, fonts, HEAD, LOOK)


def _story(booklet: DeedsBooklet, fonts: DocFonts, pages: dict[int, int], marks: dict[int, int]) -> list:
    entries = _ordered(booklet)
    story: list = [Spacer(1, mm(55)), CJKParagraph(f"{booklet.year}年度创先争优活动", COVER, fonts),
                   CJKParagraph("先进事迹材料", COVER, fonts), Spacer(1, mm(85)),
                   CJKParagraph(booklet.issuer, COVER_SUB, fonts),
                   CJKParagraph(format_date(booklet.decided_on, booklet.date_style), COVER_SUB, fonts),
                   PageBreak(), CJKParagraph("目　　录", CONTENTS, fonts)]
    if entries:
        story.append(TableStart([], _contents(entries, pages, fonts)))
    for k, e in enumerate(entries):
        story += [PageBreak(), _Mark(k, marks), CJKParagraph(e.name, NAME, fonts),
                  CJKParagraph(f"{e.organization}　{e.title}" if e.organization else e.title, UNDER_NAME, fonts)]
        paragraphs = [p.strip() for p in e.deeds.splitlines() if p.strip()] or [NO_DEEDS]
        story += [CJKParagraph(p, PROSE, fonts) for p in paragraphs]
    if not entries:
        story.append(CJKParagraph("本年度没有已决定的表彰。", HEADING, fonts))
    declare_page_numbers(fonts)
    return story


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(booklet: DeedsBooklet, fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    library = _library(fonts)
    doc = library.new_document()
    _story(booklet, doc, {}, {})
    return library.missing_characters(doc.declared_text())


def render_deeds(booklet: DeedsBooklet, fonts: FontLibrary | FontSettings | None = None, *,
                 accept_missing: bool = False) -> bytes:
    """The booklet as PDF bytes (A4 portrait), laid out twice for the contents' page numbers.

    Raises PrivateDataError, NoCJKFontError, MissingGlyphsError (unless ``accept_missing``).
    """
    places = find_private_data(booklet)
    if places:
        raise PrivateDataError(places)
    library = _library(fonts)
    marks: dict[int, int] = {}
    pdf = b""
    for _pass in range(2):
        pages = dict(marks)
        doc = library.new_document()
        story = _story(booklet, doc, pages, marks)
        doc.resolve(accept_missing=accept_missing)
        pdf = build_pdf(story, doc, page_size("A4", "portrait"), MARGINS, title=title_of(booklet),
                        author=booklet.issuer, front_pages=_front_pages(marks))
    return pdf
