"""Data package speed on a big township (issue 15): targets full export ≤ 5 s, full import ≤ 10 s,
one branch's quarterly package ≤ 1 s.

On a database made by `models.demo.fill(members=30000)` prints the seconds and sizes of:
the township's whole-tree package (`--all`), taking it into an empty file (a new township PC),
one branch's package (`--org … --all`) and a branch's quarterly package after a quarter's work
(its review re-saved and a tenth of its members edited), taken in by the township. scrypt's
key derivation (part of every figure) is printed on its own.

    uv run python bench/exchange.py [--members 30000,100000] [--today 2026-12-01]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import demo_files  # noqa: E402 - after the path is set
from models.safety import opening  # noqa: E402

PASS = "bench-口令-2026"


def main() -> None:
    parser = argparse.ArgumentParser()
    demo_files.add_arguments(parser)
    args = parser.parse_args()
    for members in args.members:
        bench_size(members, args.today)


def bench_size(members: int, today) -> None:
    print(f"{members:,} members ({today}):")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIANFENG_DATA_DIR"] = tmp
        from models.store import db
        from models.store.tables import Member, Organization
        from models.sync import export, merge, seal

        usb = Path(tmp) / "usb"
        usb.mkdir()
        town = demo_files.working_copy(members, today, Path(tmp))
        copy, village = (Path(tmp) / n for n in ("copy.db", "village.db"))
        opening.connect(town)
        t0 = time.perf_counter()
        seal._keys(PASS, b"0" * 16, seal.SCRYPT_N)
        print(f"scrypt n=2^{seal.SCRYPT_N.bit_length() - 1}: {time.perf_counter() - t0:.2f} s")

        t0 = time.perf_counter()
        full = export.make(usb / "full.xfpkg", PASS, everything=True)
        print(f"full export: {time.perf_counter() - t0:.2f} s, {full.size / 1e6:.1f} MB, "
              f"{sum(full.counts.values())} records")
        db.close()
        opening.connect(copy)
        t0 = time.perf_counter()
        out = merge.apply(full.path, PASS)
        print(f"full import into an empty file: {time.perf_counter() - t0:.2f} s, {out.total('new')} new")
        db.close()

        opening.connect(town)
        branch = (Organization.select().join(Member).where(Organization.level == "党支部")
                  .group_by(Organization.id).order_by(Organization.id).first())
        t0 = time.perf_counter()
        one = export.make(usb / "branch.xfpkg", PASS, org_name=branch.short_name, everything=True)
        print(f"one branch ({branch.short_name}, {one.counts.get('member', 0)} members) --all: "
              f"{time.perf_counter() - t0:.2f} s, {one.size / 1024:.0f} KB")
        db.close()
        opening.connect(village)
        merge.apply(one.path, PASS)
        # A quarter's work: a tenth of the roster edited.
        for m in list(Member.select().order_by(Member.id))[::10]:
            m.phone = "0371-6000000"
            m.save()
        t0 = time.perf_counter()
        quarter = export.make(usb, PASS)
        print(f"branch's quarterly package: {time.perf_counter() - t0:.2f} s, {quarter.size / 1024:.0f} KB, "
              f"{sum(quarter.counts.values())} records")
        db.close()
        opening.connect(town)
        t0 = time.perf_counter()
        out = merge.apply(quarter.path, PASS)
        print(f"township takes it in: {time.perf_counter() - t0:.2f} s, {out.total('changed')} changed")
        db.close()


if __name__ == "__main__":
    main()
