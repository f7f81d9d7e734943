"""Roster import: messy real-world workbooks in, exact rows accepted and rejected out."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from models.config import settings
from models.errors import NotFound, ValidationError
from models.exchange import roster_import
from models.exchange.roster_format import COLUMNS
from models.exchange.roster_import import NEW, REJECT, SKIP, UPDATE, ImportOptions
from models.roster import members, organizations
from models.safety import opening
from models.store.import_tables import ImportBatch
from models.store.tables import AuditEntry, Member, Organization
from tests.helpers import make_id, member_data

HEADERS = [c.label for c in COLUMNS]
BRANCH = "中共东风村支部委员会"


def person(name="李明", id_number=None, **over):
    """One roster row (dict by key) that passes every rule."""
    row = {
        "seq": 1, "name": name, "org": BRANCH, "id_number": id_number or make_id("19800101", "011"),
        "sex": "男", "ethnicity": "汉族", "birth_date": "1980-01-01", "education": "大专",
        "kind": "正式党员", "join_date": "2005-07-01", "full_date": "2006-07-01",
        "job": "农牧渔业生产人员", "mobile": "13812345678", "phone": "", "address": "东风村 1 组",
        "party_status": "正常", "is_lost": "否", "lost_date": None, "is_mobile": "否",
        "mobile_destination": None, "notes": None,
    }
    row.update(over)
    return row


def national(path, rows, *, title="东风村党员基本信息汇总表", two_row_header=True, extra=()):
    """A workbook as offices keep it: merged title, a two-row header, data from row 4."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名册"
    ws["A1"] = title
    ws.merge_cells("A1:U1")
    if two_row_header:
        for col, label in enumerate(HEADERS, 1):
            if label in ("是否为失联党员", "失去联系日期", "是否为流动党员", "外出流向"):
                ws.cell(3, col, label)
            else:
                ws.cell(2, col, label)
                ws.merge_cells(start_row=2, end_row=3, start_column=col, end_column=col)
        ws["Q2"], ws["S2"] = "失联情况", "流动情况"
        ws.merge_cells("Q2:R2")
        ws.merge_cells("S2:T2")
    else:
        ws.append(HEADERS)
    for r, row in enumerate(rows, 4 if two_row_header else 3):
        if row is None:
            continue
        for col, key in enumerate(c.key for c in COLUMNS):
            ws.cell(r, col + 1, row.get(key))
    for cell, value in extra:
        ws[cell] = value
    wb.save(path)
    return path


@pytest.fixture
def village(branch):
    return branch


def outcome(preview, row):
    return next(r for r in preview.rows if r.row == row)


# --- a messy national roster ----------------------------------------------------------------

