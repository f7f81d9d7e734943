"""拟表彰对象公示: the candidates the committee has reviewed, posted before the decision.

A wall notice in the official-document style: title, an introduction with the notice period
and how to object (the office's public phone), the candidates by title — organizations by
full name, members with sex, branch and post — then the issuer over the date with room for
the seal. Never an ID number or a private phone: the data has no field for them and
:func:`printing.data.find_private_data` refuses free text that looks like one. A4 portrait.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak, KeepTogether, Spacer
from reportlab.platypus.flowables import Flowable

from printing.data import find_private_data
from printing.dates import DateStyle, format_date, format_period
from printing.errors import PrivateDataError
from printing.layout.blocks import SignatureBlock, TableEnding, TableStart
from printing.layout.page import Margins, build_pdf, declare_page_numbers, page_size
from printing.layout.table import Block, CJKTable, Column, Row, TableLook
from printing.sizes import ERHAO, SANHAO, SIHAO, XIAOSI, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = ["BLANK_PHONE", "CandidateNotice", "NoticeEntry", "blanks_note", "closing_block",
           "default_intro", "missing_characters", "render_candidate_notice", "title_of",
           "unset_fields"]

ORG_TITLE = "先进基层党组织"
TITLE_ORDER = ("先进基层党组织", "优秀共产党员", "优秀党务工作者")
NUMERALS = "一二三四五六七八九十"
BLANK_PERIOD = "　　年　　月　　日至　　年　　月　　日"
#: Room to write the objection phone by hand when none is set: a notice must say where to
#: object, so the line is never left out.
BLANK_PHONE = "＿" * 8
#: Last rows of the last table printed on the page of the issuer and date.
KEEP_ROWS = 2


@dataclass(frozen=True)
class NoticeEntry:
    """One candidate: public data only."""

    title: str                 # 先进基层党组织 / 优秀共产党员 / 优秀党务工作者
    name: str                  # a member's name, or an organization's full name
    organization: str = ""     # a member's branch (full name); '' for an organization
    sex: str = ""
    post: str = ""             # 党内职务 or 工作岗位


@dataclass(frozen=True)
class CandidateNotice:
    issuer: str                # 中共先锋镇委员会
    year: int
    notice_start: date | None  # None: the period is left blank to fill in by hand
    notice_end: date | None
    supervision_phone: str = ""  # the office's public number for objections
    rows: tuple[NoticeEntry, ...] = ()
    issue_date: date | None = None
    intro: str | None = None   # None: the standard wording
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        if self.notice_start and self.notice_end and self.notice_end < self.notice_start:
            raise ValueError("公示结束日期早于开始日期，请检查公示期。")


def unset_fields(notice: CandidateNotice) -> list[str]:
    """公示期 / 联系电话 when not set: printed as blanks to fill in by hand."""
    return [what for what, missing in (("公示期", not (notice.notice_start and notice.notice_end)),
                                       ("联系电话", not notice.supervision_phone.strip())) if missing]


def blanks_note(notice: CandidateNotice) -> str:
    """What the clerk must write in by hand before posting ('' when nothing): the CLI and
    the preview say it, so an unset period or phone is not discovered on the wall."""
    hints = {"公示期": "公示期在“表彰”页用“设置公示期…”填写",
             "联系电话": "联系电话在“设置”菜单的“设置…”中填写“默认监督电话”"}
    blanks = unset_fields(notice)
    if not blanks:
        return ""
    return (f"注意：{'和'.join(blanks)}未设置，公示上已留空，请打印后手工填写"
            f"（{'；'.join(hints[b] for b in blanks)}）。")


def title_of(notice: CandidateNotice) -> str:
    return f"关于{notice.year}年度创先争优活动拟表彰对象的公示"


def grouped(rows: Sequence) -> list[tuple[str, list]]:
    """(title, rows) in the order titles are conferred; unknown titles last, as given."""
    order = {t: i for i, t in enumerate(TITLE_ORDER)}
    titles = sorted(dict.fromkeys(r.title for r in rows), key=lambda t: order.get(t, len(order)))
    return [(t, [r for r in rows if r.title == t]) for t in titles]


def count_text(title: str, n: int) -> str:
    return f"{n}个" if title == ORG_TITLE else f"{n}名"


def default_intro(notice: CandidateNotice) -> str:
    counts = "、".join(f"“{t}”{count_text(t, len(rows))}" for t, rows in grouped(notice.rows))
    period = (format_period(notice.notice_start, notice.notice_end, notice.date_style)
              if notice.notice_start and notice.notice_end else BLANK_PERIOD)
    return (f"根据{notice.year}年度创先争优活动年度考核结果，经基层党组织推荐、{notice.issuer}审核，"
            f"拟表彰{counts}。现将拟表彰对象予以公示，公示期为{period}。"
            "公示期间，对公示对象有不同意见的，可通过电话、来信或来访等方式向党委反映。"
            "反映情况应实事求是，以个人名义反映的请提供真实姓名和联系方式，党委将严格保密。")


TITLE = TextStyle("title", ERHAO, ERHAO * 1.4, "center", space_after=SANHAO * 0.4)
PROSE = TextStyle("body", SANHAO, SANHAO * 1.65, "justify", indent_chars=2)
HEADING = TextStyle("hei", SANHAO, SANHAO * 1.65, "left", space_before=SANHAO * 0.5,
                    space_after=SANHAO * 0.25)
CELL = TextStyle("song", XIAOSI, XIAOSI * 1.45, "center")
CELL_LEFT = TextStyle("song", XIAOSI, XIAOSI * 1.45, "justify")
HEAD = TextStyle("hei", XIAOSI, XIAOSI * 1.35, "center")
LOOK = TableLook(padding_x=SIHAO * 0.35, padding_y=SIHAO * 0.3)
MARGINS = Margins.mm(26, 24, 25, 26)


#: 序号 and the extra last column (the 表彰名单's 证书编号) each take a fixed share of every
#: table's width, whatever other columns there are: they line up from one table to the
#: next, and the number is as wide under 先进基层党组织 (one column beside it) as under the
#: members (two or more), so 先锋〔2026〕143号 stays on one line in both.
SERIAL_SHARE = 0.08
LAST_SHARE = 2 / 7
#: A certificate number is an identifier read as a whole: a longer numbering format
#: (中共先锋镇委〔2026〕12号) shrinks this far before it wraps.
NUMBER_SHRINK = 0.8
#: Members' columns between 序号 and the last (relative widths). 所在党组织 and 职务或岗位
#: share what 姓名 and 性别 leave: a branch's full name of 15 characters (shrunk a little)
#: or a post of 12 fits on one line, and a longer post (党支部书记、村委会主任、村集体经济
#: 合作社理事长) wraps between its parts.
MEMBER_WIDTHS = {"姓名": 20, "性别": 11, "所在党组织": 54, "职务或岗位": 52}
POST_BREAKS = "、，,；;/／"


def with_fixed_columns(columns: Sequence[Column], last: str | None = None) -> list[Column]:
    """``columns`` between a 序号 column and an optional ``last`` one, both sized as a share
    of the whole table so that every table of a document gives them the same width."""
    shares = SERIAL_SHARE + (LAST_SHARE if last else 0.0)
    total = sum(c.weight for c in columns) / (1 - shares)
    out = [Column("序号", SERIAL_SHARE * total, CELL, repeat=True, fixed=True), *columns]
    if last:
        out.append(Column(last, LAST_SHARE * total, CELL, shrink=NUMBER_SHRINK, fixed=True))
    return out


def entry_table(title: str, rows: Sequence, fonts: DocFonts, last: tuple[str, str] | None = None
                ) -> CJKTable:
    """序号 · 名称 for organizations; 序号 · 姓名 · 性别 · 所在党组织 · 职务或岗位 for members.

    ``last`` adds a column (header, attribute) — the 表彰名单 puts the certificate number there.
    """
    w = MEMBER_WIDTHS
    if title == ORG_TITLE:
        cols = [Column("党组织名称", 1, CELL_LEFT)]
        cells = [[str(k), r.name] for k, r in enumerate(rows, 1)]
    else:
        has_sex = any(getattr(r, "sex", "") for r in rows)
        has_post = any(getattr(r, "post", "") for r in rows)
        cols = [Column("姓名", w["姓名"], CELL, repeat=True, name=True)]
        cols += [Column("性别", w["性别"], CELL)] if has_sex else []
        cols += [Column("所在党组织", w["所在党组织"], CELL_LEFT, shrink=0.8)]
        cols += [Column("职务或岗位", w["职务或岗位"], CELL, shrink=0.85, breaks=POST_BREAKS)
                 ] if has_post else []
        cells = [[str(k), r.name] + ([r.sex] if has_sex else []) + [r.organization]
                 + ([r.post] if has_post else []) for k, r in enumerate(rows, 1)]
    cols = with_fixed_columns(cols, last[0] if last else None)
    if last:
        for row_cells, r in zip(cells, rows, strict=False):
            row_cells.append(getattr(r, last[1]))
    body = [Row(tuple((Block(c),) if c else () for c in row_cells)) for row_cells in cells]
    return CJKTable(cols, body, fonts, HEAD, LOOK, auto_widths=title != ORG_TITLE)


def sections(rows: Sequence, fonts: DocFonts, last: tuple[str, str] | None = None,
             closing: Sequence[Flowable] = ()) -> list:
    """A heading and a table per title; ``closing`` (the issuer and date) follows the last
    table together with its last rows, never alone on a page."""
    story: list = []
    groups = grouped(rows)
    for n, (title, entries) in enumerate(groups):
        heading = CJKParagraph(f"{NUMERALS[n]}、{title}（{count_text(title, len(entries))}）", HEADING, fonts)
        table = entry_table(title, entries, fonts, last)
        if closing and n == len(groups) - 1:
            story += [CondPageBreak(mm(35)), TableEnding([heading], table, closing, KEEP_ROWS)]
        else:
            story += [CondPageBreak(mm(35)), TableStart([heading], table)]
    if closing and not groups:
        story.append(KeepTogether(list(closing)))
    return story


def closing_block(issuer: str, date_text: str, space: float, fonts: DocFonts) -> list:
    """A gap, then the issuer over the date with room for the seal."""
    return [Spacer(1, space), SignatureBlock(issuer, date_text, TextStyle("body", SANHAO, SANHAO * 1.65), fonts)]


def _story(notice: CandidateNotice, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(title_of(notice), TITLE, fonts),
                   CJKParagraph(notice.intro if notice.intro is not None else default_intro(notice),
                                PROSE, fonts)]
    phone = notice.supervision_phone.strip() or BLANK_PHONE
    story.append(CJKParagraph(f"联系电话：{phone}", PROSE, fonts))
    day = notice.issue_date or notice.notice_start
    story += sections(notice.rows, fonts, closing=closing_block(
        notice.issuer, format_date(day, notice.date_style) if day else "　　年　　月　　日", SANHAO * 0.5, fonts))
    declare_page_numbers(fonts)
    return story


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(notice: CandidateNotice, fonts: FontLibrary | FontSettings | None = None
                       ) -> list[str]:
    library = _library(fonts)
    doc = library.new_document()
    _story(notice, doc)
    return library.missing_characters(doc.declared_text())


def render_candidate_notice(notice: CandidateNotice, fonts: FontLibrary | FontSettings | None = None,
                            *, accept_missing: bool = False) -> bytes:
    """The notice as PDF bytes (A4 portrait).

    Raises PrivateDataError for an ID or private mobile number, NoCJKFontError,
    MissingGlyphsError (unless ``accept_missing``).
    """
    places = find_private_data(notice)  # the office's supervision phone may be a mobile
    if places:
        raise PrivateDataError(places)
    doc = _library(fonts).new_document()
    story = _story(notice, doc)
    doc.resolve(accept_missing=accept_missing)
    return build_pdf(story, doc, page_size("A4", "portrait"), MARGINS, title=title_of(notice), author=notice.issuer)
