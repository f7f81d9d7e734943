"""Seconds and spool bytes per page on each print path (issue 19): 32 certificates and a
27-page pledge board, vector through CUPS, the banded fallback, and the old 600-dpi picture
of each page as the floor. Each figure is the median of three runs, each run in its own child
process so its peak memory is its own. Printed, never asserted.

    uv run python bench/print_spool.py          # CUPS needs root here (a private cupsd)
    uv run python bench/print_spool.py --floor-pages 8   # the old path on fewer pages (slow)

Targets: vector ≤ 0.1 s and ≤ 300 KB per page; fallback ≤ 0.5 s and ≤ 5 MB per page, peak ≤ 200 MB.
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 3


def documents() -> dict[str, bytes]:
    import io

    from pypdf import PdfReader

    from bench.printing import board
    from printing.documents.certificate import Certificate, render_certificates
    from printing.documents.pledge_board import render_pledge_board

    certs = [Certificate(f"王{'建国秀英明华'[n % 6]}", False, "优秀共产党员", 2026, "中共先锋镇委员会",
                         date(2026, 7, 1), f"先锋〔2026〕{n}号") for n in range(1, 33)]
    members = 60
    pdf = render_pledge_board(board(members))
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    members = max(1, round(members * 27 / pages))
    pdf = render_pledge_board(board(members))
    return {"certificates": render_certificates(certs), "board": pdf}


def child(path: str, pdf_file: str, limit: int, socket: str) -> dict[str, float]:
    """One measurement, in this (child) process."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication([])  # Qt needs it alive while pages render
    from ui.prints import raster_print
    from ui.prints.spool import cups
    from ui.prints.spool.options import PrintOptions

    pdf = Path(pdf_file).read_bytes()
    loaded = raster_print.Loaded(pdf)
    pages = raster_print.page_sizes(loaded.document)[:limit]
    out = Path(tempfile.mkdtemp()) / "spool.pdf"
    start = time.perf_counter()
    if path == "cups":
        os.environ["CUPS_SERVER"] = socket
        jobs = cups.send(pdf, pages, PrintOptions("xianfeng-test"))
        cups.wait(jobs, timeout=600)
        size = len(pdf)  # what the spool holds: the PDF as it is
    else:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(600)
        if path == "raster":
            raster_print.print_raster(loaded.document, printer, PrintOptions("file"))
        else:
            old_image_path(loaded.document, printer, len(pages))
        size = out.stat().st_size
    seconds = time.perf_counter() - start
    return {"pages": len(pages), "seconds": seconds, "bytes": size,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def old_image_path(document, printer, count: int) -> None:
    """The window's print path before issue 19: each page one image at the printer's dpi."""
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter

    from ui.prints import raster_print

    painter = QPainter()
    for page in range(count):
        printer.setPageLayout(raster_print.page_layout(raster_print.page_sizes(document)[page]))
        if page == 0:
            painter.begin(printer)
        else:
            printer.newPage()
        dpi = printer.resolution()
        size = document.pagePointSize(page)
        image = raster_print.on_white(document.render(page, QSize(round(size.width() / 72 * dpi),
                                                                  round(size.height() / 72 * dpi))))
        target = printer.pageLayout().fullRectPixels(dpi)
        painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
    painter.end()


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(*sys.argv[2:4], int(sys.argv[4]), sys.argv[5])))
        return 0
    floor_pages = int(sys.argv[sys.argv.index("--floor-pages") + 1]) if "--floor-pages" in sys.argv else 8
    from tests import print_server

    server = None
    servers = None
    if print_server.missing_reason() is None:
        try:
            servers = print_server.start()
            server = next(servers)
        except Exception as exc:  # the benchmark goes on with the paths it has
            print(f"CUPS path skipped: {exc}")
    else:
        print(f"CUPS path skipped: {print_server.missing_reason()}")
    folder = Path(tempfile.mkdtemp())
    paths = (["cups"] if server else []) + ["raster", "old600"]
    try:
        for name, pdf in documents().items():
            file = folder / f"{name}.pdf"
            file.write_bytes(pdf)
            for path in paths:
                limit = floor_pages if path == "old600" else 10_000
                runs = []
                for _ in range(RUNS):
                    result = subprocess.run([sys.executable, __file__, "--child", path, str(file), str(limit),
                                             server.socket if server else ""], capture_output=True, text=True,
                                            check=True)
                    runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
                pages = runs[0]["pages"]
                per_s = statistics.median(r["seconds"] for r in runs) / pages
                per_kb = statistics.median(r["bytes"] for r in runs) / pages / 1024
                peak = statistics.median(r["peak_mb"] for r in runs)
                print(f"{name:12s} {path:7s} {pages:3d} pages  {per_s:6.3f} s/page  {per_kb:9.1f} KB/page  "
                      f"peak {peak:5.0f} MB")
    finally:
        if servers is not None:
            servers.close()
    print("load average:", os.getloadavg())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
