"""The outbox table: the only record of what was, or will be, emailed.

A delivery moves pending -> sending -> sent, or -> retry -> sending ... -> failed;
one whose subscriber left before it went out becomes cancelled. Recording is an
INSERT that does nothing when the key exists, so two recorders racing (two crawls,
a crawl and the outbox job) record one row, not a crash. Taking a delivery to send
is a conditional UPDATE (a claim), so two processes delivering at once can never
both send it: the second UPDATE matches no row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import DeliveryRow, SubscriptionRow

PENDING = "pending"  # recorded, not yet tried
SENDING = "sending"  # claimed by a process that is sending it now (or died doing so)
RETRY = "retry"  # failed, waiting for next_attempt_at
SENT = "sent"
FAILED = "failed"  # gave up: reported, never silently dropped; `outbox --retry-failed`
CANCELLED = "cancelled"  # not sent on purpose (the subscriber left); last_error says why
WAITING = (PENDING, SENDING, RETRY)
STATUSES = (*WAITING, FAILED, CANCELLED, SENT)

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
) -> bool:
    """Record one delivery; False when its key is recorded already (by us, or by another
    process a moment ago): INSERT ... ON CONFLICT DO NOTHING, on SQLite and PostgreSQL."""
    values = {
        "dedupe_key": dedupe_key,
        "kind": kind,
        "subscription_id": subscription_id,
        "recipient": recipient,
        "subject": subject,
        "message": message,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "items": items,
        "created_at": now,
    }
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(DeliveryRow)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(DeliveryRow.id)
    )
    return session.execute(statement, values).scalar_one_or_none() is not None


def sent_outcomes(session: Session, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    """For the alerts among `keys` that were sent, the outcome each one told. Alerts
    recorded before outcomes were kept have none, and are left out."""
    wanted = list(keys)
    if not wanted:
        return {}
    rows = session.execute(
        select(DeliveryRow.dedupe_key, DeliveryRow.items).where(
            DeliveryRow.dedupe_key.in_(wanted), DeliveryRow.status == SENT
        )
    ).all()
    return {
        key: items["outcome"]
        for key, items in rows
        if isinstance(items, dict) and isinstance(items.get("outcome"), dict)
    }


def _is_due(now: datetime) -> Any:
    return and_(
        DeliveryRow.status.in_((PENDING, RETRY)),
        or_(DeliveryRow.next_attempt_at.is_(None), DeliveryRow.next_attempt_at <= now),
    )


def due(session: Session, now: datetime, limit: int) -> list[int]:
    """Ids waiting to be tried whose time has come, oldest first. Claims being sent are not
    due, however long they take: `claims` lists them so the outbox can decide."""
    query = select(DeliveryRow.id).where(_is_due(now)).order_by(DeliveryRow.id).limit(limit)
    return list(session.scalars(query))


@dataclass(frozen=True, slots=True)
class Claim:
    delivery_id: int
    claimant: str
    claimed_at: datetime | None
    lease_until: datetime | None


def claims(session: Session) -> list[Claim]:
    """Every delivery being sent, and by whom since when, so a dead claimant can be replaced."""
    rows = session.execute(
        select(
            DeliveryRow.id,
            DeliveryRow.claimed_by,
            DeliveryRow.claimed_at,
            DeliveryRow.next_attempt_at,
        ).where(DeliveryRow.status == SENDING)
    ).all()
    return [Claim(row_id, by or "", at, lease) for row_id, by, at, lease in rows]


def claim(
    session: Session,
    delivery_id: int,
    now: datetime,
    claimed_at: datetime,
    lease_until: datetime,
    claimant: str,
    take_over_from: str | None = None,
) -> bool:
    """Take one delivery to send; False when it is not due or another process has it.

    `now` decides what is due; `claimed_at` is the current time, and the lease runs from
    it (a pass that started long ago must not hand out leases that have already run out).
    A claim is taken over only from the exact claimant the caller judged gone. The attempt
    is counted here, before sending: a crash mid-send still used an attempt.
    """
    condition = _is_due(now)
    if take_over_from is not None:
        gone = and_(DeliveryRow.status == SENDING, DeliveryRow.claimed_by == take_over_from)
        condition = or_(condition, gone)
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id == delivery_id, condition)
        .values(
            status=SENDING,
            attempts=DeliveryRow.attempts + 1,
            next_attempt_at=lease_until,
            claimed_by=claimant,
            claimed_at=claimed_at,
        )
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def unwanted_reason(session: Session, row: DeliveryRow) -> str | None:
    """Why a subscriber's email must not go out any more, or None (admin mail always may)."""
    if row.kind == ADMIN:
        return None
    subscription = (
        session.get(SubscriptionRow, row.subscription_id) if row.subscription_id else None
    )
    if subscription is None:
        return "cancelled: the subscription no longer exists"
    if not subscription.active:
        return "cancelled: the subscriber unsubscribed before it was sent"
    return None


