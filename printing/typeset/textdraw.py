"""Draw laid-out lines on a ReportLab canvas: per-character fonts, justification, fake bold.

Fallback fonts are switched mid-line; blanks are skipped rather than drawn (a font may
lack U+3000); characters the clerk agreed to print without a font get an empty square to
fill in by hand instead of ReportLab's .notdef box.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from reportlab.lib.colors import Color, black

from printing.typeset.fonts import BLANKS, DocFonts
from printing.typeset.linebreak import JOINERS, SQUEEZABLE, SQUEEZE, Line, is_latin

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


def _tight(a: str, b: str) -> bool:
    """Inside a Latin/digit run (0371-12345678, 2026): no extra spacing there."""
    return (is_latin(a) or a in JOINERS) and (is_latin(b) or b in JOINERS)


def stretch_after(text: str) -> list[bool]:
    """For each character, whether justification may widen the gap after it.

    Spreading Chinese lines evenly also spaces out phone numbers and years
    ("0 3 7 1"), so gaps inside Latin runs stay tight unless the line has nothing else.
    """
    flags = [not _tight(a, b) for a, b in pairwise(text)]
    if flags and not any(flags):
        flags = [True] * len(flags)
    return flags


def line_geometry(line: Line, style: TextStyle, width: float) -> tuple[float, float]:
    """Start x, and the extra space (Tc) for each gap :func:`stretch_after` allows."""
    slack = line.avail - line.width
    align = style.align
    if align == "distribute" or (align == "justify" and not line.last):
        gaps = sum(stretch_after(line.text))
        if gaps and slack > 0:
            return line.x, slack / gaps
        if align == "distribute" and len(line.text) == 1:
            return line.x + slack / 2, 0.0
        return line.x, 0.0
    if align == "center":
        return line.x + slack / 2, 0.0
    if align == "right":
        return line.x + slack, 0.0
    return line.x, 0.0


def char_gaps(line: Line, style: TextStyle, width: float,
              adv: dict[str, float]) -> tuple[float, list[float]]:
    """Start x, and the extra space after each character of ``line``.

    A line wider than its room (the breaker pulled a run up) takes the excess from the
    blank halves of its full-width marks, evenly; one with room to spare is spread over
    the gaps :func:`stretch_after` allows, as :func:`line_geometry` does.
    """
    n = len(line.text)
    slack = line.avail - line.width
    if slack < -1e-6 and n > 1:
        marks = [i for i, c in enumerate(line.text[:-1]) if c in SQUEEZABLE]
        room = [min(SQUEEZE, adv[line.text[i]]) * style.size for i in marks]
        total = sum(room)
        gaps = [0.0] * n
        if total > 0:
            for i, r in zip(marks, room, strict=True):
                gaps[i] = -min(r, -slack * r / total)
        return line.x, gaps
    x0, tc = line_geometry(line, style, width)
    if not tc:
        return x0, [0.0] * n
    flags = stretch_after(line.text)
    return x0, [tc if f else 0.0 for f in flags] + [0.0]


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
        x0, extra = char_gaps(line, style, width, adv)
        if len(extra) > 1:
            extra[-1] = extra[-2]   # the last character joins its neighbour's run
        pos = x + x0
        run: list[str] = []
        run_key: tuple[str | None, float] | None = None
        run_x = pos
        for i, ch in enumerate(line.text):
            font = role_fonts[ch]
            gap = extra[i]
            key = (font, gap)
            if key != run_key or font is None:
                if run:
                    tc_set = _emit(text, run_key, size, run_x, y, run, tc_set)
                    run = []
                run_key, run_x = key, pos
            if font is not None:
                run.append(ch)
            elif ch not in BLANKS:
                boxes.append((pos, y))
            pos += adv[ch] * size + gap
        if run:
            tc_set = _emit(text, run_key, size, run_x, y, run, tc_set)
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


def _emit(text, key, size: float, x: float, y: float, run: list[str], tc_set: float) -> float:
    font, gap = key
    if gap != tc_set:
        text.setCharSpace(gap)
    text.setFont(font, size)
    text.setTextOrigin(x, y)
    text.textOut("".join(run))
    return gap
