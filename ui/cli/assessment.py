"""The year's assessment as text: ranks, scores, grades, who cannot be commended and why."""
from __future__ import annotations

import argparse

from ui.cli.common import open_db


def cmd_assess(args: argparse.Namespace) -> int:
    from models.assessment import report as assessment_text
    from models.assessment import scoring as assessment
    from models.roster import organizations
    from models.store.lock import DatabaseInUseError

    try:
        open_db(args)
    except DatabaseInUseError:  # the window is open: the assessment only reads
        open_db(args, readonly=True)
    org = organizations.find(args.org) if args.org else None
    summary = assessment.summary(args.year, org.id if org else None)
    print("\n".join(assessment_text.summary_lines(summary, org.name if org else "")))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assess", help="年度考核：计算并列出党组织和党员的得分、等次和不能参评的原因",
                       description="按专项台账和考核小组评分计算年度考核，列出基层党组织（“五个好”）和党员（“五带头”）的排名、"
                                   "得分、建议等次、评定等次，以及不能评为先进基层党组织、优秀共产党员、优秀党务工作者的原因。")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="考核年度，如 2026")
    p.add_argument("--org", metavar="NAME", help="只考核这个组织及其下级（全称或简称）")
    p.set_defaults(func=cmd_assess)
