"""Parsing the shipped stroke data (姓氏笔画), which every start of the program does once.

Prints the best and median of several parses of resources/strokes.txt, and the time of a
plain `str.split` over the same text as the floor measured in the same run. Target ≤ 50 ms.

    uv run python bench/strokes.py [--runs 7]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models import strokes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    text = strokes.DATA_PATH.read_text(encoding="utf-8")
    parse, floor = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        strokes._StrokeData(text)
        parse.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _ = [line.split("\t") for line in text.splitlines()]
        floor.append(time.perf_counter() - t0)
    best, median = min(parse) * 1000, statistics.median(parse) * 1000
    bare = statistics.median(floor) * 1000
    print(f"stroke data parse: best {best:.1f} ms, median {median:.1f} ms (target ≤ 50 ms); "
          f"plain split floor {bare:.1f} ms, ratio {median / bare:.1f}×")


if __name__ == "__main__":
    main()
