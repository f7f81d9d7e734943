"""The command line's backup, restore and audit commands, and its fault messages."""
import csv
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env_dir):
    import os

    env = dict(os.environ, XIANFENG_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, check=False)


def members(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM member").fetchone()[0]
    finally:
        con.close()


def test_backup_then_restore(tmp_path):
    db = tmp_path / "t.db"
    assert run("--db", str(db), "demo", "--members", "40", env_dir=tmp_path).returncode == 0
    out = tmp_path / "U盘" / "备份.db"
    r = run("--db", str(db), "backup", "-o", str(out), env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "40 名党员" in r.stdout and out.exists()
    r = run("--db", str(db), "backup", env_dir=tmp_path)  # into the backups folder
    assert r.returncode == 0 and "backups" in r.stdout
    con = sqlite3.connect(db)
    con.execute("DELETE FROM mass_tally")
    con.execute("DELETE FROM mutual_tally")
    con.execute("DELETE FROM attendance")
    con.commit()
    con.close()
    r = run("--db", str(db), "restore", str(out), env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "党员 40 名" in r.stdout and "原数据库已先备份到" in r.stdout
    assert run("--db", str(db), "check", env_dir=tmp_path).returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM mass_tally").fetchone()[0] > 0
    con.close()


def test_restore_refuses_a_foreign_file(tmp_path):
    db = tmp_path / "t.db"
    run("--db", str(db), "demo", "--members", "10", env_dir=tmp_path)
    junk = tmp_path / "照片.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 500)
    r = run("--db", str(db), "restore", str(junk), env_dir=tmp_path)
    assert r.returncode == 2 and "不是先锋台账" in r.stderr
    assert members(db) == 10


def test_damaged_database_points_to_latest_good_backup(tmp_path):
    db = tmp_path / "t.db"
    run("--db", str(db), "demo", "--members", "10", env_dir=tmp_path)
    assert run("--db", str(db), "backup", env_dir=tmp_path).returncode == 0
    with open(db, "r+b") as f:
        f.write(b"\x00" * 64)
    r = run("--db", str(db), "check", env_dir=tmp_path)
    assert r.returncode == 4
    assert "已损坏" in r.stderr and "恢复命令" in r.stderr and "Traceback" not in r.stderr


def test_audit_export(tmp_path):
    db = tmp_path / "t.db"
    run("--db", str(db), "demo", "--members", "10", env_dir=tmp_path)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO audit_entry (at, user, action, entity, entity_id, summary) "
                "VALUES ('2026-07-01 09:30:00', '李文书', '修改', '党员', 3, '=HYPERLINK(\"x\")')")
    con.commit()
    con.close()
    r = run("--db", str(db), "audit", env_dir=tmp_path)
    assert r.returncode == 0 and "李文书" in r.stdout
    out = tmp_path / "日志.csv"
    r = run("--db", str(db), "audit", "-o", str(out), env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["时间", "操作人员", "操作", "对象", "记录编号", "内容"]
    assert rows[1][:5] == ["2026-07-01 09:30:00", "李文书", "修改", "党员", "3"]
    assert rows[1][5] == "'=HYPERLINK(\"x\")"  # never a formula in Excel
    xlsx = tmp_path / "日志.xlsx"
    assert run("--db", str(db), "audit", "-o", str(xlsx), env_dir=tmp_path).returncode == 0
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    assert ws["B2"].value == "李文书" and ws["F2"].data_type == "s"
    r = run("--db", str(db), "audit", "-o", str(tmp_path / "x.pdf"), env_dir=tmp_path)
    assert r.returncode == 2 and ".csv" in r.stderr


def damage_middle(path):
    import random

    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start:start + 8192] = random.Random(7).randbytes(8192)
    path.write_bytes(bytes(data))


def test_check_is_read_only_and_refuses_a_wrong_path(tmp_path):
    db = tmp_path / "t.db"
    run("--db", str(db), "demo", "--members", "30", env_dir=tmp_path)
    before = db.read_bytes()
    r = run("--db", str(db), "check", env_dir=tmp_path)
    assert r.returncode == 0 and "完好" in r.stdout
    assert db.read_bytes() == before
    missing = tmp_path / "没有这个" / "x.db"
    r = run("--db", str(missing), "check", env_dir=tmp_path)
    assert r.returncode == 2 and "不存在" in r.stderr and not missing.parent.exists()


def test_check_runs_while_the_window_holds_the_file(tmp_path):
    db = tmp_path / "t.db"
    run("--db", str(db), "demo", "--members", "20", env_dir=tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys; sys.path.insert(0, sys.argv[2])\n"
        "from models.safety import opening; opening.connect(sys.argv[1])\n"
        "print('ready', flush=True); sys.stdin.readline()\n"), str(db), str(ROOT)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        r = run("--db", str(db), "check", env_dir=tmp_path)
        assert r.returncode == 0, r.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_nothing_is_written_into_a_damaged_database(tmp_path):
    db, roster = tmp_path / "t.db", tmp_path / "名册.xlsx"
    run("--db", str(db), "demo", "--members", "300", env_dir=tmp_path)
    assert run("--db", str(db), "export", "roster", "-o", str(roster), env_dir=tmp_path).returncode == 0
    assert run("--db", str(db), "backup", env_dir=tmp_path).returncode == 0
    damage_middle(db)
    before = db.read_bytes()
    r = run("--db", str(db), "check", env_dir=tmp_path)
    assert r.returncode == 1 and "数据库文件损坏" in r.stdout
    for command in (("import", "roster", str(roster), "--skip-existing"), ("demo", "--members", "5"),
                    ("backup",)):
        r = run("--db", str(db), *command, env_dir=tmp_path)
        assert r.returncode == 4, (command, r.stdout, r.stderr)
        assert "损坏" in r.stderr and "恢复命令" in r.stderr and "Traceback" not in r.stderr
        assert "U盘" not in r.stderr.split("\n")[0], r.stderr  # the cause is the database, not the disk
    assert db.read_bytes() == before


def test_empty_file_is_refused_by_every_command(tmp_path):
    db = tmp_path / "t.db"
    db.write_bytes(b"")
    for command in (("check",), ("demo", "--members", "5"), ("backup",)):
        r = run("--db", str(db), *command, env_dir=tmp_path)
        assert r.returncode == 4 and "是空的" in r.stderr, (command, r.stderr)
    assert db.stat().st_size == 0 and not (tmp_path / "backups").exists()


def test_read_only_folder(read_only_folder, tmp_path):
    """A CD or a write-protected USB stick: `check` reads, a write says so in Chinese."""
    folder, lock = read_only_folder
    db = folder / "t.db"
    assert run("--db", str(db), "demo", "--members", "20", env_dir=tmp_path).returncode == 0
    lock()
    assert not list(folder.glob("t.db-*"))  # closed cleanly: nothing for a reader to need
    r = run("--db", str(db), "check", env_dir=tmp_path)
    assert r.returncode == 0 and "完好" in r.stdout, r.stderr
    r = run("--db", str(db), "demo", "--members", "5", env_dir=tmp_path)
    assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr
    assert "只读" in r.stderr and "请换一个可以写入的位置" in r.stderr, r.stderr
