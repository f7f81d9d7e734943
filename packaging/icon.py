"""The program's icon, made from resources/xianfeng.svg at build time (no binary in git).

Qt's own SVG renderer draws it at each size Windows asks of an .ico; Pillow (already there
for ReportLab) packs them. Run by the spec; `python packaging/icon.py OUT_DIR` by hand.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "xianfeng.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int, svg: Path = SVG) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication([])  # type: ignore[attr-defined]  # kept alive
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def make_icons(out: Path) -> tuple[Path, Path]:
    """(xianfeng.png, xianfeng.ico) in out: the PNG for Linux, the ICO for the exe."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    png = out / "xianfeng.png"
    png.write_bytes(render_png(256))
    ico = out / "xianfeng.ico"
    largest = Image.open(io.BytesIO(render_png(256)))
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES])
    return png, ico


if __name__ == "__main__":
    print(*make_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icon")))
