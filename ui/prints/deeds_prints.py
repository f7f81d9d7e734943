"""表彰 page → 打印先进事迹材料: the year's awardees and their deeds as a booklet, previewed."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.jobs import Job
from ui.prints.committee_prints import _preview


def print_deeds(parent: QWidget | None, year: int, level: str = "基层党委") -> Job | None:
    from models.printouts.deeds import deeds_document
    from printing.documents.deeds import render_deeds

    return _preview(parent, "先进事迹材料", lambda: deeds_document(year, level),
                    lambda doc, fonts, accept: render_deeds(doc, fonts, accept_missing=accept),
                    "先进事迹材料", lambda _doc: f"{year}年度先进事迹材料.pdf")
