"""Start and exit: second copy → read-only, damaged file → latest good backup, others → words."""
import subprocess
import sys
import textwrap
from pathlib import Path

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
