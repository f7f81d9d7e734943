"""Packages between a township and its villages: round trips, ownership, conflicts, refusals."""
from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from models import demo
from models.roster import members
from models.store.assessment_tables import Assessment
from models.store.sync_tables import ExchangeConflict, ExchangePeer, ExchangeSite
from models.store.tables import AuditEntry, Member, Organization, Setting
from models.sync import conflicts, export, merge, seal
from models.sync.seal import PackageError
from tests.models.sync.sites import PASS, Sites, a_member, members_by_uuid, snapshot

VILLAGE = "红旗村党支部"


def _set_mobile(org_short: str, mobile: str) -> Member:
    member = a_member(org_short)
    data = members.as_form(member)
    data["mobile"] = mobile
    return members.save(data, member.id)


def _start_village(sites: Sites, name: str = "village", org: str = VILLAGE) -> None:
    """A fresh village PC starts from the township's package for its branch."""
    package = sites.send("township", org, everything=True)
    out = sites.take(name, package)
    assert out.applied and out.total("conflict") == 0


def test_a_fresh_village_starts_from_the_townships_package(sites):
    sites.use("township")
    expected = members_by_uuid(VILLAGE)
    package = sites.send("township", VILLAGE, everything=True)
    assert package.name.startswith(f"先锋台账数据包_{VILLAGE}_") and package.name.endswith("_第1号.xfpkg")
    preview = sites.take("village", package, dry_run=True)
    assert preview.counts["member"]["new"] == len(expected) and not preview.applied
    assert Member.select().count() == 0  # the preview wrote nothing
    out = sites.take("village", package)
    assert out.counts["member"]["new"] == len(expected)
    assert members_by_uuid(VILLAGE) == expected
    me = ExchangeSite.get()
    assert me.role == "branch" and me.name == f"{VILLAGE}的电脑"
    assert AuditEntry.select().where(AuditEntry.action == "接收数据包").count() == 1


def test_applying_a_package_twice_changes_nothing(sites):
    package = sites.send("township", VILLAGE, everything=True)
    sites.take("village", package)
    before = snapshot()
    roster = members_by_uuid(VILLAGE)
    again = sites.take("village", package)
    assert again.already and snapshot() == before
    # Even without the sequence check, every record is already there in that version.
    ExchangePeer.delete().execute()
    out = sites.take("village", package)
    assert out.total("new") == out.total("changed") == out.total("conflict") == 0
    assert members_by_uuid(VILLAGE) == roster


def test_village_to_township_to_village_converges(sites):
    _start_village(sites)
    sites.use("village")
    changed = _set_mobile(VILLAGE, "13700000001")
    up = sites.send("village")
    out = sites.take("township", up)
    assert out.counts["member"]["changed"] == 1 and out.total("conflict") == 0
    assert Member.get(Member.name == changed.name, Member.id_number == changed.id_number).mobile == "13700000001"
    # The township grades the branch (its own record) and sends its decisions down.
    org = Organization.get(Organization.short_name == VILLAGE)
    Assessment.create(year=2026, org=org, grade="优秀", remark="五个好")
    Setting.insert(key="satisfaction_threshold", value="0.85").on_conflict_replace().execute()
    down = sites.send("township", VILLAGE)
    out = sites.take("village", down)
    assert out.counts["assessment"]["new"] == 1 and out.counts["setting"]["new"] == 1
    assert Assessment.get().grade == "优秀"
    assert Setting.get_by_id("satisfaction_threshold").value == "0.85"
    # Both now hold the same roster; another round changes nothing on either side.
    village_roster = members_by_uuid(VILLAGE)
    up = sites.send("village")
    out = sites.take("township", up)
    assert out.total("changed") == out.total("new") == out.total("conflict") == 0
    assert members_by_uuid(VILLAGE) == village_roster


