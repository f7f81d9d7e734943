"""Database files as older versions of the program left them, and a way to compare schemas.

Old files are built from the frozen definitions (models/store/schema), never from today's
models: the point is to find out whether today's steps still carry them forward.
"""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import peewee as pw

from models.names import stroke_sort_key
from models.store import migrations
from models.store.schema import v1, v2

# The v2 step as it was released before the steps were frozen: the key went last, with a DEFAULT.
# Files upgraded by it are in use, so later steps must carry them as well.
_ALTERED_V2 = (
    "ALTER TABLE member ADD COLUMN stroke_key VARCHAR(255) NOT NULL DEFAULT ''",
    'CREATE INDEX "member_stroke_key" ON "member" ("stroke_key")',
)

OLD_VERSIONS = (*range(1, migrations.LATEST), "2-altered")


def number(version: int | str) -> int:
    return int(str(version).split("-")[0])


def build(path: Path, version: int | str) -> None:
    """An empty file of an older version: v1's tables, then the frozen steps up to `version`.
    "2-altered" is a v2 file as the released ALTER TABLE step made it from a v1 file."""
    db = pw.SqliteDatabase(str(path))
    with db.atomic():
        v1.create(db)
        if version == "2-altered":
            for sql in _ALTERED_V2:
                db.execute_sql(sql)
            for sql in (v2.AUDIT_ENTRY.create, *v2.AUDIT_ENTRY.indexes):
                db.execute_sql(sql)
        else:
            for step in range(2, version + 1):
                migrations.STEPS[step](db)
    db.execute_sql(f"PRAGMA user_version = {number(version)}")
    db.close()


def fresh(path: Path) -> None:
    """A new file as the program creates it today (from the models)."""
    db = pw.SqliteDatabase(str(path))
    migrations.migrate(db)
    db.close()


# --- a populated file -------------------------------------------------------------------------

T0 = "2023-01-05 09:00:00"
T1 = "2023-03-28 16:30:00"


def _org(id_: int, name: str, short: str, level: str, parent: int | None, **extra) -> dict:
    row = {"id": id_, "name": name, "short_name": short, "level": level, "parent_id": parent,
           "category": "rural", "strive_theme": "", "carriers": "", "secretary": "", "supervision_phone": "",
           "address": "", "is_demo_point": 0, "is_contact_point": 0, "contact_leader": "", "notes": "",
           "created_at": T0, "updated_at": T1}
    row.update(extra)
    return row


def _member(id_: int, name: str, version: int, **extra) -> dict:
    row = {"id": id_, "org_id": 2, "name": name}
    if version >= 2:
        row["stroke_key"] = stroke_sort_key(name)  # the program kept it on every save
    row.update({
        "id_number": None, "sex": "男", "ethnicity": "汉族", "birth_date": "1980-01-01", "education": "大专",
        "kind": "正式党员", "join_date": "2005-07-01", "full_date": "2006-07-01", "job": "农牧渔业生产人员",
        "party_post": "", "mobile": "", "phone": "", "address": "", "party_status": "正常", "is_lost": 0,
        "lost_date": None, "is_mobile": 0, "mobile_destination": "", "is_hardship": 0, "is_party_worker": 0,
        "roll_status": "在册", "notes": "", "created_at": T0, "updated_at": T1})
    if version >= 5:
        row["month_only"] = ""
    row.update(extra)
    return row


def _review_row() -> dict:
    return {"id": 1, "org_id": 2, "year": 2023, "quarter": 1, "date": "2023-03-28", "place": "村部会议室",
            "host": "钱支书", "recorder": "王小明", "expected": 3, "observers": "镇联系干部", "topics": "一季度践诺",
            "results": "", "problems": "", "measures": "", "leader_name": "孙镇长", "leader_comment": "抓得实",
            "mutual_voters": 7, "mass_party_voters": 3, "mass_public_voters": 10, "created_at": T1,
            "updated_at": T1}


