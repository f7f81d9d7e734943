"""The 年度 selector every year-based page and print dialog shows."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox, QWidget


def year_box(parent: QWidget, on_change: Callable[[], None] | None = None, year: int | None = None) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(2000, 2100)
    box.setValue(year or dt.date.today().year)
    box.setSuffix(" 年度")
    if on_change is not None:
        box.valueChanged.connect(lambda _v: on_change())
    return box
