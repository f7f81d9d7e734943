"""季度评议结果公示, 表现记录 and 先进事迹材料 from plain data, on generated fonts."""
import dataclasses
from datetime import date

import pytest

from printing.documents.deeds import DeedEntry, DeedsBooklet, render_deeds
from printing.documents.member_record import MemberRecord, YearRecord, render_member_records
from printing.documents.review_results import GradeLine, RateLine, ReviewResults, render_review_results
from printing.errors import PrivateDataError
from tests.printing.pdfcheck import assert_fonts_ok, compact, page_sizes, text

RESULTS = ReviewResults("中共东风村支部委员会", 2026, 2, date(2026, 5, 20), "村部", 12, 11,
                        (RateLine("承诺践诺情况", 0.85),), 0.85, 0.9, (GradeLine("王建国", "优秀"),),
                        date(2026, 5, 21), date(2026, 5, 27), "0371-62810001")


def test_results_below_the_threshold_say_so(library):
    pdf = render_review_results(RESULTS, library)
    assert_fonts_ok(pdf)
    assert {(round(w), round(h)) for w, h in page_sizes(pdf)} == {(595, 842)}
    whole = "".join(compact(t) for t in text(pdf))
    assert "群众总体满意率为85.0%，未达到90.0%的要求。" in whole
    assert "监督电话：0371-62810001" in whole and "王建国优秀" in whole


@pytest.mark.parametrize("document", [
    dataclasses.replace(RESULTS, place="村部（王建国身份证110101198001010011）"),
    dataclasses.replace(RESULTS, grades=(GradeLine("王建国13912345678", "优秀"),)),
])
def test_results_refuse_private_numbers(library, document):
    with pytest.raises(PrivateDataError, match="疑似身份证号或个人手机号"):
        render_review_results(document, library)


def test_record_and_deeds_refuse_private_numbers(library):
    record = MemberRecord("张三", "中共东风村支部委员会", years=(YearRecord(2026, ("联系13912345678",)),))
    with pytest.raises(PrivateDataError, match="疑似身份证号或个人手机号"):
        render_member_records([record], library)
    booklet = DeedsBooklet("中共先锋镇委员会", 2026, date(2026, 6, 28),
                           (DeedEntry("优秀共产党员", "张三", "中共东风村支部委员会", "身份证110101198001010011"),))
    with pytest.raises(PrivateDataError, match="疑似身份证号或个人手机号"):
        render_deeds(booklet, library)
