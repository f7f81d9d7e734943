"""`print ledger|candidates|awards` from the command line: records → PDF, read back.

The database's font settings point at a generated font, so these run without any Chinese
font installed.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from models.commendation import nominations as cm
from models.config import settings
from models.roster import members
from tests.models.township import YEAR, add_members, build_town
from tests.printing.fontfactory import build_ttf, main_codepoints
from tests.printing.pdfcheck import assert_fonts_ok, compact, page_sizes, qpdf_check, text

ROOT = Path(__file__).resolve().parents[2]
A4 = pytest.approx((595.28, 841.89), abs=0.1)
A4_LANDSCAPE = pytest.approx((841.89, 595.28), abs=0.1)
NAMES = ("王建国", "李红", "张伟", "刘芳", "赵敏")


@pytest.fixture(scope="session")
def test_font(tmp_path_factory) -> Path:
    return build_ttf(tmp_path_factory.mktemp("fonts") / "xf-cli-assess.ttf", main_codepoints() + [0xF7],
                     "XF CLI Assess")


@pytest.fixture
def town(branch, test_font):
    settings.put({"font_overrides": {r: str(test_font) for r in ("title", "body", "kai", "hei", "song")},
                  "satisfaction_threshold": 0.85, "default_supervision_phone": "0371-62810001"})
    t = build_town(branch.id)
    t["ids"].update(add_members(branch.id, ["赵敏"], workers=("赵敏",)))
    return t


def run(db_path, tmp_path, *args):
    env = dict(os.environ, XIANFENG_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "print", *args],
                          check=False, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)


def read(path: Path, town) -> str:
    pdf = path.read_bytes()
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    whole = "".join(compact(t) for t in text(pdf)) + "".join(p.extract_text() or "" for p in PdfReader(path).pages)
    for mid in town["ids"].values():
        m = members.get(mid)
        assert m.id_number not in whole and m.mobile not in whole
    return whole


def names_in(whole: str) -> set[str]:
    return {n for n in NAMES if n in whole}


def test_cli_ledger(tmp_path, db_path, town):
    out = tmp_path / "ledger.pdf"
    r = run(db_path, tmp_path, "ledger", "--org", "东风村党支部", "--year", str(YEAR), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "中共东风村支部委员会" in r.stdout and "专项台账" in r.stdout
    whole = read(out, town)
    sizes = page_sizes(out.read_bytes())
    assert sizes[0] == A4 and A4_LANDSCAPE in sizes
    assert "2025年度创先争优活动专项台账" in whole and "88.0%" in whole and "达标" in whole
    assert {"王建国", "李红", "张伟", "刘芳"} <= names_in(whole)


def _workflow(town):
    ids = town["ids"]
    org = cm.propose(YEAR, "先进基层党组织", org_id=town["org"], on="2026-06-01")
    wang = cm.propose(YEAR, "优秀共产党员", member_id=ids["王建国"], on="2026-06-01")
    li = cm.propose(YEAR, "优秀共产党员", member_id=ids["李红"], on="2026-06-01")
    cm.propose(YEAR, "优秀共产党员", member_id=ids["张伟"], on="2026-06-01")  # proposed, never reviewed
    zhao = cm.propose(YEAR, "优秀党务工作者", member_id=ids["赵敏"], on="2026-06-01")
    cm.review(YEAR, "先进基层党组织", [org.id], on="2026-06-10")
    cm.review(YEAR, "优秀共产党员", [li.id, wang.id], on="2026-06-10")
    cm.review(YEAR, "优秀党务工作者", [zhao.id], on="2026-06-10")
    cm.send_back(zhao.id, "事迹不具体", on="2026-06-12")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    cm.decide([org.id, li.id], on="2026-06-28")


def test_cli_candidates_and_awards(tmp_path, db_path, town):
    out = tmp_path / "notice.pdf"
    r = run(db_path, tmp_path, "candidates", "--year", str(YEAR), "-o", str(out))
    assert r.returncode == 2 and "还没有经党委审核的拟表彰对象" in r.stderr
    _workflow(town)
    r = run(db_path, tmp_path, "candidates", "--year", str(YEAR), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "3 个对象" in r.stdout and "未设置" not in r.stdout + r.stderr
    whole = read(out, town)
    assert page_sizes(out.read_bytes()) == [A4]
    assert names_in(whole) == {"王建国", "李红"}  # reviewed or decided: not 张伟 (proposed), 赵敏 (sent back)
    assert "中共东风村支部委员会" in whole and "公示期为2026年6月20日至2026年6月26日" in whole

    awards = tmp_path / "awards.pdf"
    r = run(db_path, tmp_path, "awards", "--year", str(YEAR), "-o", str(awards))
    assert r.returncode == 2 and "还没有已决定并编号的表彰" in r.stderr
    cm.record_awards(YEAR)
    r = run(db_path, tmp_path, "awards", "--year", str(YEAR), "-o", str(awards))
    assert r.returncode == 0, r.stderr
    whole = read(awards, town)
    assert names_in(whole) == {"李红"}  # decided and numbered only
    assert "先锋〔2026〕1号" in whole and "先锋〔2026〕2号" in whole and "先锋〔2026〕3号" not in whole


def test_cli_candidates_without_a_phone_warns_and_leaves_a_blank(tmp_path, db_path, town):
    _workflow(town)
    settings.put({"default_supervision_phone": ""})
    out = tmp_path / "notice.pdf"
    r = run(db_path, tmp_path, "candidates", "--year", str(YEAR), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "（联系电话未设置，已留空待填）" in r.stdout
    assert "注意：联系电话未设置" in r.stderr and "默认监督电话" in r.stderr
    whole = read(out, town)
    assert "联系电话：＿＿＿＿＿＿＿＿" in whole and "公示期为2026年6月20日至2026年6月26日" in whole


def test_cli_errors_in_chinese(tmp_path, db_path, town):
    r = run(db_path, tmp_path, "ledger", "--org", "没有这个支部", "--year", str(YEAR), "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "错误" in r.stderr and "没有这个支部" in r.stderr
    r = run(db_path, tmp_path, "awards", "--year", str(YEAR), "--level", "省委", "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "无效的选项" in r.stderr


def test_cli_city_level_is_signed_by_the_city(tmp_path, db_path, town):
    """市委 awards of 2025 (a city year) through the workflow: `--level 市委` prints them with the
    city committee's name from 设置; without it the basic committee's (none here) are asked for."""
    settings.put({"city_committee_name": "中共新城市委员会"})
    org = cm.propose(YEAR, "先进基层党组织", org_id=town["org"], level="市委", on="2026-06-01")
    li = cm.propose(YEAR, "优秀共产党员", member_id=town["ids"]["李红"], level="市委", on="2026-06-01")
    cm.review(YEAR, "先进基层党组织", [org.id], level="市委", on="2026-06-10")
    cm.review(YEAR, "优秀共产党员", [li.id], level="市委", on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26", level="市委")
    cm.decide([org.id, li.id], on="2026-06-30")
    cm.record_awards(YEAR, level="市委")
    out = tmp_path / "city.pdf"
    r = run(db_path, tmp_path, "certificates", "--year", str(YEAR), "--level", "市委", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "2025年度市委表彰名单 荣誉证书 2 份" in r.stdout
    pages = [compact(t) for t in text(out.read_bytes())]
    assert len(pages) == 2 and "李红同志：" in pages[1]
    assert all("中共新城市委员会" in p and "中共先锋镇委员会" not in p for p in pages)
    assert any("市创〔2026〕2号" in p for p in pages)
    r = run(db_path, tmp_path, "certificates", "--year", str(YEAR), "-o", str(tmp_path / "basic.pdf"))
    assert r.returncode == 2 and "还没有已发证书编号的基层党委表彰" in r.stderr
    awards = tmp_path / "city-awards.pdf"
    r = run(db_path, tmp_path, "awards", "--year", str(YEAR), "--level", "市委", "-o", str(awards))
    assert r.returncode == 0, r.stderr
    whole = read(awards, town)
    assert "中共新城市委员会" in whole and "中共先锋镇委员会" not in whole and names_in(whole) == {"李红"}
    notice = tmp_path / "city-notice.pdf"
    r = run(db_path, tmp_path, "candidates", "--year", str(YEAR), "--level", "市委", "-o", str(notice))
    assert r.returncode == 0, r.stderr
    whole = read(notice, town)
    assert "中共新城市委员会" in whole and "中共先锋镇委员会" not in whole
