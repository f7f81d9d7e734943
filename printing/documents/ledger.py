"""专项台账: one organization's year of quarterly reviews, appraisals and pledges, on paper.

The campaign makes this ledger the basis for choosing whom to commend, and an inspector
reads it in a folder, so every figure is printed with the counts it comes from (28/30, not
just 93.3%) and every flag says in words what is wrong. Sections in a fixed order:
基本情况, 季度评议, 党员互评, 群众评议 (all vote counts, and each member's items side by side:
the only wide tables, so they turn to landscape), 承诺践诺, 领导点评. A4; page numbers run on
across the turn.

Plain data in (filled by `models`), PDF bytes out; free text is masked for ID and mobile
numbers like the other internal records.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak, Spacer

from printing.dates import DateStyle, format_date
from printing.layout.mixedpages import LANDSCAPE, PORTRAIT, build_mixed, turn_to
from printing.layout.page import Margins, declare_page_numbers
from printing.layout.table import Block, CJKTable, Column, Row, TableLook
from printing.privacy import mask_private
from printing.sizes import ERHAO, SANHAO, SIHAO, WUHAO, XIAOSI, XIAOWU, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = ["CommentLine", "LedgerDoc", "MassLine", "MutualLine", "PledgeLine", "QuarterLine",
           "UnfulfilledLine", "Votes", "missing_characters", "percent", "render_ledger", "title_of"]

GRADES = ("优秀", "合格", "基本合格", "不合格")
LEVELS = ("满意", "比较满意", "基本满意", "不满意")
NUMERALS = "一二三四五六七八九十"


def percent(num: int, den: int) -> str:
    """93.3% from the counts; a dash without a denominator (0% would accuse)."""
    return "—" if not den else f"{num / den * 100:.1f}%"


@dataclass(frozen=True)
class Votes:
    """群众评议 counts of one group; ``favourable`` follows the committee's formula."""

    satisfied: int = 0
    fairly: int = 0
    basic: int = 0
    unsatisfied: int = 0
    favourable: int = 0

    @property
    def counts(self) -> tuple[int, int, int, int]:
        return self.satisfied, self.fairly, self.basic, self.unsatisfied

    @property
    def valid(self) -> int:
        return sum(self.counts)

    @property
    def rate(self) -> str:
        return percent(self.favourable, self.valid)


@dataclass(frozen=True)
class MassLine:
    """One rated item (or member, or the whole): 党员, 群众, 合计, and the gate's verdict."""

    label: str
    party: Votes
    public: Votes
    total: Votes
    meets: bool | None = None        # None: nobody voted
    items: tuple[MassLine, ...] = ()  # a member's line: each rated item's, in ballot order

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))


@dataclass(frozen=True)
class QuarterLine:
    label: str                       # 第一季度
    held: bool
    due: bool                        # the quarter is over (a missing meeting is late)
    date: date | None = None
    expected: int = 0
    present: int = 0
    leave: int = 0
    absent: int = 0
    attendance_recorded: bool = False
    mutual_voters: int = 0
    mass_party_voters: int = 0
    mass_public_voters: int = 0
    cap_broken: bool | None = None   # None: no 互评 tallies that quarter


@dataclass(frozen=True)
class MutualLine:
    name: str
    counts: tuple[int, int, int, int]  # 优秀 合格 基本合格 不合格, summed over the year
    grade: str = ""                    # the plurality result; '' nobody rated
    note: str = ""                     # e.g. 已转出


@dataclass(frozen=True)
class PledgeLine:
    who: str                         # a member, or （组织承诺）
    items: int
    due: int
    fulfilled: int
    unfulfilled: int
    overdue: int                     # due, neither fulfilled nor recorded as not


@dataclass(frozen=True)
class UnfulfilledLine:
    who: str
    seq: int
    content: str
    deadline: date | None
    reason: str


@dataclass(frozen=True)
class CommentLine:
    quarter: str
    leader: str
    text: str


