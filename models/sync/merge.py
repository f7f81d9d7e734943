"""Taking in a package: checks that refuse it untouched, then every record in one transaction.

For each record: unknown here → added (a record typed separately on both sides is found by its
natural key and takes the package's identity); a newer version from the side that owns it,
with the local copy unchanged since the last exchange → applied; both sides changed, or the
package changed what this side owns → the local value stays and each differing field is
listed as a conflict. Versions already held change nothing, so a package applied twice is a
no-op, and a preview is the same work rolled back.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from models.store import audit, migrations
from models.store.db import PRAGMAS, database
from models.store.sync_tables import ExchangeConflict, ExchangePeer, ExchangeSite
from models.store.tables import Organization, Setting
from models.sync import seal, site
from models.sync.kinds import (
    BRANCH,
    BY_TABLE,
    KINDS,
    LOCAL_SETTINGS,
    ROLE_NAMES,
    TOWNSHIP,
    UNCOMPARED,
    Kind,
    columns,
    default_of,
    fk_targets,
    owner_of,
    record_label,
)
from models.sync.seal import PackageError

_BRANCH_STAGE = ("已推荐", "已退回")  # a nomination the branch may still change


@dataclass
class Outcome:
    head: dict
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    conflicts: list[dict] = field(default_factory=list)
    already: bool = False  # this very package was applied before: nothing done
    applied: bool = False

    def total(self, what: str) -> int:
        return sum(c[what] for c in self.counts.values())


class _Rollback(Exception):
    pass


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def read(path: str | Path, passphrase: str) -> tuple[dict, dict]:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise PackageError(f"找不到数据包文件：{path}") from None
    head = seal.manifest(data)
    if int(head.get("schema", 0)) > migrations.LATEST:
        raise PackageError(f"这个数据包由较新版本的先锋台账生成（数据结构版本 {head.get('schema')}，本程序支持到 "
                           f"{migrations.LATEST}），为免丢失内容没有接收。请先把先锋台账升级到最新版本。")
    return seal.unseal(data, passphrase)


def _check(head: dict, me: site.Site) -> ExchangePeer | None:
    """Refusals that need this file: nothing has been written when one is raised."""
    if head.get("site") == me.site:
        raise PackageError("这是本机自己生成的数据包，不能再接收。请接收对方发来的数据包。")
    top = site.township_org()
    if top is not None and site.uuid_of("organization", top.id) != head.get("township") \
            and top.name != head.get("township_name"):
        raise PackageError(f"这个数据包属于“{head.get('township_name')}”，不是本机的“{top.name}”，没有接收。")
    if me.role and head.get("role") == me.role:
        if me.role == TOWNSHIP:
            raise PackageError("这个数据包来自另一台乡镇党委的电脑。只能接收各党支部发来的数据包。")
        raise PackageError(f"这个数据包来自另一个党支部（{head.get('org_name')}），没有接收。"
                           "党支部只接收乡镇党委发来的数据包。")
    if me.role == BRANCH and me.org_uuid and head.get("org") not in (me.org_uuid, head.get("township")):
        mine = Organization.get_or_none(Organization.id == (site.row_of("organization", me.org_uuid) or 0))
        if mine is None or mine.display_name != head.get("org_name"):
            raise PackageError(f"这个数据包是给“{head.get('org_name')}”的，不是给本机的组织的，没有接收。")
    peer = ExchangePeer.get_or_none(ExchangePeer.site == head.get("site"))
    if peer is not None and int(head["seq"]) < peer.last_seq:
        raise PackageError(f"这个数据包（第{head['seq']}号）比已经接收的第{peer.last_seq}号还早，没有接收。"
                           "请使用对方最新生成的数据包。")
    return peer


def apply(path: str | Path, passphrase: str, dry_run: bool = False) -> Outcome:
    """Preview (`dry_run`) or apply a package; raises PackageError with nothing written."""
    head, records = read(path, passphrase)
    me = site.current()
    peer = _check(head, me)
    out = Outcome(head)
    if peer is not None and int(head["seq"]) == peer.last_seq:
        out.already = True
        return out
    # A whole township's package touches every index: a bigger page cache for this import only.
    database.execute_sql("PRAGMA cache_size = -64000")
    try:
        with database.atomic():
            ExchangeSite.update(applying=1).execute()
            _merge(head, records, me, out)
            ExchangeSite.update(applying=0).execute()
            _remember(head, me, out)
            if dry_run:
                raise _Rollback
    except _Rollback:
        return out
    finally:
        database.execute_sql(f"PRAGMA cache_size = {dict(PRAGMAS)['cache_size']}")
    out.applied = True
    return out


def _merge(head: dict, records: dict, me: site.Site, out: Outcome) -> None:
    try:
        _Merger(head, records, me, out).run()
    except pw.IntegrityError as exc:  # the whole package is rolled back with it
        raise PackageError(f"数据包中的记录与本机的记录互相矛盾（{exc}），没有接收任何内容。"
                           "请把数据包和本机数据库备份交给技术人员查看。") from None


def _remember(head: dict, me: site.Site, out: Outcome) -> None:
    """The sender as a peer, this installation's identity on a fresh file, the audit line."""
    values = {"name": head.get("site_name", ""), "role": head.get("role", ""), "org_uuid": head.get("org", ""),
              "org_name": head.get("org_name", ""), "last_seq": int(head["seq"]),
              "acked_seq": int(head.get("acked_seq", 0)), "last_at": _now(),
              "last_counts": json.dumps(head.get("counts", {}), ensure_ascii=False)}
    ExchangePeer.insert(site=head["site"], **values).on_conflict(
        conflict_target=[ExchangePeer.site], update=values).execute()
    if not me.role:
        role = BRANCH if head.get("role") == TOWNSHIP else TOWNSHIP
        org = head.get("org") if role == BRANCH else head.get("township")
        name = f"{head.get('org_name') if role == BRANCH else head.get('township_name')}的电脑"
        ExchangeSite.update(role=role, org_uuid=org, name=me.name or name).execute()
    summary = (f"第{head['seq']}号，来自{head.get('site_name') or ROLE_NAMES.get(head.get('role', ''), '')}"
               f"（{head.get('org_name')}）：新增 {out.total('new')}、更新 {out.total('changed')}、"
               f"冲突 {out.total('conflict')}")
    audit.record("接收数据包", "数据包", int(head["seq"]), summary)


