"""Opening a folder in the system's file manager (资源管理器 on Windows)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_folder(folder: Path) -> bool:
    """Made first if missing: a fresh install has no backups or logs yet, and an error for an
    empty folder would only puzzle the clerk."""
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
