"""Schema versions. The version lives in SQLite's `user_version`.

A new file gets the current schema at once; an older file is copied aside and then walked
forward one step at a time, each step in its own transaction. A file from a newer program
is refused rather than guessed at.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee as pw
from playhouse.migrate import SqliteMigrator
from playhouse.migrate import migrate as run_ops

from models.errors import ValidationError
from models.store.assessment_tables import ASSESSMENT_MODELS
from models.store.import_tables import IMPORT_MODELS
from models.store.tables import ALL_MODELS, AuditEntry

LATEST = 4
# Every table a new file gets at once; a later step's tables are appended here as well.
SCHEMA_MODELS = (*ALL_MODELS, *ASSESSMENT_MODELS, *IMPORT_MODELS)


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


def _v2_stroke_key_and_audit(db: pw.SqliteDatabase) -> None:
    """v2: members get a stored 姓氏笔画 key (so lists sort in SQL) and the audit log appears."""
    from models.names import stroke_sort_key

    # A plain ADD COLUMN: peewee's add_column would rebuild the table to add NOT NULL.
    db.execute_sql("ALTER TABLE member ADD COLUMN stroke_key VARCHAR(255) NOT NULL DEFAULT ''")
    run_ops(SqliteMigrator(db).add_index("member", ("stroke_key",), False))
    rows = db.execute_sql("SELECT id, name FROM member").fetchall()
    for member_id, name in rows:
        db.execute_sql(
            "UPDATE member SET stroke_key = ? WHERE id = ?", (stroke_sort_key(name), member_id)
        )
    db.create_tables([AuditEntry])


def _v3_assessment(db: pw.SqliteDatabase) -> None:
    """v3: 年度考核 entries, nominations with their steps, and awards (certificates)."""
    db.create_tables(ASSESSMENT_MODELS)


def _v4_import_batches(db: pw.SqliteDatabase) -> None:
    """v4: the record of each roster import, so an import can be undone as a whole."""
    with db.bind_ctx(IMPORT_MODELS):  # the file being migrated, whatever the models are bound to
        db.create_tables(IMPORT_MODELS)


STEPS: dict[int, Callable[[pw.SqliteDatabase], None]] = {
    2: _v2_stroke_key_and_audit,
    3: _v3_assessment,
    4: _v4_import_batches,
}


def migrate(db: pw.SqliteDatabase, backup: Callable[[int], Path | None] | None = None) -> int:
    """Bring the file to LATEST; return the version it had. `backup(version)` runs first."""
    version = schema_version(db)
    has_tables = bool(db.get_tables())
    if version == 0 and not has_tables:
        with db.atomic():
            db.create_tables(SCHEMA_MODELS)
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
