"""数据包 on the command line: make one for the other side, take one in (or preview it), see
this computer's identity and the conflicts waiting for a decision."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli.common import UserFacingError, open_db

if TYPE_CHECKING:
    from models.sync.merge import Outcome

ENV = "XIANFENG_PASSPHRASE"


def _passphrase(args: argparse.Namespace) -> str:
    """From a file or the environment, never from the command line itself (it shows in the
    process list and the shell history) and never stored."""
    if args.passphrase_file:
        try:
            text = Path(args.passphrase_file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise UserFacingError(f"读不了口令文件 {args.passphrase_file}（{exc.strerror or exc}）。") from None
        text = text.strip("\r\n")
    else:
        text = os.environ.get(ENV, "")
    if not text:
        raise UserFacingError(f"请给出数据包口令：--passphrase-file 口令文件，或环境变量 {ENV}。")
    return text


def cmd_export(args: argparse.Namespace) -> int:
    from models.sync import export

    passphrase = _passphrase(args)
    open_db(args)
    made = export.make(args.output, passphrase, org_name=args.org, everything=args.all)
    kb = made.size / 1024
    print(f"已生成数据包（第{made.seq}号，给{made.org_name}）：{made.path}（{kb:.0f} KB）")
    print(f"内容：{export.describe(made.counts)}")
    return 0


def _print_outcome(out: Outcome, dry_run: bool) -> None:
    from models.sync.kinds import BY_TABLE

    head = out.head
    print(f"数据包第{head['seq']}号，来自“{head.get('site_name')}”，给{head.get('org_name')}，"
          f"生成于 {head.get('made_at')}。")
    names = {"setting": "设置"} | {t: k.name for t, k in BY_TABLE.items()}
    for table, c in out.counts.items():
        parts = [f"{label} {c[key]}" for key, label in (("new", "新增"), ("changed", "更新"),
                 ("deleted", "删除"), ("conflict", "冲突"), ("unchanged", "不变")) if c[key]]
        if parts:
            print(f"  {names.get(table, table)}：{'，'.join(parts)}")
    for item in out.conflicts[:100]:
        print(f"  冲突：{item['org_name']} {item['record']} {item['field']}：本机“{item['local_value']}”，"
              f"数据包“{item['package_value']}”（{item['changed_at']}，{item['changed_by']}）")
    if len(out.conflicts) > 100:
        print(f"  ……另有 {len(out.conflicts) - 100} 条冲突，可用 exchange conflicts -o 冲突.xlsx 导出查看。")
    if dry_run:
        print("以上为预览，数据库未改动。去掉 --dry-run 即可接收。")
    elif out.conflicts:
        print(f"已接收。有 {len(out.conflicts)} 处冲突保留了本机的值，请核对（exchange conflicts -o 冲突.xlsx）。")
    else:
        print("已接收。")


def cmd_import(args: argparse.Namespace) -> int:
    from models.sync import merge

    passphrase = _passphrase(args)
    open_db(args)
    out = merge.apply(args.file, passphrase, dry_run=args.dry_run)
    if out.already:
        print(f"这个数据包（第{out.head['seq']}号）已经接收过，没有改动任何内容。")
        return 0
    _print_outcome(out, args.dry_run)
    return 1 if out.conflicts and not args.dry_run else 0


def cmd_site(args: argparse.Namespace) -> int:
    from models.sync import site
    from models.sync.kinds import ROLE_NAMES

    open_db(args)
    roles = {v: k for k, v in ROLE_NAMES.items()}
    me = site.configure(args.name, roles[args.role] if args.role else None, args.org)
    print(f"本机：{me.name or '（未命名）'}；角色：{ROLE_NAMES.get(me.role, '未定')}；编号：{me.site}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from models.sync import conflicts

    open_db(args, readonly=True)
    if args.output:
        n = conflicts.export(args.output)
        print(f"已导出 {n} 条冲突到 {args.output}。")
        return 0
    data = conflicts.rows()
    if data:
        print("\t".join(("编号", *conflicts.HEADERS)))
    for number, row in zip(conflicts.open_ids(), data, strict=True):
        print("\t".join(str(v) for v in (number, *row)))
    if not data:
        print("没有待处理的冲突。", file=sys.stderr)
    else:
        print("处理：exchange decide 保留本机 编号…（或 采用数据包 编号…，或 --all）；"
              "选择会随下一个数据包带给对方。", file=sys.stderr)
    return 0


DECISIONS = {"保留本机": "保留本机的值", "采用数据包": "采用数据包的值"}


def cmd_decide(args: argparse.Namespace) -> int:
    from models.sync import conflicts

    open_db(args)
    ids = conflicts.open_ids() if args.all else args.ids
    n = conflicts.decide(ids, DECISIONS[args.choice])
    print(f"已处理 {n} 条冲突：{DECISIONS[args.choice]}。生成下一个数据包时，这个选择会带给对方。")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser("exchange", help="数据包：党支部与乡镇党委之间交换数据",
                         description="生成或接收数据包（.xfpkg，用口令加密，可用U盘传递）。")
    cmds = top.add_subparsers(dest="exchange_command", metavar="操作", required=True)

    def passphrase_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--passphrase-file", metavar="FILE",
                       help=f"从这个文件读口令（也可用环境变量 {ENV}）；口令不会保存")

    p = cmds.add_parser("export", help="生成数据包",
                        description="党支部：生成本支部自上次对方确认以来改动的记录；乡镇党委：用 --org 为一个党支部"
                                    "生成（不带 --org 为全镇）。--all 包括全部记录（新电脑从数据包开始时用）。")
    p.add_argument("--org", metavar="NAME", help="为哪个组织生成（全称或简称）")
    p.add_argument("--all", action="store_true", help="包括全部记录，而不只是改动的")
    p.add_argument("-o", "--output", required=True, metavar="FILE_OR_FOLDER",
                   help="保存到这个文件夹（自动命名）或 .xfpkg 文件")
    passphrase_option(p)
    p.set_defaults(func=cmd_export)
    p = cmds.add_parser("import", help="接收数据包",
                        description="先核对口令、完整性和来源，再在一个事务中接收；冲突保留本机的值并列出。")
    p.add_argument("file", metavar="FILE", help="数据包文件（.xfpkg）")
    p.add_argument("--dry-run", action="store_true", help="只预览将新增、更新和冲突的记录，不改动数据库")
    passphrase_option(p)
    p.set_defaults(func=cmd_import)
    p = cmds.add_parser("site", help="查看或设置本机的名称和角色",
                        description="本机在数据包中的名称（例如：东风村党支部的电脑）和角色。")
    p.add_argument("--name", metavar="NAME", help="本机名称")
    p.add_argument("--role", choices=("乡镇党委", "党支部"), help="本机角色")
    p.add_argument("--org", metavar="NAME", help="本机负责的组织")
    p.set_defaults(func=cmd_site)
    p = cmds.add_parser("conflicts", help="列出或导出数据包冲突",
                        description="列出接收数据包时保留了本机值的冲突，或导出为 Excel（.xlsx）。")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help="导出到 .xlsx 文件")
    p.set_defaults(func=cmd_conflicts)
    p = cmds.add_parser("decide", help="处理数据包冲突：保留本机的值或采用数据包的值",
                        description="对 exchange conflicts 列出的冲突（按编号）作出选择；选择随下一个数据包带给对方，"
                                    "对方接收后不再列出同一冲突。")
    p.add_argument("choice", choices=tuple(DECISIONS), help="保留本机 或 采用数据包")
    p.add_argument("ids", nargs="*", type=int, metavar="编号", help="冲突编号（见 exchange conflicts）")
    p.add_argument("--all", action="store_true", help="全部待处理的冲突")
    p.set_defaults(func=cmd_decide)
