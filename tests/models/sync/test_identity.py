"""Schema step 6: every exchanged row has an identity and a version, kept by every write."""
from __future__ import annotations

from models.roster import members
from models.safety import opening
from models.store import db as dbmod
from models.store.schema import v6
from models.store.sync_tables import ExchangeRecord, ExchangeSite, ExchangeTombstone
from models.store.tables import Member, PledgeItem
from tests.models.store.old_files import populate


def _count(table: str) -> int:
    return dbmod.database.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def test_an_old_file_gets_an_identity_for_every_row(db_path):
    rows = populate(db_path, 5)
    opening.connect(db_path)
    try:
        for table in v6.TRACKED:
            assert ExchangeRecord.select().where(ExchangeRecord.tbl == table).count() == _count(table), table
            assert _count(table) == len(rows.get(table, [])), table
        uuids = [r.uuid for r in ExchangeRecord.select()]
        assert len(set(uuids)) == len(uuids) and all(len(u) == 32 for u in uuids)
        assert len(ExchangeSite.get().site) == 32
    finally:
        dbmod.close()


def test_a_service_write_bumps_the_revision_and_names_this_site(demo_db):
    member = Member.select().first()
    rec = ExchangeRecord.get((ExchangeRecord.tbl == "member") & (ExchangeRecord.row_id == member.id))
    data = members.as_form(member)
    data["mobile"] = "13900001111"
    members.save(data, member.id)
    after = ExchangeRecord.get_by_id(rec.id)
    assert (after.uuid, after.rev, after.site) == (rec.uuid, rec.rev + 1, ExchangeSite.get().site)
    assert after.stamp > rec.stamp


def test_a_new_row_gets_a_fresh_identity_and_a_deleted_one_a_tombstone(demo_db):
    item = PledgeItem.select().first()
    uuid = ExchangeRecord.get((ExchangeRecord.tbl == "pledge_item") & (ExchangeRecord.row_id == item.id)).uuid
    item.delete_instance()
    tomb = ExchangeTombstone.get(ExchangeTombstone.uuid == uuid)
    assert tomb.tbl == "pledge_item" and tomb.site == ExchangeSite.get().site
    assert not ExchangeRecord.select().where(ExchangeRecord.uuid == uuid).exists()
    again = PledgeItem.create(pledge=item.pledge_id, seq=99, content="新事项")
    fresh = ExchangeRecord.get((ExchangeRecord.tbl == "pledge_item") & (ExchangeRecord.row_id == again.id))
    assert fresh.uuid != uuid and fresh.rev == 1


def test_the_demo_stamps_every_row_once_and_leaves_the_triggers_on(demo_db):
    """The demo holds the triggers back and stamps at the end: every exchanged row it wrote has
    exactly one identity, version 1 of this site, and the next write is tracked again."""
    site = ExchangeSite.get()
    assert site.applying == 0
    for table in v6.TRACKED:
        assert ExchangeRecord.select().where(ExchangeRecord.tbl == table).count() == _count(table), table
    assert _count("member") == 60 and _count("pledge_item") > 0 and _count("attendance") > 0
    orphans = dbmod.database.execute_sql(
        "SELECT COUNT(*) FROM exchange_record r WHERE r.tbl = 'member' "
        "AND NOT EXISTS (SELECT 1 FROM member m WHERE m.id = r.row_id)").fetchone()[0]
    assert orphans == 0
    revs = {(r.rev, r.site, r.stamp) for r in ExchangeRecord.select()}
    assert revs == {(1, site.site, site.stamp)}  # one bump for the whole demo
    assert v6.stamp_untracked(dbmod.database.obj) == 0  # nothing left without an identity
    item = PledgeItem.select().first()
    PledgeItem.update(content=item.content + "。").where(PledgeItem.id == item.id).execute()
    rec = ExchangeRecord.get((ExchangeRecord.tbl == "pledge_item") & (ExchangeRecord.row_id == item.id))
    assert rec.rev == 2 and rec.stamp > site.stamp
