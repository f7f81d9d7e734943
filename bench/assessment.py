"""Annual assessment speed on a big township (issue 4; targets from issue 17).

For each size prints seconds to compute the whole assessment — every organization's and
every member's ledger, scores, suggested grades and exclusions — with the growth from the
smallest size (targets ≤ 2.5 s at 30,000, ≤ 8 s at 100,000: linear); the home page's
overview (≤ 0.3 s at 100,000) and the 民主评议党员 figures, which read the same tables.

    uv run python bench/assessment.py [--members 30000,100000] [--today 2026-12-01] [--runs 3]
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

from bench import demo_files  # noqa: E402 - after the path is set


def timed(func: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
        del result  # freeing 100,000s of objects is not part of the next run
    return times


def show(label: str, times: list[float], target: str) -> float:
    median = statistics.median(times)
    print(f"  {label:<34} median {median:6.2f} s (runs {', '.join(f'{t:.2f}' for t in times)})  {target}")
    return median


def bench_size(members: int, today, runs: int, tmp: Path) -> float:
    from models import overview
    from models.assessment import scoring as assessment
    from models.safety import opening
    from models.store import db

    path = demo_files.working_copy(members, today, tmp)
    opening.connect(path, readonly=True)
    year = today.year
    summary = assessment.summary(year)
    print(f"{members:,} members ({today}): {len(summary.organizations)} organizations, "
          f"{len(summary.members):,} members assessed for {year}")
    del summary
    result = show("assessment (all of them)", timed(lambda: assessment.summary(year), runs),
                  "target ≤ 2.5 s at 30,000, ≤ 8 s at 100,000")
    show("overview (首页)", timed(lambda: overview.overview(today), runs), "target ≤ 0.3 s at 100,000")
    show("民主评议党员 figures", timed(lambda: overview.appraisal_stats(year), runs), "")
    db.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    demo_files.add_arguments(parser)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as name:
        os.environ["XIANFENG_DATA_DIR"] = str(Path(name) / "data")
        for members in args.members:
            results[members] = bench_size(members, args.today, args.runs, Path(name))
    if len(results) > 1:
        small, big = min(results), max(results)
        print(f"growth {small:,} → {big:,} ({big / small:.1f}× the members): assessment "
              f"{results[big] / results[small]:.1f}×")


if __name__ == "__main__":
    main()