def test_messy_roster_rows_accepted_and_rejected_exactly(tmp_path, village):
    good = make_id("19800101", "011")
    damaged = float(make_id("19750315", "023"))  # 4.10522197503150E+17: 15 digits kept
    as_int = make_id("19810202", "035")
    with_x = next(make_id("19820303", f"{n:03d}") for n in range(1, 999, 2)
                  if make_id("19820303", f"{n:03d}").endswith("X"))
    wide = make_id("19830404", "047")
    wide_text = " ".join(wide.translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    rows = [
        person("李明", good, birth_date=dt.datetime(1980, 1, 1)),                          # 4
        person("王强", damaged, sex="男", birth_date=None),                                 # 5
        person("赵刚", "'" + as_int, birth_date="1981-02-02", join_date=38534),            # 6
        person("钱红", with_x.lower(), sex="", birth_date=None, join_date="2005.07",
               full_date="2006-7-1"),                                                       # 7
        person("孙 伟", wide_text, birth_date=None, mobile="１３８ １２３４ ５６７８",
               join_date="2005年7月", full_date=dt.date(2006, 7, 1)),                       # 8
        None,                                                                               # 9 blank
        person("李明", good),                                                               # 10 again
        {"seq": "合计", "name": "共 5 人"},                                                  # 11 total
        person("周洁", make_id("19840505", "058"), sex="女", birth_date=None,
               join_date="2005-13-01"),                                                     # 12
        person("吴敏", make_id("19850606", "062"), sex="男", birth_date=None),              # 13 sex
        person("郑华", make_id("19860707", "071"), birth_date=None, is_lost="是"),          # 14
        person("冯军", make_id("19870808", "083"), birth_date=None, org="西山村党支部"),    # 15
        {"seq": "填表人：张三"},                                                            # 16 note
        person("陈静", make_id("19880909", "094"), sex="女", birth_date=None,
               kind="预备党员", full_date="2014-01-01", join_date="2013-01-01"),            # 17
        person("褚亮", make_id("19790101", "015"), birth_date=None, is_mobile="可能"),      # 18
    ]
    path = national(tmp_path / "名册.xlsx", rows)
    preview = roster_import.preview_file(path, ImportOptions(org_id=village.id))

    assert preview.layout.first_data_row == 4
    accepted = {r.row: r for r in preview.accepted()}
    assert sorted(accepted) == [4, 6, 7, 8, 18]
    assert accepted[7].values["id_number"] == with_x  # lowercase x folded
    assert accepted[7].values["sex"] == ("男" if int(with_x[16]) % 2 else "女")
    assert accepted[7].values["join_date"] == dt.date(2005, 7, 1)
    assert accepted[7].values["full_date"] == dt.date(2006, 7, 1)
    assert accepted[8].values["id_number"] == wide  # full-width digits and spaces
    assert accepted[8].values["name"] == "孙伟"
    assert accepted[8].values["mobile"] == "13812345678"
    assert accepted[8].values["join_date"] == dt.date(2005, 7, 1)
    assert accepted[6].values["join_date"] == dt.date(2005, 7, 1)  # Excel serial 38534
    assert accepted[6].values["id_number"] == as_int
    assert accepted[4].values["org_id"] == village.id  # 中共东风村支部委员会 by full name

    rejected = {r.row: r.problems for r in preview.rejected()}
    assert sorted(rejected) == [5, 10, 12, 13, 14, 15, 17]
    first = {row: (probs[0].cell, probs[0].message) for row, probs in rejected.items()}
    assert first[5][0] == "D5" and "Excel" in first[5][1] and "15 位" in first[5][1]
    assert first[10] == ("D10", "与第 4 行是同一人（身份证号相同），本行未导入。")
    assert first[12][0] == "J12" and "没有 13 月" in first[12][1]
    assert first[13][0] == "E13" and "性别与身份证号不符" in first[13][1]
    assert first[14][0] == "R14" and "请填写失去联系日期" in first[14][1]
    assert first[15][0] == "C15" and "找不到名为“西山村党支部”的党组织" in first[15][1]
    assert first[17][0] == "K17" and "预备党员还没有转正" in first[17][1]
    # a 是/否 cell nobody can read is a note, not a refusal: 否, and listed for the clerk
    assert [(p.cell, p.blocking) for p in accepted[18].problems] == [("S18", False)]
    assert "看不出是“是”还是“否”，已按“否”处理" in accepted[18].problems[0].message
    assert accepted[18].values["is_mobile"] is False
    assert [(m.label, m.text, m.value, m.count) for m in preview.mappings] == [("是否为流动党员", "可能", None, 1)]

    assert [(p.row, p.blocking) for p in preview.ignored] == [(16, False)]
    assert preview.counts() == {NEW: 5, UPDATE: 0, SKIP: 0, REJECT: 7}
    assert Member.select().count() == 0  # nothing written by a preview

    batch = roster_import.commit(preview)
    assert batch.created_count == 5
    stored = {m.name: m for m in Member.select()}
    assert set(stored) == {"李明", "赵刚", "钱红", "孙伟", "褚亮"}
    assert stored["钱红"].id_number == with_x and stored["孙伟"].stroke_key


def test_header_words_with_spaces_newlines_synonyms_and_a_title(tmp_path, village):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "东风村党员名册"
    ws["A2"] = "填报单位：东风村党支部        填报日期：2026年3月"
    ws.append(["序 号", "姓  名", "公民身份\n证号", "性别", "出生年月", "入党时间", "转正时间",
               "文化程度", "手机号码", "所在支部", "备注（可空）"])
    ws.append([1, "李明", make_id("19800101", "011"), "男", "1980.01", "2005-07-01", "2006-07-01",
               "大专", "13812345678", "东风村党支部", ""])
    wb.save(tmp_path / "a.xlsx")
    preview = roster_import.preview_file(tmp_path / "a.xlsx", ImportOptions())
    assert preview.layout.first_data_row == 4
    assert set(preview.layout.columns) == {"seq", "name", "id_number", "sex", "birth_date",
                                           "join_date", "full_date", "education", "mobile", "org",
                                           "notes"}
    assert [r.action for r in preview.rows] == [NEW]
    assert preview.rows[0].values["org_id"] == village.id  # by short name


def test_rows_without_branch_go_to_the_chosen_organization(tmp_path, village):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "手机"])
    ws.append(["李明", make_id("19800101", "011"), "13812345678"])
    wb.save(tmp_path / "a.xlsx")
    preview = roster_import.preview_file(tmp_path / "a.xlsx", ImportOptions(org_id=village.id))
    assert preview.rows[0].values["org_id"] == village.id
    preview = roster_import.preview_file(tmp_path / "a.xlsx", ImportOptions())
    assert preview.rows[0].action == REJECT
    assert "没有填写所在党支部" in preview.rows[0].problems[0].message


