"""Making a package: the records of one organization's subtree changed since the last package
the other side acknowledged (or all of them), sealed with a passphrase, written safely."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from models.errors import ValidationError
from models.store import audit, migrations
from models.store.db import database
from models.store.sync_tables import ExchangePeer, ExchangeSent, ExchangeSite
from models.store.tables import Organization, Setting
from models.sync import seal, site
from models.sync.kinds import KINDS, LOCAL_SETTINGS, TOWNSHIP, Kind, columns, fk_targets

PROGRAM = "0.1.0"
SUFFIX = ".xfpkg"


@dataclass(frozen=True)
class Made:
    path: Path
    seq: int
    org_name: str
    counts: dict[str, int]
    size: int


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def _subtree(org_id: int) -> list[int]:
    ids, frontier = [org_id], [org_id]
    while frontier:
        frontier = [o.id for o in Organization.select(Organization.id).where(Organization.parent.in_(frontier))]
        ids += frontier
    return ids


def _ancestors(org: Organization) -> list[int]:
    out = []
    while org.parent_id is not None:
        org = Organization.get_by_id(org.parent_id)
        out.append(org.id)
    return out


def _uuids(table: str) -> dict[int, str]:
    rows = database.execute_sql("SELECT row_id, uuid FROM exchange_record WHERE tbl = ?", (table,))
    return dict(rows.fetchall())


def find_org(name: str) -> Organization:
    org = Organization.get_or_none((Organization.name == name) | (Organization.short_name == name))
    if org is None:
        raise ValidationError(f"没有名为“{name}”的组织。请用组织的全称或简称，例如：东风村党支部。", "org")
    return org


def _scope(org: Organization) -> tuple[list[int], list[int]]:
    """The organizations whose records go (its subtree), and whose own rows go (those above too)."""
    scope = _subtree(org.id)
    return scope, scope + _ancestors(org)


def _where(kind: Kind, scope: list[int], org_ids: list[int]) -> tuple[str, list[int]]:
    wanted = org_ids if kind.table == "organization" else scope
    return f"{kind.org_path} IN ({','.join('?' * len(wanted))})", wanted


def mark_shared(org: Organization, since: int, role: str) -> None:
    """What was sent is what both sides now share, until one of them changes it again: the
    records this side owns, and any record on its first journey. A record the other side owns
    and this side changed keeps its older base, so the change stays a listed conflict (the
    owner will not take it) instead of quietly giving way to the owner's next version."""
    scope, org_ids = _scope(org)
    for kind in KINDS:
        where, wanted = _where(kind, scope, org_ids)
        sent = f'SELECT t.id FROM "{kind.table}" t {kind.joins} WHERE {where}'
        # Subqueries that do not name the outer row: SQLite builds each once. (One that read
        # exchange_record.base inside was run again for every record: minutes at 30,000 members.)
        if kind.table == "organization":
            mine = "t.parent_id IS NULL" if role == TOWNSHIP else "t.parent_id IS NOT NULL"
            chosen = f"(row_id IN ({sent} AND {mine}) OR (base IS NULL AND row_id IN ({sent})))"
            params = (since, *wanted, *wanted)
        elif kind.owner == role:
            chosen, params = f"row_id IN ({sent})", (since, *wanted)
        else:
            chosen, params = f"base IS NULL AND row_id IN ({sent})", (since, *wanted)
        database.execute_sql(
            f"UPDATE exchange_record SET base = rev, base_site = site WHERE tbl = '{kind.table}' AND stamp > ? "
            f"AND {chosen}", params)


def collect(org: Organization, since: int) -> tuple[dict, dict[str, int]]:
    """The records of `org`'s subtree (and the organizations above it) written after `since`."""
    scope, org_ids = _scope(org)
    org_uuid = _uuids("organization")
    tables: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for kind in KINDS:
        cols = columns(kind.table)
        links = {c: _uuids(t) for c, t in fk_targets(kind.table).items()}
        where, wanted = _where(kind, scope, org_ids)
        sql = (f'SELECT {", ".join(f"t.{chr(34)}{c}{chr(34)}" for c in cols)}, r.uuid, r.rev, r.site, '
               f'r.changed_at, r.base, r.base_site, {kind.org_path} FROM "{kind.table}" t {kind.joins} '
               f"JOIN exchange_record r ON r.tbl = '{kind.table}' AND r.row_id = t.id "
               f"WHERE {where} AND r.stamp > ? ORDER BY t.id")
        out_cols = [c for c in cols if c != "id"]
        rows = []
        for row in database.execute_sql(sql, (*wanted, since)):
            values = dict(zip(cols, row[:len(cols)], strict=True))
            for col, uuids in links.items():
                if values[col] is not None:
                    values[col] = uuids[values[col]]
            uuid, rev, by, at, base, base_site, owner_org = row[len(cols):]
            # the base (the version this side last had from the other) lets a decided conflict
            # travel: the receiver takes a version made with its own in hand
            rows.append([uuid, rev, by, at, org_uuid[owner_org], [values[c] for c in out_cols], base, base_site])
        if rows:
            tables[kind.table] = {"columns": out_cols, "rows": rows}
            counts[kind.table] = len(rows)
    tombs = [list(r) for r in database.execute_sql(
        "SELECT uuid, tbl, rev, site, changed_at FROM exchange_tombstone WHERE stamp > ? ORDER BY id", (since,))]
    if tombs:
        counts["tombstone"] = len(tombs)
    return {"tables": tables, "tombstones": tombs}, counts


