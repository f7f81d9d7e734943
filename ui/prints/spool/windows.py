"""Windows: PDFium draws each page straight into the printer's device context, as Chromium
prints PDFs, so the spool holds text and lines instead of a picture of the page.

pywin32 gives the printer DC and its DEVMODE (each page's paper and orientation set with
ResetDC before StartPage); pypdfium2 renders with FPDF_PRINTING into that DC at the page's
physical size, offset by the unprintable margin so it prints at actual size. Copies and
collation are looped here rather than left to drivers that ignore them. Everything that calls
Windows goes through `Win32`, a thin seam, so the mapping and the order of calls are tested on
Linux with a fake; the real calls run only on Windows (the print-windows CI job).
"""
from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ui.prints.spool.options import PageSize, PrintOptions

Progress = Callable[[int, int], None]

# wingdi.h
DM_ORIENTATION, DM_PAPERSIZE, DM_PAPERLENGTH, DM_PAPERWIDTH = 0x1, 0x2, 0x4, 0x8
DM_DEFAULTSOURCE, DM_DUPLEX, DM_COLLATE, DM_COPIES = 0x200, 0x1000, 0x8000, 0x100
DMORIENT_PORTRAIT, DMORIENT_LANDSCAPE = 1, 2
DMPAPER_A3, DMPAPER_A4, DMPAPER_A5, DMPAPER_B5, DMPAPER_USER = 8, 9, 11, 13, 256
DMDUP_SIMPLEX, DMDUP_VERTICAL, DMDUP_HORIZONTAL = 1, 2, 3  # vertical: long-edge flip in portrait
DMBIN_MANUAL = 4
PHYSICALWIDTH, PHYSICALHEIGHT, PHYSICALOFFSETX, PHYSICALOFFSETY = 110, 111, 112, 113
# fpdfview.h
FPDF_ANNOT, FPDF_PRINTING = 0x01, 0x800
PAPER_CODES = {"A3": DMPAPER_A3, "A4": DMPAPER_A4, "A5": DMPAPER_A5, "B5": DMPAPER_B5}


@dataclass(frozen=True)
class PageMode:
    """The DEVMODE fields one page sets: paper, its size for a custom one (0.1 mm), orientation."""

    paper: int
    width_tenth_mm: int
    length_tenth_mm: int
    orientation: int
    duplex: int
    manual: bool

    def apply(self, devmode: Any) -> None:
        """Write into a pywin32 PyDEVMODE (or anything with the same attributes)."""
        devmode.PaperSize = self.paper
        devmode.Orientation = self.orientation
        devmode.Duplex = self.duplex
        devmode.Copies = 1
        fields = DM_PAPERSIZE | DM_ORIENTATION | DM_DUPLEX | DM_COPIES
        if self.paper == DMPAPER_USER:
            devmode.PaperWidth, devmode.PaperLength = self.width_tenth_mm, self.length_tenth_mm
            fields |= DM_PAPERWIDTH | DM_PAPERLENGTH
        if self.manual:
            devmode.DefaultSource = DMBIN_MANUAL
            fields |= DM_DEFAULTSOURCE
        devmode.Fields = devmode.Fields | fields


def page_mode(page: PageSize, options: PrintOptions) -> PageMode:
    """A4/A3 by their codes, anything else as a user size; landscape pages flip on the short edge."""
    width, height = page.portrait_mm
    duplex = DMDUP_SIMPLEX
    if options.duplex:
        duplex = DMDUP_HORIZONTAL if page.landscape else DMDUP_VERTICAL
    return PageMode(PAPER_CODES.get(page.media, DMPAPER_USER), round(width * 10), round(height * 10),
                    DMORIENT_LANDSCAPE if page.landscape else DMORIENT_PORTRAIT, duplex, options.manual_feed)


def page_order(count: int, copies: int, collate: bool) -> list[int]:
    """Collated: 1 2 3 1 2 3; not collated: 1 1 2 2 3 3 (0-based)."""
    if collate:
        return [page for _ in range(copies) for page in range(count)]
    return [page for page in range(count) for _ in range(copies)]