def test_the_townships_edit_of_a_branch_record_does_not_overwrite_it(sites):
    _start_village(sites)
    sites.use("township")
    target = _set_mobile(VILLAGE, "13600000000")  # the township changed what the branch owns
    down = sites.send("township", VILLAGE)
    sites.use("village")
    before = Member.get(Member.name == target.name, Member.id_number == target.id_number).mobile
    out = sites.take("village", down)
    assert out.counts["member"]["conflict"] == 1
    assert Member.get(Member.name == target.name, Member.id_number == target.id_number).mobile == before
    (item,) = [c for c in out.conflicts if c["field"] == "手机"]
    assert (item["local_value"], item["package_value"]) == (before, "13600000000")
    assert item["org_name"] == VILLAGE and item["record"] == f"党员 {target.name}"
    assert item["changed_by"] == "先锋镇党委的电脑"


def test_both_sides_changed_keeps_the_local_value_and_lists_the_conflict(sites, tmp_path):
    _start_village(sites)
    sites.use("township")
    target = _set_mobile(VILLAGE, "13500000000")  # the township's copy, changed there
    sites.use("village")
    _set_mobile(VILLAGE, "13511111111")
    up = sites.send("village")
    out = sites.take("township", up)
    assert out.counts["member"]["conflict"] == 1
    assert Member.get(Member.name == target.name, Member.id_number == target.id_number).mobile == "13500000000"
    assert ExchangeConflict.select().count() >= 1
    path = tmp_path / "冲突.xlsx"
    assert conflicts.export(path) == ExchangeConflict.select().count()
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("组织", "记录", "字段", "本机的值", "数据包的值", "修改时间", "修改的电脑")
    assert (VILLAGE, f"党员 {target.name}", "手机", "13500000000", "13511111111") in [r[:5] for r in rows[1:]]
    assert any(r[6] == f"{VILLAGE}的电脑" for r in rows[1:])
    # Taking the same package again adds no second line for the same conflict.
    ExchangePeer.delete().execute()
    sites.take("township", up)
    assert conflicts.export(path) == len(rows) - 1


def test_a_branch_cannot_overwrite_the_townships_grades(sites):
    _start_village(sites)
    sites.use("township")
    org = Organization.get(Organization.short_name == VILLAGE)
    Assessment.create(year=2026, org=org, grade="合格")
    sites.take("village", sites.send("township", VILLAGE))
    Assessment.update(grade="优秀").execute()  # the branch's clerk "improves" its own grade
    out = sites.take("township", sites.send("village"))
    assert Assessment.get().grade == "合格"
    assert out.counts["assessment"]["conflict"] == 1


# --- refusals: nothing written --------------------------------------------------------------

def _refused(sites: Sites, name: str, package, passphrase: str = PASS) -> str:
    sites.use(name)
    before = snapshot()
    with pytest.raises(PackageError) as err:
        merge.apply(package, passphrase)
    assert snapshot() == before
    return str(err.value)


