"""Backup and restore speed on a big township (issue 6: nothing lost, nothing leaked).

Prints seconds to back up (backup API, sync, integrity check) and to restore (inspect,
safety copy of the current file, copy, check, atomic swap, reopen) a database made with
`models.demo.fill(members=30000)`. Target: ≤ 2 s each.

    uv run python bench/backup.py [--members 30000] [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.safety import opening  # noqa: E402 - after the path is set
from models.safety.restore import restore_backup  # noqa: E402 - after the path is set


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=30000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        os.environ["XIANFENG_DATA_DIR"] = str(tmp_path / "data")
        from models import demo
        from models.safety import backup
        from models.store import db

        path = tmp_path / "big.db"
        t0 = time.perf_counter()
        opening.connect(path)
        demo.fill(members=args.members)
        print(f"demo database: {args.members} members, {path.stat().st_size / 1e6:.1f} MB "
              f"(made in {time.perf_counter() - t0:.1f} s)")
        backup_times, restore_times = [], []
        for n in range(args.runs):
            dest = tmp_path / f"copy{n}.db"
            t0 = time.perf_counter()
            backup.backup_to(path, dest)
            backup_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            restore_backup(dest, path)
            restore_times.append(time.perf_counter() - t0)
        db.close()
        print(f"backup:  median {statistics.median(backup_times):.2f} s  "
              f"(runs: {', '.join(f'{t:.2f}' for t in backup_times)})  target ≤ 2 s")
        print(f"restore: median {statistics.median(restore_times):.2f} s  "
              f"(runs: {', '.join(f'{t:.2f}' for t in restore_times)})  target ≤ 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
