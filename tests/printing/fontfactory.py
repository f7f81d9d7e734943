"""Tiny fonts built with fontTools, so the printing tests run on machines without any
Chinese font. Every character of a font maps to one simple outline; Latin is half width.
"""
from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

UPEM = 1000

#: Characters every test font leaves out, so fallback and missing-glyph paths are taken.
RARE = "堃喆昇赟垚玥镕𠮷"
#: In no test font at all.
NOWHERE = "䶮𪚥"


def _ranges(*pairs: tuple[int, int]) -> list[int]:
    return [cp for lo, hi in pairs for cp in range(lo, hi + 1)]


def main_codepoints() -> list[int]:
    """ASCII, CJK punctuation, ≤ ≥ (GB2312 has them), full-width forms, the URO — minus the rare characters."""
    cps = _ranges((0x20, 0x7E), (0xA0, 0xA0), (0xB0, 0xB0), (0xB7, 0xB7), (0x2010, 0x2027),
                  (0x2030, 0x2030), (0x2103, 0x2103), (0x2264, 0x2265), (0x3000, 0x303F), (0x4E00, 0x9FFF),
                  (0xFF01, 0xFF5E), (0xFFE5, 0xFFE5))
    skip = {ord(c) for c in RARE + NOWHERE}
    return [cp for cp in cps if cp not in skip]


def _is_half(cp: int) -> bool:
    return cp < 0x2000


def _draw_box(pen, left: int, width: int, cross: bool = False) -> None:
    x0, x1, y0, y1 = left + 60, left + width - 60, -60, 760
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()
    if cross:
        pen.moveTo((x0 + 80, y0 + 80))
        pen.lineTo((x1 - 80, y0 + 80))
        pen.lineTo((x1 - 80, y1 - 80))
        pen.closePath()


def _setup_common(fb: FontBuilder, family: str, style: str, cmap: dict[int, str],
                  metrics: dict[str, tuple[int, int]]) -> None:
    fb.setupCharacterMap(cmap)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": style,
                       "psName": family.replace(" ", "") + "-" + style})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                fsType=0)
    fb.setupPost()


def build_ttf(path: Path, codepoints: list[int], family: str, style: str = "Regular",
              cross: bool = False, latin_width: int = 500) -> Path:
    """A TrueType font: .notdef, a full-width box and a half-width box."""
    fb = FontBuilder(UPEM, isTTF=True)
    order = [".notdef", "full", "half"]
    fb.setupGlyphOrder(order)
    glyphs = {}
    for name, width in ((".notdef", 1000), ("full", 1000), ("half", latin_width)):
        pen = TTGlyphPen(None)
        _draw_box(pen, 0, width, cross and name == "full")
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    cmap = {cp: ("half" if _is_half(cp) else "full") for cp in codepoints}
    metrics = {".notdef": (1000, 60), "full": (1000, 60), "half": (latin_width, 60)}
    _setup_common(fb, family, style, cmap, metrics)
    fb.setupMaxp()
    fb.save(str(path))
    return path


def build_otf(path: Path, codepoints: list[int], family: str, style: str = "Regular") -> Path:
    """A CFF-outline font, which ReportLab refuses and we must convert."""
    fb = FontBuilder(UPEM, isTTF=False)
    order = [".notdef", "full", "half"]
    fb.setupGlyphOrder(order)
    charstrings = {}
    for name, width in ((".notdef", 1000), ("full", 1000), ("half", 500)):
        pen = T2CharStringPen(width, None)
        _draw_box(pen, 0, width, name == "full")
        charstrings[name] = pen.getCharString()
    ps = family.replace(" ", "") + "-" + style
    fb.setupCFF(ps, {"FullName": ps}, charstrings, {})
    cmap = {cp: ("half" if _is_half(cp) else "full") for cp in codepoints}
    _setup_common(fb, family, style, cmap,
                  {".notdef": (1000, 60), "full": (1000, 60), "half": (500, 60)})
    fb.save(str(path))
    return path


def build_ttc(path: Path, members: list[Path]) -> Path:
    coll = TTCollection()
    coll.fonts = [TTFont(str(p)) for p in members]
    coll.save(str(path))
    return path
