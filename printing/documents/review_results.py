"""季度评议结果公示: what a branch posts after its quarterly review ("评议结果在一定范围内公开").

Public by design: the meeting, 应到/实到, the organization's 群众满意率 by item and overall
against the threshold, and each member's 互评 result as a grade only — never the votes per
member, never an ID number or a private phone (the data has no field for them and
:func:`printing.data.find_private_data` refuses free text that looks like one). Then the
公示期, the 监督电话 and the issuer over the date with room for the seal. A4 portrait; the
look (title, prose, tables, closing) is the candidate notice's, so the branch's notices match.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak, Spacer

from printing.data import find_private_data
from printing.dates import DateStyle, format_date, format_period
from printing.documents.candidate_notice import (
    BLANK_PERIOD,
    BLANK_PHONE,
    CELL,
    CELL_LEFT,
    HEAD,
    HEADING,
    LOOK,
    MARGINS,
    PROSE,
    TITLE,
    closing_block,
)
from printing.errors import PrivateDataError
from printing.layout.blocks import TableEnding, TableStart
from printing.layout.page import build_pdf, declare_page_numbers, page_size
from printing.layout.table import Block, CJKTable, Column, Row
from printing.sizes import SANHAO, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = ["GradeLine", "RateLine", "ReviewResults", "missing_characters", "render_review_results",
           "heading_of", "title_of"]

SUBTITLE = TextStyle("title", SANHAO, SANHAO * 1.6, "center")
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass(frozen=True)
class RateLine:
    """One rated item (or 总体): the satisfaction rate 0–1; None: no votes on it."""

    item: str
    rate: float | None


@dataclass(frozen=True)
class GradeLine:
    """A member's 互评 result: the grade only, never the votes."""

    name: str
    grade: str


@dataclass(frozen=True)
class ReviewResults:
    organization: str            # full name; also the issuer
    year: int
    quarter: int
    meeting_date: date
    place: str = ""
    expected: int = 0            # 应到
    present: int | None = None   # 实到; None: attendance not recorded
    rates: tuple[RateLine, ...] = ()
    overall: float | None = None
    threshold: float = 0.8       # 群众满意率 the organization should reach
    grades: tuple[GradeLine, ...] = ()
    notice_start: date | None = None
    notice_end: date | None = None
    supervision_phone: str = ""  # the office's public number
    issue_date: date | None = None
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rates", tuple(self.rates))
        object.__setattr__(self, "grades", tuple(self.grades))


def heading_of(results: ReviewResults) -> str:
    return f"{results.year}年{QUARTER_NAMES[results.quarter]}创先争优评议结果公示"


def title_of(results: ReviewResults) -> str:
    return f"{results.organization}{heading_of(results)}"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _intro(r: ReviewResults) -> str:
    place = f"在{r.place}" if r.place else ""
    came = "（出席情况未登记）" if r.present is None else f"，实到{r.present}人"
    return (f"{format_date(r.meeting_date, r.date_style)}，{r.organization}{place}召开"
            f"{r.year}年{QUARTER_NAMES[r.quarter]}创先争优活动评议会，应到党员{r.expected}人{came}。"
            "会议开展了党员互评和群众评议，现将评议结果公示如下。")


def _verdict(r: ReviewResults) -> str:
    if r.overall is None:
        return "本季度未开展群众评议。"
    meets = "达到" if r.overall >= r.threshold else "未达到"
    return f"群众总体满意率为{percent(r.overall)}，{meets}{percent(r.threshold)}的要求。"


def _rate_table(r: ReviewResults, fonts: DocFonts) -> CJKTable:
    cols = [Column("评议内容", 70, CELL_LEFT), Column("满意率", 30, CELL)]
    body = [Row(((Block(x.item),), (Block(percent(x.rate)),))) for x in r.rates]
    body.append(Row(((Block("总体满意率"),), (Block(percent(r.overall)),))))
    return CJKTable(cols, body, fonts, HEAD, LOOK)


#: Members side by side (姓名 · 互评结果, three pairs a row): a branch of 30 fits on the page.
PAIRS = 3


def _grade_table(r: ReviewResults, fonts: DocFonts) -> CJKTable:
    cols = [c for _ in range(PAIRS) for c in (Column("姓名", 20, CELL, name=True), Column("互评结果", 13, CELL))]
    body = []
    for k in range(0, len(r.grades), PAIRS):
        cells: list[tuple[Block, ...]] = []
        for g in r.grades[k:k + PAIRS]:
            cells += [(Block(g.name),), (Block(g.grade or "—"),)]
        cells += [()] * (2 * PAIRS - len(cells))
        body.append(Row(tuple(cells)))
    return CJKTable(cols, body, fonts, HEAD, LOOK)


def _story(r: ReviewResults, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(r.organization, SUBTITLE, fonts), CJKParagraph(heading_of(r), TITLE, fonts),
                   CJKParagraph(_intro(r), PROSE, fonts)]
    story.append(CJKParagraph("一、群众评议满意率", HEADING, fonts))
    if r.rates or r.overall is not None:
        story.append(TableStart([], _rate_table(r, fonts)))
    story.append(CJKParagraph(_verdict(r), PROSE, fonts))
    period = (format_period(r.notice_start, r.notice_end, r.date_style)
              if r.notice_start and r.notice_end else BLANK_PERIOD)
    day = r.issue_date or r.notice_start
    closing = [Spacer(1, SANHAO * 0.5),
               CJKParagraph(f"公示期为{period}。公示期间如有异议，请向党组织反映。", PROSE, fonts),
               CJKParagraph(f"监督电话：{r.supervision_phone.strip() or BLANK_PHONE}", PROSE, fonts),
               *closing_block(r.organization, format_date(day, r.date_style) if day else "　　年　　月　　日",
                              SANHAO * 0.5, fonts)]
    heading = CJKParagraph("二、党员互评结果", HEADING, fonts)
    if r.grades:
        story += [CondPageBreak(mm(35)), TableEnding([heading], _grade_table(r, fonts), closing, 2)]
    else:
        story += [heading, CJKParagraph("本季度未开展党员互评。", PROSE, fonts), *closing]
    declare_page_numbers(fonts)
    return story


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(results: ReviewResults, fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    library = _library(fonts)
    doc = library.new_document()
    _story(results, doc)
    return library.missing_characters(doc.declared_text())


def render_review_results(results: ReviewResults, fonts: FontLibrary | FontSettings | None = None, *,
                          accept_missing: bool = False) -> bytes:
    """The notice as PDF bytes (A4 portrait).

    Raises PrivateDataError, NoCJKFontError, MissingGlyphsError (unless ``accept_missing``).
    """
    places = find_private_data(results)
    if places:
        raise PrivateDataError(places)
    doc = _library(fonts).new_document()
    story = _story(results, doc)
    doc.resolve(accept_missing=accept_missing)
    return build_pdf(story, doc, page_size("A4", "portrait"), MARGINS, title=title_of(results),
                     author=results.organization)
