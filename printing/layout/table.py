"""A table flowable for Chinese text whose rows split between lines across pages.

ReportLab's ``Table(splitInRow=1)`` re-measures every remaining row on every page and
its in-row split knows nothing of line boxes; long pledge lists (300 members) need both
speed and clean splits. Here each cell is laid out once; a row that does not fit is cut
at a height where no line of any cell is cut, the header is repeated on every page, and
short cells marked ``repeat`` (序号, 姓名) are drawn again on the continuation so the
reader knows whose pledge continues.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from reportlab.lib.colors import Color, black
from reportlab.platypus.flowables import Flowable

from printing.layout.widths import NAME_FLOOR, ColumnNeed, plan_widths, unbreakable_runs
from printing.typeset.fonts import DocFonts
from printing.typeset.linebreak import Line, clean_text
from printing.typeset.paragraph import declare, layout
from printing.typeset.textdraw import TextStyle, draw_lines

EPS = 1e-6
HEADER_SHRINK = 0.8     # a header may shrink this far to stay on one line
#: with widths from the content, a column keeps at least this part of its weighted share
WEIGHT_FLOOR = 0.5


@dataclass(frozen=True)
class Column:
    header: str
    weight: float                          # share of the table width
    style: TextStyle                       # body text of this column
    valign: Literal["top", "middle"] = "middle"
    repeat: bool = False                   # draw again on a row's continuation
    shrink: float = 1.0                    # < 1: a one-line text may shrink to this scale
                                           # before it wraps (names: 买买提·艾力)
    group: str = ""                        # neighbours with the same group share a header
                                           # cell above their own (item → 党员 群众 合计)
    breaks: str = ""                       # a wrapping text prefers to break after these
                                           # (posts listed with 、: 书记、主任、理事长)
    fixed: bool = False                    # with auto_widths: keep the weighted share
                                           # (lines up with the same column of the next
                                           # table)
    name: bool = False                     # a person's name: never wraps (shrinks to
                                           # NAME_FLOOR pt once the column cannot widen)


@dataclass(frozen=True)
class Block:
    """A paragraph inside a cell; ``label`` (e.g. "1. ") hangs the following lines."""

    text: str
    label: str = ""
    style: TextStyle | None = None         # None: the column's style


@dataclass(frozen=True)
class Row:
    """One table row. Columns listed in ``aligned`` line their blocks up side by side
    (each pledge item level with its deadline)."""

    cells: tuple[tuple[Block, ...], ...]
    aligned: tuple[int, ...] = ()


def row(*cells: str | Block | list[Block] | tuple[Block, ...],
        aligned: tuple[int, ...] = ()) -> Row:
    """Convenience constructor: a plain string is a one-block cell."""
    out: list[tuple[Block, ...]] = []
    for cell in cells:
        if isinstance(cell, str):
            out.append((Block(cell),) if cell else ())
        elif isinstance(cell, Block):
            out.append((cell,))
        else:
            out.append(tuple(cell))
    return Row(tuple(out), aligned)


@dataclass
class _Placed:
    y: float                   # top of the first line, from the cell content top
    style: TextStyle
    lines: list[Line]

    @property
    def bottom(self) -> float:
        return self.y + len(self.lines) * self.style.line_height


@dataclass
class _Cell:
    blocks: list[_Placed]
    valign: str
    repeat: bool

    @property
    def height(self) -> float:
        return max((b.bottom for b in self.blocks), default=0.0)


@dataclass
class _RowLayout:
    cells: list[_Cell]
    split: bool = False        # part of a row cut across pages: flowing cells top-aligned
    min_height: float = 0.0
    _height: float | None = None

    @property
    def content_height(self) -> float:
        # cached: wrap() sums every remaining row on every page
        if self._height is None:
            self._height = max([self.min_height] + [c.height for c in self.cells])
        return self._height


@dataclass(frozen=True)
class TableLook:
    padding_x: float = 4.0
    padding_y: float = 3.0
    block_gap: float = 2.0
    outer_width: float = 1.0
    inner_width: float = 0.5
    color: Color = black
    header_fill: Color | None = None


class CJKTable(Flowable):
    """Columns with relative widths, a header repeated on every page, splittable rows."""

    def __init__(self, columns: list[Column], rows: list[Row], fonts: DocFonts,
                 header_style: TextStyle, look: TableLook = TableLook(),
                 _state: dict | None = None, auto_widths: bool = False):
        """``auto_widths``: widths from the content (:mod:`printing.layout.widths`), the
        weights only a floor and the share of what is left; otherwise the weights alone."""
        super().__init__()
        self.auto_widths = auto_widths
        self.columns = columns
        self.rows = rows
        self.fonts = fonts
        self.header_style = header_style
        self.look = look
        if _state is None:
            for col in columns:
                declare(fonts, header_style, col.header)
                if col.group:
                    declare(fonts, header_style, col.group)
            for r in rows:
                if len(r.cells) != len(columns):
                    raise ValueError(f"表格行的单元格数（{len(r.cells)}）与列数（{len(columns)}）不符")
                for col, cell in zip(columns, r.cells, strict=False):
                    for b in cell:
                        declare(fonts, b.style or col.style, b.text, b.label)
            self._state: dict[str, Any] = {"width": None}  # layout at the last width, shared by parts
        else:
            self._state = _state

    # -- layout

    def _col_widths(self, width: float) -> list[float]:
        total = sum(c.weight for c in self.columns)
        if not self.auto_widths:
            return [width * c.weight / total for c in self.columns]
        shares = [width * c.weight / total for c in self.columns]
        free = [i for i, c in enumerate(self.columns) if not c.fixed]
        planned = plan_widths([self._need(i, shares[i]) for i in free],
                              width - sum(s for i, s in enumerate(shares) if i not in free))
        out = list(shares)
        for i, w in zip(free, planned, strict=True):
            out[i] = w
        return out

    def _need(self, i: int, share: float) -> ColumnNeed:
        """Column ``i``'s longest unbreakable run and longest line, header included."""
        col, pad = self.columns[i], 2 * self.look.padding_x
        hs = self.header_style
        hadv = self.fonts.advances(hs.role)
        head = [p for p in col.header.replace("/", "/\n").replace("／", "／\n").split("\n") if p]
        # a short header (序号, 完成时限) stands at full size; a long one may shrink and wrap
        least = max((sum(hadv[c] for c in p) * hs.size * (1.0 if len(p) <= 4 else HEADER_SHRINK)
                     * 1.01 for p in head), default=0.0)
        most = sum(hadv[c] for c in col.header if c != "\n") * hs.size * HEADER_SHRINK
        floor = 0.0
        for r in self.rows:
            for b in r.cells[i]:
                style = b.style or col.style
                adv = self.fonts.advances(style.role)
                hang = sum(adv[c] for c in b.label) * style.size
                # a one-line text (a branch's full name) may shrink, not wrap
                whole = col.name or (col.shrink < 1 and not col.breaks)
                scale = col.shrink if whole and not col.name else 1.0
                runs = [w * scale for w in unbreakable_runs(b.text, adv, style.size,
                                                            col.breaks, whole)]
                least = max([least] + [hang + w for w in runs])
                if col.name:
                    floor = max([floor] + [hang + w * NAME_FLOOR / style.size for w in runs])
                elif not whole:
                    floor = max(floor, hang + 2 * style.size)
                parts = clean_text(b.text).split("\n")
                most = max([most] + [hang + sum(adv[c] for c in p) * style.size for p in parts])
        least = max(least + pad, WEIGHT_FLOOR * share)
        floor = least if col.shrink < 1 and not col.name and not col.breaks else min(
            least, max(floor + pad, WEIGHT_FLOOR * share))
        return ColumnNeed(least, max(most + pad, least), col.weight, floor)

    def _layout_cell(self, blocks: tuple[Block, ...], col: Column, inner: float,
                     style_override: TextStyle | None = None,
                     shrink: float | None = None) -> list[_Placed]:
        placed, y = [], 0.0
        shrink = col.shrink if shrink is None else shrink
        for b in blocks:
            style = style_override or b.style or col.style
            lines = layout(b.text, style, self.fonts, inner, b.label)
            forced = (b.label + b.text).split("\n")  # a "\n" breaks on purpose: fit each part
            if len(lines) > len(forced) and col.name and style_override is None:
                style = _fit_name(style, forced, self.fonts, inner)
                lines = layout(b.text, style, self.fonts, inner, b.label)
            elif len(lines) > len(forced) and shrink < 1:
                natural = max(sum(self.fonts.advance(style.role, c) for c in part) for part in forced)
                scale = inner / (natural * style.size) if natural else 1.0
                if scale >= shrink:
                    style = replace(style, size=style.size * scale * 0.999,
                                    leading=style.line_height)
                    lines = layout(b.text, style, self.fonts, inner, b.label)
            if len(lines) > len(forced) and col.breaks and not b.label:
                packed = self._pack_at_breaks(b.text, col.breaks, style, inner)
                if packed != b.text:
                    cleaner = layout(packed, style, self.fonts, inner)
                    if len(cleaner) <= len(lines):  # never at the cost of another line
                        lines = cleaner
            placed.append(_Placed(y, style, lines))
            y = placed[-1].bottom + self.look.block_gap
        return placed

    def _pack_at_breaks(self, text: str, breaks: str, style: TextStyle, inner: float) -> str:
        """``text`` with a forced break before each piece (cut after a ``breaks`` character)
        that would not fit on the line so far, so that 党支部书记、村委会主任 wraps between
        posts rather than inside a word; a piece longer than a line still wraps as usual."""
        text = clean_text(text)
        pieces, start = [], 0
        for i, c in enumerate(text):
            if c in breaks:
                pieces.append(text[start:i + 1])
                start = i + 1
        if start < len(text):
            pieces.append(text[start:])
        if len(pieces) < 2 or "\n" in text:
            return text
        adv, size = self.fonts.advances(style.role), style.size
        out, width = "", 0.0
        for piece in pieces:
            w = sum(adv[c] for c in piece) * size
            if out and width + w > inner + EPS:
                out, width = out + "\n" + piece, w
            else:
                out, width = out + piece, width + w
        return out

    def _layout_row(self, r: Row, widths: list[float]) -> _RowLayout:
        pad = self.look.padding_x
        cells: list[_Cell] = []
        for col, w, blocks in zip(self.columns, widths, r.cells, strict=False):
            cells.append(_Cell(self._layout_cell(blocks, col, w - 2 * pad), col.valign,
                               col.repeat))
        aligned = [i for i in r.aligned if i < len(cells)]
        if aligned:
            depth = max(len(cells[i].blocks) for i in aligned)
            y = 0.0
            for k in range(depth):
                slot = 0.0
                for i in aligned:
                    if k < len(cells[i].blocks):
                        b = cells[i].blocks[k]
                        b.y = y
                        slot = max(slot, len(b.lines) * b.style.line_height)
                y += slot + self.look.block_gap
            for i in aligned:
                cells[i].valign = "top"
        min_h = max(c.style.line_height for c in self.columns)
        return _RowLayout(cells, min_height=min_h)

    def _ensure(self, width: float) -> None:
        st = self._state
        if st["width"] is not None and abs(st["width"] - width) < EPS:
            return
        widths = self._col_widths(width)
        pad = self.look.padding_x
        header = _RowLayout([
            _Cell(self._layout_cell((Block(c.header),), c, w - 2 * pad, self.header_style,
                                    HEADER_SHRINK), "middle", True)
            for c, w in zip(self.columns, widths, strict=False)])
        bands = []
        for first, last in self._group_runs():
            w = sum(widths[first:last + 1])
            bands.append((first, last, _Cell(self._layout_cell(
                (Block(self.columns[first].group),), self.columns[first], w - 2 * pad,
                self.header_style, HEADER_SHRINK), "middle", True)))
        st.update(width=width, widths=widths, header=header, bands=bands, height=None,
                  rows=[self._layout_row(r, widths) for r in self.rows])

    def _group_runs(self) -> list[tuple[int, int]]:
        """(first, last) column index of each run of neighbours sharing a group."""
        runs: list[tuple[int, int]] = []
        for i, col in enumerate(self.columns):
            if not col.group:
                continue
            if runs and runs[-1][1] == i - 1 and self.columns[i - 1].group == col.group:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i, i))
        return runs

    def _header_parts(self) -> tuple[float, float]:
        """(band height, whole header height): the band is 0 without grouped columns."""
        st = self._state
        header: _RowLayout = st["header"]
        pad = 2 * self.look.padding_y
        if not st["bands"]:
            return 0.0, header.content_height + pad
        band = max(c.height for _f, _l, c in st["bands"]) + pad
        grouped = {i for f, last, _c in st["bands"] for i in range(f, last + 1)}
        below = max(c.height for i, c in enumerate(header.cells) if i in grouped) + pad
        spanning = [c.height + pad for i, c in enumerate(header.cells) if i not in grouped]
        return band, max([band + below] + spanning)

    def _row_height(self, rl: _RowLayout) -> float:
        if rl is self._state["header"]:
            return self._header_parts()[1]
        return rl.content_height + 2 * self.look.padding_y

    def row_heights(self, availWidth: float) -> tuple[float, list[float]]:
        """(header height, each body row's height) at this width: lets a caller choose
        where the table breaks, e.g. to keep its last rows with a signature."""
        self._ensure(availWidth)
        st = self._state
        return self._row_height(st["header"]), [self._row_height(r) for r in st["rows"]]

    def split_rows(self, availWidth: float, k: int) -> tuple[CJKTable, CJKTable]:
        """The first ``k`` rows and the rest, each drawn with the header."""
        self._ensure(availWidth)
        rows = self._state["rows"]
        return self._sub(rows[:k]), self._sub(rows[k:])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._ensure(availWidth)
        st = self._state
        self.width = availWidth
        if st.get("height") is None:
            st["height"] = self._row_height(st["header"]) + sum(
                self._row_height(r) for r in st["rows"])
        self.height = st["height"]
        return self.width, self.height

    # -- splitting

    def _sub(self, rows: list[_RowLayout]) -> CJKTable:
        st = dict(self._state)
        st["rows"] = rows
        st["height"] = None
        return CJKTable(self.columns, [], self.fonts, self.header_style, self.look, st,
                        self.auto_widths)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._ensure(availWidth)
        st = self._state
        rows: list[_RowLayout] = st["rows"]
        room = availHeight - self._row_height(st["header"])
        used, k = 0.0, 0
        while k < len(rows) and used + self._row_height(rows[k]) <= room + EPS:
            used += self._row_height(rows[k])
            k += 1
        if k == len(rows):
            return [self]
        # keep at least two lines of a row on the page it starts on (no orphan line),
        # unless it is the first row there and cannot move anywhere better
        min_cut = 0.0 if k == 0 else 2 * max(c.style.line_height for c in self.columns)
        parts = _split_row(rows[k], room - used - 2 * self.look.padding_y, min_cut)
        if parts is not None:
            head, tail = parts
            return [self._sub(rows[:k] + [head]), self._sub([tail] + rows[k + 1:])]
        if k == 0:
            return []
        return [self._sub(rows[:k]), self._sub(rows[k:])]

    # -- drawing

    def draw(self) -> None:
        canv = self.canv
        st = self._state
        widths: list[float] = st["widths"]
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        look = self.look
        y = self.height
        band, header_h = self._header_parts()
        if look.header_fill is not None:
            canv.saveState()
            canv.setFillColor(look.header_fill)
            canv.rect(0, y - header_h, xs[-1], header_h, stroke=0, fill=1)
            canv.restoreState()
        self._draw_header(xs, y, band, header_h)
        row_tops = [y]
        y -= header_h
        for rl in st["rows"]:
            h = self._row_height(rl)
            self._draw_row(rl, xs, y, h)
            row_tops.append(y)
            y -= h
        inside_band = {i for f, last, _c in st["bands"] for i in range(f + 1, last + 1)}
        canv.saveState()
        canv.setStrokeColor(look.color)
        canv.setLineWidth(look.inner_width)
        path = canv.beginPath()
        for top in row_tops[1:]:
            path.moveTo(0, top)
            path.lineTo(xs[-1], top)
        for first, last, _cell in st["bands"]:  # under each shared header cell
            path.moveTo(xs[first], self.height - band)
            path.lineTo(xs[last + 1], self.height - band)
        for i, x in enumerate(xs[1:-1], 1):
            path.moveTo(x, self.height - (band if i in inside_band else 0.0))
            path.lineTo(x, 0)
        canv.drawPath(path, stroke=1, fill=0)
        canv.setLineWidth(look.outer_width)
        canv.rect(0, 0, xs[-1], self.height, stroke=1, fill=0)
        canv.restoreState()

    def _draw_header(self, xs: list[float], top: float, band: float, height: float) -> None:
        st = self._state
        if not st["bands"]:
            self._draw_row(st["header"], xs, top, height)
            return
        grouped = {i for f, last, _c in st["bands"] for i in range(f, last + 1)}
        for first, last, cell in st["bands"]:
            self._draw_cell(cell, xs[first], xs[last + 1], top, band, True)
        for i, cell in enumerate(st["header"].cells):
            if i in grouped:
                self._draw_cell(cell, xs[i], xs[i + 1], top - band, height - band, True)
            else:
                self._draw_cell(cell, xs[i], xs[i + 1], top, height, True)

    def _draw_row(self, rl: _RowLayout, xs: list[float], top: float, height: float) -> None:
        for i, cell in enumerate(rl.cells):
            self._draw_cell(cell, xs[i], xs[i + 1], top, height,
                            cell.valign == "middle" and (not rl.split or cell.repeat))

    def _draw_cell(self, cell: _Cell, x0: float, x1: float, top: float, height: float,
                   centred: bool) -> None:
        if not cell.blocks:
            return
        pad_x, pad_y = self.look.padding_x, self.look.padding_y
        offset = (height - 2 * pad_y - cell.height) / 2 if centred else 0.0
        for b in cell.blocks:
            draw_lines(self.canv, b.lines, b.style, self.fonts, x0 + pad_x,
                       top - pad_y - offset - b.y, x1 - x0 - 2 * pad_x)


