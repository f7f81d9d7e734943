"""整改通知: the township's notice to one branch to put named problems right by a deadline
("对思想上不重视、工作上不得力的党组织提出通报批评，限期进行整改"). GB/T 9704 look
(printing.documents.official); addressed to the branch, signed by the committee.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from printing.dates import DateStyle, format_date
from printing.documents import official
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.paragraph import CJKParagraph

__all__ = ["RectificationNotice", "missing_characters", "render_rectification_notice", "title_of"]


@dataclass(frozen=True)
class RectificationNotice:
    issuer: str          # 中共先锋镇委员会
    organization: str    # the branch's full name (主送)
    year: int
    issued_on: date
    problems: str        # one problem a line
    requirement: str
    deadline: date
    date_style: DateStyle = "arabic"


def title_of(n: RectificationNotice) -> str:
    return f"关于{n.organization}{n.year}年创先争优活动限期整改的通知"


def _story(n: RectificationNotice, fonts: DocFonts) -> list:
    deadline = format_date(n.deadline, n.date_style)
    story: list = [CJKParagraph("关于限期整改的通知", official.TITLE, fonts),
                   CJKParagraph(f"{n.organization}：", official.ADDRESSEE, fonts),
                   CJKParagraph(f"根据{n.year}年创先争优活动督查情况，你单位存在以下问题：", official.PROSE, fonts)]
    problems = [p.strip() for p in n.problems.splitlines() if p.strip()]
    story += [CJKParagraph(f"{k}. {p}" if len(problems) > 1 else p, official.PROSE, fonts)
              for k, p in enumerate(problems, 1)]
    if n.requirement.strip():
        story.append(CJKParagraph("请你单位高度重视，按照以下要求认真整改：", official.PROSE, fonts))
        story += official.paragraphs(n.requirement, fonts)
    story.append(CJKParagraph(f"请于{deadline}前完成整改，并将整改情况书面报{n.issuer}。", official.PROSE, fonts))
    story.append(official.blank_line())
    story += official.closing(n.issuer, format_date(n.issued_on, n.date_style), fonts)
    return story


def _doc(n: RectificationNotice) -> official.Official:
    return official.Official(lambda fonts: _story(n, fonts), title_of(n), n.issuer)


def missing_characters(n: RectificationNotice, fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    return official.missing(_doc(n), fonts)


def render_rectification_notice(n: RectificationNotice, fonts: FontLibrary | FontSettings | None = None, *,
                                accept_missing: bool = False) -> bytes:
    """The notice as PDF bytes (A4 portrait). Raises PrivateDataError, NoCJKFontError,
    MissingGlyphsError (unless ``accept_missing``)."""
    return official.render(n, _doc(n), fonts, accept_missing)
