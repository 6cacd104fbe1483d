"""Small facts the running service publishes for `status`: its heartbeat and each job's
last run. APScheduler's job store keeps only the next run time; the last one lives here.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ServiceStateRow

SERVICE = "service"
JOB_PREFIX = "job:"


def put(session: Session, key: str, value: str, now: datetime) -> None:
    row = session.get(ServiceStateRow, key)
    if row is None:
        session.add(ServiceStateRow(key=key, value=value, updated_at=now))
    else:
        row.value, row.updated_at = value, now


def get(session: Session, key: str) -> ServiceStateRow | None:
    return session.get(ServiceStateRow, key)


def put_json(session: Session, key: str, value: dict[str, Any], now: datetime) -> None:
    put(session, key, json.dumps(value, default=str, sort_keys=True), now)


def get_json(session: Session, key: str) -> tuple[dict[str, Any], datetime] | None:
    """The value and when it was written, or None; a value that is not JSON reads as {}."""
    row = get(session, key)
    if row is None:
        return None
    try:
        value = json.loads(row.value)
    except json.JSONDecodeError:
        value = {}
    return (value if isinstance(value, dict) else {}), row.updated_at


def beat(
    session: Session,
    pid: int,
    host: str,
    started_at: datetime,
    now: datetime,
    process: str | None = None,
) -> None:
    """The service is alive: `status` trusts this only while it is fresh. `process` names
    it beyond host and pid (a restarted container reuses the pid)."""
    value = {"state": "running", "pid": pid, "host": host, "started_at": started_at.isoformat()}
    put_json(session, SERVICE, {**value, "process": process or f"{host}:{pid}"}, now)


def stopped(session: Session, now: datetime) -> None:
    found = get_json(session, SERVICE)
    value = found[0] if found else {}
    put_json(session, SERVICE, {**value, "state": "stopped", "stopped_at": now.isoformat()}, now)


def record_job_run(
    session: Session, job_id: str, outcome: str, error: str | None, now: datetime
) -> None:
    key = JOB_PREFIX + job_id
    found = get_json(session, key)
    runs = int(found[0].get("runs", 0)) if found else 0
    put_json(
        session,
        key,
        {"last_run_at": now.isoformat(), "outcome": outcome, "error": error, "runs": runs + 1},
        now,
    )


def job_runs(session: Session) -> dict[str, dict[str, Any]]:
    rows = session.scalars(
        select(ServiceStateRow).where(ServiceStateRow.key.startswith(JOB_PREFIX))
    )
    out = {}
    for row in rows:
        try:
            out[row.key[len(JOB_PREFIX) :]] = json.loads(row.value)
        except json.JSONDecodeError:
            continue
    return out
