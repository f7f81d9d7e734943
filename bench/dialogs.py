"""Opening the 季度评议 dialog for a big branch: the clerk waits for it before every meeting.

Prints the median of three openings (build, show, collect the tallies) of the review dialog
for a branch of 300 members, and as the floor measured in the same run a bare QDialog with a
QTableWidget of the same 300 names. Target ≤ 1 s.

    uv run python bench/dialogs.py [--members 300] [--runs 3]
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QDialog, QTableWidget, QTableWidgetItem, QVBoxLayout

from models.names import stroke_sort_key
from models.roster import organizations
from models.safety import opening
from models.store.tables import Member
from ui.qtcompat import guard_singletons


def opening_time(make: Callable[[], QDialog]) -> float:
    """Seconds from nothing to the dialog shown and painted, then it is thrown away."""
    t0 = time.perf_counter()
    dialog = make()
    dialog.show()
    QApplication.processEvents()
    took = time.perf_counter() - t0
    dialog.close()
    dialog.deleteLater()
    return took


def bare_table(names: list[str]) -> QDialog:
    dialog = QDialog()
    table = QTableWidget(len(names), 4, dialog)
    for row, name in enumerate(names):
        table.setItem(row, 0, QTableWidgetItem(name))
    QVBoxLayout(dialog).addWidget(table)
    return dialog


def review_dialog(org_id: int) -> QDialog:
    from ui.campaign.review_dialog import ReviewDialog

    dialog = ReviewDialog(None, org_id)
    dialog.collect()  # what 保存 reads: every tally model filled
    return dialog


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    guard_singletons()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIANFENG_DATA_DIR"] = tmp
        opening.connect(Path(tmp) / "bench.db")
        top = organizations.save({"name": "中共先锋镇委员会", "level": "党委"})
        branch = organizations.save({"name": "中共东风村支部委员会", "level": "党支部", "parent_id": top.id,
                                     "category": "rural"})
        names = [f"张{chr(0x4e00 + i)}{chr(0x4e00 + i * 7 % 900)}" for i in range(args.members)]
        Member.insert_many([{"org": branch.id, "name": n, "stroke_key": stroke_sort_key(n)} for n in names]).execute()
        ours = statistics.median(opening_time(lambda: review_dialog(branch.id)) for _ in range(args.runs))
        bare = statistics.median(opening_time(lambda: bare_table(names)) for _ in range(args.runs))
        print(f"review dialog, {args.members} members: median {ours:.2f} s (target ≤ 1 s); "
              f"bare Qt table floor {bare:.3f} s, ratio {ours / bare:.0f}×")
    del app


if __name__ == "__main__":
    main()
