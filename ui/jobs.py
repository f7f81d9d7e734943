"""Run one database job at a time off the UI thread, with progress, without freezing the window.

Reading and checking a 10,000-row roster takes seconds; the dialog must keep repainting and
show how far it got. The job runs in a QThread and uses the database through the same
`database` proxy: peewee keeps one SQLite connection per thread, so the worker opens its own
connection to the file (never the main thread's) and closes it when the job ends. This only
works for a database file, which is what the program always has.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from models.store.db import database

Progress = Callable[[int, int], None]
JobFunc = Callable[[Progress], Any]


class _Job(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, func: JobFunc) -> None:
        super().__init__()
        self.func = func

    @Slot()
    def run(self) -> None:
        try:
            result = self.func(self.progressed.emit)
        except BaseException as exc:
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            if database.obj is not None:
                database.obj.close()  # this thread's own connection


class Runner(QObject):
    """Starts jobs; the callbacks run on the main thread once the job has ended."""

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _Job | None = None
        self._on_done: Callable[[Any], None] | None = None
        self._on_error: Callable[[BaseException], None] | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, func: JobFunc, on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None]) -> None:
        if self.busy:
            raise RuntimeError("a job is already running")
        self._on_done, self._on_error = on_done, on_error
        self._job = _Job(func)
        self._thread = QThread()
        self._job.moveToThread(self._thread)
        self._job.progressed.connect(self.progressed)
        self._job.succeeded.connect(self._succeeded)
        self._job.failed.connect(self._failed)
        self._thread.started.connect(self._job.run)
        self._thread.start()

    def abandon(self) -> None:
        """Wait for the running job to end and drop its result: its page is going away (the
        window closes) and a QThread must never be destroyed while it runs."""
        if self._thread is None:
            return
        self._thread.quit()  # takes effect once the job returns to the thread's event loop
        self._thread.wait()
        self._thread = self._job = self._on_done = self._on_error = None

    def _current(self) -> bool:
        """The finished job is the one running now (not one abandoned before)."""
        return self._job is not None and self.sender() is self._job

    def _finish(self) -> tuple[Callable[[Any], None], Callable[[BaseException], None]]:
        assert self._thread is not None and self._on_done and self._on_error
        self._thread.quit()
        self._thread.wait()
        callbacks = (self._on_done, self._on_error)
        self._thread = self._job = self._on_done = self._on_error = None
        return callbacks

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        if not self._current():
            return
        on_done, _ = self._finish()
        on_done(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        if not self._current():
            return
        _, on_error = self._finish()
        on_error(exc)
