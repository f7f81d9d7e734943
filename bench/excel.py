"""Excel import and export timings: `uv run python bench/excel.py`.

Import: a 10,000-row national-format roster (written as another office would: IDs and dates as
text, a title and two header rows) read, validated row by row and written into a database that
holds only the township committee. Export: 30,000 demo members to the national format.
Targets: 5 s each.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.safety import opening


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="xianfeng-bench-"))
    os.environ["XIANFENG_DATA_DIR"] = str(work / "data")
    from models import demo
    from models.exchange import roster_export, roster_import
    from models.roster import organizations
    from models.store import db

    opening.connect(work / "source.db")
    demo.fill(members=10_000)
    roster = work / "roster-10000.xlsx"
    roster_export.export_roster(roster)
    db.close()

    opening.connect(work / "target.db")
    top = organizations.save({"name": demo.TOWNSHIP, "short_name": "先锋镇党委", "level": "党委"})
    t0 = time.perf_counter()
    preview = roster_import.preview_file(
        roster, roster_import.ImportOptions(org_id=top.id, create_orgs=True))
    t1 = time.perf_counter()
    batch = roster_import.commit(preview)
    t2 = time.perf_counter()
    print(f"import 10,000 rows: read + validate {t1 - t0:.2f} s, write {t2 - t1:.2f} s, "
          f"total {t2 - t0:.2f} s ({batch.created_count} created)")
    db.close()

    opening.connect(work / "big.db")
    demo.fill(members=30_000)
    t0 = time.perf_counter()
    n = roster_export.export_roster(work / "roster-30000.xlsx")
    print(f"export {n:,} members: {time.perf_counter() - t0:.2f} s")
    db.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
