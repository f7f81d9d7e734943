"""The GB/T 9704-2012 look the township's own documents share (通报, 整改通知, 实施方案).

A4, top margin 37 mm, left 28 mm, type area 156 × 225 mm; title 二号 in the title role
(小标宋, 黑体 when the office has none: printing.md), body 三号 仿宋 at 22 lines a page,
headings 一、 in 黑体 and （一） in 楷体, page numbers “— 1 —”, the issuer over the date with
room for the seal. Built only from printing.layout's blocks, so the three documents and the
existing notices keep one look.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Spacer

from printing.data import find_private_data
from printing.documents.candidate_notice import closing_block
from printing.errors import PrivateDataError
from printing.layout.page import Margins, build_pdf, declare_page_numbers, page_size
from printing.layout.table import TableLook
from printing.sizes import ERHAO, SANHAO, SIHAO, XIAOSI, mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph
from printing.typeset.textdraw import TextStyle

#: 22 lines in the 225 mm type area.
LINE = mm(225) / 22
MARGINS = Margins.mm(37, 26, 35, 28)
TITLE = TextStyle("title", ERHAO, ERHAO * 1.5, "center", space_after=LINE * 0.5)
PROSE = TextStyle("body", SANHAO, LINE, "justify", indent_chars=2)
ADDRESSEE = TextStyle("body", SANHAO, LINE, "left")
HEADING = TextStyle("hei", SANHAO, LINE, "left", indent_chars=2)
SUBHEADING = TextStyle("kai", SANHAO, LINE, "left", indent_chars=2)
CELL = TextStyle("body", SIHAO, SIHAO * 1.4, "center")
CELL_LEFT = TextStyle("body", SIHAO, SIHAO * 1.4, "justify")
HEAD = TextStyle("hei", XIAOSI + 1, (XIAOSI + 1) * 1.35, "center")
LOOK = TableLook(padding_x=SIHAO * 0.35, padding_y=SIHAO * 0.3)
NUMERALS = "一二三四五六七八九十"
BLANK_DATE = "　　年　　月　　日"


def paragraphs(text: str, fonts: DocFonts, style: TextStyle = PROSE) -> list:
    """One paragraph per typed line, blank lines dropped."""
    return [CJKParagraph(line.strip(), style, fonts) for line in text.splitlines() if line.strip()]


def heading(n: int, text: str, fonts: DocFonts) -> CJKParagraph:
    return CJKParagraph(f"{NUMERALS[n]}、{text}", HEADING, fonts)


def closing(issuer: str, date_text: str, fonts: DocFonts) -> list:
    return closing_block(issuer, date_text or BLANK_DATE, LINE, fonts)


def blank_line() -> Spacer:
    return Spacer(1, LINE * 0.5)


@dataclass(frozen=True)
class Official:
    """How one document is built: its story, its PDF title and its author."""

    story: Callable[[DocFonts], list]
    title: str
    author: str


def library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing(doc: Official, fonts: FontLibrary | FontSettings | None) -> list[str]:
    lib = library(fonts)
    d = lib.new_document()
    doc.story(d)
    declare_page_numbers(d)
    return lib.missing_characters(d.declared_text())


def render(data: object, doc: Official, fonts: FontLibrary | FontSettings | None, accept_missing: bool) -> bytes:
    """A4 portrait PDF bytes; refuses an ID or private mobile anywhere in ``data``."""
    places = find_private_data(data)
    if places:
        raise PrivateDataError(places)
    d = library(fonts).new_document()
    story = doc.story(d)
    declare_page_numbers(d)
    d.resolve(accept_missing=accept_missing)
    return build_pdf(story, d, page_size("A4", "portrait"), MARGINS, title=doc.title, author=doc.author)
