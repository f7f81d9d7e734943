"""A push button with its action and tooltip in one call: pages have rows of them."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget


def action_button(parent: QWidget, text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button
