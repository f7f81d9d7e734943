"""Who is on the roll (在册): the one definition every meeting list, count and printout uses.

A member is on the roll while recorded 在册 *and* their 党籍 is 正常. These are two fields: a
停止党籍 event sets both, but the roster import and the member form set 党籍状态 alone, so a
member can be 在册 with the 党籍 stopped. Such a member is expected at no meeting, is on no
ballot, gets no certificate and is hidden from the default roster, like one suspended by an
event. Members are never deleted, so a query meaning "this organization's members" must say
which of them it means; it says it through here.
"""
from __future__ import annotations

from typing import Protocol

import peewee as pw

from models.constants import ON_ROLL
from models.store.tables import Member

NORMAL_STANDING = "正常"  # the 党籍状态 that counts
SUSPENDED = "停止党籍"
# Still on the organization's roster sheet: transferred-out and deceased members are not.
ON_BOOKS = (ON_ROLL, SUSPENDED)


class Standing(Protocol):
    """A Member, or any named row carrying the two fields that decide it."""

    @property
    def roll_status(self) -> str: ...

    @property
    def party_status(self) -> str: ...


def on_roll_clause() -> pw.Expression:
    """The roll as a peewee condition on Member."""
    return (Member.roll_status == ON_ROLL) & (Member.party_status == NORMAL_STANDING)


def is_on_roll(member: Standing) -> bool:
    """The roll as a predicate, for members (or rows) already read."""
    return member.roll_status == ON_ROLL and member.party_status == NORMAL_STANDING


def on_books_clause() -> pw.Expression:
    """Members the national roster still lists: suspended ones stay, since it has a 党籍状态
    column for them; those transferred out or deceased are gone."""
    return Member.roll_status.in_(ON_BOOKS)
