"""The township's 进展情况通报 and the 首页's supervision lists on a big township (issue 18).

Prints seconds to compute the bulletin's figures (every ledger of the year, ranked), to lay
out its PDF, and for the two bounded 首页 lists (open 整改通知, branches without a 年度计划),
on a database made by `models.demo.fill(members=N)` with a notice for every branch.

    uv run python bench/bulletin.py [--members 30000] [--db PATH] [--runs 3]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.assessment import timed  # noqa: E402 - after the path is set
from models.safety import opening  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=30000)
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIANFENG_DATA_DIR"] = tmp
        from models import demo, overview
        from models.campaign import rectification
        from models.campaign.bulletin import bulletin
        from models.printouts import print_setup
        from models.printouts.campaign_docs import bulletin_from
        from models.store import db
        from models.store.tables import Organization
        from printing.documents.bulletin import render_bulletin

        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        fresh = not path.exists()
        opening.connect(path)
        today = dt.date.today()
        if fresh:
            t0 = time.perf_counter()
            demo.fill(members=args.members)
            print(f"demo.fill(members={args.members}): {time.perf_counter() - t0:.1f} s")
            for org in Organization.select().where(Organization.parent.is_null(False)):
                rectification.issue(org.id, {"issued_on": today, "deadline": today, "problems": "评议未开展"})
        year = today.year
        data = bulletin(year)
        print(f"{len(data.branches)} organizations in the bulletin, {len(data.behind)} named")
        times = timed(lambda: bulletin(year), args.runs)
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"bulletin figures: median {statistics.median(times):.2f} s (runs {runs})")
        doc, fonts = bulletin_from(data), print_setup.font_settings()
        times = timed(lambda: render_bulletin(doc, fonts), args.runs)
        print(f"bulletin PDF: median {statistics.median(times):.2f} s")
        times = timed(lambda: (overview.open_rectifications(today), overview.without_plans(year)), args.runs)
        print(f"首页 supervision lists: median {statistics.median(times) * 1000:.1f} ms")
        db.close()


if __name__ == "__main__":
    main()
