"""导出 actions for the window: the roster in the national format, and any list as .xlsx.

The main window calls `export_roster(parent, org_id)` and `export_rows(parent, title,
headers, rows)`; the file dialog is the module-level `choose_save_file`, which tests replace.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from models.errors import NotFound
from models.exchange import roster_export
from models.roster import organizations
from ui.widgets import messages

_BAD_NAME_CHARS = str.maketrans({c: "_" for c in '\\/:*?"<>|'})


def choose_save_file(parent: QWidget | None, caption: str, suggested_name: str) -> str:
    """The save dialog, starting in 文档 with a suggested file name; '' when cancelled."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(folder / suggested_name),
                                          "Excel 工作簿 (*.xlsx)")
    return path


def with_suffix(path: str) -> Path:
    """The dialog may hand back a name without .xlsx (typed by hand on some systems)."""
    p = Path(path)
    return p if p.suffix.lower() == ".xlsx" else p.with_name(p.name + ".xlsx")


def _write(parent: QWidget | None, caption: str, suggested: str, write: Callable[[Path], int],
           done: Callable[[int, Path], str]) -> Path | None:
    chosen = choose_save_file(parent, caption, suggested.translate(_BAD_NAME_CHARS))
    if not chosen:
        return None
    path = with_suffix(chosen)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        n = write(path)
    except PermissionError:
        messages.warn(parent, "无法保存", f"无法写入“{path}”。这个文件可能正在 Excel 或 WPS 中打开，"
                      "请关闭它后再导出，或换一个文件名。")
        return None
    except OSError as exc:
        messages.warn(parent, "无法保存", f"无法写入“{path}”：{exc.strerror or exc}")
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    messages.info(parent, "导出完成", done(n, path))
    return path


def export_roster(parent: QWidget | None, org_id: int | None) -> Path | None:
    """The roster of the organization and everything under it (all members when None)."""
    try:
        org = organizations.get(org_id) if org_id is not None else None
    except NotFound as exc:
        messages.warn(parent, "无法导出", str(exc))
        return None
    ids = organizations.subtree_ids(org.id) if org else None
    title = f"{org.name}党员基本信息汇总表" if org else None
    name = f"{org.display_name if org else '全部'}党员名册.xlsx"
    return _write(parent, "导出党员名册", name,
                  lambda path: roster_export.export_roster(path, ids, title=title),
                  lambda n, path: f"已导出 {n} 名党员（党员基本信息汇总表格式）到：\n{path}")


def export_rows(parent: QWidget | None, title: str, headers: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> Path | None:
    """Any list the window shows, as a tidy sheet with the title on top."""
    return _write(parent, f"导出“{title}”", f"{title}.xlsx",
                  lambda path: roster_export.export_table(headers, rows, path, title),
                  lambda n, path: f"已导出 {n} 行到：\n{path}")
