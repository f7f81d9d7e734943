"""打印 → 荣誉证书…: choose recipients, title, stock and printer offsets; render in the
background (a `ui.jobs` job) with the dialog's own progress bar and 取消; then the preview.

Records are read on the main thread into plain `Certificate` objects before the job
starts: the worker thread only lays out and draws, and never touches the database.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.commendation import nominations as commendations
from models.config import print_settings, settings
from models.constants import AWARD_LEVELS
from models.errors import NotFound, ValidationError
from models.printouts import print_setup
from models.printouts import sources as print_sources
from models.roster import organizations
from models.roster.roll import on_roll_clause
from models.store.tables import Member
from printing.layout.certificate_layout import STOCK_LABELS
from ui import jobs
from ui.widgets import fit, messages, modal
from ui.widgets.busy import wait_cursor
from ui.widgets.year_box import year_box

log = logging.getLogger(__name__)

MEMBERS, ORGANIZATION, AWARDS = "members", "organization", "awards"
MEMBER_TITLES = ("优秀共产党员", "优秀党务工作者")
ORG_TITLE = "先进基层党组织"


def printer_names() -> list[str]:
    """Installed printers (module level so tests need none)."""
    try:
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())
    except ImportError:  # pragma: no cover - PySide6 without print support
        return []


class CertificateDialog(QDialog):
    def __init__(self, parent: QWidget | None, org_id: int | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印荣誉证书")
        self.org_id = org_id
        self.org = organizations.get(org_id) if org_id is not None else None
        self.job: jobs.Job | None = None
        self.preview = None
        self.last_error: Exception | None = None
        self.cancelled = False

        # who
        self.kind = QButtonGroup(self)
        self.kind_members = QRadioButton("本组织党员", self)
        self.kind_org = QRadioButton("本组织（先进基层党组织等）", self)
        self.kind_awards = QRadioButton("年度表彰名单（已编号的证书）", self)
        for i, button in enumerate((self.kind_members, self.kind_org, self.kind_awards)):
            self.kind.addButton(button, i)
        self.kind_members.setChecked(self.org is not None)
        self.kind_awards.setChecked(self.org is None)
        self.kind_members.setEnabled(self.org is not None)
        self.kind_org.setEnabled(self.org is not None)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("按姓名查找")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        all_button, none_button = QPushButton("全选", self), QPushButton("全不选", self)
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        self.count = QLabel(self)
        who = QGroupBox("受表彰对象", self)
        who_layout = QVBoxLayout(who)
        row = QHBoxLayout()
        for b in (self.kind_members, self.kind_org, self.kind_awards):
            row.addWidget(b)
        who_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(all_button)
        row.addWidget(none_button)
        who_layout.addLayout(row)
        who_layout.addWidget(self.list, 1)
        who_layout.addWidget(self.count)

        # what
        self.title = QComboBox(self)
        self.title.setEditable(True)
        self.title.addItems((*MEMBER_TITLES, ORG_TITLE))
        self.year = year_box(self)
        self.level = QComboBox(self)  # 年度表彰名单 only: whose awards, and so whose name signs
        self.level.addItems(AWARD_LEVELS)
        self.level.setToolTip("打印哪一级的表彰：基层党委的以党委全称落款，市委的以市委全称落款（在“设置”中填写）")
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        style = "二〇二六年七月一日" if settings.get("date_style_certificate") == "chinese" else "2026年7月1日"
        what = QGroupBox("证书内容", self)
        form = QFormLayout(what)
        form.addRow("荣誉称号：", self.title)
        form.addRow("表彰年度：", self.year)
        form.addRow("表彰级别：", self.level)
        form.addRow("落款日期：", self.date)
        self.style_text = style
        self.issuer_note = QLabel(self)
        self.issuer_note.setObjectName("issuer_note")
        self.issuer_note.setWordWrap(True)
        form.addRow("", self.issuer_note)
        self.level.currentIndexChanged.connect(lambda _i: self._show_issuer())

        # where
        self.stock = QComboBox(self)
        for key, text in STOCK_LABELS.items():
            self.stock.addItem(text, key)
        self.stock.setCurrentIndex(max(0, self.stock.findData(settings.get("certificate_stock"))))
        self.printer = QComboBox(self)
        self.printer.setEditable(True)
        saved = settings.get("certificate_offsets")
        names = list(dict.fromkeys([*printer_names(), *saved]))
        self.printer.addItems(names)
        self.dx, self.dy = self._offset_box(), self._offset_box()
        self.printer.currentTextChanged.connect(self._load_offsets)
        self._load_offsets(self.printer.currentText())
        offsets = QHBoxLayout()
        offsets.addWidget(QLabel("水平", self))
        offsets.addWidget(self.dx)
        offsets.addWidget(QLabel("垂直", self))
        offsets.addWidget(self.dy)
        self.calibrate = QPushButton("打印校准页…", self)
        self.calibrate.setToolTip("用普通纸打印文字框位置，与证书纸叠放对光核对")
        self.calibrate.clicked.connect(self.print_calibration)
        offsets.addWidget(self.calibrate)
        where = QGroupBox("纸张和打印机", self)
        form = QFormLayout(where)
        form.addRow("证书纸张：", self.stock)
        form.addRow("打印机：", self.printer)
        form.addRow("打印偏移：", offsets)
        form.addRow("", QLabel("偏移单位为毫米：文字整体偏右几毫米就把水平偏移减去几毫米，"
                               "偏下就把垂直偏移减去几毫米。", self))

        # go
        self.progress = QProgressBar(self)
        self.progress.setFormat("正在生成第 %v / %m 份……")
        self.progress.hide()
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.clicked.connect(self.cancel_render)
        self.cancel_button.hide()
        self.preview_button = QPushButton("生成并预览", self)
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.generate)
        close = QPushButton("关闭", self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(0)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(who, 1)
        layout.addWidget(what)
        layout.addWidget(where)
        layout.addLayout(buttons)
        self.form_parts = (who, what, where, self.preview_button)

        self.kind.idToggled.connect(lambda _id, on: on and self._kind_changed())
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _item: self._update_count())
        self._load_members()
        self._kind_changed()
        fit.to_screen(self, 720, 760)

    # ---------------------------------------------------------------- recipients

    def _offset_box(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(-print_settings.MAX_OFFSET_MM, print_settings.MAX_OFFSET_MM)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setSuffix(" 毫米")
        return box

    def _load_members(self) -> None:
        self.list.clear()
        if self.org is None:
            return
        query = (Member.select(Member.id, Member.name, Member.party_post, Member.job)
                 .where((Member.org == self.org_id) & on_roll_clause())
                 .order_by(Member.stroke_key, Member.id))
        for m in query:
            post = m.party_post or m.job
            item = QListWidgetItem(f"{m.name}　{post}" if post else m.name)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, m.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        text = text.strip()
        for item in self._items():
            item.setHidden(bool(text) and text not in item.data(Qt.ItemDataRole.UserRole + 1))

    def _check_all(self, on: bool) -> None:
        """全选/全不选 act on the members shown (after a search), as clerks expect."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for item in self._items():
            if not item.isHidden():
                item.setCheckState(state)

    def checked_ids(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def _update_count(self) -> None:
        kind = self.kind_name()
        if kind == MEMBERS:
            self.count.setText(f"已选 {len(self.checked_ids())} / {self.list.count()} 名党员")
        elif kind == ORGANIZATION:
            self.count.setText(f"为 {self.org.name} 打印一份" if self.org else "")
        else:
            self.count.setText("打印所选年度、所选级别已决定并编号的全部表彰（不用上面的名单和称号）")

    def kind_name(self) -> str:
        return (MEMBERS, ORGANIZATION, AWARDS)[max(0, self.kind.checkedId())]

    def set_level(self, level: str) -> None:
        self.level.setCurrentIndex(max(0, self.level.findText(level)))

    def _show_issuer(self) -> None:
        """Who signs: typed certificates are the township's; awards the level's committee's."""
        level = self.level.currentText() if self.kind_name() == AWARDS else commendations.BASIC
        issuer = commendations.issuer_for(level) or "（市委全称尚未填写，请在“设置”中填写）"
        recorded = "（已编号的以编号时记录的落款为准）" if self.kind_name() == AWARDS else ""
        self.issuer_note.setText(f"落款单位：{issuer}{recorded}；日期写法如“{self.style_text}”（在“设置”的“打印”页修改）")

    def _kind_changed(self) -> None:
        kind = self.kind_name()
        self.list.setEnabled(kind == MEMBERS)
        self.search.setEnabled(kind == MEMBERS)
        self.title.setEnabled(kind != AWARDS)
        self.level.setEnabled(kind == AWARDS)
        self._show_issuer()
        if kind == ORGANIZATION:
            self.title.setCurrentText(ORG_TITLE)
        elif kind == MEMBERS and self.title.currentText() == ORG_TITLE:
            self.title.setCurrentText(MEMBER_TITLES[0])
        self._update_count()

    def certificates(self) -> list:
        """The plain data to print, read on this (the main) thread."""
        title, year = self.title.currentText(), self.year.value()
        day = self.date.date().toPython()
        kind = self.kind_name()
        if kind == MEMBERS:
            return print_sources.member_certificates(self.checked_ids(), title, year, issue_date=day)
        if kind == ORGANIZATION:
            return print_sources.org_certificates([self.org_id], title, year, issue_date=day)
        return print_sources.award_certificates(year, self.level.currentText())

    # ---------------------------------------------------------------- paper and printer

    def _load_offsets(self, printer: str) -> None:
        dx, dy = print_setup.certificate_offset(printer)
        self.dx.setValue(dx)
        self.dy.setValue(dy)

    def layout(self):
        return print_setup.certificate_layout(self.stock.currentData(), None,
                                                 (self.dx.value(), self.dy.value()))

    def remember_choices(self) -> None:
        """Keep the stock and this printer's offsets for next time (skipped when read-only)."""
        printer = self.printer.currentText().strip()
        offsets = dict(settings.get("certificate_offsets"))
        values = {"certificate_stock": self.stock.currentData()}
        if printer:
            offsets[printer] = [self.dx.value(), self.dy.value()]
            values["certificate_offsets"] = offsets
        try:
            settings.put(values)
        except Exception as exc:
            log.info("证书纸张和偏移未保存：%s", exc)

    # ---------------------------------------------------------------- rendering

    def print_calibration(self):
        from printing.documents.certificate import render_calibration
        from printing.errors import PrintingError

        self.remember_choices()
        try:
            pdf = render_calibration(self.layout(), print_setup.font_settings())
        except (PrintingError, ValueError) as exc:
            messages.warn(self, "无法生成校准页", str(exc))
            return None
        return self._show(pdf, "证书套打校准页", "证书套打校准页.pdf",
                          "请用普通纸打印校准页，与证书纸叠放对光核对。")

    def generate(self) -> bool:
        """Gather the certificates here, then render them on a worker thread."""
        try:
            certs = self.certificates()
        except (ValidationError, NotFound, ValueError) as exc:
            messages.warn(self, "无法生成证书", str(exc))
            return False
        self.remember_choices()
        self.start_render(certs)
        return True

    @property
    def rendering(self) -> bool:
        return self.job is not None and self.job.running

    def start_render(self, certs: list, accept_missing: bool = False) -> jobs.Job:
        from printing.documents.certificate import render_certificates

        self.last_error, self.cancelled = None, False
        layout, fonts = self.layout(), print_setup.font_settings()
        self.progress.setRange(0, len(certs))
        self.progress.setValue(0)
        self._busy(True)

        def work(token: jobs.Token) -> bytes:
            return render_certificates(certs, layout, fonts, accept_missing=accept_missing, progress=token.progress)

        self.job = jobs.run(work, receiver=self, title="荣誉证书", on_progress=self._on_progress,
                            on_done=lambda pdf: self._on_rendered(pdf, certs),
                            on_error=lambda exc: self._on_failed(exc, certs), on_cancelled=self._on_cancelled)
        return self.job

    def cancel_render(self) -> None:
        if self.rendering:
            self.cancel_button.setEnabled(False)
            self.job.cancel()

    def _busy(self, on: bool) -> None:
        for part in self.form_parts:
            part.setEnabled(not on)
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_rendered(self, pdf: bytes, certs: list) -> None:
        self._busy(False)
        name = certs[0].recipient if len(certs) == 1 else f"{len(certs)}份"
        self._show(pdf, "荣誉证书", f"荣誉证书（{name}）.pdf",
                   "打印到预印证书纸时请选择“实际大小”。" if not self.layout().decorated else "")

    def _on_cancelled(self) -> None:
        self._busy(False)
        self.cancelled = True
        self.count.setText("已取消生成。")

    def _on_failed(self, exc: BaseException, certs: list) -> None:
        from printing.errors import MissingGlyphsError, PrintingError

        self._busy(False)
        self.last_error = exc
        if isinstance(exc, MissingGlyphsError):
            if messages.ask(self, "有字打印不出来", str(exc) + "\n\n仍要继续生成吗？"):
                self.start_render(certs, accept_missing=True)
            return
        if isinstance(exc, PrintingError | ValueError):  # private data, no Chinese font, nothing to print
            messages.warn(self, "无法生成证书", str(exc))
            return
        jobs.show_error(self, "无法生成证书", exc)

    def _show(self, pdf: bytes, title: str, name: str, note: str = ""):
        from ui.prints.pdf_preview import PreviewDialog

        with wait_cursor():
            self.preview = PreviewDialog(self, title, pdf, name, note)
        modal.run(self.preview)
        return self.preview

    def reject(self) -> None:
        if self.job is not None:          # closing while rendering: stop and wait
            self.job.stop(wait=True)
        super().reject()


def print_certificates(parent: QWidget | None, org_id: int | None) -> CertificateDialog:
    """打印 → 荣誉证书…: the dialog stays open for several batches (e.g. one per title)."""
    dialog = CertificateDialog(parent, org_id)
    modal.run(dialog)
    return dialog
