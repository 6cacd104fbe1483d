"""The outbox table: the only record of what was, or will be, emailed.

A delivery moves pending -> sending -> sent, or -> retry -> sending ... -> failed.
Taking a delivery to send is a conditional UPDATE (a claim), so two processes
delivering at once (the service's outbox job and a one-off `crawl`) can never
both send it: the second UPDATE matches no row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, and_, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import DeliveryRow

PENDING = "pending"  # recorded, not yet tried
SENDING = "sending"  # claimed by a process that is sending it now (or died doing so)
RETRY = "retry"  # failed, waiting for next_attempt_at
SENT = "sent"
FAILED = "failed"  # gave up: reported, never silently dropped
WAITING = (PENDING, SENDING, RETRY)

ALERT, DIGEST, ADMIN = "alert", "digest", "admin"


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
    items: dict[str, Any] | None = None,
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
        items=items,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def due(session: Session, now: datetime, limit: int) -> list[int]:
    """Ids to try now, oldest first: waiting ones whose time has come, and claims that
    expired (their process died, or hung, mid-send)."""
    query = (
        select(DeliveryRow.id)
        .where(
            DeliveryRow.status.in_(WAITING),
            or_(DeliveryRow.next_attempt_at.is_(None), DeliveryRow.next_attempt_at <= now),
        )
        .order_by(DeliveryRow.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def claims(session: Session) -> list[tuple[int, str]]:
    """(id, claimant) of every delivery being sent, so a dead claimant can be replaced."""
    rows = session.execute(
        select(DeliveryRow.id, DeliveryRow.claimed_by).where(DeliveryRow.status == SENDING)
    ).all()
    return [(row_id, claimant or "") for row_id, claimant in rows]


def claim(
    session: Session,
    delivery_id: int,
    now: datetime,
    lease_until: datetime,
    claimant: str,
    take_over_from: str | None = None,
) -> bool:
    """Take one delivery to send; False when it is not due or another process has it.

    The attempt is counted here, before sending: a crash mid-send still used an attempt.
    """
    is_due = and_(
        DeliveryRow.status.in_(WAITING),
        or_(DeliveryRow.next_attempt_at.is_(None), DeliveryRow.next_attempt_at <= now),
    )
    condition = is_due
    if take_over_from is not None:
        dead = and_(DeliveryRow.status == SENDING, DeliveryRow.claimed_by == take_over_from)
        condition = or_(is_due, dead)
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id == delivery_id, condition)
        .values(
            status=SENDING,
            attempts=DeliveryRow.attempts + 1,
            next_attempt_at=lease_until,
            claimed_by=claimant,
        )
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def unreported_failures(session: Session) -> list[DeliveryRow]:
    """Deliveries that failed for good and the admin has not heard about (admin mail
    that fails is only logged: reporting it by mail would go round in circles)."""
    query = (
        select(DeliveryRow)
        .where(
            DeliveryRow.status == FAILED,
            DeliveryRow.failure_reported_at.is_(None),
            DeliveryRow.kind != ADMIN,
        )
        .order_by(DeliveryRow.id)
    )
    return list(session.scalars(query))


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
    ).all()
    return {status: count for status, count in rows}


def failed(session: Session, limit: int = 20) -> list[DeliveryRow]:
    query = (
        select(DeliveryRow)
        .where(DeliveryRow.status == FAILED)
        .order_by(DeliveryRow.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def waiting(session: Session, limit: int = 20) -> list[DeliveryRow]:
    """Deliveries not yet sent that have been tried at least once (the backlog's troubles)."""
    query = (
        select(DeliveryRow)
        .where(DeliveryRow.status.in_(WAITING), DeliveryRow.attempts > 0)
        .order_by(DeliveryRow.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def oldest_waiting(session: Session) -> datetime | None:
    return session.scalar(
        select(func.min(DeliveryRow.created_at)).where(DeliveryRow.status.in_(WAITING))
    )


def last_error(session: Session) -> DeliveryRow | None:
    """The most recent delivery that recorded an error and is not (yet) sent."""
    query = (
        select(DeliveryRow)
        .where(DeliveryRow.last_error.is_not(None), DeliveryRow.status != SENT)
        .order_by(DeliveryRow.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def digest_items_since(
    session: Session, subscription_id: int, since: datetime
) -> tuple[set[int], set[int]]:
    """Inspection and article ids in this subscriber's digests recorded since `since`."""
    rows = session.scalars(
        select(DeliveryRow.items).where(
            DeliveryRow.subscription_id == subscription_id,
            DeliveryRow.kind == DIGEST,
            DeliveryRow.created_at >= since,
        )
    )
    inspections: set[int] = set()
    articles: set[int] = set()
    for items in rows:
        inspections.update((items or {}).get("inspections", []))
        articles.update((items or {}).get("articles", []))
    return inspections, articles
