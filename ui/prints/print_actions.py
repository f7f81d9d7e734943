"""The 打印 menu: ask for options, build the document, warn about missing characters, preview."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from models.errors import NotFound, ValidationError
from printing.errors import MissingGlyphsError, PrintingError
from ui.prints.pdf_preview import PreviewDialog
from ui.widgets import messages, modal
from ui.widgets.year_box import year_box


def render_with_font_check(parent: QWidget | None, render: Callable[[bool], bytes]) -> bytes | None:
    """Render; if some characters are in no font, say which and let the clerk decide."""
    try:
        return render(False)
    except MissingGlyphsError as exc:
        if not messages.ask(parent, "有字打印不出来", str(exc) + "\n\n仍要继续生成吗？"):
            return None
        return render(True)
    except PrintingError as exc:
        messages.warn(parent, "无法生成打印文件", str(exc))
        return None


class PledgeBoardOptions(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印承诺公示栏")
        self.year = year_box(self)
        self.paper = QComboBox(self)
        for value, text in (("A4", "A4（一般打印机）"), ("A3", "A3（打印店）")):
            self.paper.addItem(text, value)
        self.orientation = QComboBox(self)
        for value, text in (("landscape", "横向"), ("portrait", "纵向")):
            self.orientation.addItem(text, value)
        self.fulfilment = QCheckBox("填入践诺情况（季度更新公示时勾选）", self)
        form = QFormLayout(self)
        form.addRow("年度：", self.year)
        form.addRow("纸张：", self.paper)
        form.addRow("方向：", self.orientation)
        form.addRow("", self.fulfilment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("预览")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def print_pledge_board(parent: QWidget | None, org_id: int | None) -> PreviewDialog | None:
    from models.printouts import print_setup
    from models.printouts.sources import pledge_board
    from printing.documents.pledge_board import render_pledge_board

    if org_id is None:
        messages.info(parent, "打印承诺公示栏", "请先在左侧选择一个党支部。")
        return None
    options = PledgeBoardOptions(parent)
    if not modal.run(options):
        return None
    try:
        board = pledge_board(org_id, options.year.value(), paper=options.paper.currentData(),
                             orientation=options.orientation.currentData(),
                             with_fulfilment=options.fulfilment.isChecked())
    except (ValidationError, NotFound) as exc:
        messages.warn(parent, "无法生成公示", str(exc))
        return None
    fonts = print_setup.font_settings()   # the clerk's font choices (设置 → 打印设置)
    pdf = render_with_font_check(parent, lambda accept: render_pledge_board(board, fonts, accept_missing=accept))
    if pdf is None:
        return None
    preview = PreviewDialog(parent, "党员公开承诺公示", pdf, f"{board.organization}{board.year}年党员公开承诺公示.pdf")
    modal.run(preview)
    return preview
