"""ui.jobs, the one owner of background work: the real threaded path (waited on with qtbot,
never timed) and the inline stand-in the other UI tests run under."""
from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QWidget

from models.errors import ValidationError
from ui import jobs

MAIN = threading.main_thread()


def until_cancelled(started: threading.Event, finished: threading.Event):
    """A job that runs until it is cancelled, as a long render checks at every page."""

    def job(token: jobs.Token) -> str:
        started.set()
        try:
            n = 0
            while True:
                n += 1
                token.progress(n, 0, f"第 {n} 步")
                finished.wait(0.005)
        finally:
            finished.set()

    return job


def test_progress_and_result_reach_the_ui_thread(qtbot, real_jobs):
    seen, threads, done = [], [], []

    def work(token: jobs.Token) -> int:
        threads.append(threading.current_thread())
        for n in range(1, 6):
            token.progress(n, 5, f"已完成 {n} / 5 份")
        return 42

    def progressed(n: int, total: int, text: str) -> None:
        seen.append((n, total, text))
        threads.append(threading.current_thread())

    job = jobs.run(work, receiver=None, on_progress=progressed, on_done=done.append)
    qtbot.waitUntil(lambda: not job.running)
    assert done == [42]
    assert seen[-1] == (5, 5, "已完成 5 / 5 份")  # the last report always arrives
    assert threads[0] is not MAIN and all(t is MAIN for t in threads[1:])
    assert not jobs.running()


def test_cancel_stops_the_job_and_delivers_no_result(qtbot, real_jobs):
    started, finished = threading.Event(), threading.Event()
    done, cancelled = [], []
    job = jobs.run(until_cancelled(started, finished), receiver=None, on_done=done.append,
                   on_cancelled=lambda: cancelled.append(True))
    assert started.wait(10)
    job.cancel()
    qtbot.waitUntil(lambda: not job.running)
    assert finished.is_set() and done == [] and cancelled == [True]


def test_a_known_error_is_said_in_chinese(qtbot, real_jobs, answer_messages):
    def work(_token: jobs.Token) -> None:
        raise ValidationError("名册第 3 行的身份证号有误")

    job = jobs.run(work, receiver=None, title="导入党员名册")
    qtbot.waitUntil(lambda: not job.running)
    assert answer_messages.log == [("warn", "导入党员名册", "名册第 3 行的身份证号有误")]


def test_an_error_arrives_as_an_error_on_the_ui_thread(qtbot, real_jobs):
    errors, threads = [], []

    def failed(exc: BaseException) -> None:
        errors.append(exc)
        threads.append(threading.current_thread())

    job = jobs.run(lambda _token: 1 / 0, receiver=None, on_done=lambda _r: pytest.fail("no result"),
                   on_error=failed)
    qtbot.waitUntil(lambda: not job.running)
    assert [type(e) for e in errors] == [ZeroDivisionError] and threads == [MAIN]


def test_a_bug_goes_on_to_the_crash_dialog(qapp):
    """Inline, the default error handling raises a bug where the job was started (in the
    window: the exception hook's dialog with details)."""
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        jobs.run(lambda _token: 1 / 0, receiver=None, title="年度考核")


def test_stop_all_waits_for_running_jobs(qtbot, real_jobs):
    started, finished = threading.Event(), threading.Event()
    cancelled = []
    reader = jobs.run(until_cancelled(started, finished), receiver=None, on_cancelled=lambda: cancelled.append(1))
    release, written = threading.Event(), []

    def write(_token: jobs.Token) -> str:
        release.wait(10)  # a writer ignores cancelling: what it writes is written whole
        return "已写入"

    writer = jobs.run(write, receiver=None, writes=True, on_done=written.append)
    assert started.wait(10)
    release.set()
    jobs.stop_all(wait=True)
    assert finished.is_set() and cancelled == [1]  # the reader was cancelled and joined
    assert written == ["已写入"]  # the writer was waited for and its outcome delivered
    assert not reader.running and not writer.running and not jobs.running()