def test_branch_found_by_full_short_or_name_without_zhonggong(tmp_path, village):
    rows = [person("李明", make_id("19800101", "011"), org="中共东风村支部委员会"),
            person("赵刚", make_id("19800101", "021"), org="东风村党支部"),
            person("钱红", make_id("19800101", "031"), org="东风村 支部委员会")]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions())
    assert [r.values.get("org_id") for r in preview.rows] == [village.id] * 3


def test_missing_branches_created_only_when_asked(tmp_path, village):
    top = Organization.get(Organization.level == "党委")
    rows = [person("李明", make_id("19800101", "011"), org="中共西山村支部委员会"),
            person("赵刚", make_id("19800101", "021"), org="中共西山村支部委员会")]
    path = national(tmp_path / "a.xlsx", rows)
    refused = roster_import.preview_file(path, ImportOptions(org_id=top.id))
    assert [r.action for r in refused.rows] == [REJECT, REJECT]
    preview = roster_import.preview_file(path, ImportOptions(org_id=village.id, create_orgs=True))
    assert [r.action for r in preview.rows] == [NEW, NEW]
    assert preview.new_orgs == {"中共西山村支部委员会": top.id}  # a 党支部 cannot be a parent
    roster_import.commit(preview)
    west = Organization.get(Organization.name == "中共西山村支部委员会")
    assert west.parent_id == top.id and west.level == "党支部"
    assert {m.org_id for m in Member.select()} == {west.id}


def test_people_already_stored_are_updated_or_skipped(tmp_path, village):
    known = members.save(member_data(village.id, name="李明", id_number=make_id("19800101", "011"),
                                     party_post="组织委员", is_hardship=True))
    rows = [person("李明", make_id("19800101", "011"), mobile="13900000000"),
            person("赵刚", make_id("19800101", "021"))]
    path = national(tmp_path / "a.xlsx", rows)

    skip = roster_import.preview_file(path, ImportOptions(update_existing=False))
    assert [r.action for r in skip.rows] == [SKIP, NEW]
    assert "按选择不更新" in skip.rows[0].problems[0].message

    update = roster_import.preview_file(path, ImportOptions(update_existing=True))
    assert [r.action for r in update.rows] == [UPDATE, NEW]
    assert set(update.rows[0].changes) >= {"手机号"}
    assert update.rows[0].member_id == known.id
    roster_import.commit(update)
    known = Member.get_by_id(known.id)
    assert known.mobile == "13900000000"
    assert known.party_post == "组织委员" and known.is_hardship  # not in the file: kept

    again = roster_import.preview_file(path, ImportOptions(update_existing=True))
    assert [r.action for r in again.rows] == [SKIP, SKIP]
    assert "无需更新" in again.rows[0].problems[-1].message
    assert again.problems(skipped=False) == []  # the command line leaves these notes out


def no_id(name, birth_date, **over):
    row = person(name, birth_date=birth_date, **over)
    row["id_number"] = None
    return row


