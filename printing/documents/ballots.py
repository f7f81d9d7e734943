"""Paper ballots for the quarterly review: 民主评议党员测评表 and 群众评议表.

Voting is anonymous and on paper; the office then counts the ticks and types the tallies
back in. So the forms are built for a pen and for counting: one row per member (names as
given, i.e. in stroke order), rows 8.5 mm tall, tick columns of equal width, a row never
split across pages and the header repeated on every page. Each copy starts on a new page
(one copy per voter); a continuation sheet says which ballot it belongs to.

The 民主评议 ballot lists 优秀 · 合格 · 基本合格 · 不合格 · 意见 (three-grade units omit
基本合格), and its instructions state the cap on 优秀 as a number of members and the
grounds for 不合格. The 群众评议表 rates the organization on its five items and each
member on four, 满意 · 比较满意 · 基本满意 · 不满意; 党员 and 群众 vote on separate,
labelled forms because their votes are counted separately.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, Spacer

from printing.layout.formgrid import Cell, CellLike, FormGrid, GridLook
from printing.layout.page import Margins
from printing.layout.sections import Progress, Section, build_sections, declare_section_text
from printing.sizes import SIHAO, WUHAO, XIAOER, XIAOSI, XIAOWU, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = [
    "DEFAULT_GROUNDS", "LEVELS", "MEMBER_ITEMS", "ORG_ITEMS", "MassBallot", "PartyBallot",
    "excellent_limit", "missing_characters", "period_text", "render_ballots",
]

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
GRADES = ("优秀", "合格", "基本合格", "不合格")
LEVELS = ("满意", "比较满意", "基本满意", "不满意")
ORG_ITEMS = (
    "组织开展创先争优活动情况",
    "推动中心工作和重点任务完成情况",
    "承诺践诺情况",
    "为群众办实事好事解难事情况",
    "加强党组织和党员队伍建设情况",
)
MEMBER_ITEMS = (
    "参加创先争优活动情况",
    "立足岗位履行职责情况",
    "承诺践诺情况",
    "联系和服务群众情况",
)
#: Grounds for 不合格 as the ballots conventionally list them.
DEFAULT_GROUNDS = (
    "理想信念动摇，政治上不能同党中央保持一致的",
    "无正当理由连续不参加党的组织生活，或不按规定交纳党费，或不做党组织分配的工作的",
    "组织纪律观念淡薄，不执行党的决议，违反党的纪律的",
    "宗旨观念淡薄，在群众遇到困难时不帮助、群众利益受到损害时不维护的",
    "道德品质不良，在群众中造成恶劣影响的",
)

MARGINS = Margins.mm(18, 20, 20, 20)
ROW_HEIGHT = mm(8.5)            # room for a tick with a pen


def period_text(year: int, quarter: int | None) -> str:
    """2026年第一季度, or 2026年度 for a yearly appraisal."""
    if quarter is None:
        return f"{year}年度"
    if quarter not in QUARTER_NAMES:
        raise ValueError(f"季度应为 1 到 4：{quarter}")
    return f"{year}年{QUARTER_NAMES[quarter]}"


def excellent_limit(members: int, cap: float) -> int:
    """How many members may be rated 优秀: the cap times the members, rounded down
    (exact fractions, so ⅓ of 30 is 10, not 9.999…)."""
    return math.floor(Fraction(cap).limit_denominator(1000) * members)


def _check_copies(copies: int) -> None:
    if not 1 <= copies <= 2000:
        raise ValueError(f"份数应在 1 到 2000 之间：{copies}")


@dataclass(frozen=True)
class PartyBallot:
    """民主评议党员测评表 of one organization: ``members`` in the order to print."""

    organization: str
    year: int
    quarter: int | None
    members: tuple[str, ...]
    three_grades: bool = False
    excellent_cap: float = 1 / 3
    grounds: tuple[str, ...] = DEFAULT_GROUNDS
    copies: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", tuple(self.members))
        object.__setattr__(self, "grounds", tuple(self.grounds))
        _check_copies(self.copies)
        period_text(self.year, self.quarter)
        if not 0 < self.excellent_cap <= 1:
            raise ValueError("优秀比例应在 0 到 1 之间")

    @property
    def grades(self) -> tuple[str, ...]:
        return tuple(g for g in GRADES if not (self.three_grades and g == "基本合格"))

    def excellent_limit(self) -> int:
        return excellent_limit(len(self.members), self.excellent_cap)

    def title(self) -> str:
        return "民主评议党员测评表"


@dataclass(frozen=True)
class MassBallot:
    """群众评议表 for one voter group (党员 or 群众): the organization, then its members."""

    organization: str
    year: int
    quarter: int | None
    members: tuple[str, ...]
    voter_group: Literal["党员", "群众"] = "群众"
    org_items: tuple[str, ...] = ORG_ITEMS
    member_items: tuple[str, ...] = MEMBER_ITEMS
    copies: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", tuple(self.members))
        object.__setattr__(self, "org_items", tuple(self.org_items))
        object.__setattr__(self, "member_items", tuple(self.member_items))
        _check_copies(self.copies)
        period_text(self.year, self.quarter)
        if self.voter_group not in ("党员", "群众"):
            raise ValueError(f"评议人类别应为 党员 或 群众：{self.voter_group}")

    def title(self) -> str:
        return "群众评议表"


Ballot = PartyBallot | MassBallot


@dataclass(frozen=True)
class _Look:
    title: TextStyle = TextStyle("title", XIAOER, XIAOER * 1.4, "center")
    subtitle: TextStyle = TextStyle("kai", SIHAO, SIHAO * 1.5, "center")
    head: TextStyle = TextStyle("song", XIAOSI, XIAOSI * 1.4, "left")
    note: TextStyle = TextStyle("song", WUHAO, WUHAO * 1.5, "justify")
    note_item: TextStyle = TextStyle("song", WUHAO, WUHAO * 1.5, "justify", indent_chars=2)
    section: TextStyle = TextStyle("hei", XIAOSI, XIAOSI * 1.6, "left")
    grid: TextStyle = TextStyle("song", SIHAO, SIHAO * 1.2, "center")
    grid_small: TextStyle = TextStyle("song", XIAOSI, XIAOSI * 1.2, "center")
    grid_head: TextStyle = TextStyle("hei", XIAOSI, XIAOSI * 1.25, "center")
    grid_head_small: TextStyle = TextStyle("hei", WUHAO, WUHAO * 1.2, "center")
    item_head: TextStyle = TextStyle("hei", XIAOWU, XIAOWU * 1.25, "center")


LOOK = _Look()
GRID_LOOK = GridLook(padding_x=2.5, padding_y=2.0, min_size=XIAOWU)  # names widen, then shrink


def _header(org: str, period: str, fonts: DocFonts) -> FormGrid:
    row = [Cell(f"党组织：{org}", align="left", fit=True), Cell(period, align="right")]
    return FormGrid((3, 1), [], [row], fonts, LOOK.head,
                    look=GridLook(rules=False, padding_x=0, padding_y=2))


def _cap_text(cap: float) -> str:
    frac = Fraction(cap).limit_denominator(100)
    if frac.numerator == 1 and 2 <= frac.denominator <= 10:
        return f"{'二三四五六七八九十'[frac.denominator - 2]}分之一"
    return f"{float(cap) * 100:g}%"


def _notes(lines: Sequence[str], fonts: DocFonts) -> list:
    out = [CJKParagraph("填表说明：", LOOK.note, fonts)]
    out += [CJKParagraph(f"{n}.{text}", LOOK.note_item, fonts) for n, text in enumerate(lines, 1)]
    return out


def _party_story(b: PartyBallot, fonts: DocFonts) -> list:
    grades = b.grades
    n = len(b.members)
    limit = b.excellent_limit()
    grounds = "；".join(f"（{k}）{g}" for k, g in enumerate(b.grounds, 1))
    notes = [
        "请在每名党员对应的等次栏内划“√”，每行只划一个；多划或不划的，该行无效。",
        f"评为“优秀”的不得超过参评党员人数的{_cap_text(b.excellent_cap)}：本次参评党员{n}名，"
        f"“优秀”最多{limit}名，超过的本表无效。",
    ]
    if b.grounds:
        notes.append(f"有下列情形之一的，应评为“不合格”：{grounds}。")
    notes.append("对党员的意见和建议请写在“意见”栏内。本表不记名，填好后投入票箱。")
    weights = [12, 30] + [19 if len(grades) == 4 else 22] * len(grades)
    weights.append(170 - sum(weights))
    header = [["序号", "姓名", *grades, "意见"]]
    rows: list[list[CellLike]] = [[str(k), Cell(name, fit=True), *([""] * len(grades)), ""]
            for k, name in enumerate(b.members, 1)]
    grid = FormGrid(weights, header, rows, fonts, LOOK.grid, LOOK.grid_head,
                    row_height=ROW_HEIGHT, look=GRID_LOOK)
    return [CJKParagraph(b.title(), LOOK.title, fonts),
            _header(b.organization, period_text(b.year, b.quarter), fonts),
            *_notes(notes, fonts), Spacer(1, 4), grid]


def _mass_story(b: MassBallot, fonts: DocFonts) -> list:
    levels_note = "、".join(LEVELS)
    notes = [
        f"请在每个评议项目对应的等次栏内划“√”（{levels_note}），每项只划一个；"
        "多划或不划的，该项无效。",
        f"本表由{b.voter_group}填写，不记名，填好后投入票箱。",
    ]
    org_header = [["序号", "评议项目", *LEVELS]]
    org_rows: list[list[CellLike]] = [[str(k), Cell(item, align="left"), *([""] * len(LEVELS))]
                for k, item in enumerate(b.org_items, 1)]
    org_grid = FormGrid([12, 78] + [20] * len(LEVELS), org_header, org_rows, fonts,
                        LOOK.grid_small, LOOK.grid_head, row_height=ROW_HEIGHT, look=GRID_LOOK)
    nl = len(LEVELS)
    tick_w = 140 / (len(b.member_items) * nl)
    top_row: list[Cell] = [Cell("序号", rows=2), Cell("姓名", rows=2)]
    top_row += [Cell(item, span=nl, style=LOOK.item_head) for item in b.member_items]
    level_row = [Cell(level, vertical=True, style=LOOK.grid_head_small)
                 for _ in b.member_items for level in LEVELS]
    member_rows: list[list[CellLike]] = [[str(k), Cell(name, fit=True), *([""] * (nl * len(b.member_items)))]
                   for k, name in enumerate(b.members, 1)]
    member_grid = FormGrid([8, 22] + [tick_w] * (nl * len(b.member_items)),
                           [top_row, level_row], member_rows, fonts, LOOK.grid_small,
                           LOOK.grid_head, row_height=ROW_HEIGHT, look=GRID_LOOK)
    story = [CJKParagraph(b.title(), LOOK.title, fonts),
             CJKParagraph(f"（{b.voter_group}填写）", LOOK.subtitle, fonts),
             _header(b.organization, period_text(b.year, b.quarter), fonts),
             *_notes(notes, fonts),
             CondPageBreak(mm(30)), CJKParagraph("一、对党组织的评议", LOOK.section, fonts),
             org_grid]
    if b.members:
        story += [Spacer(1, 6), CondPageBreak(mm(50)),
                  CJKParagraph("二、对党员的评议", LOOK.section, fonts), member_grid]
    return story


def _caption(b: Ballot) -> str:
    who = f"（{b.voter_group}填写）" if isinstance(b, MassBallot) else ""
    return f"{b.organization}　{period_text(b.year, b.quarter)}{b.title()}{who}"


def _sections(ballots: Sequence[Ballot], fonts: DocFonts) -> list[Section]:
    sections = []
    for b in ballots:
        for _copy in range(b.copies):
            story = _party_story(b, fonts) if isinstance(b, PartyBallot) else _mass_story(b, fonts)
            sections.append(Section(story, _caption(b)))
    declare_section_text(fonts, [_caption(b) for b in ballots])
    return sections


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def _as_list(ballots: Sequence[Ballot] | Ballot) -> list[Ballot]:
    return [ballots] if isinstance(ballots, (PartyBallot, MassBallot)) else list(ballots)


def missing_characters(ballots: Sequence[Ballot] | Ballot,
                       fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    """Characters no installed font has (one copy of each ballot is enough to know)."""
    library = _library(fonts)
    doc = library.new_document()
    for b in _as_list(ballots):
        _party_story(b, doc) if isinstance(b, PartyBallot) else _mass_story(b, doc)
    declare_section_text(doc, [_caption(b) for b in _as_list(ballots)])
    return library.missing_characters(doc.declared_text())


def render_ballots(ballots: Sequence[Ballot] | Ballot,
                   fonts: FontLibrary | FontSettings | None = None, *,
                   accept_missing: bool = False, progress: Progress | None = None,
                   page_counts: list[int] | None = None) -> bytes:
    """Every copy of every ballot in one PDF (A4 portrait), each copy from a new page.

    Raises NoCJKFontError, MissingGlyphsError (unless ``accept_missing``) and
    RenderCancelled (when ``progress`` raises it, e.g. the 取消 button).
    """
    items = _as_list(ballots)
    if not items:
        raise ValueError("没有要打印的评议表。")
    doc_fonts = _library(fonts).new_document()
    sections = _sections(items, doc_fonts)
    doc_fonts.resolve(accept_missing=accept_missing)
    first = items[0]
    return build_sections(sections, doc_fonts, A4, MARGINS,
                          title=f"{first.organization}{period_text(first.year, first.quarter)}评议表",
                          author=first.organization, progress=progress, page_counts=page_counts)
