"""Reading rosters in the other shapes offices have: formulas, .ods, Unicode text, CSV variants.

Every file is built here by code (no real people's data) and really read back through the
import, so what is checked is what the clerk would see in the preview.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import pytest

from models.errors import ValidationError
from models.exchange import roster_import, roster_read
from models.exchange.roster_format import COLUMNS
from models.exchange.roster_import import NEW, REJECT, ImportOptions
from tests.helpers import make_id
from tests.models.exchange.test_roster_import import HEADERS, national, outcome, person

KEYS = [c.key for c in COLUMNS]
ID_1, ID_2 = make_id("19800101", "011"), make_id("19750304", "022")


def wang(**over):
    return person("王芳", ID_2, sex="女", birth_date="1975-03-04", **over)


def preview(path, **kw):
    return roster_import.preview_file(path, ImportOptions(**kw))


# --- formulas -----------------------------------------------------------------------------------

def test_formula_without_saved_result_is_refused_at_its_cell(tmp_path, branch):
    """openpyxl saves formulas without results, as many web exports do: never read as blank."""
    path = national(tmp_path / "公式.xlsx", [person("李明", ID_1), wang()],
                    extra=[("D5", '="110101"&"19750304"&"0222"'), ("M4", "=13812345678")])
    p = preview(path)
    first, second = outcome(p, 4), outcome(p, 5)
    assert first.action == REJECT and second.action == REJECT
    assert [str(x) for x in second.problems] == ["D5：公式没有保存计算结果，请在 Excel 中打开并保存后再导入。"]
    assert [str(x) for x in first.problems] == ["M4：公式没有保存计算结果，请在 Excel 中打开并保存后再导入。"]
    assert second.raw["id_number"] is None and second.raw["name"] == "王芳"


def _with_cached_results(path, results):
    """The workbook as Excel saves it: each formula followed by its last result."""
    src = zipfile.ZipFile(path)
    parts = {name: src.read(name) for name in src.namelist()}
    src.close()
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in results.items():
        xml, n = re.subn(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                         rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{escape(value)}</v>', xml)
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_formula_with_saved_result_is_read(tmp_path, branch):
    path = national(tmp_path / "公式.xlsx", [person("李明", ID_1), wang()],
                    extra=[("D5", '="110101"&"19750304"&"0222"'), ("U4", '=""')])
    _with_cached_results(path, {"D5": ID_2, "U4": ""})
    p = preview(path)
    assert [r.action for r in p.rows] == [NEW, NEW]
    assert outcome(p, 5).values["id_number"] == ID_2
    assert outcome(p, 4).values["notes"] == ""  # an empty text result is a computed blank


# --- OpenDocument ---------------------------------------------------------------------------------

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_cell(value, repeat=1, span=None):
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    spanned = f' table:number-columns-spanned="{span[0]}" table:number-rows-spanned="{span[1]}"' if span else ""
    if value is None:
        return f"<table:table-cell{rep}{spanned}/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell{rep}{spanned} office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value:%Y/%m/%d}</text:p></table:table-cell>")
    if isinstance(value, (int, float)):
        return (f'<table:table-cell{rep}{spanned} office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return (f'<table:table-cell{rep}{spanned} office:value-type="string">'
            f"<text:p>{value}</text:p></table:table-cell>")


def write_ods(path, sheets):
    """sheets: (name, rows of cell XML strings). As LibreOffice saves it, trailing repeats and all."""
    body = []
    for name, rows in sheets:
        body.append(f'<table:table table:name="{escape(name)}">'
                    '<table:table-column table:number-columns-repeated="1024"/>')
        body.extend(f"<table:table-row>{''.join(cells)}</table:table-row>" for cells in rows)
        body.append('<table:table-row table:number-rows-repeated="1048000">'
                    '<table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">'
               f"<office:body><office:spreadsheet>{''.join(body)}</office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_ods_roster_from_libreoffice_is_read(tmp_path, branch):
    def row(p):
        cells = []
        for key in KEYS:
            value = p.get(key)
            if key in ("birth_date", "join_date", "full_date") and value:
                value = dt.date.fromisoformat(value)
            cells.append(ods_cell(value))
        return cells

    header = [ods_cell(h) for h in HEADERS]
    title = [ods_cell("东风村党员基本信息汇总表", span=(21, 1)),
             '<table:covered-table-cell table:number-columns-repeated="20"/>']
    first = person("李明", ID_1)
    second = wang(address='东风村<text:s text:c="2"/>2 组')
    second["org"] = None  # merged down from the row above
    merged = row(first)
    merged[2] = ods_cell(first["org"], span=(1, 2))
    cells = row(second)
    cells[2] = "<table:covered-table-cell/>"
    path = write_ods(tmp_path / "名册.ods", [
        ("填表说明", [[ods_cell("请按表头填写")]]),
        ("名册", [title, header, merged, cells, [ods_cell(None, repeat=5)]]),
    ])
    data = roster_read.read_file(path)
    assert data.sheet == "名册"
    p = preview(path)
    assert [r.action for r in p.rows] == [NEW, NEW], [str(x) for x in p.problems()]
    fang = outcome(p, 4)
    assert fang.values["birth_date"] == dt.date(1975, 3, 4)
    assert fang.values["address"] == "东风村  2 组"
    assert fang.org_label == first["org"]


def test_ods_named_sheet_and_broken_files(tmp_path, branch):
    path = write_ods(tmp_path / "两表.ods", [("甲", [[ods_cell("x")]]), ("乙", [[ods_cell("y"), ods_cell(12.5)]])])
    assert roster_read.read_file(path, sheet="乙").rows == [("y", 12.5)]
    with pytest.raises(ValidationError, match="没有名为“丙”的工作表"):
        roster_read.read_file(path, sheet="丙")
    assert roster_read.read_file(path).sheet == "甲"  # no header anywhere: the first sheet
    (tmp_path / "坏.ods").write_bytes(b"not a zip at all")
    with pytest.raises(ValidationError, match="不是 OpenDocument 表格"):
        roster_read.read_file(tmp_path / "坏.ods")


# --- text files -----------------------------------------------------------------------------------

def _text(rows, sep):
    return "\r\n".join(sep.join("" if v is None else str(v) for v in r) for r in rows) + "\r\n"


def _plain(p):
    """Cells as text, the way an office saves a roster as text."""
    return [p[k] for k in KEYS]


@pytest.mark.parametrize(("name", "encoding", "sep"), [
    ("Unicode 文本.txt", "utf-16", "\t"),  # Excel's "Unicode 文本": UTF-16LE with its mark
    ("无标记.txt", "utf-16-le", "\t"),
    ("带标记.csv", "utf-8-sig", ","),
    ("分号.csv", "utf-8", ";"),
    ("国标.csv", "gb18030", ","),
    ("制表符.tsv", "gbk", "\t"),
])
def test_text_rosters_in_every_encoding_and_separator(tmp_path, branch, name, encoding, sep):
    rows = [HEADERS, _plain(person("李明", ID_1, address="东风村 1 组")),
            _plain(wang())]
    path = tmp_path / name
    path.write_bytes(_text(rows, sep).encode(encoding))
    p = preview(path)
    assert [r.action for r in p.rows] == [NEW, NEW], [str(x) for x in p.problems()]
    assert outcome(p, 2).values["address"] == "东风村 1 组"
    assert outcome(p, 3).values["name"] == "王芳"


def test_separator_is_the_one_giving_even_columns(tmp_path):
    from models.exchange.text_read import delimiter_of

    assert delimiter_of(["姓名,住址", "李明,东风村;1组", "王芳,东风村;2组"]) == ","
    assert delimiter_of(["姓名;住址", "李明;东风村,1组", "王芳;东风村,2组"]) == ";"
    assert delimiter_of(["姓名\t住址,备注", "李明\t东风村,1组"]) == "\t"
    assert delimiter_of(['姓名,备注', '李明,"a;b;c"', '王芳,"d;e"']) == ","


def test_other_formats_are_refused_with_a_way_out(tmp_path):
    for suffix in (".numbers", ".xlsb"):
        (tmp_path / f"名册{suffix}").write_bytes(b"x")
        with pytest.raises(ValidationError, match="另存为 Excel 工作簿"):
            roster_read.read_file(tmp_path / f"名册{suffix}")
    (tmp_path / "名册.pdf").write_bytes(b"x")
    with pytest.raises(ValidationError, match=r"\.ods.*\.csv、\.txt"):
        roster_read.read_file(tmp_path / "名册.pdf")


def test_workbook_read_back_matches_cell_for_cell(tmp_path):
    """The reader's values are openpyxl's, short texts shared or not."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 40):
        ws.append(["男" if r % 2 else "女", r, r + 0.5, f"第{r}行" * 3, None, True])
    wb.save(tmp_path / "a.xlsx")
    expected = [tuple(row) for row in openpyxl.load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True)]
    got = roster_read.read_file(tmp_path / "a.xlsx").rows
    assert [tuple(v for v in r) + (None,) * (6 - len(r)) for r in got] == expected


