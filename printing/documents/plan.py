"""实施方案 / 年度计划: an organization's plan for the campaign year as a document in the
GB/T 9704 look (printing.documents.official): 目标, 措施, 活动载体, then the 时间安排 table
(时间 · 工作内容 · 责任人), signed by the organization itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak

from printing.dates import DateStyle, format_date
from printing.documents import official
from printing.layout.blocks import TableEnding
from printing.layout.table import Block, CJKTable, Column, Row
from printing.sizes import mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.paragraph import CJKParagraph

__all__ = ["PlanDocument", "PlanLine", "missing_characters", "render_plan", "title_of"]


@dataclass(frozen=True)
class PlanLine:
    period: str          # 3月 / 第二季度
    content: str
    responsible: str = ""


@dataclass(frozen=True)
class PlanDocument:
    organization: str    # full name; also the issuer
    year: int
    kind: str            # 实施方案 / 年度计划
    goals: str = ""
    measures: str = ""
    carriers: str = ""
    rows: tuple[PlanLine, ...] = ()
    issue_date: date | None = None
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))


def title_of(p: PlanDocument) -> str:
    return f"{p.organization}{p.year}年创先争优活动{p.kind}"


def _table(p: PlanDocument, fonts: DocFonts) -> CJKTable:
    cols = [Column("时间", 18, official.CELL, repeat=True), Column("工作内容", 62, official.CELL_LEFT),
            Column("责任人", 20, official.CELL, shrink=0.8, breaks="、，,")]
    body = [Row(((Block(r.period),), (Block(r.content),), (Block(r.responsible),) if r.responsible else ()))
            for r in p.rows]
    return CJKTable(cols, body, fonts, official.HEAD, official.LOOK)


def _story(p: PlanDocument, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(p.organization, official.TITLE, fonts),
                   CJKParagraph(f"{p.year}年创先争优活动{p.kind}", official.TITLE, fonts)]
    n = 0
    for label, text in (("目标", p.goals), ("措施", p.measures), ("活动载体", p.carriers)):
        if text.strip():
            story += [official.heading(n, label, fonts), *official.paragraphs(text, fonts)]
            n += 1
    day = format_date(p.issue_date, p.date_style) if p.issue_date else ""
    closing = [official.blank_line(), *official.closing(p.organization, day, fonts)]
    if p.rows:
        story += [CondPageBreak(mm(40)),
                  TableEnding([official.heading(n, "时间安排", fonts)], _table(p, fonts), closing, 2)]
    else:
        story += closing
    return story


def _doc(p: PlanDocument) -> official.Official:
    return official.Official(lambda fonts: _story(p, fonts), title_of(p), p.organization)


def missing_characters(p: PlanDocument, fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    return official.missing(_doc(p), fonts)


def render_plan(p: PlanDocument, fonts: FontLibrary | FontSettings | None = None, *,
                accept_missing: bool = False) -> bytes:
    """The plan as PDF bytes (A4 portrait). Raises PrivateDataError, NoCJKFontError,
    MissingGlyphsError (unless ``accept_missing``)."""
    return official.render(p, _doc(p), fonts, accept_missing)
