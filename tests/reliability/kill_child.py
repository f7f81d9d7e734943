"""The writer that test_kill.py kills: saves the way the forms do, forever, saying so.

Every save goes through the services (one transaction each). A line `try …` is printed
before a save and `ok …` after it returned, i.e. after COMMIT: whatever `ok` names must be
found after any crash; whatever `try` names without `ok` may be there whole or not at all.

    python kill_child.py DB_PATH SEED ROOT
"""
from __future__ import annotations

import datetime as dt
import random
import sys

IMPORT_ORG = "中共先锋镇流动党员支部委员会"  # bulk imports land here, outside the reviews
BATCH_SIZE = 2000
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国军华明丽红英平伟芳秀兰玉桂霞海涛强磊洋勇杰娟"


def say(*parts: object) -> None:
    print(" ".join(str(p) for p in parts), flush=True)


def main() -> None:
    path, seed, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sys.path.insert(0, root)
    from models.campaign import pledges, reviews
    from models.names import stroke_sort_key
    from models.roster import members
    from models.safety import backup, opening
    from models.store import audit
    from models.store.bulk import insert_many
    from models.store.db import database
    from models.store.tables import Member, Organization, Review

    opening.connect(path)
    rng = random.Random(seed)
    today = dt.date.today()
    last_year, year = today.year - 1, today.year
    branches = list(Organization.select().where(
        (Organization.level == "党支部") & (Organization.name != IMPORT_ORG)))
    import_org = Organization.get(Organization.name == IMPORT_ORG)

    def name() -> str:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))

    say("ready")
    n = 0
    while True:
        n += 1
        tag = f"{seed}-{n}"
        op = rng.random()
        if op < 0.35:
            org = rng.choice(branches)
            say("try member", tag)
            m = members.save({"org_id": org.id, "name": name(), "notes": tag})
            say("ok member", tag, m.id)
        elif op < 0.5:
            m = rng.choice(list(Member.select(Member.id).where(Member.org != import_org.id)))
            data = members.as_form(members.get(m.id))
            data["address"] = f"先锋镇{tag}号"
            say("try update", m.id, tag)
            members.save(data, m.id)
            say("ok update", m.id, tag)
        elif op < 0.75:
            org = rng.choice(branches)
            quarter = rng.randint(1, 4)
            roster = members.on_roll(org.id)
            existing = Review.get_or_none((Review.org == org.id) & (Review.year == last_year)
                                          & (Review.quarter == quarter))
            data = reviews.ReviewInput(
                year=last_year, quarter=quarter,
                date=reviews.quarter_bounds(last_year, quarter)[0] + dt.timedelta(days=20),
                texts={"topics": f"第{tag}次保存", "place": "活动室"},
                mutual_voters=len(roster), mass_party_voters=len(roster), mass_public_voters=30,
                attendance={m.id: ("出席", "") for m in roster},
                mutual={m.id: (1, len(roster) - 1, 0, 0) for m in roster},
                mass=[reviews.MassCounts(item, group, 1, 1, 0, 0)
                      for item in range(1, 6) for group in ("党员", "群众")],
            )
            say("try review", f"{org.id}:{quarter}", tag)
            r = reviews.save(org.id, data, existing.id if existing else None)
            say("ok review", f"{org.id}:{quarter}", tag, r.id)
        elif op < 0.85:
            org = rng.choice(branches)
            taken = pledges.pledged_member_ids(org.id, year)
            free = [m.id for m in members.on_roll(org.id) if m.id not in taken]
            if not free:
                continue
            items = [{"content": f"承诺{tag}第{k}项", "deadline": f"{year}-12-31"}
                     for k in range(1, rng.randint(2, 6))]
            say("try pledge", tag)
            p = pledges.save_draft(org.id, free[0], year, items)
            say("ok pledge", tag, p.id, len(items))
        elif op < 0.9:
            say("try backup", tag)
            dest = backup.automatic(path, "exit", force=True)
            say("ok backup", tag, dest.name)
        else:
            # An import: thousands of rows and one audit line, all or nothing.
            say("try batch", tag, BATCH_SIZE)
            rows = []
            for _ in range(BATCH_SIZE):
                who = name()
                rows.append({"org": import_org.id, "name": who, "stroke_key": stroke_sort_key(who),
                             "notes": f"batch {tag}"})
            with database.atomic():
                insert_many(Member, rows)
                audit.record("导入", "党员", None, f"batch {tag}")
            say("ok batch", tag, BATCH_SIZE)


if __name__ == "__main__":
    main()
