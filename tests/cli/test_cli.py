"""The batch command line: demo, check, errors in Chinese with a non-zero exit."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env_dir):
    import os

    env = dict(os.environ, XIANFENG_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_demo_then_check(tmp_path):
    db = tmp_path / "t.db"
    r = run("--db", str(db), "demo", "--members", "120", env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "120 名党员" in r.stdout
    r = run("--db", str(db), "check", env_dir=tmp_path)
    assert r.returncode == 0 and "完好" in r.stdout
    r = run("--db", str(db), "demo", env_dir=tmp_path)  # refuses a non-empty database
    assert r.returncode != 0 and "已有数据" in r.stderr


def test_check_reports_broken_rules(tmp_path):
    import sqlite3

    db = tmp_path / "t.db"
    run("--db", str(db), "demo", "--members", "30", env_dir=tmp_path)
    con = sqlite3.connect(db)
    con.execute("UPDATE member SET full_date = '1900-01-01' WHERE id = 1")
    con.execute("UPDATE pledge_item SET state = '未兑现', reason = '' WHERE id = 1")
    con.commit()
    con.close()
    r = run("--db", str(db), "check", env_dir=tmp_path)
    assert r.returncode == 1
    assert "转为正式党员日期" in r.stdout and "未兑现" in r.stdout


def test_help_and_bad_arguments_in_chinese(tmp_path):
    r = run("--help", env_dir=tmp_path)
    assert r.returncode == 0 and "demo" in r.stdout and "check" in r.stdout and "用法" in r.stdout
    r = run("demo", "--members", "abc", env_dir=tmp_path)
    assert r.returncode == 2 and "错误" in r.stderr


def test_demo_is_written_as_of_the_date_given(tmp_path):
    """`demo --today`: the same township whatever the calendar says (the benchmarks rely on it);
    in May only the first quarter's review is held, in December all four are."""
    import sqlite3

    def quarters(day: str) -> list[tuple]:
        db = tmp_path / f"{day}.db"
        r = run("--db", str(db), "demo", "--members", "40", "--today", day, env_dir=tmp_path)
        assert r.returncode == 0, r.stderr
        con = sqlite3.connect(db)
        rows = con.execute("SELECT DISTINCT year, quarter FROM review ORDER BY 1, 2").fetchall()
        names = con.execute("SELECT name, id_number FROM member ORDER BY id").fetchall()
        con.close()
        return [rows, names]

    may, december = quarters("2026-05-10"), quarters("2026-12-01")
    # the previous year is a finished one (its fourth quarter, models/demo_finished.py) either way
    assert may[0] == [(2025, 4), (2026, 1), (2026, 2)]
    assert december[0] == [(2025, 4), *[(2026, q) for q in (1, 2, 3, 4)]]
    assert may[1] == december[1]  # the same people
    r = run("--db", str(tmp_path / "x.db"), "demo", "--today", "2026-13-01", env_dir=tmp_path)
    assert r.returncode == 2 and "日期 '2026-13-01' 无效" in r.stderr
