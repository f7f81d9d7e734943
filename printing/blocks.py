"""Small flowables shared by documents: the issuer-and-date block with room for a seal."""
from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from .fonts import DocFonts
from .linebreak import Line, clean_text
from .sizes import mm
from .textdraw import TextStyle, draw_lines

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
