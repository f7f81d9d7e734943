"""Start and exit: second copy → read-only, damaged file → latest good backup, others → words."""
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models import demo
from models.safety import backup, opening
from models.store import db as dbmod
from models.store.tables import Member
from ui.open_database import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]


def test_normal_start_backs_up_and_exit_keeps_a_copy(db_path, answer_messages):
    assert open_database(None, db_path) is False
    demo.fill(members=10)
    copy = close_database(None, db_path)
    assert copy is not None and dbmod.current_path() is None
    assert open_database(None, db_path) is False  # unchanged since the exit copy: no new one
    assert backup.list_backups(db_path) == [copy]
    dbmod.close()


def test_second_copy_offered_read_only(db_path, answer_messages):
    opening.connect(db_path)
    dbmod.close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys; sys.path.insert(0, sys.argv[2])
        from models.safety import opening; opening.connect(sys.argv[1])
        print("ready", flush=True); sys.stdin.readline()
    """), str(db_path), str(ROOT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert open_database(None, db_path) is True
        assert dbmod.is_readonly()
        assert "只读方式打开" in answer_messages.log[-1][2]
        assert close_database(None, db_path) is None  # nothing to back up from a viewer
        answer_messages.auto = lambda kind, title, text: False
        assert open_database(None, db_path) is None
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_damaged_file_restored_from_latest_good_backup(db_path, answer_messages):
    opening.connect(db_path)
    demo.fill(members=15)
    close_database(None, db_path)
    with open(db_path, "r+b") as f:
        f.write(b"\x00" * 100)
    assert open_database(None, db_path) is False
    assert Member.select().count() == 15
    kinds = [m[:2] for m in answer_messages.log]
    assert ("ask", "数据库已损坏") in kinds and ("info", "恢复完成") in kinds
    dbmod.close()


def test_damaged_without_backup_or_newer_file_stops(db_path, tmp_path, answer_messages):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00" * 4096)
    assert open_database(None, bad) is None
    assert answer_messages.log[-1][0] == "error" and "没有找到可用的自动备份" in answer_messages.log[-1][2]
    opening.connect(db_path)
    dbmod.database.execute_sql("PRAGMA user_version = 99")
    dbmod.close()
    assert open_database(None, db_path) is None
    assert "较新版本" in answer_messages.log[-1][2]


def _damage_middle(path):
    import random

    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start:start + 8192] = random.Random(7).randbytes(8192)
    path.write_bytes(bytes(data))


def test_damaged_pages_found_beside_the_open_window_refuse_every_write(db_path, answer_messages, qtbot):
    """The window opens at once and the start copy checks the file beside it: damaged pages
    found then shut the gate, so no save reaches the file, and the clerk is told and asked."""
    from models.roster import members
    from models.safety import faults, start_copy
    from models.safety.probe import DamagedFileError
    from tests.helpers import member_data
    from ui.main_window import MainWindow
    from ui.open_database import report_start_copy

    opening.connect(db_path)
    demo.fill(members=300)
    dbmod.close()  # no exit copy: there is no backup to offer
    _damage_middle(db_path)
    before = db_path.read_bytes()
    assert open_database(None, db_path) is False
    window = MainWindow(str(db_path))
    qtbot.addWidget(window)
    answer_messages.auto = lambda kind, title, text: False  # not now: no restore dialog
    report_start_copy(window)
    qtbot.waitUntil(lambda: ("ask", "数据库已损坏") in [m[:2] for m in answer_messages.log], timeout=30000)
    assert "只读：数据库文件已损坏" in window.windowTitle()
    assert start_copy.current() is not None and isinstance(start_copy.current().error, DamagedFileError)
    with pytest.raises(DamagedFileError, match="有损坏的部分") as refused:
        members.save(member_data(org_id=1))
    fault = faults.classify(refused.value)
    assert fault is not None and fault.offer_restore and "恢复" in fault.advice
    with pytest.raises(DamagedFileError):  # the gate stays shut
        dbmod.database.execute_sql("UPDATE organization SET name = name")
    dbmod.close()
    assert db_path.read_bytes() == before
    assert not backup.list_backups(db_path)  # no "verified" copy of a damaged file


def test_damaged_file_opened_by_the_command_line_is_refused_before_any_write(db_path):
    from models.safety.probe import DamagedFileError

    opening.connect(db_path)
    demo.fill(members=300)
    dbmod.close()
    _damage_middle(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DamagedFileError, match="有损坏的部分"):
        opening.connect(db_path)
    assert db_path.read_bytes() == before


def test_empty_file_with_a_backup_is_restored(db_path, answer_messages):
    opening.connect(db_path)
    demo.fill(members=12)
    close_database(None, db_path)
    db_path.write_bytes(b"")
    assert open_database(None, db_path) is False
    assert Member.select().count() == 12 and ("ask", "数据库是空的") in [m[:2] for m in answer_messages.log]
    dbmod.close()


def test_empty_file_without_backup_is_kept_aside_and_a_new_one_made(db_path, answer_messages):
    db_path.write_bytes(b"")
    assert open_database(None, db_path) is False
    assert Member.select().count() == 0
    assert [p for p in db_path.parent.iterdir() if p.name.startswith("test.db.") and p.name.endswith(".bad")]
    dbmod.close()
    answer_messages.auto = lambda kind, title, text: False
    db_path.unlink()
    db_path.write_bytes(b"")
    assert open_database(None, db_path) is None and db_path.stat().st_size == 0
