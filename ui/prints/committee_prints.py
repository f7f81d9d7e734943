"""Printing from the 专项台账 and 表彰 views: build the document, render, preview.

Each action reads the records on the main thread into plain data, renders in the background
with the fonts of the settings (asking about characters no font has), and opens the preview,
from where the clerk prints at actual size or saves a PDF. Certificates go through the
certificate engineer's dialog when it is there, so stock and printer offsets apply.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from models.errors import NotFound, ValidationError
from ui.jobs import Job
from ui.prints.print_worker import render_to_preview
from ui.widgets import messages, modal


def _preview(parent: QWidget | None, what: str, build: Callable[[], Any],
             render: Callable[[Any, Any, bool], bytes], title: str, file_name: Callable[[Any], str],
             note: Callable[[Any], str] | None = None) -> Job | None:
    """``note`` says under the preview what the printout still lacks (blanks to fill in)."""
    from models.printouts import print_setup

    try:
        data = build()
    except (ValidationError, NotFound) as exc:
        messages.warn(parent, f"无法生成{what}", str(exc))
        return None
    fonts = print_setup.font_settings()
    return render_to_preview(parent, title, file_name(data), lambda accept, _progress: render(data, fonts, accept),
                             note=note(data) if note else "")


def print_ledger(parent: QWidget | None, org_id: int, year: int) -> Job | None:
    from models.printouts import committee as assessment_prints
    from printing.documents.ledger import render_ledger

    return _preview(parent, "专项台账", lambda: assessment_prints.ledger_document(org_id, year),
                    lambda doc, fonts, accept: render_ledger(doc, fonts, accept_missing=accept),
                    "专项台账", lambda doc: f"{doc.organization}{year}年度专项台账.pdf")


def print_candidates(parent: QWidget | None, year: int, level: str = "基层党委") -> Job | None:
    from models.printouts import committee as assessment_prints
    from printing.documents.candidate_notice import blanks_note, render_candidate_notice

    return _preview(parent, "拟表彰对象公示", lambda: assessment_prints.candidate_notice_document(year, level),
                    lambda doc, fonts, accept: render_candidate_notice(doc, fonts, accept_missing=accept),
                    "拟表彰对象公示", lambda _doc: f"{year}年度拟表彰对象公示.pdf", blanks_note)


def print_awards(parent: QWidget | None, year: int, level: str = "基层党委") -> Job | None:
    from models.printouts import committee as assessment_prints
    from printing.documents.award_list import render_award_list

    return _preview(parent, "表彰名单", lambda: assessment_prints.award_list_document(year, level),
                    lambda doc, fonts, accept: render_award_list(doc, fonts, accept_missing=accept),
                    "表彰名单", lambda _doc: f"{year}年度表彰名单.pdf")


def print_award_certificates(parent: QWidget | None, year: int, level: str = "基层党委") -> QWidget | None:
    """荣誉证书 of the year's numbered awards of the level: the certificate dialog (stock, printer
    offsets) opened on 年度表彰名单, this year and level; without that dialog, plain certificates."""
    try:
        from ui.prints.certificate_dialog import CertificateDialog
    except ImportError:
        return _plain_certificates(parent, year, level)
    dialog = CertificateDialog(parent, None)  # no organization: 年度表彰名单 is the choice
    dialog.kind_awards.setChecked(True)
    dialog.year.setValue(year)
    dialog.set_level(level)
    modal.run(dialog)
    return dialog


def _plain_certificates(parent: QWidget | None, year: int, level: str) -> Job | None:
    from models.printouts import sources as print_sources
    from printing.documents.certificate import render_certificates

    return _preview(parent, "荣誉证书", lambda: print_sources.award_certificates(year, level),
                    lambda certs, fonts, accept: render_certificates(certs, None, fonts, accept_missing=accept),
                    "荣誉证书", lambda certs: f"{year}年度荣誉证书（{len(certs)}份）.pdf")
