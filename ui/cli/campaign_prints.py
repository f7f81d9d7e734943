"""`main.py print bulletin|plan|rectification`: the township's 督查 documents and the plans.

Like the other print commands: read-only, fonts as 设置 → 打印 has them.
"""
from __future__ import annotations

import argparse

from ui.cli.common import iso_date, open_db, write_pdf


def cmd_bulletin(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts.campaign_docs import bulletin_document
    from printing.documents.bulletin import render_bulletin, title_of

    open_db(args, readonly=True)
    doc = bulletin_document(args.year, args.quarter, args.date)
    write_pdf(render_bulletin(doc, print_setup.font_settings(), accept_missing=args.allow_missing), args.output)
    print(f"已生成 {title_of(doc)}（{len(doc.rows)} 个党组织，点名 {len(doc.behind)} 个）：{args.output}")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts.campaign_docs import plan_document
    from models.roster import organizations
    from printing.documents.plan import render_plan, title_of

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    doc = plan_document(org.id, args.year, args.date)
    write_pdf(render_plan(doc, print_setup.font_settings(), accept_missing=args.allow_missing), args.output)
    print(f"已生成 {title_of(doc)}（时间安排 {len(doc.rows)} 项）：{args.output}")
    return 0


def cmd_rectification(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts.campaign_docs import latest_notice, rectification_document
    from models.roster import organizations
    from printing.documents.rectification_notice import render_rectification_notice, title_of

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    doc = rectification_document(latest_notice(org.id, args.year))
    write_pdf(render_rectification_notice(doc, print_setup.font_settings(), accept_missing=args.allow_missing),
              args.output)
    print(f"已生成 {title_of(doc)}（整改时限 {doc.deadline.isoformat()}）：{args.output}")
    return 0


def _tail(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")


def add_commands(kinds: argparse._SubParsersAction) -> None:
    """Add bulletin, plan and rectification under `print`."""
    p = kinds.add_parser("bulletin", help="创先争优活动进展情况通报",
                         description="全镇基层党组织的季度评议召开情况、承诺兑现率、群众满意率，排序列表，"
                                     "并点名工作滞后的党组织及原因。给出 --quarter 时按该季度统计。")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="年度")
    p.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), metavar="Q", help="季度：1–4（不填为全年）")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="成文日期（默认今天）")
    _tail(p)
    p.set_defaults(func=cmd_bulletin)

    p = kinds.add_parser("plan", help="创先争优活动实施方案/年度计划",
                         description="某党组织某年度的实施方案（党委）或年度计划（党支部）：目标、措施、活动载体、时间安排。")
    p.add_argument("--org", required=True, metavar="NAME", help="党组织全称或简称")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="年度")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="成文日期（默认最后修改日期）")
    _tail(p)
    p.set_defaults(func=cmd_plan)

    p = kinds.add_parser("rectification", help="整改通知",
                         description="镇党委发给某党组织的限期整改通知（该年度最近的一份）。")
    p.add_argument("--org", required=True, metavar="NAME", help="党组织全称或简称")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="年度")
    _tail(p)
    p.set_defaults(func=cmd_rectification)
