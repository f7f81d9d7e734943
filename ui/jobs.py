"""The one owner of background work: every job of the window starts with `run`.

A township's assessment, a 600-page print run, a 10,000-row roster or a restore take seconds;
the window must keep repainting, say how far it got and let the clerk press 取消. One owner
means one registry of what runs, so the window stops everything before a restore and when it
closes without knowing which page started what (`stop_all`), and no worker thread outlives
the application or the widget that waits for its result.

A job is a plain function `func(token)` run on a worker thread. It reports progress with
`token.progress(done, total, text)` (which also raises `Cancelled` once the job was
cancelled: cancelling is cooperative) and returns its result. Result, error or cancellation
reach the UI thread through the callbacks given to `run`, and only while the receiver widget
exists. A job may read the database: peewee keeps one SQLite connection per thread, so the
worker opens its own connection to the file (never the main thread's) and closes it when the
job ends — this only works for a database file, which is what the program always has. Widgets
are touched on the UI thread only; a job gathers nothing from them.

Tests use `run_inline()`: the job runs on the calling thread and its callbacks are called
before `run` returns, so a test needs no waiting.
"""
from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.safety import faults
from models.store.db import database
from ui.widgets import messages

log = logging.getLogger(__name__)

#: The progress dialog appears only for a job still running after this long (Anki: ~600 ms).
DIALOG_DELAY_MS = 500
#: Progress reaching the window at most this often (seconds): a signal per page of 1,000 is noise.
REPORT_EVERY = 0.05

WAITING, RUNNING, ENDED = "waiting", "running", "ended"
DONE, FAILED, CANCELLED = "done", "failed", "cancelled"


class Cancelled(Exception):
    """Raised inside a job by `Token.check` or `Token.progress` once the job was cancelled."""


