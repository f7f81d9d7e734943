"""季度评议记录: fields in order, long texts over pages, tally and rate tables, signatures."""
import datetime as dt

import pytest

from printing.documents.ballots import ORG_ITEMS
from printing.documents.minutes import (
    MARGINS,
    Leave,
    MutualRow,
    ReviewMinutes,
    SatisfactionRow,
    rate_text,
    render_minutes,
)
from tests.printing.formfonts import NAMES
from tests.printing.formfonts import check_pdf as check_form
from tests.printing.pdfcheck import cell_texts, compact, text

ORG = "中共东风村支部委员会"
RESULT = ("本季度支部围绕“五个先锋”开展了环境整治、产业帮扶等活动，组织党员义务劳动6次，参与党员120人次；"
          "帮助困难群众解决实际问题15件，其中协调修缮道路2处、落实低保3户（详见台账）。")


def minutes(**changes):
    data = dict(
        organization=ORG, year=2026, quarter=1, date=dt.date(2026, 3, 28), place="村委会二楼会议室",
        host=NAMES[0], recorder=NAMES[1], expected=30, present=26,
        leave=[Leave(NAMES[3], "外出务工"), Leave(NAMES[4], "生病住院")], absent=[NAMES[2], "刘七"],
        observers="镇党委组织委员陈明", topics="1.总结本季度创先争优活动；2.党员互评；3.群众评议。",
        results="\n".join([RESULT] * 6), problems="部分党员参加活动不够积极。\n个别承诺事项进度滞后。",
        measures="一是加强流动党员联系；二是对滞后事项逐项督办。", leader_name="陈明",
        leader_comment="活动扎实，下一步要注重实效。联系电话13812345678。",
        mutual_voters=26, mutual=[MutualRow(n, 10, 14, 2, 0) for n in NAMES] * 3,
        mass_party_voters=26, mass_public_voters=40,
        org_satisfaction=[SatisfactionRow(i, 0.9615, 0.9, None) for i in ORG_ITEMS],
        member_satisfaction=[SatisfactionRow(n, 0.95, None, 0.95) for n in NAMES],
    )
    data.update(changes)
    return ReviewMinutes(**data)


def test_record_reads_in_order_and_flows_over_pages(form_library):
    pdf = render_minutes(minutes(), form_library)
    chars, edges = check_pdf(pdf)
    pages = [compact(t) for t in text(pdf)]
    assert len(pages) >= 3
    whole = "".join(pages)
    order = ["2026年第一季度创先争优活动评议会议记录", ORG, "时间：2026年3月28日", "地点：村委会二楼会议室",
             f"主持人：{NAMES[0]}", f"记录人：{NAMES[1]}", "应到：30人", "实到：26人",
             f"请假：2人，{NAMES[3]}（外出务工）、{NAMES[4]}（生病住院）", f"缺席：2人，{NAMES[2]}、刘七",
             "列席：镇党委组织委员陈明", "一、会议议题", "二、取得的成效", "三、存在的问题", "四、整改措施",
             "五、领导点评", "点评领导：陈明", "六、党员互评情况", "参加互评党员26人。",
             "七、群众评议情况", "参加评议党员26人、群众40人", "（一）对党组织的评议", "（二）对党员的评议",
             "主持人（签字）：", "记录人（签字）：", "年月日"]
    at = -1
    for part in order:
        found = whole.find(part, at + 1)
        assert found > at, part
        at = found
    assert compact(RESULT) in whole
    for p in pages[1:-1] + pages[-1:]:
        assert p.startswith(compact(f"{ORG}　2026年第一季度创先争优活动评议会议记录（续）"))
    assert pages[0].endswith("—1—")


def check_pdf(pdf):
    return check_form(pdf, MARGINS)


def test_tables(form_library):
    pdf = render_minutes(minutes(), form_library)
    chars, edges = check_pdf(pdf)
    cells = cell_texts(chars, edges)
    for name in NAMES:
        assert cells.count(name) == 4, name      # 3 × 互评 + 1 × 群众评议
    assert "基本合格" in cells and "有效票" in cells
    assert cells.count("26") == 3 * len(NAMES)
    assert cells.count("96.2%") == 5 and cells.count("90.0%") == 5
    assert cells.count("—") == 5 + len(NAMES)
    whole = "".join(compact(t) for t in text(pdf))
    assert "满意率按（满意＋比较满意）÷有效票计算，达到90%以上为达标" in whole


def test_three_grades_and_unrecorded_attendance(form_library):
    pdf = render_minutes(minutes(three_grades=True, present=None, leave=[], absent=[], observers="",
                                 mutual=[MutualRow("王一", 1, 2, 0, 3)], member_satisfaction=[]),
                         form_library)
    whole = "".join(compact(t) for t in text(pdf))
    assert "基本合格" not in whole and "序号姓名优秀合格不合格有效票" in whole
    assert "实到：未登记" in whole and "请假：无" in whole and "缺席：无" in whole and "列席：无" in whole
    assert "王一1236" in whole


def test_empty_texts_say_none(form_library):
    pdf = render_minutes(minutes(topics="", results="", problems="", measures="", leader_comment="",
                                 mutual=[], org_satisfaction=[], member_satisfaction=[]), form_library)
    whole = "".join(compact(t) for t in text(pdf))
    assert whole.count("无。") == 5
    assert "（一）对党组织的评议" not in whole


def test_private_numbers_masked(form_library):
    whole = "".join(compact(t) for t in text(render_minutes(minutes(), form_library)))
    assert "13812345678" not in whole and "138****5678" in whole


def test_rate_text():
    assert rate_text(None) == "—" and rate_text(0.9) == "90.0%" and rate_text(1) == "100.0%"
    assert rate_text(0.96154) == "96.2%"


def test_bad_quarter():
    with pytest.raises(ValueError, match="季度应为 1 到 4：0"):
        minutes(quarter=0)


@pytest.mark.realfonts
def test_real_fonts(real_library):
    pdf = render_minutes(minutes(), real_library)
    chars, edges = check_pdf(pdf)
    cells = cell_texts(chars, edges)
    for name in NAMES:
        assert cells.count(name) == 4, name
