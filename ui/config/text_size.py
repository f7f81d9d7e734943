"""界面字号: the whole interface's text made larger for older eyes, remembered in 设置.

One factor on the application's font, so every widget that does not set its own size follows;
the layouts (and `ui.widgets.fit`) then size windows from the larger text, which is what keeps
every page inside a 1366×768 screen at 大.
"""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

FACTORS = {"standard": 1.0, "large": 1.25, "larger": 1.5}
_base: list[float] = []  # the system's own point size, read once before the first change


def apply(choice: str, app: QApplication | None = None) -> float:
    """Set the application font to the system size × the choice's factor; returns the size."""
    app = app or QApplication.instance()
    if app is None:
        return 0.0
    font = QFont(app.font())
    if not _base:
        _base.append(font.pointSizeF() if font.pointSizeF() > 0 else 9.0)
    size = round(_base[0] * FACTORS.get(choice, 1.0), 1)
    font.setPointSizeF(size)
    app.setFont(font)
    return size


def apply_saved() -> float:
    """The size the clerk chose last time (the database is open by now)."""
    from models.config import settings

    return apply(settings.get("ui_text_size"))
