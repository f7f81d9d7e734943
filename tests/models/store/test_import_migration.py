"""Schema step 4 (import records): older files gain the table, fresh files have it at once."""
from __future__ import annotations

import sqlite3

import pytest

from models import demo
from models.safety import opening
from models.store import db as dbmod
from models.store import migrations
from models.store.assessment_tables import ASSESSMENT_MODELS
from models.store.import_tables import IMPORT_MODELS, ImportBatch

TABLES = ("organization", "member", "pledge", "pledge_item", "review", "attendance", "audit_entry")


def make_old(path, version):
    """A populated file as version 2 or 3 of the program left it."""
    opening.connect(path)
    demo.fill(members=40)
    dbmod.close()
    con = sqlite3.connect(path)
    dropped = list(IMPORT_MODELS) + (list(ASSESSMENT_MODELS) if version < 3 else [])
    for model in reversed(dropped):
        con.execute(f'DROP TABLE "{model._meta.table_name}"')
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    counts = {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    con.close()
    return counts


@pytest.mark.parametrize("version", [2, 3])
def test_old_file_gains_import_records(db_path, version):
    counts = make_old(db_path, version)
    conn = opening.connect(db_path)
    try:
        assert migrations.schema_version(conn) == migrations.LATEST == 4
        assert "import_batch" in conn.get_tables()
        for table, n in counts.items():
            assert conn.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == n
        ImportBatch.create(source="x.xlsx")
        assert conn.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        dbmod.close()


def test_fresh_file_has_import_records(db):
    assert "import_batch" in db.get_tables()
    assert migrations.schema_version(db) == migrations.LATEST