def cancel(row: DeliveryRow, reason: str) -> None:
    row.status, row.last_error = CANCELLED, reason
    row.next_attempt_at, row.claimed_by, row.claimed_at = None, None, None


def cancel_for_subscription(session: Session, subscription_id: int, reason: str) -> int:
    """At unsubscribe: what is still waiting for them is not sent (one being sent now is
    stopped by the check at its claim, or has gone already)."""
    result = session.execute(
        update(DeliveryRow)
        .where(
            DeliveryRow.subscription_id == subscription_id,
            DeliveryRow.status.in_((PENDING, RETRY)),
        )
        .values(status=CANCELLED, last_error=reason, next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return result.rowcount


def requeue_failed(session: Session, now: datetime, ids: Sequence[int] = ()) -> int:
    """Failed deliveries (all, or these) back in the queue with a fresh set of attempts,
    after whatever stopped them (a mail server setting, a full mailbox) was put right."""
    condition = DeliveryRow.status == FAILED
    if ids:
        condition = and_(condition, DeliveryRow.id.in_(list(ids)))
    result = session.execute(
        update(DeliveryRow)
        .where(condition)
        .values(status=PENDING, attempts=0, next_attempt_at=now, failure_reported_at=None)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return result.rowcount


def listing(session: Session, statuses: Sequence[str], limit: int) -> list[DeliveryRow]:
    query = (
        select(DeliveryRow)
        .where(DeliveryRow.status.in_(list(statuses)))
        .order_by(DeliveryRow.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


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
        .where(
            DeliveryRow.last_error.is_not(None),
            DeliveryRow.status.not_in((SENT, CANCELLED)),
        )
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


def alerted_items(
    session: Session, subscription_id: int, since: datetime
) -> tuple[set[int], set[int]]:
    """Inspections, and the news coverage shown with them, that alerts to this subscriber
    (recorded since `since`) told them of. Alerts recorded before their items were kept
    name their inspection in the key (alert:<subscription>:inspection:<id>)."""
    rows = session.execute(
        select(DeliveryRow.dedupe_key, DeliveryRow.items).where(
            DeliveryRow.subscription_id == subscription_id,
            DeliveryRow.kind == ALERT,
            DeliveryRow.status != CANCELLED,
            DeliveryRow.created_at >= since,
        )
    ).all()
    inspections: set[int] = set()
    articles: set[int] = set()
    for key, items in rows:
        parts = key.split(":")
        if len(parts) >= 4 and parts[2] == "inspection" and parts[3].isdigit():
            inspections.add(int(parts[3]))
        articles.update((items or {}).get("articles", []))
    return inspections, articles


def digest_outcomes_since(
    session: Session, subscription_id: int, since: datetime
) -> dict[int, dict[str, Any]]:
    """The outcome this subscriber's digests (recorded since `since`) last told of each
    inspection, for noticing what Ofsted's report changed afterwards."""
    rows = session.scalars(
        select(DeliveryRow.items)
        .where(
            DeliveryRow.subscription_id == subscription_id,
            DeliveryRow.kind == DIGEST,
            DeliveryRow.status != CANCELLED,
            DeliveryRow.created_at >= since,
        )
        .order_by(DeliveryRow.created_at, DeliveryRow.id)
    )
    told: dict[int, dict[str, Any]] = {}
    for items in rows:
        for key, outcome in ((items or {}).get("outcomes") or {}).items():
            if str(key).isdigit() and isinstance(outcome, dict):
                told[int(key)] = outcome
    return told
