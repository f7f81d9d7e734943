"""Open generated PDFs and check what a clerk would see: fonts, text, positions."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass

import pdfplumber
import pytest
from pypdf import PdfReader

from printing.typeset.linebreak import NO_END, NO_START


@dataclass(frozen=True)
class FontInfo:
    base_font: str
    subtype: str
    embedded: bool
    subset: bool
    to_unicode: bool


def fonts(pdf: bytes) -> list[FontInfo]:
    reader = PdfReader(io.BytesIO(pdf))
    seen: dict[str, FontInfo] = {}
    for page in reader.pages:
        res = page.get("/Resources")
        if res is None:
            continue
        font_dict = res.get_object().get("/Font")
        if font_dict is None:
            continue
        for ref in font_dict.get_object().values():
            f = ref.get_object()
            name = str(f.get("/BaseFont"))
            desc = f.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            seen[name] = FontInfo(name, str(f.get("/Subtype")), embedded,
                                  bool(re.match(r"^/?[A-Z]{6}\+", name)), "/ToUnicode" in f)
    return list(seen.values())


def assert_fonts_ok(pdf: bytes) -> list[FontInfo]:
    """Every font an embedded TrueType subset with a Unicode map; no Helvetica anywhere."""
    infos = fonts(pdf)
    assert infos, "PDF 中没有字体"
    for f in infos:
        assert f.subtype == "/TrueType", f
        assert f.embedded and f.subset and f.to_unicode, f
    assert b"Helvetica" not in pdf
    if shutil.which("pdffonts"):
        rows = _run_on_file(["pdffonts"], pdf).splitlines()[2:]
        assert rows
        for row in rows:
            cols = row.split()
            assert cols[1] == "TrueType", row
            assert cols[-5:-2] == ["yes", "yes", "yes"], row
    return infos


def _run_on_file(cmd: list[str], pdf: bytes) -> str:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        res = subprocess.run([*cmd, fh.name], capture_output=True, check=False)
    assert res.returncode == 0, res.stderr.decode(errors="replace")
    return res.stdout.decode(errors="replace")


def qpdf_check(pdf: bytes) -> None:
    if not shutil.which("qpdf"):
        pytest.skip("qpdf 未安装")
    _run_on_file(["qpdf", "--check"], pdf)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [p.extract_text() or "" for p in doc.pages]


def compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


@dataclass(frozen=True)
class Char:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Edges:
    vertical: list[tuple[float, float, float]]     # x, top, bottom
    horizontal: list[tuple[float, float, float]]   # y(top), x0, x1


def chars_and_edges(pdf: bytes) -> tuple[list[Char], list[Edges], list[tuple[float, float]]]:
    chars, edges, sizes = [], [], []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, p in enumerate(doc.pages):
            sizes.append((float(p.width), float(p.height)))
            chars += [Char(n, c["text"], c["x0"], c["x1"], c["top"], c["bottom"])
                      for c in p.chars]
            v, h = [], []
            for e in p.edges:
                if abs(e["x0"] - e["x1"]) < 0.01:
                    v.append((e["x0"], e["top"], e["bottom"]))
                elif abs(e["top"] - e["bottom"]) < 0.01:
                    h.append((e["top"], e["x0"], e["x1"]))
            edges.append(Edges(v, h))
    return chars, edges, sizes


def assert_no_char_crosses_rules(chars: list[Char], edges: list[Edges], tol: float = 0.05) -> None:
    """No character straddles a table rule: nothing hangs out of its cell, no line is cut."""
    for c in chars:
        e = edges[c.page]
        for x, top, bottom in e.vertical:
            if top < c.bottom and bottom > c.top:
                assert not (c.x0 + tol < x < c.x1 - tol), f"“{c.text}”越过竖线 {c}"
        for y, x0, x1 in e.horizontal:
            if x0 < c.x1 and x1 > c.x0:
                assert not (c.top + tol < y < c.bottom - tol), f"“{c.text}”被横线切断 {c}"


def assert_inside(chars: list[Char], left: float, right: float, top: float, bottom: float,
                  tol: float = 0.05) -> None:
    for c in chars:
        assert left - tol <= c.x0 and c.x1 <= right + tol, f"“{c.text}”超出版心 {c}"
        assert top - tol <= c.top and c.bottom <= bottom + tol, f"“{c.text}”超出版心 {c}"


def visual_lines(chars: list[Char], edges: list[Edges] | None = None) -> list[str]:
    """Text lines as drawn: chars sharing a baseline, split at table rules."""
    groups: dict[tuple[int, float, int], list[Char]] = defaultdict(list)
    for c in chars:
        col = 0
        if edges is not None:
            col = sum(1 for x, top, bottom in edges[c.page].vertical
                      if x <= c.x0 + 0.05 and top < c.bottom and bottom > c.top)
        groups[(c.page, round(c.bottom, 1), col)].append(c)
    lines = []
    for key in sorted(groups):
        row = sorted(groups[key], key=lambda c: c.x0)
        lines.append("".join(c.text for c in row))
    return lines


def assert_kinsoku(lines: list[str]) -> None:
    for line in lines:
        line = line.strip()
        if not line:
            continue
        assert line[0] not in NO_START, f"行首禁则字符：{line}"
        assert line[-1] not in NO_END, f"行尾禁则字符：{line}"


def content_streams(pdf: bytes) -> list[bytes]:
    reader = PdfReader(io.BytesIO(pdf))
    return [p.get_contents().get_data() for p in reader.pages]


def cell_texts(chars: list[Char], edges: list[Edges]) -> list[str]:
    """The text of every table cell (chars between the same rules), reading order inside."""
    cells: dict[tuple, list[Char]] = defaultdict(list)
    for c in chars:
        e = edges[c.page]
        mid_x, mid_y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        left = max((x for x, t, b in e.vertical if x <= mid_x and t <= mid_y <= b), default=None)
        top = max((y for y, x0, x1 in e.horizontal if y <= mid_y and x0 <= mid_x <= x1),
                  default=None)
        cells[(c.page, left, top)].append(c)
    out = []
    for key in sorted(cells, key=lambda k: (k[0], k[2] or -1, k[1] or -1)):
        row = sorted(cells[key], key=lambda c: (round(c.bottom, 1), c.x0))
        out.append("".join(c.text for c in row))
    return out
