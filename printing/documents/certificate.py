"""荣誉证书: commendation certificates, one page each, many in one PDF.

Wording (conventions.md): ``张　三 同志：`` / ``在二〇二六年度创先争优活动中表现突出，被评为
“优秀共产党员”。`` / ``特发此证，以资鼓励。`` / the commending body's full name over the date,
with room for the 42 mm seal pressed over both. An organization is addressed by its name
alone (``中共东风村支部委员会：``) and is 评为“先进基层党组织”.

Two modes, chosen by :class:`~printing.layout.certificate_layout.CertificateLayout`: a complete
certificate with border and title on plain paper, or only the text onto pre-printed stock
at positions in millimetres plus per-printer offsets (套打); :func:`render_calibration`
prints the boxes on plain paper to hold against the stock.

Speed: all certificates' text is declared before fonts are resolved once, every page
draws with the same embedded subsets, and the border is one PDF form referenced by every
page; so a batch costs little more than ReportLab's own text calls.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from printing.data import find_private_data
from printing.dates import DateStyle, chinese_year, format_date
from printing.errors import PrintingError, PrivateDataError
from printing.layout.certificate_frame import RED, define_frame_form, draw_title_rule
from printing.layout.certificate_layout import STOCK_LABELS, STOCKS, Box, CertificateLayout, stock_layout
from printing.sizes import mm
from printing.typeset.fonts import DocFonts, FontLibrary, FontSettings
from printing.typeset.library import get_library
from printing.typeset.linebreak import Line, break_paragraph, clean_text
from printing.typeset.paragraph import layout as layout_paragraph
from printing.typeset.textdraw import TextStyle, draw_lines

__all__ = [
    "ORG_TITLE",
    "STOCKS",
    "STOCK_LABELS",
    "TITLES",
    "Box",
    "Cancelled",
    "Certificate",
    "CertificateLayout",
    "certificate_lines",
    "missing_characters",
    "render_calibration",
    "render_certificates",
    "spaced_name",
    "stock_layout",
]

TITLES = ("优秀共产党员", "优秀党务工作者", "先进基层党组织")
ORG_TITLE = "先进基层党组织"
TITLE_TEXT = "荣誉证书"
CLOSING = "特发此证，以资鼓励。"
MIN_SIZE = 8.0                 # never shrink text below this (points)
TEXT_COLOR = Color(0.08, 0.08, 0.08)
SAMPLE_INK = Color(0.55, 0.55, 0.62)      # the calibration page's sample text

Progress = Callable[[int, int], "bool | None"]


class Cancelled(PrintingError):
    """The clerk cancelled a batch; nothing was produced."""

    def __init__(self) -> None:
        super().__init__("已取消生成证书。")


@dataclass(frozen=True)
class Certificate:
    """One certificate: who, for what, who issues it and when. Public data only."""

    recipient: str                 # a member's name, or an organization's full name
    is_organization: bool
    title: str                     # 优秀共产党员 / 优秀党务工作者 / 先进基层党组织 / typed
    year: int                      # the year commended (年度)
    issuer: str                    # the commending body's full name, 中共××镇委员会
    issue_date: date
    number: str = ""               # 证书编号, e.g. 先锋〔2026〕1号
    date_style: DateStyle = "chinese"

    def __post_init__(self) -> None:
        for name in ("recipient", "title", "issuer", "number"):   # pasted from Excel/WPS
            text = clean_text(str(getattr(self, name))).replace("\n", " ")
            object.__setattr__(self, name, " ".join(text.split()))
        name = self.recipient.replace(" ", "")
        if not self.is_organization and not any(c.isascii() for c in name):
            # 张 三 typed with a space: the spacing is the certificate's job
            object.__setattr__(self, "recipient", name)
        if not self.recipient:
            raise ValueError("证书缺少受表彰者姓名或组织名称。")
        if not self.title:
            raise ValueError(f"{self.recipient}的证书缺少荣誉称号。")
        if not 1900 <= int(self.year) <= 2200:
            raise ValueError(f"年度不合理：{self.year}")
        if self.date_style not in ("arabic", "chinese"):
            raise ValueError(f"未知的日期格式：{self.date_style!r}")


def spaced_name(name: str) -> str:
    """Two-character names are customarily spaced on certificates: 张三 → 张　三."""
    return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name


@dataclass(frozen=True)
class CertificateLines:
    """The words of one certificate, split the way they are placed."""

    name: str                      # spaced for a member
    suffix: str                    # " 同志：" gap included, or "：" for an organization
    paragraphs: tuple[str, ...]
    issuer: str
    date: str
    number: str                    # "证书编号：…" or ""


def certificate_lines(cert: Certificate) -> CertificateLines:
    """The wording of conventions.md, with the year in the date style of the certificate."""
    year = chinese_year(cert.year) if cert.date_style == "chinese" else str(cert.year)
    body = f"在{year}年度创先争优活动中表现突出，被评为“{cert.title}”。"
    if cert.is_organization:
        name, suffix = cert.recipient, "："
    else:
        name, suffix = spaced_name(cert.recipient), "\u3000同志："
    return CertificateLines(name, suffix, (body, CLOSING), cert.issuer,
                            format_date(cert.issue_date, cert.date_style),
                            f"证书编号：{cert.number}" if cert.number else "")


# ------------------------------------------------------------------ fitting text in boxes

def _em(adv: dict[str, float], text: str) -> float:
    return sum(adv[c] for c in text)


def _fit_one_line(em_width: float, size: float, box_w: float, box_h: float) -> float:
    """The largest size ≤ ``size`` at which one line fits the box (never below MIN_SIZE)."""
    if em_width > 0:
        size = min(size, box_w / em_width)
    return max(MIN_SIZE, min(size, box_h))


def _fit_paragraphs(texts: Sequence[str], role: str, size: float, leading: float,
                    fonts: DocFonts, width: float, height: float, color: Color = TEXT_COLOR
                    ) -> tuple[TextStyle, list[list[Line]]]:
    """Shrink prose until its lines fit the box's height (each paragraph indented)."""
    while True:
        style = TextStyle(role, size, size * leading, "justify", indent_chars=2, color=color)
        laid = [_keep_quote_whole(t, style, fonts, width) for t in texts]
        lines = sum(len(p) for p in laid)
        if lines * style.line_height <= height + 1e-6 or size <= MIN_SIZE:
            return style, laid
        size = max(MIN_SIZE, size - 0.5)