class Token:
    """What a job's function is given: where to report progress, whether to stop."""

    def __init__(self, job: Job) -> None:
        self._job = job

    @property
    def cancelled(self) -> bool:
        return self._job.cancelled

    def check(self) -> None:
        """Stop here if the job was cancelled (the clerk pressed 取消, the window is closing)."""
        if self._job.cancelled:
            raise Cancelled()

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report how far the job got (total 0: unknown); a cancelled job stops here.

        The signature fits the `progress(done, total)` callbacks of models/ and printing/.
        """
        self.check()
        self._job._report(done, total, text)


class _Hub(QObject):
    """Lives on the UI thread; workers emit on it, so its slots run there (queued). It also
    watches the windows that wait for a result: a window closed (hidden, not minimized) wants
    nothing any more, even while its deletion is still pending."""

    progressed = Signal(object, int, int, str)
    ended = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        queued = Qt.ConnectionType.QueuedConnection
        self.progressed.connect(self._progressed, queued)
        self.ended.connect(self._ended, queued)

    @Slot(object, int, int, str)
    def _progressed(self, job: Job, done: int, total: int, text: str) -> None:
        job._show_progress(done, total, text)

    @Slot(object)
    def _ended(self, job: Job) -> None:
        job._settle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            for job in list(_jobs):
                if job._receiver is not None and job._receiver() is watched and not job.writes:
                    job._receiver_gone()
        return False


_hub: _Hub | None = None
_jobs: list[Job] = []  # waiting or running, in the order started
_held: list[Job] = []  # stopped for an exclusive job: told once it has ended
_inline = False
_closing = False  # the application is quitting: nothing starts any more
_clearing = False  # other jobs are being stopped for an exclusive one


def _the_hub() -> _Hub:
    global _hub
    if _hub is None:
        _hub = _Hub()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_shut_down)
    return _hub


class _ProgressUi:
    """The busy cursor at once; a dialog with the label, a bar and 取消 only once the job has
    run for DIALOG_DELAY_MS, so a quick job never flashes a window."""

    def __init__(self, job: Job, label: str, parent: QWidget | None) -> None:
        self.job, self.label = job, label
        self.parent = weakref.ref(parent) if parent is not None else None
        self.dialog: QProgressDialog | None = None
        self.done = self.total = 0
        self.text = ""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show)
        if not _inline:
            self.timer.start(DIALOG_DELAY_MS)

    def _show(self) -> None:
        if self.job.state == ENDED:
            return
        parent = self.parent() if self.parent is not None else None
        if parent is not None and not shiboken6.isValid(parent):
            return
        dialog = QProgressDialog(self.label, "取消", 0, 0, parent)
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if self.job.writes:
            dialog.setCancelButton(None)  # what a writer writes is written whole: nothing to cancel
        dialog.canceled.connect(self._cancel)
        self.dialog = dialog
        self.update(self.done, self.total, self.text)
        dialog.show()

    def _cancel(self) -> None:
        if self.job.writes:
            return
        self.job.cancel()
        dialog = self._live_dialog()
        if dialog is not None:
            dialog.setLabelText("正在取消……")

    def _live_dialog(self) -> QProgressDialog | None:
        """The dialog, unless never shown or already gone with its parent window."""
        return self.dialog if self.dialog is not None and shiboken6.isValid(self.dialog) else None

    def update(self, done: int, total: int, text: str) -> None:
        self.done, self.total, self.text = done, total, text
        dialog = self._live_dialog()
        if dialog is None or self.job.cancelled:
            return
        dialog.setMaximum(max(0, total))
        dialog.setValue(min(done, total) if total else 0)
        dialog.setLabelText(f"{self.label}\n{text}" if text else self.label)

    def close(self) -> None:
        self.timer.stop()
        dialog = self._live_dialog()
        if dialog is not None:
            dialog.canceled.disconnect(self._cancel)
            dialog.hide()  # close() would emit canceled
            dialog.deleteLater()
        self.dialog = None
        QGuiApplication.restoreOverrideCursor()


class Job:
    """One piece of background work; `run` makes it. The page keeps it to ask `running` or
    to `cancel`; everything else is the owner's business."""

    def __init__(self, func: Callable[[Token], Any], receiver: QObject | None, *,
                 on_done: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None,
                 on_cancelled: Callable[[], None] | None, on_progress: Callable[[int, int, str], None] | None,
                 title: str, label: str | None, writes: bool, exclusive: bool) -> None:
        self.token = Token(self)
        self.title, self.writes, self.exclusive = title, writes or exclusive, exclusive
        self.state = WAITING
        self._func = func
        self._receiver = weakref.ref(receiver) if receiver is not None else None
        self._callbacks = (on_done, on_error, on_cancelled, on_progress)
        self._label = label
        self._cancel = threading.Event()
        self._gone = False  # the receiver was destroyed
        self._thread: threading.Thread | None = None
        self._outcome: tuple[str, Any] = (CANCELLED, None)
        self._last_report = 0.0
        self._ui: _ProgressUi | None = None
        self._watch: Any = None  # the receiver's destroyed connection

    # --- what a page asks ---------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Waiting or running: its outcome has not been delivered yet."""
        return self.state != ENDED

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog once shown (tests look at it)."""
        return self._ui.dialog if self._ui is not None else None

    def cancel(self) -> None:
        """Ask the job to stop; its result, if it still finishes, is dropped — except a
        writer's: what it wrote is written, so its outcome is always delivered."""
        self._cancel.set()

    def stop(self, wait: bool = True) -> None:
        """Cancel (a writer is let finish) and, with `wait`, join the thread and settle here."""
        if not self.writes or self.state == WAITING:
            self.cancel()
        if wait:
            self._join()
            self._settle()

    # --- the owner's side ---------------------------------------------------------------------
    def _start(self) -> None:
        self.state = RUNNING
        if self._label is not None:
            receiver = self._receiver() if self._receiver is not None else None
            parent = receiver.window() if isinstance(receiver, QWidget) and shiboken6.isValid(receiver) else None
            self._ui = _ProgressUi(self, self._label, parent)
        if _inline:
            self._outcome = self._call()
            self._settle()
            return
        self._thread = threading.Thread(target=_work, args=(self,), name=f"job {self.title}", daemon=True)
        self._thread.start()

    def _call(self) -> tuple[str, Any]:
        try:
            return DONE, self._func(self.token)
        except Cancelled:
            return CANCELLED, None
        except BaseException as exc:
            return FAILED, exc

    def _report(self, done: int, total: int, text: str) -> None:
        if _inline:
            self._show_progress(done, total, text)
            return
        now = time.monotonic()
        if (not total or done < total) and now - self._last_report < REPORT_EVERY:
            return
        self._last_report = now
        hub = _hub
        if hub is not None:
            hub.progressed.emit(self, done, total, text)

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if self.state != RUNNING or self.cancelled or not self._receiver_alive():
            return
        if self._ui is not None:
            self._ui.update(done, total, text)
        on_progress = self._callbacks[3]
        if on_progress is not None:
            on_progress(done, total, text)

    def _receiver_alive(self) -> bool:
        if self._receiver is None:
            return True
        receiver = self._receiver()
        return not self._gone and receiver is not None and shiboken6.isValid(receiver)

    def _receiver_gone(self) -> None:
        """The widget waiting for the result was closed or destroyed: nothing is delivered to
        it, and its worker is stopped and joined now rather than left running for nobody."""
        self._gone = True
        if threading.current_thread() is threading.main_thread():
            self.stop(wait=True)
        else:  # pragma: no cover - a widget freed on a worker is a bug elsewhere; never join there
            self.cancel()

    def _join(self) -> None:
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _settle(self, deliver: bool = True) -> None:
        """On the UI thread, once the worker has ended (or was never started): deliver the
        outcome exactly once, then let waiting jobs start if this one ran alone."""
        if self.state == ENDED:
            return
        if self.state == WAITING:
            self._outcome = (CANCELLED, None)
        self.state = ENDED
        self._join()
        if self in _jobs:
            _jobs.remove(self)
        if self._ui is not None:
            self._ui.close()
            self._ui = None
        self._unwatch()
        try:
            if deliver:
                self._deliver()
        finally:
            self._thread = None
            self._func = _ended_func  # the function's closure goes now, on this thread
            if self.exclusive:
                _after_exclusive()

    def _deliver(self) -> None:
        kind, value = self._outcome
        if kind != CANCELLED and self.cancelled and not self.writes:
            if kind == FAILED:
                log.info("取消的任务“%s”结束时出错：%r", self.title, value)
            kind, value = CANCELLED, None
        if not self._receiver_alive():
            return
        on_done, on_error, on_cancelled, _ = self._callbacks
        self._callbacks = (None, None, None, None)
        if kind == DONE:
            if on_done is not None:
                on_done(value)
        elif kind == FAILED:
            receiver = self._receiver() if self._receiver is not None else None
            parent = receiver if isinstance(receiver, QWidget) else None
            (on_error or (lambda exc: show_error(parent, self.title, exc)))(value)
        elif on_cancelled is not None:
            on_cancelled()

    def _watch_receiver(self) -> None:
        receiver = self._receiver() if self._receiver is not None else None
        if receiver is not None:
            self._watch = receiver.destroyed.connect(lambda *_a: self._receiver_destroyed())
            if isinstance(receiver, QWidget) and receiver.isWindow():
                receiver.installEventFilter(_the_hub())

    def _receiver_destroyed(self) -> None:
        self._watch = None
        self._receiver_gone()

    def _unwatch(self) -> None:
        watch, self._watch = self._watch, None
        receiver = self._receiver() if self._receiver is not None else None
        if watch is None or receiver is None or not shiboken6.isValid(receiver):
            return
        QObject.disconnect(watch)
        if not any(job._receiver is not None and job._receiver() is receiver for job in _jobs):
            receiver.removeEventFilter(_the_hub())


