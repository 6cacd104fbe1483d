"""Subscribers and what they asked for."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
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
        row = SubscriptionRow(
            email=email, created_at=now, unsubscribe_token=secrets.token_urlsafe(24)
        )
        session.add(row)
    row.mode = mode
    row.regions = list(regions)
    row.local_authorities = list(local_authorities)
    row.inspection_types = list(inspection_types)
    row.judgements = list(judgements)
    row.include_news = include_news
    if not row.active:
        row.active, row.created_at = True, now  # a returning subscriber starts afresh
    session.flush()
    return row, created


def by_email(session: Session, email: str) -> SubscriptionRow | None:
    return session.scalar(
        select(SubscriptionRow).where(SubscriptionRow.email == email.strip().lower())
    )


def deactivate(session: Session, email: str) -> bool:
    row = by_email(session, email)
    if row is None or not row.active:
        return False
    row.active = False
    return True


def active(session: Session, mode: str | None = None) -> list[SubscriptionRow]:
    query = select(SubscriptionRow).where(SubscriptionRow.active.is_(True))
    if mode is not None:
        query = query.where(SubscriptionRow.mode == mode)
    return list(session.scalars(query.order_by(SubscriptionRow.email)))


def everyone(session: Session) -> list[SubscriptionRow]:
    return list(session.scalars(select(SubscriptionRow).order_by(SubscriptionRow.email)))
