"""The main window: organization tree on the left, the selected organization's tabs on the right."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from models.roster import organizations
from models.store import db as dbmod
from models.store import paths
from ui import jobs
from ui.campaign.pledges_view import PledgesView
from ui.campaign.reviews_view import ReviewsView
from ui.roster.first_run import FirstRunPage
from ui.roster.members_view import MembersView
from ui.roster.org_dialog import OrgDialog
from ui.roster.org_tree import OrgTree
from ui.roster.profile_view import ProfileView
from ui.widgets import fit, messages
from ui.widgets.busy import wait_cursor

NATURAL_SIZE = (1280, 800)  # the list pages show their key columns without scrolling


class MainWindow(QMainWindow):
    def __init__(self, db_path: str, read_only: bool = False) -> None:
        super().__init__()
        self.db_path = db_path
        self.read_only = read_only
        self.committee = None
        self.close_database_on_exit = False  # the running program sets it; tests keep their database
        because = dbmod.readonly_because()  # a damaged file opened to look at, not a second window
        self.setWindowTitle("先锋台账 — 创先争优活动台账"
                            + (f"（只读：{because}，请从备份恢复）" if because else "（只读）" if read_only else "")
                            + ("（便携版）" if paths.is_portable() else ""))
        self.tree = OrgTree(self)
        self.tabs = fit.PageTabs(self)
        self.tabs.setObjectName("org_tabs")
        self.profile = ProfileView(self)
        self.members = MembersView(self)
        self.tabs.addTab(self.profile, "概况")
        self.tabs.addTab(self.members, "党员")
        self.extra_tabs: list[QWidget] = []
        for title, factory in (("承诺", PledgesView), ("季度评议", ReviewsView)):
            widget = factory(self)
            self.tabs.addTab(widget, title)
            self.extra_tabs.append(widget)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([240, 1000])
        self.splitter = splitter
        self.first_run: FirstRunPage | None = None  # made only for an empty database
        self.pages = QStackedWidget(self)
        self.pages.addWidget(splitter)
        self.setCentralWidget(self.pages)
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)
        self._build_menus()
        self._install_committee_pages()
        from ui.help import help_menu

        self.help_menu = help_menu.install(self, db_path)
        self._org_id: int | None = None
        self.tree.org_selected.connect(self._org_selected)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current_tab())
        self.profile.saved.connect(lambda org_id: self.tree.reload(org_id))
        self.resize(*NATURAL_SIZE)

    def _install_committee_pages(self) -> None:
        """首页, 专项台账, 年度考核 and 表彰 with their 考核表彰 menu (ui.committee.committee_tabs)."""
        from ui.committee import committee_tabs

        self.committee = committee_tabs.install(self)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        new_org = QAction("新建党组织…", self)
        new_org.triggered.connect(self.new_org)
        file_menu.addAction(new_org)
        self.file_menu = file_menu
        file_menu.addSeparator()
        for text, slot, shortcut in (("导入党员花名册（Excel）…", self.import_roster, "Ctrl+I"),
                                     ("导出党员花名册（全国格式）…", self.export_roster, ""),
                                     ("导出当前列表到 Excel…", self.export_current_list, "Ctrl+E")):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            file_menu.addAction(action)
        file_menu.addSeparator()
        for text, slot in (("数据包（党支部与乡镇党委交换）…", self.packages), ("备份与恢复…", self.backup_restore),
                           ("操作日志…", self.audit_log)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction("退出", self)
        # QKeySequence.Quit is empty on Windows: the clerks' system had no quit key at all
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.quit_action = quit_action
        print_menu = self.menuBar().addMenu("打印(&P)")
        board_action = QAction("党员公开承诺公示栏…", self)
        board_action.setShortcut(QKeySequence("Ctrl+P"))
        board_action.triggered.connect(self._print_board)
        print_menu.addAction(board_action)
        self._add_review_prints(print_menu)
        self.print_menu = print_menu
        settings_menu = self.menuBar().addMenu("设置(&S)")
        settings_action = QAction("设置…", self)
        settings_action.triggered.connect(self.open_settings)
        settings_menu.addAction(settings_action)
        self.settings_menu = settings_menu
        self._add_certificate_menus(print_menu, settings_menu)
        new_member = QAction("新增党员", self)
        new_member.setShortcut(QKeySequence("Ctrl+N"))
        new_member.triggered.connect(self._new_member)
        self.addAction(new_member)

    def backup_restore(self) -> None:
        from ui.safety.backup_dialog import BackupRestoreDialog

        jobs.stop_all(wait=True)  # no worker's own connection may outlive the file (pages compute again)
        dialog = BackupRestoreDialog(self, self.db_path)
        dialog.restored.connect(lambda *_: self.tree.reload())
        dialog.exec()

    def packages(self) -> None:
        from ui.exchange.packages_dialog import PackagesDialog

        dialog = PackagesDialog(self, read_only=self.read_only)
        dialog.changed.connect(lambda: self.tree.reload(self.tree.current_id()))
        dialog.exec()

    def audit_log(self) -> None:
        from ui.safety.audit_view import AuditLogDialog

        AuditLogDialog(self).exec()

    def import_roster(self) -> None:
        from ui.exchange.import_dialog import RosterImportDialog

        with wait_cursor():  # the spreadsheet readers load the first time
            dialog = RosterImportDialog(self, self.tree.current_id())
        if dialog.exec() == QDialog.DialogCode.Accepted:  # the database changed
            self.tree.reload(self.tree.current_id())

    def export_roster(self) -> None:
        from ui.exchange.export_actions import export_roster

        export_roster(self, self.tree.current_id())

    def export_current_list(self) -> None:
        """Whatever list the clerk is looking at, as filtered and sorted on screen."""
        from ui.exchange.export_actions import export_rows

        panel = getattr(self.tabs.currentWidget(), "panel", None)
        if panel is None:
            messages.info(self, "导出当前列表", "当前页面没有可导出的列表，请切换到党员、承诺或季度评议页。")
            return
        model = panel.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
        org_id = self.tree.current_id()
        org_label = organizations.get(org_id).display_name if org_id is not None else ""
        title = f"{org_label}{self.tabs.tabText(self.tabs.currentIndex())}列表"
        export_rows(self, title, headers, rows)

    def _add_review_prints(self, menu) -> None:
        """承诺书, 评议表 and 评议记录 of the organization selected in the tree."""
        menu.addSeparator()
        for text, name in (("承诺书…", "print_letters"), ("民主评议测评表…", "print_party_ballots"),
                           ("群众评议表…", "print_mass_ballots"), ("季度评议记录…", "print_minutes")):
            item = QAction(text, self)
            item.triggered.connect(lambda _checked=False, name=name: self._review_print(name))
            menu.addAction(item)
        item = QAction("评议结果公示…", self)
        item.triggered.connect(self._print_review_results)
        menu.addAction(item)
        item = QAction("党员表现记录…", self)
        item.triggered.connect(self._print_member_record)
        menu.addAction(item)
        self._add_supervision_prints(menu)

    def _add_supervision_prints(self, menu) -> None:
        """The township's 进展情况通报 and 整改通知, the organizations' 实施方案/年度计划."""
        menu.addSeparator()
        for text, slot in (("进展情况通报…", self._print_bulletin), ("整改通知…", self.open_rectifications),
                           ("实施方案/年度计划…", self.open_plan)):
            item = QAction(text, self)
            item.triggered.connect(lambda _checked=False, slot=slot: slot())
            menu.addAction(item)

    def _print_bulletin(self) -> None:
        from ui.prints.campaign_prints import print_bulletin

        print_bulletin(self)

    def open_rectifications(self) -> None:
        from ui.committee.rectification_dialog import RectificationDialog

        self._edit_for_org("整改通知", "请先在左侧选择乡镇党委或一个党支部。", RectificationDialog)

    def open_plan(self) -> None:
        from ui.campaign.plan_dialog import PlanDialog

        self._edit_for_org("实施方案/年度计划", "请先在左侧选择一个党组织。", PlanDialog)

    def _edit_for_org(self, title: str, hint: str, dialog_class) -> None:
        """An editor for the organization selected in the tree; the 首页 recounts afterwards."""
        org_id = self.tree.current_id()
        if org_id is None:
            messages.info(self, title, hint)
            return
        dialog_class(self, org_id, read_only=self.read_only).exec()
        self.tree.reload(org_id)

    def _print_review_results(self) -> None:
        from ui.prints.result_prints import print_review_results

        print_review_results(self, self.tree.current_id())

    def _print_member_record(self) -> None:
        from ui.prints.record_prints import print_record

        print_record(self, self.tree.current_id())

    def _review_print(self, name: str) -> None:
        from ui.prints import review_prints  # loads ReportLab: only when something is printed

        getattr(review_prints, name)(self, self.tree.current_id())

    def _add_certificate_menus(self, print_menu, settings_menu) -> None:
        """荣誉证书… under 打印 (fonts, date styles, certificate stock and offsets: 设置 → 打印)."""
        print_menu.addSeparator()
        item = QAction("荣誉证书…", self)
        item.triggered.connect(self.print_certificates)
        print_menu.addAction(item)

    def print_certificates(self) -> None:
        from ui.prints.certificate_dialog import print_certificates

        print_certificates(self, self.tree.current_id())

    def _print_board(self) -> None:
        from ui.prints.print_actions import print_pledge_board

        print_pledge_board(self, self.tree.current_id())

    def open_settings(self, page: str = "本级组织") -> None:
        """设置…: every setting in one dialog with pages (本级组织, 评议与考核, 打印, 界面 …)."""
        from ui.config.settings_dialog import open_settings

        if open_settings(self, page) and self.committee is not None:
            self.committee.settings_saved()

    def ask_clerk_name_once(self) -> None:
        """The audit log needs a name; asked at the first start, changeable in 设置."""
        from models.config import settings

        if not settings.get("clerk_name"):
            messages.info(self, "欢迎使用先锋台账", "请先填写操作人员姓名等基本设置。以后可在“设置”菜单中修改。")
            self.open_settings()

    def _new_member(self) -> None:
        self.tabs.setCurrentWidget(self.members)
        self.members.add()

    def new_org(self) -> None:
        dialog = OrgDialog(self, parent_id=self.tree.current_id())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.tree.reload(dialog.result_value.id)

    def _org_selected(self, org_id: int | None) -> None:
        if self.profile.is_dirty() and org_id != self.profile.org_id:
            answer = messages.ask_save(self, "概况尚未保存", "当前组织的概况有修改还没有保存。要保存吗？")
            if answer == "save" and not self.profile.save():
                self._reselect(self.profile.org_id)
                return
            if answer == "cancel":
                self._reselect(self.profile.org_id)
                return
        self._org_id = org_id
        self.profile.show_org(org_id)
        self.members.show_org(org_id)  # the roster is what a clerk looks at first: load it now
        home = self.committee.home
        home.show_org(org_id)  # decides whether the committee's 首页 shows; fills lazily
        for tab in self.extra_tabs:  # the others load when their tab is opened
            if tab is not home:
                tab.setProperty("shown_org", -1)
        self._refresh_current_tab()
        if org_id is not None:
            org = organizations.get(org_id)
            self.status.setText(f"{org.name}　{org.level}　数据库：{self.db_path}")

    def _refresh_current_tab(self) -> None:
        tab = self.tabs.currentWidget()
        home = self.committee.home if self.committee is not None else None  # None while building
        if tab in self.extra_tabs and tab is not home and tab.property("shown_org") != (self._org_id or 0):
            tab.setProperty("shown_org", self._org_id or 0)
            tab.show_org(self._org_id)

    def _reselect(self, org_id: int | None) -> None:
        from ui.roster.org_tree import ID_ROLE

        blocked = self.tree.blockSignals(True)
        for item in self.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive):
            if item.data(0, ID_ROLE) == org_id:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(blocked)

    def show_fitted(self) -> None:
        """At its natural size where the screen has room; maximised on a smaller one, so
        新增党员, 保存概况 and the status bar never start below the screen edge."""
        tree = max(self.tree.minimumWidth(), min(240, fit.client_area(self).width() // 5))
        self.splitter.setSizes([tree, NATURAL_SIZE[0]])  # a small screen's width goes to the pages
        fit.show_main(self, *NATURAL_SIZE)

    def load(self) -> None:
        self.tree.reload()
        if not self.read_only and not organizations.tree():
            self.show_first_run()

    def show_first_run(self) -> None:
        """An empty database opens on three steps, not on an empty tree (see ui.roster.first_run)."""
        if self.first_run is None:
            page = FirstRunPage(self)
            page.org_created.connect(lambda org_id: self.tree.reload(org_id))
            page.finished.connect(self.leave_first_run)
            page.import_requested.connect(self._first_import)
            page.add_member_requested.connect(self._first_member)
            self.pages.addWidget(page)
            self.first_run = page
        self.pages.setCurrentWidget(self.first_run)

    def leave_first_run(self) -> None:
        org_id = self.first_run.org_id if self.first_run is not None else None
        self.pages.setCurrentWidget(self.splitter)
        self.tree.reload(org_id)

    def _first_import(self) -> None:
        self.leave_first_run()
        self.import_roster()

    def _first_member(self) -> None:
        self.leave_first_run()
        self._new_member()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.profile.is_dirty():
            answer = messages.ask_save(self, "尚未保存", "组织概况有修改还没有保存。退出前要保存吗？")
            if answer == "cancel" or (answer == "save" and not self.profile.save()):
                event.ignore()
                return
        event.accept()
        jobs.stop_all(wait=True)  # before the lock is released and the exit backup made
        if self.close_database_on_exit:
            from ui.open_database import close_database

            close_database(self, self.db_path)  # closes, then backs up; never blocks quitting