def _keep_quote_whole(text: str, style: TextStyle, fonts: DocFonts, width: float) -> list[Line]:
    """Lay out a paragraph so the quoted title (“优秀共产党员”) is never cut in two.

    A title split over two lines (“先进基 / 层党组织”) reads as a mistake on a certificate;
    when that happens the line breaks before the opening quote instead.
    """
    lines = layout_paragraph(text, style, fonts, width)
    start, end = text.find("“"), text.find("”")
    if start < 0 or end < start or len(lines) < 2:
        return lines
    ends, pos = [], 0
    for line in lines:                      # body text has no spaces: lines join to the text
        pos += len(line.text)
        ends.append(pos)
    def line_of(i: int) -> int:
        return sum(1 for e in ends if e <= i)

    if line_of(start) == line_of(end):
        return lines
    broken = layout_paragraph(text[:start] + "\n" + text[start:], style, fonts, width)
    quote_lines = [line for line in broken if "“" in line.text or "”" in line.text]
    return broken if len(quote_lines) == 1 else lines


# ------------------------------------------------------------------ drawing

def _block_width(laid: list[list[Line]], style: TextStyle) -> float:
    """How wide the body text really is: a justified line fills the box, a paragraph's
    last line (or one before the quoted title) only its own width. The block is then
    centred in the box, so a short text does not leave the frame's right third empty."""
    return max((line.x + (line.avail if style.align == "justify" and not line.last
                          else line.width)
                for para in laid for line in para), default=0.0)


class _Page:
    """Converts layout millimetres (top-left origin, offset applied) to PDF points."""

    def __init__(self, layout: CertificateLayout):
        self.layout = layout
        self.height = layout.page_size[1]
        self.dx, self.dy = layout.offset_mm
        # a batch repeats the same body text (one title, one year): lay it out once
        self.body_cache: dict[tuple, tuple[TextStyle, list[list[Line]]]] = {}

    def rect(self, box: Box) -> tuple[float, float, float, float]:
        """(left, top, width, height) in points; top measured upwards from the bottom."""
        return (mm(box.x + self.dx), self.height - mm(box.y + self.dy), mm(box.width),
                mm(box.height))


def _draw_single(canv, text: str, role: str, size: float, fonts: DocFonts,
                 x: float, top: float, color: Color = TEXT_COLOR, tc: float = 0.0) -> float:
    """One line with its em box's top at ``top``; returns its width."""
    adv = fonts.advances(role)
    w = _em(adv, text) * size + tc * max(0, len(text) - 1)
    style = TextStyle(role, size, size, "distribute" if tc else "left", color=color)
    draw_lines(canv, [Line(text, w - tc * max(0, len(text) - 1), 0.0, w, False)], style,
               fonts, x, top, w)
    return w


