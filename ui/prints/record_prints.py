"""打印 menu → 党员表现记录…: one member of the selected organization, over chosen years.

The member is picked from the organization's roll (so two members of the same name are two
entries, each with the post beside it); the record renders in the background to the preview.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QWidget

from models.errors import NotFound, ValidationError
from models.printouts.print_setup import font_settings
from ui.jobs import Job
from ui.prints.review_prints import _buttons, _need_org, _year_box, produce
from ui.widgets import messages, modal

TITLE = "党员创先争优表现记录"


class RecordOptions(QDialog):
    def __init__(self, parent: QWidget | None, org_id: int) -> None:
        from models.roster.members import on_roll

        super().__init__(parent)
        self.setWindowTitle(f"打印{TITLE}")
        self.member = QComboBox(self)
        for m in on_roll(org_id):
            self.member.addItem(f"{m.name}（{m.party_post}）" if m.party_post else m.name, m.id)
        this_year = dt.date.today().year
        self.first = _year_box(self, this_year - 2)
        self.last = _year_box(self, this_year)
        form = QFormLayout(self)
        form.addRow("党员：", self.member)
        form.addRow("起始年度：", self.first)
        form.addRow("结束年度：", self.last)
        _buttons(self, form)


def print_record(parent: QWidget | None, org_id: int | None) -> Job | None:
    if not _need_org(parent, org_id, f"打印{TITLE}"):
        return None
    assert org_id is not None
    options = RecordOptions(parent, org_id)
    if options.member.count() == 0:
        messages.info(parent, f"打印{TITLE}", "该组织没有在册党员。")
        return None
    if not modal.run(options):
        return None
    return print_record_for(parent, options.member.currentData(), options.first.value(), options.last.value())


def print_record_for(parent: QWidget | None, member_id: int, first: int, last: int) -> Job | None:
    from models.printouts.member_record import member_records
    from models.store.tables import Member
    from printing.documents.member_record import missing_characters, render_member_records

    try:
        records = member_records([Member.get_by_id(member_id)], first, last)
    except (ValidationError, NotFound, Member.DoesNotExist) as exc:
        messages.warn(parent, f"无法打印{TITLE}", str(exc))
        return None
    fonts = font_settings()
    rec = records[0]
    return produce(parent, TITLE, f"{rec.name}{first}—{last}年{TITLE}.pdf",
                   lambda accept, _progress: render_member_records(records, fonts, accept_missing=accept),
                   lambda: missing_characters(records, fonts), pages=1)
