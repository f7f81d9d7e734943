"""A ruled form grid: fixed columns, header rows with spans, rows that never split.

Ballots and tally tables are forms, not prose tables: every row is one person or one item,
tall enough to tick with a pen, and a row cut across two pages would make a ballot
ambiguous. So this grid breaks pages only between rows and repeats its (possibly
two-level) header on every page. Names shrink to stay on one line (a name must never
wrap inside a tick row); narrow header columns can stack their characters vertically,
as Chinese forms do (满 / 意).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, black
from reportlab.platypus.flowables import Flowable

from printing.layout.widths import NAME_FLOOR, widen_for
from printing.typeset.fonts import DocFonts
from printing.typeset.linebreak import Line, clean_text
from printing.typeset.paragraph import layout
from printing.typeset.textdraw import Align, TextStyle, draw_lines

EPS = 1e-6
VERTICAL_LEADING = 1.15       # line height of stacked characters, in em


@dataclass(frozen=True)
class Cell:
    """One cell. ``span`` counts columns; ``rows`` (header only) counts header rows."""

    text: str = ""
    span: int = 1
    rows: int = 1
    align: Align = "center"
    style: TextStyle | None = None      # None: the grid's body (or header) style
    fit: bool = False                   # shrink to stay on one line (names)
    vertical: bool = False              # one character per line (narrow header columns)


CellLike = Cell | str


def _cell(value: CellLike) -> Cell:
    cell = value if isinstance(value, Cell) else Cell(str(value))
    return replace(cell, text=clean_text(cell.text))


@dataclass(frozen=True)
class GridLook:
    padding_x: float = 3.0
    padding_y: float = 2.0
    outer_width: float = 1.0
    inner_width: float = 0.5
    rules: bool = True                  # False: a borderless layout grid (label/value pairs)
    min_size: float = 7.0               # ``fit`` shrinks below this only to NAME_FLOOR, never wraps
    color: Color = black


@dataclass
class _Placed:
    col: int
    span: int
    row: int
    rows: int
    style: TextStyle
    lines: list[Line]
    align: Align

    def content_height(self) -> float:
        return len(self.lines) * self.style.line_height


class FormGrid(Flowable):
    """Columns with relative ``weights``; ``header`` rows repeat on every page.

    ``row_height`` is the least height of a body row (ticking room); a row grows with its
    text but is never split. Use :func:`fits_one_line` in tests to prove names fit.
    """

    def __init__(self, weights: Sequence[float], header: Sequence[Sequence[CellLike]],
                 rows: Sequence[Sequence[CellLike]], fonts: DocFonts, style: TextStyle,
                 header_style: TextStyle | None = None, row_height: float = 0.0,
                 look: GridLook = GridLook(), repeat_header: bool = True,
                 _state: dict | None = None):
        super().__init__()
        self.weights = list(weights)
        self.fonts = fonts
        self.style = style
        self.header_style = header_style or style
        self.row_height = row_height
        self.look = look
        self.repeat_header = repeat_header
        self.header = [[_cell(c) for c in r] for r in header]
        self.body = [[_cell(c) for c in r] for r in rows]
        if _state is not None:
            self._state = _state
            return
        for r in self.header:
            for c in r:
                fonts.need((c.style or self.header_style).role, c.text)
        for r in self.body:
            if sum(c.span for c in r) != len(self.weights):
                raise ValueError(f"表格行的列数（{sum(c.span for c in r)}）与表头（{len(self.weights)}）不符")
            for c in r:
                fonts.need((c.style or style).role, c.text)
        self._state = {"width": None}

    # -- layout

    def _lay_cell(self, c: Cell, width: float, default: TextStyle) -> tuple[TextStyle, list[Line]]:
        style = replace(c.style or default, align=c.align)
        inner = max(width - 2 * self.look.padding_x, 1.0)
        adv = self.fonts.advances(style.role)
        if c.vertical:
            size = style.size
            style = replace(style, leading=size * VERTICAL_LEADING, align="center")
            return style, [Line(ch, adv[ch] * size, 0.0, inner, True) for ch in c.text]
        if c.fit and c.text:
            em = max(sum(adv[ch] for ch in part) for part in c.text.split("\n"))
            if em * style.size > inner + EPS:
                # down to the grid's floor; below it only rather than wrap a name
                size = inner / em * 0.999
                if size < self.look.min_size:
                    size = max(NAME_FLOOR, size)
                style = replace(style, size=size, leading=style.line_height * size / style.size)
        lines = layout(c.text, style, self.fonts, inner) if c.text else []
        return style, lines

    def _place(self, rows: list[list[Cell]], widths: list[float], default: TextStyle,
               header: bool) -> tuple[list[_Placed], list[float]]:
        placed: list[_Placed] = []
        taken: set[tuple[int, int]] = set()
        for ri, r in enumerate(rows):
            col = 0
            for c in r:
                while (ri, col) in taken:
                    col += 1
                span = max(1, c.span)
                nrows = max(1, c.rows) if header else 1
                if col + span > len(widths):
                    raise ValueError("表头单元格超出表格宽度")
                for dr in range(nrows):
                    for dc in range(span):
                        taken.add((ri + dr, col + dc))
                style, lines = self._lay_cell(c, sum(widths[col:col + span]), default)
                placed.append(_Placed(col, span, ri, nrows, style, lines, c.align))
                col += span
        n = max([p.row + p.rows for p in placed], default=len(rows))
        pad = 2 * self.look.padding_y
        heights = [0.0 if header else self.row_height for _ in range(n)]
        for p in placed:
            if p.rows == 1:
                heights[p.row] = max(heights[p.row], p.content_height() + pad)
        for p in placed:
            if p.rows > 1:
                have = sum(heights[p.row:p.row + p.rows])
                need = p.content_height() + pad
                if need > have + EPS:
                    heights[p.row + p.rows - 1] += need - have
        return placed, heights

    def _ensure(self, width: float) -> None:
        st = self._state
        if st["width"] is not None and abs(st["width"] - width) < EPS:
            return
        total = sum(self.weights)
        widths = [width * w / total for w in self.weights]
        needs = self._fit_needs()
        if any(need > widths[i] + EPS for i, need in needs.items()):
            widths = widen_for(widths, needs, self._keep())
        head, head_h = self._place(self.header, widths, self.header_style, True)
        rows = []
        for r in self.body:
            placed, (h,) = self._place([r], widths, self.style, False)
            rows.append((placed, h))
        st.update(width=width, widths=widths, head=head, head_h=head_h, rows=rows)

    def _fit_needs(self) -> dict[int, float]:
        """Width each column of one-line (``fit``) cells needs for its longest text at
        full size: the column widens first, then the text shrinks."""
        needs: dict[int, float] = {}
        for r in self.body:
            col = 0
            for c in r:
                if c.fit and c.span == 1 and c.text:
                    style = c.style or self.style
                    adv = self.fonts.advances(style.role)
                    w = max(sum(adv[ch] for ch in p) for p in c.text.split("\n")) * style.size
                    needs[col] = max(needs.get(col, 0.0), w + 2 * self.look.padding_x)
                col += c.span
        return needs

    def _keep(self) -> list[float]:
        """Per column, the width its cells need on one line (a vertical header: one
        character; a spanning header: its share): what widening a name may not take."""
        keep = [0.0] * len(self.weights)
        pad = 2 * self.look.padding_x
        for rows, default in ((self.header, self.header_style), (self.body, self.style)):
            for r in rows:
                col = 0
                for c in r:
                    if c.text:
                        style = c.style or default
                        adv = self.fonts.advances(style.role)
                        parts = list(c.text) if c.vertical else c.text.split("\n")
                        w = max(sum(adv[ch] for ch in p) for p in parts) * style.size
                        for k in range(col, min(col + max(1, c.span), len(keep))):
                            keep[k] = max(keep[k], (w + pad) / max(1, c.span))
                    col += max(1, c.span)
        return keep

    def _header_height(self) -> float:
        return sum(self._state["head_h"])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._ensure(availWidth)
        st = self._state
        self.width = availWidth
        head = self._header_height() if (self.repeat_header or not st.get("continued")) else 0.0
        self.height = head + sum(h for _p, h in st["rows"])
        return self.width, self.height

    def row_heights(self) -> list[float]:
        """Body row heights after layout (for tests and callers that plan pages)."""
        return [h for _p, h in self._state["rows"]]

    # -- splitting: between rows only

    def _sub(self, rows: list, continued: bool) -> FormGrid:
        st = dict(self._state)
        st["rows"] = rows
        st["continued"] = continued
        return FormGrid(self.weights, [], [], self.fonts, self.style, self.header_style,
                        self.row_height, self.look, self.repeat_header, st)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._ensure(availWidth)
        st = self._state
        rows = st["rows"]
        head = self._header_height() if (self.repeat_header or not st.get("continued")) else 0.0
        used, k = head, 0
        while k < len(rows) and used + rows[k][1] <= availHeight + EPS:
            used += rows[k][1]
            k += 1
        if k == 0:
            return []
        if k == len(rows):
            return [self]
        return [self._sub(rows[:k], bool(st.get("continued"))), self._sub(rows[k:], True)]

    # -- drawing

    def draw(self) -> None:
        st = self._state
        widths: list[float] = st["widths"]
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        top = self.height
        show_head = self.repeat_header or not st.get("continued")
        cells: list[tuple[_Placed, float, float]] = []     # placed, top, height
        if show_head:
            tops = [top]
            for h in st["head_h"]:
                tops.append(tops[-1] - h)
            for p in st["head"]:
                cells.append((p, tops[p.row], tops[p.row] - tops[p.row + p.rows]))
            top = tops[-1]
        for placed, h in st["rows"]:
            for p in placed:
                cells.append((p, top, h))
            top -= h
        canv = self.canv
        look = self.look
        if look.rules:
            canv.saveState()
            canv.setStrokeColor(look.color)
            canv.setLineWidth(look.inner_width)
            path = canv.beginPath()
            for p, ctop, h in cells:
                x0, x1 = xs[p.col], xs[p.col + p.span]
                path.rect(x0, ctop - h, x1 - x0, h)
            canv.drawPath(path, stroke=1, fill=0)
            canv.setLineWidth(look.outer_width)
            canv.rect(0, 0, xs[-1], self.height, stroke=1, fill=0)
            canv.restoreState()
        pad = look.padding_x
        for p, ctop, h in cells:
            if not p.lines:
                continue
            offset = (h - p.content_height()) / 2
            x0 = xs[p.col] + pad
            inner = xs[p.col + p.span] - xs[p.col] - 2 * pad
            draw_lines(canv, p.lines, p.style, self.fonts, x0, ctop - offset, inner)


__all__ = ["Cell", "FormGrid", "GridLook"]
