"""进展情况通报, 整改通知 and 实施方案/年度计划 from plain data, on generated fonts: A4 portrait,
fonts embedded, the text read back, the GB/T 9704 margins, no private numbers."""
import dataclasses
from datetime import date

import pytest

from printing.documents.bulletin import BehindLine, Bulletin, BulletinRow, render_bulletin
from printing.documents.plan import PlanDocument, PlanLine, render_plan
from printing.documents.rectification_notice import RectificationNotice, render_rectification_notice
from printing.errors import PrivateDataError
from printing.sizes import mm
from tests.printing.pdfcheck import assert_fonts_ok, assert_inside, chars_and_edges, compact, page_sizes, text

BULLETIN = Bulletin("中共先锋镇委员会", "2026年第二季度", True, date(2026, 6, 30), "90%",
                    (BulletinRow(1, "西风村党支部", "1/1", "100.0%", "95.0%"),
                     BulletinRow(2, "东风村党支部", "0/1", "50.0%", "—")),
                    (BehindLine("东风村党支部", ("第二季度未召开评议会", "2项到期承诺未办结")),),
                    1, date(2026, 7, 10))
NOTICE = RectificationNotice("中共先锋镇委员会", "中共东风村支部委员会", 2026, date(2026, 7, 12),
                             "第二季度未召开评议会\n2项到期承诺未办结", "补开评议会。", date(2026, 8, 10))
PLAN = PlanDocument("中共东风村支部委员会", 2026, "年度计划", "争创五好党支部。", "一是抓班子。\n二是抓队伍。",
                    "党员责任区", tuple(PlanLine(f"{m}月", f"第{m}项工作", "王支书") for m in range(1, 13)),
                    date(2026, 2, 1))


def _check(pdf: bytes) -> str:
    assert_fonts_ok(pdf)
    assert {(round(w), round(h)) for w, h in page_sizes(pdf)} == {(595, 842)}
    chars, _edges, _sizes = chars_and_edges(pdf)
    body = [c for c in chars if c.top < 842 - mm(33)]  # the page number sits below the type area
    assert body and len(body) < len(chars)
    assert_inside(body, mm(28), 595 - mm(26), mm(37), 842 - mm(35), tol=0.5)
    return "".join(compact(t) for t in text(pdf))


def test_bulletin_ranks_and_names_those_behind(library):
    whole = _check(render_bulletin(BULLETIN, library))
    assert "关于2026年第二季度创先争优活动进展情况的通报" in whole and "各党支部：" in whole
    assert "全镇2个基层党组织" in whole and "其中1个按时召开了本季度评议会" in whole
    assert whole.index("1西风村党支部1/1100.0%95.0%") < whole.index("2东风村党支部0/150.0%—")
    assert "1.东风村党支部：第二季度未召开评议会；2项到期承诺未办结。" in whole
    assert "中共先锋镇委员会2026年7月10日" in whole


def test_bulletin_without_anyone_behind_says_so(library):
    whole = _check(render_bulletin(dataclasses.replace(BULLETIN, behind=()), library))
    assert "未发现需要通报批评的情况" in whole and "各党组织均按要求推进" in whole


def test_notice_addresses_the_branch_with_its_deadline(library):
    whole = _check(render_rectification_notice(NOTICE, library))
    assert "关于限期整改的通知" in whole and "中共东风村支部委员会：" in whole
    assert "1.第二季度未召开评议会" in whole and "2.2项到期承诺未办结" in whole
    assert "请于2026年8月10日前完成整改" in whole and "2026年7月12日" in whole


def test_plan_lists_every_row_and_signs(library):
    pdf = render_plan(PLAN, library)
    whole = _check(pdf)
    assert "2026年创先争优活动年度计划" in whole and "一、目标" in whole and "四、时间安排" in whole
    assert all(f"{m}月第{m}项工作王支书" in whole for m in range(1, 13))
    assert whole.rindex("12月第12项工作") < whole.rindex("中共东风村支部委员会")  # the issuer after the table


@pytest.mark.parametrize("render,document", [
    (render_bulletin, dataclasses.replace(BULLETIN, behind=(BehindLine("东风村", ("联系13912345678",)),))),
    (render_rectification_notice, dataclasses.replace(NOTICE, problems="王某身份证110101198001010011")),
    (render_plan, dataclasses.replace(PLAN, rows=(PlanLine("3月", "走访", "王支书13912345678"),))),
])
def test_private_numbers_refused(library, render, document):
    with pytest.raises(PrivateDataError):
        render(document, library)