class Win32(Protocol):
    """The few Windows calls the path makes; `RealWin32` on Windows, a fake in tests."""

    def open_dc(self, printer: str) -> tuple[Any, Any]: ...  # (hdc, devmode)
    def reset_dc(self, hdc: Any, devmode: Any) -> None: ...
    def start_doc(self, hdc: Any, title: str) -> None: ...
    def start_page(self, hdc: Any) -> None: ...
    def end_page(self, hdc: Any) -> None: ...
    def end_doc(self, hdc: Any) -> None: ...
    def abort_doc(self, hdc: Any) -> None: ...
    def device_caps(self, hdc: Any, index: int) -> int: ...
    def delete_dc(self, hdc: Any) -> None: ...
    def render(self, hdc: Any, page: Any, x: int, y: int, width: int, height: int) -> None: ...


def available() -> bool:
    modules = ("pypdfium2", "win32print")
    return sys.platform == "win32" and all(importlib.util.find_spec(name) is not None for name in modules)


def send(pdf: bytes, pages: list[PageSize], options: PrintOptions, progress: Progress | None = None,
         win32: Win32 | None = None, document: Any = None) -> int:
    """Print every page; returns the pages sent. A raise from `progress` aborts the document
    (AbortDoc: the spooler drops the half job)."""
    if win32 is None:
        win32 = RealWin32()
    if document is None:
        import pypdfium2

        document = pypdfium2.PdfDocument(pdf)
    order = page_order(len(pages), options.copies, options.collate)
    hdc, devmode = win32.open_dc(options.printer)
    started = False
    try:
        page_mode(pages[0], options).apply(devmode)
        win32.reset_dc(hdc, devmode)
        win32.start_doc(hdc, options.title)
        started = True
        for done, index in enumerate(order, 1):
            page_mode(pages[index], options).apply(devmode)
            win32.reset_dc(hdc, devmode)
            win32.start_page(hdc)
            width = win32.device_caps(hdc, PHYSICALWIDTH)
            height = win32.device_caps(hdc, PHYSICALHEIGHT)
            x, y = -win32.device_caps(hdc, PHYSICALOFFSETX), -win32.device_caps(hdc, PHYSICALOFFSETY)
            win32.render(hdc, document[index], x, y, width, height)
            win32.end_page(hdc)
            if progress is not None:
                progress(done, len(order))
        win32.end_doc(hdc)
        started = False
    finally:
        if started:
            win32.abort_doc(hdc)
        win32.delete_dc(hdc)
    return len(order)


class RealWin32:  # pragma: no cover - runs only on Windows (.github/workflows/print-windows.yml)
    def open_dc(self, printer: str) -> tuple[Any, Any]:
        import win32gui
        import win32print

        handle = win32print.OpenPrinter(printer)
        try:
            devmode = win32print.GetPrinter(handle, 2)["pDevMode"]
        finally:
            win32print.ClosePrinter(handle)
        return win32gui.CreateDC("WINSPOOL", printer, devmode), devmode

    def reset_dc(self, hdc: Any, devmode: Any) -> None:
        import win32gui

        win32gui.ResetDC(hdc, devmode)

    def start_doc(self, hdc: Any, title: str) -> None:
        import win32print

        win32print.StartDoc(hdc, (title, None, None, 0))

    def start_page(self, hdc: Any) -> None:
        import win32print

        win32print.StartPage(hdc)

    def end_page(self, hdc: Any) -> None:
        import win32print

        win32print.EndPage(hdc)

    def end_doc(self, hdc: Any) -> None:
        import win32print

        win32print.EndDoc(hdc)

    def abort_doc(self, hdc: Any) -> None:
        import win32print

        win32print.AbortDoc(hdc)

    def device_caps(self, hdc: Any, index: int) -> int:
        import win32print

        return int(win32print.GetDeviceCaps(hdc, index))

    def delete_dc(self, hdc: Any) -> None:
        import win32gui

        win32gui.DeleteDC(hdc)

    def render(self, hdc: Any, page: Any, x: int, y: int, width: int, height: int) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        pdfium_c.FPDF_RenderPage(ctypes.c_void_p(int(hdc)), page.raw, x, y, width, height, 0,
                                 FPDF_ANNOT | FPDF_PRINTING)
