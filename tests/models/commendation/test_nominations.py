"""Nominations (推荐 → 审核/排序 → 决定, 退回), awards with numbered certificates, honours,
public notice rows, and the schema step that brings these tables."""
import peewee
import pytest

from models.assessment import scoring as assessment
from models.commendation import nominations as cm
from models.config import settings
from models.errors import ValidationError
from models.printouts import sheets
from models.roster import members, organizations
from models.safety import opening
from models.store import db as dbmod
from models.store import migrations
from models.store.assessment_tables import ASSESSMENT_MODELS, Assessment, Award, Nomination
from tests.models.store.old_files import make_old
from tests.models.township import YEAR, add_members, build_town

ORG, MEMBER, WORKER = "先进基层党组织", "优秀共产党员", "优秀党务工作者"
NEW_TABLES = ("assessment", "assessment_score", "nomination", "nomination_step", "award")


# ------------------------------------------------------------------ schema step 3

def make_v2(path):
    """A populated version-2 file: the demo township in v2's tables."""
    return make_old(path, 2, members=60)["member"]


def test_fresh_file_has_the_assessment_tables(db):
    tables = set(db.get_tables())
    assert set(NEW_TABLES) <= tables
    assert migrations.schema_version(db) == migrations.LATEST >= 3
    assert {m._meta.table_name for m in ASSESSMENT_MODELS} == set(NEW_TABLES)


def test_v2_file_gets_the_tables_and_keeps_its_rows(db_path):
    members = make_v2(db_path)
    raw = peewee.SqliteDatabase(str(db_path), pragmas=dbmod.PRAGMAS)
    dbmod.database.initialize(raw)
    backups = []
    assert migrations.migrate(raw, backup=backups.append) == 2 and backups == [2]
    assert migrations.schema_version(raw) == migrations.LATEST
    assert set(NEW_TABLES) <= set(raw.get_tables())
    assert raw.execute_sql("SELECT COUNT(*) FROM member").fetchone()[0] == members
    # the partial unique indexes came along: one assessment per organization and year
    Assessment.create(year=2026, org=2)
    try:
        Assessment.create(year=2026, org=2)
        raise AssertionError("duplicate organization assessment accepted")
    except peewee.IntegrityError:
        pass
    Assessment.create(year=2026, org=2, member=1)  # a member's row is another subject
    assert Nomination.select().count() == 0 and Award.select().count() == 0
    raw.close()


# ------------------------------------------------------------------ the workflow


@pytest.fixture
def town(branch):
    t = build_town(branch.id)
    t["ids"].update(add_members(branch.id, ["赵敏"], workers=("赵敏",)))
    settings.put({"satisfaction_threshold": 0.85})  # the branch's 88% passes
    return t


