"""`main.py print ledger|candidates|awards`: the 专项台账, the 拟表彰对象公示 and the 表彰名单.

Kept out of main.py like the other print commands; main.py hands over its read-only opener,
so these work while the window has the database open. Fonts come from the settings.
"""
from __future__ import annotations

import argparse

from ui.cli.common import iso_date, open_db, write_pdf

LEVEL_HELP = "表彰级别：基层党委（默认）或 市委"


def cmd_ledger(args: argparse.Namespace) -> int:
    from models.printouts import committee as assessment_prints
    from models.printouts import print_setup
    from models.roster import organizations
    from printing.documents.ledger import render_ledger

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    doc = assessment_prints.ledger_document(org.id, args.year)
    write_pdf(render_ledger(doc, print_setup.font_settings(), accept_missing=args.allow_missing),
               args.output)
    print(f"已生成 {org.name} {args.year} 年度创先争优活动专项台账（数据截至{doc.as_of.isoformat()}，"
          f"{len(doc.mutual)} 名党员的互评）：{args.output}")
    return 0


def cmd_candidates(args: argparse.Namespace) -> int:
    import sys

    from models.printouts import committee as assessment_prints
    from models.printouts import print_setup
    from printing.documents.candidate_notice import blanks_note, render_candidate_notice, unset_fields

    open_db(args, readonly=True)
    notice = assessment_prints.candidate_notice_document(args.year, args.level, args.date)
    write_pdf(render_candidate_notice(notice, print_setup.font_settings(),
                                       accept_missing=args.allow_missing), args.output)
    unset = unset_fields(notice)
    blanks = f"（{'、'.join(unset)}未设置，已留空待填）" if unset else ""
    print(f"已生成 {args.year} 年度拟表彰对象公示（{len(notice.rows)} 个对象）{blanks}：{args.output}")
    if unset:
        print(blanks_note(notice), file=sys.stderr)
    return 0


def cmd_awards(args: argparse.Namespace) -> int:
    from models.printouts import committee as assessment_prints
    from models.printouts import print_setup
    from printing.documents.award_list import render_award_list

    open_db(args, readonly=True)
    awards = assessment_prints.award_list_document(args.year, args.level)
    write_pdf(render_award_list(awards, print_setup.font_settings(), accept_missing=args.allow_missing),
               args.output)
    print(f"已生成 {args.year} 年度表彰名单（{len(awards.rows)} 个对象）：{args.output}")
    return 0


def add_commands(kinds: argparse._SubParsersAction) -> None:
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--year", type=int, required=True, metavar="YYYY", help="年度，如 2025")
        p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
        p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")

    p = kinds.add_parser("ledger", help="专项台账（某党组织某年度）",
                         description="某党组织某年度的创先争优活动专项台账：季度评议召开和出席、党员互评、群众评议满意率、"
                                     "承诺践诺和领导点评，每个数字都附计算所用的票数或人次。A4，群众评议表为横向页。")
    p.add_argument("--org", required=True, metavar="NAME", help="党组织全称或简称")
    common(p)
    p.set_defaults(func=cmd_ledger)
    p = kinds.add_parser("candidates", help="拟表彰对象公示",
                         description="经党委审核（或已决定）的拟表彰对象公示：公示期、联系电话、按表彰类别列出的名单、落款。"
                                     "不含身份证号和个人手机号。")
    p.add_argument("--level", choices=("基层党委", "市委"), default="基层党委", help=LEVEL_HELP)
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="落款日期（默认公示开始日期）")
    common(p)
    p.set_defaults(func=cmd_candidates)
    p = kinds.add_parser("awards", help="表彰名单（表彰决定所附）",
                         description="已决定并生成证书编号的表彰名单，按表彰类别分列，附证书编号。")
    p.add_argument("--level", choices=("基层党委", "市委"), default="基层党委", help=LEVEL_HELP)
    common(p)
    p.set_defaults(func=cmd_awards)


def cmd_deeds(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts.deeds import deeds_document
    from printing.documents.deeds import render_deeds, title_of

    open_db(args, readonly=True)
    booklet = deeds_document(args.year, args.level)
    write_pdf(render_deeds(booklet, print_setup.font_settings(), accept_missing=args.allow_missing), args.output)
    print(f"已生成 {title_of(booklet)}（{len(booklet.entries)} 个先进集体和个人）：{args.output}")
    return 0


def add_deeds_command(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("deeds", help="先进事迹材料（某年度受表彰对象）",
                         description="某年度已决定表彰的先进集体和个人的事迹材料汇编：封面、目录（附页码）、"
                                     "每个对象一节（推荐时填写的主要事迹），A4，页脚有页码，可直接交印刷。")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="年度，如 2025")
    p.add_argument("--level", choices=("基层党委", "市委"), default="基层党委", help=LEVEL_HELP)
    p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")
    p.set_defaults(func=cmd_deeds)


def cmd_record(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts.member_record import find_members, member_records
    from printing.documents.member_record import render_member_records

    open_db(args, readonly=True)
    people = [m for name in args.member for m in find_members(name, args.org)]
    records = member_records(people, args.from_year, args.to_year)
    write_pdf(render_member_records(records, print_setup.font_settings(), accept_missing=args.allow_missing),
               args.output)
    who = (f"{records[0].name}（{records[0].organization}）" if len(records) == 1
           else f"{len(records)} 名党员（{'、'.join(r.name for r in records)}）")
    print(f"已生成 {who}{args.from_year}—{args.to_year}年党员创先争优表现记录：{args.output}")
    return 0


def add_record_command(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("record", help="党员创先争优表现记录（评先、晋升用）",
                         description="一名党员若干年度的创先争优表现：承诺及践诺、评议出席、党员互评、群众满意率、"
                                     "年度等次和所获荣誉，附党支部核实意见和盖章处。同名党员须用 --org 区分。")
    p.add_argument("--member", required=True, action="append", metavar="NAME",
                   help="党员姓名；可重复，多名党员的记录合成一个 PDF，每人从新的一页开始")
    p.add_argument("--org", metavar="NAME", help="所在党组织全称或简称（同名时必填）")
    p.add_argument("--from", dest="from_year", type=int, required=True, metavar="YYYY", help="起始年度")
    p.add_argument("--to", dest="to_year", type=int, required=True, metavar="YYYY", help="结束年度")
    p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")
    p.set_defaults(func=cmd_record)
