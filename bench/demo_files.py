"""The demo townships the benchmarks run on, one cached file per size and campaign date.

Every bench script takes `--members` (one size or a comma list; default 30,000 and 100,000)
and `--today` (default 2026-12-01: December, so all four quarters are reviewed and every
pledge deadline has passed — the heaviest realistic data). The same size and date give the
same file whatever the calendar says, so figures from different days compare. Files are kept
in `$XIANFENG_BENCH_CACHE` (default `~/.cache/xianfeng-bench`) under a name that includes a
hash of the code that writes them, so a change to the demo or the schema makes a new one;
each run works on a copy, never on the cached file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TODAY = dt.date(2026, 12, 1)
DEFAULT_SIZES = (30000, 100000)


def _sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def add_arguments(parser: argparse.ArgumentParser, sizes: tuple[int, ...] = DEFAULT_SIZES) -> None:
    parser.add_argument("--members", type=_sizes, default=list(sizes),
                        help=f"sizes, comma-separated (default {','.join(map(str, sizes))})")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=DEFAULT_TODAY,
                        help=f"campaign date of the demo data and of the program (default {DEFAULT_TODAY})")


def _code_hash() -> str:
    """What decides the file's content: the demo, the tables and the schema steps."""
    digest = hashlib.sha1()
    files = [ROOT / "models" / "demo.py", *sorted((ROOT / "models" / "store").rglob("*.py"))]
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_dir() -> Path:
    folder = Path(os.environ.get("XIANFENG_BENCH_CACHE", Path.home() / ".cache" / "xianfeng-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured child process: with compiled bytecode, as an installed
    program has it (kept in the cache, not in the source tree), even where the shell turns
    bytecode off — otherwise every start-up figure includes compiling every module."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    env.update(extra)
    return env


def demo_command(path: Path, members: int, today: dt.date) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--db", str(path), "demo", "--members", str(members),
            "--today", today.isoformat()]


def cached(members: int, today: dt.date) -> Path:
    """The cached file for this size and date, made (in a child process, as a clerk would) if missing."""
    path = cache_dir() / f"demo-{members}-{today.isoformat()}-{_code_hash()}.db"
    if not path.exists():
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        t0 = time.perf_counter()
        env = child_env(XIANFENG_DATA_DIR=str(cache_dir() / "data"))
        subprocess.run(demo_command(part, members, today), check=True, capture_output=True, env=env)
        _checkpoint(part)
        part.rename(path)
        print(f"  (made the {members:,}-member demo for {today} in {time.perf_counter() - t0:.1f} s: {path.name})")
    return path


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the file so that one file is the whole database."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def working_copy(members: int, today: dt.date, folder: Path) -> Path:
    """A fresh copy of the cached file in `folder` (a benchmark may open it for writing)."""
    target = folder / f"bench-{members}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(cached(members, today), target)
    return target
