"""文件 → 数据包: a village branch sends its year up on a USB stick, the township takes it in.

Clerks do not use a command line, so the three things `main.py exchange` does are here as
pages: 生成 (for whom, everything or only what changed, a passphrase typed twice, which
folder — usually the USB stick), 接收 (a file and its passphrase; always previewed first, so
the clerk sees what would change and what conflicts before anything is written) and 冲突
(what a package would have changed but the local value kept, to check and export); for the
township also 各支部数据包 (whose package came this quarter, who is behind). Making and applying
a package take seconds on a township's file: they run as `ui.jobs` jobs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.roster import organizations
from models.sync import conflicts, export, merge, peers, site
from models.sync.kinds import BY_TABLE, ROLE_NAMES, TOWNSHIP
from ui import jobs
from ui.widgets import fit, messages

PACKAGE_FILTER = f"先锋台账数据包 (*{export.SUFFIX});;所有文件 (*)"
COUNT_COLUMNS = (("new", "新增"), ("changed", "更新"), ("deleted", "删除"), ("conflict", "冲突"), ("unchanged", "不变"))
MIN_PASSPHRASE = 6


def choose_folder(parent: QWidget | None, start: str) -> str:
    """Where to write the package, usually the USB stick (tests replace this); '' when cancelled."""
    return QFileDialog.getExistingDirectory(parent, "数据包保存到", start)


def choose_package(parent: QWidget | None, start: str) -> str:
    """Which package to take in (tests replace this); '' when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, "选择数据包", start, PACKAGE_FILTER)
    return path


def choose_conflicts_file(parent: QWidget | None, start: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, "导出冲突清单", str(Path(start) / "数据包冲突.xlsx"),
                                          "Excel 工作簿 (*.xlsx)")
    return path


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _password_box(parent: QWidget, name: str) -> QLineEdit:
    box = QLineEdit(parent)
    box.setObjectName(name)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


def _table(parent: QWidget, name: str, headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))


def outcome_rows(out: merge.Outcome) -> list[tuple]:
    """Per kind of record: 新增, 更新, 删除, 冲突, 不变 — only kinds the package touches."""
    names = {"setting": "设置"} | {t: k.name for t, k in BY_TABLE.items()}
    return [(names.get(table, table), *(c[key] for key, _ in COUNT_COLUMNS))
            for table, c in out.counts.items() if any(c.values())]


