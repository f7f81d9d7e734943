"""Every printout is drawn through here: off the UI thread (a `ui.jobs` job), behind the
progress dialog with 取消 when it takes a while, then into the preview.

Drawing 100+ pages takes seconds on an old office PC; the window must keep repainting and
the clerk must be able to press 取消. The data is gathered on the main thread first (plain
dataclasses), so the worker never touches the database.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from printing.errors import MissingGlyphsError, PrintingError
from printing.layout.sections import Progress
from ui import jobs
from ui.prints.pdf_preview import PreviewDialog
from ui.widgets import messages, modal
from ui.widgets.busy import wait_cursor

#: render(accept_missing, progress) -> PDF bytes; it calls progress(done, total) as it goes
#: (or not at all) and may raise MissingGlyphsError when it is not to accept missing characters.
Render = Callable[[bool, Progress], bytes]


def render_to_preview(parent: QWidget | None, title: str, file_name: str, render: Render, *,
                      accept_missing: bool = False, note: str = "", label: str | None = None) -> jobs.Job:
    """Render in the background, then open the preview (from where the clerk prints or saves).

    A render that meets characters no font has, not told to accept them, fails with
    MissingGlyphsError: the clerk is asked, and on yes it runs again accepting them.
    """
    def work(token: jobs.Token) -> bytes:
        return render(accept_missing, lambda done, total: token.progress(done, total, f"已完成 {done} / {total} 份"))

    def done(pdf: bytes) -> None:
        with wait_cursor():  # QtPdf loads and lays out the first pages
            preview = PreviewDialog(parent, title, pdf, file_name, note)
        modal.run(preview)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, MissingGlyphsError) and not accept_missing:
            if messages.ask(parent, "有字打印不出来", str(exc) + "\n\n仍要继续生成吗？"):
                render_to_preview(parent, title, file_name, render, accept_missing=True, note=note, label=label)
            return
        if isinstance(exc, PrintingError):
            messages.warn(parent, "无法生成打印文件", str(exc))
            return
        jobs.show_error(parent, "无法生成打印文件", exc)

    return jobs.run(work, receiver=parent, title=title, label=label or f"正在生成{title}……", on_done=done,
                    on_error=failed, on_cancelled=lambda: messages.info(parent, title, "已取消，没有生成文件。"))
