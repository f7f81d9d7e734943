"""Printing from the preview as a clerk does: the 打印 dialog, a real CUPS queue, the output
read back; the picture fallback into a PDF-file printer; choices remembered per printer."""
import io
import subprocess

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

from printing.documents.font_sample import render_font_samples
from tests.print_server import new_outputs
from ui.config import printer_memory
from ui.prints import pdf_preview
from ui.prints.send_dialog import SendDialog
from ui.widgets import modal


def colour_and_mono_pdf():
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont("Helvetica", 30)
    c.drawString(80, 700, "BLACK AND WHITE")
    c.rect(20, 20, A4[0] - 40, A4[1] - 40)
    c.showPage()
    c.setPageSize(landscape(A4))
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.circle(400, 300, 120, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


def pdf_file_printer(out):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def drive(monkeypatch, printers, answer):
    monkeypatch.setattr(pdf_preview, "printer_names", lambda: (printers, printers[0]))
    seen = {}

    def run(dialog):
        assert isinstance(dialog, SendDialog)
        seen["dialog"] = dialog
        seen["path"] = dialog.path.text()
        answer(dialog)

    modal.driver.run = run
    return seen


def test_window_prints_vector_through_cups_and_remembers(qtbot, db, print_server, monkeypatch):
    pdf = render_font_samples()
    preview = pdf_preview.PreviewDialog(None, "字体示例", pdf, "示例.pdf")
    qtbot.addWidget(preview)

    def answer(dialog):
        dialog.copies.setValue(2)
        dialog.duplex.setChecked(True)
        dialog.manual.setChecked(True)
        dialog.accept()

    seen = drive(monkeypatch, [print_server.queue, "别的打印机"], answer)
    before = set(print_server.out.glob("job-*.pdf"))
    assert preview.print_()
    assert "CUPS" in seen["path"] and "矢量" in seen["path"]
    (out,) = new_outputs(print_server, before, 1)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    printed = PdfReader(out).pages
    assert len(printed) == 2 * (pages + pages % 2)  # two copies, each padded for duplex
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert fonts.count("yes") >= 1 and "Type 3" not in fonts  # embedded fonts: text went as text
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    source = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    words = source.decode("utf-8").split()
    assert len(words) > 5 and text.split()[:len(words)] == words  # the first copy reads as the document
    assert printer_memory.load()[print_server.queue] == {
        "copies": 2, "collate": True, "duplex": True, "manual_feed": True, "raster": False}

    # the next print run offers the same choice for that printer, the defaults for another
    def look(dialog):
        assert (dialog.copies.value(), dialog.duplex.isChecked(), dialog.manual.isChecked()) == (2, True, True)
        dialog.printer.setCurrentText("别的打印机")
        assert (dialog.copies.value(), dialog.duplex.isChecked()) == (1, False)
        assert "兼容方式" in dialog.path.text()  # not a CUPS queue: the picture fallback
        dialog.reject()

    drive(monkeypatch, [print_server.queue, "别的打印机"], look)
    assert not preview.print_()


def test_raster_fallback_one_bit_black_pages_colour_at_300_dpi(qtbot, tmp_path):
    preview = pdf_preview.PreviewDialog(None, "测试", colour_and_mono_pdf(), "测试.pdf")
    qtbot.addWidget(preview)
    out = tmp_path / "printed.pdf"
    printer = pdf_file_printer(out)
    assert preview.print_(printer)
    reader = PdfReader(out)
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages] == [
        (595, 842), (842, 595)]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "BLACK" not in text  # a picture of the page, as the dialog said


class RecordingPainter:
    """Stands in for the printer's painter: what draw_page hands over, band by band."""

    def __init__(self):
        self.images = []

    def drawImage(self, target, image):
        self.images.append((target, image.format(), image.width(), image.height(), image.sizeInBytes()))


def test_raster_fallback_one_bit_black_pages_colour_at_300_dpi_in_bands():
    from PySide6.QtGui import QImage

    from ui.prints import raster_print

    loaded = raster_print.Loaded(colour_and_mono_pdf())
    try:
        mono, colour = RecordingPainter(), RecordingPainter()
        assert raster_print.draw_page(loaded.document, 0, mono, 1200) == (1200, False)
        assert raster_print.draw_page(loaded.document, 1, colour, 1200) == (300, True)
    finally:
        loaded.close()
    assert {fmt for _, fmt, *_ in mono.images} == {QImage.Format.Format_Mono}
    assert mono.images[0][2] == round(A4[0] / 72 * 1200)  # full printer resolution
    assert sum(h for *_, h, _ in mono.images) == round(A4[1] / 72 * 1200)  # every row, once
    assert colour.images[0][2] == round(A4[1] / 72 * 300) and len(colour.images) > 1
    assert colour.images[0][0].width() == colour.images[0][2] * 4  # scaled up to the printer's pixels
    assert max(size for *_, size in mono.images + colour.images) <= raster_print.BAND_BYTES  # flat memory


def test_send_dialog_summary_and_no_printer(qtbot):
    from ui.prints.spool.options import PageSize

    pages = [PageSize(*landscape(A3))] * 27
    dialog = SendDialog(None, pages, [], "", {}, lambda name, raster: "raster")
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    assert "没有安装打印机" in dialog.path.text()
    from ui.prints.send_dialog import page_summary

    assert page_summary(pages) == "共 27 页：A3 横向 27 页"
    assert page_summary([PageSize(*A4), PageSize(*landscape(A4))]) == "共 2 页：A4 纵向 1 页，A4 横向 1 页"


def test_cancel_between_pages_stops_the_picture_path(qtbot, tmp_path):
    """What 取消 does to a job: the token raises after the page and nothing more is drawn."""
    import pytest

    from ui import jobs
    from ui.prints import raster_print
    from ui.prints.spool import choose
    from ui.prints.spool.options import PrintOptions

    preview = pdf_preview.PreviewDialog(None, "测试", colour_and_mono_pdf(), "测试.pdf")
    qtbot.addWidget(preview)
    out = tmp_path / "printed.pdf"
    printer = pdf_file_printer(out)
    reports = []

    class Token:
        def progress(self, done, total, text=""):
            reports.append((done, total, text))
            raise jobs.Cancelled()

    pages = raster_print.page_sizes(preview.document)
    with pytest.raises(jobs.Cancelled):
        pdf_preview.send(preview.pdf, pages, choose.RASTER, PrintOptions("file"), printer, Token())
    assert reports == [(1, 2, "已发送 1 / 2 页")]
    # stopped at the page: the second page was never drawn. Qt's PDF-file writer cannot abort, so
    # the first page stays in the file; a system printer is told to abort (QPrinter.abort).
    assert len(PdfReader(out).pages) == 1
