"""打印 menu and tab buttons for 承诺书, 民主评议测评表, 群众评议表 and 季度评议记录.

Each action asks a few options, gathers plain data from the records (main thread), asks
about characters no font has, renders in a worker (`print_worker`: 取消 when it takes a
while) and ends in the preview, from where the clerk prints or saves.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from models.constants import QUARTERS
from models.errors import NotFound, ValidationError
from models.printouts.print_setup import font_settings  # the clerk's fonts (设置 → 设置… → 打印)
from models.roster import organizations
from printing.errors import MissingGlyphsError, PrintingError
from printing.layout.sections import Progress
from ui.jobs import Job
from ui.prints.print_worker import render_to_preview
from ui.widgets import fit, messages, modal
from ui.widgets.busy import wait_cursor
from ui.widgets.year_box import year_box

# ------------------------------------------------------------------ shared steps

def _buttons(dialog: QDialog, form: QFormLayout) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                               dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("预览")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    fit.to_screen(dialog)  # the last row of each options dialog: its natural size, within the screen


def _year_box(parent: QWidget, year: int | None = None) -> QSpinBox:
    box = year_box(parent, year=year or dt.date.today().year)
    return box


def _quarter_box(parent: QWidget, quarter: int | None = None) -> QComboBox:
    box = QComboBox(parent)
    for q, text in QUARTERS.items():
        box.addItem(text, q)
    today = dt.date.today()
    box.setCurrentIndex((quarter or (today.month - 1) // 3 + 1) - 1)
    return box


def _copies_box(parent: QWidget, value: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(1, 2000)
    box.setValue(max(1, value))
    box.setSuffix(" 份")
    return box


def _missing(parent: QWidget | None, check: Callable[[], list[str]]) -> bool | None:
    """None: stop; else whether to accept characters no font has (asked once, up front)."""
    try:
        missing = check()
    except PrintingError as exc:
        messages.warn(parent, "无法生成打印文件", str(exc))
        return None
    if not missing:
        return False
    text = str(MissingGlyphsError(missing))
    if not messages.ask(parent, "有字打印不出来", text + "\n\n仍要继续生成吗？"):
        return None
    return True


def produce(parent: QWidget | None, title: str, file_name: str, render: Callable[[bool, Progress], bytes],
            check: Callable[[], list[str]], pages: int) -> Job | None:
    """Check fonts (asked once, up front), then render in the background and preview."""
    accept = _missing(parent, check)
    if accept is None:
        return None
    return render_to_preview(parent, title, file_name, render, accept_missing=accept,
                             label=f"正在生成{title}（约 {pages} 页）……")


def _need_org(parent: QWidget | None, org_id: int | None, title: str) -> bool:
    if org_id is None:
        messages.info(parent, title, "请先在左侧选择一个党支部。")
        return False
    return True


# ------------------------------------------------------------------ 承诺书

class LettersOptions(QDialog):
    def __init__(self, parent: QWidget | None, org_id: int) -> None:
        super().__init__(parent)
        self.org_id = org_id
        self.setWindowTitle("打印承诺书")
        self.year = _year_box(self)
        self.who = QComboBox(self)
        self.drafts = QCheckBox("也打印尚未审定的草稿", self)
        self.dated = QCheckBox("填写日期（不勾选时留“年 月 日”由本人手写）", self)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setEnabled(False)
        self.dated.toggled.connect(self.date.setEnabled)
        form = QFormLayout(self)
        form.addRow("年度：", self.year)
        form.addRow("打印：", self.who)
        form.addRow("", self.drafts)
        form.addRow("", self.dated)
        form.addRow("日期：", self.date)
        _buttons(self, form)
        self.year.valueChanged.connect(lambda _v: self._fill())
        self._fill()

    def _fill(self) -> None:
        from models.campaign import pledges

        self.who.clear()
        self.who.addItem("全部承诺书（组织承诺和每名党员各一份）", None)
        for pid, name, _y, state, *_rest in pledges.list_rows(self.org_id, self.year.value()):
            self.who.addItem(f"{name}（{state}）", pid)

    def chosen_date(self) -> dt.date | None:
        return self.date.date().toPython() if self.dated.isChecked() else None


def print_letters(parent: QWidget | None, org_id: int | None) -> Job | None:
    """打印 menu → 承诺书…: the organization's letters of a year, or one of them."""
    if not _need_org(parent, org_id, "打印承诺书"):
        return None
    assert org_id is not None
    with wait_cursor():  # the year's pledges and the fonts: about 0.4 s on 300 members
        options = LettersOptions(parent, org_id)
    if not modal.run(options):
        return None
    pid = options.who.currentData()
    return print_letters_for(parent, org_id, options.year.value(),
                             [pid] if pid is not None else None,
                             drafts=options.drafts.isChecked() or pid is not None,
                             date=options.chosen_date())