def rows_of(version: int | str) -> dict[str, list[dict]]:
    """What a clerk might have entered with that version: every table it had, linked up."""
    n = number(version)
    rows: dict[str, list[dict]] = {
        "organization": [
            _org(1, "中共先锋镇委员会", "先锋镇党委", "党委", None, secretary="赵书记"),
            _org(2, "中共东风村支部委员会", "东风村党支部", "党支部", 1, strive_theme="争创五好党支部",
                 carriers="党员责任区", secretary="钱支书", supervision_phone="0371-62810001",
                 is_demo_point=1, is_contact_point=1, contact_leader="孙镇长", notes="两行\n备注"),
        ],
        "member": [
            _member(1, "王小明", n, id_number="410522198001010014", party_post="支部书记", mobile="13812345678"),
            _member(2, "欧阳娜娜", n, sex="女", kind="预备党员", full_date=None, is_mobile=1,
                    mobile_destination="广东深圳", birth_date="1995-06-30"),
            _member(3, "乙一", n, roll_status="在册", is_hardship=1, is_party_worker=1),
        ],
        "member_event": [
            {"id": 1, "member_id": 3, "kind": "转入", "date": "2023-02-01", "detail": "从西风村转入",
             "created_at": T0},
        ],
        "pledge": [
            {"id": 1, "org_id": 2, "member_id": 1, "year": 2023, "state": "已公示", "return_reason": "",
             "approved_on": "2023-02-10", "notice_start": "2023-02-11", "notice_end": "2023-02-17",
             "evaluation": "", "evaluation_note": "", "created_at": T0, "updated_at": T1},
            {"id": 2, "org_id": 2, "member_id": None, "year": 2023, "state": "已评诺", "return_reason": "",
             "approved_on": "2023-02-10", "notice_start": None, "notice_end": None, "evaluation": "好",
             "evaluation_note": "群众满意", "created_at": T0, "updated_at": T1},
        ],
        "pledge_item": [
            {"id": 1, "pledge_id": 1, "seq": 1, "content": "帮扶两户困难群众", "standard": "带头服务群众",
             "deadline": "2023-06-30", "state": "已兑现", "reason": "", "progress": "已走访"},
            {"id": 2, "pledge_id": 1, "seq": 2, "content": "修通村西小路", "standard": "带头服务群众",
             "deadline": "2023-09-30", "state": "未兑现", "reason": "资金未到位", "progress": ""},
            {"id": 3, "pledge_id": 2, "seq": 1, "content": "建成党员活动室", "standard": "",
             "deadline": None, "state": "进行中", "reason": "", "progress": "已选址"},
        ],
        "review": [_review_row()],
        "attendance": [
            {"id": 1, "review_id": 1, "member_id": 1, "state": "出席", "reason": ""},
            {"id": 2, "review_id": 1, "member_id": 2, "state": "请假", "reason": "外出务工"},
            {"id": 3, "review_id": 1, "member_id": 3, "state": "出席", "reason": ""},
        ],
        "mutual_tally": [
            {"id": 1, "review_id": 1, "member_id": 1, "excellent": 5, "qualified": 2, "basic": 0,
             "unqualified": 0},
            {"id": 2, "review_id": 1, "member_id": 3, "excellent": 1, "qualified": 6, "basic": 0,
             "unqualified": 0},
        ],
        "mass_tally": [
            {"id": 1, "review_id": 1, "member_id": None, "item": 1, "group": "群众", "satisfied": 8, "fairly": 2,
             "basic": 0, "unsatisfied": 0},
            {"id": 2, "review_id": 1, "member_id": 1, "item": 1, "group": "党员", "satisfied": 3, "fairly": 0,
             "basic": 0, "unsatisfied": 0},
        ],
        "setting": [{"key": "clerk_name", "value": '"李干事"'}],
    }
    if n >= 2:
        rows["audit_entry"] = [{"id": 1, "at": T1, "user": "李干事", "action": "新增", "entity": "党员",
                                "entity_id": 3, "summary": "乙一"}]
    if n >= 3:
        rows["assessment"] = [
            {"id": 1, "year": 2023, "org_id": 2, "member_id": None, "grade": "优秀", "remark": "五个好",
             "graded_on": "2024-01-10", "graded_by": "考核组", "updated_at": T1},
            {"id": 2, "year": 2023, "org_id": 2, "member_id": 1, "grade": "优秀", "remark": "",
             "graded_on": "2024-01-10", "graded_by": "考核组", "updated_at": T1},
        ]
        rows["assessment_score"] = [
            {"id": 1, "assessment_id": 1, "dimension": "领导班子好", "score": 9.5, "remark": "团结"},
            {"id": 2, "assessment_id": 2, "dimension": "带头学习提高", "score": None, "remark": "待评"},
        ]
        rows["nomination"] = [
            {"id": 1, "year": 2023, "category": "优秀共产党员", "level": "基层党委", "org_id": 2, "member_id": 1,
             "state": "已决定", "deeds": "带领群众修路", "rank": 1, "proposed_on": "2024-01-12",
             "proposed_by": "钱支书", "reviewed_on": "2024-01-15", "reviewed_by": "考核组",
             "decided_on": "2024-01-25", "decided_by": "镇党委", "return_reason": "",
             "notice_start": "2024-01-16", "notice_end": "2024-01-22", "created_at": T1, "updated_at": T1},
        ]
        rows["nomination_step"] = [
            {"id": 1, "nomination_id": 1, "action": "推荐", "on": "2024-01-12", "by": "钱支书", "note": "",
             "created_at": T1},
            {"id": 2, "nomination_id": 1, "action": "决定", "on": "2024-01-25", "by": "镇党委", "note": "集中审议",
             "created_at": T1},
        ]
        rows["award"] = [
            {"id": 1, "year": 2023, "category": "优秀共产党员", "level": "基层党委", "org_id": 2, "member_id": 1,
             "nomination_id": 1, "decided_on": "2024-01-25", "issuer": "中共先锋镇委员会", "serial": 1,
             "certificate_no": "先锋〔2024〕1号", "created_at": T1},
        ]
    if n >= 4:
        # A member the import created and nothing else points at, so the import can be undone.
        rows["member"].append(_member(4, "新导入", n, created_at=T1, updated_at=T1))
        rows["import_batch"] = [
            {"id": 1, "at": T1, "user": "李干事", "source": "名册.xlsx", "created_count": 1, "updated_count": 0,
             "created_ids": "[4]", "created_org_ids": "[]", "previous": "{}", "fingerprints": "{}",
             "undone_at": None},
        ]
    if n >= 6:
        rows["exchange_site"] = [{"id": 1, "site": "5f0c1d9e2a3b4c5d6e7f8091a2b3c4d5", "name": "先锋镇党委的电脑",
                                  "role": "township", "org_uuid": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "stamp": 3,
                                  "applying": 0}]
        rows["exchange_peer"] = [{"id": 1, "site": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b", "name": "东风村党支部的电脑",
                                  "role": "branch", "org_uuid": "1b2c3d4e5f60718293a4b5c6d7e8f90a",
                                  "org_name": "东风村党支部", "last_seq": 2, "acked_seq": 1, "last_at": T1,
                                  "last_counts": '{"member": 3}'}]
        rows["exchange_sent"] = [{"id": 1, "seq": 1, "org_uuid": "1b2c3d4e5f60718293a4b5c6d7e8f90a", "stamp": 2,
                                  "everything": 1, "at": T1,
                                  "file_name": "先锋台账数据包_东风村党支部_2023-03-28_第1号.xfpkg"}]
        rows["exchange_conflict"] = [{"id": 1, "at": T1, "from_site": "东风村党支部的电脑", "package_seq": 2,
                                      "org_name": "东风村党支部", "tbl": "member", "uuid": "ab" * 16,
                                      "record": "党员 王小明", "field": "手机", "local_value": "13812345678",
                                      "package_value": "13812345679", "changed_at": T1,
                                      "changed_by": "东风村党支部的电脑", "resolved": 0}]
    if n >= 7:
        for event in rows["member_event"]:
            event.update(from_org_id=None, to_org_id=None)
        rows["member_event"].append({"id": 2, "member_id": 2, "kind": "本镇转接", "date": "2023-03-01",
                                     "detail": "由先锋镇党委转至东风村党支部", "created_at": T1,
                                     "from_org_id": 1, "to_org_id": 2})
    if n >= 8:
        rows["rectification"] = [
            {"id": 1, "org_id": 2, "year": 2023, "issued_on": "2023-04-20", "issuer": "中共先锋镇委员会",
             "problems": "一季度评议未开展群众评议", "requirement": "补开群众评议并报送结果", "deadline": "2023-05-20",
             "state": "已整改", "done_on": "2023-05-12", "remarks": "已补开", "created_at": T1, "updated_at": T1},
        ]
        rows["plan"] = [{"id": 1, "org_id": 2, "year": 2023, "goals": "争创五好党支部", "measures": "党员责任区",
                         "carriers": "党员活动日", "created_at": T0, "updated_at": T1}]
        rows["plan_row"] = [
            {"id": 1, "plan_id": 1, "seq": 1, "period": 3, "content": "开展承诺", "responsible": "钱支书"},
            {"id": 2, "plan_id": 1, "seq": 2, "period": 14, "content": "二季度评议", "responsible": "王小明"},
        ]
    if n >= 9:
        rows["exchange_conflict"][0].update(rev=2, site="9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
                                            package_raw='{"col": "mobile", "value": "13812345679"}', choice="")
    return rows


