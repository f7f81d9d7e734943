"""A sample line per font role, drawn by the same code that prints documents.

The settings page shows these so the clerk sees what will really print — the file chosen,
or the system font picked for the role, including fallback for characters it lacks —
rather than what Qt would draw with a similarly named font.
"""
from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from printing.sizes import SANHAO, mm
from printing.typeset.fontcatalog import ROLE_LABELS, ROLES
from printing.typeset.fonts import FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.linebreak import Line
from printing.typeset.textdraw import TextStyle, draw_lines

SAMPLES = {
    "title": "荣誉证书　党员公开承诺公示",
    "body": "在2026年度创先争优活动中表现突出，特发此证。",
    "kai": "张　三　同志：堃 喆 𠮷",
    "hei": "序号　姓名　承诺事项　完成时限",
    "song": "中共先锋镇委员会　二〇二六年七月一日",
}
PAGE = (mm(150), mm(12))


def render_font_samples(fonts: FontLibrary | FontSettings | None = None,
                        roles: tuple[str, ...] = ROLES) -> bytes:
    """One small page per role (in ``roles`` order) with that role's sample text.

    Characters no font has are drawn as empty squares rather than refused: a sample is
    for looking at. Raises NoCJKFontError / FontFileError like any document.
    """
    library = fonts if isinstance(fonts, FontLibrary) else get_library(fonts)
    doc = library.new_document()
    for role in roles:
        doc.need(role, SAMPLES[role])
    doc.resolve(accept_missing=True)
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=PAGE, initialFontName=doc.primary_font("body"))
    canv.setTitle("字体示例")
    for role in roles:
        text = SAMPLES[role]
        adv = doc.advances(role)
        width = sum(adv[c] for c in text) * SANHAO
        draw_lines(canv, [Line(text, width, 0.0, width, True)], TextStyle(role, SANHAO, SANHAO, "left"),
                   doc, mm(2), PAGE[1] - (PAGE[1] - SANHAO) / 2, width)
        canv.showPage()
    canv.save()
    return buf.getvalue()


__all__ = ["ROLE_LABELS", "SAMPLES", "render_font_samples"]
