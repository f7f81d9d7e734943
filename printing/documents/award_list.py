"""表彰名单: the list attached to the committee's 表彰决定, with each certificate's number.

Only what was decided and numbered appears, grouped by title as the decision confers them
(organizations first), each with its certificate number so a certificate can be checked
against the list later. Same look as the candidate notice; A4 portrait; public data only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from printing.data import find_private_data
from printing.dates import DateStyle, format_date
from printing.documents.candidate_notice import MARGINS, PROSE, TITLE, closing_block, count_text, grouped, sections
from printing.errors import PrivateDataError
from printing.layout.page import build_pdf, declare_page_numbers, page_size
from printing.sizes import SANHAO
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.paragraph import CJKParagraph

__all__ = ["AwardEntry", "AwardList", "default_intro", "missing_characters", "render_award_list",
           "title_of"]

@dataclass(frozen=True)
class AwardEntry:
    title: str                 # 先进基层党组织 / 优秀共产党员 / 优秀党务工作者
    name: str                  # a member's name, or an organization's full name
    organization: str = ""     # a member's branch (full name); '' for an organization
    certificate_no: str = ""


@dataclass(frozen=True)
class AwardList:
    issuer: str
    year: int
    decided_on: date
    rows: tuple[AwardEntry, ...] = ()
    intro: str | None = None   # None: the standard wording
    date_style: DateStyle = "arabic"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))


def title_of(awards: AwardList) -> str:
    return f"{awards.year}年度创先争优活动表彰名单"


def default_intro(awards: AwardList) -> str:
    parts = "，".join(f"授予{count_text(t, len(rows))}{'党组织' if t == '先进基层党组织' else '同志'}“{t}”称号"
                     for t, rows in grouped(awards.rows))
    return (f"经基层党组织推荐、党委审核和公示，{format_date(awards.decided_on, awards.date_style)}"
            f"{awards.issuer}集中审议决定，对{awards.year}年度创先争优活动中表现突出的党组织和党员予以表彰：{parts}。"
            "名单如下。")


def _story(awards: AwardList, fonts: DocFonts) -> list:
    story: list = [CJKParagraph(title_of(awards), TITLE, fonts),
                   CJKParagraph(awards.intro if awards.intro is not None else default_intro(awards), PROSE, fonts)]
    story += sections(awards.rows, fonts, last=("证书编号", "certificate_no"), closing=closing_block(
        awards.issuer, format_date(awards.decided_on, awards.date_style), SANHAO, fonts))
    declare_page_numbers(fonts)
    return story


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def missing_characters(awards: AwardList, fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    library = _library(fonts)
    doc = library.new_document()
    _story(awards, doc)
    return library.missing_characters(doc.declared_text())


def render_award_list(awards: AwardList, fonts: FontLibrary | FontSettings | None = None, *,
                      accept_missing: bool = False) -> bytes:
    """The list as PDF bytes (A4 portrait).

    Raises PrivateDataError, NoCJKFontError, MissingGlyphsError (unless ``accept_missing``).
    """
    places = find_private_data(awards)
    if places:
        raise PrivateDataError(places)
    doc = _library(fonts).new_document()
    story = _story(awards, doc)
    doc.resolve(accept_missing=accept_missing)
    return build_pdf(story, doc, page_size("A4", "portrait"), MARGINS, title=title_of(awards),
                     author=awards.issuer)
