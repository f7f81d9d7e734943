"""A committee page whose figures take seconds (a township's assessment): computed as a
background job (`ui.jobs`), so the window keeps repainting while the page says 正在计算….

Asked again meanwhile (another year or organization), the page computes again once the
running job is back, with what is chosen then. Stopped from outside (a restore, the window
closing), it computes again when next on screen.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from ui import jobs
from ui.widgets.lazy_view import LazyView


class ComputedView(LazyView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: jobs.Job | None = None
        self._again = False  # asked to refresh while computing: refresh once the job is back

    @property
    def computing(self) -> bool:
        """A background computation is under way (tests wait on this)."""
        return self.job is not None and self.job.running

    def reload(self) -> None:
        if self.computing:  # the running job is for the old choice
            self._stale = False
            self._again = True
            return
        super().reload()

    def compute(self, func: Callable[[jobs.Token], Any], done: Callable[[Any], None],
                failed: Callable[[BaseException], None], title: str) -> None:
        """Run `func` as a background job; `done(result)` or `failed(exc)` on the UI thread,
        unless the page was asked again meanwhile (then it refreshes instead)."""
        self.show_computing(True)
        self.job = jobs.run(func, receiver=self, title=title, on_done=lambda result: self._back(done, result),
                            on_error=lambda exc: self._back(failed, exc), on_cancelled=self._dropped)

    def busy_widgets(self) -> tuple[QWidget, ...]:
        """What is disabled while computing: lists and buttons that would show the old choice."""
        return ()

    def show_computing(self, on: bool) -> None:
        """While computing: the busy widgets disabled and a busy cursor over the page."""
        for widget in self.busy_widgets():
            widget.setEnabled(not on)
        if on:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _back(self, then: Callable[[Any], None], value: Any) -> None:
        self.show_computing(False)
        if self._again:  # what came back is for the old choice; the new one may need no job
            self._again = False
            self.reload()
            return
        then(value)

    def _dropped(self) -> None:
        """Stopped from outside: what was on its way is lost, so compute again — at once if
        the page is still on screen once things settle."""
        self._again = False
        self._stale = True
        self.show_computing(False)
        QTimer.singleShot(0, self, self._resume)

    def _resume(self) -> None:
        if self._stale and self.isVisible() and not self.computing:
            self.reload()