def _draw_centred(canv, text: str, role: str, size: float, fonts: DocFonts,
                  rect: tuple[float, float, float, float], align: str = "center",
                  color: Color = TEXT_COLOR) -> None:
    left, top, w, h = rect
    size = _fit_one_line(_em(fonts.advances(role), text), size, w, h)
    tw = _em(fonts.advances(role), text) * size
    x = left + (w - tw) / 2 if align == "center" else left
    if tw > w:                 # below the minimum size: keep the start inside the box
        x = left
    _draw_single(canv, text, role, size, fonts, x, top - (h - size) / 2, color)


def _draw_recipient(canv, lines: CertificateLines, layout: CertificateLayout,
                    fonts: DocFonts, rect: tuple[float, float, float, float],
                    color: Color) -> None:
    """Name (larger) and 同志： on one baseline, shrunk together when the name is long."""
    left, top, w, h = rect
    role = layout.text_role
    adv = fonts.advances(role)
    name_em, suffix_em = _em(adv, lines.name), _em(adv, lines.suffix)
    name_size, text_size = layout.name_size, min(layout.text_size, layout.name_size)
    if name_em * name_size + suffix_em * text_size > w:
        # shrink the name first, down to the text size, then both together
        name_size = max(text_size, (w - suffix_em * text_size) / name_em)
        if name_em * name_size + suffix_em * text_size > w:
            name_size = text_size = w / (name_em + suffix_em)
    name_size, text_size = min(name_size, h), min(text_size, h)
    if name_size < MIN_SIZE:   # absurdly long: wrap at the minimum size instead
        style = TextStyle(role, MIN_SIZE, MIN_SIZE * 1.15, "left", color=color)
        wrapped = break_paragraph(lines.name + lines.suffix, adv, MIN_SIZE, w)
        draw_lines(canv, wrapped, style, fonts, left, top, w)
        return
    em_top = top - (h - name_size) / 2
    base = em_top - 0.88 * name_size
    x = left + _draw_single(canv, lines.name, role, name_size, fonts, left, em_top, color)
    _draw_single(canv, lines.suffix, role, text_size, fonts, x, base + 0.88 * text_size, color)


def _draw_certificate(canv, cert: Certificate, layout: CertificateLayout, fonts: DocFonts,
                      page: _Page, ink: Color | None = None) -> None:
    """One certificate's text (and title); ``ink`` overrides every colour (calibration)."""
    lines = certificate_lines(cert)
    text_color = ink or TEXT_COLOR
    if layout.title is not None:
        left, top, w, h = page.rect(layout.title)
        size = min(layout.title_size, h)
        adv = fonts.advances(layout.title_role)
        gap = size * 0.6                          # letter-spaced, as titles are
        tw = _em(adv, TITLE_TEXT) * size + gap * (len(TITLE_TEXT) - 1)
        _draw_single(canv, TITLE_TEXT, layout.title_role, size, fonts, left + (w - tw) / 2,
                     top - (h - size) / 2, ink or RED, gap)
        if layout.decorated and ink is None:
            draw_title_rule(canv, left + w / 2, top - h - mm(2.5), tw / 2 + size * 0.8)
    left, top, w, h = page.rect(layout.body)
    key = (lines.paragraphs, text_color)
    if key not in page.body_cache:
        page.body_cache[key] = _fit_paragraphs(lines.paragraphs, layout.text_role,
                                               layout.text_size, layout.leading, fonts, w, h,
                                               text_color)
    style, laid = page.body_cache[key]
    shift = (w - _block_width(laid, style)) / 2
    rl, rt, rw, rh = page.rect(layout.recipient)
    if abs(rl - left) < 1.0:    # the name starts where the text does: it moves with it
        rl, rw = rl + shift, rw - shift
    _draw_recipient(canv, lines, layout, fonts, (rl, rt, rw, rh), text_color)
    for para in laid:
        draw_lines(canv, para, style, fonts, left + shift, top, w - 2 * shift)
        top -= len(para) * style.line_height
    _draw_centred(canv, lines.issuer, layout.text_role, layout.sign_size, fonts,
                  page.rect(layout.issuer), color=text_color)
    _draw_centred(canv, lines.date, layout.text_role, layout.sign_size, fonts,
                  page.rect(layout.date), color=text_color)
    if layout.number is not None and lines.number:
        _draw_centred(canv, lines.number, layout.text_role, layout.number_size, fonts,
                      page.rect(layout.number), align="left", color=text_color)


