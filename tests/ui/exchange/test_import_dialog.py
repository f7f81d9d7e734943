"""The import dialog and export actions, driven as a clerk would (files chosen by patched dialogs)."""
from __future__ import annotations

import openpyxl
import pytest

from models.exchange import roster_export
from models.exchange.roster_import import NEW, REJECT, UPDATE
from models.roster import members, organizations
from models.store.tables import Member, Organization
from tests.helpers import make_id, member_data
from tests.models.exchange.test_roster_import import national, person
from ui.exchange import export_actions, import_dialog
from ui.exchange.import_dialog import RosterImportDialog


def wait_idle(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)


@pytest.fixture
def dialog(qtbot, branch):
    d = RosterImportDialog(None, branch.id)
    qtbot.addWidget(d)
    return d


def test_preview_then_import_then_undo(qtbot, dialog, branch, tmp_path, monkeypatch, answer_messages, real_jobs):
    known = members.save(member_data(branch.id, name="李明", id_number=make_id("19800101", "011")))
    rows = [person("李明", make_id("19800101", "011"), mobile="13900000000"),
            person("赵刚", make_id("19800101", "021")),
            person("王强", float(make_id("19750315", "023")), birth_date=None)]
    path = national(tmp_path / "名册.xlsx", rows)
    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: str(path))
    dialog.choose_button.click()
    wait_idle(qtbot, dialog)

    assert dialog.org.currentData() == branch.id
    assert "认出 21 个栏目" in dialog.source_info.text()
    assert [dialog.model.outcome(i).action for i in range(dialog.model.rowCount())] == [UPDATE, NEW, REJECT]
    assert "新增 1 名，更新 1 名，跳过 0 名，未通过 1 名" in dialog.counts.text()
    reject_index = dialog.model.index(2, 5)
    assert dialog.model.data(reject_index).startswith("D6：")
    assert dialog.model.data(reject_index, role=8) is not None  # BackgroundRole: highlighted
    dialog.only_problems.setChecked(True)
    assert dialog.model.rowCount() == 1
    assert dialog.import_button.isEnabled() and dialog.rejects_button.isEnabled()

    dialog.skip_existing.setChecked(True)  # the choice re-checks every row
    wait_idle(qtbot, dialog)
    assert dialog.preview.counts()["跳过"] == 1

    dialog.update_existing.setChecked(True)
    wait_idle(qtbot, dialog)
    dialog.import_button.click()
    wait_idle(qtbot, dialog)
    assert [k for k, *_ in answer_messages.log] == ["ask", "info"]
    assert "将新增 1 名、更新 1 名党员" in answer_messages.log[0][2]
    assert Member.get_by_id(known.id).mobile == "13900000000"
    assert Member.select().count() == 2
    assert not dialog.import_button.isEnabled() and not dialog.undo_button.isHidden()

    dialog.undo_button.click()
    assert Member.select().count() == 1
    assert Member.get_by_id(known.id).mobile == "13812345678"
    assert not dialog.undo_button.isEnabled()
    dialog.close_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted  # the window reloads its lists


def test_closing_waits_for_the_worker(qtbot, dialog, tmp_path, answer_messages, real_jobs):
    dialog.open_file(str(national(tmp_path / "a.xlsx", [person("赵刚", make_id("19800101", "021"))])))
    assert dialog.busy
    dialog.close_button.click()
    assert answer_messages.log[-1][1] == "请稍候"
    wait_idle(qtbot, dialog)
    dialog.close_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected


def test_import_cancelled_at_the_question_writes_nothing(qtbot, dialog, tmp_path, answer_messages):
    dialog.open_file(str(national(tmp_path / "a.xlsx", [person("赵刚", make_id("19800101", "021"))])))
    wait_idle(qtbot, dialog)
    answer_messages.auto = lambda kind, title, text: kind != "ask"
    dialog.import_button.click()
    assert not dialog.busy and Member.select().count() == 0


