"""The outbox: deliver what is due, each email exactly once.

Recording happens first (alerts/immediate.py, digests, admin mail), in the
database, under a unique key per subscriber and event. Sending claims a delivery
(a conditional UPDATE naming this process and the time), sends, then marks it
sent. The lease of a claim runs from the moment of the claim, read from the
clock, not from when the pass began; and a claim whose sender is alive on this
host is never taken from it (alerts/claimants.py), so two passes running side by
side, however slow the mail server, never send one email twice.

A failure that is this email's own (a 4xx reply, a dropped connection) is retried
after `retry_base_seconds`, then twice that, until `max_attempts`; a recipient
refused for good (5xx to RCPT TO) fails at once. A failure of the server or of our
settings (unreachable, TLS, login, sender refused) is not the email's fault: every
email due waits for the next pass, and the admin hears of it once. An email whose
subscriber has unsubscribed is cancelled, not sent.

The one case that can still repeat an email is a crash after the server accepted
the message and before the row was marked; the resent copy carries the same
Message-ID, which mail clients use to show it once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from alerts import admin
from alerts.claimants import claimant_id, claimant_is_dead, is_abandoned
from alerts.immediate import alert_key, enqueue_alerts
from alerts.transports import (
    DeliveryError,
    PermanentDeliveryError,
    ServerUnavailable,
    Transport,
)
from config.settings import Settings
from storage import deliveries
from storage.db import Database
from storage.models import DeliveryRow

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
Clock = Callable[[], datetime]


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    server_problem: str | None = None  # why nothing could be sent in this pass

    def count(self, status: str) -> None:
        self.sent += status == deliveries.SENT
        self.retrying += status == deliveries.RETRY
        self.failed += status == deliveries.FAILED
        self.cancelled += status == deliveries.CANCELLED

    @property
    def done(self) -> int:
        return self.sent + self.retrying + self.failed + self.cancelled


@dataclass(frozen=True, slots=True)
class Claimed:
    recipient: str
    message: bytes
    key: str


def pass_clock(now: datetime) -> Clock:
    """`now` moved on by the time the pass has taken: the current time in a real pass
    (whose `now` is read from the wall clock as it starts), and stays close to a test's
    fixed `now`. Leases, send times and retry times are read from it."""
    started = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - started)


def _backoff(settings: Settings, attempts: int) -> timedelta:
    return timedelta(seconds=settings.delivery.retry_base_seconds * 2 ** max(attempts - 1, 0))


def _lease(settings: Settings) -> timedelta:
    """Long enough for one SMTP transaction to finish or time out; only a claim from
    another host, whose process we cannot see, is ever taken over when it runs out."""
    return timedelta(
        seconds=4 * settings.smtp.timeout_seconds + settings.delivery.retry_base_seconds
    )


def _next_batch(
    database: Database, settings: Settings, now: datetime, clock: Clock, tried: set[int]
) -> list[tuple[int, str | None]]:
    """(id, abandoned claimant to take over or None), oldest first, none tried in this pass."""
    with database.sessions() as session:
        due = [(i, None) for i in deliveries.due(session, now, settings.delivery.batch_size)]
        claims = deliveries.claims(session)
    wall = clock()
    orphans = [(c.delivery_id, c.claimant) for c in claims if is_abandoned(c, wall)]
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
    clock: Clock,
    take_over: str | None,
) -> Claimed | str | None:
    """The claimed email; or why it was cancelled instead; or None (another process has
    it, or it is no longer due)."""
    with database.sessions.begin() as session:
        at = clock()
        lease = at + _lease(settings)
        if not deliveries.claim(
            session, delivery_id, now, at, lease, claimant_id(), take_over_from=take_over
        ):
            return None
        row = session.get(DeliveryRow, delivery_id)
        assert row is not None
        reason = deliveries.unwanted_reason(session, row)
        if reason is not None:
            row.attempts -= 1  # nothing was attempted
            deliveries.cancel(row, reason)
            log.info(
                "delivery %s to %s %s",
                row.dedupe_key,
                row.recipient,
                reason,
                extra={"event": "delivery_cancelled", "delivery": row.id},
            )
            return reason
        return Claimed(row.recipient, row.message, row.dedupe_key)


def _finish(
    database: Database,
    settings: Settings,
    delivery_id: int,
    error: str | None,
    permanent: bool,
    at: datetime,
) -> str:
    with database.sessions.begin() as session:
        row = session.get(DeliveryRow, delivery_id)
        assert row is not None
        row.claimed_by, row.claimed_at = None, None
        if error is None:
            row.status, row.sent_at, row.last_error, row.next_attempt_at = (
                deliveries.SENT,
                at,
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
            row.next_attempt_at = at + _backoff(settings, row.attempts)
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
    except Exception as exc:  # a fault of ours must not leave the claim held until restart
        log.exception("unexpected error sending %s", claimed.key)
        return f"{type(exc).__name__}: {exc}", "retry"
    return None, "sent"


@dataclass
class _Pass:
    database: Database
    settings: Settings
    transport: Transport
    now: datetime
    clock: Clock
    report: DeliveryReport
    on_progress: Progress | None
    should_stop: Callable[[], bool]

    def run(self, tried: set[int]) -> bool:
        """Send every due delivery not tried yet; False when asked to stop."""
        while batch := _next_batch(self.database, self.settings, self.now, self.clock, tried):
            for delivery_id, take_over in batch:
                if self.should_stop():
                    return False
                tried.add(delivery_id)
                self.one(delivery_id, take_over)
        return True

    def one(self, delivery_id: int, take_over: str | None) -> None:
        claimed = _claim(self.database, self.settings, delivery_id, self.now, self.clock, take_over)
        if claimed is None:
            return  # another process took it, or it is no longer due
        if isinstance(claimed, str):
            self.report.count(deliveries.CANCELLED)
        else:
            error, kind = self.report.server_problem, "unavailable"
            if error is None:
                error, kind = _attempt(self.transport, claimed)
                if kind == "unavailable":
                    self.report.server_problem = error
            status = _finish(
                self.database, self.settings, delivery_id, error, kind == "permanent", self.clock()
            )
            self.report.count(status)
        if self.on_progress is not None:
            self.on_progress(self.report.done)


def deliver_due(
    database: Database,
    settings: Settings,
    transport: Transport,
    now: datetime,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    clock: Clock | None = None,
) -> DeliveryReport:
    """Send everything due at `now`, each delivery at most once per pass.

    When the server cannot be reached or refuses our settings, every delivery due in
    this pass has a failed attempt recorded without trying to connect again: they all
    wait for the server. A stopping service ends the pass between two emails
    (`should_stop`). The admin's report of emails that failed for good is sent in the
    pass that records it.
    """
    clock = clock or pass_clock(now)
    report = DeliveryReport()
    run = _Pass(database, settings, transport, now, clock, report, on_progress, should_stop)
    tried: set[int] = set()
    admin.isolated(admin.report_failed_deliveries, database, settings, clock())
    try:
        while run.run(tried) and report.server_problem is None:
            if not admin.isolated(admin.report_failed_deliveries, database, settings, clock()):
                break
    finally:
        transport.close()
    admin.isolated(admin.note_server_problem, database, settings, report, clock())
    return report


__all__ = [
    "DeliveryReport",
    "alert_key",
    "claimant_id",
    "claimant_is_dead",
    "deliver_due",
    "enqueue_alerts",
    "pass_clock",
]
