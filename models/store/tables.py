"""The tables. Plain peewee models; rules live in the service modules, not here."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Self, TypeVar

import peewee as pw

from models.store.db import database

# Annotations only, below: peewee ignores them, so they change neither the tables nor their
# columns; they tell mypy what peewee adds at run time (the implicit `id` primary key, the
# `<fk>_id` accessors and the backrefs).

if TYPE_CHECKING:
    _M = TypeVar("_M", bound=pw.Model)

    # What `BaseModel.select()` returns, as far as mypy is concerned: peewee's stubs type
    # `.tuples()` as the query itself, whose rows would be models; `.first()` (n=1, the only
    # use here) is a row or None.
    class Rows(pw.ModelSelect[Any]):

        def __iter__(self) -> Iterator[tuple[Any, ...]]: ...
        def first(self, database: pw.Database | pw.DatabaseProxy | None = None,
                  n: int = 1) -> tuple[Any, ...] | None: ...

    class Select(pw.ModelSelect[_M]):
        def tuples(self, as_tuple: bool = True) -> Rows: ...  # type: ignore[override]  # a Rows, not a Self
        def first(self, database: pw.Database | pw.DatabaseProxy | None = None, n: int = 1) -> _M | None: ...


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(pw.Model):
    id: pw.AutoField[int]  # peewee's implicit primary key (not on Setting, keyed by `key`)

    if TYPE_CHECKING:
        @classmethod
        def select(cls, *fields: Any) -> Select[Self]: ...

    class Meta:
        database = database
        legacy_table_names = False


class Organization(BaseModel):
    name = pw.CharField(unique=True)  # full name as on the seal: 中共××村支部委员会
    short_name = pw.CharField(default="")
    level = pw.CharField(default="党支部")
    parent = pw.ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    parent_id: int | None
    category = pw.CharField(default="rural")
    strive_theme = pw.TextField(default="")  # 争创主题
    carriers = pw.TextField(default="")  # 活动载体
    secretary = pw.CharField(default="")
    supervision_phone = pw.CharField(default="")
    address = pw.CharField(default="")
    is_demo_point = pw.BooleanField(default=False)  # 示范点
    is_contact_point = pw.BooleanField(default=False)  # 联系点
    contact_leader = pw.CharField(default="")
    notes = pw.TextField(default="")
    created_at = pw.DateTimeField(default=_now)
    updated_at = pw.DateTimeField(default=_now)
    children: Select[Organization]  # backrefs
    members: Select[Member]
    pledges: Select[Pledge]
    reviews: Select[Review]

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Member(BaseModel):
    org = pw.ForeignKeyField(Organization, backref="members", on_delete="RESTRICT")
    org_id: int
    name = pw.CharField(index=True)
    stroke_key = pw.CharField(default="", index=True)  # 姓氏笔画 order, computed on save
    id_number = pw.CharField(null=True, unique=True)  # text, never a number
    sex = pw.CharField(default="")
    ethnicity = pw.CharField(default="")
    birth_date = pw.DateField(null=True)
    education = pw.CharField(default="")
    kind = pw.CharField(default="正式党员")  # 人员类别
    join_date = pw.DateField(null=True)  # 加入党组织日期
    full_date = pw.DateField(null=True)  # 转为正式党员日期
    job = pw.CharField(default="")  # 工作岗位
    party_post = pw.CharField(default="")  # 党内职务, shown on the pledge board
    mobile = pw.CharField(default="")  # private: never on public documents
    phone = pw.CharField(default="")
    address = pw.CharField(default="")
    party_status = pw.CharField(default="正常")  # 党籍状态
    is_lost = pw.BooleanField(default=False)  # 失联党员
    lost_date = pw.DateField(null=True)
    is_mobile = pw.BooleanField(default=False)  # 流动党员
    mobile_destination = pw.CharField(default="")  # 外出流向
    is_hardship = pw.BooleanField(default=False)  # 困难党员
    is_party_worker = pw.BooleanField(default=False)  # 党务工作者
    roll_status = pw.CharField(default="在册")  # 在册 / 转出 / 停止党籍 / 去世
    notes = pw.TextField(default="")
    # Date fields known only to the year and month ("join_date,birth_date"): stored as the 1st,
    # shown and exported as 1985-07, never as an invented day (see models.dates).
    month_only = pw.CharField(default="")
    created_at = pw.DateTimeField(default=_now)
    updated_at = pw.DateTimeField(default=_now)
    events: Select[MemberEvent]  # backrefs
    pledges: Select[Pledge]
    attendance: Select[Attendance]
    mutual: Select[MutualTally]
    mass: Select[MassTally]


class MemberEvent(BaseModel):
    """A dated change of a member's standing; members are never deleted."""

    member = pw.ForeignKeyField(Member, backref="events", on_delete="CASCADE")
    member_id: int
    kind = pw.CharField()  # 转出 / 停止党籍 / 恢复党籍 / 去世 / 转入 / 本镇转接
    date = pw.DateField()
    detail = pw.TextField(default="")  # e.g. where transferred to
    created_at = pw.DateTimeField(default=_now)
    # 本镇转接 (schema step 7): the branch the member left and the one they joined, both in this
    # file, so each branch's records show the move; NULL for every other kind of event.
    from_org = pw.ForeignKeyField(Organization, null=True, backref="moves_out", on_delete="SET NULL")
    from_org_id: int | None
    to_org = pw.ForeignKeyField(Organization, null=True, backref="moves_in", on_delete="SET NULL")
    to_org_id: int | None


