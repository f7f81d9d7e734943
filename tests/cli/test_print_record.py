"""`main.py print record`: one member's 创先争优表现记录 with the branch's certification."""
from models.campaign import pledges, reviews
from models.commendation import nominations as commendations
from models.roster import members
from tests.cli.test_print_certificates import YEAR, check_pdf, run
from tests.cli.test_print_certificates import test_font as test_font
from tests.cli.test_print_certificates import township as township  # the fixture: branch, people, test font
from tests.helpers import make_id, member_data
from tests.printing.pdfcheck import page_sizes


def test_record_of_one_member(tmp_path, db_path, township):
    branch, people = township
    zhang = people[2]
    p = pledges.save_draft(branch.id, zhang.id, YEAR, [{"content": "每月走访困难户4户", "deadline": "2026-12-31"}])
    pledges.approve(p.id, "2026-03-01")
    reviews.save(branch.id, reviews.ReviewInput(
        year=YEAR, quarter=2, date="2026-05-20", texts={"place": "村部", "host": "王建国", "recorder": "李明"},
        attendance={m.id: ("出席", "") for m in people}, mutual_voters=3,
        mutual={m.id: (2, 1, 0, 0) for m in people}))
    commendations.add_award(YEAR, "优秀共产党员", member_id=zhang.id, decided_on="2026-06-28")
    out = tmp_path / "record.pdf"
    r = run(db_path, tmp_path, "record", "--member", "张三", "--from", str(YEAR - 1), "--to", str(YEAR),
            "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = check_pdf(out, people)
    assert {(round(w), round(h)) for w, h in page_sizes(out.read_bytes())} == {(595, 842)} and len(pages) <= 2
    whole = "".join(pages)
    assert whole.startswith("党员创先争优表现记录") and "姓名：张三" in whole
    # the item wraps in its narrow column, never leaving 始） alone on its last line
    assert "1.每月走访困难户4户（未" in whole and "开始）" in whole
    assert "二季度优秀" in whole and "1／1" in whole
    assert f"{YEAR}年度优秀共产党员（" in whole and f"{YEAR - 1}未作承诺" in whole
    assert "经核实，情况属实。" in whole and "党支部（盖章）" in whole


def test_a_shared_name_is_refused_with_both_organizations(tmp_path, db_path, township):
    branch, _people = township
    members.save(member_data(branch.id, name="张三", id_number=make_id("19800101", "551")))
    r = run(db_path, tmp_path, "record", "--member", "张三", "--from", "2026", "--to", "2026",
            "-o", str(tmp_path / "x.pdf"))
    assert r.returncode != 0 and "有 2 名党员叫“张三”" in r.stderr and branch.name in r.stderr
    r = run(db_path, tmp_path, "record", "--member", "查无此人", "--from", "2026", "--to", "2026",
            "-o", str(tmp_path / "x.pdf"))
    assert r.returncode != 0 and "没有名为“查无此人”的党员" in r.stderr


def test_records_of_a_list_in_one_pdf(tmp_path, db_path, township):
    _branch, people = township
    out = tmp_path / "records.pdf"
    r = run(db_path, tmp_path, "record", "--member", "张三", "--member", "李明", "--from", "2026", "--to", "2026",
            "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = check_pdf(out, people)
    assert len(pages) == 2 and "姓名：张三" in pages[0] and "姓名：李明" in pages[1]
    assert "2 名党员" in r.stdout
