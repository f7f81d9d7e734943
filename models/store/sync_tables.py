"""Tables of the data packages (数据包) between village and township.

Kept in side tables rather than as columns on every exchanged table: the integer id stays the
local key everywhere, no exchanged table had to be rebuilt, and SQLite triggers (schema step 6)
keep `exchange_record` up to date for every write, whichever service or query made it, inside
that write's own transaction. Rules live in `models.sync`.
"""
from __future__ import annotations

import peewee as pw

from models.store.tables import BaseModel


class ExchangeSite(BaseModel):
    """This installation (one row): who it is to the others, and its local change counter."""

    site = pw.CharField()  # a random id, made once per file
    name = pw.CharField(default="")  # 东风村党支部的电脑
    role = pw.CharField(default="")  # township / branch; '' not yet known
    org_uuid = pw.CharField(default="")  # the organization this installation keeps
    stamp = pw.IntegerField(default=0)  # bumped by every tracked write
    applying = pw.IntegerField(default=0)  # 1 only inside an import's transaction


class ExchangeRecord(BaseModel):
    """The identity and version of one exchanged row: (tbl, row_id) is the local key."""

    uuid = pw.CharField(unique=True)
    tbl = pw.CharField()
    row_id = pw.IntegerField()
    rev = pw.IntegerField(default=1)
    site = pw.CharField(default="")  # the site that made this version
    changed_at = pw.CharField(default="")  # local time of that change, 2026-12-02 16:30:00
    # The version (rev, site) both sides last had, as sent or received; NULL: never exchanged.
    base = pw.IntegerField(null=True)
    base_site = pw.CharField(null=True)
    stamp = pw.IntegerField(index=True)  # ExchangeSite.stamp when last written here

    class Meta:
        indexes = ((("tbl", "row_id"), True),)


class ExchangeTombstone(BaseModel):
    """A deleted exchanged row, so the deletion can travel instead of the row vanishing."""

    uuid = pw.CharField(unique=True)
    tbl = pw.CharField()
    rev = pw.IntegerField()
    site = pw.CharField(default="")
    changed_at = pw.CharField(default="")
    stamp = pw.IntegerField(index=True)


class ExchangePeer(BaseModel):
    """Another installation this one has received packages from."""

    site = pw.CharField(unique=True)
    name = pw.CharField(default="")
    role = pw.CharField(default="")
    org_uuid = pw.CharField(default="")
    org_name = pw.CharField(default="")
    last_seq = pw.IntegerField(default=0)  # the newest of its packages applied here
    acked_seq = pw.IntegerField(default=0)  # the newest of our packages it says it applied
    last_at = pw.CharField(default="")
    last_counts = pw.TextField(default="{}")  # JSON: records per type in its last package


class ExchangeSent(BaseModel):
    """A package this installation made: its number and how far the changes it held went."""

    seq = pw.IntegerField(unique=True)
    org_uuid = pw.CharField()
    stamp = pw.IntegerField()  # ExchangeSite.stamp when made: later changes are not in it
    everything = pw.BooleanField(default=False)
    at = pw.CharField()
    file_name = pw.CharField(default="")


class ExchangeConflict(BaseModel):
    """A field both sides changed (or the package changed without owning it): the local value
    stayed; the clerk decides later."""

    at = pw.CharField()
    from_site = pw.CharField(default="")  # the package's site name
    package_seq = pw.IntegerField(default=0)
    org_name = pw.CharField(default="")
    tbl = pw.CharField()
    uuid = pw.CharField()
    record = pw.CharField(default="")  # 党员 王小明
    field = pw.CharField()
    local_value = pw.TextField(default="")
    package_value = pw.TextField(default="")
    changed_at = pw.CharField(default="")  # when the package's version was made
    changed_by = pw.CharField(default="")  # on which computer
    resolved = pw.BooleanField(default=False)
    # schema step 9: the package's version of the record and its raw value, so the clerk's
    # choice can be written exactly and travel back; NULL for conflicts listed before
    rev = pw.IntegerField(null=True)
    site = pw.CharField(null=True)
    package_raw = pw.TextField(null=True)  # the package's value as stored: {"col": …, "value": …}
    choice = pw.CharField(null=True)  # 保留本机的值 / 采用数据包的值 / 对方已处理


SYNC_MODELS = (ExchangeSite, ExchangeRecord, ExchangeTombstone, ExchangePeer, ExchangeSent, ExchangeConflict)