def test_workflow_with_send_back(town):
    wang, li = town["ids"]["王建国"], town["ids"]["李红"]
    n = cm.propose(YEAR, MEMBER, member_id=wang, deeds="帮助 3 户困难群众发展大棚", on="2026-01-05")
    assert (n.state, n.proposed_by, n.org_id) == ("已推荐", "东风村党支部", town["org"])
    with pytest.raises(ValidationError, match="不能重复推荐"):
        cm.propose(YEAR, MEMBER, member_id=wang)
    n2 = cm.propose(YEAR, MEMBER, member_id=li, on="2026-01-05")
    cm.review(YEAR, MEMBER, [n2.id, n.id], by="镇党委组织委员", on="2026-01-10")
    n, n2 = cm.get(n.id), cm.get(n2.id)
    assert (n.state, n.rank, n2.rank, n.reviewed_by) == ("已审核", 2, 1, "镇党委组织委员")

    cm.send_back(n.id, "事迹不够具体，请补充帮扶成效", on="2026-01-12")
    n = cm.get(n.id)
    assert (n.state, n.rank, n.return_reason) == ("已退回", None, "事迹不够具体，请补充帮扶成效")
    with pytest.raises(ValidationError, match="须经党委审核"):
        cm.decide([n.id])
    with pytest.raises(ValidationError, match="退回原因"):
        cm.send_back(n2.id, "  ")

    again = cm.propose(YEAR, MEMBER, member_id=wang, deeds="帮助 3 户困难群众年增收 1 万元", on="2026-01-14")
    assert again.id == n.id and again.state == "已推荐" and again.return_reason == ""
    cm.review(YEAR, MEMBER, [n.id], on="2026-01-15")  # listed first, the earlier one follows
    assert (cm.get(n.id).rank, cm.get(n2.id).rank) == (1, 2)
    assert cm.set_notice(YEAR, "2026-01-16", "2026-01-19") == 2
    cm.decide([n.id, n2.id], by="镇党委会议", on="2026-01-20", note="党委会集中审议")
    n = cm.get(n.id)
    assert (n.state, n.decided_on.isoformat(), n.decided_by) == ("已决定", "2026-01-20", "镇党委会议")
    with pytest.raises(ValidationError, match="不能退回"):
        cm.send_back(n.id, "重新考虑")
    history = cm.steps(n.id)
    assert [h[0] for h in history] == ["推荐", "审核", "退回", "推荐", "审核", "公示", "决定"]
    assert history[2][1].isoformat() == "2026-01-12" and history[2][3] == "事迹不够具体，请补充帮扶成效"
    assert history[-1][2:] == ("镇党委会议", "党委会集中审议")


def test_review_list_must_match(town):
    n = cm.propose(YEAR, MEMBER, member_id=town["ids"]["王建国"])
    with pytest.raises(ValidationError, match="只能包含"):
        cm.review(YEAR, WORKER, [n.id])
    with pytest.raises(ValidationError, match="重复"):
        cm.review(YEAR, MEMBER, [n.id, n.id])


def test_hard_rules_block_proposal_and_decision(town, branch):
    ids = town["ids"]
    with pytest.raises(ValidationError, match="不能推荐：党员互评结果为“不合格”"):
        cm.propose(YEAR, MEMBER, member_id=ids["刘芳"])
    with pytest.raises(ValidationError, match="没有登记为党务工作者"):
        cm.propose(YEAR, WORKER, member_id=ids["王建国"])
    with pytest.raises(ValidationError, match="推荐的是党组织"):
        cm.propose(YEAR, ORG, member_id=ids["王建国"])
    with pytest.raises(ValidationError, match="只能推荐党总支、党支部"):
        cm.propose(YEAR, ORG, org_id=branch.parent_id)
    settings.put({"satisfaction_threshold": 0.9})
    with pytest.raises(ValidationError, match="低于 90% 的门槛"):
        cm.propose(YEAR, ORG, org_id=town["org"])
    # the ledger or the grade can change between 推荐 and 决定: checked again
    n = cm.propose(YEAR, MEMBER, member_id=ids["王建国"])
    cm.review(YEAR, MEMBER, [n.id])
    assessment.enter(YEAR, member_id=ids["王建国"], grade="不合格")
    with pytest.raises(ValidationError, match="不能决定表彰：考核等次定为“不合格”"):
        cm.decide([n.id])
    assert cm.get(n.id).state == "已审核"


def test_city_commends_every_other_year(town):
    wang = town["ids"]["王建国"]
    assert cm.is_city_year(2025) and not cm.is_city_year(2026)  # from 2011, every two years
    with pytest.raises(ValidationError, match="2026年不是市委表彰年度"):
        cm.propose(2026, MEMBER, member_id=wang, level="市委")
    n = cm.propose(YEAR, MEMBER, member_id=wang, level="市委")
    assert n.level == "市委"
    cm.propose(YEAR, MEMBER, member_id=wang)  # the basic committee's own title is another nomination
    settings.put({"city_award_cycle": 1})
    assert cm.is_city_year(2026)


