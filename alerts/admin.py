"""What the admin hears about: sources that broke, and emails that could not be delivered.

Each problem is told once. A source's alert is keyed by the run that showed the
problem and marked on the source (`health_alerted_at`) in the same transaction,
so it is not repeated on every failing run; the mark is cleared when the source
works again, so a later breakage is told again. A failed delivery is marked
reported in the transaction that records the admin email about it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from alerts.compose import build_message, environment
from config.settings import ServiceSettings, Settings
from storage import deliveries, sources
from storage.db import Database
from storage.models import DeliveryRow, SourceRow

log = logging.getLogger(__name__)

UNKNOWN, OK, ERROR, FAILING, SILENT = "unknown", "ok", "error", "failing", "silent"
PROBLEMS = (FAILING, SILENT)


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
    deliveries.add(session, key, deliveries.ADMIN, to, str(message["Subject"]), bytes(message), now)
    return True


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
