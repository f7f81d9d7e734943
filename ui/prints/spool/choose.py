"""Which path a job takes: vector where the system allows it, the picture fallback otherwise
or when the clerk asks for it (an old driver that garbles vector pages)."""
from __future__ import annotations

import sys

from ui.prints.spool import cups, windows

CUPS, WINDOWS, RASTER = "cups", "windows", "raster"

LABELS = {
    CUPS: "矢量打印：PDF 原样交给 CUPS 打印服务（文字保持为文字，速度快）",
    WINDOWS: "矢量打印：由 PDFium 直接绘制到打印机（文字保持为文字，速度快）",
    RASTER: "兼容方式：每页作为图片发送（黑白页按打印机分辨率，彩色页不超过 300 dpi），较慢",
}


def vector_path(platform: str | None = None) -> str | None:
    """The vector path this system has, if any (asks the CUPS scheduler on Linux/macOS)."""
    platform = platform or sys.platform
    if platform == "win32":
        return WINDOWS if windows.available() else None
    return CUPS if cups.available() else None


def pick(printer: str, want_raster: bool = False, platform: str | None = None,
         cups_queues: list[str] | None = None) -> str:
    """The path for this printer: on CUPS only for a queue the scheduler knows."""
    if want_raster:
        return RASTER
    path = vector_path(platform)
    if path == CUPS:
        known = cups.queues() if cups_queues is None else cups_queues
        return CUPS if printer in known else RASTER
    return path or RASTER
