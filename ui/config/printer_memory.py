"""The print dialog's choices remembered per printer, beside that printer's 套打 offsets.

Kept in the settings (models.config, key printer_options), so a certificate printer keeps its
手动进纸 and a board printer its 双面 from one print run to the next. With no database open
(a preview from a test, a file opened read-only) nothing is remembered and printing goes on.
"""
from __future__ import annotations

import logging
from typing import Any

import peewee as pw

from models.config import settings
from models.errors import ValidationError
from models.store.db import database

log = logging.getLogger(__name__)


def load() -> dict[str, dict[str, Any]]:
    if database.obj is None:
        return {}
    try:
        return dict(settings.get("printer_options"))
    except pw.DatabaseError as exc:
        log.info("读取打印机选项失败：%r", exc)
        return {}


def remember(printer: str, entry: dict[str, Any]) -> None:
    """Store one printer's choice, in one settings write."""
    if database.obj is None or not printer.strip():
        return
    values = load()
    values[printer.strip()] = entry
    try:
        settings.put({"printer_options": values})
    except (pw.DatabaseError, ValidationError) as exc:  # read-only media: print, do not remember
        log.info("打印机选项没有保存：%r", exc)
