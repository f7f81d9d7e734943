"""The `print` command group: every printout as a PDF file.

Each document family registers its own sub-commands (certificates, review_prints,
committee_prints); ReportLab is imported only by the command that runs.
"""
from __future__ import annotations

import argparse

from ui.cli import campaign_prints, certificates, committee_prints, review_prints
from ui.cli.common import open_db, write_pdf


def cmd_print_pledge_board(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts.sources import pledge_board
    from models.roster import organizations
    from printing.documents.pledge_board import render_pledge_board

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    board = pledge_board(org.id, args.year, paper=args.paper, orientation=args.orientation,
                         with_fulfilment=args.fulfilment)
    write_pdf(render_pledge_board(board, print_setup.font_settings(), accept_missing=args.allow_missing),
               args.output)
    print(f"已生成 {org.name} {args.year} 年党员公开承诺公示（{len(board.rows)} 名党员）：{args.output}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    printer = sub.add_parser("print", help="生成打印文件（PDF）", description="生成可直接打印的 PDF 文件。")
    kinds = printer.add_subparsers(dest="document", metavar="文件种类", required=True)
    p = kinds.add_parser("pledge-board", help="党员公开承诺公示栏",
                         description="某党组织某年度已审定的党员承诺公示栏。")
    p.add_argument("--org", required=True, metavar="NAME", help="党组织全称或简称")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="承诺年度")
    p.add_argument("--paper", choices=("A4", "A3"), default="A4", help="纸张（默认 A4）")
    p.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape",
                   help="方向：landscape 横向（默认）、portrait 纵向")
    p.add_argument("--fulfilment", action="store_true", help="填入践诺情况")
    p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")
    p.set_defaults(func=cmd_print_pledge_board)
    certificates.add_commands(kinds)  # 荣誉证书, 校准页
    review_prints.add_commands(kinds)  # 承诺书, 评议表, 评议记录
    review_prints.add_result_commands(kinds)  # 评议结果公示
    committee_prints.add_commands(kinds)  # 专项台账, 公示, 表彰名单
    committee_prints.add_deeds_command(kinds)  # 先进事迹材料
    committee_prints.add_record_command(kinds)  # 党员表现记录
    campaign_prints.add_commands(kinds)  # 进展情况通报, 实施方案/年度计划, 整改通知