def test_utf16_text_detected_from_its_bytes(tmp_path):
    from models.exchange.text_read import encoding_of

    for encoding, expected in (("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
                               ("utf-8", "utf-8"), ("gb18030", "gb18030")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes("姓名\tName\r\n李明\tLi Ming\r\n".encode(encoding))
        assert encoding_of(path) == expected
    (tmp_path / "bom.csv").write_bytes(codecs.BOM_UTF8 + "姓名".encode())
    assert encoding_of(tmp_path / "bom.csv") == "utf-8-sig"


# --- files whose name says something else -----------------------------------------------------------

def test_a_workbook_is_read_as_what_it_is_whatever_its_name(tmp_path, branch):
    from tests.models.exchange.test_roster_import import old_excel

    xlsx = national(tmp_path / "a.xlsx", [person("李明", ID_1)])
    xls = old_excel(tmp_path / "b.xls", [person("王芳", ID_2, sex="女", birth_date="1975-03-04")])
    ods = write_ods(tmp_path / "c.ods", [("名册", [[ods_cell(h) for h in HEADERS]])])
    for source, wrong in ((xlsx, "名册.xls"), (xls, "名册.xlsx"), (ods, "名册.xls"), (ods, "名册.xlsx")):
        renamed = tmp_path / wrong
        renamed.write_bytes(source.read_bytes())
        data = roster_read.read_file(renamed)
        assert any("姓名" in row for row in data.rows[:4]), (source, wrong)
    assert preview(tmp_path / "名册.xlsx").rows == []  # the .ods, header only, read as .ods


def test_web_pages_and_password_protected_files_are_refused_with_what_to_do(tmp_path):
    (tmp_path / "导出.xls").write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>",
                                      encoding="utf-8")
    with pytest.raises(ValidationError, match="实际上是网页.*另存为 Excel 工作簿"):
        roster_read.read_file(tmp_path / "导出.xls")
    (tmp_path / "2003.xls").write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:'
                                       'spreadsheet"></Workbook>', encoding="utf-8")
    with pytest.raises(ValidationError, match="实际上是网页"):
        roster_read.read_file(tmp_path / "2003.xls")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(600)
    (tmp_path / "密码.xlsx").write_bytes(ole)
    with pytest.raises(ValidationError, match="设置了打开密码"):
        roster_read.read_file(tmp_path / "密码.xlsx")


# --- progress while reading --------------------------------------------------------------------

class Stop(Exception):
    pass


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".ods"])
def test_reading_reports_progress_and_can_be_stopped(tmp_path, suffix):
    """A county roster takes seconds to read: the window's bar moves, and 取消 stops it."""
    count = 100_000 if suffix == ".csv" else 40_000  # a few MB each
    rows = [HEADERS[:4]] + [[f"党员{i}", f"{i:018d}", "男", "1980-01-01"] for i in range(count)]
    path = tmp_path / f"大{suffix}"
    if suffix == ".xlsx":
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("名册")
        for row in rows:
            ws.append(row)
        wb.save(path)
    elif suffix == ".csv":
        path.write_text(_text(rows, ","), encoding="utf-8")
    else:
        write_ods(path, [("名册", [[ods_cell(v) for v in row] for row in rows])])
    seen = []
    data = roster_read.read_file(path, progress=lambda done, total: seen.append((done, total)))
    assert len(data.rows) == count + 1
    assert len(seen) >= 2 and all(0 < d <= t for d, t in seen) and [d for d, _ in seen] == sorted(d for d, _ in seen)

    def stop(done, total):
        raise Stop

    with pytest.raises(Stop):
        roster_read.read_file(path, progress=stop)
