"""The outbox table: the only record of what was, or will be, emailed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.models import DeliveryRow

PENDING = "pending"  # recorded, not yet tried
SENDING = "sending"  # an attempt started; if the process died here, it is tried again
RETRY = "retry"  # failed, waiting for next_attempt_at
SENT = "sent"
FAILED = "failed"  # gave up after max_attempts: reported, never silently dropped


def existing_keys(session: Session, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    if not wanted:
        return set()
    rows = session.scalars(select(DeliveryRow.dedupe_key).where(DeliveryRow.dedupe_key.in_(wanted)))
    return set(rows)


def add(
    session: Session,
    dedupe_key: str,
    kind: str,
    recipient: str,
    subject: str,
    message: bytes,
    now: datetime,
    subscription_id: int | None = None,
) -> DeliveryRow:
    row = DeliveryRow(
        dedupe_key=dedupe_key,
        kind=kind,
        subscription_id=subscription_id,
        recipient=recipient,
        subject=subject,
        message=message,
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def due(session: Session, now: datetime, limit: int) -> list[int]:
    """Ids of deliveries to try now, oldest first."""
    query = (
        select(DeliveryRow.id)
        .where(
            DeliveryRow.status.in_([PENDING, SENDING, RETRY]),
            or_(DeliveryRow.next_attempt_at.is_(None), DeliveryRow.next_attempt_at <= now),
        )
        .order_by(DeliveryRow.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
    ).all()
    return {status: count for status, count in rows}


def failed(session: Session) -> list[DeliveryRow]:
    query = select(DeliveryRow).where(DeliveryRow.status == FAILED).order_by(DeliveryRow.id)
    return list(session.scalars(query))