def test_rows_without_id_are_found_again_by_name_and_birth_date(tmp_path, village):
    rows = [no_id("周老汉", "1950-03-02"), no_id("吴大姐", "1962-08-09", sex="女"), no_id("郑某", None)]
    path = national(tmp_path / "a.xlsx", rows)
    first = roster_import.preview_file(path, ImportOptions(update_existing=True))
    assert [r.action for r in first.rows] == [NEW, NEW, NEW], [p for r in first.rows for p in r.problems]
    assert "按姓名和出生日期与本条比对" in first.rows[0].problems[-1].message
    assert "信息不全" in first.rows[2].problems[-1].message  # 郑某: neither ID nor birth date
    roster_import.commit(first)

    rows[1]["mobile"] = "13700000000"
    path = national(tmp_path / "b.xlsx", rows)
    again = roster_import.preview_file(path, ImportOptions(update_existing=True))
    assert [r.action for r in again.rows] == [SKIP, UPDATE, SKIP]  # 郑某 found again by name
    assert "对应到已有党员“周老汉”" in " ".join(p.message for p in again.rows[0].problems)
    roster_import.commit(again)
    assert Member.select().where(Member.name == "周老汉").count() == 1
    assert Member.select().where(Member.name == "郑某").count() == 1  # never doubled
    assert Member.get(Member.name == "吴大姐").mobile == "13700000000"

    # two stored people of the same name and birth date: never guess
    members.save(member_data(village.id, name="周老汉", id_number=None, birth_date="1950-03-02"))
    third = roster_import.preview_file(path, ImportOptions(update_existing=True))
    assert third.rows[0].action == NEW
    assert "无法确定是谁" in third.rows[0].problems[-1].message

    # the same person twice in one file without ID numbers
    path = national(tmp_path / "c.xlsx", [no_id("钱某", "1970-01-01"), no_id("钱某", "1970-01-01")])
    twice = roster_import.preview_file(path, ImportOptions())
    assert [r.action for r in twice.rows] == [NEW, REJECT]
    assert "与第 4 行姓名、出生日期相同" in twice.rows[1].problems[0].message


def test_csv_in_utf8_bom_and_gbk(tmp_path, village):
    text = ("姓名,公民身份证号,所在党支部,加入党组织日期\n"
            f"李明,{make_id('19600101', '011')},东风村党支部,1985年7月\n"
            f"赵刚,4.10522E+17,东风村党支部,2005-7-1\n")
    (tmp_path / "u.csv").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "g.csv").write_bytes(text.encode("gbk"))
    (tmp_path / "t.csv").write_bytes(text.replace(",", "\t").encode("gbk"))
    for name in ("u.csv", "g.csv", "t.csv"):
        preview = roster_import.preview_file(tmp_path / name, ImportOptions())
        assert [r.action for r in preview.rows] == [NEW, REJECT], name
        assert preview.rows[0].values["join_date"] == dt.date(1985, 7, 1)
        assert preview.rows[1].problems[0].cell == "B3"
        assert "Excel" in preview.rows[1].problems[0].message


def test_a_sheet_with_a_merged_branch_column(tmp_path, village):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["所在党支部", "姓名", "身份证号"])
    ws.append(["东风村党支部", "李明", make_id("19800101", "011")])
    ws.append([None, "赵刚", make_id("19800101", "021")])
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "m.xlsx")
    preview = roster_import.preview_file(tmp_path / "m.xlsx", ImportOptions())
    assert [r.values.get("org_id") for r in preview.rows] == [village.id, village.id]


def test_the_roster_sheet_is_found_behind_an_instructions_sheet(tmp_path, village):
    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active["A1"] = "请按以下要求填写……"
    ws = wb.create_sheet("党员名册")
    ws.append(["姓名", "身份证号", "所在党支部"])
    ws.append(["李明", make_id("19800101", "011"), "东风村党支部"])
    wb.save(tmp_path / "s.xlsx")
    preview = roster_import.preview_file(tmp_path / "s.xlsx", ImportOptions())
    assert preview.data.sheet == "党员名册" and preview.counts()[NEW] == 1


def test_unrecognised_layout_needs_a_mapping_that_is_remembered(tmp_path, village):
    def sheet(path, rows):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["人", "证件", "单位"])
        for row in rows:
            ws.append(row)
        wb.save(path)
        return path

    first = sheet(tmp_path / "a.xlsx", [["李明", make_id("19800101", "011"), "东风村党支部"]])
    with pytest.raises(ValidationError, match="没有找到党员名册的表头"):
        roster_import.preview_file(first, ImportOptions())
    mapping = {"name": "A", "id_number": "B", "org": 2}
    preview = roster_import.preview_file(first, ImportOptions(), mapping=mapping)
    assert preview.layout.first_data_row == 2 and preview.counts()[NEW] == 1
    assert roster_import.remember_layout(preview.data, preview.layout)
    assert "人|证件|单位" in settings.get("import_mappings")

    second = sheet(tmp_path / "b.xlsx", [["赵刚", make_id("19800101", "021"), "东风村党支部"]])
    preview = roster_import.preview_file(second, ImportOptions())
    assert preview.rows[0].values["name"] == "赵刚"


