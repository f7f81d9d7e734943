"""The 打印 menu: ask for options, build the document, render in the background, preview."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from models.errors import NotFound, ValidationError
from ui.jobs import Job
from ui.prints.print_worker import render_to_preview
from ui.widgets import fit, messages, modal
from ui.widgets.year_box import year_box


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
        fit.to_screen(self)


def print_pledge_board(parent: QWidget | None, org_id: int | None) -> Job | None:
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
    fonts = print_setup.font_settings()   # the clerk's font choices (设置 → 设置… → 打印)
    return render_to_preview(parent, "党员公开承诺公示", f"{board.organization}{board.year}年党员公开承诺公示.pdf",
                             lambda accept, _progress: render_pledge_board(board, fonts, accept_missing=accept))
