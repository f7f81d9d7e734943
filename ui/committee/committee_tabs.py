"""Puts the committee's pages into the main window: 首页, 专项台账, 年度考核, 表彰, and a menu.

Kept out of `ui.main_window` so the window only calls `install`. 首页 shows for a 党委 (and
opens first when the program starts on one); the other three work for any organization and
its subtree. When one page writes (a corrected review, a score, a nomination), the others
recompute the next time they are shown.
"""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from models.errors import NotFound
from models.roster import organizations
from ui.campaign.ledger_view import LedgerView
from ui.committee.assessment_view import AssessmentView
from ui.committee.commendation_view import CommendationView
from ui.committee.home_view import HomeView

HOME, LEDGER, ASSESSMENT, COMMENDATION = "首页", "专项台账", "年度考核", "表彰"


class CommitteePages:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.home = HomeView(window)
        self.ledger = LedgerView(window)
        self.assessment = AssessmentView(window)
        self.commendation = CommendationView(window)
        self._first_selection = True

    @property
    def views(self) -> tuple[QWidget, ...]:
        return (self.home, self.ledger, self.assessment, self.commendation)

    def install(self) -> None:
        w = self.window
        w.tabs.insertTab(0, self.home, HOME)
        for view, title in ((self.ledger, LEDGER), (self.assessment, ASSESSMENT),
                            (self.commendation, COMMENDATION)):
            w.tabs.addTab(view, title)
        w.extra_tabs.extend(self.views)
        self.home.org_shown.connect(self._org_selected)  # after the page knows the organization
        for view in self.views:
            view.changed.connect(lambda v=view: self._changed(v))
        self.home.open_tab.connect(self.open_tab)
        self.home.open_assessment.connect(self.open_assessment)
        self.home.open_commendation.connect(self.open_commendation)
        self.assessment.open_ledger.connect(self.open_ledger)
        self._menus()

    def _menus(self) -> None:
        w = self.window
        menu = w.menuBar().addMenu("考核表彰(&K)")
        for text, view, shortcut in ((HOME, self.home, "Ctrl+1"), (LEDGER, self.ledger, "Ctrl+2"),
                                     (ASSESSMENT, self.assessment, "Ctrl+3"),
                                     (COMMENDATION, self.commendation, "Ctrl+4")):
            action = QAction(text, w)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _c=False, v=view: self.show_view(v))
            menu.addAction(action)
        menu.addSeparator()
        prints = (("打印专项台账…", self.ledger.print_ledger), ("打印拟表彰对象公示…", self.commendation.print_notice),
                  ("打印表彰名单…", self.commendation.print_awards),
                  ("打印先进事迹材料…", self.commendation.print_deeds))
        # the year's certificates: 打印 → 荣誉证书… (年度表彰名单) or the 表彰 page's button — one dialog
        # One menu entry per action: the printouts live under 打印 with every other printout
        # (here only when the window has no 打印 menu).
        target = getattr(w, "print_menu", None) or menu
        target.addSeparator()
        for text, slot in prints:
            action = QAction(text, w)
            action.triggered.connect(lambda _c=False, s=slot: s())
            target.addAction(action)
        # the rules are edited in 设置 → 设置… → 评议与考核 with every other setting (one entry)
        self.menu = menu

    def settings_saved(self) -> None:
        """Rules, thresholds or names changed in 设置: every committee page computes again."""
        self._changed(None)

    # --- navigation -----------------------------------------------------------------------------
    def show_view(self, view: QWidget) -> None:
        tabs = self.window.tabs
        index = tabs.indexOf(view)
        if index >= 0 and tabs.isTabVisible(index):
            tabs.setCurrentIndex(index)

    def open_tab(self, org_id: int | None, title: str) -> None:
        if org_id is not None:
            self.window.tree.reload(org_id)
        tabs = self.window.tabs
        for i in range(tabs.count()):
            if tabs.tabText(i) == title and tabs.isTabVisible(i):
                tabs.setCurrentIndex(i)
                return

    def open_assessment(self, year: int) -> None:
        """The 年度考核 page on the year the home page counted, for the organization selected."""
        self.assessment.year.setValue(year)
        self.show_view(self.assessment)

    def open_commendation(self, year: int) -> None:
        """The 表彰 page on the year whose nominations the home page counted."""
        self.commendation.year.setValue(year)
        self.show_view(self.commendation)

    def open_ledger(self, org_id: int, year: int) -> None:
        self.window.tree.reload(org_id)
        self.ledger.year.setValue(year)
        self.show_view(self.ledger)

    def _org_selected(self, org_id: int | None) -> None:
        try:
            committee = org_id is not None and organizations.get(org_id).level == "党委"
        except NotFound:
            committee = False
        tabs = self.window.tabs
        tabs.setTabVisible(tabs.indexOf(self.home), committee)
        if committee and self._first_selection:
            tabs.setCurrentWidget(self.home)
        if org_id is not None:
            self._first_selection = False

    def _changed(self, source: QWidget | None) -> None:
        for view in self.views:
            if view is not source:
                view.mark_stale()
        for tab in getattr(self.window, "extra_tabs", ()):
            if tab not in self.views and hasattr(tab, "reload"):
                tab.reload()


def install(window: QMainWindow) -> CommitteePages:
    pages = CommitteePages(window)
    pages.install()
    return pages
