"""A second copy of the program: refused as a writer, offered a read-only view."""
import subprocess
import sys
import textwrap
from pathlib import Path

import peewee
import pytest

from models.roster import organizations
from models.safety import faults, opening
from models.store import db as dbmod
from models.store import lock as dblock
from models.store.tables import Organization

ROOT = Path(__file__).resolve().parents[3]

HOLDER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[2])
    from models.safety import opening
    opening.connect(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
""")


@pytest.fixture
def other_window(db_path):
    """Another process that has the database open for writing, until the test ends."""
    opening.connect(db_path)
    organizations.save({"name": "中共先锋镇委员会", "level": "党委"})
    dbmod.close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(ROOT)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.stdin.close()
    proc.wait(timeout=10)


def test_second_writer_refused_then_read_only(db_path, other_window):
    assert dblock.in_use_elsewhere(db_path)
    with pytest.raises(dblock.DatabaseInUseError) as info:
        opening.connect(db_path)
    assert "另一个先锋台账窗口正在使用这个数据库" in str(info.value)
    fault = faults.classify(info.value)
    assert fault.kind == faults.IN_USE and fault.offer_read_only
    assert dbmod.current_path() is None  # nothing half-open left behind

    opening.connect(db_path, readonly=True)
    try:
        assert dbmod.is_readonly()
        assert Organization.select().count() == 1
        with pytest.raises(peewee.OperationalError) as info:
            organizations.save({"name": "中共东风村支部委员会", "level": "党支部"})
        fault = faults.classify(info.value)
        assert fault.kind == faults.READ_ONLY_SESSION and "只读" in fault.message
        with pytest.raises(peewee.OperationalError, match="attempt to write a reado"):
            dbmod.database.execute_sql("UPDATE organization SET name = 'x'")
        assert Organization.select().count() == 1
    finally:
        dbmod.close()


def test_lock_released_when_the_other_exits(db_path, other_window):
    other_window.stdin.close()
    other_window.wait(timeout=10)
    assert not dblock.in_use_elsewhere(db_path)
    opening.connect(db_path)
    try:
        assert dblock.held(db_path)
        organizations.save({"name": "中共东风村支部委员会", "level": "党支部"})
    finally:
        dbmod.close()
    assert not dblock.held(db_path)


def test_killed_holder_leaves_no_stale_lock(db_path, other_window):
    other_window.kill()
    other_window.wait(timeout=10)
    assert db_path.with_name(db_path.name + ".lock").exists()  # the file stays; it means nothing
    opening.connect(db_path)
    dbmod.close()


def test_same_process_may_reconnect(db_path):
    opening.connect(db_path)
    opening.connect(db_path)  # re-entrant: the window reopening after a restore
    assert dblock.held(db_path)
    dbmod.close()
    assert not dblock.held(db_path)


def test_read_only_refuses_old_newer_and_missing(db_path, tmp_path):
    from models.errors import ValidationError
    from models.store import migrations
    from tests.models.store.old_files import make_v1

    with pytest.raises(ValidationError, match="找不到"):
        opening.connect(tmp_path / "none.db", readonly=True)
    make_v1(db_path)
    with pytest.raises(ValidationError, match="只读方式不能升级"):
        opening.connect(db_path, readonly=True)
    import sqlite3

    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    con.commit()
    con.close()
    with pytest.raises(migrations.NewerSchemaError, match="这个数据库由较新版本的先锋台账创建（数据结构版本"):
        opening.connect(db_path, readonly=True)
    assert dbmod.current_path() is None
