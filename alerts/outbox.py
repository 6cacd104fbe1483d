"""The outbox: decide who is told what (recorded first), then deliver what is due.

Recording happens in the database before any email leaves, under a unique key
per subscriber and event, so neither a second crawl nor a restart can send the
same alert twice; a failed send stays in the outbox and is retried with
doubling delays until `max_attempts`, then marked failed and reported.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from alerts.compose import build_message, environment
from alerts.events import event_from_row
from alerts.matching import wants
from alerts.transports import DeliveryError, Transport
from config.settings import Settings
from storage import deliveries, inspections, subscriptions
from storage.db import Database
from storage.models import DeliveryRow

log = logging.getLogger(__name__)

ALERT_LOOKBACK = timedelta(days=30)  # an outcome older than this is news no longer


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def alert_key(subscription_id: int, inspection_id: int) -> str:
    return f"alert:{subscription_id}:inspection:{inspection_id}"


def enqueue_alerts(database: Database, settings: Settings, now: datetime) -> int:
    """Record one alert per immediate subscriber and new outcome they want; returns how many."""
    env = environment(settings)
    added = 0
    with database.sessions.begin() as session:
        subscribers = subscriptions.active(session, "immediate")
        if not subscribers:
            return 0
        rows = inspections.alertable_since(session, now - ALERT_LOOKBACK)
        wanted = {
            alert_key(sub.id, row.id): (sub, row)
            for row in rows
            for sub in subscribers
            if row.first_seen_at >= sub.created_at
        }
        done = deliveries.existing_keys(session, wanted)
        for key, (sub, row) in wanted.items():
            event = event_from_row(row)
            if key in done or not wants(sub, event):
                continue
            message = build_message(
                env,
                settings,
                "alert",
                sub.email,
                event.subject,
                key,
                {"event": event, "now": now},
                sub.unsubscribe_token,
            )
            deliveries.add(
                session,
                key,
                "alert",
                sub.email,
                str(message["Subject"]),
                bytes(message),
                now,
                sub.id,
            )
            added += 1
    return added


def _backoff(settings: Settings, attempts: int) -> timedelta:
    return timedelta(seconds=settings.delivery.retry_base_seconds * 2 ** max(attempts - 1, 0))


def _begin_attempt(
    database: Database, settings: Settings, delivery_id: int, now: datetime
) -> DeliveryRow | None:
    """Mark the attempt before sending: a crash now leaves a row that is retried, not lost."""
    with database.sessions.begin() as session:
        row = session.get(DeliveryRow, delivery_id)
        if row is None or row.status in (deliveries.SENT, deliveries.FAILED):
            return None
        row.status = deliveries.SENDING
        row.attempts += 1
        row.next_attempt_at = now + _backoff(settings, row.attempts)
        session.flush()
        session.expunge(row)
        return row


def _finish_attempt(
    database: Database, settings: Settings, delivery_id: int, error: str | None, now: datetime
) -> str:
    with database.sessions.begin() as session:
        row = session.get(DeliveryRow, delivery_id)
        assert row is not None
        if error is None:
            row.status, row.sent_at, row.last_error, row.next_attempt_at = (
                deliveries.SENT,
                now,
                None,
                None,
            )
        elif row.attempts >= settings.delivery.max_attempts:
            row.status, row.last_error, row.next_attempt_at = deliveries.FAILED, error, None
            log.error("delivery %s to %s failed for good: %s", row.dedupe_key, row.recipient, error)
        else:
            row.status, row.last_error = deliveries.RETRY, error
            row.next_attempt_at = now + _backoff(settings, row.attempts)
            log.warning(
                "delivery %s will be retried at %s: %s", row.dedupe_key, row.next_attempt_at, error
            )
        return row.status


def deliver_due(
    database: Database, settings: Settings, transport: Transport, now: datetime
) -> DeliveryReport:
    report = DeliveryReport()
    with database.sessions() as session:
        due = deliveries.due(session, now, settings.delivery.batch_size)
    try:
        for delivery_id in due:
            row = _begin_attempt(database, settings, delivery_id, now)
            if row is None:
                continue
            error = None
            try:
                transport.send(row.recipient, row.message, row.dedupe_key)
            except DeliveryError as exc:
                error = str(exc)
            status = _finish_attempt(database, settings, delivery_id, error, now)
            report.sent += status == deliveries.SENT
            report.retrying += status == deliveries.RETRY
            report.failed += status == deliveries.FAILED
    finally:
        transport.close()
    return report
