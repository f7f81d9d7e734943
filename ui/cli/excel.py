"""Excel in and out: the roster import (with its undo) and the roster export."""
from __future__ import annotations

import argparse
import sys

from ui.cli.common import open_db


def _choices(items: list[str] | None) -> tuple[tuple[str, str, str], ...]:
    """--map 学历:研究生=硕士研究生 (the column by its label or field name), checked here."""
    from models.errors import ValidationError
    from models.exchange.vocabulary import VOCABULARIES

    by_label = {v.label: v for v in VOCABULARIES.values()} | VOCABULARIES
    found = []
    for item in items or ():
        column, _, rest = item.partition(":")
        text, _, value = rest.partition("=")
        vocab = by_label.get(column.strip())
        if vocab is None or not text.strip():
            names = "、".join(v.label for v in VOCABULARIES.values())
            raise ValidationError(f"--map “{item}”应写成 栏目:表格中的写法=导入为，栏目可以是：{names}。")
        value = value.strip()
        if value and value not in vocab.allowed:
            raise ValidationError(f"--map “{item}”：{vocab.label}没有“{value}”这个值，可选："
                                  f"{'、'.join(vocab.allowed)}（留空写成 {column}:{text}=）。")
        found.append((vocab.key, text.strip(), value))
    return tuple(found)


def cmd_import_roster(args: argparse.Namespace) -> int:
    from models.exchange import roster_import
    from models.roster import organizations

    open_db(args)
    org = organizations.find(args.org) if args.org else None
    options = roster_import.ImportOptions(org_id=org.id if org else None,
                                          update_existing=not args.skip_existing,
                                          create_orgs=args.create_orgs, choices=_choices(args.map))
    preview = roster_import.preview_file(args.file, options)
    print(f"读取“{preview.source}”工作表“{preview.data.sheet}”，数据从第 {preview.layout.first_data_row} 行起。")
    print(preview.summary())
    doubtful = [m for m in preview.mappings if m.doubtful]
    if preview.mappings:
        print("取值对应（表格中的写法 → 导入为）：")
        for m in preview.mappings:
            print(f"  {'？' if m.doubtful else ' '} {m}")
    if preview.cleaned:
        print(f"已删除 {preview.cleaned} 个单元格中看不见的字符（软连字符、文字方向控制符等）。")
    problems = preview.problems(skipped=False)
    for problem in problems[:200]:
        print(f"  {problem}")
    if len(problems) > 200:
        print(f"  ……另有 {len(problems) - 200} 条，可用 --rejects 把未通过的行连同原因保存下来查看。")
    if args.rejects and preview.rejected():
        n = roster_import.save_rejects(preview, args.rejects)
        print(f"未通过的 {n} 行已保存到 {args.rejects}，改正后可再次导入。")
    if not preview.accepted():
        print("没有可以导入的党员，数据库未改动。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("试运行：没有写入数据库。")
        return 0
    if doubtful and not args.accept_mappings:
        print(f"有 {len(doubtful)} 种写法（标“？”）是近似对应或无法对应，需要确认，数据库未改动。"
              "接受所示的对应（无法对应的留空）请加 --accept-mappings；"
              "或逐个指定，例如 --map 学历:研究生=硕士研究生。", file=sys.stderr)
        return 1
    batch = roster_import.commit(preview)
    print(f"已导入：新增 {batch.created_count} 名，更新 {batch.updated_count} 名党员。"
          "如需撤销这次导入：main.py import undo")
    return 0


def cmd_import_undo(args: argparse.Namespace) -> int:
    from models.exchange import roster_import

    open_db(args)
    batch = roster_import.undo()
    print(f"已撤销 {batch.at:%Y-%m-%d %H:%M} 从“{batch.source}”的导入：删除新增的 {batch.created_count} 名，"
          f"恢复更新的 {batch.updated_count} 名党员。")
    return 0


def cmd_export_roster(args: argparse.Namespace) -> int:
    from models.exchange import roster_export
    from models.roster import organizations

    open_db(args, readonly=True)
    org = organizations.find(args.org) if args.org else None
    ids = organizations.subtree_ids(org.id) if org else None
    title = f"{org.name}党员基本信息汇总表" if org else None
    n = roster_export.export_roster(args.output, ids, title=title)
    print(f"已导出 {n} 名党员到 {args.output}。")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import", help="从 Excel 导入（党员名册）",
                         description="从 Excel（.xlsx、.xls）、OpenDocument（.ods）或文本文件（.csv、.txt）导入。")
    kinds = imp.add_subparsers(dest="what", metavar="内容", required=True)
    p = kinds.add_parser("roster", help="导入党员名册（党员基本信息汇总表）",
                         description="逐行检查后导入党员名册：先列出新增、更新、跳过、未通过的人数、取值对应"
                                     "（本科→大学 等，每种写法一行）和每个问题所在的单元格，"
                                     "全部检查完才在一个事务中写入；没有一行能导入时返回非零。")
    p.add_argument("file", metavar="FILE", help=".xlsx、.xls、.ods、.csv 或 .txt 文件")
    p.add_argument("--org", metavar="NAME", help="“所在党支部”空着的党员导入到这个组织；新建的党支部也放在它下面")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="已在库中的党员（按身份证号）用文件中的信息更新（默认）")
    mode.add_argument("--skip-existing", action="store_true", help="已在库中的党员跳过，不更新")
    p.add_argument("--create-orgs", action="store_true", help="名册中写的党支部在库中没有时新建")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出结果，不写入数据库")
    p.add_argument("--rejects", metavar="FILE.xlsx", help="把未通过的行（带原因）保存到这个文件")
    p.add_argument("--map", action="append", metavar="栏目:写法=值",
                   help="指定一种写法导入为什么，对所有这样写的行生效并记住，"
                        "例如 --map 学历:研究生=硕士研究生；可多次使用")
    p.add_argument("--accept-mappings", action="store_true",
                   help="接受近似的对应（标“？”的）并把无法对应的留空；不加时有这样的写法就不写入数据库。"
                        "常用写法（本科→大学、汉→汉族等）和以前确认过的对应总是自动使用")
    p.set_defaults(func=cmd_import_roster)
    p = kinds.add_parser("undo", help="撤销最近一次导入",
                         description="撤销最近一次导入：删除导入新增的党员，恢复被更新党员原来的信息。")
    p.set_defaults(func=cmd_import_undo)
    exp = sub.add_parser("export", help="导出为 Excel", description="导出为 Excel 工作簿（.xlsx）。")
    kinds = exp.add_subparsers(dest="what", metavar="内容", required=True)
    p = kinds.add_parser("roster", help="导出党员名册（党员基本信息汇总表格式）",
                         description="按全国党员基本信息汇总表的格式导出党员名册，身份证号和日期以文本保存。")
    p.add_argument("--org", metavar="NAME", help="只导出这个组织及其下级的党员（全称或简称）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    p.set_defaults(func=cmd_export_roster)
