"""`main.py print certificates|calibration`: 荣誉证书 in batches, and the 套打 calibration page.

Kept out of main.py like the other print commands; main.py hands over its read-only
opener so these commands also work while the window has the database open.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from ui.cli.common import db_path, iso_date, open_db, write_pdf

STOCK_HELP = ("证书纸张：plain 普通纸完整证书（A4横向）；16k 大16开内芯；a4p A4纵向内芯；a4l A4横向内芯"
              "（默认用设置中的）")


def _offset(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"偏移应为毫米数，如 1.5 或 -2：{text}") from None


def _layout(args: argparse.Namespace):
    from models.config import settings
    from models.errors import ValidationError
    from models.printouts import print_setup

    offset = None
    if args.dx is not None or args.dy is not None:
        offset = (args.dx or 0.0, args.dy or 0.0)
    elif args.printer and args.printer.strip() not in settings.get("certificate_offsets"):
        print(f"提示：打印机“{args.printer}”还没有校准过，按无偏移生成。", file=sys.stderr)
    try:
        return print_setup.certificate_layout(args.stock, args.printer, offset)
    except ValueError as exc:
        raise ValidationError(str(exc), "offset") from None


def _describe(layout) -> str:
    from printing.layout.certificate_layout import STOCK_LABELS

    dx, dy = layout.offset_mm
    shift = f"，偏移 水平{dx:+.1f}、垂直{dy:+.1f}毫米" if (dx, dy) != (0, 0) else ""
    return STOCK_LABELS.get(layout.stock, "自定义纸张") + shift


def _org_batch(args: argparse.Namespace, org) -> tuple[list, str]:
    """--org: once the year has awards, that organization's decided awards (numbered, its
    subtree included); before any award exists, every member on its roll (or the
    organization itself) with the typed title, unnumbered, as issue 3 first specified —
    said on stderr, so nobody takes them for the year's decided honours."""

    from models.errors import ValidationError
    from models.printouts import sources as print_sources
    from printing.documents.certificate import ORG_TITLE

    year = args.year or dt.date.today().year
    if print_sources.has_awards(year):
        certs = print_sources.award_certificates(year, args.level, org_id=org.id)
        return _refine(certs, args, year), f"{org.name} {year}年度{args.level}表彰"
    title = args.title or "优秀共产党员"
    if title == ORG_TITLE:
        certs = print_sources.org_certificates([org.id], title, year, issue_date=args.date)
    else:
        try:
            certs = print_sources.org_member_certificates(org.id, title, year,
                                                          issue_date=args.date)
        except ValidationError as exc:
            raise ValidationError(_no_awards_hint(year, org, exc), "year") from None
    print(f"提示：{year}年度还没有已决定的表彰，按“{title}”为{org.display_name}"
          f"{'本身' if title == ORG_TITLE else '的全体在册党员'}打印不带证书编号的证书。"
          "决定表彰并生成证书编号后，同一命令只打印该组织已决定的表彰。", file=sys.stderr)
    return certs, org.name


def _no_awards_hint(year: int, org, exc: Exception) -> str:
    """What is missing (the year's decided awards, and members of the organization's own)
    and what to do: the years that have decided awards, or a branch to print for."""
    from models.printouts import sources as print_sources

    years = print_sources.award_years()
    where = (f"已有决定表彰的年度：{'、'.join(str(y) for y in years)}，可用 --year 指定"
             if years else "数据库中还没有任何年度决定过表彰，请先在“表彰”中决定表彰并生成证书编号")
    return (f"{year}年度还没有已决定的表彰，因此改为给{org.display_name}的全体在册党员打印，"
            f"但{exc}{where}；或用 --org 指定一个党支部，为其在册党员打印不带编号的证书。")


def _refine(certs: list, args: argparse.Namespace, year: int) -> list:
    """--title keeps one title of the awards; --date replaces the decision's date."""
    from models.errors import ValidationError

    if args.title:
        certs = [c for c in certs if c.title == args.title]
        if not certs:
            raise ValidationError(f"{year}年度没有“{args.title}”的表彰。", "title")
    if args.date:
        from dataclasses import replace

        certs = [replace(c, issue_date=args.date) for c in certs]
    return certs


