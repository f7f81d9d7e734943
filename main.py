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
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "expected at most one argument": "最多只能有一个参数值",
    "expected at least one argument": "至少需要一个参数值",
    "not allowed with argument %s": "不能和参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
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
    from models.store.db import data_dir

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


def _open_db(args: argparse.Namespace, readonly: bool = False):
    """Commands that only read (print, check, assess) open read-only, so they also work
    while the window has the file open."""
    from models.store import db

    path = Path(args.db) if args.db else db.default_db_path()
    if readonly and not path.exists():
        raise UserFacingError(f"数据库文件 {path} 不存在。请用 --db 指定正确的文件。")
    return db.connect(path, readonly=readonly), path


def cmd_demo(args: argparse.Namespace) -> int:
    from models import demo

    conn, path = _open_db(args)
    t0 = time.perf_counter()
    counts = demo.fill(members=args.members, progress=lambda msg: print(msg, file=sys.stderr))
    print(f"已在 {path} 生成示例数据：{counts['organizations']} 个组织、{counts['members']} 名党员、"
          f"{counts['pledges']} 份承诺、{counts['reviews']} 次季度评议（用时 {time.perf_counter() - t0:.1f} 秒）。")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from models.safety import checks

    conn, path = _open_db(args)
    problems = checks.run(conn)
    if not problems:
        print(f"检查完毕：{path} 完好，所有记录符合规则。")
        return 0
    for line in problems:
        print(line)
    print(f"共发现 {len(problems)} 个问题。", file=sys.stderr)
    return 1


def _db_path(args: argparse.Namespace) -> Path:
    from models.store import db

    return Path(args.db) if args.db else db.default_db_path()


def cmd_backup(args: argparse.Namespace) -> int:
    from models.safety import backup

    path = _db_path(args)
    dest = backup.backup_to(path, args.output) if args.output else backup.automatic(path, "manual", force=True)
    if dest is None:
        raise UserFacingError(f"数据库文件 {path} 是空的，没有需要备份的内容。")
    info = backup.inspect_backup(dest)
    print(f"已备份到 {dest}（已校验完好）：{info.organizations} 个组织、{info.members} 名党员。")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from models.safety import backup
    from models.store import db

    info = backup.inspect_backup(args.file)
    print("备份文件内容：\n" + info.describe())
    result = backup.restore(args.file, _db_path(args))
    db.close()
    if result.safety_backup:
        print(f"原数据库已先备份到 {result.safety_backup}")
    if result.migrated_from is not None:
        print(f"备份的数据结构已从版本 {result.migrated_from} 升级。")
    print(f"已从备份恢复到 {_db_path(args)}。")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from models.exchange import audit_export
    from models.store import db
    from models.store.lock import DatabaseInUseError

    path = _db_path(args)
    try:
        db.connect(path)
    except DatabaseInUseError:  # the window is open: reading is still fine
        db.connect(path, readonly=True)
    if args.output:
        n = audit_export.export(args.output)
        print(f"已导出 {n} 条操作日志到 {args.output}。")
        return 0
    for row in reversed(audit_export.rows(args.limit)):
        print("\t".join(str(v) for v in row))
    return 0


def _add_reliability_commands(sub) -> None:
    p = sub.add_parser("backup", help="备份数据库（可备份到U盘）",
                       description="用 SQLite 备份接口备份数据库并校验；程序窗口开着时也可以安全备份。")
    p.add_argument("-o", "--output", metavar="FILE", help="备份到这个文件（默认放在数据文件夹的 backups 中）")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="从备份文件恢复数据库",
                       description="显示备份文件的内容后恢复。恢复前会先备份当前数据库；较早版本的备份会自动升级。")
    p.add_argument("file", metavar="FILE", help="备份文件")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("audit", help="查看或导出操作日志", description="列出最近的操作日志，或导出为 .csv / .xlsx 文件。")
    p.add_argument("-o", "--output", metavar="FILE", help="导出到 .csv 或 .xlsx 文件")
    p.add_argument("-n", "--limit", type=int, default=50, metavar="N", help="列出最近多少条（默认 50）")
    p.set_defaults(func=cmd_audit)


