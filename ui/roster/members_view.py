"""The 党员 tab: the roster of the selected organization (and its sub-organizations)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QVBoxLayout, QWidget

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
        self.show_all = QCheckBox("显示已转出、停止党籍和去世的党员", self)
        self.show_all.toggled.connect(lambda _c: self.reload())
        self.panel.buttons.addWidget(self.show_all)
        self.panel.activated.connect(lambda row: self.edit(row[C["id"]]))
        layout = QVBoxLayout(self)
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
        self.panel.set_rows(members.list_rows(ids, on_roll_only=not self.show_all.isChecked()))
        if select_id is not None:
            self.panel.select_where(lambda row: row[C["id"]] == select_id)

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
