"""打印 dialog: which printer, how many copies, 双面, 手动进纸, and which path the job takes.

The system print dialog cannot say whether a page goes as text or as a picture, nor remember
certificate stock's manual feed per printer; this one does both. It takes and returns plain
data (the remembered options per printer come from ui.config.printer_memory), so tests drive
it with qtbot and no printer.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.prints.spool import choose
from ui.prints.spool.options import PageSize, PrintOptions
from ui.widgets import fit

MAX_COPIES = 999


def page_summary(pages: list[PageSize]) -> str:
    """共 27 页：A3 横向 27 页 — so the clerk loads the right paper."""
    counts = Counter((page.media.replace("Custom.", "自定义 "), "横向" if page.landscape else "纵向") for page in pages)
    parts = "，".join(f"{media} {way} {n} 页" for (media, way), n in counts.items())
    return f"共 {len(pages)} 页：{parts}" if pages else "没有可打印的页"


class SendDialog(QDialog):
    def __init__(self, parent: QWidget | None, pages: list[PageSize], printers: list[str], default: str,
                 remembered: dict[str, dict[str, Any]], path_for: Callable[[str, bool], str],
                 title: str = "先锋台账") -> None:
        super().__init__(parent)
        self.setWindowTitle("打印")
        self.remembered, self.path_for, self.title = remembered, path_for, title
        self.printer = QComboBox(self)
        self.printer.addItems(printers)
        if default in printers:
            self.printer.setCurrentText(default)
        self.copies = QSpinBox(self)
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setSuffix(" 份")
        self.collate = QCheckBox("逐份打印（一份打完再打下一份）", self)
        self.duplex = QCheckBox("双面打印（横向页按短边翻转）", self)
        self.manual = QCheckBox("手动进纸（证书纸、厚纸从手动进纸口放入）", self)
        self.raster = QCheckBox("兼容方式：按图片打印（打印机打出乱码或缺字时再用）", self)
        self.path = QLabel(self)
        self.path.setWordWrap(True)
        summary = QLabel(page_summary(pages) + "。按实际大小打印，不缩放。", self)
        summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("打印机：", self.printer)
        form.addRow("份数：", self.copies)
        form.addRow("", self.collate)
        form.addRow("", self.duplex)
        form.addRow("", self.manual)
        form.addRow("", self.raster)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton("打印", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.path)
        layout.addWidget(buttons)
        self.printer.currentTextChanged.connect(self._load)
        self.copies.valueChanged.connect(self._update)
        self.raster.toggled.connect(self._update)
        self.ok.setEnabled(bool(printers) and bool(pages))
        if not printers:
            self.path.setText("这台电脑没有安装打印机。请先在系统设置里添加打印机，或另存为 PDF 拿到别处打印。")
        self._load(self.printer.currentText())
        fit.to_screen(self, 520, 360)

    def _load(self, name: str) -> None:
        saved = self.remembered.get(name, {})
        self.copies.setValue(int(saved.get("copies", 1)))
        self.collate.setChecked(bool(saved.get("collate", True)))
        self.duplex.setChecked(bool(saved.get("duplex", False)))
        self.manual.setChecked(bool(saved.get("manual_feed", False)))
        self.raster.setChecked(bool(saved.get("raster", False)))
        self._update()

    def _update(self) -> None:
        self.collate.setEnabled(self.copies.value() > 1)
        name = self.printer.currentText()
        if name:
            self.path.setText("打印方式：" + choose.LABELS[self.chosen_path()])

    def chosen_path(self) -> str:
        return self.path_for(self.printer.currentText(), self.raster.isChecked())

    def options(self) -> PrintOptions:
        return PrintOptions(self.printer.currentText(), self.copies.value(), self.collate.isChecked(),
                            self.duplex.isChecked(), self.manual.isChecked(), self.title)

    def remembered_entry(self) -> dict[str, Any]:
        """What to remember for this printer (ui.config.printer_memory stores it)."""
        return {"copies": self.copies.value(), "collate": self.collate.isChecked(),
                "duplex": self.duplex.isChecked(), "manual_feed": self.manual.isChecked(),
                "raster": self.raster.isChecked()}
