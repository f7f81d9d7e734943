"""创先争优活动进展情况通报: the township's bulletin on its branches for a year or a quarter.

"通报活动情况 … 对思想上不重视、工作上不得力的党组织提出通报批评": the figures per branch
ranked in a table (名次 · 党组织 · 季度评议 · 承诺兑现率 · 群众满意率), the branches behind
named with why, and what the committee asks next; GB/T 9704 look (printing.documents.official).
Figures only, never a person's data.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak, KeepTogether

from printing.dates import DateStyle, format_date
from printing.documents import official
from printing.layout.blocks import TableStart
from printing.layout.table import Block, CJKTable, Column, Row
from printing.sizes import mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.paragraph import CJKParagraph

__all__ = ["BehindLine", "Bulletin", "BulletinRow", "missing_characters", "render_bulletin", "title_of"]


@dataclass(frozen=True)
class BulletinRow:
    rank: int
    name: str
    reviews: str         # 4/4 (held / due)
    fulfilment: str      # 92.0% or —
    satisfaction: str


@dataclass(frozen=True)
class BehindLine:
    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Bulletin:
    issuer: str
    period: str          # 2026年 / 2026年第二季度
    quarterly: bool      # a quarter's bulletin: one meeting due per branch
    as_of: date
    threshold: str       # 90%
    rows: tuple[BulletinRow, ...] = ()
    behind: tuple[BehindLine, ...] = ()
    all_held: int = 0    # branches that held every meeting due
    issue_date: date | None = None
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        object.__setattr__(self, "behind", tuple(self.behind))


REQUESTS = (
    "各党组织要对照本通报，认真查找差距，对未按时召开季度评议会的要及时补开，对群众满意率未达到要求的"
    "要深入分析原因、改进工作，对到期未办结的承诺事项要抓紧兑现或说明情况。",
    "被点名的党组织要在收到整改通知后按期完成整改，并将整改情况书面报镇党委。",
)


def title_of(b: Bulletin) -> str:
    return f"关于{b.period}创先争优活动进展情况的通报"


def _summary(b: Bulletin) -> str:
    n = len(b.rows)
    behind = f"，{len(b.behind)}个党组织工作相对滞后" if b.behind else "，各党组织均按要求推进"
    return (f"截至{format_date(b.as_of, b.date_style)}，全镇{n}个基层党组织参加创先争优活动，"
            f"其中{b.all_held}个按时召开了{'本季度评议会' if b.quarterly else '全部季度评议会'}{behind}。"
            "现将有关情况通报如下。")


def _table(b: Bulletin, fonts: DocFonts) -> CJKTable:
    cols = [Column("名次", 10, official.CELL, repeat=True), Column("党组织", 36, official.CELL_LEFT, shrink=0.8),
            Column("季度评议", 16, official.CELL), Column("承诺兑现率", 19, official.CELL),
            Column("群众满意率", 19, official.CELL)]
    body = [Row(tuple((Block(c),) for c in (str(r.rank), r.name, r.reviews, r.fulfilment, r.satisfaction)))
            for r in b.rows]
    return CJKTable(cols, body, fonts, official.HEAD, official.LOOK)


def _story(b: Bulletin, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(title_of(b), official.TITLE, fonts),
                   CJKParagraph("各党支部：", official.ADDRESSEE, fonts),
                   CJKParagraph(_summary(b), official.PROSE, fonts),
                   official.heading(0, "各党组织进展情况", fonts)]
    lead = CJKParagraph(f"季度评议为已召开次数/应召开次数；群众满意率的要求为{b.threshold}以上。"
                        "按季度评议、群众满意率、承诺兑现率依次排序如下：", official.PROSE, fonts)
    story += [CondPageBreak(mm(40)), TableStart([lead], _table(b, fonts))] if b.rows else [lead]
    story.append(official.heading(1, "存在的问题", fonts))
    if b.behind:
        story.append(CJKParagraph("以下党组织工作不够扎实，予以通报批评，限期整改：", official.PROSE, fonts))
        story += [CJKParagraph(f"{k}. {line.name}：{'；'.join(line.reasons)}。", official.PROSE, fonts)
                  for k, line in enumerate(b.behind, 1)]
    else:
        story.append(CJKParagraph("本期各党组织均按要求开展了活动，未发现需要通报批评的情况。", official.PROSE, fonts))
    story.append(official.heading(2, "下一步工作要求", fonts))
    story += [CJKParagraph(text, official.PROSE, fonts) for text in REQUESTS[:-1]]
    story.append(KeepTogether([  # the issuer and date never stand alone on the last page
        CJKParagraph(REQUESTS[-1], official.PROSE, fonts), official.blank_line(),
        *official.closing(b.issuer, format_date(b.issue_date, b.date_style) if b.issue_date else "", fonts)]))
    return story


def _doc(b: Bulletin) -> official.Official:
    return official.Official(lambda fonts: _story(b, fonts), title_of(b), b.issuer)


def missing_characters(b: Bulletin, fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    return official.missing(_doc(b), fonts)


def render_bulletin(b: Bulletin, fonts: FontLibrary | FontSettings | None = None, *,
                    accept_missing: bool = False) -> bytes:
    """The bulletin as PDF bytes (A4 portrait). Raises PrivateDataError, NoCJKFontError,
    MissingGlyphsError (unless ``accept_missing``)."""
    return official.render(b, _doc(b), fonts, accept_missing)
