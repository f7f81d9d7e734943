"""From the year's decided awards to the 先进事迹材料 booklet (printing.documents.deeds).

The 主要事迹 is the nomination's `deeds` text (the one the branch wrote when it nominated);
an award made without a nomination, or a nomination without deeds, prints a visible gap.
"""
from __future__ import annotations

from models.commendation import nominations as commendations
from models.config import settings
from models.constants import AWARD_LEVELS
from models.errors import ValidationError
from models.store.assessment_tables import Award, Nomination
from printing.documents.deeds import DeedEntry, DeedsBooklet


def deeds_document(year: int, level: str = commendations.BASIC) -> DeedsBooklet:
    if level not in AWARD_LEVELS:
        raise ValidationError(f"表彰级别只能是：{'、'.join(AWARD_LEVELS)}。", "level")
    rows = commendations.award_rows(year, level)
    if not rows:
        raise ValidationError(f"{year}年度还没有已决定的表彰，无法生成先进事迹材料。请先在“表彰”中决定表彰。", "year")
    links = {a.id: a.nomination_id for a in Award.select(Award.id, Award.nomination)
             .where(Award.id.in_([r.award_id for r in rows]))}
    texts = {n.id: n.deeds for n in Nomination.select(Nomination.id, Nomination.deeds)
             .where(Nomination.id.in_([i for i in links.values() if i is not None]))}
    deeds = {award: texts.get(nom, "") if nom is not None else "" for award, nom in links.items()}
    return DeedsBooklet(
        issuer=commendations.issuer_or_refuse(level, rows[0].issuer), year=year,
        decided_on=max(r.decided_on for r in rows),
        entries=tuple(DeedEntry(r.title, r.recipient, r.organization if r.is_member else "", deeds.get(r.award_id, ""))
                      for r in rows),
        date_style=settings.get("date_style_notice"))
