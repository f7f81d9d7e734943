"""Preview any printout inside the program, then print at actual size or save as PDF.

Printing takes the path the system allows (ui.prints.spool.choose): the PDF as it is to a CUPS
queue, PDFium into the Windows printer, or the banded picture fallback (ui.prints.raster_print);
the 打印 dialog says which. The document is loaded from a QBuffer so no temporary file is left
locked on Windows; the print job runs through ui.jobs with progress and 取消.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSizeF, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import jobs
from ui.config import printer_memory
from ui.prints import raster_print
from ui.prints.send_dialog import SendDialog
from ui.prints.spool import choose, cups, windows
from ui.prints.spool.options import PageSize, PrintOptions
from ui.widgets import fit, messages, modal

POINTS_PER_MM = 72 / 25.4


def save_file_name(parent: QWidget | None, title: str, suggested: str, filter_: str) -> str:
    """Module-level so tests can replace the file dialog."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    return name


def load_document(data: bytes, owner: QWidget) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer(owner)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(owner)
    document.load(buffer)
    return document, buffer


def printer_names() -> tuple[list[str], str]:
    """The installed printers and the system's default (module-level: tests name their queue)."""
    return QPrinterInfo.availablePrinterNames(), QPrinterInfo.defaultPrinterName()


def choose_send(parent: QWidget | None, pages: list[PageSize], title: str) -> tuple[PrintOptions, str] | None:
    """The 打印 dialog; the choice is remembered for that printer. None: the clerk cancelled."""
    names, default = printer_names()
    known = cups.queues() if choose.vector_path() == choose.CUPS else []

    def path_for(printer: str, raster: bool) -> str:
        return choose.pick(printer, raster, cups_queues=known)

    dialog = SendDialog(parent, pages, names, default, printer_memory.load(), path_for, title)
    if not modal.run(dialog):
        return None
    printer_memory.remember(dialog.options().printer, dialog.remembered_entry())
    return dialog.options(), dialog.chosen_path()


def make_printer(name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    return printer


def send(pdf: bytes, pages: list[PageSize], path: str, options: PrintOptions, printer: QPrinter | None,
         token: jobs.Token) -> int:
    """The print job's work on the worker thread: every page through the chosen path."""
    def progress(done: int, total: int) -> None:
        token.progress(done, total, f"已发送 {done} / {total} 页")

    if path == choose.CUPS:
        cups.send(pdf, pages, options, progress)
    elif path == choose.WINDOWS:
        windows.send(pdf, pages, options, progress)
    else:
        loaded = raster_print.Loaded(pdf)  # this thread's own document
        try:
            raster_print.print_raster(loaded.document, printer or make_printer(options.printer), options, progress)
        finally:
            loaded.close()
    return len(pages) * options.copies


class PreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, pdf: bytes, suggested_name: str,
                 note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"预览：{title}")
        self.title = title
        self.print_job: jobs.Job | None = None
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
                      "按实际大小打印。" + (f"\n{note}" if note else ""), self)
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
        """Ask where and how, then print in the background. With `printer` (a PDF-file printer in
        tests, for instance) the dialog is skipped and the picture fallback draws into it."""
        pages = raster_print.page_sizes(self.document)
        if printer is not None:
            name = printer.printerName() or printer.outputFileName()
            options, path = PrintOptions(name, title=self.title), choose.RASTER
        else:
            chosen = choose_send(self, pages, self.title)
            if chosen is None:
                return False
            options, path = chosen
            if path == choose.RASTER:
                printer = make_printer(options.printer)
        pdf = self.pdf

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                messages.warn(self, "打印失败", str(exc))
            else:
                jobs.show_error(self, "打印失败", exc)

        self.print_job = jobs.run(lambda token: send(pdf, pages, path, options, printer, token), receiver=self,
                                  title="打印", label=f"正在发送到打印机“{options.printer}”……", on_error=failed,
                                  on_cancelled=lambda: messages.info(self, "打印", "已取消打印。"))
        return True