class Pledge(BaseModel):
    """A member's (or, with member NULL, the organization's) public pledge for one year."""

    org = pw.ForeignKeyField(Organization, backref="pledges", on_delete="RESTRICT")
    org_id: int
    member = pw.ForeignKeyField(Member, null=True, backref="pledges", on_delete="RESTRICT")
    member_id: int | None
    year = pw.IntegerField()
    state = pw.CharField(default="草稿")
    return_reason = pw.TextField(default="")
    approved_on = pw.DateField(null=True)
    notice_start = pw.DateField(null=True)
    notice_end = pw.DateField(null=True)
    evaluation = pw.CharField(default="")  # 评诺: 好 / 较好 / 一般 / 差
    evaluation_note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=_now)
    updated_at = pw.DateTimeField(default=_now)
    items: Select[PledgeItem]  # backref

    class Meta:
        indexes = ((("org", "member", "year"), True),)


class PledgeItem(BaseModel):
    pledge = pw.ForeignKeyField(Pledge, backref="items", on_delete="CASCADE")
    pledge_id: int
    seq = pw.IntegerField()
    content = pw.TextField()
    standard = pw.CharField(default="")  # one of the 五带头 or the category's 争做 titles
    deadline = pw.DateField(null=True)
    state = pw.CharField(default="未开始")
    reason = pw.TextField(default="")  # required when 未兑现
    progress = pw.TextField(default="")  # 践诺情况, posted each quarter

    class Meta:
        indexes = ((("pledge", "seq"), True),)


class Review(BaseModel):
    """One quarter's 创先争优 meeting of one organization (季度评议)."""

    org = pw.ForeignKeyField(Organization, backref="reviews", on_delete="RESTRICT")
    org_id: int
    year = pw.IntegerField()
    quarter = pw.IntegerField()
    date = pw.DateField()
    place = pw.CharField(default="")
    host = pw.CharField(default="")  # 主持人
    recorder = pw.CharField(default="")  # 记录人
    expected = pw.IntegerField(default=0)  # 应到, from the roster when saved
    observers = pw.TextField(default="")  # 列席
    topics = pw.TextField(default="")  # 议题
    results = pw.TextField(default="")  # 成效
    problems = pw.TextField(default="")  # 问题
    measures = pw.TextField(default="")  # 整改措施
    leader_name = pw.CharField(default="")  # 领导点评: who
    leader_comment = pw.TextField(default="")  # 领导点评: what
    mutual_voters = pw.IntegerField(default=0)  # 参加互评的党员人数
    mass_party_voters = pw.IntegerField(default=0)  # 群众评议: 党员 ballots
    mass_public_voters = pw.IntegerField(default=0)  # 群众评议: 群众 ballots
    created_at = pw.DateTimeField(default=_now)
    updated_at = pw.DateTimeField(default=_now)
    attendance: Select[Attendance]  # backrefs
    mutual: Select[MutualTally]
    mass: Select[MassTally]

    class Meta:
        indexes = ((("org", "year", "quarter"), True),)


class Attendance(BaseModel):
    review = pw.ForeignKeyField(Review, backref="attendance", on_delete="CASCADE")
    review_id: int
    member = pw.ForeignKeyField(Member, backref="attendance", on_delete="RESTRICT")
    member_id: int
    state = pw.CharField(default="出席")  # 出席 / 请假 / 缺席
    reason = pw.CharField(default="")

    class Meta:
        indexes = ((("review", "member"), True),)


class MutualTally(BaseModel):
    """党员互评 counts for one member at one review, typed in from paper ballots."""

    review = pw.ForeignKeyField(Review, backref="mutual", on_delete="CASCADE")
    review_id: int
    member = pw.ForeignKeyField(Member, backref="mutual", on_delete="RESTRICT")
    member_id: int
    excellent = pw.IntegerField(default=0)
    qualified = pw.IntegerField(default=0)
    basic = pw.IntegerField(default=0)
    unqualified = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("review", "member"), True),)


class MassTally(BaseModel):
    """群众评议 counts for one rated item; member NULL means the organization is rated."""

    review = pw.ForeignKeyField(Review, backref="mass", on_delete="CASCADE")
    review_id: int
    member = pw.ForeignKeyField(Member, null=True, backref="mass", on_delete="RESTRICT")
    member_id: int | None
    item = pw.IntegerField()  # 1-based index into ORG_MASS_ITEMS / MEMBER_MASS_ITEMS
    group = pw.CharField()  # 党员 / 群众
    satisfied = pw.IntegerField(default=0)
    fairly = pw.IntegerField(default=0)
    basic = pw.IntegerField(default=0)
    unsatisfied = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("review", "member", "item", "group"), True),)


class Setting(BaseModel):
    key = pw.CharField(primary_key=True)
    value = pw.TextField()  # JSON


class AuditEntry(BaseModel):
    """Who changed what and when; written by the services, never edited from the window."""

    at = pw.DateTimeField(default=_now, index=True)
    user = pw.CharField(default="")
    action = pw.CharField()  # 新增 / 修改 / 状态变更 / 导入 / 恢复 …
    entity = pw.CharField()
    entity_id = pw.IntegerField(null=True)
    summary = pw.TextField(default="")


ALL_MODELS = (
    Organization, Member, MemberEvent, Pledge, PledgeItem, Review, Attendance,
    MutualTally, MassTally, Setting, AuditEntry,
)