def _peer_for(me: site.Site, org_uuid: str) -> ExchangePeer | None:
    """The installation this package goes to, if it has sent us one."""
    if me.role == TOWNSHIP:
        return ExchangePeer.get_or_none(ExchangePeer.org_uuid == org_uuid)
    return ExchangePeer.get_or_none(ExchangePeer.role == TOWNSHIP)


def file_name(org_name: str, day: dt.date, seq: int) -> str:
    safe = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in org_name)
    return f"先锋台账数据包_{safe}_{day.isoformat()}_第{seq}号{SUFFIX}"


def make(target: str | Path, passphrase: str, org_name: str | None = None, everything: bool = False) -> Made:
    """Write a package for `org_name` (a branch; the township's whole tree when None) to
    `target`, a folder (the file is named for its contents) or a file name."""
    me = site.current()
    if not me.role:
        raise ValidationError("数据库中还没有任何组织，没有可以生成数据包的内容。")
    mine = Organization.get_or_none(Organization.id == (site.row_of("organization", me.org_uuid) or 0))
    org = find_org(org_name) if org_name else mine
    if org is None:
        raise ValidationError("请用 --org 指定为哪个组织生成数据包。", "org")
    org_uuid = site.uuid_of("organization", org.id)
    if me.role != TOWNSHIP and org_uuid != me.org_uuid:
        raise ValidationError(f"本机是{org.display_name}以外组织的电脑，只能为本组织生成数据包。", "org")
    peer = _peer_for(me, org_uuid)
    since = 0
    if not everything and peer is not None and peer.acked_seq:
        sent = ExchangeSent.get_or_none(ExchangeSent.seq == peer.acked_seq)
        since = sent.stamp if sent else 0
    stamp = ExchangeSite.get().stamp
    records, counts = collect(org, since)
    if me.role == TOWNSHIP:
        records["settings"] = {s.key: s.value for s in Setting.select() if s.key not in LOCAL_SETTINGS}
    seq = (ExchangeSent.select().count() and max(s.seq for s in ExchangeSent.select(ExchangeSent.seq))) + 1
    top = site.township_org()
    assert top is not None
    today = dt.date.today()
    head = {
        "program": PROGRAM, "schema": migrations.LATEST, "site": me.site, "site_name": me.name, "role": me.role,
        "township": site.uuid_of("organization", top.id), "township_name": top.name,
        "org": org_uuid, "org_name": org.display_name, "seq": seq, "made_at": _now(), "everything": everything,
        "since_stamp": since, "acked_seq": peer.last_seq if peer else 0, "counts": counts,
    }
    data = seal.seal(head, records, passphrase)
    path = Path(target)
    if path.is_dir():
        path = path / file_name(org.display_name, today, seq)
    elif path.suffix.lower() != SUFFIX:
        raise ValidationError(f"数据包文件名应以 {SUFFIX} 结尾，或指定一个已有的文件夹。", "output")
    seal.write_safely(path, data)
    with database.atomic():
        mark_shared(org, since, me.role)
        ExchangeSent.create(seq=seq, org_uuid=org_uuid, stamp=stamp, everything=everything, at=head["made_at"],
                            file_name=path.name)
        audit.record("生成数据包", "数据包", seq, f"第{seq}号 给{org.display_name}：{describe(counts)}")
    return Made(path, seq, org.display_name, counts, len(data))


def describe(counts: dict[str, int]) -> str:
    from models.sync.kinds import BY_TABLE

    parts = [f"{BY_TABLE[t].name if t in BY_TABLE else '删除'} {n} 条" for t, n in counts.items()]
    return "、".join(parts) if parts else "没有改动的记录"


def counts_json(counts: dict[str, int]) -> str:
    return json.dumps(counts, ensure_ascii=False)
