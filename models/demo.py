"""A realistic township to try the program on: `main.py demo`.

Written with bulk inserts in one transaction (30,000 members in seconds), but every value
is one the services would accept; `main.py check` verifies that after the fact.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from models.constants import (
    CATEGORIES,
    EDUCATIONS,
    FIVE_LEAD,
    MEMBER_MASS_ITEMS,
    ORG_MASS_ITEMS,
)
from models.demo_finished import fill_finished_year
from models.errors import ValidationError
from models.names import stroke_sort_key
from models.roster.idcard import check_digit
from models.store import migrations
from models.store.bulk import insert_many
from models.store.db import database
from models.store.tables import (
    Attendance,
    MassTally,
    Member,
    MutualTally,
    Organization,
    Pledge,
    PledgeItem,
    Review,
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "建国军华明丽红英平伟芳秀兰玉桂霞海涛强磊洋勇杰娟敏静丹琳春梅志刚文斌凤云东亮鹏飞晓燕宏新宇婷雪峰德福"
RARE = ("堃", "喆", "昇", "赟", "垚", "玥", "镕", "𠮷")

TOWNSHIP = "中共先锋镇委员会"
BRANCHES = (
    # (full name, short name, level, category, parent index or None, weight)
    ("中共东风村总支部委员会", "东风村党总支", "党总支", "rural", 0, 3),
    ("中共东风村第一支部委员会", "东风村第一党支部", "党支部", "rural", 1, 3),
    ("中共东风村第二支部委员会", "东风村第二党支部", "党支部", "rural", 1, 3),
    ("中共红旗村支部委员会", "红旗村党支部", "党支部", "rural", 0, 4),
    ("中共柳河村支部委员会", "柳河村党支部", "党支部", "rural", 0, 3),
    ("中共幸福社区支部委员会", "幸福社区党支部", "党支部", "community", 0, 3),
    ("中共和平社区支部委员会", "和平社区党支部", "党支部", "community", 0, 2),
    ("中共先锋水务有限公司支部委员会", "水务公司党支部", "党支部", "soe", 0, 2),
    ("中共先锋镇机关支部委员会", "镇机关党支部", "党支部", "agency", 0, 2),
    ("中共先锋镇卫生院支部委员会", "镇卫生院党支部", "党支部", "agency", 0, 1),
    ("中共宏达建材有限公司支部委员会", "宏达建材党支部", "党支部", "nonpublic", 0, 1),
    ("中共先锋镇志愿者协会支部委员会", "志愿者协会党支部", "党支部", "nonpublic", 0, 1),
)
PLEDGE_TEXTS = {
    "rural": ("带头发展特色种植，年内新建大棚 2 座", "结对帮扶困难户 1 户，帮助其年增收 3000 元",
              "参与村道硬化监督，确保 10 月底前完工", "带头移风易俗，红白喜事简办"),
    "community": ("每月走访独居老人不少于 4 户", "参与矛盾纠纷调解，全年调解 5 起以上",
                  "带头做好垃圾分类，带动楼栋 20 户参与", "参加社区志愿服务每月 2 次"),
    "soe": ("牵头完成供水管网改造项目，漏损率降到 12% 以下", "提出合理化建议 2 条以上",
            "安全生产零事故", "带徒 1 名，传授抄表和维修技能"),
    "agency": ("群众来办事一次讲清、一次办结", "每季度下村调研不少于 2 次",
               "学习《中国共产党章程》并写心得 2 篇", "按时办结群众来信来访"),
    "nonpublic": ("带头诚信经营，产品合格率 99% 以上", "帮助 3 名村民就近就业",
                  "参加公益活动不少于 4 次", "带头遵守安全环保规定"),
}
POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")


def _id_number(rng: random.Random, birth: dt.date, male: bool, used: set[str]) -> str:
    while True:
        seq = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
        body = f"410522{birth:%Y%m%d}{seq:03d}"
        number = body + check_digit(body)
        if number not in used:
            used.add(number)
            return number


def _name(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.01:
        return surname + rng.choice(RARE) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def fill(members: int = 200, year: int | None = None, seed: int = 2026,
         progress: Callable[[str], None] | None = None, today: dt.date | None = None) -> dict[str, int]:
    """Fill an empty database; refuses to touch one that already holds organizations.

    `today` fixes the campaign date the data is written as of (which quarters have met, which
    deadlines have passed): the same seed and date give the same file whatever the calendar says,
    so benchmarks mean the same every day.
    """
    if Organization.select().exists():
        raise ValidationError("数据库中已有数据，示例数据只能写入空数据库。请用 --db 指定一个新文件。", None)
    rng = random.Random(seed)
    today = today or dt.date.today()
    say = progress or (lambda _msg: None)
    # One transaction of 100s of MB: a page cache big enough to hold it, so SQLite does not
    # spill pages to the WAL again and again before the commit (the connection's own size after).
    (cache_size,) = database.execute_sql("PRAGMA cache_size").fetchone()
    database.execute_sql("PRAGMA cache_size = -262144")
    try:
        return _fill(members, year or today.year, rng, today, say)
    finally:
        database.execute_sql(f"PRAGMA cache_size = {int(cache_size)}")


def _fill(members: int, year: int, rng: random.Random, today: dt.date, say: Callable[[str], None]) -> dict[str, int]:
    with database.atomic():
        # The triggers that give each exchanged row its identity are held back (as while a
        # package is applied) and every row is stamped at the end, one statement per table:
        # per-row triggers were most of the demo's time (22 of 34 s at 30,000 members).
        database.execute_sql("UPDATE exchange_site SET applying = 1")
        counts = _rows(members, year, rng, today, say)
        migrations.STAMP_UNTRACKED(database.obj)
        database.execute_sql("UPDATE exchange_site SET applying = 0")
    return counts


def _rows(members: int, year: int, rng: random.Random, today: dt.date, say: Callable[[str], None]) -> dict[str, int]:
    top = Organization.create(name=TOWNSHIP, short_name="先锋镇党委", level="党委", category="rural",
                              secretary="周建国", supervision_phone="0371-62810001",
                              address="先锋镇人民路 1 号")
    orgs = [top]
    for full, short, level, cat, parent, _w in BRANCHES:
        orgs.append(Organization.create(
            name=full, short_name=short, level=level, category=cat, parent=orgs[parent],
            strive_theme=CATEGORIES[cat].theme, carriers="党员先锋岗、党员责任区、承诺践诺",
            secretary="", supervision_phone=f"0371-6281{rng.randrange(1000, 9999)}",
            address=f"先锋镇{short.replace('党支部', '').replace('党总支', '')}",
            is_demo_point=short in ("红旗村党支部", "幸福社区党支部"),
            is_contact_point=short == "东风村第一党支部"))
    branches = [o for o in orgs if o.level == "党支部"]
    weights = [w for (_f, _s, lvl, _c, _p, w) in BRANCHES if lvl == "党支部"]
    say("正在生成党员……")
    used: set[str] = set()
    rows = []
    for _n in range(members):
        org = rng.choices(branches, weights)[0]
        male = rng.random() < 0.72
        birth = dt.date(rng.randrange(1940, 2002), rng.randrange(1, 13), rng.randrange(1, 29))
        join = dt.date(min(birth.year + rng.randrange(19, 45), year - 1), rng.randrange(1, 13),
                       rng.randrange(1, 29))
        probationary = join.year >= year - 1 and rng.random() < 0.6
        kind = "预备党员" if probationary else "正式党员"
        full_date = None if probationary else join + dt.timedelta(days=366)
        if full_date and full_date > today:
            kind, full_date = "预备党员", None
        name = _name(rng)
        is_mobile = org.category == "rural" and rng.random() < 0.08
        rows.append(dict(
            org=org.id, name=name, stroke_key=stroke_sort_key(name),
            id_number=_id_number(rng, birth, male, used), sex="男" if male else "女",
            ethnicity="汉族" if rng.random() < 0.95 else rng.choice(("回族", "满族", "蒙古族")),
            birth_date=birth, education=rng.choice(EDUCATIONS[:11]), kind=kind, join_date=join,
            full_date=full_date, job=_job(rng, org.category), party_post="",
            mobile=f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}", phone="",
            address=f"先锋镇{rng.randrange(1, 300)}号", is_mobile=is_mobile,
            mobile_destination="广东省深圳市" if is_mobile else "",
            is_hardship=birth.year < 1950 and rng.random() < 0.3,
            is_party_worker=False, notes=""))
    insert_many(Member, rows)
    say("正在生成承诺和评议……")
    counts = _pledges_and_reviews(rng, branches, year, today)
    counts.update(fill_finished_year(year))
    return {"organizations": len(orgs), "members": members, **counts}


def _job(rng: random.Random, category: str) -> str:
    return {
        "rural": rng.choice(("农牧渔业生产人员", "外出务工经商人员", "退休人员", "乡村医生")),
        "community": rng.choice(("社区工作人员", "退休人员", "自由职业人员", "其他从业人员")),
        "soe": rng.choice(("企业管理岗位", "企业专业技术岗位", "企业工勤技能岗位")),
        "agency": rng.choice(("公务员", "事业单位管理岗位", "事业单位专业技术岗位")),
        "nonpublic": rng.choice(("企业管理岗位", "其他从业人员", "自由职业人员")),
    }[category]


def _pledges_and_reviews(rng: random.Random, branches: list[Organization], year: int, today: dt.date) -> dict[str, int]:
    n_pledges = n_reviews = 0
    for org in branches:
        roster = list(Member.select(Member.id, Member.name).where(Member.org == org.id).order_by(Member.stroke_key))
        if not roster:
            continue
        # Committee posts go to the first few by stroke order; the first is the secretary.
        for post, member in zip(POSTS, roster, strict=False):
            Member.update(party_post=post, is_party_worker=post in ("书记", "组织委员")).where(
                Member.id == member.id).execute()
        org.secretary = roster[0].name
        org.save()
        texts = PLEDGE_TEXTS[org.category]
        states = ("草稿", "退回", "已审定", "已公示", "已公示", "已公示", "已评诺", "已评诺")
        pledge_rows = []
        for member in roster:
            state = rng.choice(states)
            row = dict(org=org.id, member=member.id, year=year, state=state)
            if state == "退回":
                row["return_reason"] = "承诺内容不够具体，请写明数量和完成时间"
            if state in ("已审定", "已公示", "已评诺"):
                row["approved_on"] = dt.date(year, 3, 10)
            if state in ("已公示", "已评诺"):
                row["notice_start"], row["notice_end"] = dt.date(year, 3, 15), dt.date(year, 3, 21)
            if state == "已评诺":
                row["evaluation"] = rng.choice(("好", "好", "较好", "一般"))
            pledge_rows.append(row)
        insert_many(Pledge, pledge_rows)
        pledges = list(Pledge.select(Pledge.id, Pledge.state).where((Pledge.org == org.id) & (Pledge.year == year)))
        item_rows = []
        for pledge in pledges:
            state = pledge.state
            for seq, content in enumerate(rng.sample(texts, rng.randrange(1, 4)), 1):
                deadline = dt.date(year, rng.choice((6, 9, 10, 12)), 30)
                item_state, reason = "未开始", ""
                if state in ("已审定", "已公示"):
                    item_state = rng.choice(("未开始", "进行中", "进行中", "已兑现"))
                elif state == "已评诺":
                    item_state = "已兑现" if rng.random() < 0.9 else "未兑现"
                    reason = "因汛期施工推迟，已列入明年计划" if item_state == "未兑现" else ""
                item_rows.append(dict(pledge=pledge.id, seq=seq, content=content,
                                      standard=rng.choice(FIVE_LEAD), deadline=deadline,
                                      state=item_state, reason=reason,
                                      progress="按计划推进" if item_state != "未开始" else ""))
        insert_many(PledgeItem, item_rows)
        n_pledges += len(pledges)
        n_reviews += _reviews(rng, org, roster, year, today)
    return {"pledges": n_pledges, "reviews": n_reviews}


def _reviews(rng: random.Random, org: Organization, roster: list[Member], year: int, today: dt.date) -> int:
    made = 0
    # One branch has not yet held this quarter's meeting, so the overview has something to show.
    last_quarter = (today.month - 1) // 3 + 1 if today.year == year else 4
    quarters = range(1, last_quarter + (0 if org.short_name == "柳河村党支部" else 1))
    for quarter in quarters:
        day = dt.date(year, 3 * quarter - 1, 20)
        if day > today:
            day = today
        present = {m.id for m in roster if rng.random() < 0.85}
        review = Review.create(
            org=org, year=year, quarter=quarter, date=day, place=f"{org.short_name}活动室",
            host=roster[0].name, recorder=roster[min(1, len(roster) - 1)].name, expected=len(roster),
            topics="通报本季度承诺践诺情况；开展党员互评和群众评议；研究下季度工作",
            results="完成了本季度承诺事项的大部分，群众反映较好。",
            problems="个别党员参加组织生活不够经常。", measures="实行请假报告制度，由支委逐一谈心提醒。",
            leader_name="周建国", leader_comment="承诺具体，践诺扎实，要把群众最关心的事办好。",
            mutual_voters=len(present), mass_party_voters=len(present), mass_public_voters=30)
        attendance = []
        for m in roster:
            state = "出席" if m.id in present else rng.choice(("请假", "缺席"))
            attendance.append(dict(review=review.id, member=m.id, state=state,
                                   reason="外出务工" if state == "请假" else ""))
        insert_many(Attendance, attendance)
        mutual_rows, mass_rows = [], []
        voters = len(present)
        for m in roster:
            exc = rng.randrange(0, max(1, voters // 3))
            bad = rng.randrange(0, 2) if voters > 3 else 0
            basic = rng.randrange(0, 2) if voters > 4 else 0
            ok = max(0, voters - exc - bad - basic - rng.randrange(0, 2))
            mutual_rows.append(dict(review=review.id, member=m.id, excellent=exc, qualified=ok,
                                    basic=basic, unqualified=bad))
        insert_many(MutualTally, mutual_rows)
        for item in range(1, len(ORG_MASS_ITEMS) + 1):
            for group, total in (("党员", voters), ("群众", 30)):
                s = rng.randrange(int(total * 0.7), total + 1) if total else 0
                f = rng.randrange(0, total - s + 1) if total - s else 0
                mass_rows.append(dict(review=review.id, member=None, item=item, group=group,
                                      satisfied=s, fairly=f, basic=total - s - f, unsatisfied=0))
        if quarter == 4 or quarter == last_quarter:
            for m in roster:
                for item in range(1, len(MEMBER_MASS_ITEMS) + 1):
                    s = rng.randrange(20, 31)
                    u = rng.randrange(0, 2)
                    mass_rows.append(dict(review=review.id, member=m.id, item=item, group="群众",
                                          satisfied=s, fairly=30 - s - u, basic=0, unsatisfied=u))
        insert_many(MassTally, mass_rows)
        made += 1
    return made
