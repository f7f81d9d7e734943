"""The record of each roster import, so the whole import can be taken back (schema step 4).

No foreign keys on purpose: undoing deletes the members the import created, and the record
of the import must outlive them. The member lists and snapshots are JSON in text columns;
they are read only when an import is undone.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models.store.tables import BaseModel


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class ImportBatch(BaseModel):
    at = pw.DateTimeField(default=_now, index=True)
    user = pw.CharField(default="")  # the clerk, as in the audit log
    source = pw.CharField(default="")  # file name the rows came from
    created_count = pw.IntegerField(default=0)
    updated_count = pw.IntegerField(default=0)
    created_ids = pw.TextField(default="[]")  # JSON: member ids the import inserted
    created_org_ids = pw.TextField(default="[]")  # JSON: branches it created
    previous = pw.TextField(default="{}")  # JSON: member id -> stored row before the update
    fingerprints = pw.TextField(default="{}")  # JSON: member id -> digest of the row it wrote
    undone_at = pw.DateTimeField(null=True)


IMPORT_MODELS = (ImportBatch,)