def _review_all(town, level="基层党委"):
    ids = town["ids"]
    org = cm.propose(YEAR, ORG, org_id=town["org"], deeds="“四议两公开”落实到位", level=level, on="2026-06-01")
    wang = cm.propose(YEAR, MEMBER, member_id=ids["王建国"], level=level, on="2026-06-01")
    li = cm.propose(YEAR, MEMBER, member_id=ids["李红"], level=level, on="2026-06-01")
    zhao = cm.propose(YEAR, WORKER, member_id=ids["赵敏"], level=level, on="2026-06-01")
    cm.review(YEAR, ORG, [org.id], level=level, on="2026-06-10")
    cm.review(YEAR, MEMBER, [li.id, wang.id], level=level, on="2026-06-10")
    cm.review(YEAR, WORKER, [zhao.id], level=level, on="2026-06-10")
    return org, wang, li, zhao


def _decide_all(town):
    org, wang, li, zhao = _review_all(town)
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    cm.decide([zhao.id, wang.id, li.id, org.id], on="2026-06-28", by="镇党委会议")
    return org, wang, li, zhao


def test_awards_are_numbered(town):
    org, wang, li, zhao = _decide_all(town)
    awards = cm.record_awards(YEAR)
    assert [(a.nomination_id, a.certificate_no) for a in awards] == [
        (org.id, "先锋〔2026〕1号"), (li.id, "先锋〔2026〕2号"), (wang.id, "先锋〔2026〕3号"),
        (zhao.id, "先锋〔2026〕4号")]
    assert all(a.year == YEAR and a.issuer == "中共先锋镇委员会" for a in awards)
    with pytest.raises(ValidationError, match="没有已决定但尚未发证"):
        cm.record_awards(YEAR)
    assert cm.waiting_counts()["待发证"] == 0
    zhang = town["ids"]["张伟"]
    assert cm.add_award(YEAR, MEMBER, member_id=zhang, decided_on="2026-07-01").certificate_no == "先锋〔2026〕5号"
    cm.add_award(2024, MEMBER, member_id=zhang, decided_on="2026-07-01", certificate_no="先锋〔2026〕6号")
    assert cm.add_award(2024, WORKER, member_id=zhang, decided_on="2026-07-01").certificate_no == "先锋〔2026〕7号"
    with pytest.raises(ValidationError, match="已经用过"):
        cm.add_award(2024, MEMBER, member_id=zhang, decided_on="2026-07-01", certificate_no="先锋〔2026〕6号")
    # the city's numbers run on their own; a new issuing year starts again at 1
    assert cm.add_award(YEAR, MEMBER, member_id=town["ids"]["王建国"], level="市委",
                        decided_on="2026-06-30").certificate_no == "市创〔2026〕1号"
    settings.put({"certificate_number_formats": {"基层党委": "东风〔{year}〕第{n}号", "市委": "市创〔{year}〕{n}号"}})
    assert cm.add_award(2026, MEMBER, member_id=zhang, decided_on="2027-01-10").certificate_no == "东风〔2027〕第1号"
    assert settings.get("certificate_number_formats")["基层党委"] == "东风〔{年份}〕第{序号}号"  # saved in Chinese
    settings.put({"certificate_number_formats": {"基层党委": "东字{年份}-{序号}", "市委": "市创〔{年份}〕{序号}号"}})
    assert cm.add_award(2026, WORKER, member_id=zhang, decided_on="2027-01-11").certificate_no == "东字2027-2"


