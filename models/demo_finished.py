"""The demo's finished year: the year before the one under way, carried to numbered awards.

A new user opening the demo wants to print a certificate, a 表彰名单 and a 先进事迹材料
booklet at once, and those need decided awards. So the previous year gets what its
commendation needed — a fourth-quarter review with the masses' votes for the branches put
forward, nominations with 主要事迹 — each with every step of 推荐 → 审核 → 公示 → 决定 and
its numbered certificate, as the committee's services would have left them.
Dates are in the December of that year, before any day of the year under way.
"""
from __future__ import annotations

import datetime as dt

from models.config import settings
from models.config.assessment_settings import certificate_number
from models.constants import (
    AWARD_CATEGORIES,
    AWARD_LEVELS,
    MEMBER_TITLE,
    NOMINATION_STATES,
    ORG_MASS_ITEMS,
    ORG_TITLE,
    WORKER_TITLE,
)
from models.store.assessment_tables import Award, Nomination, NominationStep
from models.store.bulk import insert_many
from models.store.db import database
from models.store.tables import Attendance, MassTally, Member, MutualTally, Organization, Review

BASIC = AWARD_LEVELS[0]
DECIDED = NOMINATION_STATES[2]

#: branches put forward as 先进基层党组织 (the demo's 示范点), and how many members each
#: branch puts forward as 优秀共产党员
ORG_CANDIDATES = ("红旗村党支部", "幸福社区党支部")
MEMBERS_PER_BRANCH = 1
BY = "先锋镇党委"

DEEDS_ORG = ("该支部围绕“{theme}”开展创先争优活动，推行党员公开承诺、设岗定责，"
             "全年组织党员为群众办实事{n}件。\n支部坚持“三会一课”，季度评议按时召开，"
             "群众满意率连续四个季度保持在90%以上。")
DEEDS_MEMBER = ("{name}同志{job}，全年兑现公开承诺，带头参加志愿服务和村（社区）环境整治。\n"
                "在季度评议中，党员互评和群众评议均名列前茅，在群众中有较高威信。")


def _review(org: Organization, year: int, on: dt.date) -> None:
    """A whole fourth-quarter review (everyone present, 互评, the masses' votes): the
    先进基层党组织 gate reads the votes, and every printout of a review has its data."""
    members = list(Member.select().where(Member.org == org.id).order_by(Member.id))
    roster = len(members)
    review = Review.create(org=org, year=year, quarter=4, date=on, place=f"{org.short_name}活动室",
                           host=members[0].name if members else "", expected=roster,
                           topics="开展党员互评和群众评议；总结全年承诺践诺情况",
                           mutual_voters=roster, mass_party_voters=roster, mass_public_voters=30)
    insert_many(Attendance, ({"review": review.id, "member": m.id, "state": "出席"} for m in members))
    tallies = []
    for k, m in enumerate(members):
        excellent = roster // 4 if k % 3 == 0 else roster // 8
        tallies.append({"review": review.id, "member": m.id, "excellent": excellent,
                        "qualified": roster - excellent, "basic": 0, "unqualified": 0})
    insert_many(MutualTally, tallies)
    for item in range(1, len(ORG_MASS_ITEMS) + 1):
        for group, total in (("党员", roster), ("群众", 30)):
            MassTally.create(review=review.id, member=None, item=item, group=group,
                             satisfied=total - 2 if total > 2 else total,
                             fairly=2 if total > 2 else 0, basic=0, unsatisfied=0)


def _nomination(done: int, title: str, org: Organization, member: Member | None, rank: int,
                deeds: str, issuer: str, serial: int) -> None:
    """One nomination through every step to its award, as the services would have left it."""
    day = lambda m, d: dt.date(done, m, d)  # noqa: E731 - the December calendar
    nom = Nomination.create(
        year=done, category=title, level=BASIC, org=org.id, member=member.id if member else None,
        state=DECIDED, deeds=deeds, rank=rank, proposed_on=day(12, 8), proposed_by=org.short_name,
        reviewed_on=day(12, 12), reviewed_by=BY, decided_on=day(12, 24), decided_by=BY,
        notice_start=day(12, 13), notice_end=day(12, 19))
    who = member.name if member else org.short_name
    for action, on, note in (("推荐", day(12, 8), who), ("审核", day(12, 12), f"排第 {rank} 位"),
                             ("公示", day(12, 13), f"{day(12, 13).isoformat()} 至 {day(12, 19).isoformat()}"),
                             ("决定", day(12, 24), "党委会集中审议")):
        NominationStep.create(nomination=nom.id, action=action, on=on,
                              by=org.short_name if action == "推荐" else BY, note=note)
    fmt = settings.get("certificate_number_formats")[BASIC]
    Award.create(year=done, category=title, level=BASIC, org=org.id,
                 member=member.id if member else None, nomination=nom.id, decided_on=day(12, 24),
                 issuer=issuer, serial=serial, certificate_no=certificate_number(fmt, done, serial))


def fill_finished_year(year: int) -> dict[str, int]:
    """Carry ``year`` − 1 to numbered awards; ``year`` is the campaign year under way.

    Written directly, like the rest of the demo (the services' rule checks rebuild the
    ledger for every call); the values are the ones they would accept, which `main.py
    check` verifies. Returns how many awards were made.
    """
    done = year - 1
    issuer = settings.get("committee_name")
    with database.atomic():
        branches = list(Organization.select().where(Organization.level == "党支部")
                        .order_by(Organization.id))
        subjects: list[tuple[str, Organization, Member | None, str]] = []
        for org in branches:
            if org.short_name in ORG_CANDIDATES:
                _review(org, done, dt.date(done, 12, 5))
                subjects.append((ORG_TITLE, org, None, DEEDS_ORG.format(
                    theme=org.strive_theme or "服务群众", n=12)))
        for n, org in enumerate(branches[:4]):
            for m in (Member.select().where(Member.org == org.id)
                      .order_by(Member.stroke_key, Member.id).limit(MEMBERS_PER_BRANCH)):
                title = WORKER_TITLE if n == 0 else MEMBER_TITLE
                if title == WORKER_TITLE:
                    Member.update(is_party_worker=True).where(Member.id == m.id).execute()
                subjects.append((title, org, m, DEEDS_MEMBER.format(
                    name=m.name, job=f"现为{m.job}" if m.job else "")))
        # numbered by title (组织 first, as 表彰决定 list them), then rank within the title
        subjects.sort(key=lambda s: AWARD_CATEGORIES.index(s[0]))
        ranks: dict[str, int] = {}
        for serial, (title, org, member, deeds) in enumerate(subjects, 1):
            ranks[title] = ranks.get(title, 0) + 1
            _nomination(done, title, org, member, ranks[title], deeds, issuer, serial)
    return {"awards": len(subjects)}


__all__ = ["fill_finished_year"]
