"""备份与恢复 and 操作日志 dialogs: file choosers and message boxes are answered by the test."""
from models.roster import members
from models.safety import backup, opening
from models.store import db as dbmod
from models.store.tables import Member
from tests.helpers import member_data
from ui.safety import audit_view, backup_dialog
from ui.safety.audit_view import AuditLogDialog
from ui.safety.backup_dialog import BackupRestoreDialog


def test_backup_to_a_chosen_file(qtbot, db, db_path, branch, tmp_path, monkeypatch, answer_messages):
    dest = tmp_path / "U盘" / "备份"
    monkeypatch.setattr(backup_dialog, "choose_save_file", lambda parent, name: str(dest))
    d = BackupRestoreDialog(None, db_path)
    qtbot.addWidget(d)
    assert d.backup_to_file() is not None
    written = dest.with_suffix(".db")
    assert written.exists()
    assert backup.inspect_backup(written).organizations == 2
    assert answer_messages.log[-1][:2] == ("info", "备份完成")


def test_restore_selected_after_asking(qtbot, db, db_path, branch, answer_messages, real_jobs):
    """On a worker thread, as in the window: the file is replaced under the main thread's
    connection, which opens again on the restored file."""
    backup.automatic(db_path, "exit", force=True)
    members.save(member_data(branch.id))
    d = BackupRestoreDialog(None, db_path)
    qtbot.addWidget(d)
    assert d.list.count() == 1 and "退出时" in d.list.item(0).text()
    assert "党员 0 名" in d.details.text()
    with qtbot.waitSignal(d.restored, timeout=30_000):
        assert d.restore_selected()
        assert not d.isEnabled()  # while restoring
    asked = [m for m in answer_messages.log if m[0] == "ask"]
    assert asked and "党员 0 名" in asked[0][2] and "自动备份当前数据库" in asked[0][2]
    assert Member.select().count() == 0
    assert d.list.count() == 2  # the replaced state is now a backup too
    assert "恢复前" in d.list.item(0).text()


def test_restore_declined_changes_nothing(qtbot, db, db_path, branch, answer_messages):
    backup.automatic(db_path, "exit", force=True)
    members.save(member_data(branch.id))
    answer_messages.auto = lambda kind, title, text: kind != "ask"
    d = BackupRestoreDialog(None, db_path)
    qtbot.addWidget(d)
    assert not d.restore_selected()
    assert Member.select().count() == 1 and len(backup.list_backups(db_path)) == 1


def test_foreign_file_refused_in_words(qtbot, db, db_path, tmp_path, monkeypatch, answer_messages):
    junk = tmp_path / "通知.docx"
    junk.write_bytes(b"PK\x03\x04" + b"x" * 300)
    monkeypatch.setattr(backup_dialog, "choose_open_file", lambda parent: str(junk))
    d = BackupRestoreDialog(None, db_path)
    qtbot.addWidget(d)
    assert not d.restore_from_file()
    kind, title, text = answer_messages.log[-1]
    assert (kind, title) == ("warn", "不能恢复") and "不是先锋台账" in text


def test_read_only_window_cannot_restore(qtbot, db, db_path, answer_messages):
    dbmod.close()
    opening.connect(db_path, readonly=True)
    d = BackupRestoreDialog(None, db_path)
    qtbot.addWidget(d)
    assert not d.restore_file_button.isEnabled() and not d.restore_button.isEnabled()
    assert d.backup_button.isEnabled()


def test_labels_of_backup_names(tmp_path):
    assert backup_dialog.label_for(tmp_path / "x-00003-20260701-093000-before-restore.db") == "2026-07-01 09:30　恢复前"
    assert backup_dialog.label_for(tmp_path / "x-00004-20260702-080000-v1.db") == "2026-07-02 08:00　升级前（版本 1）"
    assert backup_dialog.label_for(tmp_path / "其他.db") == "其他.db"


def test_audit_log_dialog_lists_and_exports(qtbot, db, branch, tmp_path, monkeypatch, answer_messages):
    members.save(member_data(branch.id, name="王𠮷"))
    d = AuditLogDialog(None)
    qtbot.addWidget(d)
    assert d.panel.model.rowCount() == 3  # two organizations and a member
    assert d.panel.model.row_tuple(0)[2:4] == ("新增", "党员")
    out = tmp_path / "日志"
    monkeypatch.setattr(audit_view, "choose_save_file", lambda parent, name: str(out))
    written = d.export()
    assert written == tmp_path / "日志.xlsx" and written.exists()
    assert answer_messages.log[-1][:2] == ("info", "导出完成")
