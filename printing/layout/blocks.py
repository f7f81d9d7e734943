"""Small flowables shared by documents: the issuer-and-date block with room for a seal,
and a table whose last rows stay on the page of that block."""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable

from printing.layout.table import CJKTable
from printing.sizes import mm
from printing.typeset.fonts import DocFonts
from printing.typeset.linebreak import Line, clean_text
from printing.typeset.textdraw import TextStyle, draw_lines

SEAL_DIAMETER = mm(42)


class SignatureBlock(Flowable):
    """署名 over 成文日期, the date ``right_chars`` characters from the right edge.

    GB/T 9704 centres the issuer over the date and leaves room for a 42 mm seal pressed
    over both; ``seal_room`` is the blank height kept above the issuer for it.
    """

    def __init__(self, issuer: str, date_text: str, style: TextStyle, fonts: DocFonts,
                 right_chars: float = 4.0, seal_room: float = mm(14)):
        super().__init__()
        self.issuer = clean_text(issuer).replace("\n", "")
        self.date_text = clean_text(date_text).replace("\n", "")
        self.style = style
        self.fonts = fonts
        self.right_chars = right_chars
        self.seal_room = seal_room
        fonts.need(style.role, self.issuer + self.date_text)

    def _width(self, text: str) -> float:
        adv = self.fonts.advances(self.style.role)
        return sum(adv[c] for c in text) * self.style.size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        # the seal (42 mm) is pressed over issuer and date: keep its whole height free
        self.height = max(SEAL_DIAMETER, self.seal_room + 2 * self.style.line_height)
        return self.width, self.height

    def positions(self) -> tuple[float, float]:
        """Left x of the issuer and of the date inside the block."""
        size = self.style.size
        date_w, issuer_w = self._width(self.date_text), self._width(self.issuer)
        date_x = max(0.0, self.width - self.right_chars * size - date_w)
        centre = date_x + date_w / 2
        issuer_x = min(centre - issuer_w / 2, self.width - issuer_w)
        return max(0.0, issuer_x), date_x

    def draw(self) -> None:
        issuer_x, date_x = self.positions()
        style = TextStyle(self.style.role, self.style.size, self.style.leading, "left",
                          color=self.style.color)
        lh = style.line_height
        for text, x, top in ((self.issuer, issuer_x, self.height - self.seal_room),
                             (self.date_text, date_x, self.height - self.seal_room - lh)):
            if not text:
                continue
            w = self._width(text)
            draw_lines(self.canv, [Line(text, w, 0.0, w, True)], style, self.fonts, x, top, w)


def _stack_height(flowables: Sequence[Flowable], width: float, space_first: bool) -> float:
    """Height the frame uses for these flowables one below the other (space after the last
    is not needed to fit, and spaces are counted in full: never too little)."""
    total = 0.0
    for i, f in enumerate(flowables):
        _w, h = f.wrap(width, 0xFFFFFF)
        total += h + (f.getSpaceBefore() if i or space_first else 0.0)
        if i < len(flowables) - 1:
            total += f.getSpaceAfter()
    return total


class _Placer(Flowable):
    """A flowable that is never drawn itself: it always asks to be split, and its split hands
    the frame the parts to place (as KeepTogether does), after measuring what fits."""

    lead: list[Flowable]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 0xFFFFFF  # always split: the frame then places the parts

    def draw(self) -> None:  # never drawn itself
        pass

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(frame is not None and getattr(frame, "_atTop", False))

    def _lead_height(self, availWidth: float, at_top: bool) -> float:
        return _stack_height(self.lead, availWidth, not at_top) if self.lead else 0.0


class TableEnding(_Placer):
    """A table that never leaves its closing block (issuer, date, seal room) alone on a page.

    A signature on an otherwise empty page reads as an unsigned list, and a whole-table
    KeepTogether would push a long table to a new page. So the table flows as usual, but its
    last ``keep_rows`` rows always go with ``closing``; ``lead`` (the section heading) stays
    with the table's first rows. Like KeepTogether, it asks to be split and hands its parts
    to the frame.
    """

    def __init__(self, lead: Sequence[Flowable], table: CJKTable, closing: Sequence[Flowable],
                 keep_rows: int = 2) -> None:
        super().__init__()
        self.lead, self.table, self.closing = list(lead), table, list(closing)
        self.keep_rows = keep_rows

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        at_top = self._at_top()
        lead_h = self._lead_height(availWidth, at_top)
        closing_h = _stack_height(self.closing, availWidth, True)
        header_h, rows_h = self.table.row_heights(availWidth)
        eps = 1e-6
        if lead_h + header_h + sum(rows_h) + closing_h <= availHeight + eps:
            return [*self.lead, self.table, *self.closing]
        keep = min(self.keep_rows, len(rows_h))
        room, used, k = availHeight - lead_h - header_h, 0.0, 0
        while k < len(rows_h) - keep and used + rows_h[k] <= room + eps:
            used += rows_h[k]
            k += 1
        if k:
            head, tail = self.table.split_rows(availWidth, k)
            return [*self.lead, head, TableEnding([], tail, self.closing, self.keep_rows)]
        if not at_top:  # not even the first row fits before the kept ones: start a new page
            return [FrameBreak(), TableEnding(self.lead, self.table, self.closing, self.keep_rows)]
        # a fresh page cannot hold the kept rows and the block: let them flow as they can
        return [*self.lead, self.table, *self.closing]


class TableStart(_Placer):
    """A section heading and its table, the heading never parted from the table's first row.

    A CondPageBreak cannot know how tall the first row will be, and the table cuts a first
    row that does not fit rather than leave its page empty: a row of two or three lines (a
    long post) then showed one line under the heading and the rest overleaf. So when the
    heading, the header and the whole first row do not fit, all three start the next page.
    """

    def __init__(self, lead: Sequence[Flowable], table: CJKTable) -> None:
        super().__init__()
        self.lead, self.table = list(lead), table

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        at_top = self._at_top()
        lead_h = self._lead_height(availWidth, at_top)
        header_h, rows_h = self.table.row_heights(availWidth)
        first = rows_h[0] if rows_h else 0.0
        if at_top or lead_h + header_h + first <= availHeight + 1e-6:
            return [*self.lead, self.table]
        return [FrameBreak(), *self.lead, self.table]
