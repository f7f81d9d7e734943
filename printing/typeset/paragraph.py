"""A Chinese paragraph flowable built on :mod:`printing.typeset.linebreak`.

Used directly in a story for prose, and inside :class:`printing.layout.table.CJKTable`
cells (or ReportLab ``Table`` cells): it splits only between lines, so a page break
never cuts a line in half.
"""
from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from printing.typeset.fonts import DocFonts
from printing.typeset.linebreak import Line, break_paragraph, clean_text
from printing.typeset.textdraw import TextStyle, draw_lines


def layout(text: str, style: TextStyle, fonts: DocFonts, width: float,
           label: str = "") -> list[Line]:
    """Break ``label + text`` into lines for ``width``.

    With a label (e.g. "1. ") the continuation lines hang under the text, not the label.
    Without one, ``style.indent_chars`` indents the first line (prose: two characters);
    leading blanks of the text are then dropped so the indent is never doubled.
    """
    adv = fonts.advances(style.role)
    size = style.size
    text, label = clean_text(text), clean_text(label)
    if label:
        hang = sum(adv[c] for c in label) * size
        if hang > width / 2:   # absurdly long label: do not hang
            hang = 0.0
        return break_paragraph(label + text, adv, size, width, 0.0, hang)
    first = style.indent_chars * size
    if style.indent_chars:
        text = text.lstrip(" \u3000\t")
    return break_paragraph(text, adv, size, width, first, 0.0)


def declare(fonts: DocFonts, style: TextStyle, text: str, label: str = "") -> None:
    """Tell the document's fonts which characters this text will need."""
    fonts.need(style.role, clean_text(label + text))


class CJKParagraph(Flowable):
    """A paragraph of Chinese text; ``\\n`` in the text is a line break."""

    def __init__(self, text: str, style: TextStyle, fonts: DocFonts, label: str = "",
                 _lines: list[Line] | None = None, _width: float | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self.fonts = fonts
        self.label = label
        self._lines = _lines
        self._lines_width = _width
        self._fixed = _lines is not None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        if _lines is None:
            declare(fonts, style, text, label)

    def lines(self, width: float) -> list[Line]:
        if not self._fixed and (self._lines is None or self._lines_width != width):
            self._lines = layout(self.text, self.style, self.fonts, width, self.label)
            self._lines_width = width
        assert self._lines is not None
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width = self._lines_width if self._fixed and self._lines_width is not None else availWidth
        self.width = width
        self.height = len(self.lines(width)) * self.style.line_height
        return width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        width = self._lines_width if self._fixed and self._lines_width is not None else availWidth
        if self._lines_width is not None and width > self._lines_width:
            # ReportLab's Table splits a cell with the column width, padding included;
            # never grow wider than the width the cell was wrapped to.
            width = self._lines_width
        lines = self.lines(width)
        fit = int((availHeight + 1e-6) // self.style.line_height)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        first = CJKParagraph(self.text, self.style, self.fonts, self.label,
                             lines[:fit], width)
        rest = CJKParagraph(self.text, self.style, self.fonts, self.label,
                            lines[fit:], width)
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def draw(self) -> None:
        draw_lines(self.canv, self.lines(self.width), self.style, self.fonts, 0.0,
                   self.height, self.width)
