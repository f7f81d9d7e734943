"""What the clerk chose for one print job, and the paper each page asks for.

Plain data shared by every print path, so the CUPS options, the Windows DEVMODE and the
fallback read the same choice; page sizes come from the caller (the window's QPdfDocument,
or pypdf in the benchmark), so nothing here parses a PDF.
"""
from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_MM = 72 / 25.4
#: ISO sizes the clerk's printouts use, portrait (width, height) in millimetres.
MEDIA_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0),
            "16K": (184.0, 260.0)}
TOLERANCE_MM = 3.0


@dataclass(frozen=True)
class PageSize:
    """One PDF page's size in points, as drawn (a landscape page is wider than high)."""

    width_pt: float
    height_pt: float

    @property
    def landscape(self) -> bool:
        return self.width_pt > self.height_pt

    @property
    def portrait_mm(self) -> tuple[float, float]:
        short, long_ = sorted((self.width_pt, self.height_pt))
        return short / POINTS_PER_MM, long_ / POINTS_PER_MM

    @property
    def media(self) -> str:
        """The paper's name (A4, A3 …), or a custom size in whole millimetres."""
        width, height = self.portrait_mm
        for name, (w, h) in MEDIA_MM.items():
            if abs(width - w) <= TOLERANCE_MM and abs(height - h) <= TOLERANCE_MM:
                return name
        return f"Custom.{round(width)}x{round(height)}mm"


@dataclass(frozen=True)
class PrintOptions:
    """The clerk's choice in the print dialog (remembered per printer)."""

    printer: str
    copies: int = 1
    collate: bool = True
    duplex: bool = False  # 双面打印: long-edge flip for portrait pages, short-edge for landscape
    manual_feed: bool = False  # 手动进纸, for certificate stock
    title: str = "先锋台账"


@dataclass(frozen=True)
class Run:
    """Consecutive pages on the same paper the same way round: one job on a CUPS queue."""

    first: int  # 0-based, inclusive
    last: int
    media: str
    landscape: bool

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


def runs(pages: list[PageSize]) -> list[Run]:
    """Split a document where its paper or orientation changes (an A3 board after A4 letters)."""
    out: list[Run] = []
    for index, page in enumerate(pages):
        if out and out[-1].media == page.media and out[-1].landscape == page.landscape:
            last = out[-1]
            out[-1] = Run(last.first, index, last.media, last.landscape)
        else:
            out.append(Run(index, index, page.media, page.landscape))
    return out
