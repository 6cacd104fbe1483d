"""Subscribers and what they asked for."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from storage.models import SubscriptionRow


def upsert(
    session: Session,
    email: str,
    mode: str,
    now: datetime,
    regions: Sequence[str] = (),
    local_authorities: Sequence[str] = (),
    inspection_types: Sequence[str] = (),
    judgements: Sequence[str] = (),
    include_news: bool = True,
) -> tuple[SubscriptionRow, bool]:
    """Add a subscription or replace its filters; returns (row, created)."""
    email = email.strip().lower()
    row = by_email(session, email)
    created = row is None
    if row is None:
        row = SubscriptionRow(email=email, created_at=now, unsubscribe_token=secrets.token_hex(20))
        session.add(row)
    if not created and row.active and row.mode != mode:
        _switch(row, mode, now)
    row.mode = mode
    row.regions = list(regions)
    row.local_authorities = list(local_authorities)
    row.inspection_types = list(inspection_types)
    row.judgements = list(judgements)
    row.include_news = include_news
    if not row.active:
        # A returning subscriber starts afresh, not with everything since they left.
        row.active, row.created_at, row.last_digest_at, row.alerts_from = True, now, None, None
    session.flush()
    return row, created


def _switch(row: SubscriptionRow, mode: str, now: datetime) -> None:
    """Nothing twice, nothing lost, across a change of mode.

    To a digest: the digest starts now (alerts told what came before; the digest also
    leaves out anything an alert to them covered). To alerts: they start where the
    digests left off, the last digest (or the subscription, if none was sent yet),
    and leave out anything one of their digests listed."""
    if row.mode == "immediate":
        row.last_digest_at = now
    elif mode == "immediate":
        row.alerts_from = row.last_digest_at or row.created_at


def by_email(session: Session, email: str) -> SubscriptionRow | None:
    return session.scalar(
        select(SubscriptionRow).where(SubscriptionRow.email == email.strip().lower())
    )


def by_token(session: Session, token: str) -> SubscriptionRow | None:
    return session.scalar(
        select(SubscriptionRow).where(SubscriptionRow.unsubscribe_token == token.strip())
    )


def deactivate(session: Session, email_or_token: str) -> SubscriptionRow | None:
    """Stop a subscription named by its address or by the token its emails carry."""
    if "@" in email_or_token:
        row = by_email(session, email_or_token)
    else:
        row = by_token(session, email_or_token)
    if row is None or not row.active:
        return None
    row.active = False
    return row


def advance_digest(
    session: Session, subscription_id: int, expected: datetime | None, now: datetime
) -> bool:
    """Move the digest window on, only if no one else did since we read it (a digest
    job and `digest --send` racing each other must not both send)."""
    condition = (
        SubscriptionRow.last_digest_at.is_(None)
        if expected is None
        else SubscriptionRow.last_digest_at == expected
    )
    result = session.execute(
        update(SubscriptionRow)
        .where(SubscriptionRow.id == subscription_id, condition)
        .values(last_digest_at=now)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def active(session: Session, mode: str | None = None) -> list[SubscriptionRow]:
    query = select(SubscriptionRow).where(SubscriptionRow.active.is_(True))
    if mode is not None:
        query = query.where(SubscriptionRow.mode == mode)
    return list(session.scalars(query.order_by(SubscriptionRow.email)))


def everyone(session: Session) -> list[SubscriptionRow]:
    return list(session.scalars(select(SubscriptionRow).order_by(SubscriptionRow.email)))
