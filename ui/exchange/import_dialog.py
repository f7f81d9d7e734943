"""导入党员名册: choose a file, check every row, see the problems, then import all at once.

The dialog only gathers the clerk's choices and shows what `models.exchange.roster_import` decided;
reading, checking and writing run in a worker thread (`ui.jobs`) so a 10,000-row file
never freezes the window. Nothing is written until 导入, and the import can be undone.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.errors import NotFound, ValidationError
from models.exchange import roster_import
from models.exchange.roster_import import ImportOptions, Layout, Preview, SheetData
from models.roster import organizations
from models.store.import_tables import ImportBatch
from ui import jobs
from ui.exchange.column_mapping import ColumnMapping
from ui.exchange.import_preview import PreviewModel
from ui.exchange.value_mapping import ValueMappingTable
from ui.widgets import fit, messages


def choose_open_file(parent: QWidget | None) -> str:
    """The file dialog; tests replace this function."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getOpenFileName(parent, "选择党员名册文件", folder,
                                          "表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;所有文件 (*)")
    return path


def _org_items() -> list[tuple[int | None, str]]:
    nodes = organizations.tree()
    depth: dict[int, int] = {}
    for node in nodes:  # parents come first: ids grow down the tree
        depth[node.id] = depth.get(node.parent_id, -1) + 1 if node.parent_id else 0
    return [(None, "（不指定）")] + [(n.id, "　" * depth[n.id] + n.label) for n in nodes]


