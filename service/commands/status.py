"""`ofsted-watch status`: is the service running, when each job runs next, the outbox
backlog, and what went wrong last. Read-only: it never touches the job store's schedule.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click
from sqlalchemy import inspect, text

from alerts.admin import OK, SERVER_PROBLEM, UNKNOWN
from alerts.outbox import claimant_is_dead
from service.app import App, utcnow
from service.commands.common import command, console, format_option, pass_app
from service.output import render
from service.scheduler import ALIVE_WITHIN
from storage import deliveries, state
from storage import sources as source_rows

Row = dict[str, Any]
COLUMNS = ["section", "name", "state", "at", "detail"]


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def service_row(found: tuple[dict[str, Any], datetime] | None, now: datetime) -> Row:
    row: Row = {"section": "service", "name": "ofsted-watch", "running": False}
    if found is None:
        return {**row, "state": "never started", "at": None, "detail": "run `ofsted-watch run`"}
    value, beat = found
    where = f"pid {value.get('pid')} on {value.get('host')}"
    row.update(pid=value.get("pid"), host=value.get("host"), last_heartbeat_at=beat)
    if value.get("state") == "stopped":
        return {**row, "state": "stopped", "at": _when(value.get("stopped_at")), "detail": where}
    gone = claimant_is_dead(str(value.get("process") or f"{value.get('host')}:{value.get('pid')}"))
    if gone or now - beat > ALIVE_WITHIN:
        detail = f"{where}; no heartbeat since {beat.isoformat(timespec='seconds')}: killed?"
        return {**row, "state": "not running", "at": beat, "detail": detail}
    started = _when(value.get("started_at"))
    since = f", up since {started.isoformat(timespec='seconds')}" if started else ""
    return {**row, "state": "running", "running": True, "at": beat, "detail": where + since}


def database_row(app: App) -> Row:
    """Which database was read: a relative path run from the wrong folder shows here at once."""
    url = app.database.engine.url
    return {
        "section": "database",
        "name": url.render_as_string(hide_password=True),
        "state": url.get_backend_name(),
        "at": None,
        "detail": "",
    }


def _heartbeat_run(found: tuple[dict[str, Any], datetime] | None) -> dict[str, Any]:
    """The heartbeat's last run is the beat itself (the service does not log each one)."""
    if found is None:
        return {}
    return {"last_run_at": found[1].isoformat(), "outcome": "ok"}


def job_rows(app: App, found: tuple[dict[str, Any], datetime] | None = None) -> list[Row]:
    """Next run times straight from APScheduler's table; last runs from service_state."""
    next_runs: dict[str, datetime | None] = {}
    if inspect(app.database.engine).has_table("apscheduler_jobs"):
        with app.database.engine.connect() as conn:
            for job_id, stamp in conn.execute(
                text("SELECT id, next_run_time FROM apscheduler_jobs ORDER BY id")
            ):
                next_runs[job_id] = (
                    datetime.fromtimestamp(stamp, UTC) if stamp is not None else None
                )
    with app.database.sessions() as session:
        last = state.job_runs(session)
    if "heartbeat" in next_runs and "heartbeat" not in last and found is not None:
        last["heartbeat"] = _heartbeat_run(found)
    rows = []
    for job_id in sorted(next_runs.keys() | last.keys()):
        ran = last.get(job_id, {})
        detail = "never run"
        if ran:
            detail = f"last run {ran.get('last_run_at', '?')[:19]}: {ran.get('outcome')}"
            detail += f" ({ran['error']})" if ran.get("error") else ""
        scheduled = job_id in next_runs
        rows.append(
            {
                "section": "job",
                "name": job_id,
                "state": "scheduled" if scheduled else "removed",
                "at": next_runs.get(job_id),
                "detail": detail,
                "next_run_at": next_runs.get(job_id),
                "last_run_at": _when(ran.get("last_run_at")),
                "last_outcome": ran.get("outcome"),
                "last_error": ran.get("error"),
            }
        )
    return rows


