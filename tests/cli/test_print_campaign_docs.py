"""`main.py print bulletin|plan|rectification` end to end on the demo township."""
import datetime as dt

import pytest

from models.campaign import plans, rectification
from models.campaign.bulletin import bulletin
from models.campaign.plans import PlanInput, ScheduleRow
from tests.cli.test_print_review_cli import ORG, need_real_fonts, no_private_data, org, read, run  # noqa: F401

YEAR = dt.date.today().year


@pytest.mark.realfonts
@pytest.mark.usefixtures("need_real_fonts")
def test_bulletin_names_every_branch_and_those_behind(tmp_path, demo_db, db_path):
    data = bulletin(YEAR)
    out = tmp_path / "bulletin.pdf"
    r = run(tmp_path, db_path, "bulletin", "--year", str(YEAR), "--date", f"{YEAR}-12-01", "-o", str(out))
    assert r.returncode == 0, r.stderr
    whole = "".join(read(out))
    assert f"关于{YEAR}年创先争优活动进展情况的通报" in whole and f"{YEAR}年12月1日" in whole
    assert data.branches and all(b.name in whole for b in data.branches)
    assert all(f"{b.name}：" in whole for b in data.behind)
    assert f"点名 {len(data.behind)} 个" in r.stdout
    no_private_data([whole], org().id)


@pytest.mark.realfonts
@pytest.mark.usefixtures("need_real_fonts")
def test_quarter_bulletin(tmp_path, demo_db, db_path):
    out = tmp_path / "q1.pdf"
    r = run(tmp_path, db_path, "bulletin", "--year", str(YEAR), "--quarter", "1", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert f"关于{YEAR}年第一季度创先争优活动进展情况的通报" in "".join(read(out))


@pytest.mark.realfonts
@pytest.mark.usefixtures("need_real_fonts")
def test_plan_and_notice(tmp_path, demo_db, db_path):
    o = org()
    plans.save(o.id, YEAR, PlanInput("争创五好党支部", "抓班子带队伍", "党员责任区",
                                     [ScheduleRow(13, "召开第一季度评议会", "支部书记")]))
    rectification.issue(o.id, {"issued_on": f"{YEAR}-04-20", "deadline": f"{YEAR}-05-20",
                               "problems": "群众评议参与人数偏少", "requirement": "扩大群众评议范围"})
    out = tmp_path / "plan.pdf"
    r = run(tmp_path, db_path, "plan", "--org", ORG, "--year", str(YEAR), "-o", str(out))
    assert r.returncode == 0, r.stderr
    whole = "".join(read(out))
    assert f"{YEAR}年创先争优活动年度计划" in whole and "第一季度召开第一季度评议会支部书记" in whole
    out = tmp_path / "notice.pdf"
    r = run(tmp_path, db_path, "rectification", "--org", ORG, "--year", str(YEAR), "-o", str(out))
    assert r.returncode == 0, r.stderr
    whole = "".join(read(out))
    assert f"{o.name}：" in whole and "群众评议参与人数偏少" in whole and f"请于{YEAR}年5月20日前完成整改" in whole


def test_plan_and_notice_missing(tmp_path, demo_db, db_path):
    r = run(tmp_path, db_path, "plan", "--org", ORG, "--year", "2019", "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "还没有 2019 年的年度计划" in r.stderr
    r = run(tmp_path, db_path, "rectification", "--org", ORG, "--year", "2019", "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "在 2019 年没有整改通知" in r.stderr
