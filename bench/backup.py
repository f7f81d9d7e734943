"""Safety checks that scale (issue 16): backup, restore, the start-up copy and `check`.

For each size (a database made with `models.demo.fill`) prints the median of --runs runs of:
- backup: backup API copy, quick_check of the copy beside its sync (target ≤ 3 s at 100,000
  members);
- restore, unchecked: a backup from elsewhere (a USB stick): safety copy of the current file
  beside the copy and full integrity_check of the incoming one, atomic swap, reopen;
- background full check: what the window's start-copy thread does to the newest backup;
- restore, checked: the same backups, now checked in full: their copies are compared by CRC-32
  instead (target ≤ 3 s at 100,000);
- start: opening for writing after a change, with the window's safety copy, against the floor
  of opening the same file without one, measured in the same run (target ≤ 1 s extra); and
  how long the copy then runs beside the open window (the first write waits for it);
- check: `main.py check`'s work, read-only: integrity_check plus every domain rule (target
  ≤ 10 s at 30,000).

    uv run python bench/backup.py [--members 30000,100000] [--runs 3] [--files DIR]

--files DIR: start from DIR/big<members>.db when it exists (a copy of it; the demo takes
about a minute at 100,000 members on an idle machine, ten on a loaded one).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_of(runs: int, setup: Callable[[int], None], work: Callable[[int], None],
              after: Callable[[int], None] | None = None) -> tuple[float, list[float]]:
    times = []
    for n in range(runs):
        setup(n)
        t0 = time.perf_counter()
        work(n)
        times.append(time.perf_counter() - t0)
        if after is not None:
            after(n)
    return statistics.median(times), times


def show(label: str, result: tuple[float, list[float]], target: str) -> None:
    median, times = result
    print(f"  {label:<22} median {median:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times)})  {target}")


def bench_size(members: int, runs: int, tmp_path: Path, files: Path | None) -> None:
    from models import demo
    from models.safety import backup, checked, checks, opening, start_copy
    from models.safety.restore import restore_backup
    from models.store import db

    os.environ["XIANFENG_DATA_DIR"] = str(tmp_path / f"data{members}")
    path = tmp_path / f"big{members}.db"
    t0 = time.perf_counter()
    made = files / path.name if files else None
    if made is not None and made.is_file():
        shutil.copyfile(made, path)
    else:
        opening.connect(path)
        demo.fill(members=members)
        db.close()
    print(f"{members} members: {path.stat().st_size / 1e6:.1f} MB (made in {time.perf_counter() - t0:.1f} s)")

    def nothing(_n: int) -> None:
        pass

    show("backup", median_of(runs, nothing, lambda n: backup.backup_to(path, tmp_path / f"copy{n}.db")),
         "target ≤ 3 s at 100,000")
    show("restore, unchecked", median_of(runs, nothing, lambda n: restore_backup(tmp_path / f"copy{n}.db", path)),
         "a backup from elsewhere: full integrity_check")
    show("background full check", median_of(runs, nothing, lambda n: checked.full_check(tmp_path / f"copy{n}.db")),
         "in the window's start-copy thread")
    show("restore, checked", median_of(runs, nothing, lambda n: restore_backup(tmp_path / f"copy{n}.db", path)),
         "target ≤ 3 s at 100,000")
    db.close()

    def change(_n: int) -> None:  # one saved edit since the last copy: the next start copies
        opening.connect(path)
        db.database.execute_sql("UPDATE organization SET updated_at = updated_at WHERE id = 1")
        db.close()

    def open_plain(_n: int) -> None:
        opening.connect(path)
        db.close()

    def open_with_copy(_n: int) -> None:
        opening.connect(path, backup_on_start=True)

    def copy_beside(_n: int) -> None:
        pending = start_copy.current()
        if pending is not None:
            pending.copied.wait()

    def finish(_n: int) -> None:
        db.close()  # the full check of the copy is interrupted here: its own figure is above

    floor = median_of(runs, change, open_plain)
    start = median_of(runs, change, open_with_copy, finish)
    beside = median_of(runs, lambda n: (change(n), open_with_copy(n)), copy_beside, finish)
    show("open (floor)", floor, "")
    show("open with start copy", start, f"extra {start[0] - floor[0]:.2f} s, target ≤ 1 s")
    show("start copy beside", beside, "copied and checked while the window opens; writes wait for it")

    def check(_n: int) -> None:
        conn = opening.connect(path, readonly=True)
        checks.run(conn)
        db.close()

    show("check", median_of(runs, nothing, check), "target ≤ 10 s at 30,000")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", default="30000,100000", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=Path, help="folder of ready-made big<members>.db files")
    args = parser.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for members in (int(m) for m in args.members.split(",")):
            bench_size(members, args.runs, Path(tmp), args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
