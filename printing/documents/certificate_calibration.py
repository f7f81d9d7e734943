"""The calibration page for printing onto pre-printed certificate stock (套打).

Printed on plain paper and held against a sheet of stock in front of a window, it shows
where the text will land: the sheet's outline, a millimetre ruler and grid measured from
the sheet's edges (drawn without the printer offset, so a printer that feeds paper
crooked shows it), and each text box with the offset applied, labelled, plus the 42 mm
seal circle. A short note says how to read it and which way to change the offsets.
"""
from __future__ import annotations

from reportlab.lib.colors import Color

from printing.layout.certificate_layout import STOCK_LABELS, Box, CertificateLayout
from printing.sizes import mm
from printing.typeset.fonts import DocFonts
from printing.typeset.linebreak import Line
from printing.typeset.paragraph import layout as layout_paragraph
from printing.typeset.textdraw import TextStyle, draw_lines

GRID_LIGHT = Color(0.90, 0.92, 0.96)
GRID_DARK = Color(0.72, 0.77, 0.86)
RULER = Color(0.15, 0.2, 0.3)
BOX = Color(0.1, 0.35, 0.8)
SEAL = Color(0.8, 0.15, 0.15)
SEAL_MM = 42.0
LABELS = {"title": "标题", "recipient": "受表彰者", "body": "正文", "issuer": "落款单位",
          "date": "日期", "number": "证书编号"}
HEADING = "证书套打校准页"
ROLE = "body"
DIGITS = "0123456789"


def _offset_text(dx: float, dy: float) -> str:
    return f"打印偏移：水平 {dx:+.1f} 毫米（正数向右），垂直 {dy:+.1f} 毫米（正数向下）"


def _paper_text(layout: CertificateLayout) -> str:
    if layout.stock in STOCK_LABELS:
        return "纸张：" + STOCK_LABELS[layout.stock].split("：", 1)[-1]
    w, h = layout.page_mm
    return f"纸张：自定义（宽{w:g}、高{h:g}毫米）"


INSTRUCTIONS = ("用普通白纸打印本页（打印时选“实际大小”，不要“适合页面”），与证书纸边角对齐叠放，"
                "对着光看：灰色文字和蓝色框应落在证书纸的空白处，红色虚线圆是盖章位置。"
                "刻度从纸边量起，可用来量出偏差。文字比应在的位置偏右几毫米，就把水平偏移减去几毫米；"
                "偏下几毫米，就把垂直偏移减去几毫米。调整后再打印一张核对。")


def _notes(layout: CertificateLayout) -> list[str]:
    return [_paper_text(layout), _offset_text(*layout.offset_mm), INSTRUCTIONS]


def declare_calibration(fonts: DocFonts, layout: CertificateLayout) -> None:
    fonts.need(ROLE, DIGITS + HEADING + "".join(LABELS.values()) + "盖章处（直径42毫米）"
               + "".join(_notes(layout)) + "毫米")


def _label(canv, fonts: DocFonts, text: str, x: float, top: float, size: float,
           color: Color) -> None:
    w = sum(fonts.advances(ROLE)[c] for c in text) * size
    draw_lines(canv, [Line(text, w, 0.0, w, True)], TextStyle(ROLE, size, size, "left",
                                                              color=color), fonts, x, top, w)


def _grid(canv, width: float, height: float) -> None:
    canv.setLineWidth(0.25)
    for step, color in ((5, GRID_LIGHT), (10, GRID_DARK)):
        canv.setStrokeColor(color)
        canv.setLineWidth(0.2 if step == 5 else 0.35)
        p = canv.beginPath()
        x = step
        while mm(x) < width:
            if step == 10 or x % 10:
                p.moveTo(mm(x), 0)
                p.lineTo(mm(x), height)
            x += step
        y = step
        while mm(y) < height:
            if step == 10 or y % 10:
                p.moveTo(0, height - mm(y))
                p.lineTo(width, height - mm(y))
            y += step
        canv.drawPath(p, stroke=1, fill=0)


def _rulers(canv, fonts: DocFonts, width: float, height: float) -> None:
    """Ticks every millimetre along all four edges, numbered every 10 mm on top and left."""
    canv.setStrokeColor(RULER)
    canv.setLineWidth(0.3)
    p = canv.beginPath()
    for n in range(1, int(width / mm(1)) + 1):
        length = mm(4 if n % 10 == 0 else 2.5 if n % 5 == 0 else 1.5)
        x = mm(n)
        p.moveTo(x, height)
        p.lineTo(x, height - length)
        p.moveTo(x, 0)
        p.lineTo(x, length)
    for n in range(1, int(height / mm(1)) + 1):
        length = mm(4 if n % 10 == 0 else 2.5 if n % 5 == 0 else 1.5)
        y = height - mm(n)
        p.moveTo(0, y)
        p.lineTo(length, y)
        p.moveTo(width, y)
        p.lineTo(width - length, y)
    canv.drawPath(p, stroke=1, fill=0)
    size = 6.5
    adv = fonts.advances(ROLE)
    for n in range(10, int(width / mm(1)), 10):
        text = str(n)
        w = sum(adv[c] for c in text) * size
        _label(canv, fonts, text, mm(n) - w / 2, height - mm(4.5), size, RULER)
    for n in range(10, int(height / mm(1)), 10):
        _label(canv, fonts, str(n), mm(4.8), height - mm(n) + size * 0.45, size, RULER)
    canv.setLineWidth(0.6)
    canv.rect(0.3, 0.3, width - 0.6, height - 0.6, stroke=1, fill=0)   # the sheet's edge