class _Merger:
    def __init__(self, head: dict, records: dict, me: site.Site, out: Outcome) -> None:
        self.head, self.records, self.me, self.out = head, records, me, out
        self.sender = head.get("role", "")
        self.recs: dict[str, dict[str, list]] = {}
        self.by_row: dict[str, dict[int, str]] = {}  # built when a natural key is first needed
        self.indexes: dict[tuple[str, tuple[str, ...]], dict[tuple, int]] = {}
        # records with a conflict still listed here: settled when the other side's version agrees
        self.open_conflicts = {c.uuid for c in ExchangeConflict.select(ExchangeConflict.uuid).where(
            ExchangeConflict.resolved == False)}  # noqa: E712
        self.next_id: dict[str, int] = {}
        self.pending: dict[str, list[tuple]] = {}
        self.pending_records: list[tuple] = []
        self.cur = database.cursor()
        self.tombs: dict[str, int] | None = None
        self.org_names: dict[str, str] = {}
        self.allowed: set[str] | None = None
        if me.role == BRANCH and me.org_uuid and head.get("org") != me.org_uuid:
            self.allowed = {me.org_uuid, head.get("township", "")}  # the township's whole tree: our part

    def run(self) -> None:
        for kind in KINDS:
            self.recs[kind.table] = {
                u: [r, rev, s, b, bs] for u, r, rev, s, b, bs in database.execute_sql(
                    "SELECT uuid, row_id, rev, site, base, base_site FROM exchange_record WHERE tbl = ?",
                    (kind.table,))}
        org_uuid = {rec[0]: u for u, rec in self.recs["organization"].items()}
        for org in Organization.select(Organization.id, Organization.name, Organization.short_name):
            if org.id in org_uuid:
                self.org_names[org_uuid[org.id]] = org.display_name
        tables = self.records.get("tables", {})
        for kind in KINDS:
            block = tables.get(kind.table)
            if not block:
                continue
            rows = block["rows"]
            if kind.table == "organization":
                rows = _parents_first(rows, block["columns"])
            for row in rows:
                self._one(kind, block["columns"], row)
            self._flush(kind.table)
        for tomb in self.records.get("tombstones", []):
            self._tombstone(*tomb)
        if self.sender == TOWNSHIP and self.me.role != TOWNSHIP:
            self._settings(self.records.get("settings", {}))

    # --- one record ---------------------------------------------------------------------------

    def _one(self, kind: Kind, cols: list[str], row: list) -> None:
        # a package from before conflict decisions travelled has no base version in its rows
        uuid, rev, by, at, org_uuid, values, *base = row
        seen = tuple(base[:2]) if len(base) >= 2 and base[0] is not None else None
        if self.allowed is not None and org_uuid not in self.allowed:
            return
        counts = self.out.counts[kind.table]
        incoming = dict(zip(cols, values, strict=True))
        if kind.table == "organization":
            self.org_names.setdefault(uuid, incoming.get("short_name") or incoming.get("name", ""))
        local_cols = [c for c in columns(kind.table) if c != "id"]
        for col in local_cols:  # a package from before a schema step: the new columns' defaults
            if col not in incoming:
                incoming[col] = default_of(kind.table, col)
        for col, target in fk_targets(kind.table).items():
            if incoming.get(col) is not None:
                rec = self.recs[target].get(incoming[col])
                if rec is None:
                    self._conflict(kind, uuid, org_uuid, incoming, "（所属记录）", "本机没有", "缺少所属的记录",
                                   at, by, rev)
                    counts["conflict"] += 1
                    return
                incoming[col] = rec[0]
        values_in = {c: incoming[c] for c in local_cols}
        rec = self.recs[kind.table].get(uuid)
        if rec is None:
            rec = self._natural(kind, uuid, values_in)
        if rec is None:
            if self._deleted_here(uuid, rev):
                counts["unchanged"] += 1
                return
            self._insert(kind, uuid, rev, by, at, org_uuid, values_in)
            return
        row_id, lrev, lsite, lbase, lbase_site = rec
        if (lrev, lsite) == (rev, by):
            if (lbase, lbase_site) != (rev, by):
                self._meta(kind.table, uuid, rev, by, at)
            counts["unchanged"] += 1
            return
        # Versions are (revision, site): two sites may each reach revision 3 of one record.
        known = lbase is not None and (rev < lbase or (rev, by) == (lbase, lbase_site))
        changed_here = lbase is not None and (lrev, lsite) != (lbase, lbase_site)
        if known or kind.append_only:
            counts["unchanged"] += 1
            return
        local = self._row(kind.table, row_id, local_cols)
        diff = [c for c in local_cols if c not in UNCOMPARED and local[c] != values_in[c]]
        if self._sender_owns(kind, values_in, local):
            if diff and seen == (lrev, lsite):
                # the sender had our version in hand when it changed the record — a conflict
                # its clerk decided (保留本机的值 / 采用数据包的值 there): the decision is taken here
                self._update(kind, uuid, row_id, rev, by, at, org_uuid, local_cols, values_in)
                self._settled(uuid)
            elif not diff:
                self._meta(kind.table, uuid, rev, by, at)
                self._settled(uuid)  # both sides now hold the same values: nothing left to decide
                counts["unchanged"] += 1
            elif changed_here:  # changed here too since the last exchange: the local value stays
                self._conflicts(kind, uuid, org_uuid, diff, local, values_in, at, by, rev)
            else:
                self._update(kind, uuid, row_id, rev, by, at, org_uuid, local_cols, values_in)
        elif diff and by == self.head.get("site"):  # the sender changed what this side owns
            self._conflicts(kind, uuid, org_uuid, diff, local, values_in, at, by, rev)
        else:
            counts["unchanged"] += 1

    def _sender_owns(self, kind: Kind, incoming: dict, local: dict) -> bool:
        if kind.table == "nomination" and self.sender == BRANCH:
            return local.get("state") in _BRANCH_STAGE and incoming.get("state") in _BRANCH_STAGE
        return owner_of(kind, local) == self.sender or self.me.role == self.sender

    def _natural(self, kind: Kind, uuid: str, values: dict) -> list | None:
        """The same record typed separately here: found by what identifies it to a person."""
        keys: tuple[str, ...] = kind.natural
        if kind.table == "member":
            keys = ("id_number",) if values.get("id_number") else ("org_id", "name")
        index = self._index(kind.table, keys)
        row_id = index.get(tuple(values[c] for c in keys))
        if row_id is None:
            return None
        if kind.table not in self.by_row:
            self.by_row[kind.table] = {r[0]: u for u, r in self.recs[kind.table].items()}
        old = self.by_row[kind.table].pop(row_id, None)
        if old is None or old not in self.recs[kind.table]:
            return None
        if owner_of(kind, values) != self.sender and self.me.role:
            # Ours: it keeps its identity (the other side takes it from our next package); the
            # package's records are linked to it for this import.
            self.recs[kind.table][uuid] = self.recs[kind.table][old]
            return self.recs[kind.table][uuid]
        rec = self.recs[kind.table].pop(old)
        rec[3] = rec[4] = None  # never exchanged under this identity: the owner's version is taken
        self.recs[kind.table][uuid] = rec
        self.cur.execute("UPDATE exchange_record SET uuid = ? WHERE uuid = ?", (uuid, old))
        if old == self.me.org_uuid:
            ExchangeSite.update(org_uuid=uuid).execute()
            self.me = site.Site(self.me.site, self.me.name, self.me.role, uuid)
        if old in self.org_names:
            self.org_names[uuid] = self.org_names[old]
        return rec

    def _index(self, table: str, keys: tuple[str, ...]) -> dict[tuple, int]:
        """Natural key → local id, read once per table (and kept up to date by inserts)."""
        if (table, keys) not in self.indexes:
            names = ", ".join(f'"{c}"' for c in keys)
            self.indexes[(table, keys)] = {
                tuple(r[1:]): r[0] for r in self.cur.execute(f'SELECT id, {names} FROM "{table}"').fetchall()}
        return self.indexes[(table, keys)]

    def _deleted_here(self, uuid: str, rev: int) -> bool:
        if self.tombs is None:
            self.tombs = dict(self.cur.execute("SELECT uuid, rev FROM exchange_tombstone").fetchall())
        return self.tombs.get(uuid, -1) >= rev

    def _row(self, table: str, row_id: int, cols: list[str]) -> dict:
        names = ", ".join(f'"{c}"' for c in cols)
        found = self.cur.execute(f'SELECT {names} FROM "{table}" WHERE id = ?', (row_id,)).fetchone()
        return dict(zip(cols, found, strict=True))

    def _insert(self, kind: Kind, uuid: str, rev: int, by: str, at: str, org_uuid: str, values: dict) -> None:
        """Queued with the id it will have, so a whole table goes in with one executemany."""
        if kind.table not in self.next_id:
            self.next_id[kind.table] = self.cur.execute(
                f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{kind.table}"').fetchone()[0]
        row_id = self.next_id[kind.table]
        self.next_id[kind.table] += 1
        self.pending.setdefault(kind.table, []).append((row_id, *values.values()))
        self.pending_records.append((uuid, kind.table, row_id, rev, by, at, rev, by))
        self.recs[kind.table][uuid] = [row_id, rev, by, rev, by]
        for (table, keys), index in self.indexes.items():
            if table == kind.table:
                index[tuple(values[c] for c in keys)] = row_id
        self.out.counts[kind.table]["new"] += 1

    def _flush(self, table: str) -> None:
        rows = self.pending.pop(table, [])
        if rows:
            cols = ["id", *(c for c in columns(table) if c != "id")]
            names = ", ".join(f'"{c}"' for c in cols)
            self.cur.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})', rows)
        if self.pending_records:
            self.pending_records.sort()  # in the order of the uuid index: far fewer pages touched
            self.cur.executemany(
                "INSERT INTO exchange_record (uuid, tbl, row_id, rev, site, changed_at, base, base_site, stamp) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)", self.pending_records)
            self.pending_records = []

    def _update(self, kind: Kind, uuid: str, row_id: int, rev: int, by: str, at: str, org_uuid: str,
                cols: list[str], values: dict) -> None:
        sets = ", ".join(f'"{c}" = ?' for c in cols)
        self.cur.execute(f'UPDATE "{kind.table}" SET {sets} WHERE id = ?', (*(values[c] for c in cols), row_id))
        self._meta(kind.table, uuid, rev, by, at)
        self.out.counts[kind.table]["changed"] += 1

    def _meta(self, table: str, uuid: str, rev: int, by: str, at: str) -> None:
        self.cur.execute("UPDATE exchange_record SET rev = ?, site = ?, changed_at = ?, base = ?, base_site = ?, "
                             "stamp = 0 WHERE uuid = ?", (rev, by, at, rev, by, uuid))
        rec = self.recs[table][uuid]
        rec[1:5] = [rev, by, rev, by]

    # --- deletions and settings ---------------------------------------------------------------

    def _tombstone(self, uuid: str, table: str, rev: int, by: str, at: str) -> None:
        kind = BY_TABLE.get(table)
        rec = self.recs.get(table, {}).get(uuid)
        if kind is None or rec is None:
            return
        row_id, lrev, lsite, lbase, lbase_site = rec
        local_cols = [c for c in columns(table) if c != "id"]
        local = self._row(table, row_id, local_cols)
        counts = self.out.counts[table]
        org_uuid = ""
        if not self._sender_owns(kind, local, local):
            if by == self.head.get("site"):
                self._conflict(kind, uuid, org_uuid, local, "（删除）", "保留", "删除", at, by, rev)
                counts["conflict"] += 1
            return
        if lbase is not None and (lrev, lsite) != (lbase, lbase_site):
            self._conflict(kind, uuid, org_uuid, local, "（删除）", "已修改", "删除", at, by, rev)
            counts["conflict"] += 1
            return
        try:
            with database.atomic():
                database.execute_sql(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
        except pw.IntegrityError:
            self._conflict(kind, uuid, org_uuid, local, "（删除）", "仍有其他记录引用，未删除", "删除", at, by, rev)
            counts["conflict"] += 1
            return
        database.execute_sql("UPDATE exchange_tombstone SET rev = ?, site = ?, changed_at = ?, stamp = 0 "
                             "WHERE uuid = ?", (rev, by, at, uuid))
        del self.recs[table][uuid]
        counts["deleted"] += 1

    def _settings(self, settings: dict[str, str]) -> None:
        counts = self.out.counts["setting"]
        for key, value in settings.items():
            if key in LOCAL_SETTINGS:
                continue
            row = Setting.get_or_none(Setting.key == key)
            if row is not None and row.value == value:
                counts["unchanged"] += 1
                continue
            Setting.insert(key=key, value=value).on_conflict_replace().execute()
            counts["changed" if row else "new"] += 1

    # --- conflicts ----------------------------------------------------------------------------

    def _conflicts(self, kind: Kind, uuid: str, org_uuid: str, diff: list[str], local: dict, incoming: dict,
                   at: str, by: str, rev: int) -> None:
        links = fk_targets(kind.table)
        for col in diff:
            mine, theirs = (self._link(links[col], v) if col in links else _show(v)
                            for v in (local[col], incoming[col]))
            # the package's own value (local ids for links), so 采用数据包的值 can write it exactly
            raw = json.dumps({"col": col, "value": incoming[col]}, ensure_ascii=False)
            self._conflict(kind, uuid, org_uuid, local, col, mine, theirs, at, by, rev, raw)
        self.out.counts[kind.table]["conflict"] += 1

    def _conflict(self, kind: Kind, uuid: str, org_uuid: str, row: dict, col: str, mine: str, theirs: str,
                  at: str, by: str, rev: int, raw: str | None = None) -> None:
        from models.sync.kinds import FIELD_NAMES

        item = {"at": _now(), "from_site": self.head.get("site_name", ""), "package_seq": int(self.head["seq"]),
                "org_name": self.org_names.get(org_uuid, self.head.get("org_name", "")), "tbl": kind.table,
                "uuid": uuid, "record": record_label(kind, row), "field": FIELD_NAMES.get(col, col),
                "local_value": mine, "package_value": theirs, "changed_at": at, "changed_by": self._site_name(by),
                "rev": rev, "site": by, "package_raw": raw}
        self.out.conflicts.append(item)
        known = ExchangeConflict.select().where(
            (ExchangeConflict.uuid == uuid) & (ExchangeConflict.field == item["field"])
            & (ExchangeConflict.package_value == theirs) & (ExchangeConflict.resolved == False)).exists()  # noqa: E712
        if not known:
            ExchangeConflict.create(**item)

    def _settled(self, uuid: str) -> None:
        """This side's open conflicts on a record the other side has now decided are done."""
        if uuid not in self.open_conflicts:
            return
        self.open_conflicts.discard(uuid)
        ExchangeConflict.update(resolved=True, choice="对方已处理").where(
            (ExchangeConflict.uuid == uuid) & (ExchangeConflict.resolved == False)).execute()  # noqa: E712

    def _link(self, table: str, row_id: int | None) -> str:
        """A linked record as a clerk knows it (东风村党支部, 王小明), not its local number."""
        if row_id is None:
            return ""
        kind = BY_TABLE[table]
        cols = [c for c in kind.label if c in columns(table)] or ["id"]
        found = self._row(table, row_id, cols)
        return record_label(kind, found).split(" ", 1)[-1] or str(row_id)

    def _site_name(self, by: str) -> str:
        if by == self.head.get("site"):
            return self.head.get("site_name", "")
        if by == self.me.site:
            return self.me.name or "本机"
        peer = ExchangePeer.get_or_none(ExchangePeer.site == by)
        return peer.name if peer else by[:8]


def _parents_first(rows: list, cols: list[str]) -> list:
    at = cols.index("parent_id")
    done: set = {None}
    out: list = []
    pending = list(rows)
    while pending:
        ready = [r for r in pending if r[5][at] in done or r[5][at] not in {p[0] for p in pending}]
        if not ready:
            ready = pending
        out += ready
        done |= {r[0] for r in ready}
        pending = [r for r in pending if r not in ready]
    return out


def _show(value: object) -> str:
    return "" if value is None else str(value)