def _declare(fonts: DocFonts, certs: Sequence[Certificate], layout: CertificateLayout) -> None:
    text = []
    for cert in certs:
        lines = certificate_lines(cert)
        text += [lines.name, lines.suffix, *lines.paragraphs, lines.issuer, lines.date,
                 lines.number]
    fonts.need(layout.text_role, "".join(text))
    if layout.title is not None:
        fonts.need(layout.title_role, TITLE_TEXT)


def _library(fonts: FontLibrary | FontSettings | None) -> FontLibrary:
    return fonts if isinstance(fonts, FontLibrary) else get_library(fonts)


def _canvas(buf: io.BytesIO, layout: CertificateLayout, fonts: DocFonts, title: str,
            author: str) -> Canvas:
    canv = Canvas(buf, pagesize=layout.page_size, initialFontName=fonts.primary_font("body"),
                  initialFontSize=12)
    canv.setTitle(title)
    canv.setAuthor(author)
    canv.setCreator("先锋台账")
    canv.setSubject(title)
    return canv


def missing_characters(certs: Sequence[Certificate], layout: CertificateLayout | None = None,
                       fonts: FontLibrary | FontSettings | None = None) -> list[str]:
    """Characters of the certificates no installed font has: ask the clerk before printing."""
    library = _library(fonts)
    doc = library.new_document()
    _declare(doc, certs, layout or stock_layout())
    return library.missing_characters(doc.declared_text())


def render_certificates(certs: Sequence[Certificate], layout: CertificateLayout | None = None,
                        fonts: FontLibrary | FontSettings | None = None,
                        accept_missing: bool = False, progress: Progress | None = None
                        ) -> bytes:
    """Every certificate on its own page of one PDF.

    ``progress(done, total)`` is called after each page; returning False stops the batch
    and raises :class:`Cancelled`. Raises PrivateDataError if a text looks like an ID or
    mobile number, NoCJKFontError without a Chinese font, MissingGlyphsError for
    characters no font has unless ``accept_missing`` (they print as empty squares).
    """
    layout = layout or stock_layout()
    certs = list(certs)
    if not certs:
        raise ValueError("没有要打印的证书。")
    places = find_private_data(certs)
    if places:
        raise PrivateDataError(places)
    doc_fonts = _library(fonts).new_document()
    _declare(doc_fonts, certs, layout)
    doc_fonts.resolve(accept_missing=accept_missing)
    buf = io.BytesIO()
    title = "荣誉证书" if len(certs) > 1 else f"荣誉证书（{certs[0].recipient}）"
    canv = _canvas(buf, layout, doc_fonts, title, certs[0].issuer)
    page = _Page(layout)
    form = define_frame_form(canv, *layout.page_size) if layout.decorated else None
    total = len(certs)
    for done, cert in enumerate(certs, 1):
        if form:
            canv.doForm(form)
        _draw_certificate(canv, cert, layout, doc_fonts, page)
        canv.showPage()
        if progress is not None and progress(done, total) is False:
            raise Cancelled()
    canv.save()
    return buf.getvalue()


def render_calibration(layout: CertificateLayout | None = None,
                       fonts: FontLibrary | FontSettings | None = None,
                       sample: Certificate | None = None) -> bytes:
    """A page to hold against the stock: its outline, a millimetre ruler and grid, and the
    boxes where the text will land with this layout's printer offset."""
    from printing.documents.certificate_calibration import declare_calibration, draw_calibration

    layout = layout or stock_layout()
    doc_fonts = _library(fonts).new_document()
    declare_calibration(doc_fonts, layout)
    sample = sample or Certificate("张三", False, TITLES[0], date.today().year, "中共××镇委员会",
                                   date.today(), "〔2026〕1号", "chinese")
    _declare(doc_fonts, [sample], layout)
    doc_fonts.resolve(accept_missing=True)
    buf = io.BytesIO()
    canv = _canvas(buf, layout, doc_fonts, "证书套打校准页", "先锋台账")
    draw_calibration(canv, layout, doc_fonts)
    _draw_certificate(canv, sample, layout, doc_fonts, _Page(layout), SAMPLE_INK)
    canv.showPage()
    canv.save()
    return buf.getvalue()

