"""The command line's parser and the one place its errors become Chinese messages."""
from __future__ import annotations

import argparse
import gettext
import sys

from ui.cli import assessment, excel, packages, prints, records, safety
from ui.cli.common import UserFacingError, db_path
from ui.help.version import version

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
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "expected at most one argument": "最多只能有一个参数值",
    "expected at least one argument": "至少需要一个参数值",
    "not allowed with argument %s": "不能和参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
}
argparse._ = lambda s: _ARGPARSE_ZH.get(s, gettext.gettext(s))  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="先锋台账：基层党组织创先争优活动台账。不带命令运行时打开程序窗口。",
    )
    parser.add_argument("--version", action="version", version=f"先锋台账 {version()}", help="显示版本号并退出")
    parser.add_argument("--db", metavar="PATH", help="使用指定的数据库文件（默认在用户数据文件夹中）")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    records.add_commands(sub)
    assessment.add_commands(sub)
    safety.add_commands(sub)
    prints.add_commands(sub)
    excel.add_commands(sub)
    packages.add_commands(sub)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; a problem the clerk can act on is a message and an exit code."""
    from models.errors import NotFound
    from printing.errors import PrintingError

    try:
        return args.func(args)
    except (NotFound, UserFacingError, PrintingError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from models.safety import backup, faults

        # Disk full, read-only, locked, damaged or empty file …: the same words as in the window.
        fault = faults.classify(exc)
        if fault is None and isinstance(exc, OSError):
            print(f"错误：无法读写文件：{exc.filename or ''}（{exc.strerror or exc}）", file=sys.stderr)
            return 3
        if fault is None:
            raise  # a bug: the traceback is for a technician
        print(f"错误：{fault.text()}", file=sys.stderr)
        good = backup.latest_good_backup(db_path(args)) if fault.offer_restore else None
        if good is not None:
            db_arg = f'--db "{args.db}" ' if args.db else ""
            print(f"最近一次完好的备份：{good}\n恢复命令：main.py {db_arg}restore \"{good}\"", file=sys.stderr)
        # 4: the database file itself cannot be used; 3: the disk or folder; 2: anything else.
        return 4 if fault.offer_restore else 3 if isinstance(exc, OSError) else 2