def _fit_name(style: TextStyle, parts: list[str], fonts: DocFonts, inner: float) -> TextStyle:
    """A name's style shrunk to stay on one line, never below NAME_FLOOR points."""
    natural = max(sum(fonts.advance(style.role, c) for c in part) for part in parts)
    if not natural:
        return style
    size = max(NAME_FLOOR, min(style.size, inner / natural * 0.999))
    return replace(style, size=size, leading=style.line_height)


def _split_row(rl: _RowLayout, room: float,
               min_cut: float = 0.0) -> tuple[_RowLayout, _RowLayout] | None:
    """Cut a row so the head fits in ``room`` (content height) and no line is cut."""
    if room <= EPS or room < min_cut - EPS:
        return None
    repeated = [c.repeat and c.height <= room + EPS for c in rl.cells]
    flowing = [c for c, rep in zip(rl.cells, repeated, strict=False) if not rep]
    lines = [(b.y + j * b.style.line_height, b.y + (j + 1) * b.style.line_height)
             for c in flowing for b in c.blocks for j in range(len(b.lines))]
    cuts = sorted({bottom for _top, bottom in lines if bottom <= room + EPS}, reverse=True)
    cut = next((c for c in cuts
                if not any(t < c - EPS and bot > c + EPS for t, bot in lines)), None)
    if cut is None or cut < min_cut - EPS or not any(t >= cut - EPS for t, _b in lines):
        return None
    head_cells, tail_cells = [], []
    for cell, rep in zip(rl.cells, repeated, strict=False):
        if rep:
            head_cells.append(cell)
            tail_cells.append(cell)
            continue
        head, tail = [], []
        for b in cell.blocks:
            lh = b.style.line_height
            n_head = sum(1 for j in range(len(b.lines)) if b.y + (j + 1) * lh <= cut + EPS)
            if n_head:
                head.append(_Placed(b.y, b.style, b.lines[:n_head]))
            if n_head < len(b.lines):
                y = b.y + n_head * lh - cut
                tail.append(_Placed(max(y, 0.0), b.style, b.lines[n_head:]))
        head_cells.append(_Cell(head, cell.valign, False))
        tail_cells.append(_Cell(tail, cell.valign, False))
    return (_RowLayout(head_cells, True, cut),
            _RowLayout(tail_cells, True, rl.min_height))


__all__ = ["Block", "CJKTable", "Column", "Row", "TableLook", "row"]
