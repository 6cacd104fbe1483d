"""Sources, their runs and their health: every crawl leaves a row, success or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import SourceSettings
from storage.models import SourceRow, SourceRunRow

ERROR_TEXT_LIMIT = 2000
STOPPED = "stopped"  # ended on request before it finished: neither a failure nor a success


@dataclass(frozen=True, slots=True)
class RunOutcome:
    status: str  # ok | not_modified | error | stopped
    items_found: int = 0
    items_new: int = 0
    requests: int = 0
    bytes_received: int = 0
    errors: int = 0
    error_text: str | None = None


def sync_sources(session: Session, sources: Iterable[SourceSettings]) -> None:
    """Make the table mirror the configuration, keeping each source's health history."""
    rows = {row.id: row for row in session.scalars(select(SourceRow))}
    configured = set()
    for source in sources:
        configured.add(source.id)
        row = rows.get(source.id)
        if row is None:
            row = SourceRow(id=source.id, consecutive_failures=0)
            session.add(row)
        if row.url != source.url:
            row.etag = row.last_modified = None  # validators belong to the old address
        row.kind, row.url, row.region, row.enabled = (
            source.kind,
            source.url,
            source.region,
            source.enabled,
        )
    for source_id, row in rows.items():
        if source_id not in configured:
            row.enabled = False  # dropped from the config; its articles keep their source
    session.flush()


def get(session: Session, source_id: str) -> SourceRow | None:
    return session.get(SourceRow, source_id)


def all_sources(session: Session) -> list[SourceRow]:
    return list(session.scalars(select(SourceRow).order_by(SourceRow.id)))


def start_run(session: Session, source_id: str, now: datetime) -> int:
    run = SourceRunRow(source_id=source_id, started_at=now, status="running")
    session.add(run)
    session.flush()
    return run.id


def yielded_nothing(outcome: RunOutcome) -> bool:
    """A run that fetched its listing but produced nothing: what a site redesign looks like.

    Either the listing came back empty, or articles were listed and at least two
    (or all of them) failed while none was stored. One failing link, retried on
    every run until it leaves the feed, is not enough: quiet nights would alarm.
    A 304 Not Modified (status not_modified) fetched nothing, and articles skipped
    because they are stored already are no failures: neither is ever "nothing".
    """
    if outcome.status != "ok":
        return False
    if outcome.items_found == 0:
        return True
    failed_all = outcome.errors >= min(outcome.items_found, 2)
    return outcome.items_new == 0 and failed_all


def finish_run(session: Session, run_id: int, outcome: RunOutcome, now: datetime) -> None:
    """Close a run and update its source's health.

    A run that ends badly while its claimant is stopping the crawl (Ctrl-C, the service
    shutting down) was stopped on request: it is recorded as `stopped` and changes
    neither the failure count nor the last success, so a stop never alarms the admin.
    """
    run = session.get(SourceRunRow, run_id)
    if run is None:
        return
    source = run.source
    if outcome.status == "error" and source.crawl_stopping:
        outcome = replace(outcome, status=STOPPED)
    run.finished_at = now
    run.duration_seconds = max((now - run.started_at).total_seconds(), 0.0)
    run.status = outcome.status
    run.items_found = outcome.items_found
    run.items_new = outcome.items_new
    run.requests = outcome.requests
    run.bytes_received = outcome.bytes_received
    run.errors = outcome.errors
    run.error_text = (outcome.error_text or "")[:ERROR_TEXT_LIMIT] or None
    source.last_run_at = now
    source.last_run_seconds = run.duration_seconds
    if outcome.status == STOPPED:
        session.flush()
        return
    source.items_last_run = outcome.items_found
    if outcome.status == "error":
        source.consecutive_failures += 1
        source.last_error_at = now
        source.last_error = run.error_text
    else:
        source.consecutive_failures = 0
        source.last_success_at = now
    _count_empty(source, outcome, now)
    session.flush()


def _count_empty(source: SourceRow, outcome: RunOutcome, now: datetime) -> None:
    """An empty listing counts only for a source that has yielded before (a new or
    quiet source is not broken); articles that all fail count always."""
    if yielded_nothing(outcome):
        if outcome.items_found > 0 or source.last_productive_at is not None:
            source.consecutive_empty = (source.consecutive_empty or 0) + 1
    elif outcome.status == "ok" and outcome.items_found > 0:
        source.consecutive_empty = 0
        source.last_productive_at = now


def fail_unfinished_runs(
    session: Session, source_ids: Iterable[str], why: str, now: datetime
) -> int:
    """Close runs a crashed or killed crawl left open, so health shows the failure."""
    runs = session.scalars(
        select(SourceRunRow).where(
            SourceRunRow.source_id.in_(list(source_ids)), SourceRunRow.status == "running"
        )
    ).all()
    for run in runs:
        finish_run(session, run.id, RunOutcome(status="error", errors=1, error_text=why), now)
    return len(runs)


def running(session: Session, source_ids: Iterable[str]) -> list[SourceRunRow]:
    """Runs still open for these sources: a crawl in progress, or one whose process died."""
    query = select(SourceRunRow).where(
        SourceRunRow.source_id.in_(list(source_ids)), SourceRunRow.status == "running"
    )
    return list(session.scalars(query.order_by(SourceRunRow.id)))


def last_runs(session: Session, source_id: str, limit: int = 5) -> list[SourceRunRow]:
    query = (
        select(SourceRunRow)
        .where(SourceRunRow.source_id == source_id)
        .order_by(SourceRunRow.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def runs_since(session: Session, since: datetime) -> list[SourceRunRow]:
    return list(
        session.scalars(
            select(SourceRunRow).where(SourceRunRow.started_at >= since).order_by(SourceRunRow.id)
        )
    )


def save_validators(
    session: Session, source_id: str, etag: str | None, last_modified: str | None
) -> None:
    row = session.get(SourceRow, source_id)
    if row is not None:
        row.etag, row.last_modified = etag, last_modified