def print_letters_for(parent: QWidget | None, org_id: int, year: int, pledge_ids: Sequence[int] | None,
                      *, drafts: bool = False, date: dt.date | None = None) -> Job | None:
    """The letters of the given pledges (None: the whole year); also the 承诺 tab's button."""
    from models.printouts.sources import pledge_letters
    from printing.documents.pledge_letter import missing_characters, render_pledge_letters

    try:
        letters = pledge_letters(org_id, year, pledge_ids=pledge_ids, drafts=drafts, date=date)
    except (ValidationError, NotFound) as exc:
        messages.warn(parent, "无法打印承诺书", str(exc))
        return None
    fonts = font_settings()
    org = letters[0].organization
    name = (f"{letters[0].member or org}{year}年度承诺书.pdf" if len(letters) == 1
            else f"{org}{year}年度承诺书.pdf")
    return produce(parent, "承诺书", name,
                   lambda accept, progress: render_pledge_letters(letters, fonts, accept_missing=accept,
                                                                  progress=progress),
                   lambda: missing_characters(letters, fonts),
                   pages=len(letters) + sum(len(x.items) > 8 for x in letters))


# ------------------------------------------------------------------ 评议表

def ballot_pages(members: int, copies: int, mass: bool) -> int:
    """Rough page count, said while the job renders."""
    first, later = (12, 24) if mass else (21, 26)
    per_copy = 1 + (math.ceil((members - first) / later) if members > first else 0)
    return per_copy * copies


class BallotOptions(QDialog):
    """Year, quarter and copies; for the 群众评议表 also which voters' forms."""

    def __init__(self, parent: QWidget | None, org_id: int, mass: bool) -> None:
        from models.printouts.sources import default_mass_copies
        from models.roster.members import on_roll

        super().__init__(parent)
        self.mass = mass
        self.members = len(on_roll(org_id))
        self.setWindowTitle("打印群众评议表" if mass else "打印民主评议党员测评表")
        self.year = _year_box(self)
        self.quarter = _quarter_box(self)
        form = QFormLayout(self)
        form.addRow("年度：", self.year)
        form.addRow("季度：", self.quarter)
        if mass:
            self.groups = QComboBox(self)
            for value, text in ((("党员", "群众"), "党员用表和群众用表"), (("党员",), "只打印党员用表"),
                                (("群众",), "只打印群众用表")):
                self.groups.addItem(text, value)
            self.party_copies = _copies_box(self, self.members)
            self.public_copies = _copies_box(self, default_mass_copies(org_id, "群众"))
            form.addRow("评议人：", self.groups)
            form.addRow("党员用表：", self.party_copies)
            form.addRow("群众用表：", self.public_copies)
            self.groups.currentIndexChanged.connect(self._enable)
            note = f"在册党员 {self.members} 名。党员和群众分开计票，请分别发放。"
        else:
            from models.config import settings

            self.copies = _copies_box(self, self.members)
            form.addRow("份数：", self.copies)
            from printing.documents.ballots import excellent_limit

            limit = excellent_limit(self.members, float(settings.get("excellent_cap")))
            note = f"在册党员 {self.members} 名，默认每人一份；“优秀”最多 {limit} 名。"
        label = QLabel(note, self)
        label.setWordWrap(True)
        form.addRow(label)
        _buttons(self, form)

    def _enable(self) -> None:
        groups = self.groups.currentData()
        self.party_copies.setEnabled("党员" in groups)
        self.public_copies.setEnabled("群众" in groups)


