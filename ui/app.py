"""Starting the window: the application object, the database, the error dialog."""
from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def install_excepthook() -> None:
    """A bug shows a dialog with copyable details and goes to the log; the window stays up."""
    from ui import messages

    def hook(exc_type, exc, tb) -> None:  # noqa: ANN001
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("未处理的错误\n%s", details)
        messages.error(None, "程序出错", "程序遇到了一个意外错误，刚才的操作可能没有完成。已保存的数据不受影响。\n"
                       "请把下面“详细信息”中的内容复制给技术人员。", details)

    sys.excepthook = hook


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("先锋台账")
    app.setOrganizationName("xianfeng")
    return app


def run(db_path: str | None, process_start: float | None = None) -> int:
    from models import db
    from ui import messages
    from ui.main_window import MainWindow

    app = make_app()
    install_excepthook()
    path = Path(db_path) if db_path else db.default_db_path()
    try:
        db.connect(path)
    except Exception as exc:  # noqa: BLE001 - every failure to open is shown, none crashes
        messages.error(None, "无法打开数据库", str(exc))
        return 2
    window = MainWindow(str(path))
    window.load()
    window.show()
    if not os.environ.get("XIANFENG_BENCH_EXIT"):
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.ask_clerk_name_once)
    if os.environ.get("XIANFENG_BENCH_EXIT"):  # bench/startup.py: report once painted, then quit
        from PySide6.QtCore import QTimer

        def done() -> None:
            print(f"shown {window.members.panel.model.rowCount()}", flush=True)
            app.quit()

        QTimer.singleShot(0, done)
    if process_start is not None:
        log.info("窗口已显示，用时 %.2f 秒", time.perf_counter() - process_start)
    return app.exec()
