"""A long session must not abort: PySide6 6.12 drops a reference to None per void call."""
import sys

from PySide6.QtWidgets import QTableWidgetItem

import ui  # noqa: F401 - the guard runs on import


def test_many_void_qt_calls_do_not_exhaust_none(qtbot):
    item = QTableWidgetItem("x")
    for _ in range(300_000):  # far more than None's natural reference count
        item.setToolTip("提示")
    assert sys.getrefcount(None) > 1000
