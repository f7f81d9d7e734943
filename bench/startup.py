"""Start-up and search speed on a big township (issue 17).

For each size prints: seconds from process start to the main window shown with the member
list filled (a child process, as a clerk double-clicking would start it), the same for the
floor — a bare PySide6 window showing the same rows from SQLite in a plain
QAbstractTableModel, what Qt itself needs — and the ratio; milliseconds per search
keystroke; peak memory. Targets: ≤ 1.5 s at 30,000 and ≤ 3 s at 100,000 (≤ 2× the floor),
keystroke ≤ 30 / 50 ms, peak memory ≤ 250 MB at 100,000.

    uv run python bench/startup.py [--members 30000,100000] [--today 2026-12-01] [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import demo_files  # noqa: E402 - after the path is set

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
FLOOR_SQL = ("SELECT id, name, sex, birth_date, id_number, kind, party_post, job, education, mobile, "
             "roll_status, org_id FROM member ORDER BY stroke_key, id")


def floor_window(path: str) -> None:
    """The floor: read the rows with sqlite3, show them in the plainest model Qt allows."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv)
    rows = sqlite3.connect(path).execute(FLOOR_SQL).fetchall()

    class Plain(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
            return len(rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 11

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                value = rows[index.row()][index.column() + 1]
                return "" if value is None else str(value)
            return None

    view = QTableView()
    view.setModel(Plain())
    view.resize(1280, 720)
    view.show()

    def done() -> None:
        print(f"shown {len(rows)}", flush=True)
        app.quit()

    QTimer.singleShot(0, done)
    app.exec()


def child_seconds(command: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], int, float]:
    """Seconds until the child prints `shown N`, the row count, and its peak memory (MB)."""
    times, rows, peak = [], -1, 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        times.append(time.perf_counter() - t0)
        _pid, _status, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        peak = max(peak, usage.ru_maxrss / 1024)
        rows = int(line.split()[1]) if line.startswith("shown") else -1
    return times, rows, peak


def keystroke_ms(path: Path) -> list[float]:
    from models.safety import opening
    from ui.app import make_app
    from ui.main_window import MainWindow

    opening.connect(path)
    app = make_app()
    window = MainWindow(str(path))
    window.load()
    window.show()
    window.tabs.setCurrentWidget(window.members)
    app.processEvents()
    search = window.members.panel.search
    per_key = []
    for query in ("王", "王建", "410522198", "书记", "张"):
        search.clear()
        app.processEvents()
        typed = ""
        for ch in query:
            typed += ch
            t0 = time.perf_counter()
            search.setText(typed)
            app.processEvents()
            per_key.append((time.perf_counter() - t0) * 1000)
    window.close()
    from models.store import db

    db.close()
    return per_key


def bench_size(members: int, today, runs: int, tmp: Path) -> dict[str, float]:
    path = demo_files.working_copy(members, today, tmp)
    env = demo_files.child_env(XIANFENG_BENCH_EXIT="1", XIANFENG_BENCH_TODAY=today.isoformat(),
                               XIANFENG_DATA_DIR=str(tmp / f"data{members}"))
    child_seconds([sys.executable, str(ROOT / "main.py"), "--help"], 1, env)  # bytecode compiled, not timed
    times, rows, peak = child_seconds([sys.executable, str(ROOT / "main.py"), "--db", str(path)], runs, env)
    floor, floor_rows, floor_peak = child_seconds([sys.executable, __file__, "--floor", str(path)], runs, env)
    start, base = statistics.median(times), statistics.median(floor)
    print(f"{members:,} members ({today}):")
    runs_text = ", ".join(f"{t:.2f}" for t in times)
    print(f"  start-up to the window, {rows:,} listed: median {start:.2f} s (runs {runs_text})")
    print(f"  floor, bare Qt table of {floor_rows:,} rows: median {base:.2f} s; ratio {start / base:.1f}×")
    print(f"  peak memory: window {peak:.0f} MB, floor {floor_peak:.0f} MB")
    keys = keystroke_ms(path)
    print(f"  search keystroke: median {statistics.median(keys):.1f} ms, worst {max(keys):.1f} ms "
          f"({len(keys)} keys)")
    return {"start": start, "key": statistics.median(keys)}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--floor":
        floor_window(sys.argv[2])
        return
    parser = argparse.ArgumentParser()
    demo_files.add_arguments(parser)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["XIANFENG_BENCH_TODAY"] = args.today.isoformat()
    results = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ["XIANFENG_DATA_DIR"] = str(tmp / "data")
        for members in args.members:
            results[members] = bench_size(members, args.today, args.runs, tmp)
    if len(results) > 1:
        small, big = min(results), max(results)
        print(f"growth {small:,} → {big:,} ({big / small:.1f}× the members): start-up "
              f"{results[big]['start'] / results[small]['start']:.1f}×, keystroke "
              f"{results[big]['key'] / results[small]['key']:.1f}×")
    print(f"own peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