class SendPage(QWidget):
    made = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        me = site.current()
        self.role = me.role
        self.site_name = QLineEdit(me.name, self)
        self.site_name.setObjectName("site_name")
        self.site_name.setPlaceholderText("如：东风村党支部的电脑")
        self.site_role = QComboBox(self)
        self.site_role.setObjectName("site_role")
        for key, text in ROLE_NAMES.items():
            self.site_role.addItem(text, key)
        self.site_role.setCurrentIndex(max(0, self.site_role.findData(me.role)))
        save_site = QPushButton("保存本机信息", self)
        save_site.clicked.connect(self.save_site)
        self.target = QComboBox(self)
        self.target.setObjectName("target")
        self.everything = QCheckBox("包含全部记录（对方第一次接收，或重装过程序时勾选）", self)
        self.everything.setObjectName("everything")
        self.passphrase = _password_box(self, "passphrase")
        self.passphrase.setPlaceholderText(f"至少 {MIN_PASSPHRASE} 位，与对方当面或电话约定，不要写在U盘上")
        self.again = _password_box(self, "passphrase_again")
        self.folder = QLineEdit(_documents(), self)
        self.folder.setObjectName("folder")
        pick = QPushButton("选择…", self)
        pick.clicked.connect(self._pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(pick)
        site_row = QHBoxLayout()
        site_row.addWidget(self.site_name, 1)
        site_row.addWidget(self.site_role)
        site_row.addWidget(save_site)
        form = QFormLayout()
        form.addRow("本机名称和角色：", site_row)
        form.addRow("发给：", self.target)
        form.addRow("", self.everything)
        form.addRow("数据包口令：", self.passphrase)
        form.addRow("再输入一遍：", self.again)
        form.addRow("保存到：", folder_row)
        self.make_button = QPushButton("生成数据包", self)
        self.make_button.setObjectName("make_package")
        self.make_button.clicked.connect(self.make)
        self.result = QLabel(self)
        self.result.setObjectName("made")
        self.result.setWordWrap(True)
        note = QLabel("不勾选“包含全部记录”时，只放进对方上次确认收到之后改过的记录。数据包经过加密，"
                      "没有口令打不开；请把口令另外告诉对方。", self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        make_row = QHBoxLayout()
        make_row.addWidget(self.make_button)
        make_row.addStretch(1)
        layout.addLayout(make_row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._fill_targets()

    def _fill_targets(self) -> None:
        self.target.clear()
        mine = site.row_of("organization", site.current().org_uuid) if site.current().org_uuid else None
        if self.role == TOWNSHIP:
            top = site.township_org()
            if top is not None:
                self.target.addItem(f"全镇（{top.display_name}及下属全部组织）", None)
            for node in organizations.tree():
                if node.id != (top.id if top else None):
                    self.target.addItem(node.label, node.name)
        elif mine is not None:
            org = organizations.get(mine)
            self.target.addItem(f"{org.display_name}（本支部的数据，交乡镇党委）", None)
        self.make_button.setEnabled(self.target.count() > 0)

    def save_site(self) -> None:
        try:
            me = site.configure(self.site_name.text(), self.site_role.currentData())
        except Exception as exc:  # a ValidationError in words; anything else goes on
            jobs.show_error(self, "本机信息", exc)
            return
        self.role = me.role
        self._fill_targets()
        self.result.setText(f"已保存：本机“{me.name}”，角色{ROLE_NAMES.get(me.role, '未定')}。")

    def _pick_folder(self) -> None:
        folder = choose_folder(self, self.folder.text())
        if folder:
            self.folder.setText(folder)

    def problem(self) -> str:
        """What stops the package being made, in words; '' when nothing does."""
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            return f"口令至少 {MIN_PASSPHRASE} 位。"
        if self.passphrase.text() != self.again.text():
            return "两次输入的口令不一样，请重新输入。"
        if not Path(self.folder.text()).is_dir():
            return "请选择一个已有的文件夹（例如U盘）保存数据包。"
        return ""

    def make(self) -> jobs.Job | None:
        if problem := self.problem():
            messages.warn(self, "生成数据包", problem)
            return None
        passphrase, folder = self.passphrase.text(), self.folder.text()
        org_name, everything = self.target.currentData(), self.everything.isChecked()
        self.make_button.setEnabled(False)

        def done(made: export.Made) -> None:
            self.make_button.setEnabled(True)
            self.result.setText(f"已生成数据包（第{made.seq}号，给{made.org_name}）：\n{made.path}"
                                f"（{made.size / 1024:.0f} KB）\n内容：{export.describe(made.counts)}")
            self.made.emit(made)

        def failed(exc: BaseException) -> None:
            self.make_button.setEnabled(True)
            jobs.show_error(self, "生成数据包", exc)

        return jobs.run(lambda _token: export.make(folder, passphrase, org_name=org_name, everything=everything),
                        receiver=self, title="生成数据包", label="正在生成数据包…", on_done=done,
                        on_error=failed, writes=True)


class ReceivePage(QWidget):
    applied = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.file = QLineEdit(self)
        self.file.setObjectName("package_file")
        self.file.setPlaceholderText(f"U盘上的 *{export.SUFFIX} 文件")
        pick = QPushButton("选择…", self)
        pick.clicked.connect(self._pick)
        self.passphrase = _password_box(self, "receive_passphrase")
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(pick)
        form = QFormLayout()
        form.addRow("数据包：", row)
        form.addRow("口令：", self.passphrase)
        self.preview_button = QPushButton("预览（不改动数据）", self)
        self.preview_button.setObjectName("preview_package")
        self.preview_button.clicked.connect(self.preview)
        self.apply_button = QPushButton("接收", self)
        self.apply_button.setObjectName("apply_package")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        self.head = QLabel(self)
        self.head.setObjectName("package_head")
        self.head.setWordWrap(True)
        self.counts = _table(self, "package_counts", ("记录", *(label for _, label in COUNT_COLUMNS)))
        self.conflict_note = QLabel(self)
        self.conflict_note.setObjectName("package_conflicts")
        self.conflict_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.head)
        layout.addWidget(self.counts, 1)
        layout.addWidget(self.conflict_note)
        self.previewed: tuple[str, str] | None = None
        self.file.textChanged.connect(self._forget)
        self.passphrase.textChanged.connect(self._forget)

    def _pick(self) -> None:
        path = choose_package(self, str(Path(self.file.text()).parent) if self.file.text() else _documents())
        if path:
            self.file.setText(path)

    def _forget(self) -> None:
        """Another file or passphrase: 接收 waits for its own preview."""
        self.previewed = None
        self.apply_button.setEnabled(False)

    def preview(self) -> jobs.Job | None:
        return self._run(dry_run=True)

    def apply(self) -> jobs.Job | None:
        if self.previewed != (self.file.text(), self.passphrase.text()):
            return None
        return self._run(dry_run=False)

    def _run(self, dry_run: bool) -> jobs.Job | None:
        path, passphrase = self.file.text().strip(), self.passphrase.text()
        if not path or not Path(path).is_file():
            messages.warn(self, "接收数据包", "请选择要接收的数据包文件。")
            return None
        if not passphrase:
            messages.warn(self, "接收数据包", "请输入对方告诉您的数据包口令。")
            return None
        self.preview_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        title = "预览数据包" if dry_run else "接收数据包"

        def done(out: merge.Outcome) -> None:
            self.preview_button.setEnabled(True)
            self.show_outcome(out, dry_run)
            if dry_run and not out.already:
                self.previewed = (path, passphrase)
                self.apply_button.setEnabled(True)
            if not dry_run:
                self.previewed = None
                self.applied.emit(out)

        def failed(exc: BaseException) -> None:
            self.preview_button.setEnabled(True)
            jobs.show_error(self, title, exc)

        return jobs.run(lambda _token: merge.apply(path, passphrase, dry_run=dry_run), receiver=self, title=title,
                        label="正在读取数据包…" if dry_run else "正在接收数据包…", on_done=done, on_error=failed,
                        writes=not dry_run)

    def show_outcome(self, out: merge.Outcome, dry_run: bool) -> None:
        head = out.head
        text = (f"数据包第{head.get('seq')}号，来自“{head.get('site_name')}”，给{head.get('org_name')}，"
                f"生成于 {head.get('made_at')}。")
        if out.already:
            text += "\n这个数据包已经接收过，没有改动任何内容。"
        elif dry_run:
            text += "\n以下为预览，数据库尚未改动；核对无误后点“接收”。"
        else:
            text += "\n已接收。"
        self.head.setText(text)
        _fill(self.counts, [] if out.already else outcome_rows(out))
        n = len(out.conflicts)
        if not n:
            self.conflict_note.setText("")
        elif dry_run:
            self.conflict_note.setText(f"有 {n} 处冲突（双方都改过）：接收时保留本机的值，并列入“冲突”页供核对。")
        else:
            self.conflict_note.setText(f"有 {n} 处冲突保留了本机的值，请到“冲突”页核对。")


class ConflictsPage(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("conflicts_summary")
        self.summary.setWordWrap(True)
        self.table = _table(self, "conflicts", conflicts.HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        export_button = QPushButton("导出 Excel…", self)
        export_button.clicked.connect(self.export)
        self.keep_button = QPushButton(f"{conflicts.KEEP}", self)
        self.keep_button.setToolTip("选中的冲突以本机为准；下一个数据包会告诉对方采用本机的值")
        self.keep_button.clicked.connect(lambda: self.decide(conflicts.KEEP))
        self.take_button = QPushButton(f"{conflicts.TAKE}", self)
        self.take_button.setToolTip("把选中冲突的值改成数据包的值；下一个数据包会告诉对方双方已一致")
        self.take_button.clicked.connect(lambda: self.decide(conflicts.TAKE))
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(export_button)
        choices = QHBoxLayout()
        choices.addWidget(QLabel("选中的冲突（可按住 Ctrl 或 Shift 多选）：", self))
        choices.addWidget(self.keep_button)
        choices.addWidget(self.take_button)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(choices)
        self.reload()

    def reload(self) -> None:
        rows = conflicts.rows()
        self.ids = conflicts.open_ids()
        _fill(self.table, rows)
        if len(rows) <= 500:  # whole values where the list is short enough to measure
            self.table.resizeColumnsToContents()
        self.summary.setText(f"待核对的冲突 {len(rows)} 条：数据包要改、但本机也改过的值，保留了本机的值。"
                             "核对后选中它们，选择保留本机的值或采用数据包的值。"
                             if rows else "没有待核对的冲突。")
        for button in (self.keep_button, self.take_button):
            button.setEnabled(bool(rows))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.ids[r] for r in rows if r < len(self.ids)]

    def decide(self, choice: str) -> int:
        """The clerk's choice for the selected conflicts, written at once; it travels with the
        next package."""
        ids = self.selected_ids()
        if not ids:
            messages.info(self, choice, "请先在列表中选中要处理的冲突。")
            return 0
        try:
            n = conflicts.decide(ids, choice)
        except ValidationError as exc:
            messages.warn(self, choice, exc.message)
            return 0
        self.reload()
        messages.info(self, choice, f"已处理 {n} 条冲突：{choice}。生成下一个数据包时，这个选择会带给对方。")
        return n

    def export(self) -> None:
        path = choose_conflicts_file(self, _documents())
        if not path:
            return
        try:
            n = conflicts.export(path)
        except Exception as exc:
            jobs.show_error(self, "导出冲突清单", exc)
            return
        messages.info(self, "导出冲突清单", f"已导出 {n} 条冲突到 {path}。")


class BranchesPage(QWidget):
    """The township's view: which branch's package came this quarter, which is behind."""

    HEADERS = ("党组织", "本季度", "最近一次数据包", "接收时间", "来自", "内容")

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("branches_summary")
        self.summary.setWordWrap(True)
        self.table = _table(self, "branches", self.HEADERS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        statuses = peers.branch_statuses()
        _fill(self.table, [(s.org_name, s.state, f"第{s.last_seq}号" if s.last_seq else "", s.last_at, s.site_name,
                            export.describe(s.counts) if s.last_seq else "") for s in statuses])
        behind = [s.org_name for s in statuses if s.state == peers.BEHIND]
        never = sum(s.state == peers.NEVER for s in statuses)
        text = (f"本季度尚未收到数据包：{'、'.join(behind)}。" if behind else "有数据包往来的党组织本季度都已收到。")
        if never:
            text += f"另有 {never} 个党组织从未发来数据包（由乡镇直接录入的可以不管）。"
        self.summary.setText(text)


class PackagesDialog(QDialog):
    """Emits `changed` after a package was taken in (the tree and pages show the new data)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("数据包：党支部与乡镇党委交换数据")
        self.tabs = fit.PageTabs(self)
        self.send = SendPage(self)
        self.receive = ReceivePage(self)
        self.conflicts = ConflictsPage(self)
        self.tabs.addTab(self.send, "生成数据包")
        self.tabs.addTab(self.receive, "接收数据包")
        self.tabs.addTab(self.conflicts, "冲突")
        self.branches: BranchesPage | None = None
        if site.current().role == TOWNSHIP:
            self.branches = BranchesPage(self)
            self.tabs.addTab(self.branches, "各支部数据包")
        if read_only:  # a damaged or second copy: nothing may be written, not even the "sent" mark
            for page in (self.send, self.receive):
                page.setEnabled(False)
            for button in (self.conflicts.keep_button, self.conflicts.take_button):
                button.setEnabled(False)  # the list can be looked at and exported, not decided
                button.setToolTip("只读打开的数据库不能处理冲突")
        self.receive.applied.connect(self._applied)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        fit.to_screen(self, em * 56, em * 34)

    def _applied(self, _out: Any) -> None:
        self.conflicts.reload()
        if self.branches is not None:
            self.branches.reload()
        self.changed.emit()
