"""打印 menu → 评议结果公示…: the public notice of one quarterly review, down to the preview.

Picks one of the organization's reviews (the minutes' chooser), builds the notice from the
records on the main thread, asks about characters no font has, renders in the background.
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.errors import NotFound, ValidationError
from models.printouts.print_setup import font_settings
from ui.jobs import Job
from ui.prints.review_prints import MinutesOptions, _need_org, produce
from ui.widgets import messages, modal

TITLE = "评议结果公示"


def print_review_results(parent: QWidget | None, org_id: int | None) -> Job | None:
    """The clerk picks the review; the notice's 公示期 starts the day after the meeting."""
    from models.campaign import reviews

    if not _need_org(parent, org_id, f"打印{TITLE}"):
        return None
    assert org_id is not None
    if not reviews.list_rows(org_id):
        messages.info(parent, f"打印{TITLE}", "该组织还没有季度评议记录。请先在“季度评议”页录入。")
        return None
    options = MinutesOptions(parent, org_id)
    options.setWindowTitle(f"打印{TITLE}")
    if not modal.run(options):
        return None
    return print_review_results_for(parent, options.review.currentData())


def print_review_results_for(parent: QWidget | None, review_id: int) -> Job | None:
    from models.printouts.review_results import review_results_document
    from models.store.tables import Review
    from printing.documents.review_results import missing_characters, render_review_results, title_of

    try:
        review = Review.get_by_id(review_id)
        results = review_results_document(review.org_id, review.year, review.quarter)
    except (ValidationError, NotFound, Review.DoesNotExist) as exc:
        messages.warn(parent, f"无法打印{TITLE}", str(exc))
        return None
    fonts = font_settings()
    return produce(parent, TITLE, f"{title_of(results)}.pdf",
                   lambda accept, _progress: render_review_results(results, fonts, accept_missing=accept),
                   lambda: missing_characters(results, fonts), pages=1 + len(results.grades) // 30)
