"""党员公开承诺公示: the pledge board posted for the masses to supervise.

Layout: title (二号, title font), an introduction with the notice period (two-character
indent), the table 序号 · 姓名 · 党内职务/岗位 · 承诺事项 · 完成时限 · 践诺情况 with the
header repeated on every page and rows split only between lines, then 监督电话, the issuer
over the date near the right edge with room for the seal, page numbers "— 1 —".
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import KeepTogether, Spacer

from printing.data import PledgeBoard, find_private_data
from printing.dates import format_date, format_period
from printing.errors import PrivateDataError
from printing.layout.blocks import SignatureBlock
from printing.layout.page import Margins, build_pdf, declare_page_numbers, page_size
from printing.layout.table import Block, CJKTable, Column, Row, TableLook
from printing.sizes import ERHAO, SANHAO, SIHAO, WUHAO, XIAOCHU, XIAOSI
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

__all__ = ["default_intro", "missing_characters", "render_pledge_board", "title_of"]


@dataclass(frozen=True)
class _Look:
    title: float
    text: float
    table: float
    margins: Margins
    weights: tuple[float, ...]


# 序号 · 姓名 · 党内职务/岗位 · 承诺事项 · 完成时限 · 践诺情况, in millimetres of a full
# A4 frame; the 完成时限 column takes "2026年12月底前" on one line.
_WEIGHTS_WIDE = (12, 22, 34, 108, 40, 45)
_WEIGHTS_NARROW = (12, 16, 24, 62, 32, 28)

_LOOKS = {
    ("A4", "landscape"): _Look(ERHAO, SIHAO, XIAOSI, Margins.mm(18, 18, 22, 18), _WEIGHTS_WIDE),
    ("A4", "portrait"): _Look(ERHAO, SIHAO, WUHAO, Margins.mm(25, 18, 24, 18), _WEIGHTS_NARROW),
    ("A3", "landscape"): _Look(XIAOCHU, SANHAO, SIHAO, Margins.mm(25, 25, 28, 25), _WEIGHTS_WIDE),
    ("A3", "portrait"): _Look(XIAOCHU, SANHAO, XIAOSI, Margins.mm(30, 22, 28, 22), _WEIGHTS_NARROW),
}

#: posts listed with 、 wrap between posts (党支部副书记、村委会主任)
POST_BREAKS = "、，,；;/／"

HEADERS = ("序号", "姓名", "党内职务/岗位", "承诺事项", "完成时限", "践诺情况")


def title_of(board: PledgeBoard) -> str:
    return f"{board.organization}党员公开承诺公示"


def default_intro(board: PledgeBoard) -> str:
    """The usual wording: why, who approved, how many members, the notice period."""
    period = format_period(board.notice_start, board.notice_end, board.date_style)
    return (
        "为深入开展创先争优活动，充分发挥共产党员先锋模范作用，经党员本人提出承诺、"
        f"党组织审定，现将{board.organization}{len(board.rows)}名党员{board.year}年度"
        f"公开承诺事项予以公示，接受党员和群众监督。公示期：{period}。"
        "公示期间如有意见和建议，请通过监督电话或直接向党组织反映。"
    )


def _story(board: PledgeBoard, fonts: DocFonts) -> list:
    look = _LOOKS[(board.paper, board.orientation)]
    lead = 1.5
    title = CJKParagraph(title_of(board), TextStyle("title", look.title, look.title * 1.4,
                                                    "center", space_after=look.text * 0.6),
                         fonts)
    prose = TextStyle("body", look.text, look.text * 1.6, "justify", indent_chars=2,
                      space_after=look.text * 0.5)
    intro = CJKParagraph(board.intro if board.intro is not None else default_intro(board),
                         prose, fonts)
    cell = TextStyle("song", look.table, look.table * lead, "justify")
    centred = TextStyle("song", look.table, look.table * lead, "center")
    header = TextStyle("hei", look.table, look.table * 1.3, "center", bold=True)
    w = look.weights
    columns = [
        Column(HEADERS[0], w[0], centred, repeat=True),
        Column(HEADERS[1], w[1], centred, repeat=True, name=True),
        Column(HEADERS[2], w[2], centred, repeat=True, breaks=POST_BREAKS),
        Column(HEADERS[3], w[3], cell, valign="top"),
        Column(HEADERS[4], w[4], centred, valign="top"),
        Column(HEADERS[5], w[5], cell),
    ]
    rows = []
    for number, member in enumerate(board.rows, 1):
        items = tuple(Block(it.content, f"{k}. ") for k, it in enumerate(member.items, 1))
        deadlines = tuple(Block(it.deadline) for it in member.items)
        rows.append(Row((
            (Block(str(number)),),
            (Block(member.name),),
            (Block(member.post),) if member.post else (),
            items,
            deadlines,
            (Block(member.fulfilment),) if member.fulfilment else (),
        ), aligned=(3, 4)))
    table = CJKTable(columns, rows, fonts, header,
                     TableLook(padding_x=look.table * 0.35, padding_y=look.table * 0.3,
                               block_gap=look.table * 0.25), auto_widths=True)
    footer = TextStyle("body", look.text, look.text * 1.6, "left")
    tail = []
    if board.supervision_phone:
        tail.append(CJKParagraph(f"监督电话：{board.supervision_phone}", footer, fonts))
    issue_date = board.issue_date or board.notice_start
    tail.append(SignatureBlock(board.issuer or board.organization,
                               format_date(issue_date, board.date_style),
                               TextStyle("body", look.text, look.text * 1.6), fonts))
    declare_page_numbers(fonts)
    return [title, intro, table, Spacer(1, look.text * 0.6), KeepTogether(tail)]


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(board: PledgeBoard,
                       fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    """Characters of the board no installed font has: ask the clerk before printing."""
    library = _library(fonts)
    doc = library.new_document()
    _story(board, doc)
    return library.missing_characters(doc.declared_text())


def render_pledge_board(board: PledgeBoard,
                        fonts: FontLibrary | FontSettings | None = None, *,
                        accept_missing: bool = False) -> bytes:
    """The pledge board as PDF bytes.

    Raises PrivateDataError if the board shows an ID or private mobile number,
    NoCJKFontError without a Chinese font, MissingGlyphsError for characters no font has
    (unless ``accept_missing``: they are then printed as empty squares to fill by hand).
    """
    places = find_private_data(board)
    if places:
        raise PrivateDataError(places)
    doc_fonts = _library(fonts).new_document()
    story = _story(board, doc_fonts)
    doc_fonts.resolve(accept_missing=accept_missing)
    return build_pdf(story, doc_fonts, page_size(board.paper, board.orientation),
                     _LOOKS[(board.paper, board.orientation)].margins,
                     title=title_of(board), author=board.issuer or board.organization)

