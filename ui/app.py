"""Starting the window: the application object, the database, the error dialog."""
from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication

from models.store import paths
from ui.qtcompat import guard_singletons

log = logging.getLogger(__name__)


def install_excepthook() -> None:
    """A bug shows a dialog with copyable details and goes to the log; the window stays up."""
    from ui.widgets import messages

    def hook(exc_type, exc, tb) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("未处理的错误\n%s", details)
        if isinstance(exc, MemoryError):  # not a bug to report: what happened, in words
            from models.safety import faults

            fault = faults.classify(exc)
            if fault is not None:
                messages.warn(None, "内存不足", fault.text())
                return
        messages.error(None, "程序出错", "程序遇到了一个意外错误，刚才的操作可能没有完成。已保存的数据不受影响。\n"
                       "请把下面“详细信息”中的内容复制给技术人员。", details)

    sys.excepthook = hook


_translators: list = []  # a QTranslator must live as long as the application


def install_chinese(app: QApplication) -> bool:
    """Qt's own words (the right-click menu's 撤销/复制/粘贴, a message box's 确定) in Chinese:
    the clerk's Windows may well be set to English, and the program is Chinese throughout."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if _translators:
        return True
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", path):
        log.warning("没有找到 Qt 的中文翻译（%s）", path)
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def make_app() -> QApplication:
    guard_singletons()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("先锋台账")
    app.setOrganizationName("xianfeng")
    install_chinese(app)
    return app


def run(db_path: str | None, process_start: float | None = None) -> int:
    from PySide6.QtCore import QTimer

    from ui.main_window import MainWindow
    from ui.open_database import open_database, report_start_copy

    app = make_app()
    install_excepthook()
    path = Path(db_path) if db_path else paths.default_db_path()
    read_only = open_database(None, path)  # backs up first; second copy, damage, full disk …
    if read_only is None:
        return 2
    from ui.config import text_size

    text_size.apply_saved()  # 界面字号, before any window is laid out
    window = MainWindow(str(path), read_only=read_only)
    window.close_database_on_exit = True
    bench_today = os.environ.get("XIANFENG_BENCH_TODAY")  # bench/startup.py: the demo's campaign date
    if bench_today and window.committee is not None:
        import datetime as dt

        window.committee.home.today = dt.date.fromisoformat(bench_today)
    window.load()
    window.show_fitted()
    if process_start is not None:
        log.info("窗口已显示，用时 %.2f 秒", time.perf_counter() - process_start)
    if os.environ.get("XIANFENG_BENCH_EXIT"):  # bench/startup.py: report once painted, then quit
        def done() -> None:
            print(f"shown {window.members.panel.model.rowCount()}", flush=True)
            app.quit()

        QTimer.singleShot(0, done)
    elif not read_only:
        report_start_copy(window)
        QTimer.singleShot(0, window.ask_clerk_name_once)
    return app.exec()
