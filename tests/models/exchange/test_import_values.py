"""Everyday spellings, partial dates and invisible characters in an imported roster (issue 12)."""
from __future__ import annotations

import datetime as dt

import pytest

from models.config import settings
from models.exchange import roster_export, roster_import, vocabulary
from models.exchange.roster_import import NEW, REJECT, SKIP, ImportOptions
from models.exchange.vocabulary import FUZZY, SYNONYM, UNKNOWN
from models.roster import members
from models.store.tables import Member
from tests.helpers import make_id
from tests.models.exchange.test_roster_import import national, outcome, person


@pytest.mark.parametrize(("key", "text", "value"), [
    ("education", "本科", "大学"), ("education", "大学本科", "大学"), ("education", "中专", "中等专科"),
    ("education", "初中文化", "初中"), ("education", "高中毕业", "普通高中"), ("education", "大专学历", "大专"),
    ("education", "专科", "大专"), ("education", "硕士", "硕士研究生"), ("education", "技校", "技工学校"),
    ("ethnicity", "汉", "汉族"), ("ethnicity", "回", "回族"), ("ethnicity", "维吾尔", "维吾尔族"),
    ("ethnicity", "土家", "土家族"), ("ethnicity", "蒙族", "蒙古族"), ("ethnicity", "汉族 ", "汉族"),
    ("kind", "正式", "正式党员"), ("kind", "预备", "预备党员"), ("sex", "男性", "男"), ("sex", "女性", "女"),
    ("sex", "Ｍ", "男"), ("party_status", "停止", "停止党籍"), ("job", "农民", "农牧渔业生产人员"),
    ("job", "退休", "退休人员"), ("is_lost", "√", "是"), ("is_mobile", "无", "否"), ("is_mobile", "流动", "是"),
])
def test_everyday_spellings_map_to_the_canonical_value(key, text, value):
    assert vocabulary.builtin(key, text)[0] == value


@pytest.mark.parametrize(("key", "text"), [
    ("education", "研究生"),  # 博士 or 硕士: two candidates, never a guess
    ("education", "初中以下"),  # below 初中 is not 初中
    ("education", "大字"),  # one slip from 大学 and from 大专
    ("ethnicity", "土组"),  # one slip from 土族 and from 土家
    ("sex", "未知"), ("kind", "党员"),
])
def test_ambiguous_or_unknown_spellings_are_not_guessed(key, text):
    assert vocabulary.builtin(key, text) == (None, UNKNOWN)


def test_a_slip_with_one_candidate_is_a_fuzzy_match():
    assert vocabulary.builtin("ethnicity", "汉组") == ("汉族", FUZZY)
    assert vocabulary.builtin("education", "硕士研") == ("硕士研究生", FUZZY)
    assert vocabulary.builtin("education", "本科") == ("大学", SYNONYM)


def _rows(n, **over):
    return [person(f"党员{chr(0x4e00 + i)}", make_id("19800101", f"{2 * i + 1:03d}"), **over) for i in range(n)]


def test_each_distinct_mapping_shown_once_with_its_row_count(tmp_path, branch):
    rows = _rows(32, education="本科", ethnicity="汉", kind="正式", sex="男性")
    rows += [person("张研", make_id("19800101", "901"), education="研究生"),
             person("李研", make_id("19800101", "913"), education="研究生", birth_date=None)]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions(org_id=branch.id))
    shown = [str(m) for m in preview.mappings]
    assert "学历「本科」→「大学」，32 行（常用写法）" in shown
    assert "民族「汉」→「汉族」，32 行（常用写法）" in shown
    assert "人员类别「正式」→「正式党员」，32 行（常用写法）" in shown
    assert "性别「男性」→「男」，32 行（常用写法）" in shown
    unknown = next(m for m in preview.mappings if m.text == "研究生")
    assert (unknown.count, unknown.value, unknown.doubtful) == (2, None, True)
    # an unmapped value does not refuse the row: left blank with a note naming the choices
    assert preview.counts()[NEW] == 34 and not preview.rejected()
    row = outcome(preview, 4 + 32)
    assert row.values["education"] == ""
    note = next(p for p in row.problems if p.cell == "H36")
    assert not note.blocking and "博士研究生、硕士研究生、大学" in note.message
    assert preview.rows[0].values["education"] == "大学"


