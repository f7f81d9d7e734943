"""A tab that computes a lot (ledgers, the assessment) and so refreshes only when seen.

Selecting an organization in the tree tells every tab; a ledger or a township assessment
costs a noticeable moment, so such a tab only remembers the organization and recomputes
when it is shown — or at once when it is already on screen. A tab whose computation takes
seconds runs it as a background job (`compute`): asked again meanwhile (another year or
organization), it computes again once the running job is back, with what is chosen then.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QWidget

from ui import jobs


class LazyView(QWidget):
    changed = Signal()  # this view wrote something other views may show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id: int | None = None
        self._stale = True
        self.job: jobs.Job | None = None
        self._again = False  # asked to refresh while computing: refresh once the job is back

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

    @property
    def computing(self) -> bool:
        """A background computation is under way (tests wait on this)."""
        return self.job is not None and self.job.running

    def reload(self) -> None:
        """Recompute now, with the wait cursor: the clerk sees the program is working."""
        self._stale = False
        if self.computing:  # the running job is for the old choice
            self._again = True
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.refresh()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def refresh(self) -> None:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def compute(self, func: Callable[[jobs.Token], Any], done: Callable[[Any], None],
                failed: Callable[[BaseException], None], title: str) -> None:
        """Run `func` as a background job; `done(result)` or `failed(exc)` on the UI thread,
        unless the page was asked again meanwhile (then it refreshes instead)."""
        self.show_computing(True)
        self.job = jobs.run(func, receiver=self, title=title, on_done=lambda result: self._back(done, result),
                            on_error=lambda exc: self._back(failed, exc), on_cancelled=self._dropped)

    def show_computing(self, on: bool) -> None:
        """What the page shows while computing (正在计算…, a moving bar); nothing by default."""

    def _back(self, then: Callable[[Any], None], value: Any) -> None:
        self.show_computing(False)
        if self._again:  # what came back is for the old choice; the new one may need no job
            self._again = False
            self.reload()
            return
        then(value)

    def _dropped(self) -> None:
        """Stopped from outside (a restore, the window closing): what was on its way is lost,
        so compute again — at once if the page is still on screen once things settle."""
        self._again = False
        self._stale = True
        self.show_computing(False)
        QTimer.singleShot(0, self, self._resume)

    def _resume(self) -> None:
        if self._stale and self.isVisible() and not self.computing:
            self.reload()
