"""Preview any printout inside the program, then print at actual size or save as PDF.

QtPdf only renders pages to images, so printing draws each page as an image at the printer's
resolution, one page at a time (an A4 page at 300 dpi is ~35 MB). The document is loaded from
a QBuffer so no temporary file is left locked on Windows.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import fit, messages

POINTS_PER_MM = 72 / 25.4


def save_file_name(parent: QWidget | None, title: str, suggested: str, filter_: str) -> str:
    """Module-level so tests can replace the file dialog."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    return name


def choose_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """Module-level so tests can print to a PDF file instead of a real printer."""
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


def load_document(data: bytes, owner: QWidget) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer(owner)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(owner)
    document.load(buffer)
    return document, buffer


def page_layout_for(document: QPdfDocument, page: int) -> QPageLayout:
    """The printer's paper from the PDF's own page: A4/A3 found even when landscape."""
    size_pt = document.pagePointSize(page)
    width, height = size_pt.width(), size_pt.height()
    landscape = width > height
    portrait_size = QSizeF(min(width, height), max(width, height))
    page_size = QPageSize(portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))


def print_document(document: QPdfDocument, printer: QPrinter, progress=None) -> int:
    """Draw every page as an image at the printer's resolution, at actual size."""
    painter = QPainter()
    count = document.pageCount()
    for page in range(count):
        printer.setPageLayout(page_layout_for(document, page))
        if page == 0:
            if not painter.begin(printer):
                raise OSError("无法开始打印：打印机不可用或没有纸张设置。")
        elif not printer.newPage():
            raise OSError("打印机无法换页。")
        dpi = printer.resolution()
        size_pt = document.pagePointSize(page)
        pixels = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
        image = document.render(page, pixels)
        if image.hasAlphaChannel():  # transparent areas would print black on some drivers
            white = QImage(image.size(), QImage.Format.Format_RGB32)
            white.fill(Qt.GlobalColor.white)
            p = QPainter(white)
            p.drawImage(0, 0, image)
            p.end()
            image = white
        target = printer.pageLayout().fullRectPixels(dpi)
        painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
        if progress is not None and not progress(page + 1, count):
            break
    painter.end()
    return count


class PreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, pdf: bytes, suggested_name: str,
                 note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"预览：{title}")
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.document, self._buffer = load_document(pdf, self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        pages = self.document.pageCount()
        size = self.document.pagePointSize(0) if pages else QSizeF()
        width_mm, height_mm = size.width() / POINTS_PER_MM, size.height() / POINTS_PER_MM
        info = QLabel(f"共 {pages} 页，纸张 {width_mm:.0f} × {height_mm:.0f} 毫米。"
                      "打印时请选择“实际大小”，不要“适合页面”。" + (f"\n{note}" if note else ""), self)
        info.setWordWrap(True)
        print_button = QPushButton("打印…", self)
        print_button.setDefault(True)
        print_button.clicked.connect(self.print_)
        save_button = QPushButton("另存为 PDF…", self)
        save_button.clicked.connect(self.save_as)
        open_button = QPushButton("用其他程序打开", self)
        open_button.setToolTip("用电脑上的 PDF 阅读器打开，也可以从那里打印")
        open_button.clicked.connect(self.open_external)
        close_button = QPushButton("关闭", self)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(info, 1)
        for b in (open_button, save_button, print_button, close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        fit.to_screen(self, 980, 760)

    def save_as(self) -> str | None:
        name = save_file_name(self, "另存为 PDF", self.suggested_name, "PDF 文件 (*.pdf)")
        if not name:
            return None
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        try:
            Path(name).write_bytes(self.pdf)
        except OSError as exc:
            messages.warn(self, "无法保存", f"无法写入 {name}：{exc.strerror or exc}。请换一个文件夹或U盘再试。")
            return None
        return name

    def open_external(self) -> None:
        import tempfile

        folder = Path(tempfile.gettempdir()) / "xianfeng-desk"
        folder.mkdir(exist_ok=True)
        path = folder / Path(self.suggested_name).name
        path.write_bytes(self.pdf)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages.info(self, "用其他程序打开", f"没有找到 PDF 阅读器。文件已保存在：\n{path}")

    def print_(self, printer: QPrinter | None = None) -> bool:
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setPageLayout(page_layout_for(self.document, 0))
        if not choose_printer(self, printer):
            return False
        pages = self.document.pageCount()
        dialog = QProgressDialog("正在发送到打印机……", "取消", 0, pages, self)
        dialog.setMinimumDuration(600)

        def step(done: int, total: int) -> bool:
            dialog.setValue(done)
            return not dialog.wasCanceled()

        try:
            print_document(self.document, printer, step)
        except OSError as exc:
            messages.warn(self, "打印失败", str(exc))
            return False
        finally:
            dialog.close()
        return True
