"""`main.py print deeds`: the year's awardees with their 主要事迹, contents with page numbers."""
from models.commendation import nominations as commendations
from models.store.assessment_tables import Nomination
from tests.cli.test_print_certificates import YEAR, check_pdf, run
from tests.cli.test_print_certificates import test_font as test_font
from tests.cli.test_print_certificates import township as township  # the fixture: branch, people, test font
from tests.printing.pdfcheck import page_sizes

LONG = "该同志带头领办合作社，" * 60


def _with_deeds(award, deeds):
    nom = Nomination.create(year=award.year, category=award.category, level=award.level, org=award.org_id,
                            member=award.member_id, state="已决定", deeds=deeds)
    award.nomination = nom.id
    award.save()


def test_deeds_booklet(tmp_path, db_path, township):
    branch, people = township
    _with_deeds(commendations.add_award(YEAR, "优秀共产党员", member_id=people[2].id, decided_on="2026-06-28"),
                LONG + "\n群众称赞他是“领头雁”。")
    commendations.add_award(YEAR, "先进基层党组织", org_id=branch.id, decided_on="2026-06-28")
    out = tmp_path / "deeds.pdf"
    r = run(db_path, tmp_path, "deeds", "--year", str(YEAR), "-o", str(out))
    assert r.returncode == 0, r.stderr
    pages = check_pdf(out, people)
    assert {(round(w), round(h)) for w, h in page_sizes(out.read_bytes())} == {(595, 842)}   # A4 portrait
    assert pages[0].startswith(f"{YEAR}年度创先争优活动先进事迹材料")
    assert pages[1].startswith("目录")
    org_page = next(k for k, p in enumerate(pages, 1) if p.startswith("中共东风村支部委员会"))
    zhang_page = next(k for k, p in enumerate(pages, 1) if p.startswith("张三"))
    assert org_page < zhang_page                                # organizations first
    # cover and contents unnumbered; the first section is page 1, as the contents say
    assert f"中共东风村支部委员会{org_page - 2}" in pages[1]
    assert f"张三（中共东风村支部委员会）{zhang_page - 2}" in pages[1]
    assert "推荐时未填写主要事迹" in pages[org_page - 1]
    assert "领头雁" in "".join(pages[zhang_page - 1:]) and len(pages) >= zhang_page + 1   # long deeds flow on
    assert not any("—" in p for p in pages[:2])
    assert all(p.endswith(f"—{k}—") for k, p in enumerate(pages[2:], 1))


def test_deeds_without_awards(tmp_path, db_path, township):
    r = run(db_path, tmp_path, "deeds", "--year", "2019", "-o", str(tmp_path / "x.pdf"))
    assert r.returncode != 0 and "还没有已决定的表彰" in r.stderr