def test_a_mapping_changed_for_all_its_rows_and_remembered(tmp_path, branch):
    rows = [person("张研", make_id("19800101", "901"), education="研究生"),
            person("李研", make_id("19800101", "913"), education="研究生")]
    path = national(tmp_path / "a.xlsx", rows)
    options = ImportOptions(org_id=branch.id, choices=(("education", "研究生", "硕士研究生"),))
    preview = roster_import.preview_file(path, options)
    assert [r.values["education"] for r in preview.rows] == ["硕士研究生", "硕士研究生"]
    assert not any(r.problems for r in preview.rows if r.action == NEW and any(
        p.cell.startswith("H") for p in r.problems))
    roster_import.commit(preview)
    assert settings.get("value_mappings")["education"]["研究生"] == "硕士研究生"

    # the next file: the confirmed choice applies by itself, and is shown as such
    rows = [person("王研", make_id("19800101", "925"), education="研究生")]
    again = roster_import.preview_file(national(tmp_path / "b.xlsx", rows), ImportOptions(org_id=branch.id))
    assert again.rows[0].values["education"] == "硕士研究生"
    assert str(again.mappings[0]) == "学历「研究生」→「硕士研究生」，1 行（以前确认过）"


def test_an_unknown_kind_cannot_be_guessed_and_refuses_until_chosen(tmp_path, branch):
    rows = [person("张三", make_id("19800101", "901"), kind="积极分子", full_date=None)]
    path = national(tmp_path / "a.xlsx", rows)
    preview = roster_import.preview_file(path, ImportOptions(org_id=branch.id))
    assert preview.rows[0].action == REJECT
    assert "正式党员、预备党员" in preview.rows[0].reason
    chosen = ImportOptions(org_id=branch.id, choices=(("kind", "积极分子", "预备党员"),))
    assert roster_import.preview_file(path, chosen).rows[0].values["kind"] == "预备党员"


def test_job_outside_the_statistics_list_is_kept_as_written(tmp_path, branch):
    rows = [person("张三", make_id("19800101", "901"), job="村会计"), person("李四", make_id("19800101", "913"),
                                                                           job="务农")]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions(org_id=branch.id))
    assert [r.values["job"] for r in preview.rows] == ["村会计", "农牧渔业生产人员"]
    kept = next(m for m in preview.mappings if m.text == "村会计")
    assert kept.target() == "（按原文保存）" and not kept.doubtful


# --- dates at the precision given -----------------------------------------------------------

def test_birth_month_checked_against_the_id_only_to_the_month(tmp_path, branch):
    rows = [person("甲", None, birth_date=text, join_date="1995-07-01", full_date="1996-07-01")
            for text in ("1972.05", "1972年5月", "197205", "1972-5", "1972/5")]
    rows.append(person("乙", make_id("19720612", "023"), birth_date="1972.05"))
    rows = [dict(r, id_number=make_id("19720512", f"{2 * i + 1:03d}")) for i, r in enumerate(rows[:5])] + rows[5:]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions(org_id=branch.id))
    assert [r.action for r in preview.rows] == [NEW] * 5 + [REJECT]
    assert {r.values["birth_date"] for r in preview.rows[:5]} == {dt.date(1972, 5, 12)}  # the ID's day
    assert all(r.values["month_only"] == "" for r in preview.rows[:5])
    assert "出生年月 1972-05 与身份证号不符" in preview.rows[5].reason


def test_a_birth_year_alone_is_completed_from_the_id(tmp_path, branch):
    rows = [person("甲", make_id("19720512", "011"), birth_date="1972", join_date="1995-07-01"),
            person("乙", make_id("19720512", "023"), birth_date=1972, join_date="1995-07-01"),
            person("丙", make_id("19720512", "035"), birth_date="1973年", join_date="1995-07-01"),
            person("丁", None, birth_date="1972", join_date="1995-07-01")]
    rows[3]["id_number"] = None
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions(org_id=branch.id))
    assert [r.action for r in preview.rows] == [NEW, NEW, REJECT, REJECT]
    assert preview.rows[0].values["birth_date"] == preview.rows[1].values["birth_date"] == dt.date(1972, 5, 12)
    assert "出生年份 1973 与身份证号不符" in preview.rows[2].reason
    assert "只有年份" in preview.rows[3].reason  # without an ID a year is too little


