"""Seconds to print a 300-member pledge board (3 items each).

Run: ``uv run python bench/printing.py [members]``. Uses this machine's real fonts when
there are any; otherwise says so and stops. Three figures:

* first print, empty font cache  – includes converting CFF fonts (Noto CJK) if used;
* first print, warm disk cache   – a new program run printing the same characters;
* repeat print in the same run   – what the clerk waits for the second time.
"""
from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from printing import (
    FontLibrary,
    FontSettings,
    NoCJKFontError,
    PledgeBoard,
    PledgeItem,
    PledgeRow,
    render_pledge_board,
)
from printing.fonts import _FACE_CACHE

ITEMS = [
    "带头参加村庄环境整治，每月义务劳动不少于2次，带动周边10户群众共同维护村容村貌。",
    "帮扶困难群众2户，帮助其发展特色种植，力争户均年增收3000元以上。",
    "认真学习党的路线方针政策，按时参加“三会一课”，全年不缺席，做到学用结合。",
    "协助村“两委”做好矛盾纠纷调解工作，及时化解邻里纠纷——做到小事不出组、大事不出村。",
]
NAMES = ["张堃", "李喆", "王昇", "赵赟", "刘垚", "陈玥", "杨镕", "欧阳明华", "周建国", "吴秀英"]
POSTS = ["党支部书记", "组织委员", "宣传委员", "纪检委员", "党员", "党员中心户"]


def board(members: int) -> PledgeBoard:
    rows = [PledgeRow(NAMES[i % len(NAMES)], POSTS[i % len(POSTS)],
                      [PledgeItem(ITEMS[(i + k) % len(ITEMS)], "2026年12月底前")
                       for k in range(3)])
            for i in range(members)]
    return PledgeBoard("中共东风村支部委员会", 2026, date(2026, 3, 1), date(2026, 3, 7), rows,
                       supervision_phone="0371-12345678")


def timed(fn) -> tuple[float, bytes]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> int:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    b = board(members)
    with tempfile.TemporaryDirectory() as cache:
        settings = FontSettings(cache_dir=Path(cache))
        try:
            FontLibrary(settings).primary("body")
        except NoCJKFontError as exc:
            print(f"no CJK font on this machine: {exc}")
            return 1
        _FACE_CACHE.clear()
        cold, pdf = timed(lambda: render_pledge_board(b, FontLibrary(settings)))
        _FACE_CACHE.clear()
        warm_disk, _ = timed(lambda: render_pledge_board(b, FontLibrary(settings)))
        lib = FontLibrary(settings)
        render_pledge_board(b, lib)
        repeat, _ = timed(lambda: render_pledge_board(b, lib))
        fonts = lib.describe()
    print(f"pledge board, {members} members x 3 items, {len(pdf) / 1024:.0f} KiB")
    for role, path in fonts.items():
        print(f"  font {role:5s} {path}")
    print(f"  first print, empty font cache : {cold:6.2f} s")
    print(f"  first print, warm disk cache  : {warm_disk:6.2f} s")
    print(f"  repeat print, same run        : {repeat:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
