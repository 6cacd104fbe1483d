"""Claiming sources before a crawl, so no two processes ever crawl one source at once.

The service's own scheduler runs one job per source at a time, but a user may run
`ofsted-watch crawl` by hand while the service crawls the same source, or start
two crawls together. The claim is made in the database by the parent process
before it starts the crawl child (storage/source_claims.py: exactly one of two
claimants wins). A claim left by a process that died is taken over: at once when
that process was on this host and is gone, otherwise once the crawl timeout (which
the claimant enforces on its child) and a margin have passed, so a crash never
blocks a source for ever.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from alerts.claimants import claimant_id, is_abandoned
from service.app import App, utcnow
from storage import source_claims, sources
from storage.deliveries import Claim
from storage.source_claims import CrawlClaim

log = logging.getLogger(__name__)

STALE_MARGIN = timedelta(minutes=5)  # a claim this long past the crawl timeout is dead
DIED = "the crawl process died without finishing this run"


@dataclass
class Claims:
    """What one crawl holds (source id -> claim token) and what it found busy."""

    held: dict[str, str] = field(default_factory=dict)
    busy: dict[str, CrawlClaim] = field(default_factory=dict)


def lease(app: App) -> timedelta:
    return timedelta(seconds=app.settings.crawl.crawl_timeout_seconds) + STALE_MARGIN


def is_stale(claim: CrawlClaim, now: datetime, lease_for: timedelta) -> bool:
    """Dead on this host for certain, or (another host) past its lease."""
    as_delivery = Claim(0, claim.claimant, claim.claimed_at, claim.claimed_at + lease_for)
    return is_abandoned(as_delivery, now)


def _close_dead_runs(app: App, source_id: str, now: datetime) -> None:
    """Runs still open when we hold the claim belong to a crawl that died: close them as
    errors, so the source's health shows what happened."""
    with app.database.sessions.begin() as session:
        for run in sources.running(session, [source_id]):
            outcome = sources.RunOutcome(status="error", errors=1, error_text=DIED)
            sources.finish_run(session, run.id, outcome, now)


def _claim_one(app: App, source_id: str, token: str) -> CrawlClaim | None:
    """Claim one source; None when we have it, else the claim that holds it."""
    me, now = claimant_id(), utcnow()
    with app.database.sessions.begin() as session:
        if source_claims.claim(session, source_id, me, token, now):
            return None
    with app.database.sessions() as session:
        held = source_claims.current(session, source_id)
    if held is None or is_stale(held, now, lease(app)):
        if held is not None:
            log.warning(
                "%s: taking over the claim of %s (since %s), whose crawl died",
                source_id,
                held.claimant,
                held.claimed_at.isoformat(timespec="seconds"),
            )
        with app.database.sessions.begin() as session:
            taken = source_claims.claim(
                session, source_id, me, token, now, take_over=held.token if held else None
            )
        if taken:
            return None
        with app.database.sessions() as session:
            held = source_claims.current(session, source_id) or held
    return held


def claim_sources(app: App, source_ids: list[str]) -> Claims:
    claims = Claims()
    for source_id in source_ids:
        token = uuid.uuid4().hex
        holder = _claim_one(app, source_id, token)
        if holder is None:
            claims.held[source_id] = token
            _close_dead_runs(app, source_id, utcnow())
        else:
            claims.busy[source_id] = holder
    return claims


def mark_stopping(app: App, claims: Claims) -> None:
    with app.database.sessions.begin() as session:
        source_claims.mark_stopping(session, claims.held.values())


def release(app: App, claims: Claims) -> None:
    with app.database.sessions.begin() as session:
        source_claims.release(session, claims.held.values())
    claims.held.clear()


def describe(claim: CrawlClaim) -> str:
    """'process 1234 on host since 2026-11-26 16:40:03 UTC', for the user who lost."""
    host, pid, _ = [*claim.claimant.rsplit(":", 2), "?", "?"][:3]
    since = claim.claimed_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"process {pid} on {host or '?'} since {since}"
