"""Schema versions. The version lives in SQLite's `user_version`.

A new file gets the current schema at once, from today's models: that is LATEST by definition.
An older file is copied aside (the `backup` callback) and then walked forward one step at a
time, all steps in one transaction with foreign keys checked at the end, so a failed upgrade
leaves the file as it was. A file from a newer program is refused rather than guessed at.

How to add a schema step: change the models; write `schema/vN.py` with, as SQL text, each
table the step creates or rebuilds exactly as a new file now has it (copy from `sqlite_master`),
and its `upgrade(db)` (`schema.ddl.create` for new tables, `schema.ddl.rebuild` for changed ones);
register it in STEPS; add the version's rows to `tests/models/store/old_files.rows_of`. Why
frozen text: a step built from today's models changes whenever a model does, so the oldest
files would meet tables that already have a later column (and its ADD COLUMN fails) or miss
one. Never edit a released vN module. test_migrations fails until every old file, walked
forward, has exactly a new file's schema.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee as pw

from models.errors import ValidationError
from models.store.assessment_tables import ASSESSMENT_MODELS
from models.store.campaign_tables import CAMPAIGN_MODELS
from models.store.import_tables import IMPORT_MODELS
from models.store.schema import v2, v3, v4, v5, v6, v7, v8, v9
from models.store.sync_tables import SYNC_MODELS
from models.store.tables import ALL_MODELS

# Every table a new file gets at once: today's models, which are LATEST by definition.
SCHEMA_MODELS = (*ALL_MODELS, *ASSESSMENT_MODELS, *IMPORT_MODELS, *SYNC_MODELS, *CAMPAIGN_MODELS)
# What a new file gets besides the tables: the triggers and site row of the latest step that
# defined them (a later step that changes the triggers points this at its own).
START_TRACKING = v6.start_tracking
STAMP_UNTRACKED = v6.stamp_untracked  # rows written with the triggers held back


class NewerSchemaError(ValidationError):
    """The file was written by a newer program; opening it could lose what that one stored."""


class MigrationError(ValidationError):
    """A step would have broken links between records; the whole upgrade is rolled back."""


class NotOursError(ValidationError):
    """Tables but no schema version: some other program's database, or a damaged one."""


def schema_version(db: pw.SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def _set_version(db: pw.SqliteDatabase, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


STEPS: dict[int, Callable[[pw.SqliteDatabase], None]] = {
    2: v2.upgrade,  # stored 姓氏笔画 key on members, audit log
    3: v3.upgrade,  # 年度考核, nominations, awards
    4: v4.upgrade,  # roster import records
    5: v5.upgrade,  # dates known only to the month
    6: v6.upgrade,  # UUIDs, revisions and tombstones for the data packages
    7: v7.upgrade,  # 本镇转接: the branch left and the branch joined
    8: v8.upgrade,  # 整改通知, 实施方案/年度计划 with their 时间安排
    9: v9.upgrade,  # 数据包 conflicts keep the package's version: a decision travels back
}
LATEST = max(STEPS)


def migrate(db: pw.SqliteDatabase, backup: Callable[[int], Path | None] | None = None) -> int:
    """Bring the file to LATEST; return the version it had. `backup(version)` runs first."""
    version = schema_version(db)
    has_tables = bool(db.get_tables())
    if version == 0 and not has_tables:
        with db.atomic(), db.bind_ctx(SCHEMA_MODELS):  # this file, whatever the models are bound to
            db.create_tables(SCHEMA_MODELS)
            START_TRACKING(db)
            _set_version(db, LATEST)
        return 0
    if version == 0:
        raise NotOursError(
            "这个文件不是先锋台账的数据库（或已损坏），程序没有改动它。请选择正确的数据库文件，"
            "或从备份恢复。"
        )
    if version > LATEST:
        raise NewerSchemaError(
            f"这个数据库由较新版本的先锋台账创建（数据结构版本 {version}，本程序支持到 {LATEST}），"
            "为免损坏数据，本程序不会打开它。请安装最新版本的先锋台账后再打开。"
        )
    if version == LATEST:
        return version
    if backup is not None:
        backup(version)
    # Table-rebuilding steps would cascade deletes with foreign keys on; the pragma only
    # changes outside a transaction, and the check inside it rolls back a step that broke links.
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            for step in range(version + 1, LATEST + 1):
                STEPS[step](db)
                _set_version(db, step)
            broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationError(
                    f"升级数据结构时发现 {len(broken)} 处记录关联错误，已放弃升级，原数据库未改动。请联系技术人员。")
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    return version
