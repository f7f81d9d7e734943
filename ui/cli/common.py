"""What every command shares: opening the database the way the command needs it, and
writing its output file.

Commands that only read (print, check, assess) open read-only, so they also work while the
window has the file open.
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from models.store import paths

if TYPE_CHECKING:
    import peewee


class UserFacingError(Exception):
    """A problem the clerk can fix; printed without a traceback."""


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else paths.default_db_path()


def open_db(args: argparse.Namespace, readonly: bool = False) -> tuple[peewee.SqliteDatabase, Path]:
    from models.safety import opening  # peewee and the schema: not needed for `--help`

    path = db_path(args)
    if readonly and not path.exists():
        raise UserFacingError(f"数据库文件 {path} 不存在。请用 --db 指定正确的文件。")
    return opening.connect(path, readonly=readonly), path


def write_pdf(pdf: bytes, output: str) -> None:
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_bytes(pdf)


def iso_date(text: str) -> dt.date:
    """An argparse type: 2026-07-01."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2026-07-01 的格式：{text}") from None