@dataclass(frozen=True)
class LedgerDoc:
    organization: str                # full name
    year: int
    as_of: date
    formula: str                     # （满意＋比较满意）÷有效票
    threshold: float                 # 0.9
    gate_group: str = "合计"          # whose votes the threshold reads: 合计 or 群众
    excellent_cap: str = "三分之一"
    excellent_cap_short: str = "1/3"  # the same in a column heading
    three_grades: bool = False
    quarters: tuple[QuarterLine, ...] = ()
    cap_notes: tuple[str, ...] = ()  # the models' sentences on ballots over the cap
    excellent_over_cap: bool = False  # more members graded 优秀 than the cap allows
    mutual: tuple[MutualLine, ...] = ()
    org_mass: tuple[MassLine, ...] = ()
    org_mass_overall: MassLine | None = None
    member_mass: tuple[MassLine, ...] = ()
    pledges: tuple[PledgeLine, ...] = ()
    unfulfilled: tuple[UnfulfilledLine, ...] = ()
    comments: tuple[CommentLine, ...] = ()
    date_style: DateStyle = "arabic"
    holds_reviews: bool = True  # False for a 党委 (or a 党总支 without members of its own)

    def __post_init__(self) -> None:
        for name in ("quarters", "cap_notes", "mutual", "org_mass", "member_mass", "pledges",
                     "unfulfilled", "comments"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


NO_OWN_REVIEWS = "本级不召开季度评议会，由所属基层党组织召开。"


def title_of(doc: LedgerDoc) -> str:
    return f"{doc.year}年度创先争优活动专项台账"


# ------------------------------------------------------------------ looks

TITLE = TextStyle("title", ERHAO, ERHAO * 1.4, "center")
ORG = TextStyle("kai", SANHAO, SANHAO * 1.5, "center")
DATELINE = TextStyle("kai", XIAOSI, XIAOSI * 1.5, "center", space_after=XIAOSI)
HEADING = TextStyle("hei", SIHAO, SIHAO * 1.6, "left", space_before=SIHAO * 0.6,
                    space_after=SIHAO * 0.2)
SUBHEADING = TextStyle("kai", XIAOSI, XIAOSI * 1.6, "left", space_before=XIAOSI * 0.3)
PROSE = TextStyle("body", XIAOSI, XIAOSI * 1.6, "justify", indent_chars=2)
NOTE = TextStyle("body", WUHAO, WUHAO * 1.5, "justify", space_before=WUHAO * 0.3)
FLAG = TextStyle("hei", WUHAO, WUHAO * 1.5, "justify", space_before=WUHAO * 0.3)
CELL = TextStyle("song", WUHAO, WUHAO * 1.4, "center")
CELL_LEFT = TextStyle("song", WUHAO, WUHAO * 1.4, "justify")
CELL_FLAG = TextStyle("hei", WUHAO, WUHAO * 1.4, "center")
CELL_SMALL = TextStyle("song", XIAOWU, XIAOWU * 1.3, "center")
HEAD = TextStyle("hei", WUHAO, WUHAO * 1.3, "center")
TABLE_LOOK = TableLook(padding_x=2.5, padding_y=2.5, block_gap=1.0)
PORTRAIT_MARGINS = Margins.mm(22, 20, 22, 22)
LANDSCAPE_MARGINS = Margins.mm(18, 18, 20, 18)


_Cell = str | tuple[Block, ...]  # a table cell: plain text or its blocks
#: columns of people's names: never wrapped (the column widens, then the name shrinks)
NAME_HEADERS = frozenset(("姓名", "承诺人"))


def _table(fonts: DocFonts, columns: Sequence[tuple[str, float, TextStyle]],
           rows: Sequence[Sequence[_Cell]]) -> CJKTable:
    cols = [Column(h, w, s, repeat=i < 2, name=h in NAME_HEADERS)
            for i, (h, w, s) in enumerate(columns)]
    body = [Row(tuple(c if isinstance(c, tuple) else ((Block(c),) if c else ()) for c in r))
            for r in rows]
    return CJKTable(cols, body, fonts, HEAD, TABLE_LOOK, auto_widths=True)


class _Numbered:
    """一、二、… headings in order, whichever sections a ledger has."""

    def __init__(self, fonts: DocFonts) -> None:
        self.fonts, self.n = fonts, 0

    def __call__(self, text: str) -> list:
        self.n += 1
        return [CondPageBreak(mm(30)), CJKParagraph(f"{NUMERALS[self.n - 1]}、{text}", HEADING,
                                                    self.fonts)]


def _p(text: str, style: TextStyle, fonts: DocFonts) -> CJKParagraph:
    return CJKParagraph(mask_private(text), style, fonts)


def _gate_text(doc: LedgerDoc) -> str:
    who = "党员和群众合计" if doc.gate_group == "合计" else "群众"
    return f"满意率按{doc.formula}计算，以{who}满意率达到{doc.threshold * 100:g}%以上为达标"


# ------------------------------------------------------------------ sections

def _summary(doc: LedgerDoc, fonts: DocFonts) -> list:
    due = [q for q in doc.quarters if q.due]
    held = [q for q in due if q.held]
    missing = [q.label for q in due if not q.held]
    if doc.holds_reviews:
        lines = [f"季度评议：截至{format_date(doc.as_of, doc.date_style)}应召开 {len(due)} 次，"
                 f"已召开 {len(held)} 次" + (f"，{'、'.join(missing)}未召开。" if missing else "。")]
    else:  # a 党委's branches hold the meetings: nothing is missing here
        lines = [f"季度评议：{NO_OWN_REVIEWS}" + (f"本级召开 {len(held)} 次。" if held else "")]
    rows = [q for q in doc.quarters if q.held and q.attendance_recorded]
    expected, present = sum(q.expected for q in rows), sum(q.present for q in rows)
    lines.append(f"评议会出席率：{percent(present, expected)}（实到 {present} 人次 / 应到 {expected} 人次）。")
    graded = [m for m in doc.mutual if m.grade]
    counts = {g: sum(1 for m in graded if m.grade == g) for g in GRADES}
    grades = [g for g in GRADES if not (doc.three_grades and g == "基本合格")]
    text = (f"党员互评：评议党员 {len(graded)} 名，互评结果" +
            "、".join(f"{g} {counts[g]} 名" for g in grades) + "。")
    if graded:
        text = text[:-1] + f"；优秀占 {percent(counts['优秀'], len(graded))}（上限{doc.excellent_cap}）。"
    lines.append(text)
    overall = doc.org_mass_overall
    if overall is not None and overall.total.valid:
        verdict = {True: "达标", False: "未达标"}[bool(overall.meets)]
        lines.append(f"群众评议满意率（对党组织）：党员 {overall.party.rate}，群众 {overall.public.rate}，"
                     f"合计 {overall.total.rate}；{verdict}。")
    else:
        lines.append("群众评议满意率（对党组织）：本年度没有评议票数。")
    total = [p for p in doc.pledges]
    due_n, ok = sum(p.due for p in total), sum(p.fulfilled for p in total)
    lines.append(f"承诺践诺：承诺事项 {sum(p.items for p in total)} 项，已到期 {due_n} 项，已兑现 {ok} 项，"
                 f"未兑现 {sum(p.unfulfilled for p in total)} 项，逾期未登记 {sum(p.overdue for p in total)} 项，"
                 f"兑现率 {percent(ok, due_n)}。")
    story = [CJKParagraph(line, PROSE, fonts) for line in lines]
    story.append(CJKParagraph(f"说明：{_gate_text(doc)}；达不到的不能评为先进基层党组织。每张互评测评票评为"
                              f"“优秀”的一般不超过被评党员的{doc.excellent_cap}。数字后括号内为计算所用的票数或人次。",
                              NOTE, fonts))
    return story


def _quarters(doc: LedgerDoc, fonts: DocFonts) -> list:
    columns = [("季度", 15, CELL), ("召开情况", 27, CELL), ("应到", 10, CELL), ("实到", 10, CELL),
               ("请假", 10, CELL), ("缺席", 10, CELL), ("出席率", 16, CELL), ("参加互评", 14, CELL),
               ("参加群众评议", 26, CELL), (f"优秀≤{doc.excellent_cap_short}", 16, CELL)]
    rows: list[Sequence[_Cell]] = []
    for q in doc.quarters:
        if not q.held:
            missed = q.due and doc.holds_reviews
            state = "未召开" if missed else ("本级不召开" if q.due else "未到期")
            style = CELL_FLAG if missed else CELL
            rows.append(((Block(q.label),), (Block(state, style=style),), *([""] * 8)))
            continue
        att = q.attendance_recorded
        cap = {None: "—", True: "超出", False: "符合"}[q.cap_broken]
        rows.append((
            q.label, format_date(q.date, doc.date_style) if q.date else "已召开", str(q.expected),
            str(q.present) if att else "未登记", str(q.leave) if att else "—",
            str(q.absent) if att else "—", percent(q.present, q.expected) if att else "—",
            f"{q.mutual_voters}人",
            (Block(f"党员{q.mass_party_voters}人"), Block(f"群众{q.mass_public_voters}人")),
            (Block(cap, style=CELL_FLAG if q.cap_broken else None),)))
    story: list = [_table(fonts, columns, rows)]
    story += [_p("注意：" + note, FLAG, fonts) for note in doc.cap_notes]
    return story


def _mutual(doc: LedgerDoc, fonts: DocFonts) -> list:
    if not doc.mutual:
        return [CJKParagraph("本年度没有党员互评记录。", PROSE, fonts)]
    grades = [g for g in GRADES if not (doc.three_grades and g == "基本合格")]
    columns = [("序号", 9, CELL), ("姓名", 22, CELL)] + [(g, 21, CELL) for g in grades] + [
        ("有效票", 12, CELL), ("互评结果", 16, CELL)]
    rows: list[Sequence[_Cell]] = []
    for k, m in enumerate(doc.mutual, 1):
        counts = list(m.counts)
        if doc.three_grades:  # stray 基本合格 votes count as 合格 (models.campaign.ledger)
            counts = [counts[0], counts[1] + counts[2], counts[3]]
        total = sum(counts)
        cells = [f"{n}票 {percent(n, total)}" if total else "—" for n in counts]
        name = (Block(m.name),) + ((Block(m.note, style=CELL),) if m.note else ())
        rows.append((str(k), name, *cells, str(total), (
            Block(m.grade or "未评", style=CELL_FLAG if m.grade == "不合格" else None),)))
    story: list = [_table(fonts, columns, rows)]
    graded = [m for m in doc.mutual if m.grade]
    excellent = sum(1 for m in graded if m.grade == "优秀")
    story.append(CJKParagraph("互评结果按全年得票最多的等次确定，票数相同时取较低的等次；"
                              "百分比为该等次票数占本人有效票的比例。", NOTE, fonts))
    if doc.excellent_over_cap:
        story.append(CJKParagraph(
            f"注意：互评结果为“优秀”的 {excellent} 名，占评议党员 {len(graded)} 名的 "
            f"{percent(excellent, len(graded))}，超过{doc.excellent_cap}的比例上限。", FLAG, fonts))
    return story


def _mass_rows(lines: Sequence[MassLine], numbered: bool) -> list:
    rows = []
    for k, line in enumerate(lines, 1):
        cells: list = [str(k)] if numbered else []
        cells.append((Block(line.label, style=CELL if numbered else CELL_LEFT),))
        for votes in (line.party, line.public):
            cells += [str(n) for n in votes.counts] + [votes.rate]
        cells.append(line.total.rate)
        verdict = {None: "—", True: "达标", False: "未达标"}[line.meets]
        cells.append((Block(verdict, style=CELL_FLAG if line.meets is False else None),))
        rows.append(tuple(cells))
    return rows


def _mass_columns(first: Sequence[tuple[str, float, TextStyle]]) -> list:
    cols = list(first)
    for group in ("党员", "群众"):
        cols += [(f"{group}\n{lv}", 15, CELL) for lv in LEVELS] + [(f"{group}\n满意率", 17, CELL)]
    return cols + [("合计\n满意率", 17, CELL), ("是否\n达标", 14, CELL)]


def _mass(doc: LedgerDoc, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(f"党员和群众分别计票；{_gate_text(doc)}。", NOTE, fonts)]
    if doc.org_mass_overall is None or not doc.org_mass_overall.total.valid:
        story.append(CJKParagraph("本年度没有对党组织的群众评议票数。", PROSE, fonts))
    else:
        overall = MassLine("各项合计", doc.org_mass_overall.party, doc.org_mass_overall.public,
                           doc.org_mass_overall.total, doc.org_mass_overall.meets)
        story += [CJKParagraph("（一）对党组织的评议（全年各次评议合计）", SUBHEADING, fonts),
                  _table(fonts, _mass_columns([("评议项目", 62, CELL_LEFT)]),
                         _mass_rows([*doc.org_mass, overall], numbered=False))]
    if doc.member_mass:
        story += _member_items(doc, fonts)
        story += [Spacer(1, 6), CondPageBreak(mm(35)),
                  CJKParagraph("（三）对党员的评议（各项合并的票数）", SUBHEADING, fonts),
                  _table(fonts, _mass_columns([("序号", 10, CELL), ("姓名", 30, CELL)]),
                         _mass_rows(doc.member_mass, numbered=True))]
    return story


_GROUPS = (("党员", "party"), ("群众", "public"), ("合计", "total"))


def _item_groups(lines: Sequence[MassLine]) -> list[tuple[str, str]]:
    """党员, 群众 and 合计 when both groups rated members; else only the group that did
    (a column of dashes, and a 合计 equal to it, would only crowd the page)."""
    voted = [g for g in _GROUPS[:2] if any(getattr(m, g[1]).valid for m in lines)]
    return [*voted, _GROUPS[2]] if len(voted) == 2 else voted


def _rate_cell(v: Votes, one_line: bool) -> tuple[Block, ...]:
    if not v.valid:
        return (Block("—"),)
    if one_line:
        return (Block(f"{v.rate}（{v.favourable}/{v.valid}）"),)
    # narrow columns: the % sign is said once in the caption, the counts go below
    return Block(v.rate.rstrip("%")), Block(f"{v.favourable}/{v.valid}", style=CELL_SMALL)


def _member_items(doc: LedgerDoc, fonts: DocFonts) -> list:
    """Each member's satisfaction per rated item and overall: one row per member, the items
    side by side (党员 · 群众 · 合计 under each when both groups voted)."""
    lines = [m for m in doc.member_mass if m.items]
    groups = _item_groups(lines)
    if not lines or not groups:
        return []
    labels = [i.label for i in lines[0].items] + ["各项合计"]
    one_line = len(groups) == 1
    cols = [Column("序号", 8, CELL, repeat=True), Column("姓名", 18, CELL, repeat=True, name=True)]
    if one_line:
        cols += [Column(label, 30, CELL, shrink=0.8) for label in labels]
    else:
        cols += [Column(g, 14, CELL, shrink=0.75, group=label) for label in labels for g, _a in groups]
    cols.append(Column("是否\n达标", 13, CELL))
    rows = []
    for k, m in enumerate(lines, 1):
        cells: list = [(Block(str(k)),), (Block(m.label),)]
        for line in [*m.items, m]:
            cells += [_rate_cell(getattr(line, attr), one_line) for _g, attr in groups]
        verdict = {None: "—", True: "达标", False: "未达标"}[m.meets]
        cells.append((Block(verdict, style=CELL_FLAG if m.meets is False else None),))
        rows.append(Row(tuple(cells)))
    if one_line:
        caption = f"（二）对党员的分项评议（{groups[0][0]}满意率；本年度对党员的评议只有{groups[0][0]}投票）"
        note = "括号内为计入满意率的票数/有效票数。"
    else:
        caption = "（二）对党员的分项评议（满意率%：党员、群众分别计票及合计）"
        note = "每格上行为满意率（%），下行为计入满意率的票数/有效票数。"
    who = "党员和群众合计" if doc.gate_group == "合计" else "群众"
    note += f"“是否达标”按各项合计的{who}满意率判断。"
    return [Spacer(1, 6), CondPageBreak(mm(35)), CJKParagraph(caption, SUBHEADING, fonts),
            CJKTable(cols, rows, fonts, HEAD, TABLE_LOOK, auto_widths=True),
            CJKParagraph(note, NOTE, fonts)]


def _pledges(doc: LedgerDoc, fonts: DocFonts) -> list:
    if not doc.pledges:
        return [CJKParagraph("本年度没有经审定的承诺。", PROSE, fonts)]
    columns = [("序号", 9, CELL), ("承诺人", 24, CELL), ("承诺事项", 13, CELL), ("已到期", 13, CELL),
               ("已兑现", 13, CELL), ("未兑现", 13, CELL), ("逾期未登记", 18, CELL), ("兑现率", 18, CELL)]
    rows: list[Sequence[_Cell]] = []
    for k, p in enumerate(doc.pledges, 1):
        overdue = (Block(str(p.overdue), style=CELL_FLAG if p.overdue else None),)
        rows.append((str(k), p.who, str(p.items), str(p.due), str(p.fulfilled), str(p.unfulfilled),
                     overdue, percent(p.fulfilled, p.due)))
    story: list = [_table(fonts, columns, rows),
                   CJKParagraph("到期的事项（完成时限已到，或已登记兑现情况）计入兑现率；逾期未登记指完成时限已过"
                                "但还没有登记是否兑现。", NOTE, fonts)]
    if doc.unfulfilled:
        story += [Spacer(1, 4), CondPageBreak(mm(30)),
                  CJKParagraph("未兑现的承诺事项及原因", SUBHEADING, fonts)]
        columns = [("序号", 9, CELL), ("承诺人", 20, CELL), ("承诺事项", 58, CELL_LEFT),
                   ("完成时限", 30, CELL), ("未兑现原因", 48, CELL_LEFT)]
        rows = []
        for k, u in enumerate(doc.unfulfilled, 1):
            reason = (Block(mask_private(u.reason)),) if u.reason.strip() else (
                Block("未说明原因", style=CELL_FLAG),)
            rows.append((str(k), u.who, (Block(mask_private(u.content), f"{u.seq}. "),),
                         format_date(u.deadline, doc.date_style) if u.deadline else "—", reason))
        story.append(_table(fonts, columns, rows))
    return story


def _comments(doc: LedgerDoc, fonts: DocFonts) -> list:
    if not doc.comments:
        return [CJKParagraph("本年度没有领导点评记录。", PROSE, fonts)]
    columns = [("季度", 19, CELL), ("点评领导", 22, CELL), ("点评内容", 119, CELL_LEFT)]
    rows = [(c.quarter, c.leader or "—", (Block(mask_private(c.text)),)) for c in doc.comments]
    return [_table(fonts, columns, rows)]


def _story(doc: LedgerDoc, fonts: DocFonts) -> list:
    heading = _Numbered(fonts)
    story: list = [CJKParagraph(title_of(doc), TITLE, fonts),
                   CJKParagraph(doc.organization, ORG, fonts),
                   CJKParagraph(f"数据截至{format_date(doc.as_of, doc.date_style)}", DATELINE, fonts),
                   CJKParagraph("基本情况", HEADING, fonts)]
    story += _summary(doc, fonts)
    story += heading("季度评议召开情况") + _quarters(doc, fonts)
    story += heading("党员互评情况") + _mutual(doc, fonts)
    story += turn_to(LANDSCAPE) + heading("群众评议情况") + _mass(doc, fonts)
    story += turn_to(PORTRAIT) + heading("承诺践诺情况") + _pledges(doc, fonts)
    story += heading("领导点评") + _comments(doc, fonts)
    declare_page_numbers(fonts)
    return story


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(doc: LedgerDoc, fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    """Characters of the ledger no installed font has: ask the clerk before printing."""
    library = _library(fonts)
    doc_fonts = library.new_document()
    _story(doc, doc_fonts)
    return library.missing_characters(doc_fonts.declared_text())


def render_ledger(doc: LedgerDoc, fonts: FontLibrary | FontSettings | None = None, *,
                  accept_missing: bool = False) -> bytes:
    """The ledger as PDF bytes: A4 portrait, the 群众评议 pages A4 landscape.

    Raises NoCJKFontError, MissingGlyphsError (unless ``accept_missing``).
    """
    doc_fonts = _library(fonts).new_document()
    story = _story(doc, doc_fonts)
    doc_fonts.resolve(accept_missing=accept_missing)
    return build_mixed(story, doc_fonts, PORTRAIT_MARGINS, LANDSCAPE_MARGINS,
                       title=f"{doc.organization}{title_of(doc)}", author=doc.organization)
