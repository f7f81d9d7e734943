"""Excel export: the national roster's exact shape, tidy generic tables, and the fast reader."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from models.exchange import roster_export, xlsx_read
from models.exchange.roster_format import COLUMNS
from models.exchange.xlsx_write import SheetLayout, write
from models.roster import organizations
from models.store.tables import Member


def test_roster_in_the_national_format(tmp_path, demo_db):
    path = tmp_path / "roster.xlsx"
    branch = organizations.find("红旗村党支部")
    n = roster_export.export_roster(path, [branch.id], title="红旗村党员基本信息汇总表")
    assert n == Member.select().where(Member.org == branch.id, Member.roll_status == "在册").count()
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "红旗村党员基本信息汇总表" and ws["A1"].font.b
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:U1", "A2:A3", "B2:B3", "Q2:R2", "S2:T2"} <= merged
    assert ws["Q2"].value == "失联情况" and ws["Q3"].value == "是否为失联党员"
    assert [ws.cell(2, c).value or ws.cell(3, c).value for c in range(1, 17)] == [
        c.label for c in COLUMNS[:16]]
    assert ws.freeze_panes == "C4"
    assert ws.max_row == 3 + n and ws["A4"].value == 1
    first = Member.get(Member.id_number == ws["D4"].value)
    assert isinstance(ws["D4"].value, str) and ws["D4"].number_format == "@"
    assert ws["G4"].value == first.birth_date.isoformat() and ws["G4"].number_format == "@"
    assert ws["C4"].value == branch.name
    assert ws["Q4"].value in ("是", "否")
    assert ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["D"].width > 20


def test_export_table_is_tidy(tmp_path):
    path = tmp_path / "t.xlsx"
    rows = [["王建国", dt.date(2026, 7, 1), True, 3, "0371-62810001"],
            ["李<&>", None, False, 2.5, "037162810001"]]
    n = roster_export.export_table(["姓名", "日期", "是否", "分数", "电话"], rows, path, "表彰名单",
                                   text_columns=(4,))
    assert n == 2
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "表彰名单" and ws["A1"].value == "表彰名单"
    assert [c.value for c in ws[2]] == ["姓名", "日期", "是否", "分数", "电话"]
    assert all(c.font.b for c in ws[2])
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:E4"
    assert ws["B3"].value == dt.datetime(2026, 7, 1) and ws["B3"].number_format == "yyyy\\-mm\\-dd"
    assert ws["C3"].value == "是" and ws["C4"].value == "否"
    assert ws["A4"].value == "李<&>" and ws["D4"].value == 2.5
    assert ws["E4"].value == "037162810001" and ws["E4"].number_format == "@"
    assert ws.column_dimensions["A"].width >= 6


def test_a_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "t.xlsx"
    roster_export.export_table(["a"], [[1]], path)
    before = path.read_bytes()

    def rows():
        yield [1]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        write(path, rows(), SheetLayout())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_fast_reader_reads_what_openpyxl_reads(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["文本", 12, 1.5, True, dt.datetime(1985, 7, 1), None, "  空格 ", "a&b<c>"])
    ws.append([None, None, "x"])
    ws["B5"] = "远处"
    ws["C2"].number_format = "@"
    ws["D6"] = dt.date(2001, 1, 1)
    ws["D6"].number_format = 'yyyy"年"m"月"d"日"'
    ws["E7"] = 36892
    ws["E7"].number_format = "0"
    ws.merge_cells("A8:B9")
    ws["A8"] = "合并"
    second = wb.create_sheet("第二页")
    second["A1"] = "另一页"
    wb.save(tmp_path / "x.xlsx")

    with xlsx_read.open_book(tmp_path / "x.xlsx") as book:
        assert [s.name for s in book.sheets] == ["Sheet", "第二页"]
        rows, merges = xlsx_read.read_sheet(book, book.sheets[0])
    expected = [tuple(r) for r in openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True).active.values]

    def trim(row):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        return tuple(row)

    expected = [trim(r) for r in expected]
    while not expected[-1]:  # openpyxl keeps the merged range's empty last row
        expected.pop()
    assert [trim(r) for r in rows] == expected
    assert merges == [(1, 8, 2, 9)]


def test_fast_reader_knows_chinese_date_formats(tmp_path):
    """numFmt 31 (2001年1月1日) is a date in Chinese Excel; openpyxl would give the serial."""
    import zipfile

    wb = openpyxl.Workbook()
    wb.active["A1"] = 36892
    wb.active["A1"].number_format = "General"
    wb.save(tmp_path / "a.xlsx")
    src = zipfile.ZipFile(tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "b.xlsx", "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/styles.xml":
                data = data.replace(b'<cellXfs count="1">', b'<cellXfs count="2">').replace(
                    b"</cellXfs>", b'<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" '
                                   b'applyNumberFormat="1"/></cellXfs>')
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="A1" t="n">', b'<c r="A1" s="1" t="n">')
            out.writestr(item, data)
    with xlsx_read.open_book(tmp_path / "b.xlsx") as book:
        rows, _ = xlsx_read.read_sheet(book, book.sheets[0])
    assert rows == [(dt.datetime(2001, 1, 1),)]
