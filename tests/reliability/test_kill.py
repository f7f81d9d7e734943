"""Pull the plug: SIGKILL a writing process at random moments, then check nothing was lost.

A child (kill_child.py) saves members, edits, whole quarterly reviews, pledges and
2,000-row imports and backups through the services, printing `ok …` after each commit. It is killed
at a random moment, again and again, on the same file. After each kill the file is reopened
as the program would open it and must pass integrity_check and foreign_key_check; every
acknowledged save must be there; nothing may be half there (a review without its tallies, a
pledge without items, part of an import, a change without its audit line).

XIANFENG_KILLS sets the number of kills (default 40, about 30 s).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from peewee import fn

from models.roster import members, organizations
from models.safety import backup, opening
from models.store import db as dbmod
from models.store.tables import (
    Attendance,
    AuditEntry,
    MassTally,
    Member,
    MutualTally,
    Pledge,
    PledgeItem,
    Review,
)
from tests.reliability.kill_child import BATCH_SIZE, IMPORT_ORG

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("kill_child.py")
KILLS = int(os.environ.get("XIANFENG_KILLS", "40"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def set_up(path: Path) -> None:
    opening.connect(path)
    top = organizations.save({"name": "中共先锋镇委员会", "level": "党委"})
    for n, village in enumerate(("东风村", "红旗村", "柳河村")):
        org = organizations.save({"name": f"中共{village}支部委员会", "level": "党支部", "parent_id": top.id})
        for k in range(8):
            members.save({"org_id": org.id, "name": "王李张刘陈杨赵黄"[k] + "建国", "notes": f"setup-{n}-{k}"})
    organizations.save({"name": IMPORT_ORG, "level": "党支部", "parent_id": top.id})
    dbmod.close()


class Ledger:
    """What the children said, and so what the file must hold."""

    def __init__(self) -> None:
        self.members: dict[str, int | None] = {}  # tag → id once acknowledged
        self.values: dict[tuple, set[str]] = {}  # (kind, key) → values the file may hold
        self.pledges: dict[str, tuple[int, int] | None] = {}
        self.batches: dict[str, bool] = {}  # tag → acknowledged
        self.backups: set[str] = set()  # acknowledged backup file names
        self.verified: set[str] = set()
        self.acked = Counter()

    def read(self, lines: list[str]) -> bool:
        """Take one run's output; True when the run ended inside a save (a `try` last)."""
        last = ""
        for line in lines:
            parts = line.split()
            if len(parts) < 2 or parts[0] not in ("try", "ok"):
                continue
            last = parts[0]
            state, kind, rest = parts[0], parts[1], parts[2:]
            if state == "ok":
                self.acked[kind] += 1
            if kind == "member":
                self.members[rest[0]] = int(rest[1]) if state == "ok" else None
            elif kind in ("update", "review"):
                key, value = (kind, rest[0]), rest[1]
                if state == "ok":
                    self.values[key] = {value}
                elif key in self.values:
                    self.values[key].add(value)
            elif kind == "pledge":
                self.pledges[rest[0]] = (int(rest[1]), int(rest[2])) if state == "ok" else None
            elif kind == "batch":
                self.batches[rest[0]] = state == "ok"
            elif kind == "backup" and state == "ok":
                self.backups.add(rest[1])
        return last == "try"

    def check(self, path: Path) -> None:
        db = opening.connect(path)
        try:
            assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
            self._check_saves()
            self._check_units()
            self._check_backups(path)
        finally:
            dbmod.close()

    def _check_saves(self) -> None:
        by_notes: dict[str, list[int]] = {}
        for member_id, notes in Member.select(Member.id, Member.notes).where(
                ~Member.notes.startswith("batch ")).tuples():
            by_notes.setdefault(notes, []).append(member_id)
        batch_rows = dict(Member.select(Member.notes, fn.COUNT(Member.id)).where(
            Member.notes.startswith("batch ")).group_by(Member.notes).tuples())
        batch_logs = Counter(s for (s,) in AuditEntry.select(AuditEntry.summary).where(
            AuditEntry.action == "导入").tuples())
        for tag, member_id in self.members.items():
            found = by_notes.get(tag, [])
            if member_id is not None:
                assert found == [member_id], f"acknowledged member {tag} lost"
            else:
                assert len(found) <= 1
                if found:  # committed just before the kill: from now on it must stay
                    self.members[tag] = found[0]
        for (kind, key), allowed in self.values.items():
            if kind == "update":
                value = Member.get_by_id(int(key)).address.removeprefix("先锋镇").removesuffix("号")
            else:
                org_id, quarter = map(int, key.split(":"))
                review = Review.get_or_none((Review.org == org_id) & (Review.quarter == quarter))
                assert review is not None, f"acknowledged review {key} lost"
                value = review.topics.removeprefix("第").removesuffix("次保存")
            assert value in allowed, f"{kind} {key}: file has {value}, acknowledged {allowed}"
            self.values[(kind, key)] = {value}
        items = dict(PledgeItem.select(PledgeItem.pledge, fn.COUNT(PledgeItem.id))
                     .group_by(PledgeItem.pledge).tuples())
        for tag, acked in self.pledges.items():
            if acked is not None:
                pledge_id, n_items = acked
                assert items.get(pledge_id) == n_items, f"pledge {tag} lost or changed"
        for tag, acked in self.batches.items():
            n = batch_rows.get(f"batch {tag}", 0)
            logged = batch_logs[f"batch {tag}"]
            assert n in (0, BATCH_SIZE), f"import {tag} half there: {n} rows"
            assert logged == (n == BATCH_SIZE), f"import {tag}: rows and audit line disagree"
            if acked:
                assert n == BATCH_SIZE, f"acknowledged import {tag} lost"
            self.batches[tag] = n == BATCH_SIZE

    def _check_units(self) -> None:
        """Whatever is in the file is whole, acknowledged or not."""
        counts = {}
        for model in (Attendance, MutualTally, MassTally):
            counts[model] = dict(model.select(model.review, fn.COUNT(model.id)).group_by(model.review).tuples())
        for review_id, expected in Review.select(Review.id, Review.expected).tuples():
            assert counts[Attendance].get(review_id) == expected, f"review {review_id}: attendance incomplete"
            assert counts[MutualTally].get(review_id) == expected, f"review {review_id}: 互评 incomplete"
            assert counts[MassTally].get(review_id) == 10, f"review {review_id}: 群众评议 incomplete"
        contents: dict[int, set[str]] = {pid: set() for (pid,) in Pledge.select(Pledge.id).tuples()}
        for pledge_id, content in PledgeItem.select(PledgeItem.pledge, PledgeItem.content).tuples():
            contents[pledge_id].add(content.split("第")[0])
        for pledge_id, tags in contents.items():
            assert len(tags) == 1, f"pledge {pledge_id} has no items or mixed items"
        logged = {i for (i,) in AuditEntry.select(AuditEntry.entity_id).where(
            (AuditEntry.entity == "党员") & (AuditEntry.action == "新增")).tuples()}
        unlogged = [i for (i,) in Member.select(Member.id).where(~Member.notes.startswith("batch ")).tuples()
                    if i not in logged]
        assert not unlogged, f"members saved without their audit line: {unlogged[:5]}"


    def _check_backups(self, path: Path) -> None:
        """A kill while backing up leaves at most a hidden temporary file, never a bad copy."""
        names = {p.name for p in backup.list_backups(path)}
        assert self.backups <= names | set(self.rotated(names)), "acknowledged backup missing"
        for name in names - self.verified:
            info = backup.inspect_backup(backup.backups_dir() / name)
            backup.verify(backup.backups_dir() / name, info.schema_version)
            self.verified.add(name)

    def rotated(self, names: set[str]) -> list[str]:
        """Backups older than the ten kept may have been rotated away, as designed."""
        newest = sorted(names, reverse=True)[:backup.KEEP_RECENT]
        return [n for n in self.backups if newest and n < newest[-1]]


