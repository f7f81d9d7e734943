"""The 表彰 workflow's order in time (推荐 → 审核 → 公示 → 决定), the committee's 不予表彰,
and who signs 市委-level commendations; printed documents are read back from the PDF."""
import pytest

from models.commendation import nominations as cm
from models.config import settings
from models.errors import ValidationError
from models.printouts import committee as ap
from models.printouts import print_setup, sheets
from models.printouts import sources as print_sources
from tests.models.township import YEAR, add_members, build_town
from tests.printing.fontfactory import build_ttf, main_codepoints
from tests.printing.pdfcheck import compact, text

ORG, MEMBER, WORKER = "先进基层党组织", "优秀共产党员", "优秀党务工作者"
TOWNSHIP, CITY_NAME = "中共先锋镇委员会", "中共新城市委员会"


@pytest.fixture(scope="session")
def test_font(tmp_path_factory):
    return build_ttf(tmp_path_factory.mktemp("fonts") / "xf-rules.ttf", main_codepoints() + [0xF7],
                     "XF Rules")


@pytest.fixture
def town(branch, test_font):
    t = build_town(branch.id)
    t["ids"].update(add_members(branch.id, ["赵敏"], workers=("赵敏",)))
    settings.put({"satisfaction_threshold": 0.85,
                  "font_overrides": {r: str(test_font) for r in ("title", "body", "kai", "hei", "song")}})
    return t


def _proposed(town, name="王建国", title=MEMBER, level="基层党委"):
    return cm.propose(YEAR, title, member_id=town["ids"][name], level=level, on="2026-06-01")


def _pdf_text(pdf: bytes) -> str:
    return "".join(compact(t) for t in text(pdf))


# ------------------------------------------------------------------ dates follow each other

def test_review_not_before_the_proposal(town):
    n = _proposed(town)
    with pytest.raises(ValidationError, match=r"审核日期（2026-05-31）不能早于王建国的推荐日期（2026-06-01）") as e:
        cm.review(YEAR, MEMBER, [n.id], on="2026-05-31")
    assert e.value.field == "on" and cm.get(n.id).state == "已推荐"
    cm.review(YEAR, MEMBER, [n.id], on="2026-06-01")  # the same day is fine
    assert cm.get(n.id).state == "已审核"


def test_decision_not_before_proposal_or_review(town):
    n = _proposed(town)
    cm.review(YEAR, MEMBER, [n.id], on="2026-06-10")
    with pytest.raises(ValidationError, match=r"决定日期（2026-05-20）不能早于王建国的推荐日期（2026-06-01）"):
        cm.decide([n.id], on="2026-05-20", without_notice=True)
    with pytest.raises(ValidationError, match=r"决定日期（2026-06-05）不能早于王建国的审核日期（2026-06-10）"):
        cm.decide([n.id], on="2026-06-05", without_notice=True)
    assert cm.get(n.id).state == "已审核" and cm.get(n.id).decided_on is None
    with pytest.raises(ValidationError, match="不能早于王建国的审核日期"):
        cm.send_back(n.id, "材料不全", on="2026-06-09")