def populate(path: Path, version: int | str) -> dict[str, list[dict]]:
    """An old file of `version` holding `rows_of(version)`, written with plain SQL in its layout."""
    build(path, version)
    rows = rows_of(version)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")  # the rows are consistent as the program kept them
    with con:
        for table, table_rows in rows.items():
            for row in table_rows:
                names = ", ".join(f'"{c}"' for c in row)
                # step 6 made the installation's own row already: replaced by the one recorded
                verb = "INSERT OR REPLACE" if table == "exchange_site" else "INSERT"
                con.execute(f'{verb} INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})',
                            tuple(row.values()))
    con.close()
    return rows


def stored(con: sqlite3.Connection | pw.SqliteDatabase, table: str, names: list[str]) -> list[tuple]:
    cols = ", ".join(f'"{c}"' for c in names)
    run = con.execute_sql if isinstance(con, pw.Database) else con.execute
    return [tuple(r) for r in run(f'SELECT {cols} FROM "{table}" ORDER BY rowid').fetchall()]


def make_old(path: Path, version: int | str, members: int = 80) -> dict[str, int]:
    """A larger file of an older version: the demo township, made today and copied into that
    version's tables (the columns it had). Returns the row count of each table."""
    from models import demo
    from models.safety import opening
    from models.store import db as dbmod

    source = path.with_name(f".{path.name}-demo.db")
    opening.connect(source)
    demo.fill(members=members)
    dbmod.close()
    build(path, version)
    con = sqlite3.connect(path)
    con.execute("ATTACH DATABASE ? AS demo", (str(source),))
    counts = {}
    with con:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            names = ", ".join(f'"{r[1]}"' for r in con.execute(f'PRAGMA main.table_info("{table}")'))
            con.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM demo."{table}"')
            counts[table] = con.execute(f'SELECT COUNT(*) FROM main."{table}"').fetchone()[0]
    con.execute("DETACH DATABASE demo")
    con.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{source}{suffix}").unlink(missing_ok=True)
    return counts


