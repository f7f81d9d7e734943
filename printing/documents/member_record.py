"""党员创先争优表现记录: one member's campaign record over chosen years, for a promotion or
评先 file ("把党员在创先争优活动中的表现…与评选先进…结合起来").

Per year: the pledges with their fulfilment, attendance at the quarterly reviews, the 互评
result of each review (a grade), the 群众满意率 and the annual grade; then the honours and the
branch's certification (经核实，情况属实。 党支部（盖章） 年 月 日). Each member starts a new page;
a record runs to one or two A4 pages. No ID number or phone: the data has no field for them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import KeepTogether, PageBreak, Spacer

from printing.data import find_private_data
from printing.documents.candidate_notice import CELL, HEAD, LOOK, MARGINS, PROSE, TITLE
from printing.errors import PrivateDataError
from printing.layout.blocks import SignatureBlock, TableStart
from printing.layout.page import build_pdf, declare_page_numbers, page_size
from printing.layout.table import Block, CJKTable, Column, Row
from printing.sizes import SANHAO, SIHAO, WUHAO
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = ["MemberRecord", "YearRecord", "missing_characters", "render_member_records"]

TITLE_TEXT = "党员创先争优表现记录"
INFO = TextStyle("body", SIHAO, SIHAO * 1.6, "left")
SMALL_LEFT = TextStyle("song", WUHAO, WUHAO * 1.45, "left")   # pledges run long: 五号 in that column


@dataclass(frozen=True)
class YearRecord:
    year: int
    pledges: tuple[str, ...] = ()      # "content（践诺情况）", one per item
    attendance: str = ""               # 3／4: reviews attended of those due
    mutual: tuple[str, ...] = ()       # "一季度 合格", one per review
    satisfaction: str = ""             # 92.0%, or '' when not rated
    grade: str = ""                    # the annual 定性评价, '' not yet graded

    def __post_init__(self) -> None:
        object.__setattr__(self, "pledges", tuple(self.pledges))
        object.__setattr__(self, "mutual", tuple(self.mutual))


@dataclass(frozen=True)
class MemberRecord:
    name: str
    organization: str                  # full name of the member's branch
    sex: str = ""
    post: str = ""
    first_year: int = 0
    last_year: int = 0
    years: tuple[YearRecord, ...] = ()
    honours: tuple[str, ...] = ()      # "2025年度 优秀共产党员（中共先锋镇委员会）"

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", tuple(self.years))
        object.__setattr__(self, "honours", tuple(self.honours))


def _cells(texts: Sequence[str], none: str = "—") -> tuple[Block, ...]:
    return tuple(Block(t) for t in texts) or (Block(none),)


def _table(rec: MemberRecord, fonts: DocFonts) -> CJKTable:
    cols = [Column("年度", 10, CELL, repeat=True, shrink=0.8),
            Column("公开承诺及践诺情况", 34, SMALL_LEFT, valign="top"), Column("出席／应到", 13, CELL),
            Column("党员互评", 18, CELL), Column("群众满意率", 14, CELL, shrink=0.8), Column("年度等次", 11, CELL)]
    body = [Row(((Block(str(y.year)),), _cells([f"{k}. {p}" for k, p in enumerate(y.pledges, 1)], "未作承诺"),
                 _cells([y.attendance]), _cells(y.mutual), _cells([y.satisfaction or "—"]),
                 _cells([y.grade or "未评定"]))) for y in rec.years]
    return CJKTable(cols, body, fonts, HEAD, LOOK)


def _one(rec: MemberRecord, fonts: DocFonts) -> list:
    span = f"{rec.first_year}年" if rec.first_year == rec.last_year else f"{rec.first_year}—{rec.last_year}年"
    who = "　".join(x for x in (f"姓名：{rec.name}", f"性别：{rec.sex}" if rec.sex else "") if x)
    story: list = [CJKParagraph(TITLE_TEXT, TITLE, fonts),
                   CJKParagraph(who, INFO, fonts),
                   CJKParagraph(f"所在党组织：{rec.organization}", INFO, fonts)]
    if rec.post:
        story.append(CJKParagraph(f"党内职务或岗位：{rec.post}", INFO, fonts))
    story += [CJKParagraph(f"记录期间：{span}", INFO, fonts), Spacer(1, SIHAO * 0.4),
              TableStart([], _table(rec, fonts)), Spacer(1, SIHAO * 0.4),
              CJKParagraph(f"所获荣誉：{'；'.join(rec.honours) if rec.honours else '无'}。", PROSE, fonts)]
    story.append(KeepTogether([Spacer(1, SANHAO * 0.6), CJKParagraph("经核实，情况属实。", PROSE, fonts),
                               Spacer(1, SANHAO * 0.6),
                               SignatureBlock("党支部（盖章）", "年　　月　　日",
                                              TextStyle("body", SANHAO, SANHAO * 1.65), fonts)]))
    return story


def _story(records: Sequence[MemberRecord], fonts: DocFonts) -> list:
    story: list = []
    for k, rec in enumerate(records):
        story += ([PageBreak()] if k else []) + _one(rec, fonts)
    declare_page_numbers(fonts)
    return story


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(records: Sequence[MemberRecord], fonts: FontLibrary | FontSettings | None = None
                       ) -> list[str]:
    library = _library(fonts)
    doc = library.new_document()
    _story(records, doc)
    return library.missing_characters(doc.declared_text())


def render_member_records(records: Sequence[MemberRecord], fonts: FontLibrary | FontSettings | None = None, *,
                          accept_missing: bool = False) -> bytes:
    """The records as one PDF (A4 portrait), each member from a new page.

    Raises PrivateDataError, NoCJKFontError, MissingGlyphsError (unless ``accept_missing``).
    """
    places = [p for r in records for p in find_private_data(r)]
    if places:
        raise PrivateDataError(places)
    doc = _library(fonts).new_document()
    story = _story(records, doc)
    doc.resolve(accept_missing=accept_missing)
    return build_pdf(story, doc, page_size("A4", "portrait"), MARGINS, title=TITLE_TEXT,
                     author=records[0].organization if records else "")
