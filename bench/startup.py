"""Start-up and search speed on a big township (issue: the working program).

Prints: seconds from process start to the main window shown with the member list filled
(a child process, as a clerk double-clicking would start it), milliseconds per search
keystroke on 30,000 members, and peak memory. Targets: ≤ 1.5 s, ≤ 50 ms, ≤ 300 MB.

    uv run python bench/startup.py [--members 30000] [--db PATH]
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

from models.safety import opening  # noqa: E402 - after the path is set

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_db(path: Path, members: int) -> None:
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "demo", "--members", str(members)],
                   check=True, capture_output=True)


def startup_seconds(path: Path, runs: int = 3) -> tuple[list[float], int, float]:
    times, rows, peak = [], 0, 0.0
    env = dict(os.environ, XIANFENG_BENCH_EXIT="1")
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(path)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = proc.stdout.readline()
        times.append(time.perf_counter() - t0)
        proc.wait()
        rows = int(line.split()[1]) if line.startswith("shown") else -1
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return times, rows, peak


def keystroke_ms(path: Path) -> list[float]:
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
    return per_key


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=30000)
    parser.add_argument("--db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIANFENG_DATA_DIR"] = tmp
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not path.exists():
            t0 = time.perf_counter()
            make_db(path, args.members)
            print(f"demo --members {args.members}: {time.perf_counter() - t0:.1f} s")
        times, rows, child_peak = startup_seconds(path)
        print(f"start-up to window with {rows} members listed: best {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s (target ≤ 1.5 s)")
        print(f"peak memory of the window process: {child_peak:.0f} MB (target ≤ 300 MB)")
        keys = keystroke_ms(path)
        print(f"search keystroke on {rows} members: median {statistics.median(keys):.1f} ms, "
              f"worst {max(keys):.1f} ms (target ≤ 50 ms)")
        own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process with the window open: {own_peak:.0f} MB")


if __name__ == "__main__":
    main()
