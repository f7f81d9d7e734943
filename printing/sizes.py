"""Chinese type sizes (字号) in points, and millimetre helpers.

Clerks think in 字号, not points, so layouts name sizes the way Word/WPS do.
"""
from __future__ import annotations

from typing import Final

CHUHAO: Final = 42.0     # 初号
XIAOCHU: Final = 36.0    # 小初
YIHAO: Final = 26.0      # 一号
XIAOYI: Final = 24.0     # 小一
ERHAO: Final = 22.0      # 二号
XIAOER: Final = 18.0     # 小二
SANHAO: Final = 16.0     # 三号
XIAOSAN: Final = 15.0    # 小三
SIHAO: Final = 14.0      # 四号
XIAOSI: Final = 12.0     # 小四
WUHAO: Final = 10.5      # 五号
XIAOWU: Final = 9.0      # 小五

#: 字号 by its Chinese name, largest first (the order of Word's size list).
ZIHAO: Final[dict[str, float]] = {
    "初号": CHUHAO,
    "小初": XIAOCHU,
    "一号": YIHAO,
    "小一": XIAOYI,
    "二号": ERHAO,
    "小二": XIAOER,
    "三号": SANHAO,
    "小三": XIAOSAN,
    "四号": SIHAO,
    "小四": XIAOSI,
    "五号": WUHAO,
    "小五": XIAOWU,
}

MM: Final = 72.0 / 25.4  # points per millimetre


def mm(value: float) -> float:
    """Millimetres to points; layouts follow GB/T 9704, which is written in millimetres."""
    return value * MM
