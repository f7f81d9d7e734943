"""荣誉证书 and the calibration page from the command line: records → PDF, read back.

The database's font settings point at a generated font, so these run on a machine without
any Chinese font; the rare-name test needs real fonts and is marked so.
"""
import io
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from models.commendation import nominations as commendations
from models.config import settings
from models.roster import members, organizations
from tests.helpers import make_id, member_data
from tests.printing.fontfactory import build_ttf, main_codepoints
from tests.printing.pdfcheck import assert_fonts_ok, compact, page_sizes, qpdf_check, text

ROOT = Path(__file__).resolve().parents[2]
YEAR = 2026


@pytest.fixture(scope="session")
def test_font(tmp_path_factory) -> Path:
    return build_ttf(tmp_path_factory.mktemp("fonts") / "xf-cli-main.ttf", main_codepoints(), "XF CLI Main")


@pytest.fixture
def township(branch, test_font):
    """A branch with three members (private data filled in) and fonts set to the test font."""
    settings.put({"font_overrides": {r: str(test_font) for r in ("title", "body", "kai", "hei", "song")},
                  "committee_name": "中共先锋镇委员会",
                  "certificate_offsets": {"HP LaserJet": [1.5, -2.0]}})
    people = [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:03d}"),
                                       mobile=f"1391234567{i}"))
              for i, n in enumerate(("王建国", "李明", "张三"), 1)]
    return branch, people


def run(db_path, tmp_path, *args):
    env = dict(os.environ, XIANFENG_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "print", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)


def check_pdf(path: Path, people) -> list[str]:
    pdf = path.read_bytes()
    assert_fonts_ok(pdf)
    qpdf_check(pdf)
    pages = [compact(t) for t in text(pdf)]
    whole = "".join(pages) + "".join(p.extract_text() or "" for p in PdfReader(path).pages)
    for m in people:                       # never an ID number or a phone on a certificate
        assert m.id_number not in whole and m.mobile not in whole
    return pages


