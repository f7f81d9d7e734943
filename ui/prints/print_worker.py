"""Render a long print job (hundreds of ballots, a branch's letters) off the UI thread.

Drawing 100+ pages takes seconds on an old office PC; the window must keep repainting
and the clerk must be able to press 取消. The data is gathered on the main thread first
(plain dataclasses), so the worker never touches the database — SQLite connections
belong to the thread that opened them.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from printing.layout.sections import Progress, RenderCancelled

#: render(progress) -> PDF bytes; it calls progress(done, total) and may raise.
Render = Callable[[Progress], bytes]


class _Worker(QObject):
    progressed = Signal(int, int)
    done = Signal(bytes)
    failed = Signal(object)

    def __init__(self, render: Render) -> None:
        super().__init__()
        self.render = render
        self.cancelled = threading.Event()

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise RenderCancelled()
        self.progressed.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            pdf = self.render(self._progress)
        except BaseException as exc:
            self.failed.emit(exc)
        else:
            self.done.emit(pdf)


class BackgroundJob(QObject):
    """One render in a QThread with a progress dialog; :meth:`run` returns the PDF or None.

    Exceptions of the render are re-raised on the main thread (RenderCancelled when the
    clerk pressed 取消), so callers handle errors exactly as for a direct render.
    """

    #: Tests set this to a callable(job) run once the worker has started.
    started_hook: Callable[[BackgroundJob], None] | None = None

    def __init__(self, parent: QWidget | None, label: str, render: Render, total: int) -> None:
        super().__init__()          # a QObject of the UI thread: its slots run there
        self.worker = _Worker(render)
        self.thread = QThread()
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog(label, "取消", 0, max(1, total), parent)
        self.dialog.setWindowTitle("正在生成打印文件")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.label = label
        self._result: bytes | None = None
        self._error: BaseException | None = None
        self._loop = QEventLoop()
        queued = Qt.ConnectionType.QueuedConnection   # widgets are touched on the UI thread only
        self.worker.progressed.connect(self._on_progress, queued)
        self.worker.done.connect(self._on_done, queued)
        self.worker.failed.connect(self._on_failed, queued)
        self.thread.started.connect(self.worker.run)

    @Slot()
    def cancel(self) -> None:
        self.worker.cancelled.set()
        self.dialog.setLabelText("正在取消……")

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(done)
        self.dialog.setLabelText(f"{self.label}\n已完成 {done} / {total} 份")

    @Slot(bytes)
    def _on_done(self, pdf: bytes) -> None:
        self._result = pdf
        self._loop.quit()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._error = exc
        self._loop.quit()

    def run(self) -> bytes:
        self.dialog.show()
        self.thread.start()
        hook = type(self).started_hook
        if hook is not None:
            hook(self)
        if self._result is None and self._error is None:
            self._loop.exec()
        self.thread.quit()
        self.thread.wait()
        self.dialog.hide()          # close() would emit canceled and reset the bar
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def render_in_background(parent: QWidget | None, label: str, render: Render, total: int) -> bytes:
    """Run ``render`` in a worker thread behind a progress dialog with 取消."""
    return BackgroundJob(parent, label, render, total).run()
