"""The command line's import / export: messages in Chinese, exit codes a script can test."""
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from models.safety import opening

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env_dir):
    env = dict(os.environ, XIANFENG_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def members_in(path):
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM member").fetchone()[0]
    finally:
        con.close()


def township(path, env_dir, monkeypatch):
    """A database holding only the township committee."""
    from models.roster import organizations
    from models.store import db as dbmod

    monkeypatch.setenv("XIANFENG_DATA_DIR", str(env_dir))
    opening.connect(path)
    organizations.save({"name": "中共先锋镇委员会", "short_name": "先锋镇党委", "level": "党委"})
    dbmod.close()


def test_export_then_import_dry_run_real_and_undo(tmp_path, monkeypatch):
    source, target, roster = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "名册.xlsx"
    assert run("--db", str(source), "demo", "--members", "60", env_dir=tmp_path).returncode == 0
    r = run("--db", str(source), "export", "roster", "-o", str(roster), env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "已导出 60 名党员" in r.stdout
    r = run("--db", str(source), "export", "roster", "--org", "红旗村党支部", "-o",
            str(tmp_path / "红旗.xlsx"), env_dir=tmp_path)
    assert r.returncode == 0 and openpyxl.load_workbook(tmp_path / "红旗.xlsx").active["A1"].value \
        == "中共红旗村支部委员会党员基本信息汇总表"

    township(target, tmp_path, monkeypatch)
    r = run("--db", str(target), "import", "roster", str(roster), env_dir=tmp_path)
    assert r.returncode == 1  # no branches yet, none may be created
    assert "未通过 60 名" in r.stdout and "C4：找不到名为" in r.stdout
    assert "数据库未改动" in r.stderr

    r = run("--db", str(target), "import", "roster", str(roster), "--org", "先锋镇党委",
            "--create-orgs", "--dry-run", env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "新增 60 名" in r.stdout and "试运行" in r.stdout
    assert members_in(target) == 0

    r = run("--db", str(target), "import", "roster", str(roster), "--org", "先锋镇党委",
            "--create-orgs", env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "已导入：新增 60 名，更新 0 名" in r.stdout
    assert members_in(target) == 60

    r = run("--db", str(target), "import", "roster", str(roster), "--skip-existing", env_dir=tmp_path)
    assert r.returncode == 1 and "跳过 60 名" in r.stdout

    r = run("--db", str(target), "import", "undo", env_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "删除新增的 60 名" in r.stdout
    assert members_in(target) == 0
    r = run("--db", str(target), "import", "undo", env_dir=tmp_path)
    assert r.returncode == 2 and "没有可以撤销的导入" in r.stderr


def test_rejects_saved_and_errors_reported(tmp_path, monkeypatch):
    target = tmp_path / "b.db"
    township(target, tmp_path, monkeypatch)
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "公民身份证号", "所在党支部"])
    wb.active.append(["李明", 410522198001010011, "先锋镇党委"])
    wb.save(tmp_path / "bad.xlsx")
    rejects = tmp_path / "未通过.xlsx"
    r = run("--db", str(target), "import", "roster", str(tmp_path / "bad.xlsx"), "--rejects",
            str(rejects), env_dir=tmp_path)
    assert r.returncode == 1
    assert "B2：" in r.stdout and "Excel" in r.stdout
    assert "未通过的 1 行已保存" in r.stdout and rejects.exists()

    r = run("--db", str(target), "import", "roster", str(tmp_path / "没有这个文件.xlsx"), env_dir=tmp_path)
    assert r.returncode == 3 and "错误" in r.stderr
    r = run("--db", str(target), "import", "roster", str(tmp_path / "bad.xlsx"), "--org", "无此组织",
            env_dir=tmp_path)
    assert r.returncode == 2 and "找不到名为“无此组织”的组织" in r.stderr
    r = run("--db", str(target), "import", "roster", "x.xlsx", "--update", "--skip-existing",
            env_dir=tmp_path)
    assert r.returncode == 2 and "错误" in r.stderr


def test_import_applies_mappings_and_asks_before_writing_doubtful_ones(tmp_path, monkeypatch):
    from tests.helpers import make_id
    from tests.models.exchange.test_roster_import import national, person

    db = tmp_path / "a.db"
    township(db, tmp_path, monkeypatch)
    rows = [person("张三", make_id("19800101", "011"), org=None, education="本科", ethnicity="汉", kind="正式"),
            person("李四", make_id("19800101", "023"), org=None, education="研究生", sex="男性")]
    path = national(tmp_path / "名册.xlsx", rows)
    r = run("--db", str(db), "import", "roster", str(path), "--org", "先锋镇党委", env_dir=tmp_path)
    assert r.returncode == 1 and members_in(db) == 0
    assert "学历「本科」→「大学」，1 行（常用写法）" in r.stdout
    assert "？ 学历「研究生」→（留空），1 行（无法对应）" in r.stdout
    assert "--accept-mappings" in r.stderr and "数据库未改动" in r.stderr

    r = run("--db", str(db), "import", "roster", str(path), "--org", "先锋镇党委", "--map", "学历:研究生=博士",
            env_dir=tmp_path)
    assert r.returncode == 2 and "学历没有“博士”这个值" in r.stderr
    r = run("--db", str(db), "import", "roster", str(path), "--org", "先锋镇党委",
            "--map", "学历:研究生=硕士研究生", env_dir=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert members_in(db) == 2

    # the choice is remembered: the next file with 研究生 needs no question
    path = national(tmp_path / "二.xlsx", [person("王五", make_id("19800101", "035"), org=None,
                                                 education="研究生")])
    r = run("--db", str(db), "import", "roster", str(path), "--org", "先锋镇党委", env_dir=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "学历「研究生」→「硕士研究生」，1 行（以前确认过）" in r.stdout

    path = national(tmp_path / "三.xlsx", [person("赵六", make_id("19800101", "047"), org=None,
                                                 education="文盲")])
    r = run("--db", str(db), "import", "roster", str(path), "--org", "先锋镇党委", "--accept-mappings",
            env_dir=tmp_path)
    assert r.returncode == 0 and members_in(db) == 4
