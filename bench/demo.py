"""Seconds of `main.py demo --members N --today D` in a fresh process (target ≤ 8 s at 30,000).

    uv run python bench/demo.py [--members 30000,100000] [--today 2026-12-01] [--runs 1]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import demo_files  # noqa: E402 - after the path is set


def main() -> None:
    parser = argparse.ArgumentParser()
    demo_files.add_arguments(parser)
    parser.add_argument("--runs", type=int, default=1, help="each run writes the whole township (default 1)")
    args = parser.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M')} UTC, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results = {}
    for members in args.members:
        times = []
        for n in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"demo-{n}.db"
                env = demo_files.child_env(XIANFENG_DATA_DIR=str(Path(tmp) / "data"))
                t0 = time.perf_counter()
                subprocess.run(demo_files.demo_command(path, members, args.today), check=True, capture_output=True,
                               env=env)
                times.append(time.perf_counter() - t0)
                size = path.stat().st_size / 1e6
        results[members] = statistics.median(times)
        print(f"demo --members {members:,}: median {results[members]:.1f} s "
              f"(runs {', '.join(f'{t:.1f}' for t in times)}), {size:.0f} MB")
    if len(results) > 1:
        small, big = min(results), max(results)
        print(f"growth {small:,} → {big:,}: {results[big] / results[small]:.1f}× for {big / small:.1f}× the members")


if __name__ == "__main__":
    main()