def _ended_func(_token: Token) -> None:  # pragma: no cover - never called: a settled job's function
    raise RuntimeError("job already ended")


def _work(job: Job) -> None:
    """The worker thread's whole life: the job, its own connection closed, the outcome posted."""
    try:
        job._outcome = job._call()
    finally:
        try:
            if database.obj is not None:
                database.obj.close()  # this thread's own connection, never the main thread's
        except Exception:
            log.exception("任务“%s”结束时关闭数据库连接失败", job.title)
        hub = _hub
        if hub is not None:
            hub.ended.emit(job)


def run(func: Callable[[Token], Any], *, receiver: QObject | None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        title: str = "", label: str | None = None, writes: bool = False, exclusive: bool = False) -> Job:
    """Run `func(token)` on a worker thread; its outcome comes back on the UI thread.

    `on_done(result)`, `on_error(exc)` (default: `show_error` under `title`) or `on_cancelled()`
    is called once, and none of them when `receiver` was destroyed meanwhile. `on_progress(done,
    total, text)` follows `token.progress`. With `label` (正在生成…, 正在恢复…) the busy cursor
    shows at once and, for a job still running after DIALOG_DELAY_MS, a progress dialog with
    取消. A `writes` job is never cancelled by `stop_all` (it is waited for: what it writes must
    be written whole). An `exclusive` job (a restore) runs alone: every other job is stopped
    and waited for first, told (on_cancelled) once it has ended, and jobs started meanwhile
    wait for it.
    """
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("jobs start on the UI thread")
    job = Job(func, receiver, on_done=on_done, on_error=on_error, on_cancelled=on_cancelled,
              on_progress=on_progress, title=title, label=label, writes=writes, exclusive=exclusive)
    if _closing:
        job.state = ENDED
        return job
    _the_hub()
    if exclusive:
        _make_room()
    _jobs.append(job)
    job._watch_receiver()
    if not any(other.exclusive for other in _jobs if other is not job):
        job._start()
    return job


