"""The plain data of the ledger, the candidate notice and the award list, from hand-counted records."""
import datetime as dt

import pytest

from models.commendation import nominations as cm
from models.config import settings
from models.constants import MEMBER_MASS_ITEMS
from models.errors import ValidationError
from models.printouts import committee as ap
from models.roster import members
from tests.models.township import YEAR, add_members, build_town

MEMBER, WORKER, ORG = "优秀共产党员", "优秀党务工作者", "先进基层党组织"


@pytest.fixture
def town(branch):
    t = build_town(branch.id)
    t["ids"].update(add_members(branch.id, ["赵敏"], workers=("赵敏",)))
    return t


def test_ledger_document_carries_the_counts(town):
    doc = ap.ledger_document(town["org"], YEAR)
    assert doc.organization == "中共东风村支部委员会" and doc.as_of == dt.date(YEAR, 12, 31)
    assert [(q.label, q.held, q.due) for q in doc.quarters] == [
        ("第一季度", True, True), ("第二季度", True, True), ("第三季度", False, True), ("第四季度", False, True)]
    q1 = doc.quarters[0]
    assert (q1.expected, q1.present, q1.leave, q1.absent, q1.cap_broken) == (4, 2, 1, 1, True)
    assert len(doc.cap_notes) == 1 and "第一季度" in doc.cap_notes[0]
    assert {m.name: (m.counts, m.grade) for m in doc.mutual}["刘芳"] == ((0, 1, 0, 4), "不合格")
    assert "赵敏" not in {m.name for m in doc.mutual}  # never rated: no line
    assert doc.excellent_cap == "三分之一" and not doc.excellent_over_cap  # 1 of 4 graded
    overall = doc.org_mass_overall
    assert (overall.total.favourable, overall.total.valid, overall.meets) == (44, 50, False)
    assert overall.party.rate == "95.0%" and overall.total.rate == "88.0%"
    assert [line.label for line in doc.member_mass] == ["王建国"]
    # 王建国's only votes: item 1, 群众 9 满意 and 1 不满意 — each item has its own line
    (wang,) = doc.member_mass
    assert [i.label for i in wang.items] == list(MEMBER_MASS_ITEMS)
    assert [(i.public.counts, i.public.favourable, i.party.valid, i.total.rate) for i in wang.items] == [
        ((9, 0, 0, 1), 9, 0, "90.0%"), ((0, 0, 0, 0), 0, 0, "—"), ((0, 0, 0, 0), 0, 0, "—"),
        ((0, 0, 0, 0), 0, 0, "—")]
    assert (wang.total.favourable, wang.total.valid) == (9, 10)
    pledges = {p.who: p for p in doc.pledges}
    assert (pledges["王建国"].items, pledges["王建国"].due, pledges["王建国"].fulfilled,
            pledges["王建国"].unfulfilled, pledges["王建国"].overdue) == (3, 3, 1, 1, 1)
    assert pledges["（组织承诺）"].fulfilled == 1
    (u,) = doc.unfulfilled
    assert (u.who, u.seq, u.reason) == ("王建国", 2, "资金未到位，已报镇里协调")
    assert [(c.quarter, c.leader) for c in doc.comments] == [("第一季度", "周建国")]


def test_threshold_and_cap_follow_the_settings(town):
    settings.put({"satisfaction_threshold": 0.85, "excellent_cap": 0.2, "satisfaction_formula": "top3"})
    doc = ap.ledger_document(town["org"], YEAR)
    assert doc.org_mass_overall.meets is True and doc.formula.startswith("（满意＋比较满意＋基本满意）")
    assert doc.excellent_cap == "五分之一" and doc.excellent_over_cap  # 1 of 4 is over ⅕
    assert ap.share_text(0.25) == "四分之一" and ap.share_text(0.4) == "40%"


def _workflow(town):
    """李红 and 王建国 reviewed, 张伟 only proposed, 赵敏 sent back; the organization decided."""
    settings.put({"satisfaction_threshold": 0.85, "default_supervision_phone": "0371-62810001"})
    ids = town["ids"]
    org = cm.propose(YEAR, ORG, org_id=town["org"], on="2026-06-01")
    wang = cm.propose(YEAR, MEMBER, member_id=ids["王建国"], on="2026-06-01")
    li = cm.propose(YEAR, MEMBER, member_id=ids["李红"], on="2026-06-01")
    cm.propose(YEAR, MEMBER, member_id=ids["张伟"], on="2026-06-01")
    zhao = cm.propose(YEAR, WORKER, member_id=ids["赵敏"], on="2026-06-01")
    cm.review(YEAR, ORG, [org.id], on="2026-06-10")
    cm.review(YEAR, MEMBER, [li.id, wang.id], on="2026-06-10")
    cm.send_back(zhao.id, "事迹不具体", on="2026-06-12")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    cm.decide([org.id, li.id], on="2026-06-28")
    return org, wang, li


def test_candidate_notice_lists_the_reviewed_only(town):
    with pytest.raises(ValidationError, match="还没有经党委审核"):
        ap.candidate_notice_document(YEAR)
    _workflow(town)
    notice = ap.candidate_notice_document(YEAR)
    assert [(r.title, r.name, r.organization) for r in notice.rows] == [
        (ORG, "中共东风村支部委员会", ""), (MEMBER, "李红", "中共东风村支部委员会"),
        (MEMBER, "王建国", "中共东风村支部委员会")]
    assert (notice.notice_start, notice.notice_end) == (dt.date(2026, 6, 20), dt.date(2026, 6, 26))
    assert notice.issue_date == notice.notice_start and notice.issuer == "中共先锋镇委员会"
    assert notice.supervision_phone == "0371-62810001"
    private = {v for mid in town["ids"].values() for v in (members.get(mid).id_number, members.get(mid).mobile)}
    assert not any(p in str(notice) for p in private)


def test_award_list_is_the_awarded(town):
    with pytest.raises(ValidationError, match="还没有已决定并编号"):
        ap.award_list_document(YEAR)
    _workflow(town)
    cm.record_awards(YEAR)
    awards = ap.award_list_document(YEAR)
    assert [(r.title, r.name, r.certificate_no) for r in awards.rows] == [
        (ORG, "中共东风村支部委员会", "先锋〔2026〕1号"), (MEMBER, "李红", "先锋〔2026〕2号")]
    assert awards.decided_on == dt.date(2026, 6, 28) and awards.rows[1].organization == "中共东风村支部委员会"
    with pytest.raises(ValidationError, match="表彰级别"):
        ap.award_list_document(YEAR, "省委")