def test_bad_mappings_are_refused(tmp_path, village):
    with pytest.raises(ValidationError, match="姓名"):
        roster_import.make_layout({"id_number": "B"}, 2)
    with pytest.raises(ValidationError, match="同一列"):
        roster_import.make_layout({"name": "A", "id_number": "A"}, 2)
    with pytest.raises(ValidationError, match="不是有效的列号"):
        roster_import.make_layout({"name": "A1"}, 2)


def old_excel(path, rows):
    """An Excel 97–2003 workbook as old office templates are: instructions sheet first,
    merged title, two-row header, dates as real dates, one ID typed as a number."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    info = wb.add_sheet("填表说明")
    info.write(0, 0, "请按全国党员信息系统的格式填写")
    ws = wb.add_sheet("名册")
    ws.write_merge(0, 0, 0, 20, "东风村党员基本信息汇总表")
    for col, label in enumerate(HEADERS):
        ws.write_merge(1, 2, col, col, label)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(rows, 3):
        for col, key in enumerate(c.key for c in COLUMNS):
            value = row.get(key)
            if key.endswith("_date") and value:
                ws.write(r, col, dt.date.fromisoformat(value), date_style)
            elif value is not None:
                ws.write(r, col, value)
    wb.save(str(path))
    return path


def test_old_excel_97_2003_workbooks_are_read(tmp_path, village):
    rows = [person("李明"), person("赵刚", make_id("19800101", "021")),
            person("孙丽", int(make_id("19800101", "022")[:17] + "0"), sex="女")]  # an ID as a number
    path = old_excel(tmp_path / "名册.xls", rows)
    preview = roster_import.preview_file(path, ImportOptions())
    assert preview.data.sheet == "名册"
    assert [r.action for r in preview.rows] == [NEW, NEW, REJECT]
    assert preview.rows[0].values["join_date"] == dt.date(2005, 7, 1)
    assert preview.rows[0].org_label and preview.rows[1].name == "赵刚"
    assert "数字" in " ".join(p.message for p in preview.rows[2].problems)
    roster_import.commit(preview)
    assert Member.get(Member.name == "赵刚").id_number == make_id("19800101", "021")


def test_old_excel_and_other_files_are_refused_with_a_way_out(tmp_path, db):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError, match="另存为"):
        roster_import.read_file(tmp_path / "old.xls")
    (tmp_path / "old.et").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError, match="另存为"):
        roster_import.read_file(tmp_path / "old.et")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="已损坏"):
        roster_import.read_file(tmp_path / "broken.xlsx")


# --- writing, atomicity, undo -----------------------------------------------------------------

def _counts():
    return (Member.select().count(), Organization.select().count(), ImportBatch.select().count(),
            AuditEntry.select().count())


def test_a_failure_mid_write_leaves_the_database_unchanged(tmp_path, village, monkeypatch):
    from models.exchange import roster_write

    known = members.save(member_data(village.id, name="李明", id_number=make_id("19800101", "011")))
    rows = [person("李明", make_id("19800101", "011"), mobile="13900000000"),
            person("赵刚", make_id("19800101", "021"), org="中共西山村支部委员会")]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows),
                                         ImportOptions(org_id=village.parent_id, create_orgs=True))
    before = _counts()

    def boom(*args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(roster_write, "_update_members", boom)  # after orgs and inserts
    with pytest.raises(RuntimeError, match="disk gone"):
        roster_import.commit(preview)
    assert _counts() == before
    assert Member.get_by_id(known.id).mobile == "13812345678"


def test_a_preview_gone_stale_is_refused(tmp_path, village):
    known = members.save(member_data(village.id, name="李明", id_number=make_id("19800101", "011")))
    preview = roster_import.preview_file(
        national(tmp_path / "a.xlsx", [person("李明", make_id("19800101", "011"), mobile="13900000000")]),
        ImportOptions())
    members.save({**members.as_form(known), "address": "新地址"}, known.id)
    with pytest.raises(ValidationError, match="重新预览"):
        roster_import.commit(preview)


def test_undo_takes_back_the_whole_import(tmp_path, village):
    known = members.save(member_data(village.id, name="李明", id_number=make_id("19800101", "011")))
    stored_before = Member.select().where(Member.id == known.id).dicts().get()
    rows = [person("李明", make_id("19800101", "011"), mobile="13900000000", address="新住址"),
            person("赵刚", make_id("19800101", "021"), org="中共西山村支部委员会"),
            person("钱红", make_id("19800101", "031"))]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows),
                                         ImportOptions(org_id=village.parent_id, create_orgs=True))
    batch = roster_import.commit(preview)
    assert (batch.created_count, batch.updated_count) == (2, 1)
    assert json.loads(batch.created_org_ids)
    assert AuditEntry.select().where(AuditEntry.action == "导入").count() == 1

    undone = roster_import.undo()
    assert undone.id == batch.id and undone.undone_at is not None
    assert [m.name for m in Member.select()] == ["李明"]
    assert Member.select().where(Member.id == known.id).dicts().get() == stored_before
    assert not Organization.select().where(Organization.name == "中共西山村支部委员会").exists()
    with pytest.raises(ValidationError, match="撤销过了"):
        roster_import.undo(batch.id)
    with pytest.raises(NotFound, match="没有可以撤销的导入。"):
        roster_import.undo()


def test_undo_refused_when_members_were_edited_since(tmp_path, village):
    rows = [person("李明", make_id("19800101", "011")), person("赵刚", make_id("19800101", "021"))]
    roster_import.commit(roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions()))
    edited = Member.get(Member.name == "赵刚")
    members.save({**members.as_form(edited), "notes": "已核实"}, edited.id)
    before = _counts()
    with pytest.raises(ValidationError, match="又修改过 1 名党员的信息（赵刚）"):
        roster_import.undo()
    assert _counts() == before


def test_undo_refused_when_new_members_have_records(tmp_path, village):
    from models.store.tables import Pledge

    rows = [person("李明", make_id("19800101", "011"))]
    roster_import.commit(roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions()))
    Pledge.create(org=village, member=Member.get(), year=2026)
    with pytest.raises(ValidationError, match="承诺、评议或其他记录（李明）"):
        roster_import.undo()
    assert Member.select().count() == 1


def test_nothing_to_import_is_an_error(tmp_path, village):
    preview = roster_import.preview_file(
        national(tmp_path / "a.xlsx", [person("李明", "123")]), ImportOptions())
    assert preview.counts()[REJECT] == 1
    with pytest.raises(ValidationError, match="没有可以导入"):
        roster_import.commit(preview)


# --- rejected rows, round trip ------------------------------------------------------------------

def test_rejected_rows_saved_with_reasons_and_importable_again(tmp_path, village):
    damaged = float(make_id("19750315", "023"))
    rows = [person("李明", make_id("19800101", "011")),
            person("王强", damaged, birth_date=None),
            person("周洁", make_id("19840505", "058"), sex="女", birth_date=None, join_date="2005-13-01")]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions())
    out = tmp_path / "未通过.xlsx"
    assert roster_import.save_rejects(preview, out) == 2
    ws = openpyxl.load_workbook(out).active
    assert ws["A2"].value == "原行号" and ws["V2"].value == "未通过原因"
    assert [ws["A3"].value, ws["A4"].value] == [5, 6]
    excel_kept = make_id("19750315", "023")[:15] + "000"
    assert ws["D3"].value == excel_kept and ws["D3"].number_format == "@"
    assert "D5：" in ws["V3"].value and "J6：" in ws["V4"].value

    again = roster_import.preview_file(out, ImportOptions())
    assert [r.action for r in again.rows] == [REJECT, REJECT]
    assert "Excel" in again.rows[0].reason and "13 月" in again.rows[1].reason


def test_exported_roster_imports_back_without_loss(tmp_path, demo_db):
    from models.exchange import roster_export
    from models.store import db as dbmod

    path = tmp_path / "roster.xlsx"
    n = roster_export.export_roster(path)
    columns = [c.key for c in COLUMNS if c.key not in ("seq", "org")]

    def snapshot():
        rows = {}
        for m in Member.select().where(Member.roll_status.in_(("在册", "停止党籍"))):
            rows[m.id_number] = (m.org.name, *(getattr(m, k) for k in columns))
        return rows

    before = snapshot()
    assert len(before) == n
    again = roster_import.preview_file(path, ImportOptions())
    assert again.counts() == {NEW: 0, UPDATE: 0, SKIP: n, REJECT: 0}

    dbmod.close()
    opening.connect(tmp_path / "fresh.db")
    top = organizations.save({"name": "中共先锋镇委员会", "level": "党委"})
    preview = roster_import.preview_file(path, ImportOptions(org_id=top.id, create_orgs=True))
    assert preview.counts()[NEW] == n and not preview.problems()
    roster_import.commit(preview)
    assert snapshot() == before
