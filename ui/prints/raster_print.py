"""The picture fallback: where no vector path exists (or the clerk asks for it), each page goes
to the printer as an image, but no bigger than it must be.

Black-and-white pages (ballots, letters, boards) are drawn as 1-bit images at the printer's
resolution — sharp text at a thirty-second of the bytes of colour; colour pages (certificates
with a red seal) at no more than 300 dpi. Each page is rendered and drawn in bands of a few
megabytes, so memory stays flat however large the page or high the resolution. It runs on a
worker thread with its own QPdfDocument (never the preview's, which lives on the UI thread).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from ui.prints.spool.options import PageSize, PrintOptions
from ui.prints.spool.windows import page_order

Progress = Callable[[int, int], None]
COLOUR_DPI = 300
BAND_BYTES = 8 * 1024 * 1024  # one band of a colour page as 32-bit pixels
PROBE_SIZE = QSize(120, 170)  # thumbnail that tells a colour page from a black-and-white one
_Flag = QPdfDocumentRenderOptions.RenderFlag
# A page that ends as 1-bit pixels gains nothing from anti-aliasing or colour: PDFium draws it
# about twice as fast without them (0.44 → 0.21 s for an A4 landscape board at 600 dpi).
MONO_FLAGS = _Flag.TextAliased | _Flag.ImageAliased | _Flag.PathAliased | _Flag.Grayscale


class Loaded:
    """A QPdfDocument from bytes with its buffer kept alive (a QBuffer, so Windows locks no file)."""

    def __init__(self, pdf: bytes) -> None:
        self.buffer = QBuffer()
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def page_sizes(document: QPdfDocument) -> list[PageSize]:
    return [PageSize(document.pagePointSize(i).width(), document.pagePointSize(i).height())
            for i in range(document.pageCount())]


def page_layout(page: PageSize) -> QPageLayout:
    """The printer's paper from the PDF's own page: A4/A3 found even when landscape."""
    portrait = QSizeF(min(page.width_pt, page.height_pt), max(page.width_pt, page.height_pt))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
    orientation = QPageLayout.Orientation.Landscape if page.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def on_white(image: QImage) -> QImage:
    """Transparent areas would print black on some drivers."""
    if not image.hasAlphaChannel():
        return image
    white = QImage(image.size(), QImage.Format.Format_RGB32)
    white.fill(Qt.GlobalColor.white)
    painter = QPainter(white)
    painter.drawImage(0, 0, image)
    painter.end()
    return white


def is_colour(document: QPdfDocument, page: int) -> bool:
    return not on_white(document.render(page, PROBE_SIZE)).allGray()


def draw_page(document: QPdfDocument, page: int, painter: QPainter, printer_dpi: int) -> tuple[int, bool]:
    """Draw one page at actual size in bands; returns (dpi used, colour?)."""
    colour = is_colour(document, page)
    dpi = min(printer_dpi, COLOUR_DPI) if colour else printer_dpi
    size_pt = document.pagePointSize(page)
    full = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
    scale = printer_dpi / dpi
    rows = max(16, BAND_BYTES // max(1, full.width() * 4))
    for top in range(0, full.height(), rows):
        height = min(rows, full.height() - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(full)
        options.setScaledClipRect(QRect(0, top, full.width(), height))
        if not colour:
            options.setRenderFlags(MONO_FLAGS)
        band = on_white(document.render(page, QSize(full.width(), height), options))
        if not colour:
            band = band.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)
        painter.drawImage(QRectF(0, top * scale, full.width() * scale, height * scale), band)
    return dpi, colour


def print_raster(document: QPdfDocument, printer: QPrinter, options: PrintOptions,
                 progress: Progress | None = None) -> int:
    """Print every page (copies and collation looped here); returns the sheets drawn. A raise
    from `progress` aborts the printer's job, so no half document is printed."""
    pages = page_sizes(document)
    order = page_order(len(pages), options.copies, options.collate)
    printer.setFullPage(True)
    printer.setCopyCount(1)
    printer.setDocName(options.title)
    printer.setDuplex(QPrinter.DuplexMode.DuplexAuto if options.duplex else QPrinter.DuplexMode.DuplexNone)
    if options.manual_feed:
        printer.setPaperSource(QPrinter.PaperSource.Manual)
    painter = QPainter()
    try:
        for done, index in enumerate(order, 1):
            printer.setPageLayout(page_layout(pages[index]))
            if done == 1:
                if not painter.begin(printer):
                    raise OSError("无法开始打印：打印机不可用或没有纸张设置。")
            elif not printer.newPage():
                raise OSError("打印机无法换页。")
            draw_page(document, index, painter, printer.resolution())
            if progress is not None:
                progress(done, len(order))
    except BaseException:
        if painter.isActive():
            printer.abort()
            painter.end()
        raise
    painter.end()
    return len(order)
