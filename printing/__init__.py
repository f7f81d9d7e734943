"""Printing for 先锋台账: plain dataclasses in, PDF bytes out.

Knows nothing of Qt or the database. Chinese text goes through our own fonts layer
(embedded TrueType subsets, per-character fallback, no silent .notdef boxes) and our own
line breaker (禁则, justification); see docs/printing-notes.md.

The names below are loaded on first use (PEP 562): importing `printing.errors` from the
window must not pull in ReportLab, which would add a third of a second to start-up.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "PledgeBoard": "data", "PledgeItem": "data", "PledgeRow": "data", "find_private_data": "data",
    "format_date": "dates", "format_period": "dates",
    "FontFileError": "errors", "MissingGlyphsError": "errors", "NoCJKFontError": "errors",
    "PrintingError": "errors", "PrivateDataError": "errors",
    "FontLibrary": "fonts", "FontSettings": "fonts", "FontSource": "fonts",
    "clear_libraries": "library", "get_library": "library",
    "render_pledge_board": "pledge_board",
}
_RENAMED = {"pledge_board_missing_characters": ("pledge_board", "missing_characters")}

__all__ = sorted([*_EXPORTS, *_RENAMED])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module, attr = _EXPORTS[name], name
    elif name in _RENAMED:
        module, attr = _RENAMED[name]
    else:
        raise AttributeError(f"module 'printing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    globals()[name] = value
    return value
