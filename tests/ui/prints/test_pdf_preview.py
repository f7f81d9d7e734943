"""Preview and print without a printer: Qt's PDF printer stands in for the real one."""
import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

from ui.prints import pdf_preview


def make_pdf(sizes):
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=sizes[0])
    for size in sizes:
        c.setPageSize(size)
        c.rect(20, 20, size[0] - 40, size[1] - 40)
        c.showPage()
    c.save()
    return out.getvalue()


@pytest.mark.parametrize("sizes", [[A4], [landscape(A3), landscape(A3)], [A4, landscape(A4)]])
def test_print_keeps_paper_size_and_orientation(qtbot, tmp_path, monkeypatch, sizes):
    dialog = pdf_preview.PreviewDialog(None, "测试", make_pdf(sizes), "测试.pdf")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == len(sizes)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert dialog.print_(printer)
    reader = PdfReader(out)
    assert len(reader.pages) == len(sizes)
    for page, size in zip(reader.pages, sizes, strict=False):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - size[0]) < 3 and abs(h - size[1]) < 3


def test_save_as(qtbot, tmp_path, monkeypatch):
    data = make_pdf([A4])
    dialog = pdf_preview.PreviewDialog(None, "测试", data, "测试.pdf")
    qtbot.addWidget(dialog)
    target = tmp_path / "存档"
    monkeypatch.setattr(pdf_preview, "save_file_name", lambda *a: str(target))
    assert dialog.save_as() == str(target) + ".pdf"
    assert (tmp_path / "存档.pdf").read_bytes() == data