def test_no_decision_while_the_notice_runs(town):
    n = _proposed(town)
    cm.review(YEAR, MEMBER, [n.id], on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    for day in ("2026-06-22", "2026-06-26"):  # the last day of the notice is still the notice
        with pytest.raises(ValidationError, match="公示期未满：王建国的拟表彰对象公示期为2026-06-20至2026-06-26，"
                                                  "须在2026-06-27及以后决定表彰") as e:
            cm.decide([n.id], on=day)
        assert e.value.field == "on"
    with pytest.raises(ValidationError, match="公示期未满"):  # confirming "without notice" does not help
        cm.decide([n.id], on="2026-06-22", without_notice=True)
    assert cm.get(n.id).state == "已审核"
    cm.decide([n.id], on="2026-06-27")
    assert cm.get(n.id).state == "已决定"
    assert cm.steps(n.id)[-1][3] == ""  # decided after the notice: nothing to remark


def test_deciding_without_any_notice_needs_the_flag(town):
    a, b = _proposed(town, "王建国"), _proposed(town, "李红")
    cm.review(YEAR, MEMBER, [a.id, b.id], on="2026-06-10")
    with pytest.raises(ValidationError, match="尚未发布拟表彰对象公示：王建国、李红还没有公示") as e:
        cm.decide([a.id, b.id], on="2026-06-28")
    assert e.value.field == "without_notice"
    assert {cm.get(a.id).state, cm.get(b.id).state} == {"已审核"}
    cm.decide([a.id, b.id], on="2026-06-28", note="镇党委会议", without_notice=True)
    assert cm.get(a.id).state == "已决定"
    assert cm.steps(a.id)[-1][0] == "决定" and cm.steps(a.id)[-1][3] == "镇党委会议；未经公示"


def test_a_notice_cannot_predate_the_review(town):
    n = _proposed(town)
    cm.review(YEAR, MEMBER, [n.id], on="2026-06-10")
    with pytest.raises(ValidationError, match=r"公示开始日期（2026-06-05）不能早于王建国的审核日期（2026-06-10）"):
        cm.set_notice(YEAR, "2026-06-05", "2026-06-11")  # a backdated notice would pass as served
    assert cm.get(n.id).notice_start is None
    cm.set_notice(YEAR, "2026-06-10", "2026-06-16")
    assert cm.get(n.id).notice_start is not None


def test_sent_back_during_the_notice_and_proposed_again_must_be_posted_again(town):
    n = _proposed(town)
    cm.review(YEAR, MEMBER, [n.id], on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-11", "2026-06-17")
    cm.send_back(n.id, "公示期间收到反映", on="2026-06-14")
    n = cm.propose(YEAR, MEMBER, member_id=town["ids"]["王建国"], on="2026-06-20", deeds="补充核实后重新推荐")
    assert (n.notice_start, n.notice_end) == (None, None)
    cm.review(YEAR, MEMBER, [n.id], on="2026-06-21")
    with pytest.raises(ValidationError, match="尚未发布拟表彰对象公示"):  # the old, ended notice does not count
        cm.decide([n.id], on="2026-06-22")


def test_the_notice_states_one_batch_and_its_own_period(town):
    a = _proposed(town, "王建国")
    cm.review(YEAR, MEMBER, [a.id], on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-11", "2026-06-17")
    b = _proposed(town, "李红")
    cm.review(YEAR, MEMBER, [b.id], on="2026-06-15")  # reviewed after the first notice went up
    preparing = cm.candidate_notice(YEAR)
    assert sorted(r.name for r in preparing.rows) == ["李红", "王建国"]  # set_notice will post both
    assert preparing.notice_start is None
    cm.decide([a.id], on="2026-06-18")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")  # the second batch: 李红 only
    second = cm.candidate_notice(YEAR)
    assert [r.name for r in second.rows] == ["李红"]
    assert (str(second.notice_start), str(second.notice_end)) == ("2026-06-20", "2026-06-26")
    cm.decide([b.id], on="2026-06-27")
    again = cm.candidate_notice(YEAR)  # all decided: the latest notice, printed again as posted
    assert [r.name for r in again.rows] == ["李红"] and str(again.notice_start) == "2026-06-20"


# ------------------------------------------------------------------ 不予表彰

def test_decline_is_final_and_kept_with_its_reason(town):
    a, b = _proposed(town, "王建国"), _proposed(town, "李红")
    cm.review(YEAR, MEMBER, [a.id, b.id], on="2026-06-10")
    with pytest.raises(ValidationError, match="不予表彰的原因") as e:
        cm.decline([a.id], "  ", on="2026-06-22")
    assert e.value.field == "reason"
    with pytest.raises(ValidationError, match="不能早于王建国的审核日期"):
        cm.decline([a.id], "公示期间收到反映", on="2026-06-09")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    (done,) = cm.decline([a.id], "公示期间收到反映，经核实存在问题", by="镇党委会议", on="2026-06-24")
    a = cm.get(a.id)
    assert (a.state, a.rank, a.return_reason, a.decided_on.isoformat(), a.decided_by) == (
        "不予表彰", None, "公示期间收到反映，经核实存在问题", "2026-06-24", "镇党委会议")
    assert cm.steps(a.id)[-1] == ("不予表彰", a.decided_on, "镇党委会议", "公示期间收到反映，经核实存在问题")
    with pytest.raises(ValidationError, match="不予表彰，不能再次推荐"):  # unlike 退回
        _proposed(town, "王建国")
    with pytest.raises(ValidationError, match="须经党委审核"):
        cm.decide([a.id], on="2026-06-28")
    with pytest.raises(ValidationError, match="不能退回"):
        cm.send_back(a.id, "重新考虑")
    cm.decide([b.id], on="2026-06-28")
    with pytest.raises(ValidationError, match="不能决定不予表彰"):
        cm.decline([b.id], "改变主意", on="2026-06-29")
    assert cm.waiting_counts(YEAR) == {"待审核": 0, "待决定": 0, "待发证": 1, "已退回待重新推荐": 0}


def test_only_the_decided_reach_the_printed_lists(town):
    """Through the whole workflow: 赵敏 sent back, 张伟 refused during the notice; only the
    organization, 李红 and 王建国 are on the award list, the later notice and the certificates."""
    ids = town["ids"]
    org = cm.propose(YEAR, ORG, org_id=town["org"], on="2026-06-01")
    wang, li, zhang = (_proposed(town, n) for n in ("王建国", "李红", "张伟"))
    zhao = _proposed(town, "赵敏", WORKER)
    cm.review(YEAR, ORG, [org.id], on="2026-06-10")
    cm.review(YEAR, MEMBER, [li.id, wang.id, zhang.id], on="2026-06-10")
    cm.review(YEAR, WORKER, [zhao.id], on="2026-06-10")
    cm.send_back(zhao.id, "事迹不具体，请补充", on="2026-06-12")
    assert cm.set_notice(YEAR, "2026-06-20", "2026-06-26") == 4
    cm.decline([zhang.id], "公示期间收到反映，经核实属实", on="2026-06-24")
    cm.decide([org.id, li.id, wang.id], on="2026-06-28")
    awards = cm.record_awards(YEAR)
    assert [a.nomination_id for a in awards] == [org.id, li.id, wang.id]
    assert ids["张伟"] not in {a.member_id for a in awards}
    fonts = print_setup.font_settings()

    from printing.documents.award_list import render_award_list
    from printing.documents.candidate_notice import render_candidate_notice
    from printing.documents.certificate import render_certificates

    listed = _pdf_text(render_award_list(ap.award_list_document(YEAR), fonts))
    assert "中共东风村支部委员会" in listed and "李红" in listed and "王建国" in listed
    assert "张伟" not in listed and "赵敏" not in listed
    assert "先锋〔2026〕3号" in listed and "先锋〔2026〕4号" not in listed
    notice = _pdf_text(render_candidate_notice(ap.candidate_notice_document(YEAR), fonts))
    assert "李红" in notice and "王建国" in notice and "张伟" not in notice and "赵敏" not in notice
    certs = print_sources.award_certificates(YEAR)
    pages = [compact(t) for t in text(render_certificates(certs, None, fonts))]
    assert len(pages) == 3
    addressed = ("中共东风村支部委员会：", "李红同志：", "王建国同志：")
    assert all(who in page for who, page in zip(addressed, pages, strict=True))
    assert not any("张伟" in p or "赵敏" in p for p in pages)
    sheet = cm.award_sheet(YEAR, "基层党委")
    assert [r[3] for r in sheet.rows] == ["中共东风村支部委员会", "李红", "王建国"]
    assert [r[2] for r in sheets.candidate_notice_rows(YEAR).rows] == ["中共东风村支部委员会", "李红", "王建国"]


# ------------------------------------------------------------------ 市委 signs its own

def _city_awards(town):
    """2025 is a city year (every two years from 2011): 王建国 and the branch, through the workflow."""
    org = cm.propose(YEAR, ORG, org_id=town["org"], level="市委", on="2026-06-01")
    wang = _proposed(town, "王建国", level="市委")
    cm.review(YEAR, ORG, [org.id], level="市委", on="2026-06-10")
    cm.review(YEAR, MEMBER, [wang.id], level="市委", on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26", level="市委")
    cm.decide([org.id, wang.id], on="2026-06-30")
    return org, wang


def test_city_awards_are_signed_by_the_city_committee(town):
    _city_awards(town)
    fonts = print_setup.font_settings()
    from printing.documents.award_list import render_award_list
    from printing.documents.candidate_notice import render_candidate_notice
    from printing.documents.certificate import render_certificates

    assert settings.get("city_committee_name") == "中共××市委员会"  # the placeholder is refused
    with pytest.raises(ValidationError, match="还没有填写市委全称") as e:
        cm.record_awards(YEAR, level="市委")
    assert e.value.field == "city_committee_name"
    with pytest.raises(ValidationError, match="还没有填写市委全称"):
        ap.candidate_notice_document(YEAR, "市委")
    settings.put({"city_committee_name": CITY_NAME})
    awards = cm.record_awards(YEAR, level="市委")
    assert [(a.certificate_no, a.issuer) for a in awards] == [("市创〔2026〕1号", CITY_NAME),
                                                              ("市创〔2026〕2号", CITY_NAME)]
    notice = _pdf_text(render_candidate_notice(ap.candidate_notice_document(YEAR, "市委"), fonts))
    listed = _pdf_text(render_award_list(ap.award_list_document(YEAR, "市委"), fonts))
    for whole in (notice, listed):
        assert CITY_NAME in whole and TOWNSHIP not in whole and "王建国" in whole
    assert "市创〔2026〕1号" in listed
    certs = print_sources.award_certificates(YEAR, "市委")
    assert [c.issuer for c in certs] == [CITY_NAME, CITY_NAME]
    pages = [compact(t) for t in text(render_certificates(certs, None, fonts))]
    assert all(CITY_NAME in p and TOWNSHIP not in p for p in pages)
    # the basic committee's own list of the year is empty: the city's awards are not in it
    with pytest.raises(ValidationError, match="还没有已发证书编号的基层党委表彰"):
        print_sources.award_certificates(YEAR)
    assert cm.candidate_notice(YEAR, "市委").issuer == CITY_NAME
    assert cm.candidate_notice(YEAR).issuer == TOWNSHIP


def test_recorded_issuer_stays_and_an_unsigned_city_award_takes_the_settings(town):
    """An award keeps the name it was recorded with; a 补录 city award without one is signed
    with the city's name as set now, never the township's."""
    cm.add_award(2023, MEMBER, member_id=town["ids"]["李红"], level="市委", decided_on="2023-06-30",
                 certificate_no="市创〔2023〕12号")
    with pytest.raises(ValidationError, match="还没有填写市委全称"):
        print_sources.award_certificates(2023, "市委")
    settings.put({"city_committee_name": CITY_NAME})
    (cert,) = print_sources.award_certificates(2023, "市委")
    assert cert.issuer == CITY_NAME
    settings.put({"city_committee_name": "中共新城市委员会（新）"})
    _city_awards(town)
    cm.record_awards(YEAR, level="市委")
    settings.put({"city_committee_name": "中共另一市委员会"})
    assert {c.issuer for c in print_sources.award_certificates(YEAR, "市委")} == {"中共新城市委员会（新）"}
    with pytest.raises(ValidationError, match="表彰级别"):
        print_sources.award_certificates(YEAR, "省委")


def test_the_candidate_list_masks_numbers_typed_into_the_deeds(town):
    n = cm.propose(YEAR, MEMBER, member_id=town["ids"]["王建国"], on="2026-06-01",
                   deeds="帮扶困难户12户，联系电话13912345678，身份证110101199003071234")
    cm.review(YEAR, MEMBER, [n.id], on="2026-06-10")
    deeds = sheets.candidate_notice_rows(YEAR).rows[0][-1]
    assert "13912345678" not in deeds and "139****5678" in deeds
    assert "110101199003071234" not in deeds and "帮扶困难户12户" in deeds
