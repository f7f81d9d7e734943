"""`main.py print ballots|letters|minutes` end to end on the demo township."""
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from models.roster.members import on_roll
from models.store.tables import Member, Organization, Pledge, Review

ROOT = Path(__file__).resolve().parents[2]
ORG = "红旗村党支部"


@pytest.fixture
def need_real_fonts():
    from printing.errors import NoCJKFontError
    from printing.typeset.library import get_library

    try:
        get_library().primary("body")
    except NoCJKFontError:
        pytest.skip("本机没有中文字体（CI 会安装）")


def run(tmp_path, db_path, *args, timeout=300):
    env = dict(os.environ, XIANFENG_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "print", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout)


def read(path):
    reader = PdfReader(path)
    with pdfplumber.open(path) as pdf:
        pages = ["".join((p.extract_text() or "").split()) for p in pdf.pages]
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            name = str(ref.get_object()["/BaseFont"])
            assert "Helvetica" not in name and "+" in name       # embedded subsets only
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)   # A4 portrait
    return pages


def no_private_data(pages, org_id):
    whole = "".join(pages)
    for m in Member.select().where(Member.org == org_id):
        assert (not m.id_number or m.id_number not in whole) and (not m.mobile or m.mobile not in whole)


def org():
    return Organization.get(Organization.short_name == ORG)


@pytest.mark.realfonts
def test_ballots_default_one_per_member(tmp_path, need_real_fonts, demo_db, db_path):
    o = org()
    roll = [m.name for m in on_roll(o.id)]
    out = tmp_path / "ballots.pdf"
    r = run(tmp_path, db_path, "ballots", "--org", ORG, "--year", "2026", "--quarter", "2", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert f"民主评议党员测评表{len(roll)}份" in r.stdout
    pages = read(out)
    firsts = [p for p in pages if p.startswith("民主评议党员测评表")]
    assert len(firsts) == len(roll) and len(pages) % len(roll) == 0
    for p in firsts:
        assert "2026年第二季度" in p
    whole = "".join(pages)
    for name in roll:
        assert whole.count(name) == len(roll), name
    no_private_data(pages, o.id)


@pytest.mark.realfonts
def test_mass_ballots_both_groups(tmp_path, need_real_fonts, demo_db, db_path):
    out = tmp_path / "mass.pdf"
    r = run(tmp_path, db_path, "ballots", "--org", ORG, "--year", "2026", "--quarter", "3", "--kind", "mass",
            "--copies", "2", "--public-copies", "3", "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = read(out)
    assert sum(p.startswith("群众评议表（党员填写）") for p in pages) == 2
    assert sum(p.startswith("群众评议表（群众填写）") for p in pages) == 3


@pytest.mark.realfonts
def test_letters_and_one_member(tmp_path, need_real_fonts, demo_db, db_path):
    o = org()
    year = Pledge.select().first().year
    approved = [p for p in Pledge.select().where((Pledge.org == o.id) & (Pledge.year == year)
                                                 & Pledge.state.in_(("已审定", "已公示", "已评诺")))]
    out = tmp_path / "letters.pdf"
    r = run(tmp_path, db_path, "letters", "--org", ORG, "--year", str(year), "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = read(out)
    assert sum(p.startswith(f"{year}年度") for p in pages) == len(approved)
    for p in approved:
        if p.member_id:
            assert any(f"姓名：{p.member.name}" in page for page in pages)
    no_private_data(pages, o.id)
    one = next(p for p in approved if p.member_id)
    out1 = tmp_path / "one.pdf"
    r = run(tmp_path, db_path, "letters", "--org", ORG, "--year", str(year), "--member", one.member.name,
            "-o", str(out1))
    assert r.returncode == 0, r.stderr
    pages = read(out1)
    assert pages[0].startswith(f"{year}年度党员承诺书") and f"姓名：{one.member.name}" in pages[0]


@pytest.mark.realfonts
def test_minutes(tmp_path, need_real_fonts, demo_db, db_path):
    o = org()
    review = Review.select().where(Review.org == o.id).order_by(Review.year, Review.quarter).first()
    out = tmp_path / "minutes.pdf"
    r = run(tmp_path, db_path, "minutes", "--org", ORG, "--year", str(review.year), "--quarter",
            str(review.quarter), "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = read(out)
    whole = "".join(pages)
    assert whole.startswith(f"{review.year}年") and "会议记录" in pages[0]
    assert f"主持人：{review.host}" in whole and "主持人（签字）：" in whole
    no_private_data(pages, o.id)


@pytest.mark.parametrize(("args", "words"), [
    (["ballots", "--org", "不存在的支部", "--year", "2026", "--quarter", "1"], "找不到"),
    (["minutes", "--org", ORG, "--year", "2019", "--quarter", "1"], "没有 2019 年第一季度的评议记录"),
    (["letters", "--org", ORG, "--year", "2019"], "没有审定通过的承诺"),
    (["letters", "--org", ORG, "--year", "2026", "--member", "查无此人"], "没有名为“查无此人”的党员"),
    (["ballots", "--org", ORG, "--year", "2026", "--quarter", "5"], "无效的选项"),
    (["ballots", "--org", ORG, "--year", "2026", "--quarter", "1", "--copies", "0"], "份数应在 1 到 2000 之间"),
])
def test_errors_in_chinese(tmp_path, demo_db, db_path, args, words):
    out = tmp_path / "x.pdf"
    r = run(tmp_path, db_path, *args, "-o", str(out), timeout=120)
    assert r.returncode == 2 and words in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert "argument" not in r.stderr and "error" not in r.stderr  # argparse's own words too
    assert not out.exists()