def test_rejects_saved_through_the_save_dialog(qtbot, dialog, tmp_path, monkeypatch, answer_messages):
    rows = [person("王强", float(make_id("19750315", "023")), birth_date=None)]
    dialog.open_file(str(national(tmp_path / "a.xlsx", rows)))
    wait_idle(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    target = tmp_path / "out" / "未通过"
    target.parent.mkdir()
    monkeypatch.setattr(export_actions, "choose_save_file", lambda parent, caption, name: str(target))
    dialog.rejects_button.click()
    saved = target.with_name("未通过.xlsx")
    ws = openpyxl.load_workbook(saved).active
    assert ws["V3"].value.startswith("D4：")
    assert answer_messages.log[-1][0] == "info" and "1 行" in answer_messages.log[-1][2]


def test_unrecognised_header_asks_for_columns_and_remembers(qtbot, dialog, branch, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["人", "证件", "单位"])
    wb.active.append(["李明", make_id("19800101", "011"), "东风村党支部"])
    wb.save(tmp_path / "odd.xlsx")
    dialog.open_file(str(tmp_path / "odd.xlsx"))
    wait_idle(qtbot, dialog)
    assert dialog.mapping.isVisibleTo(dialog) and dialog.preview is None
    assert "没有认出表头" in dialog.source_info.text()
    combos = dialog.mapping.combos
    assert combos["name"].itemText(1) == "A 列  人"
    combos["name"].setCurrentIndex(1)
    combos["id_number"].setCurrentIndex(2)
    combos["org"].setCurrentIndex(3)
    dialog.mapping.apply_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.preview.counts()[NEW] == 1
    assert dialog.preview.rows[0].values["org_id"] == branch.id

    again = RosterImportDialog(None, None)
    qtbot.addWidget(again)
    again.open_file(str(tmp_path / "odd.xlsx"))
    wait_idle(qtbot, again)
    assert again.preview is not None and "按指定的列对应读取" in again.source_info.text()


def test_create_branches_checkbox(qtbot, dialog, branch, tmp_path):
    rows = [person("李明", make_id("19800101", "011"), org="中共西山村支部委员会")]
    dialog.open_file(str(national(tmp_path / "a.xlsx", rows)))
    wait_idle(qtbot, dialog)
    assert dialog.preview.counts()[REJECT] == 1
    dialog.create_orgs.setChecked(True)
    wait_idle(qtbot, dialog)
    assert dialog.preview.counts()[NEW] == 1
    assert "将新建党支部" in dialog.counts.text()
    dialog.import_button.click()
    wait_idle(qtbot, dialog)
    west = Organization.get(Organization.name == "中共西山村支部委员会")
    assert west.parent_id == branch.parent_id


def test_a_broken_file_is_reported(qtbot, dialog, tmp_path, answer_messages):
    (tmp_path / "bad.xlsx").write_bytes(b"nonsense")
    dialog.open_file(str(tmp_path / "bad.xlsx"))
    wait_idle(qtbot, dialog)
    assert answer_messages.log[-1][0] == "warn" and "已损坏" in answer_messages.log[-1][2]
    assert dialog.preview is None and not dialog.import_button.isEnabled()


def test_large_file_keeps_the_window_responsive(qtbot, dialog, branch, tmp_path, real_jobs):
    rows = [person(f"李{'明刚强伟芳'[i % 5]}", make_id("19800101", f"{i:03d}"),
                   sex="男" if i % 2 else "女") for i in range(1, 600)]
    dialog.open_file(str(national(tmp_path / "big.xlsx", rows)))
    ticks = []
    qtbot.waitUntil(lambda: ticks.append(1) or not dialog.busy, timeout=20000)
    assert len(ticks) > 1  # the event loop kept running while the worker read and checked
    assert dialog.preview.counts()[NEW] == 599


def test_export_roster_and_rows(qtbot, demo_db, tmp_path, monkeypatch, answer_messages):
    target = tmp_path / "名册"
    monkeypatch.setattr(export_actions, "choose_save_file", lambda parent, caption, name: str(target))
    org = organizations.find("红旗村党支部")
    path = export_actions.export_roster(None, org.id)
    assert path == tmp_path / "名册.xlsx"
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == f"{org.name}党员基本信息汇总表"
    assert ws.max_row - 3 == Member.select().where(Member.org == org.id, Member.roll_status == "在册").count()
    assert answer_messages.log[-1][0] == "info"

    path = export_actions.export_rows(None, "表彰名单", ["姓名", "称号"], [["王建国", "优秀共产党员"]])
    assert openpyxl.load_workbook(path).active["A3"].value == "王建国"

    monkeypatch.setattr(export_actions, "choose_save_file", lambda parent, caption, name: "")
    assert export_actions.export_roster(None, org.id) is None  # cancelled

    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export_actions, "choose_save_file", lambda parent, caption, name: str(target))
    monkeypatch.setattr(roster_export, "export_roster", locked)
    assert export_actions.export_roster(None, org.id) is None
    assert answer_messages.log[-1][0] == "warn" and "Excel 或 WPS" in answer_messages.log[-1][2]


def test_value_mappings_shown_once_changed_for_all_rows_and_remembered(qtbot, dialog, branch, tmp_path,
                                                                       answer_messages, real_jobs):
    from models.config import settings

    rows = [person(f"党员{chr(0x4e00 + i)}", make_id("19800101", f"{2 * i + 1:03d}"), education="本科",
                   ethnicity="汉") for i in range(5)]
    rows += [person("张研", make_id("19800101", "901"), education="研究生"),
             person("李研", make_id("19800101", "913"), education="研究生", address="东风村\u200e2 组")]
    dialog.open_file(str(national(tmp_path / "a.xlsx", rows)))
    wait_idle(qtbot, dialog)

    table = dialog.values
    assert not table.isHidden()
    lines = [(table.table.item(r, 0).text(), table.table.item(r, 1).text(), table.combos[r].currentText(),
              table.table.item(r, 3).text()) for r in range(table.table.rowCount())]
    assert ("学历", "本科", "大学", "5") in lines and ("民族", "汉", "汉族", "5") in lines
    assert ("学历", "研究生", "（留空）", "2") in lines  # no guess between 博士 and 硕士
    assert "1 种写法需要在“取值对应”中核对或选择" in dialog.counts.text()
    assert "已删除 1 个单元格中看不见的字符" in dialog.counts.text()
    assert all(dialog.model.outcome(i).action == NEW for i in range(7))  # none refused for it

    table.choose("education", "研究生", "硕士研究生")
    table.apply_button.click()
    wait_idle(qtbot, dialog)
    assert [r.values["education"] for r in dialog.preview.rows[-2:]] == ["硕士研究生", "硕士研究生"]
    assert "需要" not in dialog.counts.text()
    dialog.skip_existing.setChecked(True)  # another recheck keeps the choice
    wait_idle(qtbot, dialog)
    assert dialog.preview.rows[-1].values["education"] == "硕士研究生"

    dialog.import_button.click()
    wait_idle(qtbot, dialog)
    assert Member.get(Member.name == "李研").education == "硕士研究生"
    assert Member.get(Member.name == "李研").address == "东风村2 组"
    assert settings.get("value_mappings")["education"]["研究生"] == "硕士研究生"
