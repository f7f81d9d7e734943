"""数据包 on the command line: a township and two villages exchange through `exchange`."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASS = "镇村口令-2026"


def run(*args, tmp, passphrase: str | None = PASS, env_pass: bool = False):
    env = dict(os.environ, XIANFENG_DATA_DIR=str(tmp / "data"))
    env.pop("XIANFENG_PASSPHRASE", None)
    extra: list[str] = []
    if passphrase is not None and env_pass:
        env["XIANFENG_PASSPHRASE"] = passphrase
    elif passphrase is not None:
        key = tmp / "口令.txt"
        key.write_text(passphrase + "\n", encoding="utf-8")
        extra = ["--passphrase-file", str(key)]
    if args[2:3] == ("exchange",) and args[3] in ("export", "import"):
        args = (*args, *extra)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=180)


def _db(tmp: Path, name: str) -> tuple[str, str]:
    return "--db", str(tmp / f"{name}.db")


def _mobile(tmp: Path, name: str, member: str) -> str:
    con = sqlite3.connect(tmp / f"{name}.db")
    try:
        return con.execute("SELECT mobile FROM member WHERE name = ? ORDER BY id", (member,)).fetchone()[0]
    finally:
        con.close()


def _edit(tmp: Path, name: str, sql: str, *params) -> None:
    con = sqlite3.connect(tmp / f"{name}.db")
    with con:
        con.execute(sql, params)
    con.close()


def test_township_and_two_villages_exchange_through_the_command_line(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    t = _db(tmp_path, "township")
    assert run(*t, "demo", "--members", "80", tmp=tmp_path).returncode == 0
    packages = {}
    for village, org in (("hongqi", "红旗村党支部"), ("liuhe", "柳河村党支部")):
        r = run(t[0], t[1], "exchange", "export", "--org", org, "--all", "-o", str(usb), tmp=tmp_path)
        assert r.returncode == 0, r.stderr
        assert f"给{org}" in r.stdout
        packages[village] = next(usb.glob(f"先锋台账数据包_{org}_*.xfpkg"))
        v = _db(tmp_path, village)
        r = run(v[0], v[1], "exchange", "import", str(packages[village]), "--dry-run", tmp=tmp_path)
        assert r.returncode == 0 and "以上为预览，数据库未改动" in r.stdout and "党员：新增" in r.stdout, r.stderr
        r = run(v[0], v[1], "exchange", "import", str(packages[village]), tmp=tmp_path, env_pass=True)
        assert r.returncode == 0 and "已接收" in r.stdout, r.stderr
        r = run(v[0], v[1], "exchange", "import", str(packages[village]), tmp=tmp_path)
        assert r.returncode == 0 and "已经接收过" in r.stdout
        r = run(v[0], v[1], "exchange", "site", tmp=tmp_path)
        assert f"本机：{org}的电脑；角色：党支部" in r.stdout
    # Each village changes a member's mobile and sends its quarter up.
    con = sqlite3.connect(tmp_path / "hongqi.db")
    hq_name = con.execute("SELECT name FROM member ORDER BY id").fetchone()[0]
    con.close()
    _edit(tmp_path, "hongqi", "UPDATE member SET mobile = '13811112222' WHERE name = ?", hq_name)
    con = sqlite3.connect(tmp_path / "liuhe.db")
    lh_name = con.execute("SELECT name FROM member ORDER BY id").fetchone()[0]
    con.close()
    _edit(tmp_path, "liuhe", "UPDATE member SET mobile = '13833334444' WHERE name = ?", lh_name)
    for village in ("hongqi", "liuhe"):
        out = tmp_path / f"{village}.xfpkg"
        r = run(*_db(tmp_path, village), "exchange", "export", "-o", str(out), tmp=tmp_path)
        assert r.returncode == 0 and "党员 1 条" in r.stdout, r.stdout + r.stderr
        r = run(*t, "exchange", "import", str(out), tmp=tmp_path)
        assert r.returncode == 0 and "党员：更新 1" in r.stdout, r.stdout + r.stderr
    assert _mobile(tmp_path, "township", hq_name) == "13811112222"
    assert _mobile(tmp_path, "township", lh_name) == "13833334444"
    r = run(*t, "audit", "-n", "10", tmp=tmp_path)
    assert r.stdout.count("接收数据包") == 2 and r.stdout.count("生成数据包") == 2


def test_conflicts_are_listed_and_exported(tmp_path):
    t, v = _db(tmp_path, "township"), _db(tmp_path, "village")
    run(*t, "demo", "--members", "40", tmp=tmp_path)
    pkg = tmp_path / "down.xfpkg"
    run(*t, "exchange", "export", "--org", "红旗村党支部", "--all", "-o", str(pkg), tmp=tmp_path)
    run(*v, "exchange", "import", str(pkg), tmp=tmp_path)
    con = sqlite3.connect(tmp_path / "village.db")
    name = con.execute("SELECT name FROM member ORDER BY id").fetchone()[0]
    con.close()
    _edit(tmp_path, "township", "UPDATE member SET mobile = '13500000000' WHERE name = ?", name)
    _edit(tmp_path, "village", "UPDATE member SET mobile = '13511111111' WHERE name = ?", name)
    up = tmp_path / "up.xfpkg"
    run(*v, "exchange", "export", "-o", str(up), tmp=tmp_path)
    r = run(*t, "exchange", "import", str(up), tmp=tmp_path)
    assert r.returncode == 1, r.stderr  # taken in, but the clerk has conflicts to look at
    assert f"冲突：红旗村党支部 党员 {name} 手机：本机“13500000000”，数据包“13511111111”" in r.stdout
    assert _mobile(tmp_path, "township", name) == "13500000000"
    xlsx = tmp_path / "冲突.xlsx"
    r = run(*t, "exchange", "conflicts", "-o", str(xlsx), tmp=tmp_path)
    assert r.returncode == 0 and "已导出 1 条冲突" in r.stdout
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("红旗村党支部", f"党员 {name}", "手机", "13500000000", "13511111111")
    # listed with a number, decided by it, and the decision goes down with the next package
    r = run(*t, "exchange", "conflicts", tmp=tmp_path)
    header, line = r.stdout.splitlines()[:2]
    assert header.split("\t")[:4] == ["编号", "组织", "记录", "字段"] and "exchange decide" in r.stderr
    number = line.split("\t")[0]
    r = run(*t, "exchange", "decide", "采用数据包", number, tmp=tmp_path)
    assert r.returncode == 0 and "已处理 1 条冲突：采用数据包的值" in r.stdout, r.stderr
    assert _mobile(tmp_path, "township", name) == "13511111111"
    r = run(*t, "exchange", "decide", "保留本机", "--all", tmp=tmp_path)
    assert r.returncode != 0 and "请先选择要处理的冲突" in r.stderr
    down = tmp_path / "down2.xfpkg"
    run(*t, "exchange", "export", "--org", "红旗村党支部", "-o", str(down), tmp=tmp_path)
    r = run(*v, "exchange", "import", str(down), tmp=tmp_path)
    assert r.returncode == 0 and "冲突" not in r.stdout, r.stdout
    assert _mobile(tmp_path, "village", name) == "13511111111"


def test_refusals_are_chinese_with_exit_code_2_and_write_nothing(tmp_path):
    t, v = _db(tmp_path, "township"), _db(tmp_path, "village")
    run(*t, "demo", "--members", "30", tmp=tmp_path)
    pkg = tmp_path / "p.xfpkg"
    r = run(*t, "exchange", "export", "--org", "红旗村党支部", "-o", str(pkg), tmp=tmp_path, passphrase=None)
    assert r.returncode == 2 and "请给出数据包口令" in r.stderr and not pkg.exists()
    run(*t, "exchange", "export", "--org", "红旗村党支部", "--all", "-o", str(pkg), tmp=tmp_path)
    r = run(*v, "exchange", "import", str(pkg), tmp=tmp_path, passphrase="错误的口令")
    assert r.returncode == 2 and "口令不对" in r.stderr
    con = sqlite3.connect(tmp_path / "village.db")
    assert con.execute("SELECT COUNT(*) FROM member").fetchone()[0] == 0
    con.close()
    bad = tmp_path / "bad.xfpkg"
    bad.write_bytes(pkg.read_bytes()[:-10])
    r = run(*v, "exchange", "import", str(bad), tmp=tmp_path)
    assert r.returncode == 2 and "损坏或被改动" in r.stderr
    r = run(*t, "exchange", "export", "--org", "没有这个支部", "-o", str(tmp_path), tmp=tmp_path)
    assert r.returncode == 2 and "没有名为“没有这个支部”的组织" in r.stderr
