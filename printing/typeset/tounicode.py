"""Fix ReportLab 5.1's ToUnicode CMap for characters above U+FFFF.

ReportLab writes ``<code> <%04X>`` with the raw code point, so 𠮷 (U+20BB7) becomes the
five-digit ``20BB7``, which viewers read as U+20BB followed by garbage: the glyph prints
but copies and extracts as another character (₻). A CMap destination is UTF-16BE, so
supplementary characters must be written as a surrogate pair.
"""
from __future__ import annotations

from reportlab.pdfbase import ttfonts

_ORIGINAL = ttfonts.makeToUnicodeCMap


def _utf16_hex(code: int) -> str:
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """Same CMap as ReportLab's, with UTF-16 destinations so every character maps back."""
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block may hold at most 100 entries (PDF reference, 5.9.2).
    entries = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    for start in range(0, len(entries), 100):
        block = entries[start:start + 100]
        cmap.append(f"{len(block)} beginbfchar")
        cmap.extend(block)
        cmap.append("endbfchar")
    cmap += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def install() -> None:
    """Patch ReportLab once; harmless to call again."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


def uninstall() -> None:
    """Restore ReportLab's own function (tests use it to show the bug exists)."""
    ttfonts.makeToUnicodeCMap = _ORIGINAL