def _ballots(parent: QWidget | None, org_id: int | None, mass: bool) -> Job | None:
    from models.printouts.sources import mass_ballot, party_ballot
    from printing.documents.ballots import missing_characters, render_ballots

    title = "群众评议表" if mass else "民主评议党员测评表"
    if not _need_org(parent, org_id, f"打印{title}"):
        return None
    assert org_id is not None
    try:
        options = BallotOptions(parent, org_id, mass)
    except (ValidationError, NotFound) as exc:
        messages.warn(parent, f"无法打印{title}", str(exc))
        return None
    if not modal.run(options):
        return None
    year, quarter = options.year.value(), options.quarter.currentData()
    try:
        if mass:
            copies = {"党员": options.party_copies.value(), "群众": options.public_copies.value()}
            ballots = [mass_ballot(org_id, year, quarter, g, copies[g]) for g in options.groups.currentData()]
        else:
            ballots = [party_ballot(org_id, year, quarter, options.copies.value())]
    except (ValidationError, NotFound) as exc:
        messages.warn(parent, f"无法打印{title}", str(exc))
        return None
    org = organizations.get(org_id)
    fonts = font_settings()
    pages = sum(ballot_pages(len(b.members), b.copies, mass) for b in ballots)
    return produce(parent, title, f"{org.name}{year}年{QUARTERS[quarter]}{title}.pdf",
                   lambda accept, progress: render_ballots(ballots, fonts, accept_missing=accept,
                                                           progress=progress),
                   lambda: missing_characters(ballots, fonts), pages=pages)


def print_party_ballots(parent: QWidget | None, org_id: int | None) -> Job | None:
    """打印 menu → 民主评议测评表…"""
    return _ballots(parent, org_id, mass=False)


def print_mass_ballots(parent: QWidget | None, org_id: int | None) -> Job | None:
    """打印 menu → 群众评议表…"""
    return _ballots(parent, org_id, mass=True)


# ------------------------------------------------------------------ 季度评议记录

class MinutesOptions(QDialog):
    def __init__(self, parent: QWidget | None, org_id: int) -> None:
        from models.campaign import reviews

        super().__init__(parent)
        self.setWindowTitle("打印季度评议记录")
        self.review = QComboBox(self)
        for rid, year, quarter, date, place, *_rest in reviews.list_rows(org_id):
            self.review.addItem(f"{year}年{quarter}（{date:%Y-%m-%d}{'，' + place if place else ''}）", rid)
        form = QFormLayout(self)
        form.addRow("评议记录：", self.review)
        _buttons(self, form)


def print_minutes(parent: QWidget | None, org_id: int | None) -> Job | None:
    """打印 menu → 季度评议记录…: pick one of the organization's reviews."""
    from models.campaign import reviews

    if not _need_org(parent, org_id, "打印季度评议记录"):
        return None
    assert org_id is not None
    if not reviews.list_rows(org_id):
        messages.info(parent, "打印季度评议记录", "该组织还没有季度评议记录。请先在“季度评议”页录入。")
        return None
    options = MinutesOptions(parent, org_id)
    if not modal.run(options):
        return None
    return print_minutes_for(parent, options.review.currentData())


def print_minutes_for(parent: QWidget | None, review_id: int) -> Job | None:
    """One review's record; also the 季度评议 tab's button."""
    from models.printouts.sources import review_minutes
    from printing.documents.minutes import missing_characters, render_minutes

    try:
        minutes = review_minutes(review_id)
    except (ValidationError, NotFound) as exc:
        messages.warn(parent, "无法打印评议记录", str(exc))
        return None
    fonts = font_settings()
    return produce(parent, "季度评议记录", f"{minutes.organization}{minutes.title()}.pdf",
                   lambda accept, progress: render_minutes(minutes, fonts, accept_missing=accept,
                                                           progress=progress),
                   lambda: missing_characters(minutes, fonts), pages=1)
