"""`main.py check`: is the file sound, and does what it holds still obey the rules?

Run after a crash, a restore or an import from an older program; every finding is a line a
clerk can act on, naming the record.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import peewee as pw

from models.errors import ValidationError
from models.roster import members as member_service
from models.safety.probe import CHECK_PRAGMAS
from models.store.tables import MassTally, Member, MutualTally, Organization, PledgeItem, Review


def integrity(db: pw.SqliteDatabase) -> list[str]:
    """SQLite's full check (superlinear, but this is the one place a clerk asks for it)."""
    problems = []
    try:
        for pragma in CHECK_PRAGMAS:
            db.execute_sql(pragma)
        rows = db.execute_sql("PRAGMA integrity_check(20)").fetchall()
        foreign = db.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:  # so damaged that the check itself cannot go on
        return [f"数据库文件损坏：{exc}"]
    if rows != [("ok",)]:
        problems += [f"数据库文件损坏：{r[0]}" for r in rows[:20]]
    for table, rowid, parent, _fk in foreign:
        problems.append(f"表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录。")
    return problems


def domain(progress: Callable[[int, int], None] | None = None) -> Iterator[str]:
    orgs = {o.id: o for o in Organization.select()}
    for org in orgs.values():
        seen, current = set(), org
        while current.parent_id is not None:
            if current.parent_id in seen or current.parent_id not in orgs:
                yield f"组织“{org.name}”的上级关系成环或指向不存在的组织。"
                break
            seen.add(current.parent_id)
            current = orgs[current.parent_id]
    total = Member.select().count()
    # Looked up once, not twice per member: 30,000 members took 72 s with a query each.
    org_ids = set(orgs)
    id_owners: dict[str, tuple[int, str]] = {}
    for member_id, id_number, name in Member.select(Member.id, Member.id_number, Member.name).tuples():
        if id_number:
            id_owners.setdefault(id_number, (member_id, name))
    for n, member in enumerate(Member.select().iterator(), 1):
        if progress and n % 1000 == 0:
            progress(n, total)
        try:
            member_service.validate(member_service.as_form(member), member.id,
                                    org_ids=org_ids, id_owners=id_owners)
        except ValidationError as exc:
            yield f"党员“{member.name}”（{orgs[member.org_id].short_name or orgs[member.org_id].name}）：{exc.message}"
    for item in PledgeItem.select().where((PledgeItem.state == "未兑现") & (PledgeItem.reason == "")):
        yield f"承诺事项（编号 {item.id}）标为未兑现但没有写明原因。"
    # Counted in SQL: a township's 200,000 tally rows as model objects took half of `check`.
    votes = MutualTally.excellent + MutualTally.qualified + MutualTally.basic + MutualTally.unqualified
    over = (MutualTally.select(MutualTally.review).join(Review).where(votes > Review.mutual_voters)
            .order_by(MutualTally.id).limit(1).scalar())
    if over is not None:
        yield f"评议记录（编号 {over}）中有党员互评票数超过参加互评人数。"
    ballots = pw.Case(MassTally.group, [("党员", Review.mass_party_voters)], Review.mass_public_voters)
    votes = MassTally.satisfied + MassTally.fairly + MassTally.basic + MassTally.unsatisfied
    over = (MassTally.select(MassTally.review).join(Review).where(votes > ballots)
            .order_by(MassTally.id).limit(1).scalar())
    if over is not None:
        yield f"评议记录（编号 {over}）中有群众评议票数超过参加评议人数。"


def run(db: pw.SqliteDatabase) -> list[str]:
    problems = integrity(db)
    if not problems:
        problems += list(domain())
    return problems