def test_no_result_for_a_deleted_receiver(qtbot, real_jobs):
    started, finished = threading.Event(), threading.Event()
    widget = QWidget()
    delivered = []
    job = jobs.run(until_cancelled(started, finished), receiver=widget, on_done=delivered.append,
                   on_cancelled=lambda: delivered.append("cancelled"), on_progress=lambda *a: None)
    assert started.wait(10)
    shiboken6.delete(widget)  # the page goes away while its job runs
    assert not job.running and finished.is_set()  # stopped and joined at once
    qtbot.wait(20)  # let any queued report arrive: nothing may reach the dead widget
    assert delivered == []


def test_no_result_for_a_receiver_closed_before_delivery(qtbot, real_jobs):
    widget = QWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    widget.show()
    returned, delivered = threading.Event(), []

    def work(_token: jobs.Token) -> str:
        returned.set()
        return "结果"

    job = jobs.run(work, receiver=widget, on_done=delivered.append)
    assert returned.wait(10)  # finished; its outcome is queued for the UI thread
    widget.close()
    qtbot.waitUntil(lambda: not job.running)
    assert delivered == [] and not jobs.running()


def test_progress_dialog_only_for_a_long_job_and_its_cancel(qtbot, real_jobs):
    started, finished = threading.Event(), threading.Event()
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    cancelled = []
    job = jobs.run(until_cancelled(started, finished), receiver=parent, label="正在生成承诺书……",
                   on_cancelled=lambda: cancelled.append(1))
    assert job.dialog is None  # not before the delay
    assert QGuiApplication.overrideCursor() is not None  # the busy cursor at once
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
    qtbot.waitUntil(lambda: "第" in job.dialog.labelText())
    assert job.dialog.labelText().startswith("正在生成承诺书……\n")
    button = job.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not job.running)
    assert finished.is_set() and cancelled == [1]
    assert QGuiApplication.overrideCursor() is None


def test_an_exclusive_job_runs_alone(qtbot, real_jobs):
    """A restore: the reader is cancelled and the writer finished before it starts; they hear
    of it once it has ended, and a job started meanwhile waits for it."""
    started, finished = threading.Event(), threading.Event()
    order, written = [], threading.Event()
    jobs.run(until_cancelled(started, finished), receiver=None, on_cancelled=lambda: order.append("读者已停"))

    def write(_token: jobs.Token) -> str:
        started.wait(10)
        for _ in range(5):
            written.wait(0.01)
        written.set()
        return "已写入"

    jobs.run(write, receiver=None, writes=True, on_done=order.append)
    assert started.wait(10)

    def restore(_token: jobs.Token) -> str:
        order.append("恢复开始" if finished.is_set() and written.is_set() else "还有任务在运行")
        return "恢复完成"

    exclusive = jobs.run(restore, receiver=None, exclusive=True, on_done=order.append)
    later = jobs.run(lambda _token: "之后的任务", receiver=None, on_done=order.append)
    assert later.running
    qtbot.waitUntil(lambda: not exclusive.running and not later.running)
    assert order == ["恢复开始", "恢复完成", "读者已停", "已写入", "之后的任务"]


def test_inline_runs_at_once_on_the_calling_thread(qapp):
    seen, done, threads = [], [], []

    def work(token: jobs.Token) -> str:
        threads.append(threading.current_thread())
        token.progress(1, 2, "一半")
        token.progress(2, 2)
        return "好了"

    job = jobs.run(work, receiver=None, on_progress=lambda *a: seen.append(a), on_done=done.append,
                   label="正在计算……")
    assert not job.running and done == ["好了"] and threads == [MAIN]
    assert seen == [(1, 2, "一半"), (2, 2, "")]
    assert QGuiApplication.overrideCursor() is None


def test_inline_cancel_from_progress(qapp):
    """A test can cancel an inline job where it reports, as the clerk's 取消 would."""
    cancelled, reached = [], []

    def work(token: jobs.Token) -> None:
        for n in range(10):
            token.progress(n, 10)
            reached.append(n)

    def progressed(n: int, _total: int, _text: str) -> None:
        if n == 3:
            jobs.running()[-1].cancel()

    job = jobs.run(work, receiver=None, on_progress=progressed, on_done=lambda _r: pytest.fail("no result"),
                   on_cancelled=lambda: cancelled.append(1))
    assert cancelled == [1] and reached == [0, 1, 2, 3] and not job.running
