"""Where the program keeps its files: the user's data folder and the default database in it.

Apart from the database module so that the command line's `--help` and the log set-up can
find the data folder without importing peewee.
"""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "xianfeng-desk"
APP_AUTHOR = "xianfeng"


def data_dir() -> Path:
    """The user's data folder; XIANFENG_DATA_DIR overrides it (portable installs, tests)."""
    override = os.environ.get("XIANFENG_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "xianfeng.db"
