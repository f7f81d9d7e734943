"""`main.py print review-results` end to end on the demo township: the public notice."""
import pytest

from models.store.tables import MutualTally, Review
from tests.cli.test_print_review_cli import no_private_data, org, read, run


@pytest.fixture
def real_fonts():
    from printing.errors import NoCJKFontError
    from printing.typeset.library import get_library

    try:
        get_library().primary("body")
    except NoCJKFontError:
        pytest.skip("本机没有中文字体（CI 会安装）")


@pytest.mark.realfonts
def test_review_results(tmp_path, real_fonts, demo_db, db_path):
    o = org()
    review = Review.select().where(Review.org == o.id).order_by(Review.year, Review.quarter).first()
    out = tmp_path / "results.pdf"
    r = run(tmp_path, db_path, "review-results", "--org", "红旗村党支部", "--year", str(review.year),
            "--quarter", str(review.quarter), "--date", f"{review.year}-12-01", "-o", str(out))
    assert r.returncode == 0, r.stderr
    whole = "".join(read(out))
    assert "评议结果公示" in whole and f"应到党员{review.expected}人" in whole
    assert "总体满意率" in whole and "公示期为" in whole and "监督电话" in whole
    assert f"{review.year}年12月1日至{review.year}年12月7日" in whole
    tallies = list(MutualTally.select().where(MutualTally.review == review.id))
    assert tallies and all(t.member.name in whole for t in tallies)
    assert "优秀合格基本合格不合格" not in whole and "票" not in whole   # grades only, never votes
    no_private_data([whole], o.id)


def test_review_results_without_review(tmp_path, demo_db, db_path):
    r = run(tmp_path, db_path, "review-results", "--org", "红旗村党支部", "--year", "2019", "--quarter", "1",
            "-o", str(tmp_path / "x.pdf"))
    assert r.returncode != 0 and "没有 2019 年第一季度的评议记录" in r.stderr
