"""Annual assessment speed on a big township (issue 4: from quarterly tallies to the honours list).

Prints seconds to compute the whole assessment — every organization's and every member's
ledger, scores, suggested grades and exclusions — on a database made by
`models.demo.fill(members=30000)`; target ≤ 3 s. Also the home page's overview and the
民主评议党员 figures, which read the same tables.

    uv run python bench/assessment.py [--members 30000] [--db PATH] [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.safety import opening  # noqa: E402 - after the path is set


def timed(func: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
        del result  # freeing 100,000s of objects is not part of the next run
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=30000)
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIANFENG_DATA_DIR"] = tmp
        from models import demo, overview
        from models.assessment import scoring as assessment
        from models.store import db

        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        fresh = not path.exists()
        opening.connect(path)
        if fresh:
            t0 = time.perf_counter()
            demo.fill(members=args.members)
            print(f"demo.fill(members={args.members}): {time.perf_counter() - t0:.1f} s")
        year = time.localtime().tm_year
        summary = assessment.summary(year)
        print(f"{len(summary.organizations)} organizations, {len(summary.members)} members assessed for {year}")
        del summary
        times = timed(lambda: assessment.summary(year), args.runs)
        print(f"assessment (all organizations and members): best {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s (target ≤ 3 s)")
        times = timed(overview.overview, args.runs)
        print(f"overview (home page): best {min(times):.2f} s")
        times = timed(lambda: overview.appraisal_stats(year), args.runs)
        print(f"民主评议党员 figures: best {min(times):.2f} s")
        db.close()


if __name__ == "__main__":
    main()
