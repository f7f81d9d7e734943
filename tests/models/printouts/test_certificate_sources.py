"""荣誉证书 data from records, and the printing settings (fonts, stock, printer offsets)."""
import datetime as dt
from dataclasses import fields

import pytest

from models.commendation import nominations as commendations
from models.config import print_settings, settings
from models.errors import ValidationError
from models.printouts import print_setup
from models.printouts import sources as print_sources
from models.roster import members
from tests.helpers import make_id, member_data

YEAR = 2026


@pytest.fixture
def people(branch):
    names = ["王建国", "李喆", "张堃", "欧阳明华"]
    return [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:03d}"),
                                     mobile=f"1381234567{i}"))
            for i, n in enumerate(names, 1)]


# ------------------------------------------------------------------ settings

def test_print_settings_defaults_and_validation(db):
    assert settings.get("certificate_stock") == "plain"
    assert settings.get("certificate_offsets") == {} and settings.get("font_overrides") == {}
    settings.put({"certificate_stock": "16k",
                  "certificate_offsets": {"HP LaserJet 1020": ["1.25", -2], "Canon": (0, 0)},
                  "font_overrides": {"title": " C:/Windows/Fonts/FZXBSJW.TTF ", "body": ""}})
    assert settings.get("certificate_stock") == "16k"
    assert settings.get("certificate_offsets") == {"HP LaserJet 1020": [1.2, -2.0], "Canon": [0.0, 0.0]}
    assert settings.get("font_overrides") == {"title": "C:/Windows/Fonts/FZXBSJW.TTF"}
    for bad, words in (({"certificate_stock": "A5"}, "证书纸张只能是 plain"),
                       ({"certificate_offsets": {"HP": [40, 0]}}, "打印机“HP”的偏移不能超过 30 毫米。"),
                       ({"certificate_offsets": {"HP": [1]}}, "打印机“HP”的偏移应为水平、垂直两个毫米数。"),
                       ({"certificate_offsets": {"": [1, 1]}}, "打印机名称不能为空"),
                       ({"certificate_offsets": {"HP": ["左", 0]}}, "打印机“HP”的偏移应为毫米数。"),
                       ({"font_overrides": {"bold": "x.ttf"}}, "未知的字体用途“bold”。"),
                       ({"date_style_certificate": "roman"}, "日期写法只能是 arabic")):
        with pytest.raises(ValidationError) as info:
            settings.put(bad)
        assert words in info.value.message
    assert settings.get("certificate_stock") == "16k"      # nothing half-saved


def test_mirrored_constants_match_printing():
    from printing.layout.certificate_layout import MAX_OFFSET_MM, STOCKS
    from printing.typeset.fontcatalog import ROLES

    assert print_settings.FONT_ROLES == ROLES
    assert print_settings.CERTIFICATE_STOCKS == STOCKS
    assert print_settings.MAX_OFFSET_MM == MAX_OFFSET_MM


def test_font_settings_and_layout_from_the_database(db, tmp_path):
    font = tmp_path / "kai.ttf"
    font.write_bytes(b"")
    settings.put({"font_overrides": {"kai": str(font)}, "certificate_stock": "a4p",
                  "certificate_offsets": {"Epson": [1.5, -0.5]}})
    fs = print_setup.font_settings()
    assert dict(fs.overrides) == {"kai": str(font)} and fs.system_fonts
    assert dict(print_setup.font_settings({"title": "x.ttf"}).overrides) == {"title": "x.ttf"}
    layout = print_setup.certificate_layout(printer="Epson")
    assert layout.stock == "a4p" and layout.offset_mm == (1.5, -0.5)
    assert print_setup.certificate_layout("16k", "未校准的打印机").offset_mm == (0.0, 0.0)
    assert print_setup.certificate_layout("plain", offset_mm=(2, 3)).offset_mm == (2.0, 3.0)


# ------------------------------------------------------------------ records → certificates

