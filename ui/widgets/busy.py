"""The wait cursor for work that blocks the window for more than a moment (over 0.2 s on 300
members: building a dialog that draws font samples, loading a PDF into the preview, a first
import of the spreadsheet readers). A clerk who sees it waits; one who does not, clicks again."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


@contextmanager
def wait_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
