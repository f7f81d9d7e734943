"""党员承诺书: one member's (or an organization's) pledge letter, to be signed by hand.

The letter reads as the campaign has it: title, who pledges, 我郑重承诺：, numbered items
each with its deadline, a closing sentence asking the organization and the masses to
supervise, then the signature line with 年 月 日 (or the full date). An organization's
pledge ends instead with its full name over the date and room for the seal.

Letters are printed in batches (a whole branch at once), each from a new page; a long
letter runs on to a second page whose top repeats whose letter it is (see
:mod:`printing.layout.sections`). A4 portrait, GB/T 9704 margins and sizes (二号 title, 三号 仿宋).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, Spacer

from printing.dates import DateStyle, format_date
from printing.layout.blocks import SignatureBlock
from printing.layout.formgrid import Cell, FormGrid, GridLook
from printing.layout.page import Margins
from printing.layout.sections import Progress, Section, build_sections, declare_section_text
from printing.layout.signlines import BLANK_DATE, SignatureLines
from printing.privacy import mask_private
from printing.sizes import ERHAO, SANHAO, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.punctuation import end_sentence
from printing.typeset.textdraw import TextStyle

__all__ = ["LetterItem", "PledgeLetter", "missing_characters", "render_pledge_letters"]

MARGINS = Margins.mm(37, 26, 35, 28)          # GB/T 9704: 156 × 225 mm type area
DEFAULT_CLOSING = "以上承诺，请党组织和群众监督。"


@dataclass(frozen=True)
class LetterItem:
    """One numbered pledge item and its deadline text (e.g. "2026年12月底前")."""

    content: str
    deadline: str = ""


@dataclass(frozen=True)
class PledgeLetter:
    """One letter. ``member`` None is the organization's own pledge (signed with its seal).

    ``title`` None gives 2026年度党员承诺书 (or 2026年度党组织公开承诺书); ``date`` None
    leaves 年 月 日 blank for the signer to fill in.
    """

    organization: str                    # full name, e.g. 中共东风村支部委员会
    year: int
    items: tuple[LetterItem, ...] = ()
    member: str | None = None
    post: str = ""                       # 党内职务/岗位
    title: str | None = None
    opening: str | None = None           # None: 我郑重承诺： (an organization: 我们郑重承诺：)
    closing: str = DEFAULT_CLOSING
    date: date | None = None
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))

    @property
    def is_organization(self) -> bool:
        return self.member is None

    def title_text(self) -> str:
        if self.title:
            return self.title
        return f"{self.year}年度{'党组织公开' if self.is_organization else '党员'}承诺书"

    def caption(self) -> str:
        """Shown on a continuation page: whose letter this is."""
        who = self.organization if self.is_organization else f"{self.member}"
        return f"{who}　{self.title_text()}"


@dataclass(frozen=True)
class _Look:
    title: TextStyle = TextStyle("title", ERHAO, ERHAO * 1.5, "center", space_after=SANHAO * 0.8)
    info: TextStyle = TextStyle("body", SANHAO, SANHAO * 1.6, "left")
    prose: TextStyle = TextStyle("body", SANHAO, 28.95, "justify", indent_chars=2)
    item: TextStyle = TextStyle("body", SANHAO, 28.95, "justify", indent_chars=2)


LOOK = _Look()


def _item_text(n: int, item: LetterItem) -> str:
    text = end_sentence(mask_private(item.content))
    if item.deadline:
        text += f"（完成时限：{item.deadline}）"
    return f"{n}.{text}"


def _info(letter: PledgeLetter, fonts: DocFonts) -> FormGrid:
    look = GridLook(rules=False, padding_x=0, padding_y=1)
    if letter.is_organization:
        rows = [[Cell(f"承诺单位：{letter.organization}", span=2, align="left")]]
    else:
        first = [Cell(f"姓名：{letter.member}", align="left", fit=True),
                 Cell(f"党内职务/岗位：{mask_private(letter.post)}" if letter.post else "",
                      align="left", fit=True)]
        rows = [first, [Cell(f"所在党组织：{letter.organization}", span=2, align="left")]]
    return FormGrid((1, 1), [], rows, fonts, LOOK.info, look=look)


def _story(letter: PledgeLetter, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(letter.title_text(), LOOK.title, fonts), _info(letter, fonts),
                   Spacer(1, SANHAO * 0.6)]
    opening = letter.opening or ("我们郑重承诺：" if letter.is_organization else "我郑重承诺：")
    story.append(CJKParagraph(opening, LOOK.prose, fonts))
    items = [CJKParagraph(_item_text(n, item), LOOK.item, fonts)
             for n, item in enumerate(letter.items, 1)]
    story.extend(items[:-1])
    date_text = format_date(letter.date, letter.date_style) if letter.date else BLANK_DATE
    tail: list = items[-1:]      # the signature never stands on a page without the pledge
    if letter.closing:
        tail.append(CJKParagraph(letter.closing, LOOK.prose, fonts))
    tail.append(Spacer(1, SANHAO * 1.5))
    if letter.is_organization:
        tail.append(SignatureBlock(letter.organization, date_text, LOOK.info, fonts,
                                   right_chars=4.0, seal_room=mm(16)))
    else:
        tail.append(SignatureLines([("承诺人：", "")], date_text, LOOK.info, fonts,
                                   right_chars=2.0, rule_chars=6.0))
    story.append(KeepTogether(tail))
    return story


def _sections(letters: Sequence[PledgeLetter], fonts: DocFonts) -> list[Section]:
    sections = [Section(_story(letter, fonts), letter.caption()) for letter in letters]
    declare_section_text(fonts, [s.caption for s in sections])
    return sections


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(letters: Sequence[PledgeLetter],
                       fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    """Characters no installed font has: ask the clerk before a long batch starts."""
    library = _library(fonts)
    doc = library.new_document()
    _sections(letters, doc)
    return library.missing_characters(doc.declared_text())


def render_pledge_letters(letters: Sequence[PledgeLetter] | PledgeLetter,
                          fonts: FontLibrary | FontSettings | None = None, *,
                          accept_missing: bool = False, progress: Progress | None = None,
                          page_counts: list[int] | None = None) -> bytes:
    """All letters in one PDF, each from a new page (A4 portrait).

    Raises NoCJKFontError without a Chinese font, MissingGlyphsError for characters no
    font has (unless ``accept_missing``), RenderCancelled if ``progress`` raises it.
    """
    if isinstance(letters, PledgeLetter):
        letters = [letters]
    if not letters:
        raise ValueError("没有要打印的承诺书。")
    doc_fonts = _library(fonts).new_document()
    sections = _sections(letters, doc_fonts)
    doc_fonts.resolve(accept_missing=accept_missing)
    title = letters[0].title_text() if len(letters) == 1 else f"{letters[0].year}年度承诺书"
    return build_sections(sections, doc_fonts, A4, MARGINS, title=title,
                          author=letters[0].organization, progress=progress,
                          page_counts=page_counts)
