"""Public lists handed on as Excel files, masked like the printed notices.

Apart from the document builders of `models.printouts.committee` because these need only
the text rule of `printing.privacy`, not ReportLab, and the 表彰 page loads them with the window.
"""
from __future__ import annotations

from models.commendation.nominations import BASIC, candidate_notice
from models.sheet import Sheet
from printing.privacy import mask_private


def candidate_notice_rows(year: int, level: str = BASIC) -> Sheet:
    """The candidates as an Excel sheet (with 主要事迹, which the printed notice leaves out).

    The file is handed on like the notice, so an ID or mobile number a branch typed into the
    deeds is masked as on every printout."""
    notice = candidate_notice(year, level)
    headers = ("序号", "表彰类别", "姓名（组织名称）", "性别", "所在党组织", "党内职务或岗位", "主要事迹")
    return Sheet(f"{year}年度{level}拟表彰对象名单", headers,
                 [(n, r.title, r.name, r.sex, r.organization, r.post, mask_private(r.deeds))
                  for n, r in enumerate(notice.rows, 1)])
