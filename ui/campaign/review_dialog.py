"""One quarterly review (季度评议): the meeting record and the tallies typed back from paper.

Everything is saved together by models.campaign.reviews.save in one transaction; a refusal marks the
field or tab concerned and keeps every number typed, since re-typing 300 rows is the worst
thing that could happen to the clerk.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models.campaign import reviews
from models.constants import QUARTERS
from models.roster import members, organizations
from ui.campaign.review_tabs import AttendanceTab, MassTab, MutualTab, TallyTab
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.guarded_dialog import GuardedDialog

TEXT_KEYS = tuple(reviews.REVIEW_TEXT_FIELDS)
RECORD_KEYS = ("year", "quarter", "date", *TEXT_KEYS)
TAB_TITLES = ("会议记录", "出勤", "党员互评", "群众评议")
WARN_STYLE = "color: #8c1d18; background: #fdecea; padding: 6px; border-radius: 4px;"


def record_fields(roster_names: list[str], year: int) -> list[Field]:
    years = [(y, f"{y}年") for y in range(year, year - 4, -1)]  # a meeting is never in the future
    people = ["", *roster_names]
    label = {k: v[0] for k, v in reviews.REVIEW_TEXT_FIELDS.items()}
    return [
        Field("year", "年度", "choice", years, required=True),
        Field("quarter", "季度", "choice", list(QUARTERS.items()), required=True),
        Field("date", "会议日期", "date", required=True),
        Field("place", label["place"], placeholder="如 村党员活动室"),
        Field("host", label["host"], "editable_choice", people),
        Field("recorder", label["recorder"], "editable_choice", people),
        Field("observers", label["observers"], "multiline", span=2,
              placeholder="列席会议的人员，如 镇驻村干部、群众代表"),
        Field("topics", label["topics"], "multiline", span=2),
        Field("results", label["results"], "multiline", span=2, placeholder="本季度创先争优取得的成效"),
        Field("problems", label["problems"], "multiline", span=2),
        Field("measures", label["measures"], "multiline", span=2),
        Field("leader_name", label["leader_name"], placeholder="上级党组织点评的领导"),
        Field("leader_comment", label["leader_comment"], "multiline", span=2),
    ]


def missing_quarters(org_id: int, year: int, today: dt.date) -> list[int]:
    """Quarters of `year` already begun by `today` that have no review recorded."""
    held = {_quarter_no(row.quarter) for row in reviews.list_rows(org_id) if row.year == year}
    begun = 0 if year > today.year else 4 if year < today.year else (today.month - 1) // 3 + 1
    return [q for q in range(1, begun + 1) if q not in held]


def default_quarter(org_id: int, year: int, today: dt.date) -> int:
    """The first begun quarter without a review, else the current one."""
    missing = missing_quarters(org_id, year, today)
    return missing[0] if missing else (today.month - 1) // 3 + 1


def _quarter_no(label: str) -> int:
    return next(q for q, text in QUARTERS.items() if text == label)


class ReviewDialog(GuardedDialog):
    """A new review of `org_id`, or the saved review `review_id` opened for editing."""

    unsaved_text = "评议记录和票数还没有保存。要保存吗？"

    def __init__(self, parent: QWidget | None, org_id: int, review_id: int | None = None) -> None:
        super().__init__(parent)
        self.org_id, self.review_id = org_id, review_id
        self.result_value = None
        org = organizations.get(org_id)
        roster = members.on_roll(org_id)
        names, ids = [m.name for m in roster], [m.id for m in roster]
        today = dt.date.today()
        self.setWindowTitle(f"{org.display_name}：{'修改' if review_id else '新建'}季度评议记录")
        self.form = Form(record_fields(names, today.year), self)
        self.attendance = AttendanceTab(names, ids, self)
        self.mutual = MutualTab(names, ids, self)
        self.mass = MassTab(names, ids, self)
        self.tally_tabs: list[TallyTab] = [self.attendance, self.mutual, self.mass]
        self.attendance.changed.connect(lambda: self.mutual.set_present(self.attendance.present()))
        self.tabs = fit.PageTabs(self)  # each page scrolls on its own; the tabs and 保存 stay put
        for page, title in zip((self.form.container, *self.tally_tabs), TAB_TITLES, strict=False):
            self.tabs.addTab(page, title)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(WARN_STYLE)
        self.notice.setVisible(False)
        self.banner = self.error_banner()
        buttons, self.save_button = self.save_cancel_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.try_save)

        if review_id is not None:
            data = reviews.load(review_id)
        else:
            year = today.year
            quarter = default_quarter(org_id, year, today)
            start, end = reviews.quarter_bounds(year, quarter)
            date = today if start <= today <= end + dt.timedelta(days=reviews.LATE_DAYS) else None
            data = reviews.ReviewInput(year=year, quarter=quarter, date=date,
                                       texts={"host": org.secretary,
                                              "topics": "开展创先争优季度评议：总结成效、查找问题、党员互评、群众评议"})
        self.load(data)
        if not roster:
            self._notice(f"{org.display_name}名下没有在册、党籍正常的党员，出勤和评议名单为空。"
                         "季度评议一般由党支部召开，请在左侧选择党支部。")
        # The 群众评议 grids are ten count columns wide: room for them at the chosen text size
        # (at 特大 1080 pixels made them scroll sideways), never beyond the screen.
        em = self.fontMetrics().horizontalAdvance("中")
        fit.to_screen(self, max(1080, em * 70), 760)

    # --- data ---------------------------------------------------------------------------------
    def load(self, data: reviews.ReviewInput) -> None:
        values = {"year": int(data.year), "quarter": int(data.quarter), "date": data.date or ""}
        values.update({k: data.texts.get(k, "") or "" for k in TEXT_KEYS})
        self.form.load(values)
        gone = set(self.attendance.load(data)) | set(self.mutual.load(data)) | set(self.mass.load(data))
        self.mutual.set_present(self.attendance.present())
        if gone:
            self._notice(f"这次评议记录中有 {len(gone)} 名党员现已不在本组织名册上（已转出、停止党籍等），"
                         "保存时他们的出勤和票数不再保留。")
        self._loaded = self.collect()

    def collect(self) -> reviews.ReviewInput:
        """What is on screen, in the shape models.campaign.reviews.save takes."""
        v = self.form.values()
        data = reviews.ReviewInput(year=v["year"], quarter=v["quarter"], date=v["date"],
                                   texts={k: v[k] or "" for k in TEXT_KEYS})
        for tab in self.tally_tabs:
            tab.put(data)
        return data

    def is_dirty(self) -> bool:
        return self.collect() != self._loaded

    def _notice(self, text: str) -> None:
        self.notice.setText((self.notice.text() + "\n" if self.notice.text() else "") + text)
        self.notice.setVisible(True)

    # --- saving -------------------------------------------------------------------------------
    def try_save(self) -> bool:
        if self.form.unchosen():
            self._refused(self.form.unchosen())
            return False

        def save() -> None:
            self.result_value = reviews.save(self.org_id, self.collect(), self.review_id)

        if not self.guarded_save(save):
            return False
        self.review_id = self.result_value.id
        self._loaded = self.collect()
        self.accept()
        return True

    def _refused(self, errors: dict[str, str]) -> None:
        self.form.show_errors({k: m for k, m in errors.items() if k in RECORD_KEYS})
        flagged = [any(k in RECORD_KEYS for k in errors)] + [tab.show_errors(errors) for tab in self.tally_tabs]
        bar = self.tabs.tabBar()
        for i, (title, bad) in enumerate(zip(TAB_TITLES, flagged, strict=False)):
            self.tabs.setTabText(i, f"{title}（有误）" if bad else title)
            bar.setTabTextColor(i, QColor("#b3261e") if bad else QColor())
        known = set(RECORD_KEYS).union(*(tab.keys for tab in self.tally_tabs))
        outside = [m for k, m in errors.items() if k not in known]
        where = "、".join(t for t, bad in zip(TAB_TITLES, flagged, strict=False) if bad)
        self.banner.setText(f"有 {len(errors)} 处需要修改" + (f"（见“{where}”）" if where else "")
                            + "，已在对应位置标出；已填写的内容和票数都保留着。"
                            + ("\n" + "\n".join(outside) if outside else ""))
        self.banner.setVisible(True)
        if True in flagged and not flagged[self.tabs.currentIndex()]:
            self.tabs.setCurrentIndex(flagged.index(True))
        if flagged[0]:
            self.form.focus_first_error()

