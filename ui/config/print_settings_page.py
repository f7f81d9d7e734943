"""设置 → 打印 page: a font per role with a printed sample, date styles, certificate stock and
per-printer offsets.

Samples are drawn by the printing code itself (then shown as images), so the clerk sees
the font that will really print, fallback for rare characters included.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.config import print_settings, settings
from models.printouts import print_setup
from ui.widgets.busy import wait_cursor

DATE_STYLES = (("arabic", "2026年7月1日"), ("chinese", "二〇二六年七月一日"))
SAMPLE_HEIGHT = 34


def choose_font_file(parent: QWidget | None, current: str) -> str:
    """Module level so tests can answer instead of a file dialog."""
    name, _ = QFileDialog.getOpenFileName(parent, "选择字体文件", current,
                                          "字体文件 (*.ttf *.ttc *.otf *.otc *.TTF *.TTC *.OTF)")
    return name


def sample_images(overrides: dict[str, str], size: QSize) -> dict[str, QPixmap | str]:
    """Each role's sample as a picture, or the reason it cannot be drawn (Chinese)."""
    from printing.documents.font_sample import render_font_samples
    from printing.errors import PrintingError
    from printing.typeset.fontcatalog import ROLES
    from ui.prints.pdf_preview import load_document

    try:
        pdf = render_font_samples(print_setup.font_settings(overrides))
    except (PrintingError, ValueError) as exc:
        return dict.fromkeys(ROLES, str(exc))
    holder = QWidget()
    document, _buffer = load_document(pdf, holder)
    out: dict[str, QPixmap | str] = {}
    for page, role in enumerate(ROLES):
        image = document.render(page, size)
        out[role] = QPixmap.fromImage(image) if not image.isNull() else "无法显示示例"
    document.close()
    holder.deleteLater()
    return out


