"""What the admin hears about: sources that broke, emails that could not be delivered,
and a mail server that refuses us.

Each problem is told once. A source's alert is keyed by the run that showed the
problem and marked on the source (`health_alerted_at`) in the same transaction,
so it is not repeated on every failing run; the mark is cleared when the source
works again, so a later breakage is told again. A failed delivery is marked
reported in the transaction that records the admin email about it. A mail server
problem is marked in service_state until an email goes out again.

Admin mail is a side channel: whatever goes wrong with it is logged and never
stops subscribers' alerts from being recorded and sent (`isolated`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from alerts.compose import build_message, environment
from config.settings import ServiceSettings, Settings
from storage import deliveries, sources, state
from storage.db import Database
from storage.models import DeliveryRow, SourceRow

log = logging.getLogger(__name__)

UNKNOWN, OK, ERROR, FAILING, SILENT = "unknown", "ok", "error", "failing", "silent"
PROBLEMS = (FAILING, SILENT)
SERVER_PROBLEM = "mail_server_problem"  # service_state key while the admin knows of one

T = TypeVar("T")


def isolated(task: Callable[..., T], *args: Any) -> T | None:
    """Run a piece of admin bookkeeping; on any failure log it and carry on (None)."""
    try:
        return task(*args)
    except Exception as exc:
        name = getattr(task, "__name__", "admin task")
        log.error(
            "%s failed, carrying on without it: %s: %s",
            name,
            type(exc).__name__,
            exc,
            extra={"event": "admin_task_failed", "task": name},
        )
        return None


def source_health(row: SourceRow, service: ServiceSettings) -> str:
    """unknown (never run), ok, error (a recent failure), failing (N in a row), silent
    (runs that work but yield nothing, as after a site redesign)."""
    if row.last_run_at is None:
        return UNKNOWN
    if row.consecutive_failures >= service.failure_alert_threshold:
        return FAILING
    if (row.consecutive_empty or 0) >= service.empty_alert_threshold:
        return SILENT
    return ERROR if row.consecutive_failures else OK


def record_admin_email(
    session: Session,
    settings: Settings,
    key: str,
    subject: str,
    lines: Sequence[str],
    now: datetime,
) -> bool:
    """Put one email to the admin in the outbox; False when there is no admin address
    (the log line, written by the caller, is then all there is) or it exists already."""
    to = settings.delivery.admin_address
    if not to or deliveries.existing_keys(session, [key]):
        return False
    context = {"headline": subject, "lines": list(lines)}
    message = build_message(
        environment(settings), settings, "admin", to, subject, key, context, now, html=False
    )
    subject_line = str(message["Subject"])
    return deliveries.add(session, key, deliveries.ADMIN, to, subject_line, bytes(message), now)


def _source_lines(session: Session, row: SourceRow, health: str) -> list[str]:
    if health == FAILING:
        what = f"It has failed {row.consecutive_failures} time(s) in a row."
    else:
        what = (
            f"Its last {row.consecutive_empty} run(s) yielded nothing: an empty listing, or "
            "articles that all failed to extract. A site redesign looks like this."
        )
    lines = [f"Source: {row.id} ({row.kind}) {row.url}", what]
    if row.last_error:
        lines.append(f"Last error: {row.last_error}")
    lines += ["", "Recent runs (newest first):"]
    for run in sources.last_runs(session, row.id):
        took = f"{run.duration_seconds:.1f} s" if run.duration_seconds is not None else "-"
        lines.append(
            f"  {run.started_at:%Y-%m-%d %H:%M} UTC  {run.status:<12} found {run.items_found}, "
            f"new {run.items_new}, errors {run.errors}, {took}"
            + (f": {run.error_text}" if run.error_text else "")
        )
    lines += [
        "",
        "See `ofsted-watch sources`. A source that has gone away is switched off with",
        f'[[sources]] id = "{row.id}" enabled = false in the configuration.',
        "You will hear again only if it recovers and then breaks again.",
    ]
    return lines


def review_sources(database: Database, settings: Settings, now: datetime) -> list[str]:
    """Update each enabled source's health; tell the admin of new problems, once.
    Returns the ids of sources reported now."""
    reported = []
    with database.sessions.begin() as session:
        for row in sources.all_sources(session):
            if not row.enabled:
                continue
            health = source_health(row, settings.service)
            row.health = health
            if health in PROBLEMS and row.health_alerted_at is None:
                last = sources.last_runs(session, row.id, 1)
                key = f"admin:source:{row.id}:run:{last[0].id if last else 0}"
                subject = f"ofsted-watch: source {row.id} is {health}"
                record_admin_email(
                    session, settings, key, subject, _source_lines(session, row, health), now
                )
                row.health_alerted_at = now
                reported.append(row.id)
                log.error(
                    "source %s is %s: %s",
                    row.id,
                    health,
                    row.last_error or "runs yield nothing",
                    extra={"event": "source_unhealthy", "source": row.id, "health": health},
                )
            elif health in (OK, UNKNOWN) and row.health_alerted_at is not None:
                row.health_alerted_at = None
                log.info("source %s works again", row.id, extra={"event": "source_recovered"})
    return reported


def _delivery_line(row: DeliveryRow) -> str:
    return (
        f"#{row.id} {row.kind} to {row.recipient}: {row.subject}\n"
        f"    {row.attempts} attempt(s), last error: {row.last_error}"
    )


def report_failed_deliveries(database: Database, settings: Settings, now: datetime) -> int:
    """One admin email for all deliveries that failed for good since the last report."""
    with database.sessions.begin() as session:
        rows = deliveries.unreported_failures(session)
        if not rows:
            return 0
        lines = [
            f"{len(rows)} email(s) could not be delivered and will not be retried:",
            "",
            *map(_delivery_line, rows),
            "",
            "`ofsted-watch status` lists failed deliveries.",
        ]
        subject = f"ofsted-watch: {len(rows)} email(s) could not be delivered"
        # The lowest id names the batch: a delivery fails, and is reported, only once.
        record_admin_email(
            session, settings, f"admin:deliveries-failed:{rows[0].id}", subject, lines, now
        )
        for row in rows:
            row.failure_reported_at = now
        return len(rows)


class PassOutcome(Protocol):
    sent: int
    server_problem: str | None


def note_server_problem(
    database: Database, settings: Settings, outcome: PassOutcome, now: datetime
) -> bool:
    """A mail server that cannot be reached or refuses our settings: log it every pass,
    tell the admin once (the email waits in the outbox like the rest), and forget it
    when an email goes out again. Returns True when the admin email was recorded now."""
    with database.sessions.begin() as session:
        known = state.get(session, SERVER_PROBLEM)
        if outcome.server_problem is None:
            if known is not None and outcome.sent:
                session.delete(known)
                log.info("the mail server accepts email again", extra={"event": "smtp_ok"})
            return False
        log.error(
            "no email could be sent: %s",
            outcome.server_problem,
            extra={"event": "smtp_unavailable"},
        )
        if known is not None:
            return False
        state.put(session, SERVER_PROBLEM, outcome.server_problem, now)
        lines = [
            "ofsted-watch could not send email:",
            f"  {outcome.server_problem}",
            "",
            "Every email waits in the outbox and is retried with backoff; nothing is lost",
            "unless this lasts through delivery.max_attempts. Check the [smtp] settings",
            "(host, port, TLS, username, from_addr) and OFSTED_WATCH_SMTP__PASSWORD.",
            "`ofsted-watch outbox` lists what waits; `outbox --retry-failed` re-queues",
            "emails that gave up. You will hear again only after email flows and then stops.",
        ]
        subject = "ofsted-watch: email cannot be sent"
        key = f"admin:mail-server:{now.isoformat(timespec='seconds')}"
        return record_admin_email(session, settings, key, subject, lines, now)