def test_honours_and_demo_point(town):
    with pytest.raises(ValidationError, match="还没有受到“先进基层党组织”表彰"):
        cm.mark_demo_point(town["org"])
    _decide_all(town)
    cm.record_awards(YEAR)
    cm.add_award(2023, MEMBER, member_id=town["ids"]["王建国"], level="市委", decided_on="2023-06-30",
                 certificate_no="市创〔2023〕12号", issuer="中共××市委员会")
    history = cm.honours(member_id=town["ids"]["王建国"])
    assert [(h.year, h.title, h.level, h.certificate_no) for h in history] == [
        (2025, MEMBER, "基层党委", "先锋〔2026〕3号"), (2023, MEMBER, "市委", "市创〔2023〕12号")]
    assert [h.title for h in cm.honours(org_id=town["org"])] == [ORG]
    assert cm.mark_demo_point(town["org"]).is_demo_point
    assert organizations.get(town["org"]).is_demo_point


def test_public_rows_carry_no_private_data(town):
    with pytest.raises(ValidationError, match="还没有经党委审核"):
        cm.set_notice(YEAR, "2026-06-01", "2026-06-07")
    noms = _review_all(town)
    with pytest.raises(ValidationError, match="不能早于"):
        cm.set_notice(YEAR, "2026-06-07", "2026-06-01")
    assert cm.set_notice(YEAR, "2026-06-20", "2026-06-26") == 4
    cm.decide([n.id for n in noms], on="2026-06-28")
    with pytest.raises(ValidationError, match="尚待决定"):  # a decided one keeps its notice
        cm.set_notice(YEAR, "2026-07-01", "2026-07-07")
    notice = cm.candidate_notice(YEAR)
    assert (notice.notice_start.isoformat(), notice.notice_end.isoformat()) == ("2026-06-20", "2026-06-26")
    assert [(r.title, r.name) for r in notice.rows] == [
        (ORG, "中共东风村支部委员会"), (MEMBER, "李红"), (MEMBER, "王建国"), (WORKER, "赵敏")]
    assert notice.rows[0].deeds == "“四议两公开”落实到位" and notice.rows[1].sex in ("男", "女")
    cm.record_awards(YEAR)
    rows = cm.award_rows(YEAR)
    assert [(r.recipient, r.is_member, r.organization) for r in rows][:2] == [
        ("中共东风村支部委员会", False, "中共东风村支部委员会"), ("李红", True, "中共东风村支部委员会")]
    private = set()
    for mid in town["ids"].values():
        m = members.get(mid)
        private |= {m.id_number, m.mobile}
    for sheet in (sheets.candidate_notice_rows(YEAR), cm.award_sheet(YEAR)):
        cells = [str(v) for row in sheet.as_lists() for v in row]
        assert not any(p in c for p in private for c in cells)
    assert sheets.candidate_notice_rows(YEAR).headers[:3] == ("序号", "表彰类别", "姓名（组织名称）")


def test_waiting_counts(town):
    n = cm.propose(YEAR, MEMBER, member_id=town["ids"]["王建国"])
    m = cm.propose(YEAR, MEMBER, member_id=town["ids"]["李红"])
    cm.review(YEAR, MEMBER, [m.id])
    assert cm.waiting_counts() == {"待审核": 1, "待决定": 1, "待发证": 0, "已退回待重新推荐": 0}
    cm.send_back(n.id, "材料不全")
    cm.decide([m.id], without_notice=True)
    assert cm.waiting_counts() == {"待审核": 0, "待决定": 0, "待发证": 1, "已退回待重新推荐": 1}


def test_a_second_file_is_migrated_in_itself(db, tmp_path):
    """As when a backup is restored: the copy is upgraded on its own connection, with the
    models left bound to the open file, which the steps do not touch."""
    other = tmp_path / "old.db"
    dbmod.close()
    make_v2(other)
    opening.connect(tmp_path / "test.db")  # the open file, bound to the models again
    open_file = dbmod.database.obj
    before = open_file.execute_sql("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]

    con = peewee.SqliteDatabase(str(other))
    migrations.migrate(con)
    assert set(NEW_TABLES) <= set(con.get_tables())
    con.close()
    assert dbmod.database.obj is open_file
    assert open_file.execute_sql("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == before