def test_member_certificates_in_stroke_order_without_private_data(branch, people):
    settings.put({"committee_name": "中共红旗镇委员会", "date_style_certificate": "arabic"})
    certs = print_sources.member_certificates([p.id for p in reversed(people)], "优秀党务工作者", YEAR,
                                              issue_date=dt.date(2026, 7, 1))
    assert [c.recipient for c in certs] == ["王建国", "李喆", "张堃", "欧阳明华"]   # 姓氏笔画
    assert {c.issuer for c in certs} == {"中共红旗镇委员会"} and {c.date_style for c in certs} == {"arabic"}
    assert all(c.title == "优秀党务工作者" and c.year == YEAR and not c.is_organization for c in certs)
    values = " ".join(str(getattr(c, f.name)) for c in certs for f in fields(c))
    for p in people:
        assert p.id_number not in values and p.mobile not in values


def test_member_certificate_errors(branch, people):
    with pytest.raises(ValidationError, match="请至少选择一名党员。"):
        print_sources.member_certificates([], "优秀共产党员", YEAR)
    with pytest.raises(ValidationError, match="“先进基层党组织”授予党组织，不授予党员个人。"):
        print_sources.member_certificates([people[0].id], "先进基层党组织", YEAR)
    with pytest.raises(ValidationError, match="请选择或填写荣誉称号。"):
        print_sources.member_certificates([people[0].id], "  ", YEAR)
    with pytest.raises(ValidationError, match="所选党员中有的记录已不存在，请刷新后重选。"):
        print_sources.member_certificates([people[0].id, 99999], "优秀共产党员", YEAR)
    typed = print_sources.member_certificates([people[0].id], "“优秀志愿者”", YEAR)
    assert typed[0].title == "优秀志愿者"


def test_org_member_and_org_certificates(branch, people):
    certs = print_sources.org_member_certificates(branch.id, "优秀共产党员", YEAR)
    assert len(certs) == len(people)
    (org,) = print_sources.org_certificates([branch.id], year=YEAR)
    assert org.recipient == "中共东风村支部委员会" and org.is_organization
    assert org.title == "先进基层党组织" and org.issuer == settings.get("committee_name")
    assert org.date_style == "chinese"


def test_members_suspended_get_no_certificate(branch, people):
    """On the roll means 党籍 正常 too: a member 在册 whose 党籍 was stopped on the form got one."""
    members.save(member_data(branch.id, name="孙海", id_number=make_id("19800101", "009"), mobile="13812345679",
                             party_status="停止党籍"))
    members.record_event(people[0].id, "停止党籍", "2024-01-02")
    certs = print_sources.org_member_certificates(branch.id, "优秀共产党员", YEAR)
    assert sorted(c.recipient for c in certs) == sorted(p.name for p in people[1:])
    for p in people[1:]:
        members.record_event(p.id, "转出", "2024-03-01")
    with pytest.raises(ValidationError, match="没有在册党员"):
        print_sources.org_member_certificates(branch.id, "优秀共产党员", YEAR)


def test_award_certificates_with_numbers(branch, people):
    with pytest.raises(ValidationError, match="2026年度还没有已发证书编号的基层党委表彰。请"):
        print_sources.award_certificates(YEAR)
    commendations.add_award(YEAR, "优秀共产党员", member_id=people[1].id, decided_on="2026-06-28")
    commendations.add_award(YEAR, "先进基层党组织", org_id=branch.id, decided_on="2026-06-28")
    certs = print_sources.award_certificates(YEAR)
    assert len(certs) == 2
    by_name = {c.recipient: c for c in certs}
    assert by_name["李喆"].number and by_name["李喆"].title == "优秀共产党员"
    assert by_name["中共东风村支部委员会"].is_organization
    assert {c.issue_date for c in certs} == {dt.date(2026, 6, 28)}
    assert len({c.number for c in certs}) == 2
