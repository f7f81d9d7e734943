"""Printing for 先锋台账: plain dataclasses in, PDF bytes out.

Knows nothing of Qt or the database. Chinese text goes through our own fonts layer
(embedded TrueType subsets, per-character fallback, no silent .notdef boxes) and our own
line breaker (禁则, justification); see docs/printing-notes.md.
"""
from .data import PledgeBoard, PledgeItem, PledgeRow, find_private_data
from .dates import format_date, format_period
from .errors import (
    FontFileError,
    MissingGlyphsError,
    NoCJKFontError,
    PrintingError,
    PrivateDataError,
)
from .fonts import FontLibrary, FontSettings, FontSource
from .library import clear_libraries, get_library
from .pledge_board import missing_characters as pledge_board_missing_characters
from .pledge_board import render_pledge_board

__all__ = [
    "FontFileError", "FontLibrary", "FontSettings", "FontSource", "MissingGlyphsError",
    "NoCJKFontError", "PledgeBoard", "PledgeItem", "PledgeRow", "PrintingError",
    "PrivateDataError", "clear_libraries", "find_private_data", "format_date",
    "format_period", "get_library", "pledge_board_missing_characters",
    "render_pledge_board",
]