def test_refused_wrong_passphrase_tampered_truncated(sites, tmp_path):
    package = sites.send("township", VILLAGE, everything=True)
    sites.use("village")  # a fresh, empty village file
    assert "口令不对" in _refused(sites, "village", package, "另一个口令")
    data = package.read_bytes()
    for name, bad in (("flipped", data[:-40] + bytes([data[-40] ^ 1]) + data[-39:]),
                      ("truncated", data[: len(data) // 2]),
                      ("manifest", data.replace(b'"everything":true', b'"everything":false'))):
        path = tmp_path / f"{name}.xfpkg"
        path.write_bytes(bad)
        assert "损坏或被改动" in _refused(sites, "village", path), name
    junk = tmp_path / "junk.xfpkg"
    junk.write_bytes(b"PK\x03\x04 not a package")
    assert "不是先锋台账的数据包" in _refused(sites, "village", junk)


def test_refused_from_a_newer_program(sites, tmp_path):
    head = {"schema": 99, "site": "x" * 32, "seq": 1, "township": "", "org": ""}
    path = tmp_path / "newer.xfpkg"
    path.write_bytes(seal.seal(head, {"tables": {}}, PASS))
    sites.use("township")
    assert "较新版本" in _refused(sites, "township", path)


def test_refused_for_another_township_or_branch(sites, tmp_path):
    package = sites.send("township", VILLAGE, everything=True)
    other = Sites(tmp_path / "other")
    other.use("town2")
    demo.fill(members=20)
    Organization.update(name="中共红星镇委员会").where(Organization.parent.is_null()).execute()
    assert "不是本机的“中共红星镇委员会”" in _refused(other, "town2", package)
    _start_village(sites, "village2", "柳河村党支部")
    assert "不是给本机的组织的" in _refused(sites, "village2", package)


def test_refused_when_older_than_one_applied(sites):
    _start_village(sites)
    first = sites.send("township", VILLAGE)
    second = sites.send("township", VILLAGE)
    sites.take("village", second)
    assert "还早" in _refused(sites, "village", first)


def test_a_package_from_before_a_schema_change_still_imports(sites, tmp_path):
    """A package made by an older program lacks today's columns: they take a new file's defaults."""
    package = sites.send("township", VILLAGE, everything=True)
    head, records = seal.unseal(package.read_bytes(), PASS)
    block = records["tables"]["member"]
    at = block["columns"].index("month_only")
    block["columns"].pop(at)
    for row in block["rows"]:
        row[5].pop(at)
    old = tmp_path / "old.xfpkg"
    old.write_bytes(seal.seal({k: v for k, v in head.items() if k not in ("checksum", "size", "kdf", "nonce",
                                                                        "check", "format")}, records, PASS))
    out = sites.take("village", old)
    assert out.counts["member"]["new"] == len(block["rows"])
    assert {m.month_only for m in Member.select()} == {""}


def test_the_manifest_is_readable_without_the_passphrase(sites):
    package = sites.send("township", VILLAGE, everything=True)
    head = seal.manifest(package.read_bytes())
    assert head["org_name"] == VILLAGE and head["seq"] == 1 and head["counts"]["member"] > 0
    assert head["site_name"] == "先锋镇党委的电脑" and len(head["checksum"]) == 64
    assert PASS.encode() not in package.read_bytes() and "口令" not in json.dumps(head, ensure_ascii=False)
    body = package.read_bytes().split(b"\n", 2)[2]
    with pytest.raises(OSError):
        gzip.decompress(body)  # the records are encrypted, not just compressed


def test_a_village_sends_only_what_changed_since_the_township_acknowledged(sites):
    _start_village(sites)
    sites.use("village")
    _set_mobile(VILLAGE, "13700000002")
    first = export.make(sites.usb, PASS).counts
    assert first.get("member", 0) >= 1  # the township has not yet acknowledged anything
    sites.take("township", sites.usb / export.file_name(VILLAGE, dt.date.today(), 1))
    sites.take("village", sites.send("township", VILLAGE))  # carries the acknowledgement
    sites.use("village")
    assert export.make(sites.usb, PASS).counts == {}


def test_files_typed_separately_meet_by_id_number_and_name(sites):
    """A village that kept its own file before packages existed: nothing is doubled."""
    from models.sync import site

    package = sites.send("township", VILLAGE, everything=True)
    sites.use("typed")
    demo.fill(members=60)  # the same people, typed separately: other identities
    site.configure(role="branch", org_name=VILLAGE)
    counts = (Member.select().count(), Organization.select().count())
    out = sites.take("typed", package)
    assert out.total("new") == 0 and (Member.select().count(), Organization.select().count()) == counts
    assert ExchangeSite.get().org_uuid == site.uuid_of("organization", Organization.get(
        Organization.short_name == VILLAGE).id)  # took the township's identity for its branch
    roster = members_by_uuid(VILLAGE)
    out = sites.take("township", sites.send("typed"))
    assert out.total("new") == 0
    assert members_by_uuid(VILLAGE) == roster


def test_a_conflicting_link_is_shown_by_name(sites):
    """A member moved to another branch on both sides: the conflict names the branches."""
    _start_village(sites)
    sites.use("township")
    target = a_member(VILLAGE)
    other = Organization.get(Organization.short_name == "柳河村党支部")
    Member.update(org=other).where(Member.id == target.id).execute()
    sites.use("village")
    Member.update(mobile="13900000009").where(Member.name == target.name,
                                             Member.id_number == target.id_number).execute()
    out = sites.take("township", sites.send("village"))
    (item,) = [c for c in out.conflicts if c["field"] == "所属组织"]
    assert (item["local_value"], item["package_value"]) == ("柳河村党支部", VILLAGE)
