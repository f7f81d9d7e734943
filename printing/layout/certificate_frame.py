"""The border of a certificate printed on plain paper: vector lines only.

A double red frame, a gold inner frame with concave corners, corner ornaments and a gold
rule under the title. No images (a picture of a seal must never be printed, and clip art
looks cheap and bloats the file). Drawn once as a PDF form and placed on every page, so
a thousand certificates cost a thousand references, not a thousand borders.
"""
from __future__ import annotations

from math import asin, degrees

from reportlab.lib.colors import Color

from printing.sizes import mm

RED = Color(0.73, 0.06, 0.09)        # 中国红, printable on office inkjets
GOLD = Color(0.76, 0.58, 0.22)
FORM_NAME = "xfCertificateFrame"


def _notched_rect(canv, x0: float, y0: float, x1: float, y1: float, r: float):
    """A rectangle whose corners are cut by concave quarter circles of radius r."""
    p = canv.beginPath()
    p.moveTo(x0 + r, y0)
    p.lineTo(x1 - r, y0)
    p.arcTo(x1 - r, y0 - r, x1 + r, y0 + r, 180, -90)
    p.lineTo(x1, y1 - r)
    p.arcTo(x1 - r, y1 - r, x1 + r, y1 + r, 270, -90)
    p.lineTo(x0 + r, y1)
    p.arcTo(x0 - r, y1 - r, x0 + r, y1 + r, 0, -90)
    p.lineTo(x0, y0 + r)
    p.arcTo(x0 - r, y0 - r, x0 + r, y0 + r, 90, -90)
    p.close()
    return p


def _diamond(canv, cx: float, cy: float, half: float, fill: bool = True) -> None:
    p = canv.beginPath()
    p.moveTo(cx, cy + half)
    p.lineTo(cx + half, cy)
    p.lineTo(cx, cy - half)
    p.lineTo(cx - half, cy)
    p.close()
    canv.drawPath(p, stroke=0 if fill else 1, fill=1 if fill else 0)


def _corner(canv, s: float) -> None:
    """One corner ornament in a local frame: the corner at (0, 0), the page inside +x +y.

    A red diamond in the notch, and a gold inner bracket that follows the notch's curve
    and runs a little way along both edges, ending in a small diamond.
    """
    canv.setFillColor(RED)
    _diamond(canv, 3.0 * s, 3.0 * s, 2.1 * s)
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(0.7)
    d, radius, reach = 3.0, 10.0, 26.0
    foot = (radius * radius - d * d) ** 0.5
    p = canv.beginPath()
    p.moveTo(d * s, reach * s)
    p.lineTo(d * s, foot * s)
    low = degrees(asin(d / radius))                 # the arc between the two arms
    p.arcTo(-radius * s, -radius * s, radius * s, radius * s, 90 - low, -(90 - 2 * low))
    p.lineTo(reach * s, d * s)
    canv.drawPath(p, stroke=1, fill=0)
    canv.setFillColor(GOLD)
    for x, y in ((d, reach + 1.6), (reach + 1.6, d)):
        _diamond(canv, x * s, y * s, 0.9 * s)


def _mid_ornament(canv, cx: float, y: float, s: float, up: bool) -> None:
    """A small gold motif in the middle of the top and bottom edges."""
    canv.saveState()
    canv.translate(cx, y)
    if not up:
        canv.scale(1, -1)
    canv.setStrokeColor(GOLD)
    canv.setFillColor(RED)
    _diamond(canv, 0, 1.8 * s, 1.5 * s)
    canv.setLineWidth(0.7)
    for sign in (-1, 1):
        p = canv.beginPath()
        p.moveTo(sign * 2.6 * s, 1.8 * s)
        p.curveTo(sign * 6 * s, 1.8 * s, sign * 7 * s, 4.0 * s, sign * 5.2 * s, 4.6 * s)
        p.moveTo(sign * 2.6 * s, 1.8 * s)
        p.lineTo(sign * 16 * s, 1.8 * s)
        canv.drawPath(p, stroke=1, fill=0)
    canv.restoreState()


def draw_frame(canv, width: float, height: float) -> None:
    """Draw the border on a page of ``width`` × ``height`` points."""
    canv.saveState()
    canv.setLineJoin(1)
    canv.setLineCap(1)
    # double red frame
    canv.setStrokeColor(RED)
    canv.setLineWidth(3.2)
    outer = mm(9)
    canv.rect(outer, outer, width - 2 * outer, height - 2 * outer, stroke=1, fill=0)
    canv.setLineWidth(0.8)
    thin = mm(10.6)
    canv.rect(thin, thin, width - 2 * thin, height - 2 * thin, stroke=1, fill=0)
    # gold inner frame with concave corners, doubled by a hairline
    canv.setStrokeColor(GOLD)
    r = mm(7)
    for inset, lw in ((mm(13), 1.3), (mm(14.3), 0.45)):
        canv.setLineWidth(lw)
        canv.drawPath(_notched_rect(canv, inset, inset, width - inset, height - inset,
                                    r + (inset - mm(13))), stroke=1, fill=0)
    # ornaments in the four notches
    s = mm(1)
    corner = mm(13)
    for x, y, sx, sy in ((corner, corner, 1, 1), (width - corner, corner, -1, 1),
                         (corner, height - corner, 1, -1),
                         (width - corner, height - corner, -1, -1)):
        canv.saveState()
        canv.translate(x, y)
        canv.scale(sx, sy)
        _corner(canv, s)
        canv.restoreState()
    _mid_ornament(canv, width / 2, height - mm(13) - mm(0.2), s, up=False)
    _mid_ornament(canv, width / 2, mm(13) + mm(0.2), s, up=True)
    canv.restoreState()


def draw_title_rule(canv, cx: float, y: float, half_width: float) -> None:
    """A gold rule under the title with a red diamond in the middle."""
    canv.saveState()
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(0.9)
    gap = mm(3.5)
    canv.line(cx - half_width, y, cx - gap, y)
    canv.line(cx + gap, y, cx + half_width, y)
    canv.setLineWidth(0.4)
    canv.line(cx - half_width * 0.8, y - mm(1.1), cx - gap, y - mm(1.1))
    canv.line(cx + gap, y - mm(1.1), cx + half_width * 0.8, y - mm(1.1))
    canv.setFillColor(RED)
    _diamond(canv, cx, y - mm(0.55), mm(1.8))
    canv.restoreState()


def define_frame_form(canv, width: float, height: float) -> str:
    """Define the border as a reusable PDF form once per document; returns its name."""
    canv.beginForm(FORM_NAME, 0, 0, width, height)
    draw_frame(canv, width, height)
    canv.endForm()
    return FORM_NAME