def test_kill_at_random_points(tmp_path, monkeypatch):
    monkeypatch.setenv("XIANFENG_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "kill.db"
    set_up(path)
    ledger = Ledger()
    rng = random.Random(20260701)
    inside = 0
    started = time.perf_counter()
    for run in range(KILLS):
        seed = rng.randrange(10**6)
        child = subprocess.Popen([sys.executable, str(CHILD), str(path), str(seed), str(ROOT)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        first = child.stdout.readline()
        assert first.strip() == "ready", child.stderr.read()
        time.sleep(rng.uniform(0.02, 0.4))
        child.send_signal(signal.SIGKILL)
        # Not communicate(): it reads the raw pipe and would drop what readline() above already
        # buffered — a `try` printed right after `ready` (seen once on a loaded machine).
        out = child.stdout.read()
        err = child.stderr.read()
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL, f"run {run} (seed {seed}) ended by itself:\n{err}"
        inside += ledger.read(out.splitlines())
        try:
            ledger.check(path)
        except AssertionError as exc:
            raise AssertionError(f"after kill {run + 1} (child seed {seed}): {exc}") from exc
    took = time.perf_counter() - started
    backup.automatic(path, "exit", force=True)  # the next backup sweeps the killed ones' leftovers
    assert not [p.name for p in backup.backups_dir().iterdir() if ".tmp" in p.name]
    total = sum(ledger.acked.values())
    print(f"\n{KILLS} kills in {took:.1f} s, {inside} inside a save; {total} acknowledged saves "
          f"all present ({dict(ledger.acked)})")
    assert total > KILLS  # the runs did real work
    assert inside > 0  # and some kills hit a transaction in flight