def cmd_assess(args: argparse.Namespace) -> int:
    from models.assessment import report as assessment_text
    from models.assessment import scoring as assessment
    from models.roster import organizations
    from models.store.lock import DatabaseInUseError

    try:
        _open_db(args)
    except DatabaseInUseError:  # the window is open: the assessment only reads
        _open_db(args, readonly=True)
    org = organizations.find(args.org) if args.org else None
    summary = assessment.summary(args.year, org.id if org else None)
    print("\n".join(assessment_text.summary_lines(summary, org.name if org else "")))
    return 0


def _write_pdf(pdf: bytes, output: str) -> None:
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_bytes(pdf)


def cmd_print_pledge_board(args: argparse.Namespace) -> int:
    from models.config import print_settings
    from models.printouts.sources import pledge_board
    from models.roster import organizations
    from printing.documents.pledge_board import render_pledge_board

    _open_db(args, readonly=True)
    org = organizations.find(args.org)
    board = pledge_board(org.id, args.year, paper=args.paper, orientation=args.orientation,
                         with_fulfilment=args.fulfilment)
    _write_pdf(render_pledge_board(board, print_settings.font_settings(), accept_missing=args.allow_missing),
               args.output)
    print(f"已生成 {org.name} {args.year} 年党员公开承诺公示（{len(board.rows)} 名党员）：{args.output}")
    return 0


def _add_print_commands(sub) -> None:
    printer = sub.add_parser("print", help="生成打印文件（PDF）", description="生成可直接打印的 PDF 文件。")
    kinds = printer.add_subparsers(dest="document", metavar="文件种类", required=True)
    p = kinds.add_parser("pledge-board", help="党员公开承诺公示栏", description="某党组织某年度已审定的党员承诺公示栏。")
    p.add_argument("--org", required=True, metavar="NAME", help="党组织全称或简称")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="承诺年度")
    p.add_argument("--paper", choices=("A4", "A3"), default="A4", help="纸张（默认 A4）")
    p.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape",
                   help="方向：landscape 横向（默认）、portrait 纵向")
    p.add_argument("--fulfilment", action="store_true", help="填入践诺情况")
    p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")
    p.set_defaults(func=cmd_print_pledge_board)
    from ui.cli.certificates import add_commands as add_certificate_commands  # 荣誉证书, 校准页

    add_certificate_commands(kinds, _open_db)
    from ui.cli.review_prints import add_commands as add_review_commands  # 承诺书, 评议表, 评议记录

    add_review_commands(kinds, _open_db)
    from ui.cli.committee_prints import add_commands as add_assessment_commands  # 专项台账, 公示, 表彰名单

    add_assessment_commands(kinds, _open_db)


def cmd_import_roster(args: argparse.Namespace) -> int:
    from models.exchange import roster_import
    from models.roster import organizations

    _open_db(args)
    org = organizations.find(args.org) if args.org else None
    options = roster_import.ImportOptions(org_id=org.id if org else None,
                                          update_existing=not args.skip_existing,
                                          create_orgs=args.create_orgs)
    preview = roster_import.preview_file(args.file, options)
    print(f"读取“{preview.source}”工作表“{preview.data.sheet}”，数据从第 {preview.layout.first_data_row} 行起。")
    print(preview.summary())
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
    batch = roster_import.commit(preview)
    print(f"已导入：新增 {batch.created_count} 名，更新 {batch.updated_count} 名党员。"
          "如需撤销这次导入：main.py import undo")
    return 0


def cmd_import_undo(args: argparse.Namespace) -> int:
    from models.exchange import roster_import

    _open_db(args)
    batch = roster_import.undo()
    print(f"已撤销 {batch.at:%Y-%m-%d %H:%M} 从“{batch.source}”的导入：删除新增的 {batch.created_count} 名，"
          f"恢复更新的 {batch.updated_count} 名党员。")
    return 0


