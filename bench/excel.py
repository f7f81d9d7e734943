"""Excel import and export timings and peak memory: `uv run python bench/excel.py [--runs 3]`.

Import: a national-format roster (written as another office would: IDs and dates as text, a
title and two header rows) read, judged row by row and written into a database that holds
only the township committee; 10,000 rows and 100,000 rows. The preview is the reading and
judging alone (what the clerk waits for before the table shows). Export: 30,000 demo members
to the national format. Each run is a fresh child process, so its peak resident memory
(ru_maxrss, interpreter and libraries included) is that run's alone; medians of `--runs` are
printed with every run's figure, and the load average and each run's CPU seconds (`cpu`),
because the machine may be shared: on a busy one the wall-clock figures grow, the CPU ones less.

Targets (issue 12): import 10,000 ≤ 4 s; 100,000 ≤ 45 s and ≤ 400 MB; preview of 10,000
≤ 3 s; export of 30,000 ≤ 3 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import demo_files  # noqa: E402 - after the path is set


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM on Linux (ru_maxrss would count the memory of
    the process that forked it), ru_maxrss elsewhere."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s*(\d+)", status)[1]) / 1024  # type: ignore[index]
    except (OSError, TypeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux, bytes on macOS


def child_import(roster: Path, work: Path, preview_only: bool) -> dict:
    from models import demo
    from models.exchange import roster_import
    from models.roster import organizations
    from models.safety import opening

    opening.connect(work / "target.db")
    top = organizations.save({"name": demo.TOWNSHIP, "short_name": "先锋镇党委", "level": "党委"})
    t0, c0 = time.perf_counter(), time.process_time()
    preview = roster_import.preview_file(roster, roster_import.ImportOptions(org_id=top.id, create_orgs=True))
    t1 = time.perf_counter()
    result = {"preview": t1 - t0, "rows": len(preview.rows)}
    if not preview_only:
        batch = roster_import.commit(preview)
        result.update(write=time.perf_counter() - t1, total=time.perf_counter() - t0, created=batch.created_count)
    result.update(cpu=time.process_time() - c0, peak_mb=_peak_mb())
    return result


def child_export(source: Path, work: Path) -> dict:
    from models.exchange import roster_export
    from models.safety import opening

    opening.connect(source)
    t0, c0 = time.perf_counter(), time.process_time()
    n = roster_export.export_roster(work / "out.xlsx")
    return {"total": time.perf_counter() - t0, "cpu": time.process_time() - c0, "members": n, "peak_mb": _peak_mb()}


def _child(*args: str, data_dir: Path) -> dict:
    env = dict(os.environ, XIANFENG_DATA_DIR=str(data_dir))
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                         env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _make_roster(work: Path, members: int, today: dt.date) -> tuple[Path, Path]:
    """A demo database of `members` (bench/demo_files: cached per size and date) and its
    national-format export."""
    db, roster = demo_files.working_copy(members, today, work), work / f"roster-{members}.xlsx"
    env = dict(os.environ, XIANFENG_DATA_DIR=str(work / "data"))
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "export", "roster", "-o", str(roster)],
                   check=True, capture_output=True, env=env)
    return db, roster


def _runs(label: str, target: str, runs: int, make: Callable[[int], dict], keys: tuple[str, ...]) -> None:
    results = []
    for i in range(runs):
        results.append(make(i))
    parts = []
    for key in keys:
        values = [r[key] for r in results]
        unit = " MB" if key == "peak_mb" else " s"
        fmt = "{:.0f}" if key == "peak_mb" else "{:.2f}"
        shown = "/".join(fmt.format(v) for v in values)
        parts.append(f"{key} {fmt.format(statistics.median(values))}{unit} ({shown})")
    print(f"{label}: " + ", ".join(parts) + f"   [target {target}]", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=demo_files.DEFAULT_TODAY,
                        help="campaign date of the demo data (default %(default)s)")
    parser.add_argument("--skip-100k", action="store_true", help="leave out the 100,000-row import")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        work = Path(rest[-1])
        result = (child_export(Path(rest[0]), work) if kind == "export"
                  else child_import(Path(rest[0]), work, kind == "preview"))
        print(json.dumps(result))
        return

    work = Path(tempfile.mkdtemp(prefix="xianfeng-bench-"))
    print(f"{time.strftime('%Y-%m-%d %H:%M')} UTC, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
          flush=True)
    try:
        _source10, roster10 = _make_roster(work, 10_000, args.today)
        source30, _roster30 = _make_roster(work, 30_000, args.today)

        def fresh(i: int, name: str) -> Path:
            folder = work / f"{name}-{i}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            return folder

        _runs("preview 10,000 rows", "≤ 3 s", args.runs,
              lambda i: _child("preview", str(roster10), str(fresh(i, "p10")), data_dir=work / "data"),
              ("preview", "cpu", "peak_mb"))
        _runs("import 10,000 rows", "≤ 4 s", args.runs,
              lambda i: _child("import", str(roster10), str(fresh(i, "i10")), data_dir=work / "data"),
              ("preview", "write", "total", "cpu", "peak_mb"))
        _runs("export 30,000 members", "≤ 3 s", args.runs,
              lambda i: _child("export", str(source30), str(fresh(i, "e30")), data_dir=work / "data"),
              ("total", "cpu", "peak_mb"))
        if not args.skip_100k:
            _source100, roster100 = _make_roster(work, 100_000, args.today)
            _runs("import 100,000 rows", "≤ 45 s, ≤ 400 MB", args.runs,
                  lambda i: _child("import", str(roster100), str(fresh(i, "i100")), data_dir=work / "data"),
                  ("preview", "write", "total", "cpu", "peak_mb"))
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
