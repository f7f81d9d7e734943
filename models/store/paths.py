"""Where the program keeps its files: the user's data folder and the default database in it.

Apart from the database module so that the command line's `--help` and the log set-up can
find the data folder without importing peewee.

Portable mode (a USB stick carried between village and township): the installed program
finds the marker file 便携版.txt beside its executable and keeps database, backups and logs
in 数据/ beside it, so the stick carries everything and the PC keeps nothing. Only a frozen
program looks: from the source folder `main.py` sits beside the code, not beside a stick's
program, and a stray marker there must not move a developer's data.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "xianfeng-desk"
APP_AUTHOR = "xianfeng"
PORTABLE_MARKER = "便携版.txt"
PORTABLE_DATA = "数据"


def portable_dir(executable: str | None = None, frozen: bool | None = None) -> Path | None:
    """数据/ beside the frozen executable when 便携版.txt is there; None for a normal install.

    The arguments stand in for sys.executable and sys.frozen (tests pass a fake program folder).
    """
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    if not frozen:
        return None
    folder = Path(executable or sys.executable).resolve().parent
    return folder / PORTABLE_DATA if (folder / PORTABLE_MARKER).is_file() else None


def is_portable() -> bool:
    return os.environ.get("XIANFENG_DATA_DIR") is None and portable_dir() is not None


def data_dir() -> Path:
    """The user's data folder; XIANFENG_DATA_DIR overrides it (tests), then portable mode."""
    override = os.environ.get("XIANFENG_DATA_DIR")
    if override:
        return Path(override)
    return portable_dir() or Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "xianfeng.db"