def test_a_join_date_known_to_the_month_is_stored_and_shown_as_a_month(tmp_path, branch):
    rows = [person("丙", None, birth_date="1972.05", join_date="1990年5月", full_date="1991.06")]
    rows[0]["id_number"] = None
    path = national(tmp_path / "a.xlsx", rows)
    preview = roster_import.preview_file(path, ImportOptions(org_id=branch.id))
    # joined in May 1990, born in May 1972: may have been 18 already, so not refused
    assert preview.rows[0].action == NEW, preview.rows[0].reason
    roster_import.commit(preview)
    member = Member.get(Member.name == "丙")
    assert member.join_date == dt.date(1990, 5, 1)
    assert member.month_only == "birth_date,join_date,full_date"
    form = members.as_form(member)
    assert (form["birth_date"], form["join_date"], form["full_date"]) == ("1972-05", "1990-05", "1991-06")
    assert str(members.list_rows()[0][members.LIST_COLUMNS.index("birth_date")]) == "1972-05"
    out = tmp_path / "out.xlsx"
    roster_export.export_roster(out)
    exported = roster_export.roster_rows()[0]
    assert (exported[6], exported[9], exported[10]) == ("1972-05", "1990-05", "1991-06")
    # read back: the same member, unchanged (the month stays a month)
    again = roster_import.preview_file(out, ImportOptions(org_id=branch.id))
    assert again.rows[0].action == SKIP, again.rows[0].problems


def test_a_form_save_keeps_or_drops_the_month_as_typed(branch):
    from tests.helpers import member_data

    member = members.save(member_data(branch.id, id_number=None, birth_date="1980-01-01", join_date="2005-07"))
    assert member.month_only == "join_date"
    member = members.save(members.as_form(member), member.id)  # saved again unchanged
    assert member.month_only == "join_date" and member.join_date == dt.date(2005, 7, 1)
    member = members.save({**members.as_form(member), "join_date": "2005-07-15"}, member.id)
    assert member.month_only == "" and member.join_date == dt.date(2005, 7, 15)


def test_serial_numbers_as_text_in_a_csv_are_dates(tmp_path, branch):
    idn = make_id("19720506", "011")
    path = tmp_path / "a.csv"
    path.write_text(f"姓名,公民身份证号,出生日期,加入党组织日期\n张三,{idn},26425,38534\n", encoding="utf-8")
    preview = roster_import.preview_file(path, ImportOptions(org_id=branch.id))
    row = preview.rows[0]
    assert row.action == NEW, row.reason
    assert (row.values["birth_date"], row.values["join_date"]) == (dt.date(1972, 5, 6), dt.date(2005, 7, 1))


# --- invisible characters ---------------------------------------------------------------------

@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u200e", "\u200f", "\u061c", "\u202e", "\u2067", "\ufeff"])
def test_invisible_and_direction_characters_are_removed_and_said(tmp_path, branch, mark):
    rows = [person(f"张{mark}三", make_id("19800101", "901"), address=f"东风村{mark}1 组")]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions(org_id=branch.id))
    row = preview.rows[0]
    assert row.action == NEW, row.reason
    assert row.values["name"] == "张三" and row.values["address"] == "东风村1 组"
    notes = [p for p in row.problems if "看不见的字符" in p.message]
    assert [p.cell for p in notes] == ["B4", "O4"] and not any(p.blocking for p in notes)
    assert preview.cleaned == 2
    roster_import.commit(preview)
    assert Member.get().name == "张三"


def test_marks_in_ids_names_and_headers_do_not_hide_a_stored_member(tmp_path, branch):
    idn = make_id("19800101", "901")
    path = national(tmp_path / "a.xlsx", [person("张三", idn), dict(person("李四", None), id_number=None)])
    roster_import.commit(roster_import.preview_file(path, ImportOptions(org_id=branch.id)))
    marked = [person("张\u202e三", f"\u200f{idn[:6]}\u00ad{idn[6:]}"),
              dict(person("李\u200e四", None), id_number=None)]
    path = national(tmp_path / "b.xlsx", marked, extra=[("B2", "姓\u200b名")])
    again = roster_import.preview_file(path, ImportOptions(org_id=branch.id))
    assert "name" in again.layout.columns
    assert [r.action for r in again.rows] == [SKIP, SKIP], [r.problems for r in again.rows]
    assert Member.select().count() == 2


def test_a_month_in_the_file_does_not_blur_a_stored_full_date(tmp_path, branch):
    from tests.helpers import member_data

    members.save(member_data(branch.id, name="李明", id_number=make_id("19800101", "011"),
                             join_date="2005-07-15", full_date="2006-07-15", address="东风村 1 组"))
    rows = [person("李明", make_id("19800101", "011"), join_date="2005.07", full_date="2006-08")]
    preview = roster_import.preview_file(national(tmp_path / "a.xlsx", rows), ImportOptions(org_id=branch.id))
    row = preview.rows[0]
    assert row.changes == ("转为正式党员日期",)  # 2006-08 is news; 2005.07 agrees with 2005-07-15
    roster_import.commit(preview)
    m = Member.get(Member.name == "李明")
    assert (m.join_date, m.full_date, m.month_only) == (dt.date(2005, 7, 15), dt.date(2006, 8, 1), "full_date")
