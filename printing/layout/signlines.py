"""Signature lines for forms: 承诺人：________ over 年 月 日, near the right edge.

A printed underline (a drawn rule, not underscores, whose width differs per font) gives
the pen a place to sign; the date is either filled in or left as 年 月 日 blanks to be
written by hand. Several signers (主持人（签字）, 记录人（签字）) share one line when
they fit, else each gets its own.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.platypus.flowables import Flowable

from printing.typeset.fonts import DocFonts
from printing.typeset.linebreak import Line, clean_text
from printing.typeset.textdraw import TextStyle, draw_lines

#: 年 月 日 with room to write the numbers by hand.
BLANK_DATE = "　　　　年　　月　　日"


class SignatureLines(Flowable):
    """``signers`` are (label, filled-in text); an empty text gets a blank rule.

    The block is right-aligned ``right_chars`` characters from the right edge, the date
    right-aligned under it. ``rule_chars`` is the length of each blank rule in characters.
    """

    def __init__(self, signers: Sequence[tuple[str, str]], date_text: str, style: TextStyle,
                 fonts: DocFonts, *, right_chars: float = 2.0, rule_chars: float = 7.0,
                 gap_chars: float = 3.0, space_before: float = 0.0):
        super().__init__()
        self.signers = [(clean_text(a), clean_text(b)) for a, b in signers]
        self.date_text = clean_text(date_text)
        self.style = replace(style, align="left")
        self.fonts = fonts
        self.right_chars = right_chars
        self.rule_chars = rule_chars
        self.gap_chars = gap_chars
        self.spaceBefore = space_before
        fonts.need(style.role, "".join(a + b for a, b in self.signers) + self.date_text)
        self._rows: list[list[tuple[str, str]]] = []

    def _w(self, text: str) -> float:
        adv = self.fonts.advances(self.style.role)
        return sum(adv[c] for c in text) * self.style.size

    def _field_width(self, label: str, value: str) -> float:
        size = self.style.size
        return self._w(label) + max(self._w(value) + size, self.rule_chars * size)

    def _row_width(self, row: list[tuple[str, str]]) -> float:
        gap = self.gap_chars * self.style.size
        return sum(self._field_width(a, b) for a, b in row) + gap * (len(row) - 1)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        room = availWidth - self.right_chars * self.style.size
        if self.signers and self._row_width(self.signers) <= room:
            self._rows = [self.signers]
        else:
            self._rows = [[s] for s in self.signers]
        n = len(self._rows) + (1 if self.date_text else 0)
        self.height = n * self.style.line_height * 1.5
        return self.width, self.height

    def draw(self) -> None:
        style, size = self.style, self.style.size
        lh = style.line_height * 1.5
        right = self.width - self.right_chars * size
        widest = max([self._row_width(r) for r in self._rows] + [self._w(self.date_text)])
        left = max(0.0, right - widest)
        top = self.height
        canv = self.canv
        for row in self._rows:
            x = left + (widest - self._row_width(row))
            for label, value in row:
                field_w = self._field_width(label, value)
                lw = self._w(label)
                line_top = top - (lh - style.line_height) / 2
                self._text(label, x, line_top)
                rule_x0, rule_x1 = x + lw, x + field_w
                if value:
                    vw = self._w(value)
                    self._text(value, rule_x0 + (rule_x1 - rule_x0 - vw) / 2, line_top)
                baseline = line_top - style.baseline()
                canv.saveState()
                canv.setLineWidth(0.6)
                canv.line(rule_x0, baseline - 0.18 * size, rule_x1, baseline - 0.18 * size)
                canv.restoreState()
                x += field_w + self.gap_chars * size
            top -= lh
        if self.date_text:
            w = self._w(self.date_text)
            self._text(self.date_text, left + widest - w, top - (lh - style.line_height) / 2)

    def _text(self, text: str, x: float, top: float) -> None:
        w = self._w(text)
        draw_lines(self.canv, [Line(text, w, 0.0, w, True)], self.style, self.fonts, x, top, w)


__all__ = ["BLANK_DATE", "SignatureLines"]
