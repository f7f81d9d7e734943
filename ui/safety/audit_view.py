"""操作日志: who changed what and when, read-only, searchable, exportable for a supervisor."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget

from models.exchange import audit_export
from models.safety import faults
from ui.widgets import fit, messages
from ui.widgets.list_panel import ListPanel
from ui.widgets.table_model import Column

SHOWN = 20000  # newest lines in the table; the export always holds every line


def choose_save_file(parent: QWidget | None, suggested: str) -> str:
    """The save dialog (tests replace this function); '' when cancelled."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    path, _ = QFileDialog.getSaveFileName(parent, "导出操作日志", str(folder / suggested),
                                          "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)")
    return path


class AuditLogDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("操作日志")
        columns = [Column(title, n) for n, title in enumerate(audit_export.HEADERS)]
        self.panel = ListPanel(columns, "搜索操作人员、对象或内容", self)
        self.panel.add_button("导出…", self.export, "把全部操作日志保存为 Excel 或 CSV 文件")
        self.panel.finish_buttons()
        self.panel.fit_columns((11, 5, 4, 4, 4, 30))
        note = QLabel("操作日志由程序自动记录，不能修改。", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.set_rows(audit_export.rows(SHOWN))
        fit.to_screen(self, 960, 600)

    def export(self) -> Path | None:
        chosen = choose_save_file(self, f"操作日志{dt.date.today():%Y%m%d}.xlsx")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + ".xlsx")
        try:
            n = audit_export.export(path)
        except Exception as exc:
            fault = faults.classify(exc)
            if fault is None:
                raise
            messages.warn(self, "无法导出", fault.text())
            return None
        messages.info(self, "导出完成", f"已导出 {n} 条操作日志到：\n{path}")
        return path
