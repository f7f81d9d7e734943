"""Keeping the data: backup, restore and the audit log from the command line."""
from __future__ import annotations

import argparse

from ui.cli.common import UserFacingError, db_path, open_db


def cmd_backup(args: argparse.Namespace) -> int:
    from models.safety import backup

    path = db_path(args)
    dest = backup.backup_to(path, args.output) if args.output else backup.automatic(path, "manual", force=True)
    if dest is None:
        raise UserFacingError(f"数据库文件 {path} 不存在，没有可以备份的内容。请用 --db 指定正确的文件。")
    info = backup.inspect_backup(dest)
    print(f"已备份到 {dest}（已校验完好）：{info.organizations} 个组织、{info.members} 名党员。")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from models.safety import backup
    from models.safety.restore import restore_backup
    from models.store import db

    info = backup.inspect_backup(args.file)
    print("备份文件内容：\n" + info.describe())
    result = restore_backup(args.file, db_path(args))
    db.close()
    if result.safety_backup:
        print(f"原数据库已先备份到 {result.safety_backup}")
    if result.migrated_from is not None:
        print(f"备份的数据结构已从版本 {result.migrated_from} 升级。")
    print(f"已从备份恢复到 {db_path(args)}。")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from models.exchange import audit_export

    open_db(args, readonly=True)  # only reads the log: works beside the window, creates nothing
    if args.output:
        n = audit_export.export(args.output)
        print(f"已导出 {n} 条操作日志到 {args.output}。")
        return 0
    for row in reversed(audit_export.rows(args.limit)):
        print("\t".join(str(v) for v in row))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="备份数据库（可备份到U盘）",
                       description="用 SQLite 备份接口备份数据库并校验；程序窗口开着时也可以安全备份。")
    p.add_argument("-o", "--output", metavar="FILE", help="备份到这个文件（默认放在数据文件夹的 backups 中）")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="从备份文件恢复数据库",
                       description="显示备份文件的内容后恢复。恢复前会先备份当前数据库；较早版本的备份会自动升级。")
    p.add_argument("file", metavar="FILE", help="备份文件")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("audit", help="查看或导出操作日志",
                       description="列出最近的操作日志，或导出为 .csv / .xlsx 文件。")
    p.add_argument("-o", "--output", metavar="FILE", help="导出到 .csv 或 .xlsx 文件")
    p.add_argument("-n", "--limit", type=int, default=50, metavar="N", help="列出最近多少条（默认 50）")
    p.set_defaults(func=cmd_audit)
