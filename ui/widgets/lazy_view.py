"""A tab that computes a lot (ledgers, the assessment) and so refreshes only when seen.

Selecting an organization in the tree tells every tab; a ledger or a township assessment
costs a noticeable moment, so such a tab only remembers the organization and recomputes
when it is shown — or at once when it is already on screen.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ui.widgets.busy import wait_cursor


class LazyView(QWidget):
    changed = Signal()  # this view wrote something other views may show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id: int | None = None
        self._stale = True

    def show_org(self, org_id: int | None) -> None:
        self.org_id = org_id
        self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Recompute now, with the wait cursor: the clerk sees the program is working."""
        self._stale = False
        with wait_cursor():
            self.refresh()

    def refresh(self) -> None:  # pragma: no cover - every subclass has its own
        raise NotImplementedError
