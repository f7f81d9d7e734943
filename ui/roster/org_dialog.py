"""The organization profile form, used both as the 概况 tab and as the 新建组织 dialog."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from models.constants import CARRIER_SUGGESTIONS, CATEGORIES, LEVELS
from models.roster import demo_points, organizations
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.record_dialog import RecordDialog


def org_fields(parent_options: list[tuple[Any, str]]) -> list[Field]:
    return [
        Field("name", "组织全称", required=True, span=2, placeholder="与印章一致，如 中共东风村支部委员会"),
        Field("short_name", "简称", placeholder="如 东风村党支部"),
        Field("level", "组织层级", "choice", LEVELS, required=True),
        Field("parent_id", "上级组织", "org", parent_options),
        Field("category", "组织类别", "choice", [(c.key, c.name) for c in CATEGORIES.values()], required=True),
        Field("strive_theme", "争创主题", "multiline", span=2, tip="类别主题可作参考，也可自拟"),
        Field("carriers", "活动载体", "multiline", span=2, tip="参考：" + "、".join(CARRIER_SUGGESTIONS)),
        Field("secretary", "书记"),
        Field("supervision_phone", "监督电话", tip="印在承诺公示栏上，供群众监督"),
        Field("address", "地址", span=2),
        Field("is_demo_point", "示范点", "check"),
        Field("is_contact_point", "联系点", "check"),
        Field("contact_leader", "联系领导"),
        Field("notes", "备注", "multiline", span=2),
    ]


def parent_options(exclude: int | None = None) -> list[tuple[Any, str]]:
    return [(None, "（无，最上级）")] + [(n.id, n.label) for n in organizations.tree()
                                        if n.level != "党支部" and n.id != exclude]


def nearest_parent(org_id: int | None) -> int | None:
    """The selected organization if it may have organizations under it, else the nearest one
    above it that may (a new user with 东风村党支部 selected got a bare "1" as 上级组织)."""
    allowed = {value for value, _ in parent_options()}
    seen: set[int] = set()
    while org_id is not None and org_id not in allowed and org_id not in seen:
        seen.add(org_id)
        org_id = organizations.get(org_id).parent_id
    return org_id if org_id in allowed else None


DEMO_POINT_LOCKED = ("只有受到“先进基层党组织”表彰的党组织才能确定为示范点（典型带动）。"
                     "请在“表彰”中决定表彰并生成证书编号后，再在这里或“表彰”页确定。")


def make_org_form(owner: QWidget, org_id: int | None) -> Form:
    form = Form(org_fields(parent_options(org_id)), owner,
                validator=lambda data: organizations.validate(data, org_id))
    if not demo_points.may_be_demo_point(org_id):  # the same rule the service enforces
        box = form.widget("is_demo_point")
        box.setEnabled(False)
        box.setToolTip(DEMO_POINT_LOCKED)
    return form


class OrgDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, parent_id: int | None = None) -> None:
        super().__init__("新建党组织", lambda owner: make_org_form(owner, None),
                         lambda data: organizations.save(data), parent)
        # 层级 and 类别 are the clerk's to choose; the parent offered is the selected organization,
        # or, when a 党支部 is selected (it can have none below it), the 党委/党总支 above it
        self.form.load({"parent_id": nearest_parent(parent_id)})
        fit.to_screen(self, 720, 560)