def test_cli_certificates_for_an_organizations_members(tmp_path, db_path, township):
    _branch, people = township
    out = tmp_path / "certs.pdf"
    r = run(db_path, tmp_path, "certificates", "--org", "东风村党支部", "--title", "优秀党务工作者",
            "--year", str(YEAR), "--date", "2026-07-01", "--stock", "16k", "--printer", "HP LaserJet",
            "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "3 份" in r.stdout and "大16开" in r.stdout and "+1.5" in r.stdout
    # no award recorded for the year yet: the roll, unnumbered, and said so
    assert "2026年度还没有已决定的表彰" in r.stderr and "不带证书编号" in r.stderr
    pages = check_pdf(out, people)
    assert len(pages) == 3
    assert page_sizes(out.read_bytes()) == [pytest.approx((595.3, 807.9), abs=0.1)] * 3
    assert [p[:5] for p in pages] == ["王建国同志", "李明同志：", "张三同志："]      # 姓氏笔画
    for page in pages:
        assert "被评为“优秀党务工作者”" in page and "中共先锋镇委员会" in page
        assert "二〇二六年七月一日" in page and "二〇二六年度" in page
    # the saved offset of that printer moved the text: compare with no offset
    plain = tmp_path / "plain.pdf"
    assert run(db_path, tmp_path, "certificates", "--org", "东风村党支部", "--year", str(YEAR),
               "--stock", "16k", "--date", "2026-07-01", "--title", "优秀党务工作者",
               "-o", str(plain)).returncode == 0
    with pdfplumber.open(io.BytesIO(plain.read_bytes())) as a, pdfplumber.open(io.BytesIO(out.read_bytes())) as b:
        ca, cb = a.pages[0].chars[0], b.pages[0].chars[0]
    assert cb["x0"] - ca["x0"] == pytest.approx(1.5 * 72 / 25.4, abs=0.02)
    assert cb["top"] - ca["top"] == pytest.approx(-2.0 * 72 / 25.4, abs=0.02)


def test_cli_certificate_for_the_organization_itself(tmp_path, db_path, township):
    _branch, people = township
    out = tmp_path / "org.pdf"
    r = run(db_path, tmp_path, "certificates", "--org", "东风村党支部", "--title", "先进基层党组织", "-o", str(out))
    assert r.returncode == 0, r.stderr
    (page,) = check_pdf(out, people)
    assert page.startswith("荣誉证书中共东风村支部委员会：") and "被评为“先进基层党组织”" in page
    assert page_sizes(out.read_bytes()) == [pytest.approx((841.89, 595.28), abs=0.1)]   # plain A4


def test_cli_certificates_for_the_years_awards(tmp_path, db_path, township):
    branch, people = township
    commendations.add_award(YEAR, "优秀共产党员", member_id=people[2].id, decided_on="2026-06-28")
    commendations.add_award(YEAR, "先进基层党组织", org_id=branch.id, decided_on="2026-06-28")
    out = tmp_path / "awards.pdf"
    r = run(db_path, tmp_path, "certificates", "--year", str(YEAR), "--stock", "a4l", "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = check_pdf(out, people)
    assert len(pages) == 2
    numbers = [a.certificate_no for a in commendations.Award.select()]
    assert all(any(n in p for p in pages) for n in numbers)
    assert any(p.startswith("张三同志：") for p in pages)
    assert any(p.startswith("中共东风村支部委员会：") for p in pages)
    assert all("二〇二六年六月二十八日" in p for p in pages)
    only = tmp_path / "only.pdf"
    r = run(db_path, tmp_path, "certificates", "--year", str(YEAR), "--title", "先进基层党组织", "-o", str(only))
    assert r.returncode == 0 and len(text(only.read_bytes())) == 1


def _org(name, short, level, parent_id):
    return organizations.save({"name": name, "short_name": short, "level": level,
                               "parent_id": parent_id, "category": "rural"})


def _person(org_id, name, k):
    return members.save(member_data(org_id, name=name, id_number=make_id("19800101", f"{k:03d}"),
                                    mobile=f"139123456{k:02d}"))


def test_cli_org_certificates_once_awards_exist(tmp_path, db_path, township):
    """Once the year has awards, --org prints exactly the decided awards of that organization
    and the organizations under it, numbered: not everyone on the roll, not other branches'."""
    branch, people = township
    zhang = people[2]
    hongqi = _org("中共红旗村总支部委员会", "红旗村党总支", "党总支", branch.parent_id)
    first = _org("中共红旗村第一支部委员会", "红旗村第一党支部", "党支部", hongqi.id)
    zhou, sun = _person(first.id, "周强", 11), _person(first.id, "孙丽", 12)
    for kw in ({"org_id": branch.id, "title": "先进基层党组织"}, {"member_id": zhang.id},
               {"org_id": hongqi.id, "title": "先进基层党组织"}, {"member_id": zhou.id}):
        commendations.add_award(YEAR, kw.pop("title", "优秀共产党员"), decided_on="2026-06-28", **kw)
    numbers = {a.certificate_no: a.org_id for a in commendations.Award.select()}

    def printed(org_name, path, *extra):
        r = run(db_path, tmp_path, "certificates", "--org", org_name, "--year", str(YEAR), *extra,
                "-o", str(path))
        assert r.returncode == 0, r.stderr
        assert "不带证书编号" not in r.stderr
        pages = check_pdf(path, [*people, zhou, sun])
        assert all("二〇二六年六月二十八日" in p for p in pages)   # the decision's date
        heads = sorted(p.removeprefix("荣誉证书").split("：")[0] for p in pages)
        shown = {n for n in numbers if any(f"证书编号：{n}" in p for p in pages)}
        return r, heads, shown

    r, heads, shown = printed("东风村党支部", tmp_path / "dongfeng.pdf")
    assert "荣誉证书 2 份" in r.stdout
    assert heads == sorted(["中共东风村支部委员会", "张三同志"])       # not 王建国, 李明 on its roll
    assert shown == {n for n, org in numbers.items() if org == branch.id}
    # the 党总支: its own award and its branch's member (the subtree), not 东风村's; not 孙丽
    r, heads, shown = printed("红旗村党总支", tmp_path / "hongqi.pdf")
    assert heads == sorted(["中共红旗村总支部委员会", "周强同志"])
    assert shown == {n for n, org in numbers.items() if org in (hongqi.id, first.id)}
    # --title picks one title of those awards
    r, heads, shown = printed("红旗村党总支", tmp_path / "only.pdf", "--title", "优秀共产党员")
    assert heads == ["周强同志"] and len(shown) == 1
    # a branch with no decided award that year: said in Chinese, nothing written
    liuhe = _org("中共柳河村支部委员会", "柳河村党支部", "党支部", branch.parent_id)
    _person(liuhe.id, "吴刚", 13)
    none = tmp_path / "none.pdf"
    r = run(db_path, tmp_path, "certificates", "--org", "柳河村党支部", "--year", str(YEAR),
            "-o", str(none))
    assert r.returncode == 2, r.stdout
    assert "2026年度没有决定表彰柳河村党支部" in r.stderr and "Traceback" not in r.stderr
    assert not none.exists()


def test_cli_calibration(tmp_path, db_path, township):
    out = tmp_path / "cal.pdf"
    r = run(db_path, tmp_path, "calibration", "--stock", "16k", "--printer", "HP LaserJet", "-o", str(out))
    assert r.returncode == 0, r.stderr
    pdf = out.read_bytes()
    assert_fonts_ok(pdf)
    assert page_sizes(pdf) == [pytest.approx((595.3, 807.9), abs=0.1)]
    words = compact(text(pdf)[0])
    assert "证书套打校准页" in words and "水平+1.5毫米" in words and "垂直-2.0毫米" in words


def test_cli_errors_in_chinese(tmp_path, db_path, township):
    cases = [
        (("certificates", "--org", "不存在的支部"), "找不到"),
        (("certificates",), "--org"),
        (("certificates", "--org", "东风村党支部", "--dx", "40"), "30 毫米"),
        (("certificates", "--year", str(YEAR)), "还没有"),
        (("certificates", "--org", "东风村党支部", "--date", "2026/13/01"), "2026-07-01"),
    ]
    for args, words in cases:
        out = tmp_path / "x.pdf"
        r = run(db_path, tmp_path, *args, "-o", str(out))
        assert r.returncode == 2, (args, r.stderr)
        assert words in r.stderr and "Traceback" not in r.stderr
        assert not out.exists()


@pytest.mark.realfonts
def test_cli_rare_names_with_real_fonts(tmp_path, db_path, branch):
    from printing.errors import NoCJKFontError
    from printing.typeset.library import get_library

    try:
        get_library().primary("body")
    except NoCJKFontError:
        pytest.skip("本机没有中文字体（CI 会安装）")
    names = ("张堃", "李喆", "吉𠮷")
    people = [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:03d}"),
                                       mobile=f"1391234567{i}")) for i, n in enumerate(names, 1)]
    out = tmp_path / "rare.pdf"
    r = run(db_path, tmp_path, "certificates", "--org", "东风村党支部", "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = check_pdf(out, people)
    assert sorted(p[len("荣誉证书"):][:2] for p in pages) == sorted(names)
    with pdfplumber.open(out) as doc:
        chars = "".join(c["text"] for page in doc.pages for c in page.chars)
    assert "𠮷" in chars and "\x00" not in chars


def test_cli_committee_without_awards_points_to_the_years_that_have_them(tmp_path, db_path,
                                                                         township):
    """The 党委 has no members of its own: on a year without awards the message says what is
    missing and which years have decided awards (the audit of issue 18)."""
    _branch, people = township
    out = tmp_path / "x.pdf"
    r = run(db_path, tmp_path, "certificates", "--org", "先锋镇党委", "--year", str(YEAR),
            "-o", str(out))
    assert r.returncode == 2 and not out.exists()
    assert "还没有已决定的表彰" in r.stderr and "没有在册党员" in r.stderr
    assert "还没有任何年度决定过表彰" in r.stderr and "Traceback" not in r.stderr
    commendations.add_award(YEAR - 1, "优秀共产党员", member_id=people[0].id,
                            decided_on="2025-06-28")
    r = run(db_path, tmp_path, "certificates", "--org", "先锋镇党委", "--year", str(YEAR),
            "-o", str(out))
    assert r.returncode == 2 and not out.exists()
    assert "已有决定表彰的年度：2025" in r.stderr and "--year" in r.stderr
