"""先锋台账 — start here.

No arguments: open the window on the default database. With a command: batch work for the
office (demo data, checks, printing, Excel, backups), errors in Chinese on stderr. The two
user interfaces are `ui.app` (the window) and `ui.cli` (the command line); this file only
makes the process safe to start either.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

PROCESS_START = time.perf_counter()


def _ensure_streams() -> None:
    """A windowed build has no console: print() must not crash on sys.stdout being None."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # lives as long as the process
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _setup_logging() -> Path | None:
    """After the arguments are parsed: `--help` and a mistyped command need neither the
    log file nor the data folder (platformdirs, logging: a third of `--help`'s time)."""
    import logging

    from models.store.paths import data_dir

    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "xianfeng.log"
        logging.basicConfig(
            filename=path, level=logging.INFO, encoding="utf-8",
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        return path
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    _ensure_streams()
    from ui.cli.parser import build_parser, run

    args = build_parser().parse_args(argv)
    _setup_logging()
    if args.command is None:
        from ui.app import run as run_window

        return run_window(args.db, PROCESS_START)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