def _seal_centre(layout: CertificateLayout) -> tuple[float, float]:
    """The seal goes over the issuer and the date: the centre of both boxes together (mm)."""
    a, b = layout.issuer, layout.date
    left, right = min(a.x, b.x), max(a.x + a.width, b.x + b.width)
    top, bottom = min(a.y, b.y), max(a.y + a.height, b.y + b.height)
    return (left + right) / 2, (top + bottom) / 2


LABEL_MM = 4.0     # a box's label sits above its top edge


def _obstacles(layout: CertificateLayout) -> list[tuple[float, float, float, float]]:
    """Boxes (with their labels above and the title's rule below) and the seal, as
    (left, top, right, bottom) in mm from the sheet's top-left corner."""
    dx, dy = layout.offset_mm
    used = [(b.x + dx, b.y + dy - LABEL_MM, b.x + dx + b.width,
             b.y + dy + b.height + (6.0 if name == "title" else 1.0))
            for name, b in layout.boxes().items()]
    cx, cy = _seal_centre(layout)
    used.append((cx + dx - SEAL_MM / 2, cy + dy - SEAL_MM / 2, cx + dx + SEAL_MM / 2,
                 cy + dy + SEAL_MM / 2 + LABEL_MM))
    return used


def _free_rects(layout: CertificateLayout, margin: float = 12.0
                ) -> list[tuple[float, float, float, float]]:
    """Empty rectangles (mm) between the boxes, widest areas first: where the notes go.

    Full-width bands alone are not enough: on A4 landscape the title nearly touches the
    top and the notes, shrunk to the floor, ran into the 标题 box."""
    used = _obstacles(layout)
    pw, ph = layout.page_mm
    xs = sorted({margin, pw - margin} | {v for r in used for v in (r[0], r[2])
                                         if margin <= v <= pw - margin})
    ys = sorted({margin, ph - margin} | {v for r in used for v in (r[1], r[3])
                                         if margin <= v <= ph - margin})
    free = []
    for i, x0 in enumerate(xs):
        for x1 in xs[i + 1:]:
            if x1 - x0 < 60:
                continue
            for j, y0 in enumerate(ys):
                for y1 in ys[j + 1:]:
                    if not any(x0 < r[2] and r[0] < x1 and y0 < r[3] and r[1] < y1
                               for r in used):
                        free.append((x0, y0, x1, y1))
    free.sort(key=lambda r: (r[2] - r[0]) * (r[3] - r[1]), reverse=True)
    return free


def _place_notes(layout: CertificateLayout, fonts: DocFonts
                 ) -> tuple[tuple[float, float, float, float], TextStyle, list]:
    """The free rectangle where the notes fit at the largest size (9 pt down to 6 pt)."""
    best = None
    for rect in _free_rects(layout)[:8]:
        w, room = mm(rect[2] - rect[0]) - mm(4), mm(rect[3] - rect[1]) - mm(4)
        size = 9.0
        while size >= 6:
            style = TextStyle(ROLE, size, size * 1.45, "justify", color=RULER)
            laid = [layout_paragraph(t, style, fonts, w) for t in _notes(layout)]
            need = size * 1.6 + sum(len(p) for p in laid) * style.line_height
            if need <= room:
                if best is None or size > best[1].size:
                    best = (rect, style, laid)
                break
            size -= 0.5
    if best is None:   # nothing fits: the largest rectangle at the floor size
        rect = _free_rects(layout)[0]
        style = TextStyle(ROLE, 6.0, 6.0 * 1.45, "justify", color=RULER)
        best = (rect, style, [layout_paragraph(t, style, fonts, mm(rect[2] - rect[0]) - mm(4))
                              for t in _notes(layout)])
    return best


def draw_calibration(canv, layout: CertificateLayout, fonts: DocFonts) -> None:
    """Outline, grid, rulers, the boxes with the offset, the seal circle and the note."""
    width, height = layout.page_size
    dx, dy = layout.offset_mm
    canv.saveState()
    _grid(canv, width, height)
    _rulers(canv, fonts, width, height)
    canv.setStrokeColor(BOX)
    canv.setLineWidth(0.7)
    canv.setDash(3, 2)
    for name, box in layout.boxes().items():
        b: Box = box.moved(dx, dy)
        canv.rect(mm(b.x), height - mm(b.y + b.height), mm(b.width), mm(b.height),
                  stroke=1, fill=0)
        text = LABELS[name]
        tw = sum(fonts.advances(ROLE)[c] for c in text) * 7
        _label(canv, fonts, text, mm(b.x + b.width) - tw - 1, height - mm(b.y) + 8.5, 7, BOX)
    cx, cy = _seal_centre(layout)
    canv.setStrokeColor(SEAL)
    canv.circle(mm(cx + dx), height - mm(cy + dy), mm(SEAL_MM / 2), stroke=1, fill=0)
    canv.setDash()
    _label(canv, fonts, "盖章处（直径42毫米）", mm(cx + dx) - 35,
           height - mm(cy + dy + SEAL_MM / 2) - 2, 7, SEAL)
    rect, style, laid = _place_notes(layout, fonts)
    size = style.size
    x0, w = mm(rect[0] + 2), mm(rect[2] - rect[0]) - mm(4)
    y = height - mm(rect[1]) - mm(2)
    need = size * 1.6 + sum(len(p) for p in laid) * style.line_height
    canv.setFillColor(Color(1, 1, 1))
    canv.rect(x0 - 4, y - need - 2, w + 8, need + 6, stroke=0, fill=1)   # legible over the grid
    _label(canv, fonts, HEADING, x0, y, size * 1.4, RULER)
    y -= size * 1.6 + size * 0.4
    for para in laid:
        draw_lines(canv, para, style, fonts, x0, y, w)
        y -= len(para) * style.line_height
    canv.restoreState()