class PrintSettingsPage(QWidget):
    """The 打印 page of 设置; `ui.config.settings_dialog` saves it with the other pages at once."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        from printing.layout.certificate_layout import STOCK_LABELS
        from printing.typeset.fontcatalog import ROLE_LABELS, ROLES

        values = settings.get_all()
        # fonts
        fonts = QGroupBox("字体（空着则自动使用本机字体）", self)
        grid = QGridLayout(fonts)
        self.paths: dict[str, QLineEdit] = {}
        self.samples: dict[str, QLabel] = {}
        for row, role in enumerate(ROLES):
            edit = QLineEdit(values["font_overrides"].get(role, ""), self)
            edit.setPlaceholderText("自动")
            browse, clear = QPushButton("选择…", self), QPushButton("清除", self)
            browse.clicked.connect(lambda _c=False, r=role: self._browse(r))
            clear.clicked.connect(lambda _c=False, r=role: self.paths[r].clear())
            sample = QLabel(self)
            sample.setMinimumHeight(SAMPLE_HEIGHT)
            sample.setWordWrap(True)
            self.paths[role], self.samples[role] = edit, sample
            grid.addWidget(QLabel(ROLE_LABELS[role] + "：", self), 2 * row, 0)
            grid.addWidget(edit, 2 * row, 1)
            grid.addWidget(browse, 2 * row, 2)
            grid.addWidget(clear, 2 * row, 3)
            grid.addWidget(sample, 2 * row + 1, 1, 1, 3)
        refresh = QPushButton("刷新示例", self)
        refresh.clicked.connect(self.refresh_samples)
        grid.addWidget(refresh, 2 * len(ROLES), 3)
        # dates and paper
        other = QGroupBox("日期和证书纸张", self)
        form = QFormLayout(other)
        self.date_notice, self.date_certificate = QComboBox(self), QComboBox(self)
        for box, key in ((self.date_notice, "date_style_notice"),
                         (self.date_certificate, "date_style_certificate")):
            for value, text in DATE_STYLES:
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(values[key])))
        self.stock = QComboBox(self)
        for key, text in STOCK_LABELS.items():
            self.stock.addItem(text, key)
        self.stock.setCurrentIndex(max(0, self.stock.findData(values["certificate_stock"])))
        form.addRow("公示、通知日期：", self.date_notice)
        form.addRow("荣誉证书日期：", self.date_certificate)
        form.addRow("证书纸张：", self.stock)
        # offsets
        offsets = QGroupBox("证书套打偏移（毫米；水平正数向右，垂直正数向下）", self)
        box = QVBoxLayout(offsets)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["打印机", "水平偏移", "垂直偏移"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for printer, (dx, dy) in values["certificate_offsets"].items():
            self.add_printer(printer, dx, dy)
        add, remove = QPushButton("添加打印机", self), QPushButton("删除所选", self)
        add.clicked.connect(lambda: self.add_printer("", 0.0, 0.0))
        remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(add)
        row.addWidget(remove)
        box.addWidget(self.table)
        box.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part in (fonts, other, offsets):
            layout.addWidget(part)
        self._drawn = False  # the samples are drawn when the page is first shown: 设置 opens at once

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._drawn:
            self.refresh_samples()

    # ---------------------------------------------------------------- fonts

    def overrides(self) -> dict[str, str]:
        return {role: edit.text().strip() for role, edit in self.paths.items() if edit.text().strip()}

    def _browse(self, role: str) -> None:
        name = choose_font_file(self, self.paths[role].text())
        if name:
            self.paths[role].setText(name)
            self.refresh_samples()

    def _show_automatic_fonts(self) -> None:
        """Say which system font each role uses when left empty."""
        from pathlib import Path

        from printing.errors import PrintingError
        from printing.typeset.library import get_library

        try:
            chosen = get_library(print_setup.font_settings({})).describe()
        except PrintingError:
            chosen = {}
        for role, edit in self.paths.items():
            name = Path(chosen[role]).name if chosen.get(role) else ""
            edit.setPlaceholderText(f"自动：{name}" if name else "自动（本机没有找到合适的字体）")

    def refresh_samples(self) -> None:
        self._drawn = True
        with wait_cursor():  # the printing code draws each font's sample: over a second the first time
            self._show_automatic_fonts()
            width = max(420, self.samples[next(iter(self.samples))].width())
            images = sample_images(self.overrides(), QSize(width, round(width * 12 / 150)))
        for role, label in self.samples.items():
            shown = images[role]
            if isinstance(shown, QPixmap):
                label.setPixmap(shown)
                label.setStyleSheet("")
            else:
                label.setText(shown)
                label.setStyleSheet("color: #b00;")

    # ---------------------------------------------------------------- offsets

    def _spin(self, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(-print_settings.MAX_OFFSET_MM, print_settings.MAX_OFFSET_MM)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setValue(float(value))
        return spin

    def add_printer(self, name: str, dx: float, dy: float) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setCellWidget(row, 1, self._spin(dx))
        self.table.setCellWidget(row, 2, self._spin(dy))
        return row

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def offsets(self) -> dict[str, list[float]]:
        out = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            name = item.text().strip() if item else ""
            if name:
                out[name] = [self.table.cellWidget(row, 1).value(), self.table.cellWidget(row, 2).value()]
        return out

    # ---------------------------------------------------------------- save

    def values(self) -> dict:
        return {
            "font_overrides": self.overrides(),
            "date_style_notice": self.date_notice.currentData(),
            "date_style_certificate": self.date_certificate.currentData(),
            "certificate_stock": self.stock.currentData(),
            "certificate_offsets": self.offsets(),
        }

    def problem(self) -> str:
        """Why the page cannot be saved as it is (font files that are gone), or ''."""
        from pathlib import Path

        missing = [p for p in self.overrides().values() if not Path(p).is_file()]
        return ("找不到以下字体文件，请重新选择：\n" + "\n".join(missing)) if missing else ""

    @staticmethod
    def after_save() -> None:
        from printing.typeset.library import clear_libraries

        clear_libraries()          # the next printout uses the new fonts
