"""The outbox: decide who is told what (recorded first), then deliver what is due.

Recording happens in the database before any email leaves, under a unique key
per subscriber and event, so neither a second crawl nor a restart can send the
same alert twice. Sending claims a delivery first (a conditional UPDATE naming
this process), sends, then marks it sent. A failed send is retried after
`retry_base_seconds`, then twice that, and so on until `max_attempts`, then it
is marked failed and reported to the admin; a 5xx refusal fails at once.

A process killed mid-send leaves a claim naming a process that no longer
exists: the next delivery pass on the same host takes it over at once. (A claim
from another host is taken over when its lease runs out.) The one case that can
still repeat an email is a crash after the server accepted the message and
before the row was marked; the resent copy carries the same Message-ID, which
mail clients use to show it once.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from alerts import admin
from alerts.compose import build_message, environment
from alerts.events import event_from_row
from alerts.matching import wants
from alerts.transports import (
    DeliveryError,
    PermanentDeliveryError,
    ServerUnavailable,
    Transport,
)
from config.settings import Settings
from storage import deliveries, inspections, subscriptions
from storage.db import Database
from storage.models import DeliveryRow

log = logging.getLogger(__name__)

ALERT_LOOKBACK = timedelta(days=30)  # an outcome older than this is news no longer
Progress = Callable[[int], None]


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def count(self, status: str) -> None:
        self.sent += status == deliveries.SENT
        self.retrying += status == deliveries.RETRY
        self.failed += status == deliveries.FAILED


@dataclass(frozen=True, slots=True)
class Claimed:
    recipient: str
    message: bytes
    key: str


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
                {"event": event},
                now,
                sub.unsubscribe_token,
            )
            subject = str(message["Subject"])
            deliveries.add(session, key, "alert", sub.email, subject, bytes(message), now, sub.id)
            added += 1
    if added:
        log.info("%d alert(s) recorded", added, extra={"event": "alerts_recorded"})
    return added


# Told apart from an earlier process with the same pid (in a container the service is
# pid 1 after every restart): fixed for the life of this process, never changed.
PROCESS_TOKEN = uuid.uuid4().hex[:12]


def claimant_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{PROCESS_TOKEN}"


def claimant_is_dead(claimant: str) -> bool:
    """True only when certain: the claim is from this host and its process is gone."""
    host, pid_text, token = [*claimant.rsplit(":", 2), "", ""][:3]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():  # ours, or an earlier process's that had our pid
        return bool(token) and token != PROCESS_TOKEN
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _backoff(settings: Settings, attempts: int) -> timedelta:
    return timedelta(seconds=settings.delivery.retry_base_seconds * 2 ** max(attempts - 1, 0))


def _lease(settings: Settings) -> timedelta:
    """Long enough for one SMTP transaction to finish or time out."""
    return timedelta(
        seconds=4 * settings.smtp.timeout_seconds + settings.delivery.retry_base_seconds
    )


def _next_batch(
    database: Database, settings: Settings, now: datetime, tried: set[int]
) -> list[tuple[int, str | None]]:
    """(id, dead claimant to take over or None), oldest first, none tried in this pass."""
    with database.sessions() as session:
        due = [(i, None) for i in deliveries.due(session, now, settings.delivery.batch_size)]
        orphans = [(i, c) for i, c in deliveries.claims(session) if claimant_is_dead(c)]
    batch: dict[int, str | None] = {}
    for delivery_id, claimant in [*orphans, *due]:
        if delivery_id not in tried and delivery_id not in batch:
            batch[delivery_id] = claimant
    return sorted(batch.items())[: settings.delivery.batch_size]


def _claim(
    database: Database,
    settings: Settings,
    delivery_id: int,
    now: datetime,
    take_over: str | None,
) -> Claimed | None:
    with database.sessions.begin() as session:
        lease = now + _lease(settings)
        if not deliveries.claim(session, delivery_id, now, lease, claimant_id(), take_over):
            return None
        row = session.get(DeliveryRow, delivery_id)
        assert row is not None
        return Claimed(row.recipient, row.message, row.dedupe_key)


def _finish(
    database: Database,
    settings: Settings,
    delivery_id: int,
    error: str | None,
    permanent: bool,
    now: datetime,
) -> str:
    with database.sessions.begin() as session:
        row = session.get(DeliveryRow, delivery_id)
        assert row is not None
        row.claimed_by = None
        if error is None:
            row.status, row.sent_at, row.last_error, row.next_attempt_at = (
                deliveries.SENT,
                now,
                None,
                None,
            )
        elif permanent or row.attempts >= settings.delivery.max_attempts:
            row.status, row.last_error, row.next_attempt_at = deliveries.FAILED, error, None
            log.error(
                "delivery %s to %s failed for good after %d attempt(s): %s",
                row.dedupe_key,
                row.recipient,
                row.attempts,
                error,
                extra={"event": "delivery_failed", "delivery": row.id},
            )
        else:
            row.status, row.last_error = deliveries.RETRY, error
            row.next_attempt_at = now + _backoff(settings, row.attempts)
            log.warning(
                "delivery %s to %s will be retried at %s: %s",
                row.dedupe_key,
                row.recipient,
                row.next_attempt_at.isoformat(timespec="seconds"),
                error,
                extra={"event": "delivery_retry", "delivery": row.id},
            )
        return row.status


def _attempt(transport: Transport, claimed: Claimed) -> tuple[str | None, str]:
    """(error or None, and what kind: "sent", "retry", "permanent" or "unavailable")."""
    try:
        transport.send(claimed.recipient, claimed.message, claimed.key)
    except PermanentDeliveryError as exc:
        return str(exc), "permanent"
    except ServerUnavailable as exc:
        return str(exc), "unavailable"
    except DeliveryError as exc:
        return str(exc), "retry"
    return None, "sent"


def deliver_due(
    database: Database,
    settings: Settings,
    transport: Transport,
    now: datetime,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> DeliveryReport:
    """Send everything due at `now`, each delivery at most once per pass.

    When the server cannot be reached, every delivery due in this pass has a failed
    attempt recorded without trying to connect again: they all wait for the server.
    A stopping service ends the pass between two emails (`should_stop`).
    """
    report = DeliveryReport()
    admin.report_failed_deliveries(database, settings, now)
    tried: set[int] = set()
    unavailable: str | None = None
    try:
        while batch := _next_batch(database, settings, now, tried):
            for delivery_id, take_over in batch:
                if should_stop():
                    return report
                tried.add(delivery_id)
                claimed = _claim(database, settings, delivery_id, now, take_over)
                if claimed is None:
                    continue  # another process took it, or it is no longer due
                error, kind = unavailable, "unavailable"
                if unavailable is None:
                    error, kind = _attempt(transport, claimed)
                    if kind == "unavailable":
                        unavailable = error
                permanent = kind == "permanent"
                report.count(_finish(database, settings, delivery_id, error, permanent, now))
                if on_progress is not None:
                    on_progress(report.sent + report.retrying + report.failed)
    finally:
        transport.close()
    admin.report_failed_deliveries(database, settings, now)
    return report