class RosterImportDialog(QDialog):
    """`exec()` returns Accepted when members were imported (or an import undone)."""

    def __init__(self, parent: QWidget | None, default_org_id: int | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入党员名册")
        fit.to_screen(self, 1000, 680)
        self.job: jobs.Job | None = None
        self.data: SheetData | None = None
        self.layout_: Layout | None = None
        self.preview: Preview | None = None
        self.batch: ImportBatch | None = None
        self.choices: dict[tuple[str, str], str] = {}  # the clerk's 取值对应, kept across rechecks

        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("请选择 Excel（.xlsx、.xls）或 CSV 文件")
        self.choose_button = QPushButton("选择文件…", self)
        self.choose_button.clicked.connect(self.choose_file)
        self.source_info = QLabel(self)
        self.mapping_button = QPushButton("调整列对应…", self)
        self.mapping_button.clicked.connect(self._toggle_mapping)
        self.mapping_button.setEnabled(False)
        self.mapping = ColumnMapping(self)
        self.mapping.applied.connect(self.apply_mapping)
        self.mapping.hide()

        self.org = QComboBox(self)
        for org_id, label in _org_items():
            self.org.addItem(label, org_id)
        self.org.setCurrentIndex(max(self.org.findData(default_org_id), 0))
        self.update_existing = QRadioButton("用文件中的信息更新", self)
        self.skip_existing = QRadioButton("跳过，不更新", self)
        self.update_existing.setChecked(True)
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.update_existing)
        self._mode.addButton(self.skip_existing)
        self.create_orgs = QCheckBox("名册中写的党支部在库中没有时，新建在所选组织下", self)
        for signal in (self.org.currentIndexChanged, self.update_existing.toggled,
                       self.create_orgs.toggled):
            signal.connect(self._options_changed)

        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.only_problems = QCheckBox("只看有问题的行", self)
        self.only_problems.toggled.connect(lambda on: self.model.set_only_problems(on))
        self.values = ValueMappingTable(self)
        self.values.applied.connect(self.apply_values)
        self.values.hide()
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("中")
        for column, chars in enumerate((3, 3, 5, 10, 12)):
            self.table.setColumnWidth(column, em * chars + 16)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)

        self.rejects_button = QPushButton("保存未通过的行…", self)
        self.rejects_button.clicked.connect(self.save_rejects)
        self.undo_button = QPushButton("撤销这次导入", self)
        self.undo_button.clicked.connect(self.undo_import)
        self.undo_button.hide()
        self.import_button = QPushButton("导入", self)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = QPushButton("关闭", self)
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel("文件：", self))
        top.addWidget(self.path, 1)
        top.addWidget(self.choose_button)
        info = QHBoxLayout()
        info.addWidget(self.source_info, 1)
        info.addWidget(self.mapping_button)
        options = QFormLayout()
        options.addRow("“所在党支部”空着的党员导入到：", self.org)
        modes = QHBoxLayout()
        modes.addWidget(self.update_existing)
        modes.addWidget(self.skip_existing)
        modes.addStretch(1)
        options.addRow("已在库中的党员（按身份证号）：", modes)
        options.addRow("", self.create_orgs)
        summary = QHBoxLayout()
        summary.addWidget(self.counts, 1)
        summary.addWidget(self.only_problems)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rejects_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(info)
        layout.addWidget(self.mapping)
        layout.addLayout(options)
        layout.addLayout(summary)
        layout.addWidget(self.values)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._refresh()

    # --- state ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def options(self) -> ImportOptions:
        return ImportOptions(org_id=self.org.currentData(),
                             update_existing=self.update_existing.isChecked(),
                             create_orgs=self.create_orgs.isChecked(),
                             choices=tuple((k, t, v) for (k, t), v in self.choices.items()))

    def _refresh(self) -> None:
        busy = self.busy
        preview = self.preview if self.batch is None else None
        for widget in (self.choose_button, self.org, self.update_existing, self.skip_existing,
                       self.create_orgs, self.mapping.apply_button, self.values.apply_button):
            widget.setEnabled(not busy)
        self.mapping_button.setEnabled(not busy and self.data is not None)
        self.import_button.setEnabled(not busy and preview is not None and bool(preview.accepted()))
        self.rejects_button.setEnabled(not busy and self.preview is not None and bool(self.preview.rejected()))
        self.undo_button.setVisible(self.batch is not None)
        self.undo_button.setEnabled(not busy and self.batch is not None and self.batch.undone_at is None)
        self.progress.setVisible(busy)
        if self.preview is None:
            self.counts.setText("")
            return
        text = self.preview.summary()
        if self.preview.ignored:
            text += f"另有 {len(self.preview.ignored)} 行不是党员记录，已跳过。"
        doubtful = sum(1 for m in self.preview.mappings if m.doubtful)
        if doubtful:
            text += f"有 {doubtful} 种写法需要在“取值对应”中核对或选择。"
        if self.preview.cleaned:
            text += f"已删除 {self.preview.cleaned} 个单元格中看不见的字符（软连字符、文字方向控制符等）。"
        self.counts.setText(text)

    def _start(self, label: str, func: Callable[[jobs.Token], Any], on_done: Callable[[Any], None],
               writes: bool = False) -> None:
        self.status.setText(label)
        self.progress.setRange(0, 0)
        self.job = jobs.run(func, receiver=self, title="导入党员名册", on_done=on_done, on_error=self._on_error,
                            on_progress=self._on_progress, writes=writes)
        self._refresh()

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_error(self, exc: BaseException) -> None:
        self.status.setText("")
        self._refresh()
        if isinstance(exc, (ValidationError, NotFound)):
            messages.warn(self, "无法导入", str(exc))
        elif isinstance(exc, OSError):
            messages.warn(self, "无法读取文件",
                          f"无法读写文件：{exc.filename or ''}\n{exc.strerror or exc}\n"
                          "如果文件正在 Excel 或 WPS 中打开，请先关闭它。")
        else:
            jobs.show_error(self, "无法导入", exc)  # out of memory, full disk … in words; a bug goes on

    # --- reading and checking ---------------------------------------------------------------------
    def choose_file(self) -> None:
        path = choose_open_file(self)
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Read the file and, when its header is recognised, check every row."""
        self.path.setText(path)
        self.data = self.layout_ = self.preview = self.batch = None
        self.choices = {}
        self.model.set_rows([])
        self.values.hide()
        self.mapping.hide()
        options = self.options()

        def job(token: jobs.Token) -> tuple[SheetData, Layout | None, Preview | None]:
            data = roster_import.read_file(path, progress=token.progress)
            layout = roster_import.remembered_layout(data) or roster_import.detect_layout(data)
            preview = roster_import.build_preview(data, layout, options, token.progress) if layout else None
            return data, layout, preview

        self._start("正在读取和检查……", job, self._file_read)

    def _file_read(self, result: tuple[SheetData, Layout | None, Preview | None]) -> None:
        self.data, self.layout_, preview = result
        if self.layout_ is None:
            self.source_info.setText(f"工作表“{self.data.sheet}”：没有认出表头，请在下面指定各栏目在哪一列。")
            self.mapping.load(self.data, None)
            self.mapping.show()
            self.status.setText("")
            self._refresh()
            return
        self._describe_source()
        self._show(preview)

    def _describe_source(self) -> None:
        assert self.data is not None and self.layout_ is not None
        how = "认出" if self.layout_.recognized else "按指定的列对应读取"
        self.source_info.setText(
            f"工作表“{self.data.sheet}”：{how} {len(self.layout_.columns)} 个栏目，数据从第 "
            f"{self.layout_.first_data_row} 行起。")

    def _show(self, preview: Preview | None) -> None:
        self.preview = preview
        self.model.set_rows(preview.rows if preview else [])
        self.values.load(preview.mappings if preview else [])
        self.values.setVisible(bool(preview and preview.mappings))
        self.status.setText("检查完毕。未通过的行标为红色，把鼠标停在“问题和说明”上可看全文。" if preview else "")
        self._refresh()

    def _toggle_mapping(self) -> None:
        if self.mapping.isVisible():
            self.mapping.hide()
            return
        assert self.data is not None
        self.mapping.load(self.data, self.layout_)
        self.mapping.show()

    def apply_mapping(self) -> None:
        assert self.data is not None
        try:
            layout = roster_import.make_layout(self.mapping.mapping(), self.mapping.first_row.value())
        except ValidationError as exc:
            messages.warn(self, "列对应有误", str(exc))
            return
        if self.mapping.remember.isChecked() and not roster_import.remember_layout(self.data, layout):
            messages.info(self, "无法记住列对应", "数据上方没有表头行，这次的列对应不能自动记住。")
        self.layout_ = layout
        self.mapping.hide()
        self._describe_source()
        self._recheck()

    def apply_values(self) -> None:
        """The clerk's 取值对应 for every row so written, then the whole file checked again."""
        self.choices.update({(k, t): v for k, t, v in self.values.choices()})
        if self.data is not None and self.layout_ is not None and not self.busy and self.batch is None:
            self._recheck()

    def _options_changed(self) -> None:
        if self.data is not None and self.layout_ is not None and not self.busy and self.batch is None:
            self._recheck()

    def _recheck(self) -> None:
        data, layout, options = self.data, self.layout_, self.options()
        assert data is not None and layout is not None
        self._start("正在检查……", lambda token: roster_import.build_preview(data, layout, options, token.progress),
                    self._show)

    # --- writing ------------------------------------------------------------------------------------
    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not preview.accepted():
            return
        if self.values.choices():
            messages.info(self, "取值对应还没有生效", "“取值对应”中有改选的值还没有用来检查，"
                          "请先点“按所选对应重新检查”，看过结果再导入。")
            return
        counts = preview.counts()
        text = f"将新增 {counts['新增']} 名、更新 {counts['更新']} 名党员"
        if preview.new_orgs:
            text += f"，新建 {len(preview.new_orgs)} 个党支部"
        if counts["未通过"]:
            text += f"；未通过的 {counts['未通过']} 行不会导入"
        if not messages.ask(self, "确认导入", text + "。\n\n导入后如发现不对，可以整批撤销。确定导入吗？"):
            return
        self._start("正在导入……", lambda _token: roster_import.commit(preview), self._imported, writes=True)

    def _imported(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.status.setText(f"已导入：新增 {batch.created_count} 名，更新 {batch.updated_count} 名党员。")
        self._refresh()
        messages.info(self, "导入完成", f"已导入：新增 {batch.created_count} 名，更新 {batch.updated_count} 名党员。\n"
                      "如发现不对，可点“撤销这次导入”。")

    def undo_import(self) -> None:
        if self.batch is None or not messages.ask(
                self, "撤销导入", "撤销后，这次导入新增的党员将被删除，被更新的党员恢复原来的信息。确定撤销吗？"):
            return
        try:
            self.batch = roster_import.undo(self.batch.id)
        except (ValidationError, NotFound) as exc:
            messages.warn(self, "不能撤销", str(exc))
            return
        self.status.setText("已撤销这次导入。")
        self._refresh()
        messages.info(self, "已撤销", "已撤销这次导入，数据库恢复到导入前的样子。")

    def save_rejects(self) -> None:
        from ui.exchange.export_actions import choose_save_file, with_suffix

        if self.preview is None or not self.preview.rejected():
            return
        stem = Path(self.preview.source).stem
        path = choose_save_file(self, "保存未通过的行", f"{stem}（未通过）.xlsx")
        if not path:
            return
        path = with_suffix(path)
        try:
            n = roster_import.save_rejects(self.preview, path)
        except OSError as exc:
            messages.warn(self, "无法保存", f"无法保存到“{path}”：{exc.strerror or exc}\n"
                          "如果这个文件正在 Excel 或 WPS 中打开，请先关闭它，或换一个文件名。")
            return
        messages.info(self, "已保存",
                      f"未通过的 {n} 行已保存到：\n{path}\n\n最后一列是原因；改正后可以再次导入这个文件。")

    # --- closing --------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Not while a job runs; Accepted whenever this dialog changed the database, so the
        window knows to reload its lists."""
        if self.busy:
            messages.info(self, "请稍候", "正在处理文件，完成后才能关闭。")
            return
        super().done(QDialog.DialogCode.Accepted if self.batch is not None else result)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter must not import by accident
        super().keyPressEvent(event)
