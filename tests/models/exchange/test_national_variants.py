"""Rosters exported by the national system in its own variations (issue 12, item 6).

Every file is built here by code, with made-up names and generated ID numbers (valid check
digits, see tests.helpers.make_id): extra columns, another column order, 出生年月 in place
of 出生日期, group headings merged over a two-row header, and the spellings offices use.
"""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from models.exchange import roster_import
from models.exchange.roster_import import NEW, SKIP, ImportOptions
from models.store.tables import Member
from tests.helpers import make_id

# (header, group heading over it or None, value for member i)
_PEOPLE = [
    ("刘建华", "19720512", "011", "男", "汉", "本科", "正式", "1995.07", "1996.07", "农民"),
    ("陈秀英", "19680309", "022", "女", "回族", "初中文化", "正式党员", "1990年6月", "1991年6月", "务农"),
    ("杨志强", "19850120", "033", "男性", "汉族", "大专", "正式", "2008-07-01", "2009-07-01", "村官"),
    ("黄丽", "19990811", "044", "女性", "土家", "中专", "预备", "2024-06", None, "学生"),
]


def _ids():
    return [make_id(birth, seq) for _n, birth, seq, *_rest in _PEOPLE]


COLUMNS = [  # national-system order, not the 21-column roster order
    ("姓名", "基本信息", lambda p, idn: p[0]),
    ("性别", "基本信息", lambda p, idn: p[3]),
    ("民族", "基本信息", lambda p, idn: p[4]),
    ("出生年月", "基本信息", lambda p, idn: f"{p[1][:4]}.{p[1][4:6]}"),
    ("籍贯", "基本信息", lambda p, idn: "河南省某县"),  # extra
    ("公民身份号码", None, lambda p, idn: idn),
    ("学历", "学历学位", lambda p, idn: p[5]),
    ("学位", "学历学位", lambda p, idn: ""),  # extra
    ("党员类别", None, lambda p, idn: p[6]),
    ("入党时间", "入党情况", lambda p, idn: p[7]),
    ("转正时间", "入党情况", lambda p, idn: p[8]),
    ("工作岗位", None, lambda p, idn: p[9]),
    ("工作单位及职务", None, lambda p, idn: "东风村"),  # extra
    ("联系电话", None, lambda p, idn: "13812345678"),
    ("所在党支部", None, lambda p, idn: "东风村党支部"),
]


def national_system(path, columns=COLUMNS, *, groups=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员信息"
    last = openpyxl.utils.get_column_letter(len(columns))
    ws["A1"] = "党员信息汇总（全国党员管理信息系统导出）"
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = "导出单位：中共先锋镇委员会　　导出时间：2026-11-30"
    ws.merge_cells(f"A2:{last}2")
    top, low = 3, 4
    col = 1
    while col <= len(columns):
        label, group, _value = columns[col - 1]
        if groups and group:
            span = 1
            while col + span <= len(columns) and columns[col + span - 1][1] == group:
                span += 1
            ws.cell(top, col, group)
            if span > 1:
                ws.merge_cells(start_row=top, end_row=top, start_column=col, end_column=col + span - 1)
            for i in range(span):
                ws.cell(low, col + i, columns[col + i - 1][0])
            col += span
        else:
            ws.cell(top, col, label)
            ws.merge_cells(start_row=top, end_row=low, start_column=col, end_column=col)
            col += 1
    for r, (person, idn) in enumerate(zip(_PEOPLE, _ids(), strict=True), low + 1):
        for c, (_label, _group, value) in enumerate(columns, 1):
            ws.cell(r, c, value(person, idn))
    wb.save(path)
    return path


def _check(preview, first_row):
    assert preview.layout.first_data_row == first_row
    assert [r.action for r in preview.rows] == [NEW] * 4, [r.reason for r in preview.rows]
    by_name = {r.values["name"]: r.values for r in preview.rows}
    assert by_name["刘建华"]["birth_date"] == dt.date(1972, 5, 12)  # the day from the ID
    assert by_name["刘建华"]["education"] == "大学" and by_name["刘建华"]["ethnicity"] == "汉族"
    assert by_name["刘建华"]["join_date"] == dt.date(1995, 7, 1)
    assert by_name["刘建华"]["month_only"] == "join_date,full_date"
    assert by_name["陈秀英"]["education"] == "初中" and by_name["陈秀英"]["job"] == "农牧渔业生产人员"
    assert by_name["杨志强"]["sex"] == "男" and by_name["杨志强"]["job"] == "大学生村官"
    assert by_name["黄丽"]["kind"] == "预备党员" and by_name["黄丽"]["ethnicity"] == "土家族"
    assert by_name["黄丽"]["education"] == "中等专科" and by_name["黄丽"]["job"] == "各类学生"


def test_national_system_export_with_group_headings_extra_columns_and_birth_months(tmp_path, branch):
    path = national_system(tmp_path / "导出.xlsx")
    preview = roster_import.preview_file(path, ImportOptions(org_id=branch.id))
    _check(preview, 5)
    assert not [m for m in preview.mappings if m.doubtful]
    roster_import.commit(preview)
    again = roster_import.preview_file(path, ImportOptions(org_id=branch.id))
    assert [r.action for r in again.rows] == [SKIP] * 4  # the second import changes nothing
    assert Member.select().count() == 4


def test_the_same_export_with_one_header_row_and_another_column_order(tmp_path, branch):
    columns = list(reversed(COLUMNS))
    path = national_system(tmp_path / "导出.xlsx", columns, groups=False)
    _check(roster_import.preview_file(path, ImportOptions(org_id=branch.id)), 5)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_the_same_export_saved_as_csv(tmp_path, branch, encoding):
    lines = [",".join(label for label, _g, _v in COLUMNS)]
    lines += [",".join(str(v(p, idn) or "") for _l, _g, v in COLUMNS) for p, idn in zip(_PEOPLE, _ids(),
                                                                                       strict=True)]
    path = tmp_path / "导出.csv"
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    _check(roster_import.preview_file(path, ImportOptions(org_id=branch.id)), 2)
