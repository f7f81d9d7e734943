"""`main.py print ballots|letters|minutes`: the review documents from the command line.

Kept out of main.py so the print commands can grow without crowding the entry point;
main.py hands over its read-only opener so every print command opens the file the same
way (and works while the window has it open); fonts follow 设置 → 打印 as in the window.
"""
from __future__ import annotations

import argparse

from ui.cli.common import open_db, write_pdf


def _copies(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"份数应为整数：{text}") from None
    if not 1 <= value <= 2000:
        raise argparse.ArgumentTypeError(f"份数应在 1 到 2000 之间：{text}")
    return value


def cmd_ballots(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts import sources as print_sources
    from models.roster import organizations
    from printing.documents.ballots import Ballot, period_text, render_ballots

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    ballots: list[Ballot] = []
    if args.kind in ("party", "both"):
        ballots.append(print_sources.party_ballot(org.id, args.year, args.quarter, args.copies))
    if args.kind in ("mass", "both"):
        ballots.append(print_sources.mass_ballot(org.id, args.year, args.quarter, "党员", args.copies))
        ballots.append(print_sources.mass_ballot(org.id, args.year, args.quarter, "群众",
                                                 args.public_copies or args.copies))
    pdf = render_ballots(ballots, print_setup.font_settings(), accept_missing=args.allow_missing)
    write_pdf(pdf, args.output)
    parts = "、".join(f"{b.title()}{'（' + b.voter_group + '填写）' if hasattr(b, 'voter_group') else ''}"
                      f"{b.copies}份" for b in ballots)
    print(f"已生成 {org.name} {period_text(args.year, args.quarter)}评议表："
          f"{parts}（{len(ballots[0].members)} 名党员）："
          f"{args.output}")
    return 0


def cmd_letters(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts import sources as print_sources
    from models.roster import organizations
    from printing.documents.pledge_letter import render_pledge_letters

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    ids = [print_sources.member_named(org.id, args.member).id] if args.member else None
    letters = print_sources.pledge_letters(org.id, args.year, ids, drafts=args.drafts)
    write_pdf(render_pledge_letters(letters, print_setup.font_settings(), accept_missing=args.allow_missing),
               args.output)
    print(f"已生成 {org.name} {args.year} 年度承诺书 {len(letters)} 份：{args.output}")
    return 0


def cmd_minutes(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts import sources as print_sources
    from models.roster import organizations
    from printing.documents.minutes import render_minutes

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    review = print_sources.find_review(org.id, args.year, args.quarter)
    minutes = print_sources.review_minutes(review.id)
    write_pdf(render_minutes(minutes, print_setup.font_settings(), accept_missing=args.allow_missing),
               args.output)
    print(f"已生成 {org.name} {minutes.title()}：{args.output}")
    return 0


def _common(p: argparse.ArgumentParser, quarter: bool) -> None:
    p.add_argument("--org", required=True, metavar="NAME", help="党组织全称或简称")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="年度")
    if quarter:
        p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4), metavar="Q",
                       help="季度：1–4")
    p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")


def add_commands(kinds: argparse._SubParsersAction) -> None:
    """Add ballots, letters and minutes under `print`."""
    p = kinds.add_parser("ballots", help="民主评议党员测评表、群众评议表",
                         description="按在册党员（姓氏笔画排序）生成评议用的空白表，每份从新的一页开始。"
                                     "测评表默认每名在册党员一份；群众评议表的党员用表默认每名党员一份，"
                                     "群众用表默认按上次评议的群众人数。")
    _common(p, quarter=True)
    p.add_argument("--kind", choices=("party", "mass", "both"), default="party",
                   help="party 民主评议党员测评表（默认）、mass 群众评议表（党员用表和群众用表）、both 全部")
    p.add_argument("--copies", type=_copies, metavar="N", help="每种表的份数")
    p.add_argument("--public-copies", type=_copies, metavar="N", help="群众评议表（群众用表）的份数")
    p.set_defaults(func=cmd_ballots)

    p = kinds.add_parser("letters", help="党员承诺书",
                         description="某党组织某年度已审定的承诺书：组织承诺在前，党员按姓氏笔画，"
                                                              "每份从新的一页开始，承诺人签字处和日期留空。")
    _common(p, quarter=False)
    p.add_argument("--member", metavar="NAME", help="只打印这名党员的承诺书")
    p.add_argument("--drafts", action="store_true", help="也打印尚未审定的草稿")
    p.set_defaults(func=cmd_letters)

    p = kinds.add_parser("minutes", help="季度评议记录",
                         description="某党组织某季度评议会的会议记录，含党员互评和群众评议结果。")
    _common(p, quarter=True)
    p.set_defaults(func=cmd_minutes)


def cmd_review_results(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from models.printouts.review_results import review_results_document
    from models.roster import organizations
    from printing.documents.review_results import render_review_results, title_of

    open_db(args, readonly=True)
    org = organizations.find(args.org)
    results = review_results_document(org.id, args.year, args.quarter, args.date)
    write_pdf(render_review_results(results, print_setup.font_settings(), accept_missing=args.allow_missing),
               args.output)
    print(f"已生成 {title_of(results)}（{len(results.grades)} 名党员的互评结果）：{args.output}")
    return 0


def add_result_commands(kinds: argparse._SubParsersAction) -> None:
    """Add review-results under `print`."""
    from ui.cli.common import iso_date

    p = kinds.add_parser("review-results", help="季度评议结果公示",
                         description="某党组织某季度评议的结果公示：应到实到、群众满意率（分项和总体，对照要求）、"
                                     "每名党员的互评等次（不列票数），公示期、监督电话和落款。不含身份证号和个人手机号。")
    _common(p, quarter=True)
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="公示开始日期（默认评议会次日，公示 7 天）")
    p.set_defaults(func=cmd_review_results)
