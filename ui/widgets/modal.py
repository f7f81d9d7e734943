"""Running a modal dialog through one patchable spot, so tests can drive it instead of exec().

`exec()` blocks a test forever; a test sets `driver` to a callable that fills in and
accepts (or rejects) the dialog, and the view carries on as if the clerk had done it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog


class _Driver:
    """Tests set `run` to callable(dialog) -> None; None means a real modal exec()."""

    run: Callable[[QDialog], Any] | None = None


driver = _Driver()


def run(dialog: QDialog) -> bool:
    """Show the dialog modally; True when it was accepted."""
    if driver.run is not None:
        driver.run(dialog)
    else:
        dialog.exec()
    return dialog.result() == QDialog.DialogCode.Accepted
