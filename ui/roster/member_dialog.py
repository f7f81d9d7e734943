"""The member form: every column of the national roster, checked as the clerk types."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from models.constants import EDUCATIONS, ETHNICITIES, JOBS, MEMBER_KINDS, PARTY_STATUSES, SEXES
from models.errors import ValidationError
from models.roster import idcard, members, organizations
from ui.widgets import fit
from ui.widgets.form import Field, Form
from ui.widgets.record_dialog import RecordDialog


def member_fields(org_options: list[tuple[int, str]]) -> list[Field]:
    return [
        Field("name", "姓名", required=True, placeholder="如 王建国"),
        Field("org_id", "所在党组织", "org", org_options, required=True),
        Field("id_number", "公民身份证号", placeholder="18 位，末位可为 X",
              tip="填写后自动核对校验位，并据此填出性别和出生日期"),
        Field("sex", "性别", "choice", SEXES, tip="空着则按身份证号自动填写"),
        Field("birth_date", "出生日期", "date", tip="空着则按身份证号自动填写"),
        Field("ethnicity", "民族", "choice", ETHNICITIES),
        Field("education", "学历", "choice", EDUCATIONS),
        Field("kind", "人员类别", "choice", MEMBER_KINDS, required=True),
        Field("join_date", "加入党组织日期", "date"),
        Field("full_date", "转为正式党员日期", "date"),
        Field("job", "工作岗位", "editable_choice", JOBS),
        Field("party_post", "党内职务", "editable_choice", ("", "书记", "副书记", "组织委员", "宣传委员", "纪检委员")),
        Field("mobile", "手机号", tip="个人隐私：不会出现在任何公示材料上"),
        Field("phone", "固定电话"),
        Field("address", "家庭住址", span=2),
        Field("party_status", "党籍状态", "choice", PARTY_STATUSES, required=True),
        Field("is_party_worker", "党务工作者", "check"),
        Field("is_lost", "失联党员", "check"),
        Field("lost_date", "失去联系日期", "date"),
        Field("is_mobile", "流动党员", "check"),
        Field("mobile_destination", "外出流向"),
        Field("is_hardship", "困难党员", "check"),
        Field("notes", "备注", "multiline", span=2),
    ]


def org_options() -> list[tuple[int, str]]:
    return [(n.id, n.label) for n in organizations.tree()]


class MemberDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, member_id: int | None = None, org_id: int | None = None) -> None:
        self.member_id = member_id

        def make_form(owner: QWidget) -> Form:
            return Form(member_fields(org_options()), owner,
                        validator=lambda data: members.validate(data, member_id))

        title = "新增党员" if member_id is None else "修改党员信息"
        super().__init__(title, make_form, self._save_member, parent)
        if member_id is not None:
            self.form.load(members.as_form(members.get(member_id)))
        else:
            # Only what is known: the organization selected, and 正常 (a stopped membership is
            # recorded later as a dated 党籍变动, never typed in). 人员类别, 民族, 工作岗位 … start
            # blank — a pre-filled 公务员 saved farmers as civil servants.
            self.form.load({"org_id": org_id, "party_status": "正常"})
        self._derived = self._from_id(self.form.values()["id_number"])
        self.form.widget("id_number").textChanged.connect(self._id_typed)
        if member_id is not None:
            self._show_honours(member_id)
        fit.to_screen(self, 760, 620)

    def _show_honours(self, member_id: int) -> None:
        """荣誉: read-only, newest first; awards are recorded in 表彰, never typed in here."""
        from PySide6.QtWidgets import QLabel

        from models.commendation.nominations import honours

        rows = honours(member_id=member_id)
        if rows:
            label = QLabel("荣誉：" + "；".join(f"{h.year}年度“{h.title}”（{h.level}，{h.certificate_no}）"
                                              for h in rows), self)
            label.setObjectName("honours")
            label.setWordWrap(True)
            label.setStyleSheet("color: #8a1c1c; background: #fbf3e4; padding: 6px; border-radius: 4px;")
            self.layout().insertWidget(0, label)

    @staticmethod
    def _from_id(text: str) -> dict[str, Any]:
        """性别 and 出生日期 a valid ID number gives; nothing for one still being typed."""
        try:
            card = idcard.parse_id(text)
        except ValidationError:
            return {"sex": "", "birth_date": ""}
        return {"sex": card.sex, "birth_date": card.birth_date.isoformat()}

    def _id_typed(self, text: str) -> None:
        """Fill 性别 and 出生日期 as soon as the ID is valid, so the clerk sees them before 保存.

        Only a field that is blank or still shows what the previous ID gave follows the ID; one
        the clerk typed differently is left for the check to flag (性别与身份证号不符).
        """
        derived = self._from_id(text)
        values = self.form.values()
        for key, value in derived.items():
            if values[key] in ("", None, self._derived[key]) and values[key] != value:
                self.form.set_value(key, value)
        self._derived = derived

    def _save_member(self, data: dict[str, Any]) -> Any:
        return members.save(data, self.member_id)
