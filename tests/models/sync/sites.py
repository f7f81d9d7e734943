"""Several installations in one test process: one database open at a time, as in the program."""
from __future__ import annotations

from pathlib import Path

from models.safety import opening
from models.store import db as dbmod
from models.store.tables import Member, Organization

PASS = "先锋-口令-2026"


class Sites:
    """Database files by name (township, 红旗村 …); `use` opens one and closes the others."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.usb = folder / "usb"
        self.usb.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.db"

    def use(self, name: str) -> None:
        dbmod.close()
        opening.connect(self.path(name))

    def send(self, name: str, org: str | None = None, everything: bool = False):
        from models.sync import export

        self.use(name)
        return export.make(self.usb, PASS, org_name=org, everything=everything).path

    def take(self, name: str, package: Path, dry_run: bool = False):
        from models.sync import merge

        self.use(name)
        return merge.apply(package, PASS, dry_run=dry_run)


def snapshot(tables: tuple[str, ...] = ("organization", "member", "pledge", "pledge_item", "review", "attendance",
                                         "mutual_tally", "mass_tally", "assessment", "nomination", "award",
                                         "audit_entry", "exchange_record", "exchange_peer", "exchange_conflict",
                                         "setting")) -> dict[str, list]:
    """Every row of the open file's tables, to show that a refused package wrote nothing."""
    out = {}
    for t in tables:
        out[t] = dbmod.database.execute_sql(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
    return out


def members_by_uuid(org_short: str) -> dict[str, tuple]:
    """What a clerk sees of one branch's roster, keyed by the identity that travels."""
    org = Organization.get(Organization.short_name == org_short)
    rows = dbmod.database.execute_sql(
        "SELECT r.uuid, m.name, m.id_number, m.mobile, m.kind, m.join_date FROM member m "
        "JOIN exchange_record r ON r.tbl = 'member' AND r.row_id = m.id WHERE m.org_id = ?", (org.id,)).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def a_member(org_short: str) -> Member:
    org = Organization.get(Organization.short_name == org_short)
    return Member.select().where(Member.org == org).order_by(Member.id).first()
