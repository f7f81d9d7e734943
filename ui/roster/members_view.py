"""The 党员 tab: the roster of the selected organization (and its sub-organizations)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QVBoxLayout, QWidget

from models.roster import members, organizations
from models.roster.idcard import mask_id
from printing.privacy import mask_private
from ui.roster.member_dialog import MemberDialog
from ui.roster.status_dialog import StatusDialog
from ui.widgets import messages
from ui.widgets.list_panel import ListPanel
from ui.widgets.table_model import Column

C = {name: i for i, name in enumerate(members.LIST_COLUMNS)}


def mask_mobile(value: str | None) -> str:
    """138****5678, the printouts' rule (printing.privacy). A saved mobile is always 11 digits
    (models.fields.mobile), so the list of 30,000 slices it; anything else takes the full rule."""
    if not value:
        return ""
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[-4:]
    return mask_private(value)


class MembersView(QWidget):
    STATUS_COLUMN = 9  # 状态, where a member who left says where to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id: int | None = None
        self._org_names: dict[int, str] = {}
        columns = [
            Column("姓名", C["name"], sort_index=C["stroke_key"]),
            Column("性别", C["sex"]),
            Column("出生日期", C["birth_date"]),
            Column("公民身份证号", C["id_number"], fmt=lambda v: mask_id(v) if v else "", search_raw=True),
            Column("人员类别", C["kind"]),
            Column("党内职务", C["party_post"]),
            Column("工作岗位", C["job"]),
            Column("学历", C["education"]),
            # masked like the ID numbers (138****5678): the list is on screen for anyone at the
            # desk to see; the member form shows the whole number, the full number still finds
            Column("手机号", C["mobile"], fmt=mask_mobile, search_raw=True),
            Column("状态", C["roll_status"]),
            Column("所在党组织", C["org"], fmt=lambda v: self._org_names.get(v, "")),
        ]
        self.panel = ListPanel(columns, "输入姓名、身份证号、职务等搜索", self, default_sort=0)
        self.panel.fit_columns((5, 2.5, 6, 11, 5, 5, 9, 5, 7, 4, 9))
        self.panel.add_button("新增党员", self.add, "Ctrl+N")
        self.panel.add_button("修改", self.edit_current)
        self.panel.add_button("组织关系/党籍变动…", self.change_status)
        self.panel.finish_buttons()
        self.show_all = QCheckBox("显示已离开的党员（转出、转到本镇其他党支部、停止党籍、去世）", self)
        self.show_all.toggled.connect(lambda _c: self.reload())
        self.panel.buttons.addWidget(self.show_all)
        self.panel.activated.connect(lambda row: self.edit(row[C["id"]]))
        # who is not in the list and why, above it: a member who was 转出 must not just vanish
        self.left_note = QLabel(self)
        self.left_note.setWordWrap(True)
        self.left_note.linkActivated.connect(lambda _link: self.show_all.setChecked(True))
        self.left_note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.left_note)
        layout.addWidget(self.panel)

    def show_org(self, org_id: int | None) -> None:
        self.org_id = org_id
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if self.org_id is None:
            self.panel.set_rows([])
            return
        self._org_names = {n.id: n.label for n in organizations.tree()}
        ids = organizations.subtree_ids(self.org_id)
        gone = members.departures(ids)
        if self.show_all.isChecked():
            rows = members.list_rows(ids)
            here = {row[C["id"]] for row in rows}
            moved = [mid for mid in gone if mid not in here]
            rows += members.list_rows(member_ids=moved) if moved else []
            status = C["roll_status"]
            rows = [(*row[:status], gone[row[C["id"]]], *row[status + 1:]) if row[C["id"]] in gone else row
                    for row in rows]
        else:
            rows = members.list_rows(ids, on_roll_only=True)
        self._say_who_left(gone)
        self.panel.set_rows(rows)
        self._fit_status(gone if self.show_all.isChecked() else {})
        if select_id is not None:
            self.panel.select_where(lambda row: row[C["id"]] == select_id)

    def _fit_status(self, gone: dict[int, str]) -> None:
        """The 状态 column widens to the longest 去向 shown (within reason), else back to 在册's width."""
        em = self.fontMetrics().horizontalAdvance("中")
        chars = min(24, max((len(text) for text in gone.values()), default=0))
        self.panel.table.setColumnWidth(self.STATUS_COLUMN, int(em * max(4, chars)) + 16)

    def _say_who_left(self, gone: dict[int, str]) -> None:
        if not gone:
            self.left_note.hide()
            return
        kinds: dict[str, int] = {}
        for text in gone.values():
            kind = "转到本镇其他党支部" if text.startswith("已转至") else text.split("（")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
        parts = "、".join(f"{kind} {n} 人" for kind, n in kinds.items())
        if self.show_all.isChecked():
            self.left_note.setText(f"列表中含已离开的党员 {len(gone)} 人（{parts}），“状态”一栏写明去向。")
        else:
            self.left_note.setText(f"另有 {len(gone)} 名党员已不在本名册（{parts}）。"
                                   "<a href='show'>显示他们和去向</a>")
        self.left_note.show()

    def add(self) -> None:
        if self.org_id is None:
            messages.info(self, "新增党员", "请先在左侧选择党员所在的党组织。")
            return
        dialog = MemberDialog(self, org_id=self.org_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(dialog.result_value.id)

    def edit(self, member_id: int) -> None:
        dialog = MemberDialog(self, member_id=member_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(member_id)

    def edit_current(self) -> None:
        row = self.panel.current()
        if row is None:
            messages.info(self, "修改", "请先在列表中选中一名党员。")
            return
        self.edit(row[C["id"]])

    def change_status(self) -> None:
        row = self.panel.current()
        if row is None:
            messages.info(self, "组织关系/党籍变动", "请先在列表中选中一名党员。")
            return
        if StatusDialog(self, row[C["id"]]).exec() == QDialog.DialogCode.Accepted:
            self.reload(row[C["id"]])