def cmd_export_roster(args: argparse.Namespace) -> int:
    from models.exchange import roster_export
    from models.roster import organizations

    _open_db(args, readonly=True)
    org = organizations.find(args.org) if args.org else None
    ids = organizations.subtree_ids(org.id) if org else None
    title = f"{org.name}党员基本信息汇总表" if org else None
    n = roster_export.export_roster(args.output, ids, title=title)
    print(f"已导出 {n} 名党员到 {args.output}。")
    return 0


def _add_excel_commands(sub) -> None:
    imp = sub.add_parser("import", help="从 Excel 导入（党员名册）", description="从 Excel（.xlsx、.xls）或 CSV 文件导入。")
    kinds = imp.add_subparsers(dest="what", metavar="内容", required=True)
    p = kinds.add_parser("roster", help="导入党员名册（党员基本信息汇总表）",
                         description="逐行检查后导入党员名册：先列出新增、更新、跳过、未通过的人数和每个问题所在的单元格，"
                                     "全部检查完才在一个事务中写入；没有一行能导入时返回非零。")
    p.add_argument("file", metavar="FILE", help=".xlsx、.xls 或 .csv 文件")
    p.add_argument("--org", metavar="NAME", help="“所在党支部”空着的党员导入到这个组织；新建的党支部也放在它下面")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="已在库中的党员（按身份证号）用文件中的信息更新（默认）")
    mode.add_argument("--skip-existing", action="store_true", help="已在库中的党员跳过，不更新")
    p.add_argument("--create-orgs", action="store_true", help="名册中写的党支部在库中没有时新建")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出结果，不写入数据库")
    p.add_argument("--rejects", metavar="FILE.xlsx", help="把未通过的行（带原因）保存到这个文件")
    p.set_defaults(func=cmd_import_roster)
    p = kinds.add_parser("undo", help="撤销最近一次导入", description="撤销最近一次导入：删除导入新增的党员，恢复被更新党员原来的信息。")
    p.set_defaults(func=cmd_import_undo)
    exp = sub.add_parser("export", help="导出为 Excel", description="导出为 Excel 工作簿（.xlsx）。")
    kinds = exp.add_subparsers(dest="what", metavar="内容", required=True)
    p = kinds.add_parser("roster", help="导出党员名册（党员基本信息汇总表格式）",
                         description="按全国党员基本信息汇总表的格式导出党员名册，身份证号和日期以文本保存。")
    p.add_argument("--org", metavar="NAME", help="只导出这个组织及其下级的党员（全称或简称）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    p.set_defaults(func=cmd_export_roster)


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

    p = sub.add_parser("assess", help="年度考核：计算并列出党组织和党员的得分、等次和不能参评的原因",
                       description="按专项台账和考核小组评分计算年度考核，列出基层党组织（“五个好”）和党员（“五带头”）的排名、"
                                   "得分、建议等次、评定等次，以及不能评为先进基层党组织、优秀共产党员、优秀党务工作者的原因。")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="考核年度，如 2026")
    p.add_argument("--org", metavar="NAME", help="只考核这个组织及其下级（全称或简称）")
    p.set_defaults(func=cmd_assess)
    _add_reliability_commands(sub)
    _add_print_commands(sub)
    _add_excel_commands(sub)
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
    from printing.errors import PrintingError

    try:
        return args.func(args)
    except (ValidationError, NotFound, UserFacingError, PrintingError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：无法读写文件：{exc.filename or ''} {exc.strerror or exc}", file=sys.stderr)
        return 3
    except Exception as exc:
        from models.safety import backup, faults

        fault = faults.classify(exc)  # disk full, locked, damaged file …; anything else is a bug
        if fault is None:
            raise
        print(f"错误：{fault.text()}", file=sys.stderr)
        good = backup.latest_good_backup(_db_path(args)) if fault.offer_restore else None
        if good is not None:
            db_arg = f'--db "{args.db}" ' if args.db else ""
            print(f"最近一次完好的备份：{good}\n恢复命令：main.py {db_arg}restore \"{good}\"", file=sys.stderr)
        return 4


if __name__ == "__main__":
    sys.exit(main())
