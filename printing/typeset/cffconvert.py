"""Turn the characters a document needs from a CFF font into a small TrueType font.

ReportLab embeds only TrueType outlines, yet the default Chinese font of Debian/Ubuntu
(Noto CJK) and Source Han are CFF. Converting a whole CJK font takes minutes; converting
the few hundred characters of one document takes about a second, so that is what we do,
and we keep the result on disk keyed by font file, modification time and character set.
A cached subset that already holds every character needed is reused as is.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from printing.errors import FontFileError

MAX_ERR = 1.0            # font units; 1/1000 em is far below what a printer resolves
KEEP_PER_FONT = 40       # cached subsets kept per source font


def font_id(path: Path, face: int) -> str:
    """Identify a font file version: path, face, size and modification time."""
    st = path.stat()
    raw = f"{os.path.realpath(path)}|{face}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def charset_key(chars: Iterable[str]) -> str:
    text = "".join(sorted(set(chars)))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def cached_subset(path: Path, face: int, chars: Iterable[str], cache_dir: Path) -> Path:
    """A TrueType file with at least ``chars`` of the CFF face, converted if not cached."""
    chars = set(chars)
    fid = font_id(path, face)
    target = cache_dir / f"{fid}-{charset_key(chars)}.ttf"
    if target.exists():
        return target
    superset = _find_superset(cache_dir, fid, chars)
    if superset is not None:
        return superset
    cache_dir.mkdir(parents=True, exist_ok=True)
    data = convert_subset(path, face, chars)
    _atomic_write(target, data)
    _atomic_write(target.with_suffix(".chars"),
                  "".join(sorted(chars)).encode("utf-8", "surrogatepass"))
    _prune(cache_dir, fid)
    return target


def _find_superset(cache_dir: Path, fid: str, chars: set[str]) -> Path | None:
    if not cache_dir.is_dir():
        return None
    for listing in sorted(cache_dir.glob(f"{fid}-*.chars")):
        ttf = listing.with_suffix(".ttf")
        try:
            have = set(listing.read_bytes().decode("utf-8", "surrogatepass"))
        except OSError:
            continue
        if chars <= have and ttf.exists():
            return ttf
    return None


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _prune(cache_dir: Path, fid: str) -> None:
    files = sorted(cache_dir.glob(f"{fid}-*.ttf"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP_PER_FONT]:
        for p in (old, old.with_suffix(".chars")):
            try:
                p.unlink()
            except OSError:
                pass


def convert_subset(path: Path, face: int, chars: Iterable[str]) -> bytes:
    """Build a glyf-outline font holding only ``chars`` (plus .notdef) of a CFF face."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, TTLibError

    try:
        src = TTFont(str(path), fontNumber=face, lazy=True)
    except (OSError, TTLibError) as exc:
        raise FontFileError(f"无法读取字体文件：{path}（{exc}）") from exc
    with src:
        cmap = src.getBestCmap() or {}
        glyph_set = src.getGlyphSet()
        hmtx = src["hmtx"]
        head, hhea, os2 = src["head"], src["hhea"], src["OS/2"]

        order = [".notdef"]
        new_name: dict[str, str] = {}   # source glyph → new glyph
        mapping: dict[int, str] = {}
        for cp in sorted(ord(c) for c in chars):
            g = cmap.get(cp)
            if g is None:
                continue
            if g not in new_name:
                new_name[g] = f"g{len(order)}"
                order.append(new_name[g])
            mapping[cp] = new_name[g]
        sources = {".notdef": ".notdef", **{v: k for k, v in new_name.items()}}

        glyphs = {}
        advances = {}
        for name in order:
            pen = TTGlyphPen(None)
            glyph_set[sources[name]].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
            glyphs[name] = pen.glyph()
            advances[name] = hmtx[sources[name]][0]

        fb = FontBuilder(head.unitsPerEm, isTTF=True)
        # Copy the timestamps so the same input always gives the same bytes.
        fb.updateHead(created=head.created, modified=head.modified,
                      fontRevision=head.fontRevision, macStyle=head.macStyle)
        fb.setupGlyphOrder(order)
        fb.setupCharacterMap(mapping)
        fb.setupGlyf(glyphs)
        glyf = fb.font["glyf"]
        fb.setupHorizontalMetrics(
            {n: (advances[n], getattr(glyf[n], "xMin", 0)) for n in order})
        fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent,
                                 lineGap=hhea.lineGap)
        name_table = src["name"]
        family = str(name_table.getDebugName(1) or "Converted")
        style = str(name_table.getDebugName(2) or "Regular")
        ps_name = str(name_table.getDebugName(6) or family.replace(" ", ""))
        fb.setupNameTable({"familyName": family, "styleName": style,
                           "psName": ps_name.replace(" ", "-")}, mac=False)
        fb.setupOS2(
            sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
            sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent,
            usWinDescent=os2.usWinDescent, usWeightClass=os2.usWeightClass,
            fsType=os2.fsType, achVendID=os2.achVendID,
            sxHeight=getattr(os2, "sxHeight", 0), sCapHeight=getattr(os2, "sCapHeight", 0),
        )
        fb.setupPost(keepGlyphNames=False)
    import io
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()
