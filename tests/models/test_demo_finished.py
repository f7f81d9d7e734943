"""The demo's finished year: a new user can print certificates and the deeds booklet at once."""
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from models.assessment import scoring
from models.config import settings
from models.store.assessment_tables import Award, Nomination, NominationStep
from tests.printing.fontfactory import build_ttf, main_codepoints
from tests.printing.pdfcheck import compact, text

ROOT = Path(__file__).resolve().parents[2]


def test_previous_year_is_carried_to_numbered_awards(demo_db):
    done = dt.date.today().year - 1
    noms = list(Nomination.select().where(Nomination.year == done))
    assert {n.category for n in noms} == {"先进基层党组织", "优秀共产党员", "优秀党务工作者"}
    assert all(n.state == "已决定" and n.deeds for n in noms)
    for n in noms:   # every step on record, in order, all before the year under way
        steps = [(s.action, s.on) for s in NominationStep.select().where(NominationStep.nomination == n.id)
                 .order_by(NominationStep.on, NominationStep.id)]
        assert [a for a, _on in steps] == ["推荐", "审核", "公示", "决定"]
        assert all(on.year == done for _a, on in steps)
        assert n.notice_end < n.decided_on
        # the hard rules the committee's services check would have let each one through
        assert scoring.exclusions_for(done, n.category, org_id=n.org_id if n.member_id is None else None,
                                      member_id=n.member_id) == ()
    awards = list(Award.select().where(Award.year == done).order_by(Award.serial))
    assert len(awards) == len(noms)
    assert [a.serial for a in awards] == list(range(1, len(noms) + 1))
    assert len({a.certificate_no for a in awards}) == len(awards)
    assert awards[0].category == "先进基层党组织"          # organizations numbered first
    # the year under way is untouched: nothing decided there yet
    assert not Award.select().where(Award.year == done + 1).exists()


def test_certificates_and_deeds_print_from_the_demo(demo_db, db_path, tmp_path):
    font = build_ttf(tmp_path / "xf-demo.ttf", main_codepoints(), "XF Demo")
    settings.put({"font_overrides": {r: str(font) for r in ("title", "body", "kai", "hei", "song")}})
    done = str(dt.date.today().year - 1)
    env = dict(os.environ, XIANFENG_DATA_DIR=str(tmp_path / "data"))
    for kind, out in (("certificates", "证书.pdf"), ("deeds", "事迹.pdf")):
        res = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "print", kind,
                              "--year", done, "-o", str(tmp_path / out)],
                             capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
        assert res.returncode == 0, res.stderr
    pages = [compact(t) for t in text((tmp_path / "证书.pdf").read_bytes())]
    numbers = [a.certificate_no for a in Award.select().where(Award.year == int(done))]
    assert len(pages) == len(numbers)
    assert all(any(n in p for p in pages) for n in numbers)
    assert "先进事迹材料" in "".join(compact(t) for t in text((tmp_path / "事迹.pdf").read_bytes()))
