"""季度评议记录: the minutes of one quarterly 创先争优 review meeting, for the 专项台账.

The record is what an inspector reads later, so it follows the meeting-record convention
in a fixed order: 时间, 地点, 主持人, 记录人, attendance (应到/实到, 请假 with reasons,
缺席, 列席), then 议题, 成效, 问题, 整改措施, 领导点评, the 党员互评 tally and the 群众评议
satisfaction rates, and the host's and the recorder's signatures with 年 月 日.

Rates arrive computed (the formula is a setting the models apply); this module only
prints them and says which formula was used. Long texts flow across pages; tables break
between rows with their header repeated. A4 portrait.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from printing.dates import DateStyle, format_date
from printing.layout.formgrid import Cell, CellLike, FormGrid, GridLook
from printing.layout.page import Margins
from printing.layout.sections import Progress, Section, build_sections, declare_section_text
from printing.layout.signlines import BLANK_DATE, SignatureLines
from printing.privacy import mask_private
from printing.sizes import ERHAO, SANHAO, SIHAO, XIAOSI, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = ["Leave", "MutualRow", "ReviewMinutes", "SatisfactionRow", "missing_characters",
           "rate_text", "render_minutes"]

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
MARGINS = Margins.mm(25, 22, 25, 25)
NONE_TEXT = "无。"


@dataclass(frozen=True)
class Leave:
    """A member on leave (请假) and the reason given."""

    name: str
    reason: str = ""


@dataclass(frozen=True)
class MutualRow:
    """党员互评 counts of one member: 优秀 · 合格 · 基本合格 · 不合格."""

    name: str
    excellent: int = 0
    qualified: int = 0
    basic: int = 0
    unqualified: int = 0


@dataclass(frozen=True)
class SatisfactionRow:
    """One rated item (or member): satisfaction rates 0–1 of 党员, 群众 and both; None: no votes."""

    item: str
    party: float | None = None
    public: float | None = None
    total: float | None = None


@dataclass(frozen=True)
class ReviewMinutes:
    organization: str
    year: int
    quarter: int
    date: date
    place: str = ""
    host: str = ""
    recorder: str = ""
    expected: int = 0                    # 应到
    present: int | None = None           # 实到; None: attendance not recorded
    leave: tuple[Leave, ...] = ()
    absent: tuple[str, ...] = ()
    observers: str = ""                  # 列席
    topics: str = ""
    results: str = ""
    problems: str = ""
    measures: str = ""
    leader_name: str = ""
    leader_comment: str = ""
    three_grades: bool = False
    mutual_voters: int = 0
    mutual: tuple[MutualRow, ...] = ()
    mass_party_voters: int = 0
    mass_public_voters: int = 0
    org_satisfaction: tuple[SatisfactionRow, ...] = ()
    member_satisfaction: tuple[SatisfactionRow, ...] = ()
    formula: str = "（满意＋比较满意）÷有效票"
    threshold: float | None = 0.9
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        for name in ("leave", "absent", "mutual", "org_satisfaction", "member_satisfaction"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.quarter not in QUARTER_NAMES:
            raise ValueError(f"季度应为 1 到 4：{self.quarter}")

    def title(self) -> str:
        return f"{self.year}年{QUARTER_NAMES[self.quarter]}创先争优活动评议会议记录"


def rate_text(rate: float | None) -> str:
    """95.0%; a dash when nobody voted (a 0% would read as everyone unsatisfied)."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


@dataclass(frozen=True)
class _Look:
    title: TextStyle = TextStyle("title", ERHAO, ERHAO * 1.45, "center")
    org: TextStyle = TextStyle("kai", SANHAO, SANHAO * 1.6, "center", space_after=SIHAO * 0.6)
    info: TextStyle = TextStyle("body", SIHAO, SIHAO * 1.7, "left")
    field: TextStyle = TextStyle("body", SIHAO, SIHAO * 1.7, "justify")
    heading: TextStyle = TextStyle("hei", SIHAO, SIHAO * 1.7, "left", space_before=SIHAO * 0.5)
    prose: TextStyle = TextStyle("body", SIHAO, SIHAO * 1.7, "justify", indent_chars=2)
    grid: TextStyle = TextStyle("song", XIAOSI, XIAOSI * 1.35, "center")
    grid_head: TextStyle = TextStyle("hei", XIAOSI, XIAOSI * 1.3, "center")


LOOK = _Look()
GRID_LOOK = GridLook(padding_x=3, padding_y=3, min_size=9.0)


def _prose(text: str, fonts: DocFonts) -> list:
    paragraphs = [p.strip() for p in mask_private(text).splitlines() if p.strip()]
    return [CJKParagraph(p, LOOK.prose, fonts) for p in paragraphs or [NONE_TEXT]]


def _labelled(label: str, text: str, fonts: DocFonts) -> CJKParagraph:
    """A field whose value may run over lines: continuation lines hang under the value."""
    return CJKParagraph(mask_private(text) or "无", LOOK.field, fonts, label=label)


def _heading(n: int, text: str, fonts: DocFonts) -> list:
    numerals = "一二三四五六七八九十"
    return [CondPageBreak(mm(25)), CJKParagraph(f"{numerals[n - 1]}、{text}", LOOK.heading, fonts)]