def cmd_certificates(args: argparse.Namespace) -> int:
    from models.errors import ValidationError
    from models.printouts import print_setup
    from models.printouts import sources as print_sources
    from models.roster import organizations
    from printing.documents.certificate import render_certificates

    open_db(args, readonly=True)
    if args.org:
        certs, who = _org_batch(args, organizations.find(args.org))
    elif args.year:
        certs = _refine(print_sources.award_certificates(args.year, args.level), args, args.year)
        who = f"{args.year}年度{args.level}表彰名单"
    else:
        raise ValidationError("请用 --org 指定党组织（打印其已决定的表彰，尚无表彰时为其党员或组织本身打印），"
                              "或用 --year 打印该年度已决定的全部表彰。", "org")
    layout = _layout(args)
    pdf = render_certificates(certs, layout, print_setup.font_settings(),
                              accept_missing=args.allow_missing)
    write_pdf(pdf, args.output)
    print(f"已生成 {who} 荣誉证书 {len(certs)} 份（{_describe(layout)}）：{args.output}")
    return 0


def cmd_calibration(args: argparse.Namespace) -> int:
    from models.printouts import print_setup
    from printing.documents.certificate import render_calibration
    from printing.layout.certificate_layout import stock_layout

    if db_path(args).exists():
        open_db(args, readonly=True)
        layout, fonts = _layout(args), print_setup.font_settings()
    else:   # a calibration page needs no records: works before the first start too
        try:
            layout = stock_layout(args.stock or "16k", (args.dx or 0.0, args.dy or 0.0))
        except ValueError as exc:
            from models.errors import ValidationError

            raise ValidationError(str(exc), "offset") from None
        fonts = None
    write_pdf(render_calibration(layout, fonts), args.output)
    print(f"已生成证书套打校准页（{_describe(layout)}）：{args.output}\n"
          "请用普通纸按“实际大小”打印，与证书纸叠放对光查看。")
    return 0


def add_commands(kinds: argparse._SubParsersAction) -> None:
    from models.config.print_settings import CERTIFICATE_STOCKS as STOCKS  # no ReportLab at start-up

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--stock", choices=STOCKS, help=STOCK_HELP)
        p.add_argument("--printer", metavar="NAME", help="按这台打印机校准过的偏移打印")
        p.add_argument("--dx", type=_offset, metavar="MM", help="水平偏移（毫米，正数向右），代替设置中的")
        p.add_argument("--dy", type=_offset, metavar="MM", help="垂直偏移（毫米，正数向下），代替设置中的")
        p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出文件")

    p = kinds.add_parser(
        "certificates", help="荣誉证书（批量）",
        description="指定 --org 时，打印该党组织（含所属党组织）在该年度（--year，默认今年）已决定并编号的"
                    "该级别（--level）表彰；该年度还没有任何已决定的表彰时，改为按 --title 为其全体在册党员"
                    "（或该组织本身，称号为先进基层党组织时）打印不带编号的证书，并在屏幕上提示。"
                    "不指定 --org 而指定 --year 时，打印该年度该级别已决定并编号的全部表彰。"
                    "落款为设置中的党委全称；市委表彰为设置中的市委全称。")
    p.add_argument("--org", metavar="NAME", help="党组织全称或简称")
    p.add_argument("--title", metavar="称号", help="荣誉称号，如 优秀共产党员（默认）、优秀党务工作者、先进基层党组织；"
                        "已有表彰时只打印该称号的表彰")
    p.add_argument("--year", type=int, metavar="YYYY", help="表彰年度（默认今年）")
    p.add_argument("--level", choices=("基层党委", "市委"), default="基层党委",
                   help="打印哪一级已决定的表彰：基层党委（默认）或 市委")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="落款日期（默认今天；表彰名单默认用决定日期）")
    p.add_argument("--allow-missing", action="store_true", help="有字体缺字时仍然生成（缺字处留空框）")
    common(p)
    p.set_defaults(func=cmd_certificates)
    p = kinds.add_parser("calibration", help="证书套打校准页",
                         description="打印纸张轮廓、毫米刻度和文字框位置，与预印证书纸叠放核对打印偏移。")
    common(p)
    p.set_defaults(func=cmd_calibration)
