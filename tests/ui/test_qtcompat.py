"""A long session must not abort: PySide6 6.12 drops a reference to None per void call."""
import sys

from PySide6.QtWidgets import QTableWidgetItem

from ui.qtcompat import guard_singletons


def test_many_void_qt_calls_do_not_exhaust_none(qtbot):
    guard_singletons()  # idempotent: conftest already ran it
    item = QTableWidgetItem("x")
    for _ in range(300_000):  # far more than None's natural reference count
        item.setToolTip("提示")
    assert sys.getrefcount(None) > 1000
