"""Where each part of a 荣誉证书 goes on the sheet, in millimetres.

Offices either print a complete certificate on plain paper or print only the text onto
bought, pre-printed stock (套打). Stock comes in several sizes and every printer feeds
paper a little differently, so every text block has a position in millimetres measured
from the sheet's top-left corner (what a clerk measures with a ruler), and the whole
text can be nudged per printer by an offset in millimetres (+x right, +y down).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from printing.sizes import CHUHAO, ERHAO, SANHAO, WUHAO, XIAOER, XIAOYI, YIHAO, mm

#: Stock choices as stored in the settings; "plain" is a complete certificate on A4.
STOCKS: Final = ("plain", "16k", "a4p", "a4l")
STOCK_LABELS: Final = {
    "plain": "普通纸：完整证书（A4横向，带边框和标题）",
    "16k": "证书内芯：大16开（宽210、高285毫米，纵向）",
    "a4p": "证书内芯：A4纵向（宽210、高297毫米）",
    "a4l": "证书内芯：A4横向（宽297、高210毫米）",
}
#: Printer offsets beyond this many millimetres are a mistake, not a calibration.
MAX_OFFSET_MM: Final = 30.0


@dataclass(frozen=True)
class Box:
    """A text block's area: left/top corner and size, in mm from the sheet's top-left."""

    x: float
    y: float
    width: float
    height: float

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise ValueError("文字框的宽和高必须大于 0 毫米。")

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)

    def scaled(self, fx: float, fy: float) -> Box:
        return Box(self.x * fx, self.y * fy, self.width * fx, self.height * fy)


@dataclass(frozen=True)
class CertificateLayout:
    """The sheet, where each block goes, type sizes (points) and font roles.

    ``decorated`` draws the border and the title 荣誉证书 (plain paper); without it only
    the variable text is printed, for pre-printed stock. ``number`` None leaves the
    certificate number off (stock that has its own number printed).
    """

    page_mm: tuple[float, float]
    recipient: Box
    body: Box
    issuer: Box
    date: Box
    number: Box | None
    title: Box | None = None
    decorated: bool = False
    offset_mm: tuple[float, float] = (0.0, 0.0)
    title_size: float = CHUHAO
    name_size: float = YIHAO
    text_size: float = ERHAO
    sign_size: float = XIAOER
    number_size: float = WUHAO
    leading: float = 1.8             # body line height in multiples of the size
    title_role: str = "title"
    text_role: str = "kai"
    stock: str = "custom"

    def __post_init__(self) -> None:
        w, h = self.page_mm
        if not (50 <= w <= 1000 and 50 <= h <= 1000):
            raise ValueError(f"证书纸张尺寸不合理：宽 {w:g}、高 {h:g} 毫米。")
        dx, dy = self.offset_mm
        if abs(dx) > MAX_OFFSET_MM or abs(dy) > MAX_OFFSET_MM:
            raise ValueError(f"打印偏移不能超过 {MAX_OFFSET_MM:g} 毫米（现为 {dx:g}、{dy:g}）。")

    @property
    def page_size(self) -> tuple[float, float]:
        """Page size in points, for the PDF."""
        return mm(self.page_mm[0]), mm(self.page_mm[1])

    def boxes(self) -> dict[str, Box]:
        """Every block that is printed, by name, before the printer offset."""
        named = {"title": self.title, "recipient": self.recipient, "body": self.body,
                 "issuer": self.issuer, "date": self.date, "number": self.number}
        return {k: v for k, v in named.items() if v is not None}

    def with_offset(self, dx_mm: float, dy_mm: float) -> CertificateLayout:
        return replace(self, offset_mm=(float(dx_mm), float(dy_mm)))

    def resized(self, width_mm: float, height_mm: float) -> CertificateLayout:
        """The same design on a custom sheet: positions scale with the sheet, type does not
        grow (a larger sheet gets more margin) but shrinks with a smaller one."""
        fx, fy = width_mm / self.page_mm[0], height_mm / self.page_mm[1]
        f = min(1.0, fx, fy)

        def s(box: Box) -> Box:
            return box.scaled(fx, fy)

        def s_opt(box: Box | None) -> Box | None:
            return s(box) if box is not None else None

        return replace(self, page_mm=(width_mm, height_mm), recipient=s(self.recipient),
                       body=s(self.body), issuer=s(self.issuer), date=s(self.date),
                       number=s_opt(self.number), title=s_opt(self.title),
                       title_size=self.title_size * f, name_size=self.name_size * f,
                       text_size=self.text_size * f, sign_size=self.sign_size * f,
                       number_size=max(7.0, self.number_size * f), stock="custom")


def _landscape(decorated: bool, stock: str) -> CertificateLayout:
    # A4 landscape 297 × 210. The seal (42 mm) centred on issuer + date at (217, 152)
    # spans x 196–238, y 131–173: below the body's three lines, clear of the number.
    return CertificateLayout(
        page_mm=(297.0, 210.0),
        title=Box(48.5, 27.0, 200.0, 22.0) if decorated else None,
        recipient=Box(40.0, 64.0, 217.0, 14.0),
        body=Box(40.0, 82.0, 217.0, 50.0),
        issuer=Box(172.0, 140.0, 90.0, 12.0),
        date=Box(172.0, 153.0, 90.0, 12.0),
        number=Box(40.0, 178.0, 120.0, 7.0),
        sign_size=ERHAO, decorated=decorated, stock=stock,
    )


def _portrait(height: float, stock: str) -> CertificateLayout:
    # Inner sheets printed with 荣誉证书 in the upper third; text starts below it.
    top = 105.0 if height < 290 else 110.0
    return CertificateLayout(
        page_mm=(210.0, height),
        recipient=Box(28.0, top, 154.0, 12.0),
        body=Box(28.0, top + 16.0, 154.0, 58.0),
        issuer=Box(96.0, top + 92.0, 86.0, 10.0),
        date=Box(96.0, top + 103.0, 86.0, 10.0),
        number=Box(28.0, height - 28.0, 110.0, 7.0),
        name_size=XIAOYI, text_size=XIAOER, sign_size=SANHAO, number_size=WUHAO,
        stock=stock,
    )


_PRESETS: Final = {
    "plain": lambda: _landscape(True, "plain"),
    "16k": lambda: _portrait(285.0, "16k"),
    "a4p": lambda: _portrait(297.0, "a4p"),
    "a4l": lambda: _landscape(False, "a4l"),
}


def stock_layout(stock: str = "plain", offset_mm: tuple[float, float] = (0.0, 0.0)
                 ) -> CertificateLayout:
    """The preset for a stock choice (see :data:`STOCKS`), with a printer offset."""
    try:
        base = _PRESETS[stock]()
    except KeyError:
        raise ValueError(f"未知的证书纸张：{stock}（可选 {'、'.join(STOCKS)}）") from None
    return base.with_offset(*offset_mm)


__all__ = ["MAX_OFFSET_MM", "STOCKS", "STOCK_LABELS", "Box", "CertificateLayout", "stock_layout"]
