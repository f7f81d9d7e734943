"""What still blocks the window, and for how long (issue 13: nothing may look hung).

Opens every dialog the window has (the list `tests/ui/test_fit.py` keeps complete), selects the
first organizations and shows each of their pages, on a demo township of N members, and prints
the seconds each took, first time (imports and font loading included) and a second time.
Anything over 0.2 s must show the wait cursor (`ui.widgets.busy`) or run as a background job.

    uv run python bench/blocking.py [--members 300]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LIMIT = 0.2


def timed(step) -> float:
    from PySide6.QtWidgets import QApplication

    t0 = time.perf_counter()
    widget = step()
    if widget is not None:
        widget.show()
    QApplication.processEvents()
    took = time.perf_counter() - t0
    if widget is not None:
        widget.close()
        widget.deleteLater()
        QApplication.processEvents()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIANFENG_DATA_DIR"] = tmp
        db = Path(tmp) / "bench.db"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "demo", "--members",
                        str(args.members)], check=True, capture_output=True)
        from PySide6.QtWidgets import QApplication

        from models.safety import opening
        from models.store.tables import Organization
        from tests.ui.test_fit import DIALOGS, _make
        from ui.main_window import MainWindow
        from ui.qtcompat import guard_singletons

        guard_singletons()
        app = QApplication.instance() or QApplication(sys.argv)
        opening.connect(db)
        window = MainWindow(str(db))
        window.load()
        window.show()
        app.processEvents()
        rows = []
        for name in DIALOGS:
            first = timed(lambda n=name: _make(n, window))
            again = timed(lambda n=name: _make(n, window))
            rows.append((f"dialog {name}", first, again))
        for org in Organization.select().order_by(Organization.id).limit(3):
            rows.append((f"select {org.short_name or org.name}",
                         timed(lambda o=org.id: window.tree.reload(o)), float("nan")))
            for i in range(window.tabs.count()):
                if window.tabs.isTabVisible(i):
                    rows.append((f"  page {window.tabs.tabText(i)}",
                                 timed(lambda i=i: window.tabs.setCurrentIndex(i)), float("nan")))
        print(f"{args.members} members; seconds first / again; * over {LIMIT} s")
        for what, first, again in rows:
            mark = "*" if first > LIMIT else " "
            print(f"{mark} {what:34s} {first:6.3f}  {again:6.3f}")
        window.close()
        del app


if __name__ == "__main__":
    main()