def make_v1(path: Path, members: int = 80) -> dict[str, int]:
    return make_old(path, 1, members)


# --- comparing schemas ------------------------------------------------------------------------

def _where(sql: str | None) -> str:
    """A partial index's condition, the one thing about it the pragmas do not tell."""
    if not sql or " WHERE " not in sql.upper():
        return ""
    return re.sub(r"\s+", " ", re.split(r"\bWHERE\b", sql, maxsplit=1, flags=re.I)[1]).strip()


def describe(path: Path) -> dict[str, dict]:
    """Everything SQLite says about each table: columns in order (type, NOT NULL, default,
    primary key), foreign keys, indexes (unique, origin, partial, columns, condition)."""
    con = sqlite3.connect(path)
    try:
        out = {}
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        index_sql = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
        for t in tables:
            columns = [r[1:] for r in con.execute(f'PRAGMA table_info("{t}")')]
            fks = sorted(r[2:] for r in con.execute(f'PRAGMA foreign_key_list("{t}")'))
            indexes = {}
            for _seq, name, unique, origin, partial in con.execute(f'PRAGMA index_list("{t}")'):
                cols = [r[2] for r in con.execute(f'PRAGMA index_info("{name}")')]
                indexes[name] = (unique, origin, partial, cols, _where(index_sql.get(name)))
            out[t] = {"columns": columns, "foreign_keys": fks, "indexes": dict(sorted(indexes.items()))}
        out["triggers"] = dict(con.execute(  # the data packages' bookkeeping (v6) lives in them
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall())
        return out
    finally:
        con.close()
