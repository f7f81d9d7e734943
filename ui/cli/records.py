"""Commands on the records as a whole: a demo township, and the check of every rule."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from ui.cli.common import open_db


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期 {text!r} 无效，请写成 2026-12-01 这样") from None


def cmd_demo(args: argparse.Namespace) -> int:
    from models import demo

    conn, path = open_db(args)
    t0 = time.perf_counter()
    counts = demo.fill(members=args.members, progress=lambda msg: print(msg, file=sys.stderr), today=args.today)
    print(f"已在 {path} 生成示例数据：{counts['organizations']} 个组织、{counts['members']} 名党员、"
          f"{counts['pledges']} 份承诺、{counts['reviews']} 次季度评议（用时 {time.perf_counter() - t0:.1f} 秒）。")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from models.safety import checks

    conn, path = open_db(args, readonly=True)  # works beside the window and on a CD or locked USB stick
    problems = checks.run(conn)
    if not problems:
        print(f"检查完毕：{path} 完好，所有记录符合规则。")
        return 0
    for line in problems:
        print(line)
    print(f"共发现 {len(problems)} 个问题。", file=sys.stderr)
    return 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="向空数据库写入一个示例乡镇的数据",
                       description="向空数据库写入一个示例乡镇：党委、五类党支部、党员、承诺和四个季度的评议。")
    p.add_argument("--members", type=int, default=200, metavar="N", help="党员人数（默认 200）")
    p.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD",
                   help="按这一天的进度生成（哪些季度已评议、哪些承诺已到期；默认今天）")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("check", help="检查数据库是否完好、记录是否符合规则",
                       description="检查数据库文件完整性和各项业务规则，列出发现的问题。只读取，不改动数据库；"
                                   "程序窗口开着时、数据库在只读U盘或光盘上时也可以运行。")
    p.set_defaults(func=cmd_check)