def _make_room() -> None:
    """Before an exclusive job: cancel the readers, let the writers finish, join them all;
    what they would deliver waits until the exclusive job has ended."""
    global _clearing
    _clearing = True
    try:
        for other in list(_jobs):
            other.stop(wait=False)
        for other in list(_jobs):
            other._join()
            other._settle(deliver=False)
            _held.append(other)
    finally:
        _clearing = False


def _after_exclusive() -> None:
    """An exclusive job ended: tell the jobs it stopped, then start those that waited."""
    if _closing or _clearing:
        return
    held = list(_held)
    _held.clear()
    for job in held:
        job._deliver()  # cancelled, unless a writer finished what it wrote
    for job in list(_jobs):
        if job.state == WAITING and job.cancelled:
            job._settle()
        elif job.state == WAITING:
            job._start()


def running() -> list[Job]:
    """The jobs not yet ended (waiting or running), oldest first."""
    return list(_jobs)


def stop_all(wait: bool = True) -> None:
    """Cancel every job (writers are let finish) and, with `wait`, join every worker and
    deliver each outcome here: afterwards no worker holds a database connection."""
    for job in list(_jobs):
        job.stop(wait=False)
    if wait:
        for job in list(_jobs):
            job._join()
            job._settle()


def _shut_down() -> None:
    """The application is quitting: join every worker and deliver nothing more."""
    global _closing
    _closing = True
    _held.clear()
    for job in list(_jobs):
        job.stop(wait=False)
    for job in list(_jobs):
        job._join()
        job._settle(deliver=False)


atexit.register(_shut_down)


@contextmanager
def run_inline() -> Iterator[None]:
    """Tests: a job runs on the calling thread and its callbacks are called before `run`
    returns (no progress dialog; the busy cursor is set and restored around it)."""
    global _inline
    previous, _inline = _inline, True
    try:
        yield
    finally:
        _inline = previous


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A job's error for the clerk: a known fault (full disk, locked or damaged file, invalid
    input) in words; anything else is a bug and goes on to the window's crash dialog."""
    fault = faults.classify(exc)
    if fault is None:
        raise exc
    messages.warn(parent, title or "操作没有完成", fault.text())