def outbox_rows(app: App) -> list[Row]:
    """The backlog, then each delivery in trouble: retried, failed, or cancelled (and why)."""
    with app.database.sessions() as session:
        counts = deliveries.counts_by_status(session)
        oldest = deliveries.oldest_waiting(session)
        troubled = [
            *deliveries.waiting(session),
            *deliveries.failed(session),
            *deliveries.listing(session, [deliveries.CANCELLED], 20),
        ]
        problem = state.get(session, SERVER_PROBLEM)
    backlog = sum(counts.get(status, 0) for status in deliveries.WAITING)
    shown = (*deliveries.WAITING, deliveries.FAILED, deliveries.CANCELLED)
    rows: list[Row] = [
        {
            "section": "outbox",
            "name": "backlog",
            "state": str(backlog),
            "count": backlog,
            "at": oldest,
            "detail": ", ".join(f"{counts.get(s, 0)} {s}" for s in (*shown, deliveries.SENT))
            + (f"; mail server: {problem.value}" if problem else ""),
            "counts": {s: counts.get(s, 0) for s in shown},
        }
    ]
    for d in troubled:
        when = d.next_attempt_at if d.status in deliveries.WAITING else d.created_at
        rows.append(
            {
                "section": "delivery",
                "name": f"#{d.id} {d.kind}",
                "state": d.status,
                "at": when,
                "detail": f"to {d.recipient}, {d.attempts} attempt(s): {d.last_error}",
                "recipient": d.recipient,
                "subject": d.subject,
                "attempts": d.attempts,
                "last_error": d.last_error,
            }
        )
    return rows


def source_rows_with_problems(app: App) -> list[Row]:
    with app.database.sessions() as session:
        found = [s for s in source_rows.all_sources(session) if s.enabled]
    return [
        {
            "section": "source",
            "name": s.id,
            "state": s.health,
            "at": s.last_error_at or s.last_run_at,
            "detail": s.last_error or f"{s.consecutive_empty} run(s) in a row yielded nothing",
            "consecutive_failures": s.consecutive_failures,
        }
        for s in found
        if s.health not in (OK, UNKNOWN)
    ]


def last_error_row(rows: list[Row], app: App) -> Row | None:
    """The most recent error anywhere: a source's, a job's or a delivery's."""
    candidates: list[tuple[datetime | None, str, str | None]]
    with app.database.sessions() as session:
        candidates = [
            (s.last_error_at, f"source {s.id}", s.last_error)
            for s in source_rows.all_sources(session)
            if s.last_error_at and s.last_error
        ]
        delivery = deliveries.last_error(session)
    candidates += [
        (r["last_run_at"], f"job {r['name']}", r["last_error"])
        for r in rows
        if r["section"] == "job" and r.get("last_error") and r.get("last_run_at")
    ]
    if candidates:
        when, where, error = max(candidates, key=lambda c: c[0] or datetime.min.replace(tzinfo=UTC))
    elif delivery is not None:
        when, where, error = None, f"delivery #{delivery.id}", delivery.last_error
    else:
        return None
    return {"section": "error", "name": where, "state": "last error", "at": when, "detail": error}


@command("status")
@format_option
@click.option("--check", is_flag=True, help="Exit with status 1 unless the service is running.")
@pass_app
def status_command(app: App, fmt: str, check: bool) -> None:
    """Is the service running, when each job runs next, the outbox backlog, the last error."""
    app.init_database()
    with app.database.sessions() as session:
        found = state.get_json(session, state.SERVICE)
    service = service_row(found, utcnow())
    jobs = job_rows(app, found)
    rows = [service, database_row(app), *jobs, *outbox_rows(app), *source_rows_with_problems(app)]
    error = last_error_row(rows, app)
    if error is not None:
        rows.append(error)
    render(_uniform(rows), fmt, COLUMNS, console(), title="ofsted-watch status")
    if check and not service["running"]:
        raise click.exceptions.Exit(1)


def _uniform(rows: list[Row]) -> list[Row]:
    """Every row with the same keys, the five columns first (csv takes the first row's keys);
    times to the second."""
    extra = sorted({key for row in rows for key in row} - set(COLUMNS))
    out = []
    for row in rows:
        values = {key: row.get(key) for key in [*COLUMNS, *extra]}
        for key, value in values.items():
            if isinstance(value, datetime):
                values[key] = value.replace(microsecond=0)
        out.append(values)
    return out