def _info(m: ReviewMinutes, fonts: DocFonts) -> list:
    grid_look = GridLook(rules=False, padding_x=0, padding_y=1)
    date_text = format_date(m.date, m.date_style)
    rows = [
        [Cell(f"时　间：{date_text}", align="left"), Cell(f"地　点：{mask_private(m.place) or '—'}", align="left")],
        [Cell(f"主持人：{m.host or '—'}", align="left"), Cell(f"记录人：{m.recorder or '—'}", align="left")],
        [Cell(f"应　到：{m.expected}人", align="left"),
         Cell(f"实　到：{'未登记' if m.present is None else f'{m.present}人'}", align="left")],
    ]
    leave = "、".join(f"{x.name}（{mask_private(x.reason)}）" if x.reason else x.name for x in m.leave)
    return [
        FormGrid((1, 1), [], rows, fonts, LOOK.info, look=grid_look),
        _labelled(f"请　假：{len(m.leave)}人" + ("，" if m.leave else ""), leave if m.leave else "", fonts)
        if m.leave else _labelled("请　假：", "无", fonts),
        _labelled(f"缺　席：{len(m.absent)}人" + ("，" if m.absent else ""), "、".join(m.absent), fonts)
        if m.absent else _labelled("缺　席：", "无", fonts),
        _labelled("列　席：", m.observers.strip(), fonts),
    ]


def _mutual_grid(m: ReviewMinutes, fonts: DocFonts) -> FormGrid:
    grades = ["优秀", "合格", "基本合格", "不合格"]
    if m.three_grades:
        grades.remove("基本合格")
    header = [["序号", "姓名", *grades, "有效票"]]
    rows: list[list[CellLike]] = []
    for k, r in enumerate(m.mutual, 1):
        counts = [r.excellent, r.qualified, r.basic, r.unqualified]
        if m.three_grades:
            counts.pop(2)
        rows.append([str(k), Cell(r.name, fit=True), *map(str, counts), str(sum(counts))])
    weights = [12, 34] + [20] * len(grades) + [22]
    return FormGrid(weights, header, rows, fonts, LOOK.grid, LOOK.grid_head,
                    row_height=mm(7.5), look=GRID_LOOK)


def _rates_grid(rows: Sequence[SatisfactionRow], first: str, fonts: DocFonts,
                names: bool) -> FormGrid:
    header = [["序号", first, "党员", "群众", "合计"]]
    body: list[list[CellLike]] = [[str(k), Cell(r.item, align="center" if names else "left", fit=names),
             rate_text(r.party), rate_text(r.public), rate_text(r.total)]
            for k, r in enumerate(rows, 1)]
    return FormGrid([12, 76 if not names else 46, 24, 24, 24], header, body, fonts, LOOK.grid,
                    LOOK.grid_head, row_height=mm(7.5), look=GRID_LOOK)


def _story(m: ReviewMinutes, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(m.title(), LOOK.title, fonts),
                   CJKParagraph(m.organization, LOOK.org, fonts)]
    story += _info(m, fonts)
    n = 1
    for title, text in (("会议议题", m.topics), ("取得的成效", m.results),
                        ("存在的问题", m.problems), ("整改措施", m.measures)):
        story += _heading(n, title, fonts) + _prose(text, fonts)
        n += 1
    story += _heading(n, "领导点评", fonts)
    story.append(_labelled("点评领导：", m.leader_name.strip(), fonts))
    story += _prose(m.leader_comment, fonts)
    n += 1
    story += _heading(n, "党员互评情况", fonts)
    story.append(CJKParagraph(f"参加互评党员{m.mutual_voters}人。", LOOK.prose, fonts))
    if m.mutual:
        story += [_mutual_grid(m, fonts)]
    n += 1
    story += _heading(n, "群众评议情况", fonts)
    rule = f"满意率按{m.formula}计算"
    if m.threshold is not None:
        rule += f"，达到{m.threshold * 100:g}%以上为达标"
    story.append(CJKParagraph(f"参加评议党员{m.mass_party_voters}人、群众{m.mass_public_voters}人，"
                              f"党员和群众分别计票。{rule}。", LOOK.prose, fonts))
    if m.org_satisfaction:
        story += [Spacer(1, 4), CJKParagraph("（一）对党组织的评议", LOOK.info, fonts),
                  _rates_grid(m.org_satisfaction, "评议项目", fonts, names=False)]
    if m.member_satisfaction:
        story += [Spacer(1, 6), CondPageBreak(mm(30)),
                  CJKParagraph("（二）对党员的评议（各项合并）", LOOK.info, fonts),
                  _rates_grid(m.member_satisfaction, "姓名", fonts, names=True)]
    story.append(KeepTogether([
        Spacer(1, SIHAO * 2),
        SignatureLines([("主持人（签字）：", ""), ("记录人（签字）：", "")], BLANK_DATE,
                       LOOK.info, fonts, right_chars=0.0, rule_chars=6.0, gap_chars=2.0),
    ]))
    return story


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def _caption(m: ReviewMinutes) -> str:
    return f"{m.organization}　{m.title()}"


def missing_characters(minutes: ReviewMinutes,
                       fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    """Characters no installed font has: ask the clerk before printing."""
    library = _library(fonts)
    doc = library.new_document()
    _story(minutes, doc)
    declare_section_text(doc, [_caption(minutes)])
    return library.missing_characters(doc.declared_text())


def render_minutes(minutes: ReviewMinutes, fonts: FontLibrary | FontSettings | None = None, *,
                   accept_missing: bool = False, progress: Progress | None = None) -> bytes:
    """The record as PDF bytes (A4 portrait); pages after the first carry a caption.

    Raises NoCJKFontError, MissingGlyphsError (unless ``accept_missing``).
    """
    doc_fonts = _library(fonts).new_document()
    section = Section(_story(minutes, doc_fonts), _caption(minutes))
    declare_section_text(doc_fonts, [section.caption])
    doc_fonts.resolve(accept_missing=accept_missing)
    return build_sections([section], doc_fonts, A4, MARGINS, title=minutes.title(),
                          author=minutes.organization, progress=progress)
