"""示范点 (典型带动): only an organization commended as 先进基层党组织 may be one.

The rule lives with the organizations because the profile form checks it as well as the
表彰 page; it reads the awards table directly, so neither side imports the other.
"""
from __future__ import annotations

from models.constants import ORG_TITLE
from models.store.assessment_tables import Award
from models.store.tables import Organization


def is_commended_org(org_id: int | None) -> bool:
    """Whether the organization holds a “先进基层党组织” honour: only then can it be a 示范点."""
    if org_id is None:
        return False
    return Award.select().where((Award.org == org_id) & Award.member.is_null()
                                & (Award.category == ORG_TITLE)).exists()


def demo_point_refusal(org_name: str) -> str:
    """Why an organization cannot be made a 示范点; one text for the 表彰 page and the profile form."""
    return f"{org_name}还没有受到“{ORG_TITLE}”表彰，不能确定为示范点（典型带动只从受表彰的党组织中确定）。"


def may_be_demo_point(org_id: int | None) -> bool:
    """The rule of `models.commendation.nominations.mark_demo_point`, so the profile form
    cannot bypass it; an organization already marked (e.g. before this rule) may keep the mark."""
    if org_id is None:
        return False
    marked = Organization.select(Organization.is_demo_point).where(Organization.id == org_id).scalar()
    return bool(marked) or is_commended_org(org_id)
