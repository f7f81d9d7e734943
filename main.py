"""先锋台账 — start here.

No arguments: open the window on the default database. With a command: batch work for the
office (demo data, checks, printing, Excel, backups), errors in Chinese on stderr.
"""
from __future__ import annotations

import argparse
import gettext
import logging
import os
import sys
import time
from pathlib import Path

PROCESS_START = time.perf_counter()

# argparse's own words, in the clerk's language.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个参数值",
    "invalid %(type)s value: %(value)r": "参数值 %(value)r 无效",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
argparse._ = lambda s: _ARGPARSE_ZH.get(s, gettext.gettext(s))  # type: ignore[attr-defined]


class UserFacingError(Exception):
    """A problem the clerk can fix; printed without a traceback."""


def _ensure_streams() -> None:
    """A windowed build has no console: print() must not crash on sys.stdout being None."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _setup_logging() -> Path | None:
    from models.db import data_dir

    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "xianfeng.log"
        logging.basicConfig(
            filename=path, level=logging.INFO, encoding="utf-8",
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        return path
    except OSError:
        return None


def _open_db(args: argparse.Namespace):
    from models import db

    path = Path(args.db) if args.db else db.default_db_path()
    return db.connect(path), path


def cmd_demo(args: argparse.Namespace) -> int:
    from models import demo

    conn, path = _open_db(args)
    t0 = time.perf_counter()
    counts = demo.fill(members=args.members, progress=lambda msg: print(msg, file=sys.stderr))
    print(f"已在 {path} 生成示例数据：{counts['organizations']} 个组织、{counts['members']} 名党员、"
          f"{counts['pledges']} 份承诺、{counts['reviews']} 次季度评议（用时 {time.perf_counter() - t0:.1f} 秒）。")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from models import checks

    conn, path = _open_db(args)
    problems = checks.run(conn)
    if not problems:
        print(f"检查完毕：{path} 完好，所有记录符合规则。")
        return 0
    for line in problems:
        print(line)
    print(f"共发现 {len(problems)} 个问题。", file=sys.stderr)
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="先锋台账：基层党组织创先争优活动台账。不带命令运行时打开程序窗口。",
    )
    parser.add_argument("--db", metavar="PATH", help="使用指定的数据库文件（默认在用户数据文件夹中）")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("demo", help="向空数据库写入一个示例乡镇的数据", description="向空数据库写入一个示例乡镇：党委、五类党支部、党员、承诺和四个季度的评议。")
    p.add_argument("--members", type=int, default=200, metavar="N", help="党员人数（默认 200）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="检查数据库是否完好、记录是否符合规则", description="检查数据库文件完整性和各项业务规则，列出发现的问题。")
    p.set_defaults(func=cmd_check)
    return parser


def run_window(db_path: str | None) -> int:
    from ui.app import run

    return run(db_path, PROCESS_START)


def main(argv: list[str] | None = None) -> int:
    _ensure_streams()
    _setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return run_window(args.db)
    from models.errors import NotFound, ValidationError

    try:
        return args.func(args)
    except (ValidationError, NotFound, UserFacingError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：无法读写文件：{exc.filename or ''} {exc.strerror or exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
