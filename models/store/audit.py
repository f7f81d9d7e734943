"""The audit log: every service write leaves one line saying who changed what."""
from __future__ import annotations

import json

from models.store.tables import AuditEntry, Setting


def record(action: str, entity: str, entity_id: int | None, summary: str = "") -> None:
    """Called inside the service's transaction, so the line exists exactly when the change does."""
    row = Setting.get_or_none(Setting.key == "clerk_name")
    user = json.loads(row.value) if row else ""
    AuditEntry.create(user=user, action=action, entity=entity, entity_id=entity_id, summary=summary[:500])


def recent(limit: int = 500) -> list[tuple]:
    query = (
        AuditEntry.select(AuditEntry.at, AuditEntry.user, AuditEntry.action, AuditEntry.entity,
                          AuditEntry.entity_id, AuditEntry.summary)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(query.tuples())
