"""Draw laid-out lines on a ReportLab canvas: per-character fonts, justification, fake bold.

Fallback fonts are switched mid-line; blanks are skipped rather than drawn (a font may
lack U+3000); characters the clerk agreed to print without a font get an empty square to
fill in by hand instead of ReportLab's .notdef box.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reportlab.lib.colors import Color, black

from .fonts import BLANKS, DocFonts
from .linebreak import Line

Align = Literal["justify", "left", "center", "right", "distribute"]

#: Baseline below the top of the em box. CJK fonts put the ideographic em box from about
#: -0.12 to 0.88 em around the baseline; using one value for all fonts keeps fallback
#: characters on the same line.
EM_ASCENT = 0.88
BOLD_STROKE = 0.03      # fake-bold outline width, in em


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph looks. Sizes are in points; ``indent_chars`` 2 for prose."""

    role: str = "body"
    size: float = 16.0
    leading: float | None = None        # None: 1.5 × size
    align: Align = "justify"
    indent_chars: float = 0.0           # first-line indent in characters (em)
    bold: bool = False                  # fake bold: fill + stroke
    color: Color = black
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def line_height(self) -> float:
        return self.leading if self.leading is not None else self.size * 1.5

    def baseline(self) -> float:
        """Distance from a line box's top to its baseline (em box centred in the box)."""
        return (self.line_height - self.size) / 2 + EM_ASCENT * self.size


def line_geometry(line: Line, style: TextStyle, width: float) -> tuple[float, float]:
    """Start x and character spacing (Tc) for a line in a ``width``-wide area."""
    slack = line.avail - line.width
    n = len(line.text)
    align = style.align
    if align == "distribute" or (align == "justify" and not line.last):
        if n > 1 and slack > 0:
            return line.x, slack / (n - 1)
        if align == "distribute" and n == 1:
            return line.x + slack / 2, 0.0
        return line.x, 0.0
    if align == "center":
        return line.x + slack / 2, 0.0
    if align == "right":
        return line.x + slack, 0.0
    return line.x, 0.0


def draw_lines(canv, lines: list[Line], style: TextStyle, fonts: DocFonts, x: float,
               top: float, width: float) -> None:
    """Draw lines whose first line box starts at ``top`` (PDF y, upwards) in [x, x+width]."""
    if not lines:
        return
    size, lh = style.size, style.line_height
    role_fonts = fonts.fonts(style.role)
    adv = fonts.advances(style.role)
    canv.saveState()
    canv.setFillColor(style.color)
    if style.bold:
        canv.setStrokeColor(style.color)
        canv.setLineWidth(size * BOLD_STROKE)
    boxes: list[tuple[float, float]] = []
    text = canv.beginText()
    if style.bold:
        text.setTextRenderMode(2)
    tc_set = 0.0
    y = top - style.baseline()
    for line in lines:
        x0, tc = line_geometry(line, style, width)
        if tc != tc_set:
            text.setCharSpace(tc)
            tc_set = tc
        pos = x + x0
        run_font: str | None = None
        run: list[str] = []
        run_x = pos
        for ch in line.text:
            font = role_fonts[ch]
            if font != run_font or font is None:
                if run:
                    text.setFont(run_font, size)
                    text.setTextOrigin(run_x, y)
                    text.textOut("".join(run))
                    run = []
                run_font, run_x = font, pos
            if font is not None:
                run.append(ch)
            elif ch not in BLANKS:
                boxes.append((pos, y))
            pos += adv[ch] * size + tc
        if run:
            text.setFont(run_font, size)
            text.setTextOrigin(run_x, y)
            text.textOut("".join(run))
        y -= lh
    if tc_set:
        text.setCharSpace(0)
    canv.drawText(text)
    if boxes:
        canv.setLineWidth(0.5)
        canv.setStrokeColor(style.color)
        for bx, by in boxes:
            canv.rect(bx + 0.1 * size, by - 0.08 * size, 0.8 * size, 0.8 * size,
                      stroke=1, fill=0)
    canv.restoreState()
