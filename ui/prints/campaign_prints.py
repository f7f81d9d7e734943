"""打印 menu → 进展情况通报…, 实施方案/年度计划…, 整改通知…: the township's 督查 documents
and the plans, down to the preview (the editors live in ui/campaign/plan_dialog.py and
ui/committee/rectification_dialog.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QWidget

from models.errors import NotFound, ValidationError
from models.printouts.print_setup import font_settings
from ui.jobs import Job
from ui.prints.review_prints import _buttons, produce
from ui.widgets import messages, modal
from ui.widgets.year_box import year_box

BULLETIN = "进展情况通报"


class BulletinOptions(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"打印{BULLETIN}")
        self.year = year_box(self)
        self.quarter = QComboBox(self)
        self.quarter.addItem("全年（截至今天）", None)
        for q, text in ((1, "第一季度"), (2, "第二季度"), (3, "第三季度"), (4, "第四季度")):
            self.quarter.addItem(text, q)
        form = QFormLayout(self)
        form.addRow("年度：", self.year)
        form.addRow("统计：", self.quarter)
        _buttons(self, form)


def _preview(parent: QWidget | None, title: str, build: Callable[[], Any], render: Callable[..., bytes],
             missing: Callable[..., list[str]], name: Callable[[Any], str], pages: Callable[[Any], int]
             ) -> Job | None:
    """Build the document from the records (a refusal is a message), then check fonts,
    render in the background and preview, as every print of the menu does."""
    try:
        doc = build()
    except (ValidationError, NotFound) as exc:
        messages.warn(parent, f"无法打印{title}", str(exc))
        return None
    fonts = font_settings()
    return produce(parent, title, f"{name(doc)}.pdf",
                   lambda accept, _progress: render(doc, fonts, accept_missing=accept),
                   lambda: missing(doc, fonts), pages=pages(doc))


def print_bulletin(parent: QWidget | None) -> Job | None:
    from models.printouts.campaign_docs import bulletin_document
    from printing.documents.bulletin import missing_characters, render_bulletin, title_of

    options = BulletinOptions(parent)
    if not modal.run(options):
        return None
    return _preview(parent, BULLETIN,
                    lambda: bulletin_document(options.year.value(), options.quarter.currentData()),
                    render_bulletin, missing_characters, title_of, lambda doc: 2 + len(doc.rows) // 25)


def preview_plan(parent: QWidget | None, org_id: int, year: int) -> Job | None:
    from models.printouts.campaign_docs import plan_document
    from printing.documents.plan import missing_characters, render_plan, title_of

    return _preview(parent, "实施方案/年度计划", lambda: plan_document(org_id, year), render_plan,
                    missing_characters, title_of, lambda doc: 1 + len(doc.rows) // 15)


def preview_notice(parent: QWidget | None, notice_id: int) -> Job | None:
    from models.printouts.campaign_docs import rectification_document
    from printing.documents.rectification_notice import missing_characters, render_rectification_notice, title_of

    return _preview(parent, "整改通知", lambda: rectification_document(notice_id), render_rectification_notice,
                    missing_characters, title_of, lambda _doc: 1)
